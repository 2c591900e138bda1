"""The dashboard's global filters as one frozen value: applied to rounds, kept in URLs.

Every page, the deck and the exports apply the same `Filters` through `apply`, so a number
is filtered the same way wherever it is shown; the query-string form makes a view
shareable as a link.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

import pandas as pd

from analysis.core.i18n import Lang, is_one, t
from analysis.core.model import SurveyRound
from analysis.core.text import normalise

#: Query-string keys, short enough for a readable link.
Q_ROUND, Q_POLE, Q_REGION, Q_SECTOR, Q_FROM, Q_TO = (
    "round",
    "pole",
    "region",
    "sector",
    "from",
    "to",
)


@dataclass(frozen=True)
class Filters:
    """What the user chose to look at. Empty tuples and `None` mean "no restriction"."""

    round: str | None = None
    poles: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    year_from: int | None = None
    year_to: int | None = None

    @property
    def is_unrestricted(self) -> bool:
        """True when no pole, region, sector or year restriction is set."""
        return not (self.poles or self.regions or self.sectors or self.year_from or self.year_to)

    @property
    def narrows_poles(self) -> bool:
        """True when the view keeps only some poles (by pole, region or sector), whatever
        its years."""
        return bool(self.poles or self.regions or self.sectors)

    def narrowed(self, **changes: Iterable[str] | int | str | None) -> Filters:
        """A copy with some criteria replaced (tuples for the multi-valued ones)."""
        normalised = {
            key: tuple(value) if isinstance(value, list | set | tuple) else value
            for key, value in changes.items()
        }
        return replace(self, **normalised)  # type: ignore[arg-type]  # fields by name: no one type fits all

    def apply(self, survey: SurveyRound) -> SurveyRound:
        """The round restricted to the chosen poles, regions, sectors and years."""
        responses = survey.responses
        keep = pd.Series(True, index=responses.index)
        for column, chosen in (
            ("pole", self.poles),
            ("region", self.regions),
            ("sector", self.sectors),
        ):
            if chosen:
                keep &= responses[column].isin(chosen).fillna(False).astype(bool)
        kept_responses = responses.loc[keep].reset_index(drop=True)
        poles = kept_responses["pole"]
        yearly = survey.yearly.loc[survey.yearly["pole"].isin(poles)]
        projects = survey.projects.loc[survey.projects["pole"].isin(poles)]
        if self.year_from is not None:
            yearly = yearly.loc[yearly["year"] >= self.year_from]
            projects = projects.loc[(projects["year"] >= self.year_from).fillna(False)]
        if self.year_to is not None:
            yearly = yearly.loc[yearly["year"] <= self.year_to]
            projects = projects.loc[(projects["year"] <= self.year_to).fillna(False)]
        extras = survey.extras.loc[survey.extras["pole"].isin(poles)]
        return survey.with_frames(
            responses=kept_responses,
            yearly=yearly.reset_index(drop=True),
            projects=projects.reset_index(drop=True),
            extras=extras.reset_index(drop=True),
        )

    def to_query(self) -> dict[str, str | list[str]]:
        """The filters as query-string parameters (only those that are set)."""
        query: dict[str, str | list[str]] = {}
        if self.round:
            query[Q_ROUND] = self.round
        for key, values in (
            (Q_POLE, self.poles),
            (Q_REGION, self.regions),
            (Q_SECTOR, self.sectors),
        ):
            if values:
                query[key] = list(values)
        if self.year_from is not None:
            query[Q_FROM] = str(self.year_from)
        if self.year_to is not None:
            query[Q_TO] = str(self.year_to)
        return query

    @classmethod
    def from_query(cls, params: Mapping[str, str | list[str]]) -> Filters:
        """Filters from query-string parameters; malformed values are ignored, not fatal."""

        def values(key: str) -> tuple[str, ...]:
            raw = params.get(key, ())
            items = [raw] if isinstance(raw, str) else list(raw)
            return tuple(dict.fromkeys(item for item in items if item))

        def year(key: str) -> int | None:
            found = values(key)
            return int(found[-1]) if found and found[-1].isdigit() else None

        rounds = values(Q_ROUND)
        return cls(
            round=rounds[-1] if rounds else None,
            poles=values(Q_POLE),
            regions=values(Q_REGION),
            sectors=values(Q_SECTOR),
            year_from=year(Q_FROM),
            year_to=year(Q_TO),
        )

    def within(self, options: FilterOptions) -> Filters:
        """These filters with every value the round does not offer dropped.

        A shared link may name a pole that a later round lacks; it is dropped rather than
        leaving the page empty, and years are clamped to the round's range.
        """
        year_from = self.year_from
        year_to = self.year_to
        if options.years:
            low, high = min(options.years), max(options.years)
            year_from = None if year_from is None else min(max(year_from, low), high)
            year_to = None if year_to is None else min(max(year_to, low), high)
            if year_from is not None and year_to is not None and year_from > year_to:
                year_from, year_to = year_to, year_from
        return Filters(
            round=self.round if self.round in options.rounds else None,
            poles=tuple(p for p in self.poles if p in options.poles),
            regions=tuple(r for r in self.regions if r in options.regions),
            sectors=tuple(s for s in self.sectors if s in options.sectors),
            year_from=year_from,
            year_to=year_to,
        )


def follow_round(wanted: Filters, label: str, *, shown: str | None) -> Filters:
    """The filters for round `label`, given what the session asked for and the round it
    showed before (`shown`, None on a session's first run).

    Years belong to a round's period: when the round changes (switched, just stored, the
    shown one deleted) they start over at the new round's whole period, or a 2019–2022
    range would silently cut a 2020–2023 round to 2020–2022. On a session's first run the
    years come from the opening link, so a link that names years keeps them. Regions,
    sectors and poles are kept (`within` drops those the round does not offer).
    """
    changed = shown is not None and shown != label
    if changed:
        return replace(wanted, round=label, year_from=None, year_to=None)
    return replace(wanted, round=label)


@dataclass(frozen=True)
class Restrictions:
    """What narrows a view against what its round offers: `years` as `(from, to)` when the
    range is not the round's whole period, and how many regions, sectors and poles were
    chosen (0 for none)."""

    years: tuple[int, int] | None = None
    regions: int = 0
    sectors: int = 0
    poles: int = 0

    @property
    def any(self) -> bool:
        """Whether anything narrows the view."""
        return bool(self.years or self.regions or self.sectors or self.poles)


def restrictions(filters: Filters, options: FilterOptions) -> Restrictions:
    """The view's restrictions (see `Restrictions`); nothing for the whole round."""
    years: tuple[int, int] | None = None
    if options.years and (filters.year_from is not None or filters.year_to is not None):
        low, high = options.years[0], options.years[-1]
        start = low if filters.year_from is None else filters.year_from
        end = high if filters.year_to is None else filters.year_to
        if (start, end) != (low, high):
            years = (start, end)
    return Restrictions(
        years=years,
        regions=len(filters.regions),
        sectors=len(filters.sectors),
        poles=len(filters.poles),
    )


def restriction_sentence(
    filters: Filters, options: FilterOptions, lang: Lang, *, n: int, total: int
) -> str | None:
    """`Filtered view: 2020–2022 only, 2 regions (12 of 40 poles).`; None for the whole round.

    Said beside the headline on every page that shows figures, not only in the sidebar: a
    number read off a filtered view must not pass for the round's.
    """
    found = restrictions(filters, options)
    if not found.any:
        return None
    parts: list[str] = []
    if found.years is not None:
        start, end = found.years
        if start == end:
            parts.append(t("ui.filtered_year", lang, year=str(start)))
        else:
            parts.append(t("ui.filtered_years", lang, start=str(start), end=str(end)))
    for key, count in (
        ("regions", found.regions),
        ("sectors", found.sectors),
        ("poles", found.poles),
    ):
        if count:
            one = "_one" if is_one(count, lang) else ""
            parts.append(t(f"ui.filtered_{key}{one}", lang, n=count))
    return t(
        "ui.filtered_view",
        lang,
        parts=t("ui.filtered_separator", lang).join(parts),
        n=n,
        total=total,
    )


@dataclass(frozen=True)
class FilterOptions:
    """What a round offers to filter on."""

    rounds: tuple[str, ...] = ()
    poles: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    years: tuple[int, ...] = field(default_factory=tuple)

    @classmethod
    def of(cls, survey: SurveyRound, rounds: Iterable[str] = ()) -> FilterOptions:
        """The options a round offers, sorted for display."""

        def distinct(column: str) -> tuple[str, ...]:
            return tuple(sorted(survey.responses[column].dropna().unique().tolist(), key=normalise))

        return cls(
            rounds=tuple(rounds),
            poles=distinct("pole"),
            regions=distinct("region"),
            sectors=distinct("sector"),
            years=tuple(survey.years),
        )
