"""The comparison of a new round with a stored one, written for the upload page.

Kept apart from `diff.py`, which computes the comparison: this module only turns a
`RoundDiff` into sentences and display tables in one language (the rule stated in words,
the years compared, each changed or flagged cell with its reason).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from analysis.analytics.diff import (
    MIN_FOR_FENCES,
    RATIO,
    YEAR,
    RoundDiff,
)
from analysis.core.i18n import Lang, fmt_int, fmt_number, fmt_percent, fmt_signed_percent, t
from analysis.core.schema import FIELDS_BY_KEY


def figure_label(field: str, year: float | None, measure: str, lang: Lang) -> str:
    """How a compared figure is named on screen: `Members`, `EU proposals submitted 2021`."""
    label = FIELDS_BY_KEY[field].label(lang)
    if measure == YEAR and year is not None and not pd.isna(year):
        return f"{label} {int(year)}"
    return label


def _span(years: tuple[int, ...]) -> str:
    """`2020–2022` for consecutive years, else `2019, 2021`; `–` for none."""
    if not years:
        return "–"
    if len(years) > 1 and list(years) == list(range(years[0], years[-1] + 1)):
        return f"{years[0]}–{years[-1]}"
    return ", ".join(str(y) for y in years)


def years_sentence(diff: RoundDiff, lang: Lang) -> str:
    """Which years were compared, and which were not because one round lacks them."""
    text = t("upload.diff_years", lang, years=_span(diff.years), label=diff.previous_label)
    if diff.previous_only_years:
        text += " " + t(
            "upload.diff_years_previous_only",
            lang,
            years=_span(diff.previous_only_years),
            label=diff.previous_label,
        )
    if diff.new_only_years:
        text += " " + t("upload.diff_years_new_only", lang, years=_span(diff.new_only_years))
    return text


def rule_sentence(lang: Lang) -> str:
    """The flagging rule in words, as the page states it above the table."""
    return t("upload.diff_rule", lang, ratio=fmt_number(RATIO, lang, 0), min=MIN_FOR_FENCES)


def _why(row: Any, lang: Lang) -> str:
    """Why one cell is flagged: against its own history, then against its peers."""
    value = fmt_number(row.after, lang, 2)
    low = fmt_number(row.history_low, lang, 2)
    high = fmt_number(row.history_high, lang, 2)
    above = row.after > row.history_high
    key = "upload.diff_why_above" if above else "upload.diff_why_below"
    parts = [t(key, lang, value=value, low=low, high=high, ratio=fmt_number(RATIO, lang, 0))]
    if row.by_peers:
        ratio = (row.after + 1) / (row.before + 1)
        parts.append(
            t(
                "upload.diff_why_peers",
                lang,
                ratio=fmt_number(ratio, lang, 1),
                low=fmt_number(row.peers_low, lang, 2),
                high=fmt_number(row.peers_high, lang, 2),
            )
        )
    else:
        parts.append(t("upload.diff_why_few_peers", lang, min=MIN_FOR_FENCES))
    return " · ".join(parts)


def _cell(row: Any) -> str:
    """`C7` when the cell's column and row are known, else `row 7`, else empty."""
    column, number = row.column, row.row
    if number is None or pd.isna(number):
        return ""
    if column is None or pd.isna(column):
        return str(int(number))
    return f"{column}{int(number)}"


def changed_display(diff: RoundDiff, lang: Lang) -> pd.DataFrame:
    """Every changed cell as the page lists it: `cell pole figure before after outlier`, text
    (`outlier` says why an outlier is flagged, and is empty for an ordinary change)."""
    rows = [
        {
            "cell": _cell(row),
            "pole": row.pole,
            "figure": figure_label(row.field, row.year, row.measure, lang),
            "before": fmt_number(row.before, lang, 2),
            "after": fmt_number(row.after, lang, 2),
            "outlier": _why(row, lang) if row.flagged else "",
        }
        for row in diff.changed.itertuples(index=False)
    ]
    columns = ["cell", "pole", "figure", "before", "after", "outlier"]
    return pd.DataFrame(rows, columns=columns).astype("string")


def flagged_display(diff: RoundDiff, lang: Lang) -> pd.DataFrame:
    """The flagged cells as the page shows them first: `cell pole figure before after why`."""
    rows = [
        {
            "cell": _cell(row),
            "pole": row.pole,
            "figure": figure_label(row.field, row.year, row.measure, lang),
            "before": fmt_number(row.before, lang, 2),
            "after": fmt_number(row.after, lang, 2),
            "why": _why(row, lang),
        }
        for row in diff.flagged.itertuples(index=False)
    ]
    columns = ["cell", "pole", "figure", "before", "after", "why"]
    return pd.DataFrame(rows, columns=columns).astype("string")


#: Headline keys shown as percentages (the others are counts).
_PERCENT_KEYS = frozenset({"response_rate", "plans_to_recruit_share"})


def _headline_text(key: str, value: float | None, n: float | None, lang: Lang) -> str:
    if value is None or pd.isna(value):
        text = fmt_int(None, lang)
    elif key == "projects_submitted_cagr":
        text = fmt_signed_percent(float(value), lang, 1)
    elif key in _PERCENT_KEYS:
        text = fmt_percent(float(value), lang)
    else:
        text = fmt_int(float(value), lang)
    if n is None or pd.isna(n):
        return text
    return t("upload.diff_with_n", lang, value=text, n=int(n))


def headline_display(diff: RoundDiff, lang: Lang) -> pd.DataFrame:
    """The headline before and after as the page shows it: `figure before after`, text."""
    rows = [
        {
            "figure": t(f"upload.headline_{row.key}", lang),
            "before": _headline_text(row.key, row.before, row.n_before, lang),
            "after": _headline_text(row.key, row.after, row.n_after, lang),
        }
        for row in diff.headline.itertuples(index=False)
    ]
    return pd.DataFrame(rows, columns=["figure", "before", "after"]).astype("string")
