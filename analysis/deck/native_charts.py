"""Native PowerPoint charts (column, line, bar) filled from a `ChartSpec`.

The chart's data travel inside the .pptx as an embedded workbook, so the presenter can open
"Edit data", restyle the chart or change a number in PowerPoint: no screenshot, no browser.
Number formats are written with the language's separators spelled out (a no-break
space in French), so `1 548` and `15 %` read the same on any presenter's machine.

Category and series names are user text (pole, region and sector names from an upload), so
the embedded workbook writes them as plain strings: a pole named `=HYPERLINK(...)` must
stay a label, never become a live formula (or a link) in the presenter's Excel.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from pptx.chart.data import CategoryChartData
from pptx.chart.xlsx import CategoryWorkbookWriter
from pptx.enum.chart import (
    XL_CHART_TYPE,
    XL_LABEL_POSITION,
    XL_MARKER_STYLE,
    XL_TICK_LABEL_POSITION,
)
from pptx.util import Pt, lazyproperty
from xlsxwriter import Workbook

from analysis.charts.describe import Series, alt_text, describe
from analysis.charts.theme import MUTED, PALETTE
from analysis.core.i18n import Lang
from analysis.deck.layout import GREY, INK, Box, rgb
from analysis.deck.spec import ChartSpec, ValueKind

CHART_TYPES = {
    "column": XL_CHART_TYPE.COLUMN_CLUSTERED,
    "line": XL_CHART_TYPE.LINE_MARKERS,
    "bar": XL_CHART_TYPE.BAR_CLUSTERED,
}
_SEPARATOR = {"en": '","', "fr": "\u00a0"}
_PERCENT = {"en": "0%", "fr": "0\u00a0%"}
LABEL_PT = 16
AXIS_PT = 14
#: xlsxwriter options of the embedded workbook: every text cell is written as a string.
#: By default `write()` turns `=…` and `{=…}` into formulas and `http://…` into links.
WORKBOOK_OPTIONS = {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}


class _TextWorkbookWriter(CategoryWorkbookWriter):
    """python-pptx's category workbook writer, with a workbook that keeps text as text.

    python-pptx writes categories and series names with `worksheet.write()`, which reads a
    leading `=` as a formula; only the workbook's options can stop that for every cell, so
    this overrides the one place the workbook is opened.
    """

    @contextmanager
    def _open_worksheet(self, xlsx_file: io.BytesIO) -> Iterator[tuple[Any, Any]]:
        workbook = Workbook(xlsx_file, WORKBOOK_OPTIONS)
        worksheet = workbook.add_worksheet()
        yield workbook, worksheet
        workbook.close()


class TextChartData(CategoryChartData):
    """`CategoryChartData` whose embedded workbook holds names as strings, never formulas."""

    @lazyproperty
    def _workbook_writer(self) -> CategoryWorkbookWriter:
        return _TextWorkbookWriter(self)


def number_format(kind: ValueKind, lang: Lang) -> str:
    """An Excel number format that writes numbers as `lang` does whatever the viewer's locale.

    Counts group thousands with `,` (English) or a no-break space (French), using
    conditional sections so that small numbers get no stray separator.
    """
    if kind == "count":
        sep = _SEPARATOR[lang]
        return f"[>=1000000]#{sep}###{sep}##0;[>=1000]#{sep}##0;0"
    percent = _PERCENT[lang]
    if kind == "percent":
        return percent
    return f"+{percent};\u2212{percent};{percent}"


def add_chart(
    slide: Any, box: Box, spec: ChartSpec, lang: Lang, *, branded: bool, scale: float = 1.0
) -> Any:
    """Draw `spec` as a native chart in `box`; return the chart.

    With `branded`, series colours and fonts are left to the template's theme (its accent
    colour); the built-in look uses the dashboard's palette. `scale` follows the slide's
    height, as the text does.
    """
    data = TextChartData(number_format=number_format(spec.value_kind, lang))
    data.categories = list(spec.categories)
    data.add_series(spec.series_name, list(spec.values))
    frame = slide.shapes.add_chart(CHART_TYPES[spec.kind], *box.args, data)
    chart = frame.chart
    chart.has_legend = False
    chart.has_title = False
    chart.font.size = Pt(round(AXIS_PT * scale))
    if not branded:
        chart.font.color.rgb = INK
    _axes(chart, spec, Pt(round(AXIS_PT * scale)))
    _labels(chart, spec, lang, Pt(round(LABEL_PT * scale)))
    _colours(chart, spec, branded=branded)
    set_alt_text(frame, chart_alt_text(spec, lang))
    return chart


def chart_alt_text(spec: ChartSpec, lang: Lang) -> str:
    """The chart's title and its one-sentence summary (`analysis.charts.describe`)."""
    series = Series(
        spec.series_name,
        spec.categories,
        spec.values,
        percent=spec.value_kind != "count",
        signed=spec.value_kind == "signed_percent",
    )
    return alt_text(spec.title, describe(series, lang))


def set_alt_text(shape: Any, text: str) -> None:
    """A shape's alt text (`descr`, what PowerPoint's "Alt Text" pane and screen readers read)."""
    shape._element.xpath("./*[1]/p:cNvPr")[0].set("descr", text)


def _axes(chart: Any, spec: ChartSpec, size: Pt) -> None:
    """Values are labelled on the points, so the value axis and gridlines only add ink."""
    value_axis = chart.value_axis
    value_axis.has_major_gridlines = False
    value_axis.visible = False
    known = [v for v in spec.values if v is not None]
    if known:
        # Bars start at zero; a change line too, so +15% and +14.8% do not look far apart.
        low, high = min(0.0, min(known)), max(0.0, max(known))
        room = (high - low) * (0.35 if spec.kind == "line" else 0.18) or 1.0
        value_axis.minimum_scale = low - (room if low < 0 else 0)
        value_axis.maximum_scale = high + room
    category_axis = chart.category_axis
    category_axis.tick_labels.font.size = size
    category_axis.format.line.color.rgb = GREY
    category_axis.has_major_gridlines = False
    if spec.kind == "bar":
        category_axis.reverse_order = True  # first category (the largest) on top
    if spec.kind == "line":
        category_axis.tick_label_position = XL_TICK_LABEL_POSITION.LOW


def _labels(chart: Any, spec: ChartSpec, lang: Lang, size: Pt) -> None:
    plot = chart.plots[0]
    plot.has_data_labels = True
    labels = plot.data_labels
    labels.number_format = number_format(spec.value_kind, lang)
    labels.number_format_is_linked = False
    labels.show_value = True
    labels.font.size = size
    labels.font.bold = True
    if spec.kind == "line":
        labels.position = XL_LABEL_POSITION.ABOVE
    else:
        labels.position = XL_LABEL_POSITION.OUTSIDE_END
        plot.gap_width = 45 if spec.kind == "bar" else 60
        plot.vary_by_categories = False


def _colours(chart: Any, spec: ChartSpec, *, branded: bool) -> None:
    series = chart.plots[0].series[0]
    if spec.kind == "line":
        series.smooth = False
        series.marker.style = XL_MARKER_STYLE.CIRCLE
        series.marker.size = 10
        series.format.line.width = Pt(3.5)
        if not branded:
            colour = rgb(PALETTE[3])
            series.format.line.color.rgb = colour
            series.marker.format.fill.solid()
            series.marker.format.fill.fore_color.rgb = colour
            series.marker.format.line.color.rgb = colour
        return
    if not branded:
        series.format.fill.solid()
        series.format.fill.fore_color.rgb = rgb(PALETTE[0])
    for index, muted in enumerate(spec.muted):
        if muted:
            point = series.points[index].format.fill
            point.solid()
            point.fore_color.rgb = rgb(MUTED)
