"""Overview: the headline figures as an event slide states them, and the yearly chart."""

import streamlit as st

from analysis import metrics
from analysis.charts.overview import submissions_per_year
from analysis.i18n import fmt_int, fmt_percent, fmt_plus, fmt_signed_percent
from ui import shell
from ui.components import base_caption, chart, empty_state, require_round, require_view
from ui.deck_download import deck_download_button
from ui.text import tr

context = shell.current()
lang = context.lang
st.title(tr("overview.title"))

survey, view = require_round(context)
info = survey.info
require_view(context, tr("overview.subtitle", label=info.label, period=info.period_label or "–"))
if context.withheld:
    empty_state("ui.withheld", n=shell.MIN_GROUP_POLES)
    st.stop()

figures = metrics.headline(view)
per_year = metrics.by_year(view)
first_year = int(per_year["year"].min()) if len(per_year) else info.period_start


def caption_for(measure: metrics.Measure) -> str:
    """The tile's base line."""
    return base_caption(measure, label=info.label, synthetic=info.synthetic)


row1 = st.columns(3)
row2 = st.columns(3)

with row1[0]:
    rate = figures.response_rate
    st.metric(tr("overview.respondents"), fmt_int(figures.respondents, lang), border=True)
    if rate.value is not None and context.filters.is_unrestricted:
        st.caption(
            tr(
                "overview.respondents_detail",
                rate=fmt_percent(rate.value, lang, 1),
                n=figures.respondents,
                surveyed=info.poles_surveyed,
            )
        )
    else:
        st.caption(tr("overview.respondents_no_rate"))

with row1[1]:
    submitted = figures.projects_submitted
    st.metric(
        tr("overview.submitted", year=str(first_year or "")),
        fmt_plus(submitted.value, lang),
        help=tr("overview.exact", value=fmt_int(submitted.value, lang)),
        border=True,
    )
    st.caption(
        tr("overview.exact", value=fmt_int(submitted.value, lang)) + " · " + caption_for(submitted)
    )

with row1[2]:
    growth = figures.projects_submitted_cagr
    st.metric(
        tr("overview.growth"),
        fmt_signed_percent(growth.value, lang),
        help=fmt_percent(growth.value, lang, 1) if growth.value is not None else None,
        border=True,
    )
    st.caption(tr("overview.growth_detail", period=info.period_label) + " · " + caption_for(growth))

with row2[0]:
    recruitments = figures.europe_team_recruitments
    st.metric(
        tr("overview.recruitments"),
        fmt_plus(recruitments.value, lang),
        help=tr("overview.exact", value=fmt_int(recruitments.value, lang)),
        border=True,
    )
    st.caption(
        tr("overview.exact", value=fmt_int(recruitments.value, lang))
        + " · "
        + caption_for(recruitments)
    )

with row2[1]:
    coordinators = figures.coordinator_members
    st.metric(tr("overview.coordinators"), fmt_int(coordinators.value, lang), border=True)
    st.caption(caption_for(coordinators))

with row2[2]:
    plans = figures.plans_to_recruit
    st.metric(tr("overview.plans"), fmt_percent(plans.value, lang), border=True)
    yes = figures.plans_to_recruit_yes
    st.caption(
        tr("overview.plans_detail", yes=yes.value or 0, n=plans.n) + " · " + caption_for(plans)
    )

if len(per_year):
    cagr = figures.projects_submitted_cagr.value
    fig = submissions_per_year(per_year, cagr, info=info, n=len(view.responses), lang=lang)
    chart(fig, key="overview_submissions", filename=f"submissions_{info.label}")

deck_download_button(context, key="deck_download_overview")
