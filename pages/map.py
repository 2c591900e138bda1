"""Map: any figure by region on the 13 metropolitan regions, overseas poles listed beside it."""

from functools import partial

import streamlit as st

from analysis.analytics.peers import period_of
from analysis.analytics.regions import (
    FIGURES,
    FIGURES_BY_KEY,
    Place,
    Status,
    by_region,
    display_table,
    figure_label,
    overall,
    region_name,
    value_text,
)
from analysis.charts.map import region_map, region_names
from analysis.core import policy
from ui import crossfilter, shell, view_options
from ui.components import base_caption, chart, empty_state, require_round, require_view
from ui.tables import show_table
from ui.text import md_escape, tr, tr_md

context = shell.current()
lang = context.lang
st.title(tr("map.title"))

survey, view = require_round(context)
info = survey.info
period = period_of(view)
require_view(
    context,
    tr_md(
        "map.subtitle",
        label=info.label,
        period=period,
        years=len(view.years),
        min=policy.MIN_GROUP_POLES,
    ),
)

figure_keys = [f.key for f in FIGURES]
figure_key = st.selectbox(
    tr("map.figure_select"),
    figure_keys,
    format_func=partial(figure_label, lang=lang),
    key="map_figure",
    **view_options.start("map_figure", figure_keys, figure_keys[0], keyword="index"),
)
view_options.keep("map_figure", figure_key, figure_keys[0])
figure = FIGURES_BY_KEY[figure_key or FIGURES[0].key]
#: A single pole chosen in the global filters may be shown on its own.
single_pole = len(context.filters.poles) == 1
names = region_names()
regions = by_region(view, figure, single_pole=single_pole, map_regions=names)


def listed(place: str) -> None:
    """The regions of `place` (overseas, or not on the map) as lines with their value."""
    rows = regions.loc[regions["place"] == place]
    texts = value_text(rows, figure, lang)
    for (_, row), text in zip(rows.iterrows(), texts, strict=True):
        line = tr(
            "map.overseas_line",
            region=f"**{md_escape(region_name(row['region'], lang))}**",
            value=md_escape(text),
            n=int(row["n"]),
        )
        if row["status"] == Status.OK.value and policy.is_small_base(row["n"]):
            line += " · " + md_escape(tr("map.small_base", n=policy.SMALL_BASE))
        st.markdown(line)


chart_key = crossfilter.chart_key("map_chart")

left, right = st.columns([3, 1])
with left:
    fig = region_map(regions, figure, info=info, n=len(view.responses), lang=lang)
    event = chart(fig, key=chart_key, selectable=True, filename=f"map_{figure.key}_{info.label}")
    st.caption(tr("map.attribution"))
    st.caption(tr("map.hint"))
with right:
    st.header(tr("map.overseas_title"))
    if (regions["place"] == Place.OVERSEAS.value).any():
        listed(Place.OVERSEAS.value)
    else:
        st.caption(tr("map.overseas_none"))
    if (regions["place"] == Place.OTHER.value).any():
        st.header(tr("map.other_title"))
        st.caption(tr("map.other_help"))
        listed(Place.OTHER.value)

on_map = (*names, *regions["region"].astype(str))
selection = crossfilter.selection("map_chart", event, on_map)
crossfilter.show_selection("map_chart", "region", selection)
narrowed = crossfilter.narrow(view, "region", selection)

if narrowed.responses.empty:
    empty_state("map.selection_empty")
    st.stop()

measure = overall(narrowed, figure, single_pole=single_pole)
title = "map.overall_selected" if selection else "map.overall_all"
st.metric(
    tr(title, label=figure.label(lang)),
    figure.format(measure.value, lang),
    border=True,
)
if measure.value is None and measure.n > 0:
    st.caption(tr("map.overall_hidden", n=policy.MIN_GROUP_POLES))
st.caption(base_caption(measure, label=info.label, synthetic=info.synthetic))

st.header(tr("map.table_title"))
table_regions = by_region(narrowed, figure, single_pole=single_pole, map_regions=names)
show_table(display_table(table_regions, figure, lang), lang, key="map_table")
