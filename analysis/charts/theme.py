"""The house style of every chart: projector-sized fonts and a colour-blind-safe palette."""

from __future__ import annotations

import html
import textwrap

import plotly.graph_objects as go
import plotly.io as pio

from analysis.i18n import Lang, t
from analysis.model import RoundInfo

#: Okabe–Ito palette: distinguishable with the common colour-vision deficiencies.
PALETTE: tuple[str, ...] = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#D55E00",  # vermillion
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#F0E442",  # yellow
    "#000000",  # black
)
#: Sequential scale for maps, from light to the palette's blue.
SEQUENTIAL: tuple[str, ...] = ("#f0f5fa", "#9ecae1", "#4292c6", "#0072B2", "#08306b")
ACCENT = PALETTE[0]
MUTED = "#8c8c8c"
FONT_FAMILY = "Source Sans Pro, Arial, sans-serif"
BASE_FONT_SIZE = 18
TITLE_FONT_SIZE = 24
TEMPLATE_NAME = "poles_europe"

#: Modebar settings: the PNG download is rendered at 3× for slides and print.
PLOTLY_CONFIG: dict[str, object] = {
    "displaylogo": False,
    "toImageButtonOptions": {"format": "png", "scale": 3},
    "modeBarButtonsToRemove": ["lasso2d"],
}


def _register_template() -> None:
    pio.templates[TEMPLATE_NAME] = go.layout.Template(
        layout=go.Layout(
            font={"family": FONT_FAMILY, "size": BASE_FONT_SIZE, "color": "#1f1f1f"},
            title={"font": {"size": TITLE_FONT_SIZE}, "x": 0, "xanchor": "left"},
            colorway=list(PALETTE),
            paper_bgcolor="white",
            plot_bgcolor="white",
            xaxis={
                "showgrid": False,
                "linecolor": "#bdbdbd",
                "ticks": "outside",
                "automargin": True,
            },
            yaxis={
                "gridcolor": "#e5e5e5",
                "zerolinecolor": "#bdbdbd",
                "rangemode": "tozero",
                "automargin": True,
            },
            legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
            hoverlabel={"font": {"size": BASE_FONT_SIZE}},
            margin={"l": 90, "r": 30, "t": 90, "b": 110},
        )
    )


_register_template()


def inert(text: object) -> str:
    """User text (a pole, group or file name) made inert for plotly, which reads some HTML.

    Plotly draws `<b>`, `<a href=...>` and friends in titles, labels and hover texts, so a
    name typed in an upload could otherwise become a link.
    """
    return html.escape(str(text), quote=False)


def source_text(info: RoundInfo, n: int, lang: Lang, *, narrow: bool = False) -> str:
    """`Source: survey round 2023, n = 40 poles` (plus a synthetic notice when relevant).

    With `narrow`, the notice goes on a line of its own so a chart in a side column does
    not cut it off (`finish` wraps such a chart's title too).
    """
    key = "charts.source_one" if n == 1 else "charts.source"
    text = t(key, lang, label=inert(info.label), n=n)
    if info.synthetic:
        text += ("<br>" if narrow else " · ") + t("charts.synthetic", lang)
    return text


#: Characters per title line in a chart drawn in a side column.
NARROW_TITLE_WIDTH = 30


def _wrapped(title: str) -> str:
    """`title` broken into lines of at most `NARROW_TITLE_WIDTH` characters, at spaces."""
    return "<br>".join(textwrap.wrap(title, NARROW_TITLE_WIDTH)) or title


def _plot_height(fig: go.Figure, height: int) -> float:
    """Height in pixels of the plot area: the figure less its top and bottom margins."""
    default = pio.templates[TEMPLATE_NAME].layout.margin
    top = fig.layout.margin.t if fig.layout.margin.t is not None else default.t
    bottom = fig.layout.margin.b if fig.layout.margin.b is not None else default.b
    return max(float(height) - top - bottom, 1.0)


def finish(
    fig: go.Figure,
    *,
    title: str,
    info: RoundInfo,
    n: int,
    lang: Lang,
    height: int = 480,
    separators: bool = True,
    source_gap: int = 70,
    narrow: bool = False,
) -> go.Figure:
    """Apply the house style, the title and the source line; return the same figure.

    `separators` sets plotly's decimal and thousands separators for `lang`, so axis ticks
    read `1 500` in French and `1,500` in English like the rest of the page. The source
    line sits `source_gap` pixels under the plot area whatever the figure's height (a
    fraction of the paper would fall off a tall figure and onto the axis of a short one).
    """
    fig.update_layout(
        template=TEMPLATE_NAME,
        title={"text": _wrapped(title) if narrow else title},
        height=height,
        separators=(", " if lang == "fr" else ".,") if separators else None,
    )
    fig.add_annotation(
        text=source_text(info, n, lang, narrow=narrow),
        xref="paper",
        yref="paper",
        x=0,
        y=-source_gap / _plot_height(fig, height),
        xanchor="left",
        yanchor="top",
        showarrow=False,
        font={"size": 14, "color": MUTED},
    )
    return fig
