"""The sentences of the deck: headline figures as an event slide states them, filters in words.

An event slide rounds a count down and says "+" ("1,500+ projects"), rounds a growth to
the nearest whole percent and says "around"; the exact figures go to the speaker notes.
Kept apart from the slide assembly so the wording rules can be tested on their own.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from analysis.analytics.filters import Filters
from analysis.core.i18n import (
    Lang,
    fmt_int,
    fmt_percent,
    fmt_plus,
    fmt_signed_percent,
    is_one,
    t,
)
from analysis.core.labels import sector_label


@dataclass(frozen=True)
class Sentence:
    """A headline: the big number, its one-line meaning, and both as one sentence."""

    big: str
    meaning: str
    sentence: str


def counted_key(key: str, n: int, lang: Lang) -> str:
    """`key_one` when `n` takes the singular in `lang`, else `key` (the plural).

    The language's own plural rule decides: English says "1 pole" but "0 poles", French
    "0 pôle" and "1 pôle". Every key used this way has a `_one` twin in `deck.toml`.
    """
    return f"{key}_one" if is_one(n, lang) else key


def whole_percent(value: float) -> float:
    """`value` (a fraction) rounded half away from zero to a whole percent: 0.1496 -> 0.15.

    Rounded in decimal from the shortest repr, so 0.145 (stored as 0.14499…) says 15 %.
    """
    exact = Decimal(repr(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return float(exact)


def count_sentence(
    value: int, meaning: str, lang: Lang, *, rounded: bool = True, shown: str | None = None
) -> Sentence:
    """`1,500+ projects ...` / `Plus de 1 500 projets ...`; exact below 100 or when round.

    `rounded=False` states the count exactly (`116 member organisations ...`), as the
    published slides do for counts small enough to quote whole. `shown` is the figure as
    the registry displays it (`analysis.analytics.figures`), when the caller has it.
    """
    big = fmt_plus(value, lang) if rounded else fmt_int(value, lang)
    big = big if shown is None else shown
    floored = big.endswith("+")
    key = "deck.sentence_plus" if floored else "deck.sentence_exact"
    shown = big.removesuffix("+")
    return Sentence(big, meaning, t(key, lang, value=shown, meaning=meaning))


def percent_sentence(
    value: float, meaning: str, lang: Lang, *, shown: str | None = None
) -> Sentence:
    """`60% of poles plan to recruit ...`: a share said to the whole percent (or as the
    registry shows it, `shown`)."""
    big = fmt_percent(value, lang) if shown is None else shown
    return Sentence(big, meaning, t("deck.sentence_exact", lang, value=big, meaning=meaning))


def submissions_meaning(
    first_year: int | None, last_year: int | None, growth: float | None, lang: Lang
) -> str:
    """`projects submitted since 2019, with an increase of around 15% per year` and variants."""
    if first_year is None:
        return t("deck.submitted_since", lang, year="–")
    if last_year is None or last_year == first_year:
        return t("deck.submitted_in", lang, year=str(first_year))
    if growth is None:
        return t("deck.submitted_since", lang, year=str(first_year))
    rounded = whole_percent(growth)
    if rounded == 0:
        return t("deck.submitted_flat", lang, year=str(first_year))
    key = "deck.submitted_up" if rounded > 0 else "deck.submitted_down"
    return t(key, lang, year=str(first_year), rate=fmt_percent(abs(rounded), lang))


def growth_subtitle(growth: float, period: str, lang: Lang) -> str:
    """`+15% per year on average, 2019–2022`."""
    return t(
        "deck.submissions_growth",
        lang,
        rate=fmt_signed_percent(whole_percent(growth), lang),
        period=period,
    )


def filters_in_words(filters: Filters, lang: Lang) -> str:
    """`region Occitanie; years 2019–2022`, or `all poles of the round` when unrestricted."""
    parts: list[str] = []
    for values, one, many in (
        (filters.regions, "deck.filter_region", "deck.filter_regions"),
        (
            tuple(sector_label(s, lang) for s in filters.sectors),
            "deck.filter_sector",
            "deck.filter_sectors",
        ),
        (filters.poles, "deck.filter_pole", "deck.filter_poles"),
    ):
        if values:
            parts.append(t(one if len(values) == 1 else many, lang, values=", ".join(values)))
    start, end = filters.year_from, filters.year_to
    if start is not None and end is not None:
        key = "deck.filter_year" if start == end else "deck.filter_years"
        parts.append(t(key, lang, start=str(start), end=str(end)))
    elif start is not None:
        parts.append(t("deck.filter_years_from", lang, start=str(start)))
    elif end is not None:
        parts.append(t("deck.filter_years_to", lang, end=str(end)))
    if not parts:
        return t("deck.filters_none", lang)
    return t("deck.filters_joiner", lang).join(parts)


def period_of(years: list[int]) -> str:
    """`2019–2022`, one year, or `–` when no year is in view."""
    if not years:
        return "–"
    first, last = min(years), max(years)
    return str(first) if first == last else f"{first}–{last}"
