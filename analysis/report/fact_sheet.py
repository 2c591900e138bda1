"""The one-page fact sheet: what `templates/fact_sheet.typ` shows, computed here, then typeset.

The big numbers are the figure registry's (`analysis.analytics.figures`), written as the
overview's tiles write them, over the filtered view; a figure too few poles answered is
withheld as everywhere else (`policy.may_show_group`). The yearly chart is the overview's:
each year's total with its change on the year before, on the poles that answered both.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd

from analysis.analytics import metrics
from analysis.analytics.figures import Figure, by_id, figures_of
from analysis.analytics.filters import Filters
from analysis.core import policy
from analysis.core.i18n import Lang, fmt_int, fmt_signed_percent, t
from analysis.core.model import SurveyRound
from analysis.deck.wording import filters_in_words, period_of
from analysis.report.naming import report_stem
from analysis.report.pole import common_fields, counted
from analysis.report.typeset import render

#: The tiles, in reading order: the overview's headline figures and who answered.
TILES: tuple[str, ...] = (
    "projects_submitted_total",
    "projects_submitted_cagr",
    "europe_team_recruitments_total",
    "coordinator_members_total",
    "plans_to_recruit_share",
    "respondents",
)


def fact_sheet_filename(label: str, lang: Lang, filters: Filters) -> str:
    """`fact-sheet_2023_en.pdf` / `fiche_2023_fr.pdf`, `_filtered` when filters narrow it."""
    stem = report_stem(t("report.file_kind_sheet", lang), label, lang)
    if not filters.is_unrestricted:
        stem += "_" + t("report.file_filtered", lang)
    return stem + ".pdf"


def _tile(figure: Figure, single_pole: bool, lang: Lang) -> dict[str, str]:
    if figure.value is None:
        return {"big": "–", "label": figure.label, "base": t("report.tile_unanswered", lang)}
    if not policy.may_show_group(figure.n, single_pole):
        base = t("report.tile_too_few", lang, min=policy.MIN_GROUP_POLES)
        return {"big": "–", "label": figure.label, "base": base}
    return {"big": figure.display, "label": figure.label, "base": figure.base}


def _years(per_year: pd.DataFrame, single_pole: bool, lang: Lang) -> list[dict[str, Any]]:
    items = []
    for row in per_year.itertuples(index=False):
        shown = not pd.isna(row.total) and policy.may_show_group(int(row.n), single_pole)
        change = "" if pd.isna(row.growth) else " · " + fmt_signed_percent(float(row.growth), lang)
        items.append(
            {
                "label": f"{int(row.year)}{change}",
                "value": float(row.total) if shown else None,
                "shown": fmt_int(float(row.total), lang) if shown else "–",
            }
        )
    return items


def sheet_data(
    survey: SurveyRound,
    filters: Filters,
    lang: Lang,
    *,
    view: SurveyRound | None = None,
    today: date | None = None,
) -> dict[str, Any]:
    """Everything the fact sheet shows, for `survey` seen through `filters`."""
    view = filters.apply(survey) if view is None else view
    single = len(filters.poles) == 1
    headline = metrics.headline(view)
    per_year = metrics.panel_year_over_year(view)
    registry = by_id(figures_of(view, lang, headline=headline, per_year=per_year))
    n = headline.respondents
    label = survey.info.label
    period = period_of(view.years)
    growth = registry["projects_submitted_cagr"]
    chart_note = (
        counted("report.sheet_growth", growth.n, lang, rate=growth.exact, period=period)
        if growth.value is not None and policy.may_show_group(growth.n, single)
        else t("report.sheet_growth_unknown", lang)
    )
    fields = common_fields(survey, lang, n, today or date.today())
    return {
        **fields,
        "title": t("report.sheet_title", lang),
        "kicker": t("report.sheet_kicker", lang, label=label, period=period),
        "subtitle": counted(
            "report.sheet_subtitle", n, lang, filters=filters_in_words(filters, lang)
        ),
        "tiles": [_tile(registry[key], single, lang) for key in TILES],
        "chart_title": t("report.sheet_chart_title", lang, period=period),
        "years": _years(per_year, single, lang),
        "chart_note": chart_note,
        "notes_title": t("report.reading_title", lang),
        "notes": [
            fields["source"],
            t("report.reading_blank", lang),
            t("report.sheet_small", lang, small=policy.SMALL_BASE, min=policy.MIN_GROUP_POLES),
            t("report.sheet_method", lang),
        ],
    }


def fact_sheet(
    survey: SurveyRound,
    filters: Filters,
    lang: Lang,
    *,
    view: SurveyRound | None = None,
    today: date | None = None,
) -> bytes:
    """The one-page fact sheet of `survey` through `filters`, in `lang`, as PDF bytes."""
    return render("fact_sheet.typ", sheet_data(survey, filters, lang, view=view, today=today))
