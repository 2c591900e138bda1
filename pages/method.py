"""Method: every figure of the current view with its exact value, base, formula and rule.

The overview's tiles link here (`?figure=<id>`); the figure asked for comes first. Values
come from the figure registry (`analysis.analytics.figures`), the same the tiles, the deck
and the `figures` command read.
"""

import streamlit as st

from analysis.analytics.figures import Figure, figures_of
from analysis.core import policy
from ui import cached_store, shell
from ui.components import empty_state, require_round, require_view
from ui.text import md_escape, tr

context = shell.current()
st.title(tr("figures.page_title"))

survey, view = require_round(context)
info = survey.info
require_view(
    context, tr("figures.page_subtitle", label=info.label, period=info.period_label or "–")
)
if context.withheld:
    empty_state("ui.withheld", n=policy.MIN_GROUP_POLES)
    st.stop()

headline, per_year = cached_store.headline(
    cached_store.database_url(), context.label, context.version, context.filters
)
figures = figures_of(
    view,
    context.lang,
    headline=headline,
    per_year=per_year,
    whole_round=not context.filters.narrows_poles,
)
asked = st.query_params.get("figure")


def entry(figure: Figure) -> None:
    """One figure: value as shown and exact, base, definition, formula, rule, caveats."""
    with st.container(border=True, key=f"method_{figure.id}"):
        st.header(figure.label, anchor=figure.id)
        st.markdown(
            tr(
                "figures.page_value",
                display=md_escape(figure.display),
                exact=md_escape(figure.exact),
                n=figure.n,
                coverage=figure.coverage,
            )
        )
        for key, text in (
            ("figures.page_base", figure.base),
            ("figures.page_definition", figure.definition),
            ("figures.page_formula", figure.formula),
            ("figures.page_rule", figure.rule),
        ):
            st.markdown(tr(key, text=md_escape(text)))
        for caveat in figure.caveats:
            st.caption(tr("figures.page_caveat", text=md_escape(caveat)))
        st.caption(tr("figures.page_id", id=figure.id))


ordered = sorted(figures, key=lambda f: f.id != asked)  # the figure asked for first
for figure in ordered:
    entry(figure)
