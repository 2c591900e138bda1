"""Any figure of a round aggregated by region, with its base n and the small-group rule.

The map shows one value per region; each rests on the poles of that region that answered.
A regional value from one or two poles is a per-pole value in disguise, so a region with
fewer than `policy.MIN_GROUP_POLES` answering poles gets no value (status `too_few`) unless the user
selected exactly one pole on purpose. Regions are sorted into three places: those drawn on
the map (matched to the GeoJSON names, accents and punctuation ignored), the overseas
regions listed beside it, and anything else (unknown or blank regions), which is listed too
rather than silently dropped.

Pure functions of a `SurveyRound`: no I/O, inputs never mutated, blanks never counted as 0.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

import pandas as pd

from analysis.analytics.metrics import Measure
from analysis.core import policy
from analysis.core.i18n import Lang, fmt_int, fmt_number, fmt_percent, t
from analysis.core.model import SurveyRound
from analysis.core.schema import METROPOLITAN_REGIONS, OVERSEAS_REGIONS
from analysis.core.text import normalise, normalise_series


class Aggregate(StrEnum):
    """How the poles' values of a region are combined."""

    TOTAL = "total"
    MEAN = "mean"
    SHARE = "share"
    RATE = "rate"


class Place(StrEnum):
    """Where a region is shown: on the map, in the overseas list, or in the "other" list."""

    MAP = "map"
    OVERSEAS = "overseas"
    OTHER = "other"


class Status(StrEnum):
    """Whether a region's value can be shown."""

    OK = "ok"
    TOO_FEW = "too_few"
    NO_ANSWER = "no_answer"


@dataclass(frozen=True)
class RegionFigure:
    """A figure that can be mapped: which answers it reads and how it combines them.

    `field` is a column of `responses`, or of `yearly` when `per_year`; a `RATE` is funded
    over submitted, from the years in which a pole gave both.
    """

    key: str
    aggregate: Aggregate
    field: str
    per_year: bool = False
    digits: int = 0

    @property
    def is_fraction(self) -> bool:
        """Whether the value is a fraction shown as a percentage."""
        return self.aggregate in (Aggregate.SHARE, Aggregate.RATE)

    def label(self, lang: Lang) -> str:
        """The figure's name in `lang`."""
        return t(f"map.figure_{self.key}", lang)

    def format(self, value: float | int | None, lang: Lang) -> str:
        """`value` written for `lang` (`–` when unknown)."""
        if value is None or pd.isna(value):
            return fmt_int(None, lang)
        if self.is_fraction:
            return fmt_percent(float(value), lang)
        if self.digits:
            return fmt_number(float(value), lang, self.digits)
        return fmt_int(value, lang)


FIGURES: tuple[RegionFigure, ...] = (
    RegionFigure("submitted", Aggregate.TOTAL, "projects_submitted", per_year=True),
    RegionFigure("submitted_mean", Aggregate.MEAN, "projects_submitted", per_year=True, digits=1),
    RegionFigure("funded", Aggregate.TOTAL, "projects_funded", per_year=True),
    RegionFigure("success_rate", Aggregate.RATE, "projects_funded", per_year=True),
    RegionFigure("recruitments", Aggregate.TOTAL, "europe_team_recruitments"),
    RegionFigure("coordinators", Aggregate.TOTAL, "coordinator_members"),
    RegionFigure("plans_share", Aggregate.SHARE, "plans_to_recruit"),
    RegionFigure("fte", Aggregate.TOTAL, "europe_team_fte", digits=1),
    RegionFigure("members", Aggregate.TOTAL, "members"),
)
FIGURES_BY_KEY: dict[str, RegionFigure] = {f.key: f for f in FIGURES}


def figure_label(key: str, lang: Lang) -> str:
    """The name of figure `key` in `lang` (for a selectbox's `format_func`)."""
    return FIGURES_BY_KEY[key].label(lang)


def _figure(figure: RegionFigure | str) -> RegionFigure:
    return figure if isinstance(figure, RegionFigure) else FIGURES_BY_KEY[figure]


def pole_values(view: SurveyRound, figure: RegionFigure | str) -> pd.DataFrame:
    """Rows `pole region value` (plus `funded submitted` for a rate), one per responding pole.

    Per-year figures sum each pole's non-blank years in the view (`<NA>` when it answered
    none); a rate keeps only the years in which the pole gave both submitted and funded.
    """
    figure = _figure(figure)
    responses = view.responses[["pole", "region"]].reset_index(drop=True)
    if not figure.per_year:
        values = view.responses[figure.field].reset_index(drop=True)
        if figure.aggregate is Aggregate.SHARE:
            values = values.astype("Float64")
        return responses.assign(value=values.astype("Float64"))
    yearly = view.yearly
    if figure.aggregate is Aggregate.RATE:
        both = yearly.dropna(subset=["projects_submitted", "projects_funded"])
        sums = both.groupby("pole")[["projects_funded", "projects_submitted"]].sum()
        merged = responses.merge(sums, how="left", left_on="pole", right_index=True)
        funded = merged["projects_funded"].astype("Float64").reset_index(drop=True)
        submitted = merged["projects_submitted"].astype("Float64").reset_index(drop=True)
        return responses.assign(
            funded=funded, submitted=submitted, value=(funded / submitted).where(submitted > 0)
        )
    sums = yearly.groupby("pole")[figure.field].sum(min_count=1)
    value = responses["pole"].map(sums).astype("Float64")
    return responses.assign(value=value)


def _aggregate(values: pd.DataFrame, figure: RegionFigure, keys: pd.Series) -> pd.DataFrame:
    """Columns `poles n value` per distinct key (blank keys kept as their own group)."""
    grouped = values.groupby(keys, dropna=False, sort=False)
    poles = grouped["pole"].size().astype("int64")
    if figure.aggregate is Aggregate.RATE:
        n = grouped["submitted"].count().astype("int64")
        funded = grouped["funded"].sum(min_count=1)
        submitted = grouped["submitted"].sum(min_count=1)
        value = (funded / submitted).where(submitted > 0)
    else:
        n = grouped["value"].count().astype("int64")
        if figure.aggregate is Aggregate.TOTAL:
            value = grouped["value"].sum(min_count=1)
        else:
            value = grouped["value"].mean()
    return pd.DataFrame({"poles": poles, "n": n, "value": value.astype("Float64")})


def _status(n: pd.Series, single_pole: bool) -> pd.Series:
    minimum = policy.group_minimum(single_pole)
    status = pd.Series(Status.OK.value, index=n.index, dtype="string")
    status = status.mask(n < minimum, Status.TOO_FEW.value)
    return status.mask(n == 0, Status.NO_ANSWER.value)


def _places(regions: pd.Series, map_regions: Iterable[str]) -> pd.DataFrame:
    """Columns `place map_name` for each region: matched to a map name, overseas or other."""
    map_keys = {normalise(name): name for name in map_regions}
    overseas = {normalise(name) for name in OVERSEAS_REGIONS}
    keys = normalise_series(regions)
    map_name = keys.map(map_keys).astype("string")
    place = pd.Series(Place.OTHER.value, index=regions.index, dtype="string")
    place = place.mask(keys.isin(overseas), Place.OVERSEAS.value)
    place = place.mask(map_name.notna() & regions.notna(), Place.MAP.value)
    return pd.DataFrame({"place": place, "map_name": map_name.where(place == Place.MAP.value)})


_PLACE_ORDER = {Place.MAP.value: 0, Place.OVERSEAS.value: 1, Place.OTHER.value: 2}


def by_region(
    view: SurveyRound,
    figure: RegionFigure | str,
    *,
    single_pole: bool = False,
    map_regions: Iterable[str] = tuple(METROPOLITAN_REGIONS),
) -> pd.DataFrame:
    """One row per region of the view: `region place map_name poles n value status`.

    `poles` counts the region's responding poles, `n` those that answered the figure.
    `value` is `<NA>` unless `status` is `ok`: a region needs `policy.MIN_GROUP_POLES`
    answering poles, or one when `single_pole` (the user chose exactly one pole).
    `map_name` is the map's spelling of the region. Rows are ordered map, overseas, other,
    then by name.
    """
    figure = _figure(figure)
    values = pole_values(view, figure)
    out = _aggregate(values, figure, values["region"].rename("region"))
    out = out.rename_axis("region").reset_index()
    out = out.astype({"region": "string"})
    status = _status(out["n"], single_pole)
    places = _places(out["region"], map_regions)
    out = out.assign(
        place=places["place"],
        map_name=places["map_name"],
        value=out["value"].where(status == Status.OK.value),
        status=status,
    )
    order = out["place"].map(_PLACE_ORDER).astype("int64")
    names = normalise_series(out["region"])
    out = out.assign(_order=order, _name=names).sort_values(["_order", "_name"], kind="stable")
    columns = ["region", "place", "map_name", "poles", "n", "value", "status"]
    return out[columns].reset_index(drop=True)


def overall(view: SurveyRound, figure: RegionFigure | str, *, single_pole: bool = False) -> Measure:
    """The figure over every pole of `view`, under the same small-group rule as a region."""
    figure = _figure(figure)
    values = pole_values(view, figure)
    if values.empty:
        return Measure(None, 0)
    keys = pd.Series(0, index=values.index, name="all")
    row = _aggregate(values, figure, keys).iloc[0]
    n = int(row["n"])
    status = _status(pd.Series([n]), single_pole).iloc[0]
    if status != Status.OK.value or pd.isna(row["value"]):
        return Measure(None, n)
    value = float(row["value"])
    if figure.aggregate is Aggregate.TOTAL and not figure.digits:
        return Measure(round(value), n)
    return Measure(value, n)


def value_text(regions: pd.DataFrame, figure: RegionFigure | str, lang: Lang) -> pd.Series:
    """Each region's value written for `lang`, or why it has none."""
    figure = _figure(figure)
    reasons = {
        Status.TOO_FEW.value: t("map.too_few", lang, n=policy.MIN_GROUP_POLES),
        Status.NO_ANSWER.value: t("map.no_answer", lang),
    }
    texts = [
        figure.format(value, lang) if status == Status.OK.value else reasons[status]
        for value, status in zip(regions["value"], regions["status"], strict=True)
    ]
    return pd.Series(texts, index=regions.index, dtype="string")


def region_name(region: object, lang: Lang) -> str:
    """The region as stored, or "region not given" for a blank one."""
    if region is None or pd.isna(region):
        return t("map.region_unknown", lang)
    return str(region)


def display_table(regions: pd.DataFrame, figure: RegionFigure | str, lang: Lang) -> pd.DataFrame:
    """The regional table as shown: region, value (written), n, and a note on small bases.

    Headers are translated; the note flags a value resting on fewer than `policy.SMALL_BASE`
    answers, and names the place of regions not drawn on the map.
    """
    figure = _figure(figure)
    names = regions["region"].map(lambda r: region_name(r, lang), na_action=None)
    small = (regions["status"] == Status.OK.value) & (regions["n"] < policy.SMALL_BASE)
    place_notes = {
        Place.OVERSEAS.value: t("map.place_overseas", lang),
        Place.OTHER.value: t("map.place_other", lang),
    }
    small_note = t("map.small_base", lang, n=policy.SMALL_BASE)
    notes = [
        " · ".join(
            part for part in (small_note if flagged else "", place_notes.get(place, "")) if part
        )
        for flagged, place in zip(small, regions["place"], strict=True)
    ]
    return pd.DataFrame(
        {
            t("map.col_region", lang): names.astype("string"),
            figure.label(lang): value_text(regions, figure, lang),
            t("map.col_n", lang): regions["n"].astype("int64"),
            t("map.col_poles", lang): regions["poles"].astype("int64"),
            t("map.col_note", lang): pd.Series(notes, index=regions.index, dtype="string"),
        }
    ).reset_index(drop=True)
