"""The regional map: a choropleth of the 13 metropolitan regions, drawn offline.

It uses plotly's MapLibre choropleth (`Choroplethmap`) on the `white-bg` style with the
GeoJSON shipped in `data/geo/`: no tiles, no base map, nothing fetched at run time. (The
older `geo` choropleth fetches a topojson from a CDN whenever a trace has a
`locationmode`, and draws blank offline.) Every region carries its name as it appears in
the data in `customdata`, so clicking it on the page cross-filters the rest of the page.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from analysis.analytics.regions import Place, RegionFigure, Status, value_text
from analysis.charts.theme import SEQUENTIAL, finish
from analysis.core import policy
from analysis.core.i18n import Lang, t
from analysis.core.model import RoundInfo
from analysis.core.paths import data_file

#: The regions' outlines (IGN Admin Express COG 2018 via gregoiredavid/france-geojson).
GEOJSON_PATH = data_file("geo", "regions_fr.geojson")
#: The GeoJSON property holding a region's name.
NAME_PROPERTY = "nom"
#: Where the map opens: metropolitan France, Corsica included.
CENTER = {"lat": 46.2, "lon": 2.4}
ZOOM = 4.55
#: Fill of regions that have no value to show.
NO_VALUE_COLOUR = "#e0e0e0"


@cache
def geojson() -> dict[str, Any]:
    """The regions' GeoJSON, read once per process (treat as read-only)."""
    with GEOJSON_PATH.open(encoding="utf-8") as handle:
        return json.load(handle)


def _features(names: list[str]) -> dict[str, Any]:
    """A FeatureCollection of the named regions only (each trace carries just its own)."""
    wanted = set(names)
    features = [
        feature
        for feature in geojson()["features"]
        if feature["properties"][NAME_PROPERTY] in wanted
    ]
    return {"type": "FeatureCollection", "features": features}


def region_names() -> tuple[str, ...]:
    """The names of the regions drawn on the map, in the file's order."""
    return tuple(str(feature["properties"][NAME_PROPERTY]) for feature in geojson()["features"])


def _colorscale() -> list[list[object]]:
    steps = len(SEQUENTIAL) - 1
    return [[i / steps, colour] for i, colour in enumerate(SEQUENTIAL)]


def _hover(name: str, value: str, detail: str) -> str:
    """One region's hover text; user text is escaped since plotly reads it as HTML."""
    return f"<b>{_escape(name)}</b><br>{_escape(value)}<br>{_escape(detail)}"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def region_map(
    regions: pd.DataFrame,
    figure: RegionFigure,
    *,
    info: RoundInfo,
    n: int,
    lang: Lang,
) -> go.Figure:
    """The choropleth of `regions` (rows of `analysis.analytics.regions.by_region`).

    Regions with a value are coloured on the theme's sequential scale; map regions with no
    value (too few poles, no answer, or no responding pole at all) are drawn grey with the
    reason in their hover, so every region stays visible and clickable. Regions that are
    not on the map (overseas, unknown) are left to the page to list beside it.
    """
    on_map = regions.loc[regions["place"] == Place.MAP.value].reset_index(drop=True)
    label = figure.label(lang)
    texts = value_text(on_map, figure, lang)
    hover = pd.Series(
        [
            _hover(
                str(region),
                t("map.hover_value", lang, label=label, value=text),
                t("map.hover_n", lang, n=int(count), poles=int(poles)),
            )
            for region, text, count, poles in zip(
                on_map["region"], texts, on_map["n"], on_map["poles"], strict=True
            )
        ],
        index=on_map.index,
        dtype=object,
    )
    shown = on_map["status"] == Status.OK.value
    grey = on_map.loc[~shown]
    absent = [name for name in region_names() if name not in set(on_map["map_name"].dropna())]
    grey_names = grey["map_name"].tolist() + absent
    grey_data = grey["region"].tolist() + absent
    grey_hover = hover[~shown].tolist() + [
        _hover(name, t("map.no_pole", lang), "") for name in absent
    ]
    coloured = on_map.loc[shown]
    # Fractions are drawn in percent so the colour bar can carry the language's own suffix.
    scale = 100.0 if figure.is_fraction else 1.0
    z = (coloured["value"].astype(float) * scale).tolist()

    fig = go.Figure()
    fig.add_trace(
        go.Choroplethmap(
            geojson=_features(grey_names),
            featureidkey=f"properties.{NAME_PROPERTY}",
            locations=grey_names,
            z=[0] * len(grey_names),
            customdata=grey_data,
            colorscale=[[0, NO_VALUE_COLOUR], [1, NO_VALUE_COLOUR]],
            showscale=False,
            marker={"line": {"color": "white", "width": 1.5}},
            hovertext=grey_hover,
            hoverinfo="text",
            name=t("map.no_value", lang, n=policy.MIN_GROUP_POLES),
        )
    )
    fig.add_trace(
        go.Choroplethmap(
            geojson=_features(coloured["map_name"].tolist()),
            featureidkey=f"properties.{NAME_PROPERTY}",
            locations=coloured["map_name"].tolist(),
            z=z,
            customdata=coloured["region"].tolist(),
            colorscale=_colorscale(),
            zmin=0,
            zmax=max(z) if z and max(z) > 0 else 1,
            marker={"line": {"color": "white", "width": 1.5}},
            hovertext=hover[shown].tolist(),
            hoverinfo="text",
            colorbar={
                "title": {"text": label, "side": "right"},
                "tickformat": ",.0f" if figure.is_fraction or not figure.digits else ",.1f",
                "ticksuffix": ("\u00a0%" if lang == "fr" else "%") if figure.is_fraction else "",
                "thickness": 18,
            },
            name=label,
        )
    )
    fig.update_layout(
        map={"style": "white-bg", "center": CENTER, "zoom": ZOOM},
        margin={"l": 10, "r": 10},
        clickmode="event+select",
    )
    # No axis under the map: the source line sits just below it.
    return finish(fig, title=label, info=info, n=n, lang=lang, height=640, source_gap=10)
