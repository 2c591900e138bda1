"""Proposals submitted per region, per sector and per pole, with the small-group rules applied.

A figure for a group of one or two poles is really a per-pole figure: anyone who knows the
region knows whose number it is. So groups resting on fewer than `policy.MIN_GROUP_POLES`
answering poles are merged into one "Other" group (and the smallest shown groups join it
until it is big enough too), and a pole ranking is only produced when enough poles answered.
Everything is computed with one groupby per frame, so the cost does not grow with a Python
loop over poles.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis.core import policy
from analysis.core.model import SurveyRound

#: How many poles the ranking shows.
TOP_POLES = 10
#: Internal key of the merged group (rendered as "Other" / "Autres").
OTHER = "\x00other"
#: Internal key of the poles that left the grouping question blank.
UNKNOWN = "\x00unknown"


@dataclass(frozen=True)
class Grouped:
    """Rows `group, total, n, poles` (largest total first, "Other" last) and what was merged.

    `n` counts the poles whose answers the total rests on; `poles` the poles of the group in
    view; `merged` the original groups folded into `OTHER`, in display order.
    """

    frame: pd.DataFrame
    merged: tuple[str, ...]


def submitted_per_pole(view: SurveyRound) -> pd.DataFrame:
    """Rows `pole, total` for every responding pole: proposals submitted over the years in view.

    `total` is `<NA>` for a pole that answered no year (unknown, not zero).
    """
    per_pole = view.yearly.groupby("pole", sort=False)["projects_submitted"].sum(min_count=1)
    poles = view.responses["pole"]
    totals = per_pole.reindex(pd.Index(poles, dtype="string")).astype("Int64")
    return pd.DataFrame({"pole": poles.to_numpy(), "total": totals.to_numpy()}).astype(
        {"pole": "string", "total": "Int64"}
    )


def submitted_by(view: SurveyRound, column: str) -> Grouped:
    """Proposals submitted per value of `column` (`region` or `sector`), small groups merged."""
    per_pole = submitted_per_pole(view)
    keys = view.responses[column].astype("string").fillna(UNKNOWN).to_numpy()
    grouped = per_pole.assign(group=keys).groupby("group", sort=False)["total"]
    frame = pd.DataFrame(
        {
            "total": grouped.sum(min_count=1).astype("Int64"),
            "n": grouped.count().astype("int64"),
            "poles": grouped.size().astype("int64"),
        }
    ).rename_axis("group")
    return _merge_small(frame.reset_index().astype({"group": "string"}))


def _merge_small(frame: pd.DataFrame) -> Grouped:
    """Fold groups with fewer than `policy.MIN_GROUP_POLES` answering poles into `OTHER`.

    If the merged group is itself too small, the smallest shown groups join it until it is
    not (or nothing is left to show on its own).
    """
    ordered = frame.sort_values(["total", "group"], ascending=[False, True], na_position="last")
    small = ordered["n"] < policy.MIN_GROUP_POLES
    shown, merged = ordered.loc[~small], ordered.loc[small]
    while 0 < merged["n"].sum() < policy.MIN_GROUP_POLES and len(shown):
        merged = pd.concat([shown.iloc[[-1]], merged])
        shown = shown.iloc[:-1]
    if merged.empty:
        return Grouped(shown.reset_index(drop=True), ())
    other = pd.DataFrame(
        {
            "group": pd.array([OTHER], dtype="string"),
            "total": pd.array([merged["total"].sum(min_count=1)], dtype="Int64"),
            "n": [int(merged["n"].sum())],
            "poles": [int(merged["poles"].sum())],
        }
    )
    out = pd.concat([shown, other], ignore_index=True).astype({"n": "int64", "poles": "int64"})
    return Grouped(out, tuple(merged["group"].tolist()))


def top_poles(view: SurveyRound, k: int = TOP_POLES) -> pd.DataFrame:
    """Rows `pole, total`: the `k` poles that submitted most; poles with no answer left out."""
    ranked = submitted_per_pole(view).dropna(subset=["total"])
    return (
        ranked.sort_values(["total", "pole"], ascending=[False, True])
        .head(k)
        .reset_index(drop=True)
    )


def ranking_allowed(view: SurveyRound, single_pole_chosen: bool) -> bool:
    """Whether per-pole values may be shown: enough poles answered (`policy.may_show_group`)."""
    answered = int(submitted_per_pole(view)["total"].notna().sum())
    # A single chosen pole leaves at most one answer in view, so "from one pole" is exact.
    return policy.may_show_group(answered, single_pole_chosen)
