"""The peers page's charts: a bullet row per figure, and the pole's own years."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from analysis.analytics.peers import KINDS, figure_label, format_figure
from analysis.charts.theme import ACCENT, MAIN_TITLE_WIDTH, PALETTE, finish, inert
from analysis.core.i18n import Lang, fmt_int, t
from analysis.core.model import RoundInfo

_BAND = "#c9d6e3"
_INK = "#1f1f1f"
#: Pixels kept free above the first row for its title (one line of the 16 px subplot title).
_ROW_TITLE = 30


def _marker(
    x: float, label: str, text: str, *, symbol: str, colour: str, size: int, legend: str
) -> go.Scatter:
    return go.Scatter(
        x=[x],
        y=[0],
        mode="markers",
        marker={
            "symbol": symbol,
            "color": colour,
            "size": size,
            "line": {"width": 3, "color": colour},
        },
        name=label,
        legendgroup=legend,
        hovertext=[text],
        hoverinfo="text",
    )


def bullet_chart(
    comparison: pd.DataFrame, *, pole: str, info: RoundInfo, n: int, lang: Lang
) -> go.Figure:
    """One row per figure (own scale): all poles' Q1–Q3 band and median, the region's and
    the sector's medians, and the pole's value as a large dot.

    `comparison` is `analysis.analytics.peers.compare(...)`; figures whose all-poles group has too
    few answers are left out (there is nothing to compare with).
    """
    wide = comparison.pivot(index="figure", columns="group")
    figures = [
        f for f in dict.fromkeys(comparison["figure"]) if not bool(wide.loc[f, ("too_few", "all")])
    ]
    rows = max(len(figures), 1)
    fig = make_subplots(
        rows=rows,
        cols=1,
        subplot_titles=[inert(figure_label(f, lang)) for f in figures] or [""],
        vertical_spacing=min(0.6 / rows, 0.12),
    )
    shown: set[str] = set()
    for row, figure in enumerate(figures, start=1):
        item = wide.loc[figure]
        traces: list[tuple[str, go.Scatter]] = []
        q1, q3, median = (float(item[(s, "all")]) for s in ("q1", "q3", "median"))

        def text(label: str, value: float | None, figure: str = figure) -> str:
            shown_value = format_figure(value, figure, lang, statistic=True)
            return t("peers.hover", lang, label=label, value=shown_value)

        band = t("peers.legend_iqr", lang)
        traces.append(
            (
                "iqr",
                go.Scatter(
                    x=[q1, q3],
                    y=[0, 0],
                    mode="lines",
                    line={"width": 22, "color": _BAND},
                    name=band,
                    legendgroup="iqr",
                    hovertext=[text("Q1", q1), text("Q3", q3)],
                    hoverinfo="text",
                ),
            )
        )
        label = t("peers.legend_median", lang)
        traces.append(
            (
                "median",
                _marker(
                    median,
                    label,
                    text(label, median),
                    symbol="line-ns",
                    colour=_INK,
                    size=30,
                    legend="median",
                ),
            )
        )
        for group, symbol, colour in (
            ("region", "diamond", PALETTE[1]),
            ("sector", "square", PALETTE[2]),
        ):
            if bool(item[("too_few", group)]) or pd.isna(item[("median", group)]):
                continue
            value = float(item[("median", group)])
            label = t(f"peers.legend_{group}", lang)
            marker = _marker(
                value,
                label,
                text(label, value),
                symbol=symbol,
                colour=colour,
                size=16,
                legend=group,
            )
            traces.append((group, marker))
        own = item[("value", "all")]
        if pd.notna(own):
            label = t("peers.legend_pole", lang)
            shown_value = format_figure(own, figure, lang)
            hover = t("peers.hover", lang, label=inert(pole), value=shown_value)
            marker = _marker(
                float(own), label, hover, symbol="circle", colour=PALETTE[3], size=20, legend="pole"
            )
            traces.append(("pole", marker))
        for legend, trace in traces:
            trace.showlegend = legend not in shown
            shown.add(legend)
            fig.add_trace(trace, row=row, col=1)
        values = [q3, median, *(float(tr.x[0]) for _, tr in traces[1:])]
        fig.update_xaxes(range=[0, max(values) * 1.15 or 1], row=row, col=1)
        if KINDS[figure] == "rate":
            fig.update_xaxes(tickformat=".0%", row=row, col=1)
        fig.update_yaxes(visible=False, range=[-1, 1], row=row, col=1)
    height = 260 + 110 * rows
    _lower_rows(fig, rows, gap=_ROW_TITLE / (height - 260))
    fig.update_layout(showlegend=True, hovermode="closest")
    title = t("peers.bullet_title", lang, pole=inert(pole))
    return finish(
        fig,
        title=title,
        info=info,
        n=n,
        lang=lang,
        height=height,
        source_gap=50,
        title_width=MAIN_TITLE_WIDTH,
    )


def _lower_rows(fig: go.Figure, rows: int, *, gap: float) -> None:
    """Squeeze the rows into the bottom `1 - gap` of the plot area, titles included.

    The legend above the plot ends where the plot area begins, and the first row's title
    sits on top of its row: lowering every row by `gap` (a fraction of the plot's height,
    sized for `_ROW_TITLE` pixels) keeps that title clear of the legend.
    """
    scale = 1 - gap
    for row in range(1, rows + 1):
        axis = fig.layout["yaxis" if row == 1 else f"yaxis{row}"]
        axis.domain = [axis.domain[0] * scale, axis.domain[1] * scale]
    for annotation in fig.layout.annotations[:rows]:
        annotation.y = annotation.y * scale


def own_years_chart(
    frame: pd.DataFrame, *, pole: str, info: RoundInfo, lang: Lang, narrow: bool = True
) -> go.Figure:
    """Grouped bars of the pole's submitted and funded proposals per year.

    `frame` has `year, projects_submitted, projects_funded`; a blank year has no bar and
    says "not answered" on hover; a measure blank every year is left out. The page draws
    it in a side column, hence `narrow` (title and source line wrapped) by default.
    """
    years = [str(int(y)) for y in frame["year"]]
    fig = go.Figure()
    for column, key, colour in (
        ("projects_submitted", "peers.years_submitted", ACCENT),
        ("projects_funded", "peers.years_funded", PALETTE[1]),
    ):
        values = frame[column].astype("Float64")
        if values.isna().all():
            continue  # a question the pole never answered gets no empty legend entry
        labels = [
            fmt_int(float(v), lang) if pd.notna(v) else t("peers.not_answered", lang)
            for v in values.astype(object)
        ]
        fig.add_trace(
            go.Bar(
                x=years,
                y=values.astype(float).tolist(),
                name=t(key, lang),
                marker_color=colour,
                text=[
                    fmt_int(float(v), lang) if pd.notna(v) else "" for v in values.astype(object)
                ],
                textposition="outside",
                cliponaxis=False,
                hovertext=[f"{y}: {label}" for y, label in zip(years, labels, strict=True)],
                hoverinfo="text",
                customdata=[int(y) for y in frame["year"]],
            )
        )
    # Years as categories need no axis title; the legend goes under the title (`finish`).
    fig.update_layout(barmode="group", bargap=0.3)
    fig.update_xaxes(type="category")
    title = t("peers.years_title", lang, pole=inert(pole))
    return finish(fig, title=title, info=info, n=1, lang=lang, height=480, narrow=narrow)
