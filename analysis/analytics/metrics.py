"""Figures computed from a round, each with its base n (the poles that answered it).

Pure functions of a `SurveyRound`: no I/O, no state, inputs never mutated. A blank answer
is unknown, so it is left out of every sum and every base; a figure nobody answered is
`None`, never 0. Pages, the deck, the exports and the CLI all read their numbers here so
that a headline says the same thing everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from typing import Any

import pandas as pd

from analysis.core.model import SurveyRound
from analysis.core.schema import NUMERIC_POLE_FIELDS, YEARLY_FIELDS, Kind

_YEARLY_KEYS = tuple(f.key for f in YEARLY_FIELDS)
_TOTAL_KINDS = {f.key: f.kind for f in NUMERIC_POLE_FIELDS}


@dataclass(frozen=True)
class Measure:
    """A figure and its base: `n` poles answered; `value` is None when it cannot be computed."""

    value: float | int | None
    n: int


def _check_yearly(field: str) -> None:
    if field not in _YEARLY_KEYS:
        raise ValueError(f"{field!r} is not a per-year field; expected one of {_YEARLY_KEYS}")


def _scalar(value: Any, kind: Kind = Kind.COUNT) -> float | int | None:
    """A pandas scalar as a plain Python number (JSON-able), `None` when missing."""
    if value is None or pd.isna(value):
        return None
    return float(value) if kind is Kind.DECIMAL else int(value)


def respondents(s: SurveyRound) -> int:
    """Number of responding poles (rows of `responses`)."""
    return len(s.responses)


def response_rate(s: SurveyRound) -> Measure:
    """Respondents over poles surveyed; None when the number surveyed is unknown or 0."""
    count = respondents(s)
    surveyed = s.info.poles_surveyed
    if not surveyed:
        return Measure(None, count)
    return Measure(count / surveyed, count)


def by_year(s: SurveyRound, field: str = "projects_submitted") -> pd.DataFrame:
    """Rows `year, total, n`: the sum of the non-blank answers for each year of the round.

    `total` is `<NA>` for a year that nobody answered (n = 0), not 0.
    """
    _check_yearly(field)
    grouped = s.yearly.groupby("year", sort=True)[field]
    out = pd.DataFrame(
        {
            "total": grouped.sum(min_count=1).astype("Int64"),
            "n": grouped.count().astype("int64"),
        }
    )
    return out.rename_axis("year").reset_index().astype({"year": "int64"})


def year_over_year(by_year_frame: pd.DataFrame) -> pd.DataFrame:
    """Rows `year, total, growth`: growth of each year's total over the previous row's.

    Growth is `<NA>` for the first year and where the previous total is unknown or 0.
    """
    totals = by_year_frame["total"].astype("Float64")
    previous = totals.shift(1)
    growth = (totals / previous - 1).where(previous.notna() & (previous != 0))
    return pd.DataFrame(
        {
            "year": by_year_frame["year"].astype("int64"),
            "total": by_year_frame["total"].astype("Int64"),
            "growth": growth.astype("Float64"),
        }
    ).reset_index(drop=True)


def cagr(by_year_frame: pd.DataFrame) -> Measure:
    """Compound yearly growth from the first to the last year's total.

    `(last / first) ** (1 / (last_year - first_year)) - 1`; for consecutive years the
    exponent is 1 / (years - 1). None with fewer than two years, or when the first total is
    0 or either total is unknown. The base n is the smaller of the two years' n, since the
    figure rests on both.
    """
    if len(by_year_frame) < 2:
        n = int(by_year_frame["n"].min()) if len(by_year_frame) else 0
        return Measure(None, n)
    first, last = by_year_frame.iloc[0], by_year_frame.iloc[-1]
    n = int(min(first["n"], last["n"]))
    span = int(last["year"]) - int(first["year"])
    if pd.isna(first["total"]) or pd.isna(last["total"]) or first["total"] == 0 or span <= 0:
        return Measure(None, n)
    return Measure(float((last["total"] / first["total"]) ** (1 / span) - 1), n)


def _answers(s: SurveyRound, field: str) -> pd.DataFrame:
    """One row per pole, one column per year of the round: the non-blank answers of `field`."""
    _check_yearly(field)
    wide = s.yearly.pivot_table(
        index="pole", columns="year", values=field, aggfunc="sum", dropna=False
    )
    answered = s.yearly.dropna(subset=[field]).pivot_table(
        index="pole", columns="year", values=field, aggfunc="size"
    )
    years = sorted(int(y) for y in s.yearly["year"].unique())
    wide = wide.reindex(columns=years)
    answered = answered.reindex(index=wide.index, columns=years).fillna(0) > 0
    return wide.astype("Float64").where(answered)


def panel_change(
    s: SurveyRound, first: int, last: int, field: str = "projects_submitted"
) -> Measure:
    """Ratio of year `last` to year `first` over the poles that answered both years.

    `value` is `sum(last) / sum(first)` over that panel (None when the panel is empty or its
    first-year sum is 0); `n` is the panel's size. Comparing totals of different poles
    (38 in the first year, 40 in the last) would count newcomers as growth.
    """
    wide = _answers(s, field)
    if first not in wide.columns or last not in wide.columns:
        return Measure(None, 0)
    both = wide[[first, last]].dropna()
    n = len(both)
    start = float(both[first].sum()) if n else 0.0
    if n == 0 or start == 0:
        return Measure(None, n)
    return Measure(float(both[last].sum()) / start, n)


def panel_cagr(s: SurveyRound, field: str = "projects_submitted") -> Measure:
    """Compound yearly growth from the first to the last year, on the poles that answered both.

    `(sum_last / sum_first) ** (1 / (last_year - first_year)) - 1` over the balanced panel
    (the poles with an answer in both years); n is the panel's size. None with fewer than
    two years, an empty panel or a first-year sum of 0.
    """
    years = sorted(int(y) for y in s.yearly["year"].unique())
    if len(years) < 2:
        return Measure(None, 0)
    first, last = years[0], years[-1]
    ratio = panel_change(s, first, last, field)
    if ratio.value is None:
        return ratio
    return Measure(float(ratio.value ** (1 / (last - first)) - 1), ratio.n)


def panel_year_over_year(s: SurveyRound, field: str = "projects_submitted") -> pd.DataFrame:
    """Rows `year, total, n, growth, panel`: each year's total and its change on the year
    before, computed on the poles that answered both years (`panel` of them).

    `total` and `n` are the year's all-respondent figures (what a bar shows); `growth` is
    `<NA>` for the first year and where the panel is empty or its previous sum is 0.
    """
    totals = by_year(s, field)
    years = totals["year"].astype(int).tolist()
    growth: list[float | None] = [None]
    panel: list[int] = [0]
    for previous, year in pairwise(years):
        change = panel_change(s, previous, year, field)
        growth.append(None if change.value is None else change.value - 1)
        panel.append(change.n)
    return totals.assign(
        growth=pd.array(growth, dtype="Float64"), panel=pd.array(panel, dtype="int64")
    )


def growth_differs(panel: Measure, everyone: Measure) -> bool:
    """Whether the all-respondent totals' growth tells another story than the panel's.

    True when both are known and differ by a tenth of a point or more (the exact figure's
    precision), or when only the totals' figure exists.
    """
    if everyone.value is None:
        return False
    if panel.value is None:
        return True
    return abs(float(panel.value) - float(everyone.value)) >= 0.0005


def total(s: SurveyRound, field: str) -> Measure:
    """Sum of a per-pole numeric field over the poles that answered it."""
    if field not in _TOTAL_KINDS:
        raise ValueError(f"{field!r} is not a numeric per-pole field")
    values = s.responses[field]
    n = int(values.count())
    return Measure(_scalar(values.sum(min_count=1), _TOTAL_KINDS[field]), n)


def yearly_total(s: SurveyRound, field: str = "projects_submitted") -> Measure:
    """Sum of a per-year field over all years; n = poles that answered at least one year."""
    _check_yearly(field)
    answered = s.yearly.dropna(subset=[field])
    return Measure(_scalar(answered[field].sum(min_count=1)), int(answered["pole"].nunique()))


def share_yes(s: SurveyRound, field: str = "plans_to_recruit") -> Measure:
    """Fraction of yes among the poles that answered a yes/no field."""
    values = s.responses[field].dropna()
    if values.empty:
        return Measure(None, 0)
    return Measure(float(values.astype("int64").mean()), len(values))


def count_yes(s: SurveyRound, field: str = "plans_to_recruit") -> Measure:
    """Number of yes among the poles that answered a yes/no field."""
    values = s.responses[field].dropna()
    return Measure(int(values.astype("int64").sum()) if len(values) else None, len(values))


def success_rate(s: SurveyRound) -> pd.DataFrame:
    """Rows `year, submitted, funded, rate, n`, from the poles that answered both that year.

    A pole that gave its submissions but left funded blank is left out of that year, so the
    rate compares like with like. `rate` is `<NA>` where nothing was submitted.
    """
    both = s.yearly.dropna(subset=list(_YEARLY_KEYS))
    grouped = both.groupby("year", sort=True)
    years = pd.Index(s.years, dtype="int64", name="year")
    out = pd.DataFrame(
        {
            "submitted": grouped["projects_submitted"].sum().reindex(years).astype("Int64"),
            "funded": grouped["projects_funded"].sum().reindex(years).astype("Int64"),
            "n": grouped.size().reindex(years, fill_value=0).astype("int64"),
        }
    )
    submitted = out["submitted"].astype("Float64")
    rate = (out["funded"].astype("Float64") / submitted).where(submitted > 0)
    out = out.assign(rate=rate.astype("Float64"))
    return out.reset_index()[["year", "submitted", "funded", "rate", "n"]]


@dataclass(frozen=True)
class Headline:
    """The figures an event slide quotes, each with its base n, plus what round they are.

    `projects_submitted_cagr` is the growth of the poles that answered both the first and
    the last year (n = that panel); `projects_submitted_cagr_all` compares the
    all-respondent totals, which may rest on different poles, and is only a secondary
    figure.
    """

    round: str
    period: str
    synthetic: bool
    respondents: int
    poles_surveyed: int | None
    response_rate: Measure
    projects_submitted_by_year: tuple[tuple[int, Measure], ...]
    projects_submitted: Measure
    projects_submitted_cagr: Measure
    projects_submitted_cagr_all: Measure
    projects_funded: Measure
    europe_team_recruitments: Measure
    coordinator_members: Measure
    plans_to_recruit: Measure
    plans_to_recruit_yes: Measure


def headline(s: SurveyRound) -> Headline:
    """The headline figures of a round."""
    submitted = by_year(s, "projects_submitted")
    return Headline(
        round=s.info.label,
        period=s.info.period_label,
        synthetic=s.info.synthetic,
        respondents=respondents(s),
        poles_surveyed=s.info.poles_surveyed,
        response_rate=response_rate(s),
        projects_submitted_by_year=tuple(
            (int(year), Measure(_scalar(value), int(n)))
            for year, value, n in submitted[["year", "total", "n"]].itertuples(index=False)
        ),
        projects_submitted=yearly_total(s, "projects_submitted"),
        projects_submitted_cagr=panel_cagr(s, "projects_submitted"),
        projects_submitted_cagr_all=cagr(submitted),
        projects_funded=yearly_total(s, "projects_funded"),
        europe_team_recruitments=total(s, "europe_team_recruitments"),
        coordinator_members=total(s, "coordinator_members"),
        plans_to_recruit=share_yes(s, "plans_to_recruit"),
        plans_to_recruit_yes=count_yes(s, "plans_to_recruit"),
    )


def summary_dict(s: SurveyRound) -> dict[str, Any]:
    """The headline as one JSON-able object (the CLI's `--json`); `None` where unknown.

    Years are string keys, as JSON requires. Each figure's base n sits under `<key>_n`.
    """
    h = headline(s)
    return {
        "round": h.round,
        "period": h.period,
        "synthetic": h.synthetic,
        "respondents": h.respondents,
        "poles_surveyed": h.poles_surveyed,
        "response_rate": h.response_rate.value,
        "projects_submitted_by_year": {str(y): m.value for y, m in h.projects_submitted_by_year},
        "projects_submitted_by_year_n": {str(y): m.n for y, m in h.projects_submitted_by_year},
        "projects_submitted_total": h.projects_submitted.value,
        "projects_submitted_n": h.projects_submitted.n,
        "projects_submitted_cagr": h.projects_submitted_cagr.value,
        "projects_submitted_cagr_n": h.projects_submitted_cagr.n,
        "projects_submitted_cagr_all": h.projects_submitted_cagr_all.value,
        "projects_submitted_cagr_all_n": h.projects_submitted_cagr_all.n,
        "projects_funded_total": h.projects_funded.value,
        "projects_funded_n": h.projects_funded.n,
        "europe_team_recruitments_total": h.europe_team_recruitments.value,
        "europe_team_recruitments_n": h.europe_team_recruitments.n,
        "coordinator_members_total": h.coordinator_members.value,
        "coordinator_members_n": h.coordinator_members.n,
        "plans_to_recruit_share": h.plans_to_recruit.value,
        "plans_to_recruit_yes": h.plans_to_recruit_yes.value,
        "plans_to_recruit_n": h.plans_to_recruit.n,
    }
