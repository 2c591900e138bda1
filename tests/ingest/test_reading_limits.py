"""Hostile or oversized files are refused before they cost memory (`analysis/core/limits.py`).

Each refusal is checked to happen without allocating much: `tracemalloc` sees Python and
numpy allocations, and a refusal that let calamine allocate a huge sheet would abort the
whole test process instead of failing quietly.
"""

from __future__ import annotations

import io
import struct
import tracemalloc

import pytest
import xlwt

from analysis.core import limits
from analysis.core.model import SourceFile
from analysis.ingest.reading.errors import UnreadableFile
from analysis.ingest.reading.workbook import read_workbook
from tests.support.files import (
    SHEET_XML_HEAD,
    SHEET_XML_TAIL,
    csv_bytes,
    ods_bytes,
    ods_content,
    ods_package,
    xls_bytes,
    xlsx_bytes,
    xlsx_with_sheet_xml,
)
from tests.support.hostile import with_declared_size, xlsx_bomb_bytes

MB = 1 << 20


@pytest.fixture(scope="module")
def bomb() -> bytes:
    """300 MB of sheet XML in about 300 KB."""
    return xlsx_bomb_bytes(300)


def refuse(content: bytes, name: str = "reponses.xlsx", peak_mb: int = 40) -> UnreadableFile:
    """The refusal of `content`, checking that the Python-side peak stayed under `peak_mb`."""
    tracemalloc.start()
    try:
        with pytest.raises(UnreadableFile) as caught:
            read_workbook(SourceFile(name, content))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < peak_mb * MB, f"peak {peak / MB:.0f} MB"
    return caught.value


def test_a_zip_bomb_is_refused_from_its_declared_sizes(bomb: bytes) -> None:
    assert len(bomb) < 1 * MB
    error = refuse(bomb)
    assert error.code == "bomb"
    assert "refused for safety" in error.message("en")


def test_a_lying_declared_size_is_caught_while_inflating(bomb: bytes) -> None:
    liar = with_declared_size(bomb, "xl/worksheets/sheet1.xml", 5000)
    assert refuse(liar).code == "bomb"


def sheet_with(*cells: str) -> bytes:
    """An .xlsx whose sheet holds `cells` (raw `<c>` XML), one row each."""
    rows = "".join(f"<row>{cell}</row>" for cell in cells)
    return xlsx_with_sheet_xml(SHEET_XML_HEAD + rows + SHEET_XML_TAIL)


@pytest.mark.parametrize(
    ("far_cell", "code"),
    [
        ('<c r="XFD1048576"><v>1</v></c>', "too_many_columns"),
        ('<c r="ALL1048576"><v>1</v></c>', "too_many_cells"),
        ('<c r="A2000000"><v>1</v></c>', "too_many_rows"),
        ('<c r="ZZZZ1"><v>1</v></c>', "too_many_columns"),
        ('<c r="A123456789"><v>1</v></c>', "too_many_rows"),
        # Written unlike any producer: the exact (calamine-like) pass must still see them.
        ("<c r='XFD1048576'><v>1</v></c>", "too_many_columns"),
        ('<c  s="0" r="XFD1"><v>1</v></c>', "too_many_columns"),
    ],
)
def test_a_huge_used_range_is_refused_before_it_is_built(far_cell: str, code: str) -> None:
    content = sheet_with('<c r="A1" t="inlineStr"><is><t>x</t></is></c>', far_cell)
    error = refuse(content)
    assert error.code == code
    assert error.params["sheet"] == "Réponses"
    assert "Réponses" in error.message("fr")


def test_cells_without_references_count_towards_the_width() -> None:
    wide_row = "<c><v>1</v></c>" * (limits.MAX_COLUMNS + 1)
    assert refuse(sheet_with(wide_row)).code == "too_many_columns"


def test_the_range_just_inside_the_limits_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_CELLS", 12)
    content = sheet_with('<c r="B2"><v>1</v></c>', '<c r="D5"><v>2</v></c>')  # 4 rows x 3 cols
    cells = read_workbook(SourceFile("a.xlsx", content)).sheets[0].cells
    assert cells.shape == (4, 3)
    monkeypatch.setattr(limits, "MAX_CELLS", 11)
    assert refuse(content).code == "too_many_cells"


def test_an_ods_with_a_repeated_value_spanning_the_sheet_is_refused() -> None:
    table = (
        '<table:table table:name="Bomb"><table:table-row table:number-rows-repeated="1048576">'
        '<table:table-cell table:number-columns-repeated="16384" office:value-type="float" '
        'office:value="1"><text:p>1</text:p></table:table-cell></table:table-row></table:table>'
    )
    error = refuse(ods_package(ods_content(table)), "b.ods")
    assert error.code == "too_many_columns"
    assert error.params["sheet"] == "Bomb"


def test_an_ods_with_libreoffice_trailing_empty_runs_is_read() -> None:
    table = (
        '<table:table table:name="Réponses"><table:table-row>'
        '<table:table-cell office:value-type="string"><text:p>Pôle</text:p></table:table-cell>'
        '<table:table-cell table:number-columns-repeated="16383"/></table:table-row>'
        '<table:table-row table:number-rows-repeated="1048575">'
        '<table:table-cell table:number-columns-repeated="16384"/></table:table-row>'
        "</table:table>"
    )
    cells = read_workbook(SourceFile("a.ods", ods_package(ods_content(table)))).sheets[0].cells
    assert cells.shape == (1, 1)
    assert cells.at[1, 0] == "Pôle"


def test_ods_repeated_error_cells_are_each_an_error() -> None:
    table = (
        '<table:table table:name="S"><table:table-row table:number-rows-repeated="2">'
        '<table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell>'
        '<table:table-cell table:number-columns-repeated="2" table:formula="of:=1/0" '
        'office:value-type="float" office:value="0" calcext:value-type="error">'
        "<text:p>#DIV/0!</text:p></table:table-cell></table:table-row></table:table>"
    )
    cells = read_workbook(SourceFile("a.ods", ods_package(ods_content(table)))).sheets[0].cells
    assert cells.loc[[1, 2], [1, 2]].to_numpy().tolist() == [["#DIV/0!"] * 2] * 2


def test_an_xls_claiming_a_column_past_256_is_refused() -> None:
    book = xlwt.Workbook()
    book.add_sheet("S").write(60000, 200, 12345.678)
    buffer = io.BytesIO()
    book.save(buffer)
    content = bytearray(buffer.getvalue())
    record = struct.pack("<HHHH", 0x0203, 14, 60000, 200)  # NUMBER record: row 60000, col 200
    position = content.find(record)
    assert position > 0
    struct.pack_into("<H", content, position + 6, 0xFFFE)
    assert refuse(bytes(content), "w.xls").code == "corrupt"


@pytest.mark.parametrize("fmt", ["xlsx", "xls", "ods"])
def test_too_many_sheets_are_refused(fmt: str, monkeypatch: pytest.MonkeyPatch) -> None:
    builders = {"xlsx": xlsx_bytes, "xls": xls_bytes, "ods": ods_bytes}
    content = builders[fmt]([["x"]], extra_sheets={f"S{i}": [["y"]] for i in range(4)})
    monkeypatch.setattr(limits, "MAX_SHEETS", 5)
    assert len(read_workbook(SourceFile(f"a.{fmt}", content)).sheets) == 5
    monkeypatch.setattr(limits, "MAX_SHEETS", 4)
    error = refuse(content, f"a.{fmt}")
    assert error.code == "too_many_sheets"
    assert error.params["count"] == 5


def test_a_csv_with_too_many_rows_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_ROWS", 10)
    assert len(read_workbook(SourceFile("a.csv", csv_bytes([["a", 1]] * 10))).sheets[0].cells) == 10
    assert refuse(csv_bytes([["a", 1]] * 11), "a.csv").code == "too_many_rows"


def test_a_csv_made_of_delimiters_is_refused_before_parsing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(limits, "MAX_CELLS", 1000)
    assert refuse(b"a;b\n" + b";;;;\n" * 300, "a.csv").code == "too_many_cells"
    # One record of more fields than columns accepted: refused by its width, before parsing.
    assert refuse(b"a;b\n" + b";" * 5000, "a.csv").code == "too_many_columns"


@pytest.mark.parametrize(
    ("line", "code"),
    [
        (b'"' + b";" * 5000 + b'";x', None),  # delimiters inside a quoted field are text
        (b'a"' + b";" * 5000 + b'"', "too_many_columns"),  # a quote inside a field is text
        (b'"a"' + b";" * 5000, "too_many_columns"),  # text after a closing quote, then fields
        (b'"a\r\n' + b";" * 5000 + b'"', None),  # a quoted field across lines
    ],
)
def test_a_csv_width_is_counted_as_the_csv_module_reads_quotes(
    line: bytes, code: str | None
) -> None:
    content = b"a;b\r\n" + line + b"\r\n"
    if code is None:
        assert read_workbook(SourceFile("a.csv", content)).sheets[0].cells.shape[1] == 2
    else:
        assert refuse(content, "a.csv").code == code


def test_an_ods_row_wider_than_the_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    content = ods_bytes([["a", "b", "c", "d", "e"], [None, "x"]])
    monkeypatch.setattr(limits, "MAX_COLUMNS", 5)
    assert read_workbook(SourceFile("a.ods", content)).sheets[0].cells.shape == (2, 5)
    monkeypatch.setattr(limits, "MAX_COLUMNS", 4)
    error = refuse(ods_bytes([["a", "b", "c", "d", "e"]]), "a.ods")
    assert error.code == "too_many_columns"
    assert error.params == {"file": "a.ods", "sheet": "Réponses", "count": 5, "limit": 4}


def test_the_upload_bound_of_the_server_is_the_one_checked_in_code() -> None:
    """Streamlit's `server.maxUploadSize` (MB) and `MAX_FILE_BYTES` must not drift apart:
    a larger server bound would let files through that the code then refuses late, a
    smaller one would hide the code's clear message behind Streamlit's own."""
    import tomllib
    from pathlib import Path

    from analysis.core.limits import MAX_FILE_BYTES

    config = Path(__file__).resolve().parents[2] / ".streamlit" / "config.toml"
    with config.open("rb") as handle:
        megabytes = tomllib.load(handle)["server"]["maxUploadSize"]
    assert megabytes * 1024 * 1024 == MAX_FILE_BYTES


# --- issue 15: the workbook as a whole, and the real content --------------------------------


def test_a_used_range_inflated_by_formatted_empty_cells_reads_as_its_content() -> None:
    # A1:XFD1048576 declared, formatted empty cells far below and right: 2 x 11 real cells.
    rows = "".join(
        f'<row r="{r}">'
        + "".join(f'<c r="{c}{r}" t="inlineStr"><is><t>{c}{r}</t></is></c>' for c in "ABCDEFGHIJK")
        + "</row>"
        for r in (1, 2)
    )
    empty = (
        '<row r="3"><c r="L3" s="1"/><c r="M3" s="1"></c></row>'
        # Hundreds of formatted empty cells: the scan must look past the first batches.
        + "".join(
            f'<row r="{r}"><c r="Z{r}" s="1"/><c r="ZZ{r}" s="2"/></row>' for r in range(9, 900)
        )
        + '<row r="1048576" s="1" customFormat="1"><c r="XFD1048576" s="1"/></row>'
    )
    head = SHEET_XML_HEAD.replace("<sheetData>", '<dimension ref="A1:XFD1048576"/><sheetData>')
    cells = read_workbook(
        SourceFile("a.xlsx", xlsx_with_sheet_xml(head + rows + empty + SHEET_XML_TAIL))
    )
    assert cells.sheets[0].cells.shape == (2, 11)
    assert cells.sheets[0].cells.at[2, 10] == "K2"


def test_an_attribute_cannot_hide_a_far_cell_from_the_scan() -> None:
    # `x="/>"` must not make a cell holding a value look self-closing (empty).
    content = sheet_with('<c r="A1"><v>1</v></c>', '<c r="ALL1048576" x="/>"><v>1</v></c>')
    assert refuse(content).code == "too_many_cells"


def test_trailing_blank_rows_and_columns_are_trimmed_in_every_format() -> None:
    rows = [["Pôle", "Membres", None], ["A", 1, None], [None, None, None], [None, None, ""]]
    for name, content in (
        ("a.xlsx", xlsx_bytes(rows)),
        ("a.ods", ods_bytes(rows)),
        ("a.xls", xls_bytes(rows)),
        ("a.csv", csv_bytes(rows)),
    ):
        assert read_workbook(SourceFile(name, content)).sheets[0].cells.shape == (2, 2), name


def test_sheets_small_alone_are_refused_together(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_WORKBOOK_CELLS", 20)
    sheet = [["a", "b", "c"], [1, 2, 3], [4, 5, 6]]  # 9 cells
    two = xlsx_bytes(sheet, extra_sheets={"Deux": sheet})
    assert len(read_workbook(SourceFile("a.xlsx", two)).sheets) == 2
    three = xlsx_bytes(sheet, extra_sheets={"Deux": sheet, "Trois": sheet})
    error = refuse(three)
    assert error.code == "too_many_cells_workbook"
    assert error.params["count"] == 27
    assert "27" in error.message("en") and "27" in error.message("fr")
    for name, content in (
        ("a.ods", ods_bytes(sheet, extra_sheets={"Deux": sheet, "Trois": sheet})),
        ("a.xls", xls_bytes(sheet, extra_sheets={"Deux": sheet, "Trois": sheet})),
    ):
        assert refuse(content, name).code == "too_many_cells_workbook", name
