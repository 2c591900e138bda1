"""The house style of every chart: projector-sized fonts and a colour-blind-safe palette."""

from __future__ import annotations

import html
import textwrap

import plotly.graph_objects as go
import plotly.io as pio

from analysis.core.i18n import Lang, is_one, t
from analysis.core.model import RoundInfo

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
#: Grey for marks (bars and lines set back); never for text, which it would make too faint.
MUTED = "#8c8c8c"
#: Grey for secondary text (source lines, subtitles): 5.74:1 on white, WCAG 2.1 AA for
#: text of any size (MUTED gives 3.36:1).
TEXT_MUTED = "#666666"
FONT_FAMILY = "Source Sans Pro, Arial, sans-serif"
BASE_FONT_SIZE = 18
TITLE_FONT_SIZE = 24
TEMPLATE_NAME = "poles_europe"

#: The modebar's PNG download, rendered at 3× for slides and print (a chart adds its file name).
TO_IMAGE_OPTIONS: dict[str, object] = {"format": "png", "scale": 3}
#: Modebar settings.
PLOTLY_CONFIG: dict[str, object] = {
    "displaylogo": False,
    "toImageButtonOptions": TO_IMAGE_OPTIONS,
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

    With `narrow`, the line is broken (`wrap_source`) so a chart in a side column does not
    cut it off (`finish` wraps such a chart's title too).
    """
    key = "charts.source_one" if is_one(n, lang) else "charts.source"
    text = t(key, lang, label=inert(info.label), n=n)
    if info.synthetic:
        text += " · " + t("charts.synthetic", lang)
    return wrap_source(text) if narrow else text


#: Characters per title line in a chart drawn in a side column (two fifths of the page at
#: 1280 px hold about 27 characters of the 24 px title font).
NARROW_TITLE_WIDTH = 24
#: Characters per title line in a chart drawn in the wider column beside a side column.
MAIN_TITLE_WIDTH = 38
#: Characters per line of a side column's source line (14 px font).
NARROW_SOURCE_WIDTH = 32

#: Layout of the figure's top and bottom margins, in pixels.
_TOP_PAD = 12  # container top to the title's first line
_TITLE_LINE = 31  # one line of the 24 px title
_TITLE_GAP = 24  # title (or legend) to the plot area
_LEGEND_GAP = 12  # room under the legend for the top tick label and outside bar labels
_SOURCE_FONT = 14
_SOURCE_LINE = 18  # one line of the 14 px source
_BOTTOM_PAD = 14  # last source line to the container bottom
#: Default distance from the plot area's bottom to the source line: room for the tick
#: labels of a category axis (years), which carry no axis title.
SOURCE_GAP = 44


def _wrapped(title: str, width: int = NARROW_TITLE_WIDTH) -> str:
    """`title` broken into lines of at most `width` characters, at spaces only.

    Hyphenated names (`Provence-Alpes-Côte d'Azur`) are never split, so replacing each
    `<br>` by a space gives the title back.
    """
    lines = textwrap.wrap(title, width, break_on_hyphens=False, break_long_words=False)
    return "<br>".join(lines) or title


def wrap_source(text: str, width: int = NARROW_SOURCE_WIDTH) -> str:
    """A source line broken for a narrow chart: at ` · `, then after commas, then at spaces.

    `Source: survey round 2023, n = 40 poles · synthetic sample data` becomes three lines
    (`Source: survey round 2023,` / `n = 40 poles` / `synthetic sample data`), so the
    base is never split from its `n =`.
    """
    lines: list[str] = []
    for part in text.split(" · "):
        pieces = [p + "," for p in part.split(", ")]
        pieces[-1] = pieces[-1][:-1]
        line = ""
        for piece in pieces:
            joined = f"{line} {piece}" if line else piece
            if len(joined) <= width or not line:
                line = joined
            else:
                lines.append(line)
                line = piece
        lines.extend(
            textwrap.wrap(line, width, break_on_hyphens=False, break_long_words=False) or [line]
        )
    return "<br>".join(lines)


def _line_count(text: str) -> int:
    return text.count("<br>") + 1 if text else 0


def _shows_legend(fig: go.Figure) -> bool:
    """Whether plotly will draw a legend: asked for, or more than one trace that may show."""
    if fig.layout.showlegend is not None:
        return bool(fig.layout.showlegend)
    return sum(1 for trace in fig.data if trace.showlegend is not False) > 1


def _margin(fig: go.Figure, side: str) -> float:
    value = getattr(fig.layout.margin, side)
    return float(
        value if value is not None else getattr(pio.templates[TEMPLATE_NAME].layout.margin, side)
    )


def finish(
    fig: go.Figure,
    *,
    title: str,
    info: RoundInfo,
    n: int,
    lang: Lang,
    height: int = 480,
    separators: bool = True,
    source_gap: int = SOURCE_GAP,
    narrow: bool = False,
    title_width: int | None = None,
    source: str | None = None,
) -> go.Figure:
    """Apply the house style, the title, the legend and the source line; return the figure.

    Everything outside the plot area is laid out in pixels from the container's edges, so
    nothing collides whatever width the page gives the chart:

    - the title hangs from the top (wrapped at `title_width` characters, or at
      `NARROW_TITLE_WIDTH` with `narrow`); the top margin is reserved for its lines;
    - a legend (a horizontal one, as the template's) hangs right under the title; plotly
      reserves its height above the plot however many rows it wraps into, so it never
      covers the title nor the plot. A builder's vertical legend is left where it is;
    - the source line (`source` or `source_text`, always the last annotation) sits
      `source_gap` pixels under the plot area, starting at the container's left edge like
      the title; the bottom margin is computed from its number of lines. With `narrow` it
      is broken into short lines and ends at the container's right edge, because long
      axis labels push the plot area right and would push a left-anchored line out.

    `height` is the figure's height with a one-line title and source: each extra line adds
    its own height, so wrapping never shrinks the plot. `separators` sets plotly's decimal
    and thousands separators for `lang`, so ticks read `1 500` in French and `1,500` in
    English like the rest of the page.
    """
    width = NARROW_TITLE_WIDTH if narrow else title_width
    shown_title = _wrapped(title, width) if width and title else title
    text = source if source is not None else source_text(info, n, lang)
    if narrow:
        text = wrap_source(text)
    fig.update_layout(
        template=TEMPLATE_NAME,
        separators=(", " if lang == "fr" else ".,") if separators else None,
        # What `place` needs to lay the figure out again (`analysis.charts.phone`).
        meta={"height": height, "source_gap": source_gap, "narrow": narrow},
    )
    return place(fig, title=shown_title, source=text)


#: The `name` of the source line's annotation (found again to lay a figure out anew).
SOURCE_NAME = "source"


def place(
    fig: go.Figure,
    *,
    title: str,
    source: str,
    title_font: int = TITLE_FONT_SIZE,
    source_font: int = _SOURCE_FONT,
) -> go.Figure:
    """Lay out the title, legend and source line of a finished figure (see `finish`):
    `title` and `source` as they are to be drawn (already wrapped), the geometry from the
    figure's `meta` (its base height, source gap and narrowness), fonts of the given sizes.
    A source line drawn before is replaced."""
    meta = dict(fig.layout.meta or {})
    base_height = int(meta.get("height", 480))
    source_gap = int(meta.get("source_gap", SOURCE_GAP))
    narrow = bool(meta.get("narrow", False))
    title_line = _TITLE_LINE * title_font / TITLE_FONT_SIZE
    source_line = _SOURCE_LINE * source_font / _SOURCE_FONT
    title_lines = _line_count(title)
    source_lines = _line_count(source)
    height = int(
        base_height + title_line * max(title_lines - 1, 0) + source_line * (source_lines - 1)
    )
    title_bottom = _TOP_PAD + title_line * title_lines
    top = title_bottom + _TITLE_GAP
    bottom = source_gap + source_line * source_lines + _BOTTOM_PAD
    fig.update_layout(
        title={
            "text": title,
            "font": {"size": title_font},
            "yref": "container",
            # Plotly centres a title's extra lines on where its first line would be: lower
            # the anchor by half of them so the first line starts `_TOP_PAD` down.
            "y": 1 - (_TOP_PAD + title_line * max(title_lines - 1, 0) / 2) / height,
            "yanchor": "top",
        },
        height=height,
        margin={"t": top, "b": bottom},
    )
    if _shows_legend(fig) and fig.layout.legend.orientation != "v":
        fig.update_layout(
            legend={
                "orientation": "h",
                "xref": "container",
                "x": 0,
                "xanchor": "left",
                "yref": "container",
                "y": 1 - (title_bottom + 4) / height,
                "yanchor": "top",
                # A transparent border: room between the legend and the plot area below.
                "borderwidth": _LEGEND_GAP,
                "bordercolor": "rgba(0,0,0,0)",
            },
            # The legend reserves the room from the top down to its bottom edge itself; a
            # top margin of its own would come on top of that.
            margin={"t": 0},
        )
    fig.layout.annotations = [a for a in fig.layout.annotations if a.name != SOURCE_NAME]
    fig.add_annotation(
        name=SOURCE_NAME,
        text=source,
        xref="paper",
        yref="paper",
        x=1 if narrow else 0,
        xanchor="right" if narrow else "left",
        xshift=_margin(fig, "r") - 4 if narrow else -_margin(fig, "l"),
        align="left",
        y=0,
        yanchor="top",
        yshift=-source_gap,
        showarrow=False,
        font={"size": source_font, "color": TEXT_MUTED},
    )
    return fig
