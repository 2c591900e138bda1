"""Any finished chart laid out again for a phone's screen (360–430 px wide).

The house style (`theme.finish`) is sized for a projector: a 24 px title on one or two
long lines, an 18 px legend, a source line as long as the page is wide, 90 px of left
margin. On a phone all of that ran out of the screen at the right edge. `for_phone`
keeps the figure's data and wording and changes only what a narrow screen needs:

- the title and the source line wrapped by width, in smaller type, inside the chart;
- the legend in smaller type, wrapped into rows under the title (a legend beside the
  plot, too);
- smaller tick labels and margins, so the plot keeps most of the width;
- bar labels upright (plotly turns a label that does not fit sideways) and horizontal
  bars at least `BAR_PX` tall each, so a chart of forty poles does not shrink to slivers.

Pure plotly, so the rules are tested without a browser; `ui.components.chart` applies it
when `ui.phone` says the visitor reads on a phone.
"""

from __future__ import annotations

import textwrap

import plotly.graph_objects as go

from analysis.charts.theme import SOURCE_NAME, place, wrap_source

#: Characters per line of the title (18 px) on a 360 px screen, with the chart's padding.
TITLE_WIDTH = 28
#: Characters per line of the source line (12 px) on a 360 px screen.
SOURCE_WIDTH = 44
TITLE_FONT = 18
SOURCE_FONT = 12
FONT = 13
#: The least height of one horizontal bar's row, in pixels.
BAR_PX = 30
#: Margins of the plot area on a phone (tick labels still push it with automargin).
MARGIN = {"l": 8, "r": 8}


def _unwrapped(text: str | None) -> str:
    return " ".join((text or "").replace("<br>", " ").split())


def _title_lines(title: str, width: int = TITLE_WIDTH) -> str:
    """`title` on lines of at most `width` characters, broken at spaces only."""
    lines = textwrap.wrap(title, width, break_on_hyphens=False, break_long_words=False)
    return "<br>".join(lines) or title


def _source_lines(source: str) -> str:
    """The source line rewrapped: its own line breaks (separate notes) are kept."""
    return "<br>".join(
        wrap_source(" ".join(part.split()), SOURCE_WIDTH) for part in source.split("<br>")
    )


def _horizontal_rows(fig: go.Figure) -> int:
    """The most categories any horizontal bar trace draws (0 without one)."""
    rows = [
        len(trace.y)
        for trace in fig.data
        if isinstance(trace, go.Bar) and trace.orientation == "h" and trace.y is not None
    ]
    return max(rows, default=0)


def for_phone(fig: go.Figure) -> go.Figure:
    """A copy of the finished figure `fig` laid out for a phone (see the module's notes)."""
    phone = go.Figure(fig)
    source = next((a for a in phone.layout.annotations if a.name == SOURCE_NAME), None)
    meta = dict(phone.layout.meta or {})
    rows = _horizontal_rows(phone)
    if rows:
        # Enough height for every bar, over what the plot area already had.
        plot = int(meta.get("height", 480)) - 200
        meta["height"] = int(meta.get("height", 480)) + max(rows * BAR_PX - plot, 0)
    # A phone's chart has the whole width: the narrow (side column) layout does not apply.
    narrow = bool(meta.get("narrow", False))
    meta["narrow"] = False
    if phone.layout.legend.orientation == "v":
        # A legend beside the plot would take half of a phone's width: rows under the title.
        phone.update_layout(legend={"orientation": "h", "x": None, "y": None})
    phone.update_layout(
        meta=meta,
        font={"size": FONT},
        margin=MARGIN,
        legend={"font": {"size": FONT}},
        hoverlabel={"font": {"size": FONT}},
    )
    phone.update_xaxes(tickfont={"size": FONT - 1}, title_font={"size": FONT})
    phone.update_yaxes(tickfont={"size": FONT - 1}, title_font={"size": FONT})
    phone.update_traces(textangle=0, textfont_size=FONT - 1, selector={"type": "bar"})
    phone.update_annotations(font_size=FONT - 1, selector=lambda a: a.name != SOURCE_NAME)
    text = source.text if source is not None else ""
    return place(
        phone,
        title=_title_lines(_unwrapped(phone.layout.title.text)),
        # A side column's source line is already in short lines.
        source=text if narrow else _source_lines(text),
        title_font=TITLE_FONT,
        source_font=SOURCE_FONT,
    )
