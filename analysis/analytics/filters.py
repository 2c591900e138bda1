"""The dashboard's global filters as one frozen value: applied to rounds, kept in URLs.

Every page, the deck and the exports apply the same `Filters` through `apply`, so a number
is filtered the same way wherever it is shown; the query-string form makes a view
shareable as a link.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

import pandas as pd

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
