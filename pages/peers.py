"""Poles and peers: one cluster next to all clusters, its region and its sector."""

import streamlit as st

from analysis.analytics import peers
from analysis.analytics.filters import Filters
from analysis.charts.peers import bullet_chart, own_years_chart
from analysis.core import policy
from ui import shell, view_options
from ui.awards import awards_won_caption
from ui.components import chart, empty_state, require_round
from ui.report_download import pole_report_buttons
from ui.tables import show_table
from ui.text import md_escape, tr, tr_md

context = shell.current()
lang = context.lang
st.title(tr("peers.title"))

survey, view = require_round(context)
info = survey.info
if view.responses.empty:
    empty_state("ui.no_match")
    st.stop()

# Peers are every pole of the round (the global filters choose whom to look at, not
# whom to compare with), over the years of the global filter.
filters = context.filters
peer_round = Filters(year_from=filters.year_from, year_to=filters.year_to).apply(survey)

in_view = set(view.poles)
choices = [pole for pole in context.options.poles if pole in in_view]
default = filters.poles[0] if len(filters.poles) == 1 else choices[0]
pole = st.selectbox(
    tr("peers.pole"),
    choices,
    key="peers_pole",
    **view_options.start("peers_pole", choices, default, keyword="index"),
)
view_options.keep("peers_pole", pole, default)

comparison = peers.compare(peer_round, pole)
st.caption(md_escape(peers.identity(comparison, lang)))
awards_won_caption(pole, lang)
st.caption(
    tr_md(
        "peers.scope",
        n=len(peer_round.responses),
        label=info.label,
        period=peers.period_of(peer_round),
    )
)

answered = peers.answered_figures(comparison)
if not answered:
    empty_state("peers.nothing_answered")
    st.stop()
missing = [peers.figure_label(f.key, lang) for f in peers.FIGURES if f.key not in answered]
if missing:
    st.caption(tr_md("peers.unanswered", figures=", ".join(missing)))

table = peers.display_table(comparison, lang=lang)
# Short headers (the full one, naming the region and the sector, is each column's help).
short = ("value", "rank", "percentile", "all", "region", "sector")
show_table(
    table,
    lang,
    key="peers_table",
    labels={str(c): tr(f"peers.short_{k}") for c, k in zip(table.columns[1:], short, strict=True)},
    helps={str(c): str(c) for c in table.columns[1:]},
)
st.caption(tr("peers.table_caption", min=policy.MIN_GROUP_POLES, small=policy.SMALL_BASE))

left, right = st.columns([3, 2])
with left:
    fig = bullet_chart(comparison, pole=pole, info=info, n=len(peer_round.responses), lang=lang)
    # Its rows are figures of different units, each on its own x scale: read off the
    # figure (`ui.components.described`), it would list axis positions as categories.
    # Its numbers are the table's above, which the caption says.
    chart(fig, key="peers_bullets", filename=f"peers_{info.label}", alternative=False)
    st.caption(tr("peers.bullet_caption", min=policy.MIN_GROUP_POLES))
    st.caption(tr("peers.bullet_numbers"))
with right:
    own = peers.own_years(peer_round, pole)
    if not peers.has_answers(own):
        empty_state("peers.years_empty")
    else:
        fig = own_years_chart(own, pole=pole, info=info, lang=lang)
        chart(fig, key="peers_years", filename=f"peers_years_{info.label}")

pole_report_buttons(context, peer_round, pole)
