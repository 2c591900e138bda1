"""Yearly series split into groups (region, sector or pole), with the small-group guard.

Pure functions of a `SurveyRound`. A group's figure that rests on one or two poles would
be those poles' own answers, so groups of fewer than `policy.MIN_GROUP_POLES` poles are merged
into "Others" (and, if "Others" is itself that small, the smallest shown group joins it),
unless the caller says a single pole was chosen on purpose (`reveal`). Blank answers stay
out of every sum and every base n.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis.analytics import metrics
from analysis.core import policy
from analysis.core.i18n import Lang, fmt_int, fmt_percent, fmt_signed_percent, t
from analysis.core.labels import sector_label
from analysis.core.model import SurveyRound
from analysis.core.schema import PROGRAMMES
from analysis.core.text import normalise

MEASURES: tuple[str, ...] = ("submitted", "funded", "rate")
SPLITS: tuple[str, ...] = ("none", "region", "sector", "pole")
SCALES: tuple[str, ...] = ("absolute", "indexed")
#: Group keys that are not data values (a NUL byte never comes out of a spreadsheet cell).
OTHERS = "\x00others"
ALL = "\x00all"
DEFAULT_TOP_N = 8

_FIELD = {"submitted": "projects_submitted", "funded": "projects_funded"}
_PROJECT_FIELD = {"submitted": "submitted", "funded": "funded"}


@dataclass(frozen=True)
class Grouping:
    """Which group each pole is counted in, the groups in display order, what was merged."""

    split: str
    assignment: pd.DataFrame  # pole, group
    order: tuple[str, ...]
    merged: tuple[str, ...] = ()  # raw values folded into OTHERS because they were too small


def available_measures(survey: SurveyRound) -> tuple[str, ...]:
    """The measures this round can show: a measure nobody answered is not offered."""
    yearly = survey.yearly
    submitted = yearly["projects_submitted"].notna()
    funded = yearly["projects_funded"].notna()
    offered = {
        "submitted": submitted.any(),
        "funded": funded.any(),
        "rate": (submitted & funded).any(),
    }
    return tuple(m for m in MEASURES if offered[m])


def withheld(survey: SurveyRound, *, reveal: bool) -> bool:
    """True when the whole view is too few poles to show anything but a chosen pole."""
    n = len(survey.responses)
    return n > 0 and not policy.may_show_group(n, single_pole_chosen=reveal)


def _weights(survey: SurveyRound, measure: str) -> pd.Series:
    """Per pole, its total of the count behind `measure` (rate ranks by submissions)."""
    field = _FIELD.get(measure, "projects_submitted")
    totals = survey.yearly.groupby("pole")[field].sum(min_count=1)
    poles = survey.responses["pole"]
    return totals.reindex(poles).astype("Float64").set_axis(poles.index)


def _ordered(groups: pd.Series, weights: pd.Series) -> tuple[str, ...]:
    """Groups by total weight (largest first), then name; OTHERS and ALL last."""
    frame = pd.DataFrame({"group": groups.to_numpy(), "weight": weights.to_numpy()})
    stats = frame.groupby("group")["weight"].sum(min_count=1).astype("Float64").fillna(-1.0)
    real = stats.drop([OTHERS, ALL], errors="ignore")
    keys = sorted(real.index, key=lambda g: (-float(real[g]), normalise(g)))
    return tuple(keys) + tuple(g for g in (OTHERS, ALL) if g in stats.index)


def assign_groups(
    survey: SurveyRound,
    split: str,
    *,
    measure: str = "submitted",
    top_n: int = DEFAULT_TOP_N,
    reveal: bool = False,
) -> Grouping:
    """Each responding pole's group for `split` (`none`, `region`, `sector` or `pole`).

    `pole` keeps the `top_n` poles with the largest totals on their own and the rest in
    OTHERS; since a pole is a group of one, that only happens with `reveal`. Poles with a
    blank region or sector go to OTHERS. When every pole ends in OTHERS the group is ALL.
    """
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r}; expected one of {SPLITS}")
    poles = survey.responses["pole"]
    weights = _weights(survey, measure)
    merged: tuple[str, ...] = ()
    if split == "none":
        groups = pd.Series(ALL, index=poles.index, dtype="string")
    elif split == "pole":
        ranked = weights.fillna(-1.0).astype(float).to_frame("w").assign(key=poles.map(normalise))
        top = ranked.sort_values(["w", "key"], ascending=[False, True]).index[: max(top_n, 0)]
        keep = poles.index.isin(top) if reveal else pd.Series(False, index=poles.index)
        groups = poles.where(keep, OTHERS).astype("string")
    else:
        values = survey.responses[split]
        sizes = values.value_counts()
        small = [] if reveal else sizes.index[sizes < policy.MIN_GROUP_POLES].tolist()
        keep = values.notna() & ~values.isin(small).fillna(False)
        groups = values.where(keep, OTHERS).astype("string")
        if not reveal:
            groups = _complete_others(groups, weights)
        folded = values.loc[(groups == OTHERS) & values.notna()].unique().tolist()
        merged = tuple(sorted(folded, key=normalise))
    if len(groups) and (groups == OTHERS).all():
        groups = pd.Series(ALL, index=poles.index, dtype="string")
    assignment = pd.DataFrame({"pole": poles.to_numpy(), "group": groups.to_numpy()}).astype(
        "string"
    )
    return Grouping(split, assignment, _ordered(groups, weights), merged)


def _complete_others(groups: pd.Series, weights: pd.Series) -> pd.Series:
    """Fold the smallest shown groups into OTHERS until OTHERS is empty or big enough.

    Otherwise "Others" itself could be one or two poles, and the total minus the shown
    groups would give them away.
    """
    while True:
        in_others = int((groups == OTHERS).sum())
        shown = groups.loc[groups != OTHERS]
        if in_others == 0 or in_others >= policy.MIN_GROUP_POLES or shown.empty:
            return groups
        stats = pd.DataFrame({"group": shown, "w": weights.loc[shown.index].fillna(0.0)})
        sizes = stats.groupby("group").agg(poles=("w", "size"), w=("w", "sum")).reset_index()
        sizes = sizes.assign(key=sizes["group"].map(normalise))
        smallest = sizes.sort_values(["poles", "w", "key"]).iloc[0]["group"]
        groups = groups.where(groups != smallest, OTHERS)


def _joined(survey: SurveyRound, grouping: Grouping) -> pd.DataFrame:
    """Per-year rows with each pole's group."""
    return survey.yearly.merge(grouping.assignment, on="pole", how="inner")


def yearly_series(survey: SurveyRound, grouping: Grouping, measure: str) -> pd.DataFrame:
    """Rows `group, year, value, n`: every group × every year of the round, in display order.

    Counts are sums of the non-blank answers (`<NA>` when nobody in the group answered);
    the rate is funded / submitted over the poles that answered both that year. `n` is
    the number of poles the value rests on.
    """
    frame = _joined(survey, grouping)
    index = pd.MultiIndex.from_product(
        [list(grouping.order), survey.years], names=["group", "year"]
    )
    if measure == "rate":
        both = frame.dropna(subset=["projects_submitted", "projects_funded"])
        grouped = both.groupby(["group", "year"])
        submitted = grouped["projects_submitted"].sum().reindex(index).astype("Float64")
        funded = grouped["projects_funded"].sum().reindex(index).astype("Float64")
        value = (funded / submitted).where(submitted > 0)
        n = grouped.size().reindex(index, fill_value=0)
    else:
        field = _FIELD[measure]
        grouped = frame.groupby(["group", "year"])[field]
        value = grouped.sum(min_count=1).reindex(index).astype("Float64")
        n = grouped.count().reindex(index, fill_value=0)
    out = pd.DataFrame({"value": value.astype("Float64"), "n": n.astype("int64")})
    return out.reset_index().astype({"group": "string", "year": "int64"})


def to_first_year(series: pd.DataFrame) -> pd.DataFrame:
    """`series` plus `index`: each group's value over its value in the first year × 100.

    The first year is the series' earliest, the same for every group, so lines start
    together; `<NA>` for a group whose value that year is unknown or 0.
    """
    if series.empty:
        return series.assign(index=pd.Series(dtype="Float64"))
    first = series.loc[series["year"] == series["year"].min()].set_index("group")["value"]
    base = series["group"].map(first).astype("Float64")
    index = (series["value"] / base * 100).where(base.notna() & (base != 0))
    return series.assign(index=index.astype("Float64"))


def summary(survey: SurveyRound, grouping: Grouping, measure: str) -> pd.DataFrame:
    """Rows `group, poles, n, total`, one per group in display order.

    `poles` counts the group's poles, `n` those that answered at least one year (both
    figures in one year for the rate); `total` sums every answered year (for the rate,
    funded over submitted across the years answered for both).
    """
    frame = _joined(survey, grouping)
    order = pd.Index(list(grouping.order), name="group")
    poles = grouping.assignment.groupby("group").size().reindex(order, fill_value=0)
    if measure == "rate":
        both = frame.dropna(subset=["projects_submitted", "projects_funded"])
        grouped = both.groupby("group")
        submitted = grouped["projects_submitted"].sum().reindex(order).astype("Float64")
        funded = grouped["projects_funded"].sum().reindex(order).astype("Float64")
        total = (funded / submitted).where(submitted > 0)
        n = grouped["pole"].nunique().reindex(order, fill_value=0)
    else:
        answered = frame.dropna(subset=[_FIELD[measure]])
        grouped = answered.groupby("group")
        total = grouped[_FIELD[measure]].sum().reindex(order).astype("Float64")
        n = grouped["pole"].nunique().reindex(order, fill_value=0)
    out = pd.DataFrame(
        {"poles": poles.astype("int64"), "n": n.astype("int64"), "total": total.astype("Float64")}
    )
    return out.reset_index().astype({"group": "string"})


def selected_poles(grouping: Grouping, groups: tuple[str, ...]) -> tuple[str, ...]:
    """The poles of the chosen groups (a chosen OTHERS stands for all the poles in it)."""
    chosen = grouping.assignment.loc[grouping.assignment["group"].isin(groups)]
    return tuple(chosen["pole"].tolist())


def by_programme(survey: SurveyRound, measure: str) -> pd.DataFrame:
    """Rows `year, programme, value, n` from the per-project rows, programmes in schema order.

    `n` is the number of poles with an answered row for that year and programme.
    """
    projects = survey.projects.dropna(subset=["year", "programme"])
    if measure == "rate":
        rows = projects.dropna(subset=["submitted", "funded"])
        grouped = rows.groupby(["year", "programme"])
        submitted = grouped["submitted"].sum().astype("Float64")
        value = (grouped["funded"].sum().astype("Float64") / submitted).where(submitted > 0)
    else:
        rows = projects.dropna(subset=[_PROJECT_FIELD[measure]])
        grouped = rows.groupby(["year", "programme"])
        value = grouped[_PROJECT_FIELD[measure]].sum().astype("Float64")
    out = pd.DataFrame({"value": value, "n": grouped["pole"].nunique()}).reset_index()
    rank = {name: i for i, name in enumerate(PROGRAMMES)}
    out = out.assign(
        year=out["year"].astype("int64"),
        programme=out["programme"].astype("string"),
        value=out["value"].astype("Float64"),
        n=out["n"].astype("int64"),
        _rank=out["programme"].map(lambda p: rank.get(p, len(rank))).astype("int64"),
    )
    return (
        out.sort_values(["year", "_rank", "programme"])
        .drop(columns="_rank")
        .reset_index(drop=True)[["year", "programme", "value", "n"]]
    )


def growth_sentence(survey: SurveyRound, lang: Lang) -> str | None:
    """The submissions' compound yearly growth on the poles that answered the first and the
    last year, with the all-respondent totals' figure beside it when it differs; None when
    it cannot be computed (one year, or nobody answered both)."""
    panel = metrics.panel_cagr(survey, "projects_submitted")
    if panel.value is None:
        return None
    years = survey.years
    text = t(
        "trends.growth_panel",
        lang,
        rate=fmt_signed_percent(panel.value, lang, 1),
        first=str(years[0]),
        last=str(years[-1]),
        n=panel.n,
    )
    everyone = metrics.cagr(metrics.by_year(survey, "projects_submitted"))
    if metrics.growth_differs(panel, everyone):
        text += " " + t("trends.growth_all", lang, rate=fmt_signed_percent(everyone.value, lang, 1))
    return text


def group_label(group: str, split: str, lang: Lang) -> str:
    """How a group is named on screen: translated sectors, "Others", "All clusters"."""
    if group == OTHERS:
        return t("trends.others", lang)
    if group == ALL:
        return t("trends.all_poles", lang)
    return sector_label(group, lang) if split == "sector" else str(group)


def programme_label(programme: str, lang: Lang) -> str:
    """Programme names are proper names, except the catch-all "Other"."""
    return t("trends.programme_other", lang) if programme == "Other" else str(programme)


def format_value(value: float | None, measure: str, lang: Lang) -> str:
    """A count as an integer, a rate as a percentage; `–` when unknown."""
    if value is None or pd.isna(value):
        return "–"
    number = float(value)
    return fmt_percent(number, lang) if measure == "rate" else fmt_int(number, lang)


def display_table(
    series: pd.DataFrame, totals: pd.DataFrame, *, split: str, measure: str, lang: Lang
) -> pd.DataFrame:
    """The summary as text, one row per group: group, each year, total, n.

    A value resting on fewer than `policy.SMALL_BASE` answers carries a ⚠.
    """
    flagged = series.assign(
        text=[
            format_value(v, measure, lang) + (" ⚠" if n > 0 and policy.is_small_base(n) else "")
            for v, n in zip(series["value"], series["n"], strict=True)
        ]
    )
    wide = flagged.pivot(index="group", columns="year", values="text")
    wide.columns = [str(year) for year in wide.columns]
    merged = totals.merge(wide, left_on="group", right_index=True, how="left")
    header = t(f"trends.split_{split}", lang) if split != "none" else t("trends.group", lang)
    out = pd.DataFrame(
        {header: [group_label(g, split, lang) for g in merged["group"]]}, index=merged.index
    )
    for column in wide.columns:
        out[column] = merged[column].to_numpy()
    out[t("trends.total", lang)] = [
        format_value(v, measure, lang) + (" ⚠" if n > 0 and policy.is_small_base(n) else "")
        for v, n in zip(merged["total"], merged["n"], strict=True)
    ]
    out[t("trends.n_poles", lang)] = [
        t("trends.n_of", lang, n=int(n), poles=int(p))
        for n, p in zip(merged["n"], merged["poles"], strict=True)
    ]
    return out.reset_index(drop=True)
