"""The workbooks embedded behind the deck's charts hold user names as text, never formulas.

python-pptx writes chart categories and series names with xlsxwriter's `write()`, which by
default turns `=…` into a live formula and `http://…` into a link. These tests build a deck
on poles and regions with hostile names, open every embedded workbook and check its cells.
"""

from __future__ import annotations

import io
import re
import zipfile
from functools import cache

import openpyxl
from pptx import Presentation

from analysis.analytics.filters import Filters
from analysis.core.model import SurveyRound
from analysis.deck import build_deck
from analysis.deck.native_charts import TextChartData
from tests.support.builders import make_round

HYPERLINK = '=HYPERLINK("http://x","y")'
POLES = (
    HYPERLINK,
    "+1",
    "-2",
    "@x",
    "{=1+1}",
    "http://evil.example/",
    "=cmd|' /C calc'!A0",
    "mailto:x@example.org",
    "-1+1",
    "+A1",
)
REGIONS = ("=1+2", "@SUM(A1)")


@cache
def hostile_round() -> SurveyRound:
    """Ten poles named as a spreadsheet would read formulas or links, five in each region."""
    return make_round(
        [
            {
                "pole": name,
                "region": REGIONS[index % 2],
                "sector": "=SUM(1)",
                "europe_team_recruitments": index + 1,
                "coordinator_members": 2,
                "plans_to_recruit": index % 2 == 0,
                "submitted": {2019: 10 * (index + 1), 2020: 10 * (index + 1) + 3},
            }
            for index, name in enumerate(POLES)
        ],
        years=(2019, 2020),
        poles_surveyed=8,
    )


@cache
def hostile_deck() -> bytes:
    return build_deck(hostile_round(), Filters(), "en")


def embedded_workbooks(pptx: bytes) -> dict[str, bytes]:
    """Every workbook embedded in the .pptx, by its part name."""
    with zipfile.ZipFile(io.BytesIO(pptx)) as package:
        return {
            name: package.read(name)
            for name in package.namelist()
            if name.startswith("ppt/embeddings/") and name.endswith(".xlsx")
        }


def worksheet_xml(workbook: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(workbook)) as inner:
        return {
            name: inner.read(name).decode("utf-8")
            for name in inner.namelist()
            if name.startswith("xl/worksheets/") and name.endswith(".xml")
        }


def test_no_embedded_worksheet_holds_a_formula_or_a_link() -> None:
    workbooks = embedded_workbooks(hostile_deck())
    # Submissions (column + line), by region, top poles (one sector: no sector chart).
    assert len(workbooks) == 4
    for name, workbook in workbooks.items():
        sheets = worksheet_xml(workbook)
        assert sheets, name
        for sheet, xml in sheets.items():
            assert not re.search(r"<f[ >/]", xml), (name, sheet)
            assert "<hyperlink" not in xml, (name, sheet)
        with zipfile.ZipFile(io.BytesIO(workbook)) as inner:
            assert not any("externalLink" in part for part in inner.namelist())


def test_hostile_names_are_string_cells_with_their_exact_text() -> None:
    strings: set[str] = set()
    for workbook in embedded_workbooks(hostile_deck()).values():
        sheet = openpyxl.load_workbook(io.BytesIO(workbook)).active
        assert sheet is not None
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    assert cell.data_type == "s", (cell.coordinate, cell.value)
                    strings.add(cell.value)
    assert set(POLES) <= strings  # the top-poles chart: every pole by name
    assert set(REGIONS) <= strings  # the by-region chart
    assert "=SUM(1)" not in strings  # one sector only: no sector chart
    assert "Proposals submitted" in strings  # the series name, a string too


def test_the_chart_shows_the_names_unchanged() -> None:
    prs = Presentation(io.BytesIO(hostile_deck()))
    categories = [
        list(shape.chart.plots[0].categories)
        for slide in prs.slides
        for shape in slide.shapes
        if shape.has_chart
    ]
    assert sorted(POLES) in [sorted(c) for c in categories]
    assert sorted(REGIONS) in [sorted(c) for c in categories]


def test_text_chart_data_writes_a_leading_equals_as_text() -> None:
    data = TextChartData()
    data.categories = [HYPERLINK, "plain"]
    data.add_series("=1+1", (1.0, 2.0))
    sheet = openpyxl.load_workbook(io.BytesIO(data.xlsx_blob)).active
    assert sheet is not None
    assert (sheet["A2"].value, sheet["A2"].data_type) == (HYPERLINK, "s")
    assert (sheet["B1"].value, sheet["B1"].data_type) == ("=1+1", "s")
    assert sheet["B3"].value == 2.0


def test_the_shared_hostile_table_reaches_the_deck_as_plain_text() -> None:
    """Issue 15: the label and names of `tests/support/hostile_names.py` are plain text in
    the slides (PowerPoint reads no Markdown or HTML, so nothing is escaped there either)."""
    from tests.support.hostile_names import HOSTILE_LABEL, HOSTILE_NAMES
    from tests.support.hostile_names import hostile_round as shared_hostile_round

    prs = Presentation(io.BytesIO(build_deck(shared_hostile_round(), Filters(), "en")))
    texts = " ".join(
        shape.text_frame.text
        for slide in prs.slides
        for shape in slide.shapes
        if shape.has_text_frame
    )
    assert HOSTILE_LABEL in texts
    assert "&lt;" not in texts and "\\*" not in texts
    categories = {
        str(c)
        for slide in prs.slides
        for shape in slide.shapes
        if shape.has_chart
        for c in shape.chart.plots[0].categories
    }
    assert categories & set(HOSTILE_NAMES), categories
