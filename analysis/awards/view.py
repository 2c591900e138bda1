"""The award as the Awards page and the peers page show it: tables and lines in one language.

Pure functions over the frame of `awards.eligibility` and the recorded winners, so the
pages only pick what to draw.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import pandas as pd

from analysis.awards.categories import CATEGORIES
from analysis.awards.rules import Edition, decisive
from analysis.core.i18n import Lang, fmt_int, t


class WinnerLike(Protocol):
    """What is read of a recorded winner (`analysis.store.awards.Winner`)."""

    @property
    def edition_year(self) -> int: ...
    @property
    def category(self) -> str: ...
    @property
    def pole(self) -> str: ...
    @property
    def initiative_title(self) -> str | None: ...


def category_label(key: object, lang: Lang) -> str:
    """A category key's name in `lang` (the key itself when unknown)."""
    found = next((c for c in CATEGORIES if c.key == key), None)
    return found.label(lang) if found else str(key)


def _iso(values: pd.Series) -> pd.Series:
    return values.dt.strftime("%Y-%m-%d").astype("string")


#: Lines a row of the page's table may take: the reasons are sentences, and at five lines
#: the sample's longest is read whole beside its verdict at 1280 px in both languages.
REASON_LINES = 5


def display_table(checked: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """One row per application: who, what, when, the verdict and why.

    The verdict says eligible or not and, for a late application, the late flag beside it
    ("✓ yes, ⚠ late"): one short column instead of two keeps the verdict, the flag and the
    reason in view next to the pinned pole in a 1280 px window (issue #16). "Why" says
    what decides or flags (`rules.decisive`), not the conditions met, and the region is
    left to the page's region filter, so that the reason is read whole, not cut after
    four lines; the jury's workbook keeps both. The submission date column is shown only
    when some application has one.
    """
    columns: dict[str, pd.Series] = {
        t("awards.col_pole", lang): checked["pole"],
        t("awards.col_title", lang): checked["title"],
        t("awards.col_category", lang): checked["category"].map(
            lambda key: category_label(key, lang)
        ),
        t("awards.col_started", lang): _iso(checked["start_date"]),
    }
    if checked["submitted_on"].notna().any():
        columns[t("awards.col_submitted_on", lang)] = _iso(checked["submitted_on"])
    columns[t("awards.col_eligible", lang)] = [
        verdict_text(bool(eligible), bool(late), lang)
        for eligible, late in zip(checked["eligible"], checked["late"], strict=True)
    ]
    columns[t("awards.col_why", lang)] = decisive(checked, lang)
    return pd.DataFrame(columns).reset_index(drop=True)


def verdict_text(eligible: bool, late: bool, lang: Lang) -> str:
    """`✓ yes`, `✗ no`, or either followed by the late flag (`✓ oui, ⚠ tardive`)."""
    verdict = t("awards.yes" if eligible else "awards.no", lang)
    return t("awards.verdict_late", lang, verdict=verdict) if late else verdict


def count_lines(counts: pd.DataFrame, edition: Edition, lang: Lang) -> list[tuple[str, str]]:
    """`(category name, "eligible / applied")` per category of `awards.category_counts`."""
    return [
        (
            category_label(row.category, lang),
            t(
                "awards.count_value",
                lang,
                eligible=fmt_int(int(row.eligible), lang),
                applied=fmt_int(int(row.applied), lang),
            ),
        )
        for row in counts.itertuples(index=False)
        if edition.category(str(row.category)) is not None
    ]


def winners_table(winners: Sequence[WinnerLike], lang: Lang) -> pd.DataFrame:
    """Recorded winners: edition, category, pole and initiative, in `lang`."""
    return pd.DataFrame(
        {
            t("awards.col_edition", lang): [str(w.edition_year) for w in winners],
            t("awards.col_category", lang): [category_label(w.category, lang) for w in winners],
            t("awards.col_pole", lang): [w.pole for w in winners],
            t("awards.col_title", lang): [w.initiative_title or "–" for w in winners],
        }
    )


def pole_awards(winners: Sequence[WinnerLike], pole: str, lang: Lang) -> list[str]:
    """`2023 · Impact · "Guichet Europe"` for each award `pole` won, newest first."""
    won = sorted((w for w in winners if w.pole == pole), key=lambda w: -w.edition_year)
    return [
        t(
            "awards.won_line",
            lang,
            edition=str(w.edition_year),
            category=category_label(w.category, lang),
            title=w.initiative_title or t("awards.untitled", lang),
        )
        for w in won
    ]
