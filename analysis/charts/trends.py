"""The trends page's charts: yearly lines per group, selectable group totals, programmes."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from analysis.analytics.trends import (
    ALL,
    OTHERS,
    format_value,
    group_label,
    programme_label,
)
from analysis.charts.theme import ACCENT, MAIN_TITLE_WIDTH, MUTED, PALETTE, finish, inert
from analysis.core import policy
from analysis.core.i18n import Lang, fmt_number, t
from analysis.core.model import RoundInfo

#: Bars not in the current selection fade to this.
_FADED = "#c9d6e3"
#: Height added to the yearly chart per legend entry: in the page's main column at 1280 px
#: its legend (above the plot) holds one long region name per row.
_LEGEND_ROW_PER_GROUP = 20


def _colour(group: str, position: int) -> str:
    """A palette colour per group, grey for "Others" so it never reads as a real group."""
    if group == OTHERS:
        return MUTED
    if group == ALL:
        return ACCENT
    return PALETTE[position % len(PALETTE)]


def _title(measure: str, split: str, lang: Lang) -> str:
    title = t(f"trends.title_{measure}", lang)
    return title if split == "none" else t(f"trends.title_by_{split}", lang, title=title)


def _hover(group: str, year: int, shown: str, n: int, lang: Lang) -> str:
    text = t("trends.hover", lang, group=group, year=str(year), value=shown, n=n)
    return text + (" · ⚠ " + t("trends.small_base_short", lang) if policy.is_small_base(n) else "")


def yearly_chart(
    series: pd.DataFrame,
    *,
    split: str,
    measure: str,
    scale: str,
    info: RoundInfo,
    n: int,
    lang: Lang,
) -> go.Figure:
    """One line per group over the years (absolute, or indexed on the first year = 100).

    `series` has `group, year, value, n` (and `index` when `scale` is `indexed`). A point
    resting on fewer than five answers is drawn hollow and says so on hover.
    """
    indexed = scale == "indexed"
    column = "index" if indexed else "value"
    fig = go.Figure()
    for position, (group, rows) in enumerate(series.groupby("group", sort=False)):
        label = inert(group_label(str(group), split, lang))
        values = rows[column].astype("Float64")
        shown = [
            (fmt_number(float(v), lang, 0) if pd.notna(v) else "–")
            if indexed
            else format_value(v, measure, lang)
            for v in values.astype(object)
        ]
        counts = rows["n"].astype(int).tolist()
        fig.add_trace(
            go.Scatter(
                x=[str(y) for y in rows["year"]],
                y=values.astype(float).tolist(),
                mode="lines+markers",
                name=label,
                line={
                    "width": 4,
                    "color": _colour(str(group), position),
                    # Past the eight palette colours, the same colours come back dashed.
                    "dash": "solid" if position < len(PALETTE) else "dash",
                },
                marker={
                    "size": 12,
                    "symbol": [
                        "circle-open" if policy.is_small_base(c) else "circle" for c in counts
                    ],
                    "line": {"width": 3},
                },
                hovertext=[
                    _hover(label, y, s, c, lang)
                    for y, s, c in zip(rows["year"], shown, counts, strict=True)
                ],
                hoverinfo="text",
                customdata=[str(group)] * len(rows),
                connectgaps=False,
            )
        )
    if indexed:
        fig.add_hline(y=100, line={"color": MUTED, "dash": "dot", "width": 2})
        axis = t("trends.index_axis", lang)
    else:
        axis = t(f"trends.axis_{measure}", lang)
    groups = series["group"].nunique()
    several = groups > 1
    # The legend (up to a dozen groups, in the order of the lines' totals) wraps into rows
    # above the plot; the figure grows with it so the lines keep their height.
    fig.update_layout(yaxis_title=axis, showlegend=several, hovermode="closest")
    fig.update_xaxes(type="category")
    if measure == "rate" and not indexed:
        fig.update_yaxes(tickformat=".0%")
    title = _title(measure, split, lang)
    if indexed:
        title = t("trends.title_indexed", lang, title=title)
    height = 520 + (_LEGEND_ROW_PER_GROUP * groups if several else 0)
    return finish(
        fig,
        title=title,
        info=info,
        n=n,
        lang=lang,
        height=height,
        title_width=MAIN_TITLE_WIDTH,
    )


def group_totals_chart(
    totals: pd.DataFrame,
    *,
    split: str,
    measure: str,
    selected: tuple[str, ...],
    info: RoundInfo,
    n: int,
    lang: Lang,
    period: str | None = None,
) -> go.Figure:
    """Horizontal bars of each group's total over the period, meant to be clicked.

    `totals` has `group, poles, n, total`. Each bar carries its group key in `customdata`
    so a selection reads back what it stands for; bars outside the selection fade.
    `period` ("2019–2022", "2022") names the years the totals add up, in the title: a
    years filter makes them fewer than the round's whole period.
    """
    labels = [inert(group_label(str(g), split, lang)) for g in totals["group"]]
    values = totals["total"].astype("Float64")
    colours = [
        ACCENT if not selected or str(g) in selected else _FADED
        for g in totals["group"].astype(str)
    ]
    hover = [
        t(
            "trends.bar_hover",
            lang,
            group=label,
            value=format_value(v, measure, lang),
            n=int(k),
            poles=int(p),
        )
        for label, v, k, p in zip(
            labels, values.astype(object), totals["n"], totals["poles"], strict=True
        )
    ]
    fig = go.Figure(
        go.Bar(
            x=values.astype(float).fillna(0).tolist(),
            y=labels,
            orientation="h",
            marker_color=colours,
            text=[format_value(v, measure, lang) for v in values.astype(object)],
            textposition="outside",
            cliponaxis=False,
            hovertext=hover,
            hoverinfo="text",
            customdata=totals["group"].astype(str).tolist(),
            name=t(f"trends.axis_{measure}", lang),
        )
    )
    top = float(values.max()) if values.notna().any() else 0.0
    fig.update_yaxes(autorange="reversed", automargin=True)
    # No tick labels: every bar carries its value; the room on the right is for those.
    fig.update_xaxes(showticklabels=False, showgrid=False, range=[0, top * 1.3 or 1])
    fig.update_layout(showlegend=False, bargap=0.3, clickmode="event+select")
    height = 150 + 40 * len(totals)
    shown = t(f"trends.axis_{measure}", lang)
    title = (
        t(f"trends.totals_title_years_{split}", lang, measure=shown, period=period)
        if period
        else t(f"trends.totals_title_{split}", lang, measure=shown)
    )
    return finish(
        fig, title=title, info=info, n=n, lang=lang, height=height, source_gap=20, narrow=True
    )


def programme_chart(
    frame: pd.DataFrame, *, measure: str, info: RoundInfo, n: int, lang: Lang
) -> go.Figure:
    """Stacked bars by year and programme (lines for the success rate, which does not add up).

    `frame` has `year, programme, value, n`, programmes already in display order.
    """
    fig = go.Figure()
    programmes = list(dict.fromkeys(frame["programme"].astype(str)))
    for position, programme in enumerate(programmes):
        rows = frame.loc[frame["programme"] == programme]
        label = inert(programme_label(programme, lang))
        values = rows["value"].astype("Float64")
        hover = [
            _hover(label, int(y), format_value(v, measure, lang), int(c), lang)
            for y, v, c in zip(rows["year"], values.astype(object), rows["n"], strict=True)
        ]
        common = {
            "x": [str(y) for y in rows["year"]],
            "y": values.astype(float).tolist(),
            "name": label,
            "hovertext": hover,
            "hoverinfo": "text",
            "customdata": [programme] * len(rows),
        }
        colour = PALETTE[position % len(PALETTE)]
        if measure == "rate":
            fig.add_trace(
                go.Scatter(mode="lines+markers", line={"width": 3, "color": colour}, **common)
            )
        else:
            fig.add_trace(go.Bar(marker_color=colour, **common))
    fig.update_layout(
        barmode="stack",
        yaxis_title=t(f"trends.axis_{measure}", lang),
        showlegend=True,
        # Eight programmes do not fit one row above the plot: list them on the right, in
        # the order of the stack (first programme at the bottom).
        legend={
            "orientation": "v",
            "x": 1.02,
            "xanchor": "left",
            "y": 1,
            "yanchor": "top",
            "traceorder": "normal" if measure == "rate" else "reversed",
        },
        margin={"r": 220},
    )
    fig.update_xaxes(type="category", categoryorder="category ascending")
    if measure == "rate":
        fig.update_yaxes(tickformat=".0%")
    else:
        totals = frame.groupby("year")["value"].sum()
        top = float(totals.max()) if len(totals) else 0.0
        fig.update_yaxes(range=[0, top * 1.1 or 1])
    title = t(f"trends.programme_title_{measure}", lang)
    return finish(fig, title=title, info=info, n=n, lang=lang, height=520)
