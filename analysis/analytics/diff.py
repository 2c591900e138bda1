"""What a new round changes against the previous one, shown before anything is stored.

A typo in a spreadsheet (a pole's 17 projects typed 170, members typed in the FTE column)
looks like a plausible number on its own; next to last year's answer it stands out. So
the upload page compares the new round with a stored one, cell by cell:

- poles new, missing and common, matched by canonical name (case and accents ignored);
- per pole, the same question and the same year in both rounds: the per-pole numeric
  answers, and the per-year counts of **only the years both rounds cover** (`years`; a
  2019–2022 round against a 2020–2023 file compares 2020–2022 and says so). A blank on
  either side is not compared at all: a blank is unknown, never 0. Nothing is averaged
  over different years;
- every changed cell (old → new), located in the new file (row and column) when the
  column mapping is given;
- a changed cell is flagged as an outlier when **both** hold (an unchanged value never is):
  1. it is far outside the pole's own history: more than `RATIO` times the largest, or
     under a `RATIO`-th of the smallest, of the pole's other answers to that question (the
     previous round's value and, for a per-year count, its other years in both rounds);
  2. its change is outside its peers' changes: the ratio (new + 1) / (old + 1) lies
     outside the Tukey fences (Q1 − 1.5·IQR, Q3 + 1.5·IQR, on a log scale) of all poles'
     ratios for that question and year. With fewer than `MIN_FOR_FENCES` poles to compare,
     the peers cannot tell and the first test decides alone;
- the headline figures (`analysis.analytics.metrics.summary_dict`) before and after, with their n.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from analysis.analytics.metrics import summary_dict
from analysis.core.model import SurveyRound
from analysis.core.schema import NUMERIC_POLE_FIELDS, YEARLY_FIELDS
from analysis.core.text import normalise_series

if TYPE_CHECKING:
    from analysis.ingest.mapping.columns import ColumnMapping

#: A new value more than RATIO times the pole's largest other answer (or under 1/RATIO of
#: its smallest) is far outside its own history.
RATIO = 3.0
#: Tukey's fence multiplier of the interquartile range.
FENCE = 1.5
#: Fewest poles with a value of one cell (question and year) before its fences mean
#: anything (quartiles of five changes are noise).
MIN_FOR_FENCES = 8
#: How a figure is read: a pole's own answer, or one year's count.
ANSWER, YEAR = "answer", "year"
#: Headline keys of `summary_dict` compared before and after, in display order.
HEADLINE_KEYS: tuple[str, ...] = (
    "respondents",
    "poles_surveyed",
    "response_rate",
    "projects_submitted_total",
    "projects_submitted_cagr",
    "projects_funded_total",
    "europe_team_recruitments_total",
    "coordinator_members_total",
    "plans_to_recruit_share",
)
#: Headline key -> the `summary_dict` key holding its base n (respondents are their own n).
HEADLINE_N: dict[str, str] = {
    "response_rate": "respondents",
    "projects_submitted_total": "projects_submitted_n",
    "projects_submitted_cagr": "projects_submitted_cagr_n",
    "projects_funded_total": "projects_funded_n",
    "europe_team_recruitments_total": "europe_team_recruitments_n",
    "coordinator_members_total": "coordinator_members_n",
    "plans_to_recruit_share": "plans_to_recruit_n",
}
_CHANGE_COLUMNS: dict[str, str] = {
    "pole": "string",
    "field": "string",
    "year": "Int64",
    "measure": "string",
    "before": "Float64",
    "after": "Float64",
    "change": "Float64",
    "ratio": "Float64",
    "history_low": "Float64",
    "history_high": "Float64",
    "peers_low": "Float64",
    "peers_high": "Float64",
    "changed": "boolean",
    "by_history": "boolean",
    "by_peers": "boolean",
    "flagged": "boolean",
    "row": "Int64",
    "column": "string",
    "header": "string",
}


@dataclass(frozen=True)
class RoundDiff:
    """The new round against the previous one (see the module docstring).

    `changes` holds one row per pole and cell (question, and year for a per-year count)
    answered in both rounds, with columns `pole field year measure before after change
    ratio history_low history_high peers_low peers_high changed by_history by_peers flagged
    row column header` (`pole` as the new round names it; `ratio` is `<NA>` when the old
    value is 0; `peers_low/high` the fences of the ratios, `<NA>` with too few poles;
    `row`, `column` and `header` locate the cell in the new file when known).
    `years` are the years both rounds cover (the only ones compared); `new_only_years`
    and `previous_only_years` the others. `headline` holds `key before after n_before
    n_after` for `HEADLINE_KEYS`.
    """

    previous_label: str
    new_poles: tuple[str, ...]
    missing_poles: tuple[str, ...]
    common_poles: tuple[str, ...]
    changes: pd.DataFrame
    headline: pd.DataFrame
    years: tuple[int, ...] = ()
    new_only_years: tuple[int, ...] = ()
    previous_only_years: tuple[int, ...] = ()

    @property
    def changed(self) -> pd.DataFrame:
        """The cells whose value changed, in file order (row, then column)."""
        mask = self.changes["changed"].fillna(False).to_numpy(dtype=bool)
        changed = self.changes[mask]
        return changed.sort_values(["row", "column", "year"], kind="stable").reset_index(drop=True)

    @property
    def flagged(self) -> pd.DataFrame:
        """The outlying cells worth a look, largest relative moves first."""
        flagged = self.changes[self.changes["flagged"].fillna(False).to_numpy(dtype=bool)]
        size = (flagged["change"].abs() / flagged["before"].abs().where(lambda v: v > 0)).fillna(
            float("inf")
        )
        order = size.sort_values(ascending=False, kind="stable").index
        return flagged.loc[order].reset_index(drop=True)


def _within(values: pd.Series, others: pd.Series) -> pd.Series:
    """Whether each of `values` is among `others` (a hash lookup: `isin` on Arrow strings
    walks a Python list of the other side, slow when that side is a 100,000-row file)."""
    found = pd.Index(others.unique()).get_indexer(values.to_numpy(dtype=object)) >= 0
    return pd.Series(found, index=values.index)


def _keys(names: pd.Series) -> pd.Series:
    """Matching keys of pole names: canonical names compared without case or accents."""
    return normalise_series(names)


def _answers(survey: SurveyRound, keys: pd.Series, keep: pd.Series) -> pd.DataFrame:
    """Long rows `key pole source_row field year measure value` of the answers of the poles
    in `keep` (per-pole answers with `year` `<NA>`, and one row per answered year).

    `keys` are the matching keys of `survey.responses` (row for row), `keep` a mask over
    them: only poles of both rounds are melted, so a huge file costs little here.
    """
    responses = survey.responses[keep.to_numpy()]
    keys = keys[keep.to_numpy()]
    key_of = dict(zip(responses["pole"].tolist(), keys.tolist(), strict=True))
    row_of = dict(zip(responses["pole"].tolist(), responses["source_row"].tolist(), strict=True))
    numeric = [f.key for f in NUMERIC_POLE_FIELDS]
    answers = (
        responses[["pole", "source_row", *numeric]]
        .assign(key=keys.to_numpy())
        .melt(id_vars=["key", "pole", "source_row"], value_vars=numeric, var_name="field")
        .assign(year=pd.NA, measure=ANSWER)
    )
    yearly_fields = [f.key for f in YEARLY_FIELDS]
    yearly = survey.yearly[survey.yearly["pole"].isin(list(key_of)).to_numpy()]
    yearly = yearly.assign(
        key=yearly["pole"].map(key_of).astype("string").to_numpy(),
        source_row=yearly["pole"].map(row_of).to_numpy(),
    )
    per_year = yearly.melt(
        id_vars=["key", "pole", "source_row", "year"], value_vars=yearly_fields, var_name="field"
    ).assign(measure=YEAR)
    frames = [f for f in (answers, per_year) if not f.empty]
    columns = ["key", "pole", "source_row", "field", "year", "measure", "value"]
    if not frames:
        return pd.DataFrame(columns=columns)
    long = pd.concat(frames, ignore_index=True)[columns]
    return long.astype({"value": "Float64", "year": "Int64"}).dropna(subset=["value"])


def _history(compared: pd.DataFrame, after: pd.DataFrame, before: pd.DataFrame) -> pd.DataFrame:
    """Per compared cell, the lowest and highest of the pole's other answers to the question:
    the previous round's values (all years) and the new round's other years."""
    cells = compared[["key", "field", "year", "measure"]].reset_index(names="cell")
    past = before[["key", "field", "measure", "value"]].assign(other_year=before["year"], new=False)
    now = after[["key", "field", "measure", "value"]].assign(other_year=after["year"], new=True)
    pool = pd.concat([past, now], ignore_index=True)
    joined = cells.merge(pool, on=["key", "field", "measure"], how="inner")
    same_cell = joined["new"] & (
        joined["other_year"].astype("Int64").fillna(-1) == joined["year"].astype("Int64").fillna(-1)
    )
    others = joined[~same_cell.to_numpy(dtype=bool)]
    stats = others.groupby("cell")["value"].agg(["min", "max"])
    return stats.reindex(range(len(compared)))


def _flags(compared: pd.DataFrame, history: pd.DataFrame) -> pd.DataFrame:
    """`compared` with the change, the history and peers' bounds, and the flags."""
    before = compared["before"].astype("float64")
    after = compared["after"].astype("float64")
    changed = after != before
    low = history["min"].astype("float64").to_numpy()
    high = history["max"].astype("float64").to_numpy()
    by_history = changed.to_numpy() & (
        (after.to_numpy() > RATIO * high) | (after.to_numpy() * RATIO < low)
    )
    # Peers: the log of (new + 1) / (old + 1) against the fences of every pole's, per cell.
    log_ratio = pd.Series(np.log((after + 1) / (before + 1)), index=compared.index)
    cell = compared["field"] + "@" + compared["year"].astype("string").fillna("")
    grouped = log_ratio.groupby(cell.to_numpy())
    q1 = grouped.transform(lambda v: v.quantile(0.25))
    q3 = grouped.transform(lambda v: v.quantile(0.75))
    count = grouped.transform("count")
    spread = FENCE * (q3 - q1)
    lower, upper = q1 - spread, q3 + spread
    enough = count >= MIN_FOR_FENCES
    outside = (log_ratio < lower) | (log_ratio > upper)
    by_peers = (outside & enough).to_numpy(dtype=bool)
    peers_decide = enough.to_numpy(dtype=bool)
    flagged = by_history & (by_peers | ~peers_decide)
    return compared.assign(
        change=after - before,
        ratio=(after / before).where(before != 0),
        history_low=low,
        history_high=high,
        peers_low=np.exp(lower).where(enough),
        peers_high=np.exp(upper).where(enough),
        changed=changed.to_numpy(dtype=bool),
        by_history=by_history,
        by_peers=by_peers,
        flagged=flagged,
    )


def _locate(compared: pd.DataFrame, mapping: ColumnMapping | None) -> pd.DataFrame:
    """`compared` with `row` (the new file's row of the pole), `column` (letter) and `header`."""
    letters: dict[tuple[str, int], tuple[str, str]] = {}
    if mapping is not None:
        for match in mapping.columns:
            if match.field is not None:
                letters[(match.field, -1 if match.year is None else int(match.year))] = (
                    match.letter,
                    match.header,
                )
    where = [
        letters.get((field, -1 if pd.isna(year) else int(year)), (None, None))
        for field, year in zip(compared["field"], compared["year"], strict=True)
    ]
    return compared.assign(
        row=compared["source_row"],
        column=[w[0] for w in where],
        header=[w[1] for w in where],
    )


def _changes(
    new: SurveyRound,
    previous: SurveyRound,
    new_keys: pd.Series,
    old_keys: pd.Series,
    mapping: ColumnMapping | None,
) -> pd.DataFrame:
    """Per pole and cell, the values both rounds hold, with their flags and location."""
    new_common, old_common = _within(new_keys, old_keys), _within(old_keys, new_keys)
    after = _answers(new, new_keys, new_common)
    before = _answers(previous, old_keys, old_common)
    compared = after.rename(columns={"value": "after"}).merge(
        before.drop(columns=["pole", "source_row"]).rename(columns={"value": "before"}),
        on=["key", "field", "year", "measure"],
        how="inner",
    )
    if compared.empty:
        return pd.DataFrame({c: pd.Series(dtype=d) for c, d in _CHANGE_COLUMNS.items()})
    compared = compared.reset_index(drop=True)
    flagged = _flags(compared, _history(compared, after, before))
    located = _locate(flagged, mapping)
    return located[list(_CHANGE_COLUMNS)].astype(_CHANGE_COLUMNS).reset_index(drop=True)


def _number(value: float | None) -> float | None:
    return None if value is None else float(value)


def headline_table(new: SurveyRound, previous: SurveyRound) -> pd.DataFrame:
    """Rows `key before after n_before n_after` of `HEADLINE_KEYS`; `<NA>` where unknown."""
    old, now = summary_dict(previous), summary_dict(new)
    rows = []
    for key in HEADLINE_KEYS:
        base = HEADLINE_N.get(key)
        rows.append(
            {
                "key": key,
                "before": _number(old[key]),
                "after": _number(now[key]),
                "n_before": old[base] if base else None,
                "n_after": now[base] if base else None,
            }
        )
    return pd.DataFrame(rows).astype(
        {"key": "string", "before": "Float64", "after": "Float64", "n_before": "Int64"}
        | {"n_after": "Int64"}
    )


def diff_rounds(
    new: SurveyRound, previous: SurveyRound, *, mapping: ColumnMapping | None = None
) -> RoundDiff:
    """Compare `new` (not yet stored) with `previous` (a stored round).

    `mapping` is the new file's column mapping: with it, each changed cell carries its
    column letter and header (the row comes from the responses' `source_row`).
    """
    new_names, old_names = new.responses["pole"], previous.responses["pole"]
    new_keys, old_keys = _keys(new_names), _keys(old_names)
    is_common = _within(new_keys, old_keys).to_numpy()
    missing = ~_within(old_keys, new_keys).to_numpy()
    new_years, old_years = set(new.years), set(previous.years)
    return RoundDiff(
        previous_label=previous.info.label,
        new_poles=tuple(new_names[~is_common].tolist()),
        missing_poles=tuple(old_names[missing].tolist()),
        common_poles=tuple(new_names[is_common].tolist()),
        changes=_changes(new, previous, new_keys, old_keys, mapping),
        headline=headline_table(new, previous),
        years=tuple(sorted(new_years & old_years)),
        new_only_years=tuple(sorted(new_years - old_years)),
        previous_only_years=tuple(sorted(old_years - new_years)),
    )
