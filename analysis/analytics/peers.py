"""One pole next to its peers: all poles, its region, its sector; quartiles, rank, percentile.

Pure functions of a `SurveyRound`. Each figure is one number per pole: the per-pole
answers, and the per-year answers summed or averaged over the years answered. Blank
answers are unknown: they are left out of every statistic and of its base n. A peer group
with fewer than `policy.MIN_GROUP_POLES` answers gets no statistics at all, only "too few poles",
since its quartiles would be the answers of one or two named poles.
"""

from __future__ import annotations

from typing import NamedTuple

import pandas as pd

from analysis.core import policy
from analysis.core.i18n import Lang, fmt_int, fmt_number, fmt_percent, t
from analysis.core.labels import sector_label
from analysis.core.model import SurveyRound

GROUPS: tuple[str, ...] = ("all", "region", "sector")


class Figure(NamedTuple):
    """A figure compared across poles and how its numbers are written."""

    key: str
    kind: str  # count, decimal or rate


FIGURES: tuple[Figure, ...] = (
    Figure("projects_submitted_total", "count"),
    Figure("projects_submitted_mean", "decimal"),
    Figure("projects_funded_total", "count"),
    Figure("projects_funded_mean", "decimal"),
    Figure("success_rate", "rate"),
    Figure("europe_team_recruitments", "count"),
    Figure("coordinator_members", "count"),
    Figure("europe_team_fte", "decimal"),
    Figure("members", "count"),
)
KINDS: dict[str, str] = {f.key: f.kind for f in FIGURES}

_COLUMNS = ("figure", "group", "name", "value", "n", "median", "q1", "q3", "rank", "percentile")


def pole_figures(survey: SurveyRound) -> pd.DataFrame:
    """One row per pole: `pole, region, sector` and every figure of `FIGURES` (Float64).

    Per-year figures use the years the pole answered: the total sums them, the mean
    averages them, the success rate is funded over submitted in the years answered for both.
    """
    yearly = survey.yearly
    poles = survey.responses["pole"]
    by_pole = yearly.groupby("pole")
    both = yearly.dropna(subset=["projects_submitted", "projects_funded"]).groupby("pole")
    submitted_both = both["projects_submitted"].sum().astype("Float64")
    rate = (both["projects_funded"].sum().astype("Float64") / submitted_both).where(
        submitted_both > 0
    )
    derived = {
        "projects_submitted_total": by_pole["projects_submitted"].sum(min_count=1),
        "projects_submitted_mean": by_pole["projects_submitted"].mean(),
        "projects_funded_total": by_pole["projects_funded"].sum(min_count=1),
        "projects_funded_mean": by_pole["projects_funded"].mean(),
        "success_rate": rate,
    }
    out = survey.responses[["pole", "region", "sector"]].reset_index(drop=True)
    columns = {
        key: pd.array(
            derived[key].reindex(poles).to_numpy(dtype=object, na_value=pd.NA)
            if key in derived
            else survey.responses[key].to_numpy(dtype=object, na_value=pd.NA),
            dtype="Float64",
        )
        for key in KINDS
    }
    return out.assign(**columns)


def _stats(values: pd.Series, own: float | None, min_peers: int) -> dict[str, object]:
    """Median, quartiles, rank (1 = highest) and percentile of `own` among `values`."""
    answered = values.dropna().astype(float)
    n = len(answered)
    if n < min_peers:
        return {"n": n, "median": None, "q1": None, "q3": None, "rank": None, "percentile": None}
    q1, median, q3 = answered.quantile([0.25, 0.5, 0.75]).tolist()
    rank = percentile = None
    if own is not None and not pd.isna(own):
        value = float(own)
        rank = int((answered > value).sum()) + 1
        percentile = float((answered <= value).sum() / n)
    return {"n": n, "median": median, "q1": q1, "q3": q3, "rank": rank, "percentile": percentile}


def compare(survey: SurveyRound, pole: str, *, min_peers: int | None = None) -> pd.DataFrame:
    """Rows `figure, group, name, value, n, median, q1, q3, rank, percentile, too_few`.

    One row per figure and peer group (`all`, `region`, `sector`), figures in `FIGURES`
    order. `value` is the pole's own answer; `name` the region or sector compared with
    (`<NA>` when the pole left it blank, and then n = 0). `rank` is 1 for the highest value
    (ties share the best rank); `percentile` is the share of the group's answers at or
    below the pole's. A group of fewer than `min_peers` answers (by default the policy's
    `MIN_GROUP_POLES`) gets no statistics. Raises `KeyError` when `pole` is not in the round.
    """
    if min_peers is None:
        min_peers = policy.MIN_GROUP_POLES
    table = pole_figures(survey)
    matches = table.index[table["pole"] == pole]
    if not len(matches):
        raise KeyError(pole)
    own = table.loc[matches[0]]
    masks = {"all": pd.Series(True, index=table.index)}
    names: dict[str, object] = {"all": pd.NA}
    for group in ("region", "sector"):
        names[group] = own[group]
        masks[group] = (table[group] == own[group]).fillna(False).astype(bool)
    rows = [
        {
            "figure": figure.key,
            "group": group,
            "name": names[group],
            "value": own[figure.key],
            **_stats(table.loc[masks[group], figure.key], own[figure.key], min_peers),
        }
        for figure in FIGURES
        for group in GROUPS
    ]
    out = pd.DataFrame(rows, columns=list(_COLUMNS))
    out = out.astype(
        {
            "figure": "string",
            "group": "string",
            "name": "string",
            "value": "Float64",
            "n": "int64",
            "median": "Float64",
            "q1": "Float64",
            "q3": "Float64",
            "rank": "Int64",
            "percentile": "Float64",
        }
    )
    return out.assign(too_few=out["n"] < min_peers)


def own_years(survey: SurveyRound, pole: str) -> pd.DataFrame:
    """Rows `year, projects_submitted, projects_funded` of one pole, by year."""
    rows = survey.yearly.loc[survey.yearly["pole"] == pole]
    columns = ["year", "projects_submitted", "projects_funded"]
    return rows[columns].sort_values("year").reset_index(drop=True)


def has_answers(own: pd.DataFrame) -> bool:
    """Whether a pole's own years hold at least one answer."""
    return bool(own[["projects_submitted", "projects_funded"]].notna().any().any())


def peer_groups(comparison: pd.DataFrame) -> tuple[str | None, str | None]:
    """The region and the sector the pole was compared with (`None` when left blank)."""
    names = comparison.drop_duplicates("group").set_index("group")["name"]
    region, sector = names.get("region"), names.get("sector")
    return (
        None if region is None or pd.isna(region) else str(region),
        None if sector is None or pd.isna(sector) else str(sector),
    )


def identity(comparison: pd.DataFrame, lang: Lang) -> str:
    """`Region: Occitanie · Sector: Health`, in `lang`."""
    region, sector = peer_groups(comparison)
    missing = t("peers.not_given", lang)
    return t(
        "peers.identity",
        lang,
        region=region or missing,
        sector=sector_label(sector, lang) if sector else missing,
    )


def period_of(survey: SurveyRound) -> str:
    """The years the per-year figures cover: `2019–2022`, `2020`, or `–`."""
    years = survey.years
    if not years:
        return "–"
    return str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"


def answered_figures(comparison: pd.DataFrame) -> tuple[str, ...]:
    """Figures at least one pole answered (a question nobody answered is left out)."""
    everyone = comparison.loc[comparison["group"] == "all"]
    return tuple(everyone.loc[everyone["n"] > 0, "figure"].tolist())


def figure_label(figure: str, lang: Lang) -> str:
    """The figure's name on screen."""
    return t(f"peers.figure_{figure}", lang)


def format_figure(value: float | None, figure: str, lang: Lang, *, statistic: bool = False) -> str:
    """A figure's value as text: counts whole (statistics of counts may be halves)."""
    if value is None or pd.isna(value):
        return "–"
    kind = KINDS[figure]
    number = float(value)
    if kind == "rate":
        return fmt_percent(number, lang)
    if kind == "count" and not statistic:
        return fmt_int(number, lang)
    return fmt_number(number, lang, 1)


def _group_cell(row: pd.Series, lang: Lang) -> str:
    if pd.isna(row["name"]) and row["group"] != "all":
        return t("peers.not_given", lang)
    if row["too_few"]:
        return t("peers.too_few", lang, n=int(row["n"]))
    figure = str(row["figure"])
    text = t(
        "peers.stat_cell",
        lang,
        median=format_figure(row["median"], figure, lang, statistic=True),
        q1=format_figure(row["q1"], figure, lang, statistic=True),
        q3=format_figure(row["q3"], figure, lang, statistic=True),
        n=int(row["n"]),
    )
    return text + (" ⚠" if policy.is_small_base(row["n"]) else "")


def display_table(comparison: pd.DataFrame, *, lang: Lang) -> pd.DataFrame:
    """The comparison as text, one row per answered figure.

    Columns: figure, the pole's value, its rank and percentile among all poles, then
    `median [Q1–Q3] (n)` for all poles, its region and its sector.
    """
    keep = comparison.loc[comparison["figure"].isin(answered_figures(comparison))]
    cells = keep.assign(cell=[_group_cell(row, lang) for _, row in keep.iterrows()])
    wide = cells.pivot(index="figure", columns="group", values="cell")
    everyone = keep.loc[keep["group"] == "all"].set_index("figure")
    order = list(dict.fromkeys(keep["figure"]))
    region_name, sector_name = peer_groups(comparison)
    region_header = t("peers.col_region", lang, name=region_name or "–")
    sector_header = t(
        "peers.col_sector", lang, name=sector_label(sector_name, lang) if sector_name else "–"
    )
    return pd.DataFrame(
        {
            t("peers.col_figure", lang): [figure_label(f, lang) for f in order],
            t("peers.col_value", lang): [
                format_figure(everyone.loc[f, "value"], f, lang) for f in order
            ],
            t("peers.col_rank", lang): [_rank_cell(everyone.loc[f], lang) for f in order],
            t("peers.col_percentile", lang): [
                fmt_percent(everyone.loc[f, "percentile"], lang)
                if pd.notna(everyone.loc[f, "percentile"])
                else "–"
                for f in order
            ],
            t("peers.col_all", lang): [wide.loc[f, "all"] for f in order],
            region_header: [wide.loc[f, "region"] for f in order],
            sector_header: [wide.loc[f, "sector"] for f in order],
        }
    )


def _rank_cell(row: pd.Series, lang: Lang) -> str:
    if pd.isna(row["rank"]):
        return "–"
    return t("peers.rank_of", lang, rank=int(row["rank"]), n=int(row["n"]))
