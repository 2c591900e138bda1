"""The deck's charts as plotly figures, for the presentation page.

Drawn from the same `ChartSpec` as the native PowerPoint chart, in the dashboard's house
style (`analysis.charts.theme.finish`), so the screen and the downloaded deck show the same
categories and values.
"""

from __future__ import annotations

import plotly.graph_objects as go

from analysis.charts.theme import MUTED, PALETTE, finish, inert
from analysis.core.i18n import Lang, fmt_int, fmt_percent, fmt_signed_percent
from analysis.core.model import RoundInfo
from analysis.deck.spec import ChartSpec


def _label(value: float | None, spec: ChartSpec, lang: Lang) -> str:
    if value is None:
        return ""
    if spec.value_kind == "percent":
        return fmt_percent(value, lang)
    if spec.value_kind == "signed_percent":
        return fmt_signed_percent(value, lang)
    return fmt_int(value, lang)


def chart_figure(
    spec: ChartSpec,
    *,
    info: RoundInfo,
    n: int,
    lang: Lang,
    titled: bool = True,
    height: int = 520,
    narrow: bool = False,
) -> go.Figure:
    """A column, line or horizontal bar figure of `spec`, with the source line under it.

    `titled=False` leaves the title out where the slide's own title already says it;
    `narrow=True` wraps the title and the source line for a chart in a side column.
    """
    labels = [_label(v, spec, lang) for v in spec.values]
    values = list(spec.values)
    # Categories are pole, region or sector names from the upload: escaped, or plotly would
    # draw `<a href>` in a name as a link (the PowerPoint chart holds them as plain text).
    categories = [inert(category) for category in spec.categories]
    colours = [MUTED if muted else PALETTE[0] for muted in spec.muted] or PALETTE[0]
    if spec.kind == "line":
        trace: go.BaseTraceType = go.Scatter(
            x=categories,
            y=values,
            mode="lines+markers+text",
            text=labels,
            textposition="top center",
            line={"color": PALETTE[3], "width": 4},
            marker={"size": 12},
            name=spec.series_name,
            cliponaxis=False,
        )
    elif spec.kind == "bar":
        trace = go.Bar(
            x=values,
            y=categories,
            orientation="h",
            text=labels,
            textposition="outside",
            marker_color=colours,
            name=spec.series_name,
            cliponaxis=False,
        )
    else:
        trace = go.Bar(
            x=categories,
            y=values,
            text=labels,
            textposition="outside",
            marker_color=colours,
            name=spec.series_name,
            cliponaxis=False,
        )
    fig = go.Figure(trace)
    fig.update_traces(textfont={"size": 18})
    fig.update_layout(showlegend=False, bargap=0.3)
    if spec.kind == "bar":
        fig.update_yaxes(autorange="reversed", type="category")
        fig.update_xaxes(visible=False)
        fig.update_layout(margin={"l": 260})
    else:
        fig.update_xaxes(type="category")
        fig.update_yaxes(visible=False)
    if spec.value_kind != "count":
        known = [v for v in values if v is not None]
        low, high = min([0.0, *known]), max([0.0, *known])
        fig.update_yaxes(range=[low - 0.1 * (high - low or 1), high + 0.35 * (high - low or 1)])
    fig = finish(
        fig,
        title=spec.title if titled else "",
        info=info,
        n=n,
        lang=lang,
        height=height,
        narrow=narrow,
    )
    if not titled:
        fig.update_layout(margin={"t": 30})
    return fig
