"""`analysis.ingest.reading.workbook`: workbooks of every format to raw sheets at their own
coordinates."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime

import pandas as pd
import pytest
import xlsxwriter

from analysis.core.i18n import catalogue
from analysis.core.model import SourceFile
from analysis.ingest.reading.workbook import RawSheet, RawWorkbook, read_workbook
from tests.support.files import (
    SHEET_XML_HEAD,
    SHEET_XML_TAIL,
    ExcelError,
    csv_bytes,
    ods_bytes,
    xls_bytes,
    xlsm_bytes,
    xlsx_bytes,
    xlsx_with_sheet_xml,
    zip_bytes,
)

# A table whose header sits in B3, with every kind of value and two error cells.
ROWS = [
    [],
    [],
    [None, "Pôle", "Membres", "ETP", "Collecte", "Recrute", "Ratio"],
    [None, "Aerospace Valley", 120, 2.5, date(2022, 3, 1), True, ExcelError("#DIV/0!")],
    [None, "Pôle Mer", None, "1,5", datetime(2022, 3, 1, 10, 30), False, ExcelError("#N/A")],
    [None, "Vide", None, None, None, None, None],
]
BUILDERS = {"xlsx": xlsx_bytes, "xls": xls_bytes, "ods": ods_bytes}


def read(content: bytes, name: str = "answers.xlsx", **kwargs: object) -> RawWorkbook:
    return read_workbook(SourceFile(name, content), **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize("fmt", ["xlsx", "xls", "ods"])
def test_cells_keep_the_spreadsheet_coordinates_and_values(fmt: str) -> None:
    workbook = read(BUILDERS[fmt](ROWS), f"answers.{fmt}")
    assert workbook.format == fmt
    assert [s.name for s in workbook.sheets] == ["Réponses"]
    cells = workbook.sheets[0].cells
    # Index = the row numbers the spreadsheet shows; columns = positions (B = 1).
    assert list(cells.index) == [3, 4, 5, 6]
    assert list(cells.columns) == [1, 2, 3, 4, 5, 6]
    assert all(dtype == object for dtype in cells.dtypes)  # noqa: E721
    assert cells.at[3, 1] == "Pôle"
    assert cells.at[4, 1] == "Aerospace Valley"
    assert cells.at[4, 2] == 120
    assert cells.at[4, 3] == 2.5
    assert cells.at[5, 3] == "1,5"  # a number typed as text stays text
    assert cells.at[4, 4] == date(2022, 3, 1)
    assert cells.at[5, 4] == datetime(2022, 3, 1, 10, 30)
    assert cells.at[4, 5] is True
    assert cells.at[5, 5] is False
    assert pd.isna(cells.at[5, 2])  # blank stays missing, never "" nor 0


@pytest.mark.parametrize("fmt", ["xlsx", "xls", "ods"])
def test_error_cells_come_back_as_their_excel_text(fmt: str) -> None:
    cells = read(BUILDERS[fmt](ROWS), f"answers.{fmt}").sheets[0].cells
    assert cells.at[4, 6] == "#DIV/0!"
    assert cells.at[5, 6] == "#N/A"
    assert cells.at[3, 6] == "Ratio"


def test_every_error_text_survives_an_xls() -> None:
    texts = ["#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"]
    cells = read(xls_bytes([[ExcelError(t) for t in texts]]), "e.xls").sheets[0].cells
    assert list(cells.loc[1]) == texts


def test_xlsx_error_cells_written_by_hand_in_any_attribute_order() -> None:
    xml = (
        SHEET_XML_HEAD
        + '<row r="2"><c r="B2" t="s"><v>0</v></c></row>'
        + '<row r="7"><c r="C7" s="0" t="e"><f>1/0</f><v>#DIV/0!</v></c>'
        + '<c r="D7" t="e" s="0"><v>#REF!</v></c>'
        + '<c r="E7" t="n"><v>4</v></c></row>'
        + SHEET_XML_TAIL
    )
    cells = read(xlsx_with_sheet_xml(xml)).sheets[0].cells
    assert cells.at[7, 2] == "#DIV/0!"
    assert cells.at[7, 3] == "#REF!"
    assert cells.at[7, 4] == 4


def test_error_cells_are_found_across_chunk_boundaries_of_a_large_sheet() -> None:
    # About 3 MB of sheet XML: error cells land on every side of the 1 MiB chunk limits.
    rows = []
    expected = {}
    for r in range(1, 40_001):
        cells = f'<c r="A{r}" t="inlineStr"><is><t>pôle {r}</t></is></c><c r="B{r}"><v>{r}</v></c>'
        if r % 997 == 0:
            cells += f'<c r="C{r}" t="e"><f>1/0</f><v>#DIV/0!</v></c>'
            expected[r] = "#DIV/0!"
        rows.append(f'<row r="{r}">{cells}</row>')
    xml = SHEET_XML_HEAD + "".join(rows) + SHEET_XML_TAIL
    assert len(xml) > 3 * (1 << 20)
    cells = read(xlsx_with_sheet_xml(xml)).sheets[0].cells
    assert list(cells.index[[0, -1]]) == [1, 40_000]
    found = cells[2].dropna()
    assert found.to_dict() == expected


def test_cells_without_reference_are_placed_like_excel_places_them() -> None:
    # `r` is optional: a cell without it follows the previous one, a row without it too.
    xml = (
        SHEET_XML_HEAD
        + '<row r="3"><c r="B3" t="inlineStr"><is><t>a</t></is></c>'
        + '<c t="inlineStr"><is><t>b</t></is></c><c t="e"><v>#N/A</v></c></row>'
        + '<row><c t="n"><v>5</v></c></row>'
        + SHEET_XML_TAIL
    )
    cells = read(xlsx_with_sheet_xml(xml)).sheets[0].cells
    assert cells.at[3, 1] == "a"
    assert cells.at[3, 2] == "b"
    assert cells.at[3, 3] == "#N/A"
    assert cells.at[4, 0] == 5


def test_single_quoted_attributes_take_the_exact_pass_and_keep_errors() -> None:
    xml = (
        SHEET_XML_HEAD
        + "<row r='2'><c r='B2' t='e'><v>#NAME?</v></c><c r='C2' t='n'><v>7</v></c></row>"
        + SHEET_XML_TAIL
    )
    cells = read(xlsx_with_sheet_xml(xml)).sheets[0].cells
    assert cells.at[2, 1] == "#NAME?"
    assert cells.at[2, 2] == 7


def test_namespace_prefixed_sheet_xml_is_read() -> None:
    xml = (
        '<?xml version="1.0"?><x:worksheet xmlns:x='
        '"http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>'
        '<x:row r="2"><x:c r="C2" t="e"><x:v>#VALUE!</x:v></x:c><x:c r="D2"><x:v>1</x:v></x:c>'
        "</x:row></x:sheetData></x:worksheet>"
    )
    cells = read(xlsx_with_sheet_xml(xml)).sheets[0].cells
    assert cells.at[2, 2] == "#VALUE!"
    assert cells.at[2, 3] == 1


def test_error_text_typed_as_a_string_is_left_as_that_text() -> None:
    cells = read(xlsx_bytes([["#N/A", "ok"]])).sheets[0].cells
    assert cells.at[1, 0] == "#N/A"


def test_hidden_sheets_are_returned_and_flagged() -> None:
    extra = {"Notes": [["note"]], "Projets": [["Pôle", "Année"]]}
    for fmt, build in BUILDERS.items():
        workbook = read(build(ROWS, extra_sheets=extra, hidden_sheets=("Notes",)), f"w.{fmt}")
        assert [(s.name, s.hidden) for s in workbook.sheets] == [
            ("Réponses", False),
            ("Notes", True),
            ("Projets", False),
        ], fmt
        assert workbook.sheets[1].cells.at[1, 0] == "note"


def test_merged_cells_give_their_value_to_the_top_left_cell() -> None:
    cells = read(xlsx_bytes(ROWS, merged=[("B1:D1", "Enquête Europe")])).sheets[0].cells
    assert list(cells.index[:3]) == [1, 2, 3]
    assert cells.at[1, 1] == "Enquête Europe"
    assert pd.isna(cells.at[1, 2])


def test_empty_sheets_are_returned_empty_not_refused() -> None:
    workbook = read(xlsx_bytes([], extra_sheets={"Vide": []}))
    assert [s.name for s in workbook.sheets] == ["Réponses", "Vide"]
    assert all(s.cells.empty for s in workbook.sheets)
    ods = read(ods_bytes([]), "e.ods")
    assert ods.sheets[0].cells.empty


def test_a_workbook_without_sheets_gives_no_sheets() -> None:
    parts = _parts(xlsx_bytes([["x"]]))
    workbook_xml = parts["xl/workbook.xml"].decode()
    start, end = workbook_xml.index("<sheets>"), workbook_xml.index("</sheets>")
    parts["xl/workbook.xml"] = (
        workbook_xml[:start] + "<sheets/>" + workbook_xml[end + 9 :]
    ).encode()
    assert read(zip_bytes(parts)).sheets == ()


def test_xlsm_is_told_apart_from_xlsx_by_its_content() -> None:
    workbook = read(xlsm_bytes(ROWS), "answers.xlsx")
    assert workbook.format == "xlsm"
    assert workbook.sheets[0].cells.at[4, 1] == "Aerospace Valley"


def test_format_comes_from_the_bytes_not_the_name() -> None:
    assert read(xls_bytes(ROWS), "answers.xlsx").format == "xls"
    assert read(xlsx_bytes(ROWS), "answers.csv").format == "xlsx"
    assert read(ods_bytes(ROWS), "answers").format == "ods"
    assert read(csv_bytes(ROWS), "answers.xlsx").format == "csv"


def test_sheet_lookup_ignores_case_accents_and_spaces() -> None:
    workbook = read(xlsx_bytes(ROWS, extra_sheets={"Projets 2023": [["x"]]}))
    assert workbook.sheet("reponses") is workbook.sheets[0]
    assert workbook.sheet("PROJETS  2023") is workbook.sheets[1]
    assert workbook.sheet("absent") is None


def test_raw_types_are_frozen() -> None:
    sheet = read(xlsx_bytes(ROWS)).sheets[0]
    assert isinstance(sheet, RawSheet)
    with pytest.raises(AttributeError):
        sheet.name = "x"  # type: ignore[misc]


@pytest.mark.parametrize("fmt", ["xlsx", "ods", "csv"])
def test_progress_is_reported_up_to_one_with_catalogue_keys(fmt: str) -> None:
    calls: list[tuple[float, str]] = []
    build = {**BUILDERS, "csv": csv_bytes}[fmt]
    read(build(ROWS), f"a.{fmt}", progress=lambda f, key: calls.append((f, key)))
    fractions = [f for f, _ in calls]
    assert fractions == sorted(fractions)
    assert fractions[0] == 0.0
    assert fractions[-1] == 1.0
    assert all(key in catalogue() for _, key in calls)


def _parts(content: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {n: archive.read(n) for n in archive.namelist()}


def test_chart_sheets_are_skipped_and_very_hidden_sheets_flagged() -> None:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    book.add_worksheet("Réponses").write_column(0, 0, ["Membres", 2, 3])
    chart = book.add_chart({"type": "column"})
    chart.add_series({"values": "='Réponses'!$A$2:$A$3"})
    book.add_chartsheet("Graphique").set_chart(chart)
    secret = book.add_worksheet("Calculs")
    secret.write(0, 0, "interne")
    secret.very_hidden()
    book.close()
    workbook = read(buffer.getvalue())
    assert [(s.name, s.hidden) for s in workbook.sheets] == [
        ("Réponses", False),
        ("Calculs", True),
    ]
    assert workbook.sheets[0].cells[0].tolist() == ["Membres", 2, 3]
