"""One pole's personal report: what `templates/pole.typ` shows, computed here, then typeset.

The comparison is the Poles and peers page's (`analysis.analytics.peers`): the same median,
quartiles, rank and percentile, and the same rule that a group of fewer than
`policy.MIN_GROUP_POLES` poles is not shown. Growth is the overview's: compound yearly
growth from the round's first to its last year, on the poles that answered both years (for
the pole, its own two answers; for the network, the balanced panel). Blank answers stay
blank ("–"), never zero.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd

from analysis.analytics import metrics, peers
from analysis.awards.view import WinnerLike, category_label, pole_awards
from analysis.core import policy
from analysis.core.i18n import Lang, fmt_date, fmt_int, fmt_percent, fmt_signed_percent, t
from analysis.core.model import SurveyRound
from analysis.deck.wording import counted_key
from analysis.report.naming import report_stem
from analysis.report.typeset import render
from analysis.sample.notice import synthetic_notice


def responding_poles(survey: SurveyRound) -> list[str]:
    """The poles that answered the round, once each, in the round's order."""
    return list(dict.fromkeys(survey.poles))


def pole_filename(pole: str, label: str, lang: Lang) -> str:
    """`report_2023_en_Aerospace-Valley.pdf` / `rapport_2023_fr_Aerospace-Valley.pdf`."""
    return report_stem(t("report.file_kind_pole", lang), label, lang, pole) + ".pdf"


def counted(key: str, n: int, lang: Lang, **params: object) -> str:
    """The message `key` about `n` poles, singular or plural as the language says."""
    return t(counted_key(key, n, lang), lang, n=n, **params)


def common_fields(
    survey: SurveyRound, lang: Lang, n: int, today: date, notice: str | None = None
) -> dict[str, Any]:
    """Round, date and source (the footer of every page), the synthetic notice, the language.

    `notice` is the round's synthetic notice when the caller already has it.
    """
    source = counted("charts.source", n, lang, label=survey.info.label)
    if survey.info.synthetic:
        source += " · " + t("charts.synthetic", lang)
    return {
        "lang": lang,
        "source": source,
        "footer": t(
            "report.footer",
            lang,
            label=survey.info.label,
            date=fmt_date(today, lang),
            source=source,
        ),
        "page_word": t("report.page", lang),
        "notice": notice if notice is not None else synthetic_notice(survey, lang),
    }


@dataclass(frozen=True)
class RoundFacts:
    """What every pole's report says about the whole round: computed once for a batch."""

    notice: str | None
    network: pd.DataFrame  # `metrics.by_year` of the submissions
    growth: metrics.Measure  # the network's growth on the balanced panel

    @classmethod
    def of(cls, survey: SurveyRound, lang: Lang) -> RoundFacts:
        """The round's facts, in `lang`."""
        return cls(
            notice=synthetic_notice(survey, lang),
            network=metrics.by_year(survey, "projects_submitted"),
            growth=metrics.panel_cagr(survey),
        )


def _bars(years: pd.Series, values: pd.Series, lang: Lang) -> list[dict[str, Any]]:
    return [
        {
            "label": str(int(year)),
            "value": None if pd.isna(value) else float(value),
            "shown": "–" if pd.isna(value) else fmt_int(float(value), lang),
        }
        for year, value in zip(years, values, strict=True)
    ]


def _growth(
    survey: SurveyRound, pole: str, network: metrics.Measure, lang: Lang
) -> tuple[str, str]:
    """The pole's growth sentence and the network's, on the overview's basis."""
    years = survey.years
    own_round = survey.with_frames(
        responses=survey.responses.loc[survey.responses["pole"] == pole],
        yearly=survey.yearly.loc[survey.yearly["pole"] == pole],
    )
    own = metrics.panel_cagr(own_round)
    if len(years) < 2:
        return t("report.growth_one_year", lang), ""
    first, last = str(years[0]), str(years[-1])
    if own.value is None:
        sentence = t("report.growth_unknown", lang, first=first, last=last)
    else:
        sentence = t(
            "report.growth_own",
            lang,
            rate=fmt_signed_percent(own.value, lang, 1),
            first=first,
            last=last,
        )
    if network.value is None:
        note = t("report.growth_network_unknown", lang)
    else:
        note = counted(
            "report.growth_network",
            network.n,
            lang,
            rate=fmt_signed_percent(network.value, lang, 1),
            first=first,
            last=last,
        )
    return sentence, note


def _positions(comparison: pd.DataFrame, lang: Lang) -> list[dict[str, Any]]:
    everyone = comparison.loc[(comparison["group"] == "all") & ~comparison["too_few"]]
    out = []
    for row in everyone.itertuples(index=False):
        if pd.isna(row.percentile):
            continue
        out.append(
            {
                "label": peers.figure_label(str(row.figure), lang),
                "share": float(row.percentile),
                "shown": t(
                    "report.position",
                    lang,
                    percentile=fmt_percent(float(row.percentile), lang),
                    rank=int(row.rank),
                    n=int(row.n),
                ),
            }
        )
    return out


def _applications(
    survey: SurveyRound, pole: str, winners: Sequence[WinnerLike], lang: Lang
) -> list[list[str]]:
    rows = survey.initiatives.loc[survey.initiatives["pole"] == pole]
    out = []
    for row in rows.itertuples(index=False):
        won = [
            w
            for w in winners
            if w.pole == pole
            and w.category == row.category
            and (not w.initiative_title or w.initiative_title == row.title)
        ]
        result = (
            t("report.result_won", lang, edition=", ".join(str(w.edition_year) for w in won))
            if won
            else t("report.result_none", lang)
        )
        submitted = "–" if pd.isna(row.submitted_on) else fmt_date(row.submitted_on.date(), lang)
        title = "–" if pd.isna(row.title) else str(row.title)
        out.append([title, category_label(row.category, lang), submitted, result])
    return out


def report_data(
    survey: SurveyRound,
    pole: str,
    lang: Lang,
    *,
    winners: Sequence[WinnerLike] = (),
    today: date | None = None,
    facts: RoundFacts | None = None,
) -> dict[str, Any]:
    """Everything the template shows about `pole` (KeyError when it did not answer).

    `facts` are the round's own (`RoundFacts.of(survey, lang)`), given by a batch.
    """
    comparison = peers.compare(survey, pole)
    facts = RoundFacts.of(survey, lang) if facts is None else facts
    table = peers.display_table(comparison, lang=lang)
    n = len(survey.responses)
    label = survey.info.label
    network = facts.network
    own = peers.own_years(survey, pole).set_index("year").reindex(network["year"].astype(int))
    growth, growth_note = _growth(survey, pole, facts.growth, lang)
    return {
        **common_fields(survey, lang, n, today or date.today(), facts.notice),
        "title": t("report.pole_title", lang, pole=pole, label=label),
        "kicker": t("report.pole_kicker", lang, label=label, period=peers.period_of(survey)),
        "pole": pole,
        "identity": peers.identity(comparison, lang),
        "table_title": t("report.table_title", lang),
        "scope": counted("report.scope", n, lang, label=label),
        "headers": [str(h) for h in table.columns],
        "rows": [[str(cell) for cell in row] for row in table.itertuples(index=False)],
        "table_note": t(
            "report.table_note", lang, min=policy.MIN_GROUP_POLES, small=policy.SMALL_BASE
        ),
        "position_title": t("report.position_title", lang),
        "positions": _positions(comparison, lang),
        "position_note": t("report.position_note", lang),
        "years_title": t("report.years_title", lang),
        "own_chart_title": t("report.own_chart_title", lang, pole=pole),
        "own_years": _bars(own.index.to_series(), own["projects_submitted"], lang),
        "network_chart_title": t("report.network_chart_title", lang),
        "network_years": _bars(network["year"], network["total"], lang),
        "growth": growth,
        "growth_note": growth_note,
        "awards_title": t("report.awards_title", lang),
        "application_headers": [
            t(f"report.application_{key}", lang) for key in ("title", "category", "date", "result")
        ],
        "applications": _applications(survey, pole, winners, lang),
        "no_applications": t("report.no_applications", lang),
        "won": pole_awards(winners, pole, lang),
        "reading_title": t("report.reading_title", lang),
        "reading": [
            t("report.reading_blank", lang),
            t("report.reading_quartiles", lang),
            t("report.reading_groups", lang, min=policy.MIN_GROUP_POLES),
            t("report.reading_small", lang, small=policy.SMALL_BASE),
        ],
    }


def pole_report(
    survey: SurveyRound,
    pole: str,
    lang: Lang,
    *,
    winners: Sequence[WinnerLike] = (),
    today: date | None = None,
    facts: RoundFacts | None = None,
) -> bytes:
    """The personal report of `pole` as PDF bytes (KeyError when it did not answer)."""
    data = report_data(survey, pole, lang, winners=winners, today=today, facts=facts)
    return render("pole.typ", data)
