"""Overview: the headline figures as an event slide states them, and the yearly chart."""

import streamlit as st

from analysis.analytics import metrics
from analysis.charts.overview import submissions_per_year
from analysis.core.i18n import fmt_int, fmt_percent, fmt_plus, fmt_signed_percent
from ui import data, shell
from ui.components import (
    base_caption,
    chart,
    empty_state,
    require_round,
    require_view,
    tile,
)
from ui.deck_download import deck_download_button
from ui.text import tr, tr_md

context = shell.current()
lang = context.lang
st.title(tr("overview.title"))

survey, view = require_round(context)
info = survey.info
require_view(context, tr_md("overview.subtitle", label=info.label, period=info.period_label or "–"))
if context.withheld:
    empty_state("ui.withheld", n=shell.MIN_GROUP_POLES)
    st.stop()

figures, per_year = data.headline(
    data.database_url(), context.label, context.version, context.filters
)
first_year = int(per_year["year"].min()) if len(per_year) else info.period_start


def base(measure: metrics.Measure) -> str:
    """The tile's base line (the synthetic notice is the page's banner, not every tile's)."""
    return base_caption(measure, label=info.label, synthetic=False)


def figure_tile(
    label: str, measure: metrics.Measure, value: str, *, help: str, detail: str
) -> None:
    """A headline tile, or, when nobody in the view answered its question (a round that did
    not ask it), a dash that says so instead of a figure resting on n = 0."""
    if measure.value is None:
        tile(
            label,
            "–",
            help=help,
            detail=tr_md("overview.unanswered", label=info.label),
            base=tr_md("overview.no_base", label=info.label),
        )
        return
    tile(label, value, help=help, detail=detail, base=base(measure))


submitted = figures.projects_submitted
growth = figures.projects_submitted_cagr
recruitments = figures.europe_team_recruitments
coordinators = figures.coordinator_members
plans = figures.plans_to_recruit
rate = figures.response_rate
if not context.filters.is_unrestricted:
    # A response rate is the whole round's: the poles surveyed are not known per region.
    respondents_detail = tr(
        "overview.respondents_filtered", n=figures.respondents, total=len(survey.responses)
    )
elif rate.value is not None:
    respondents_detail = tr(
        "overview.respondents_detail",
        rate=fmt_percent(rate.value, lang, 1),
        n=figures.respondents,
        surveyed=info.poles_surveyed,
    )
else:
    respondents_detail = tr("overview.respondents_no_rate")
row1 = st.columns(3)
row2 = st.columns(3)
with row1[0]:
    tile(
        tr("overview.respondents"),
        fmt_int(figures.respondents, lang),
        help=tr("overview.help_respondents"),
        detail=respondents_detail,
        base=base(rate),
    )
with row1[1]:
    figure_tile(
        tr("overview.submitted", year=str(first_year or "")),
        submitted,
        fmt_plus(submitted.value, lang),
        help=tr("overview.help_submitted"),
        detail=tr("overview.exact", value=fmt_int(submitted.value, lang)),
    )
with row1[2]:
    figure_tile(
        tr("overview.growth"),
        growth,
        fmt_signed_percent(growth.value, lang),
        help=tr("overview.help_growth"),
        detail=tr(
            "overview.growth_detail",
            period=info.period_label,
            exact=fmt_percent(growth.value, lang, 1),
        ),
    )
with row2[0]:
    figure_tile(
        tr("overview.recruitments"),
        recruitments,
        fmt_plus(recruitments.value, lang),
        help=tr("overview.help_recruitments"),
        detail=tr("overview.exact", value=fmt_int(recruitments.value, lang)),
    )
with row2[1]:
    figure_tile(
        tr("overview.coordinators"),
        coordinators,
        fmt_int(coordinators.value, lang),
        help=tr("overview.help_coordinators"),
        detail=tr("overview.coordinators_detail"),
    )
with row2[2]:
    figure_tile(
        tr("overview.plans"),
        plans,
        fmt_percent(plans.value, lang),
        help=tr("overview.help_plans"),
        detail=tr("overview.plans_detail", yes=figures.plans_to_recruit_yes.value or 0, n=plans.n),
    )

if len(per_year):
    cagr = figures.projects_submitted_cagr.value
    fig = submissions_per_year(per_year, cagr, info=info, n=len(view.responses), lang=lang)
    chart(fig, key="overview_submissions", filename=f"submissions_{info.label}")

deck_download_button(context, key="deck_download_overview")
