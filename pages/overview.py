"""Overview: the headline figures as an event slide states them, and the yearly chart."""

import streamlit as st

from analysis.analytics import metrics
from analysis.analytics.figures import by_id, figures_of
from analysis.core import policy
from analysis.core.i18n import fmt_percent, fmt_signed_percent
from ui import cached_store, phone, shell
from ui.components import (
    base_caption,
    chart,
    empty_state,
    require_round,
    require_view,
    tile,
)
from ui.deck_download import deck_download_button
from ui.report_download import fact_sheet_button
from ui.text import tr, tr_md

context = shell.current()
lang = context.lang
st.title(tr("overview.title"))

survey, view = require_round(context)
info = survey.info
require_view(context, tr_md("overview.subtitle", label=info.label, period=info.period_label or "–"))
if context.withheld:
    empty_state("ui.withheld", n=policy.MIN_GROUP_POLES)
    st.stop()

figures, per_year = cached_store.headline(
    cached_store.database_url(), context.label, context.version, context.filters
)
first_year = int(per_year["year"].min()) if len(per_year) else info.period_start


registry = by_id(figures_of(view, lang, headline=figures, per_year=per_year))


def base(measure: metrics.Measure) -> str:
    """The tile's base line (the synthetic notice is the page's banner, not every tile's)."""
    return base_caption(measure, label=info.label, synthetic=False)


#: On a phone the six tiles go two by two, compact, so the first screen shows them all.
compact = phone.is_phone()


def figure_tile(
    figure_id: str,
    *,
    help: str,
    detail: str,
    base_measure: metrics.Measure | None = None,
    missing: str | None = None,
) -> None:
    """A headline tile as the figure registry states it (label, value as shown, link to its
    Method entry); or, when it has no value, a dash that says why: `missing` when the page
    knows (a growth over a single year), else that nobody in the view answered its question
    (a round that did not ask it), instead of a figure resting on n = 0."""
    figure = registry[figure_id]
    if figure.value is None:
        tile(
            figure.label,
            "–",
            help=help,
            detail=missing or tr_md("overview.unanswered", label=info.label),
            base=(
                base(metrics.Measure(None, len(view.responses)))
                if missing
                else tr_md("overview.no_base", label=info.label)
            ),
            figure=figure_id,
            compact=compact,
        )
        return
    measure = base_measure or metrics.Measure(figure.value, figure.n)
    tile(
        figure.label,
        figure.display,
        help=help,
        detail=detail,
        base=base(measure),
        figure=figure_id,
        compact=compact,
    )


growth = figures.projects_submitted_cagr
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
        rate=registry["response_rate"].display,
        n=figures.respondents,
        surveyed=info.poles_surveyed,
    )
else:
    respondents_detail = tr("overview.respondents_no_rate")
# Keyed: `ui/static/phone.css` keeps this grid's columns side by side on a phone.
with st.container(key="phone_grid" if compact else "tiles"):
    slots = [s for _ in range(3 if compact else 2) for s in st.columns(2 if compact else 3)]
row1, row2 = slots[:3], slots[3:]
# The chart is sent before the tiles fill their slots above it: the browser starts
# loading plotly.js (its largest chunk) while it draws the tiles (issue 17).
fig = cached_store.overview_chart(
    cached_store.database_url(), context.label, context.version, context.filters, lang
)
if fig is not None:
    chart(fig, key="overview_submissions", filename=f"submissions_{info.label}")
with row1[0]:
    figure_tile(
        "respondents",
        help=tr("overview.help_respondents"),
        detail=respondents_detail,
        base_measure=rate,
    )
with row1[1]:
    figure_tile(
        "projects_submitted_total",
        help=tr("overview.help_submitted"),
        detail=tr("overview.exact", value=registry["projects_submitted_total"].exact),
    )
growth_all = figures.projects_submitted_cagr_all
growth_differs = metrics.growth_differs(growth, growth_all)
last_year = int(per_year["year"].max()) if len(per_year) else info.period_end
with row1[2]:
    growth_detail = tr(
        "overview.growth_detail",
        first=str(first_year),
        last=str(last_year),
        exact=fmt_percent(growth.value, lang, 1),
        n=growth.n,
    )
    if growth_differs:
        growth_detail += " " + tr(
            "overview.growth_all_note", rate=fmt_signed_percent(growth_all.value, lang, 1)
        )
    # A growth needs two years: a view of one year (the years filter) has none, although
    # its poles answered.
    one_year = tr("figures.growth_one_year", year=str(last_year)) if len(per_year) == 1 else None
    figure_tile(
        "projects_submitted_cagr",
        help=tr("overview.help_growth"),
        detail=growth_detail,
        missing=one_year,
    )
with row2[0]:
    figure_tile(
        "europe_team_recruitments_total",
        help=tr("overview.help_recruitments"),
        detail=tr("overview.exact", value=registry["europe_team_recruitments_total"].exact),
    )
with row2[1]:
    figure_tile(
        "coordinator_members_total",
        help=tr("overview.help_coordinators"),
        detail=tr("overview.coordinators_detail"),
    )
with row2[2]:
    figure_tile(
        "plans_to_recruit_share",
        help=tr("overview.help_plans"),
        detail=tr("overview.plans_detail", yes=figures.plans_to_recruit_yes.value or 0, n=plans.n),
    )


deck_column, sheet_column = st.columns(2)
with deck_column:
    deck_download_button(context, key="deck_download_overview")
with sheet_column:
    fact_sheet_button(context, key="report_sheet_overview")
