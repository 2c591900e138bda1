"""Build spreadsheet files in memory from rows of Python values, for tests.

Every builder takes `rows`, a list of lists of cell values, and returns the file's bytes:
`None` is a blank cell, `str`/`int`/`float`/`bool`/`date`/`datetime` are written as such
(`timedelta` as a `[h]:mm:ss` duration in .xlsx),
and `ExcelError("#DIV/0!")` is a real error cell (not the text). Row 1 of the sheet is
`rows[0]`; to start a table lower or further right, put blank rows or `None`s first:
`[[], [], [None, "Pôle"]]` puts "Pôle" in B3.

    xlsx_bytes([["Pôle", "Membres"], ["Aerospace Valley", 120]])
    xls_bytes(rows, hidden_sheets=("Notes",), extra_sheets={"Notes": [["x"]]})
    ods_bytes(rows)
    csv_bytes(rows, delimiter=";", encoding="cp1252")

Lower-level helpers build broken files: `zip_bytes` (any parts), `ods_package` (a
hand-written content.xml); hostile ones (OLE2 containers, zip bombs, lying zip
directories) are in `tests.support.hostile`.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from xml.sax.saxutils import escape, quoteattr

import xlrd
import xlsxwriter
import xlwt

Rows = Sequence[Sequence[object]]


@dataclass(frozen=True)
class ExcelError:
    """A formula error cell, written as the file format stores errors (not as text)."""

    text: str  # "#DIV/0!", "#N/A", "#REF!", "#VALUE!", "#NAME?", "#NUM!", "#NULL!"


# --- .xlsx / .xlsm (xlsxwriter: fast, and it writes error results as t="e") ---------------


def xlsx_bytes(
    rows: Rows,
    sheet: str = "Réponses",
    extra_sheets: Mapping[str, Rows] | None = None,
    merged: Sequence[tuple[str, object]] | None = None,
    hidden_sheets: Sequence[str] = (),
) -> bytes:
    """An .xlsx with `rows` on `sheet`, then `extra_sheets` in order.

    `merged` lists (range, value) merges on the first sheet, e.g. `[("A1:D1", "Title")]`.
    Sheets named in `hidden_sheets` are hidden (the first sheet cannot be).
    """
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_numbers": False})
    date_format = book.add_format({"num_format": "yyyy-mm-dd"})
    datetime_format = book.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"})
    time_format = book.add_format({"num_format": "hh:mm:ss"})
    duration_format = book.add_format({"num_format": "[h]:mm:ss"})  # read back as timedelta
    formats = {
        "date": date_format,
        "datetime": datetime_format,
        "time": time_format,
        "duration": duration_format,
    }
    for name, sheet_rows in {sheet: rows, **(extra_sheets or {})}.items():
        worksheet = book.add_worksheet(name)
        for r, row in enumerate(sheet_rows):
            for c, value in enumerate(row):
                _write_xlsx_cell(worksheet, r, c, value, formats)
        if name == sheet:
            for cell_range, value in merged or ():
                worksheet.merge_range(cell_range, value)
        if name in hidden_sheets:
            worksheet.hide()
    book.close()
    return buffer.getvalue()


def _write_xlsx_cell(
    worksheet: xlsxwriter.worksheet.Worksheet, r: int, c: int, value: object, formats: dict
) -> None:
    if value is None:
        return
    if isinstance(value, ExcelError):
        worksheet.write_formula(r, c, _ERROR_FORMULAS.get(value.text, "=1/0"), None, value.text)
    elif isinstance(value, bool):
        worksheet.write_boolean(r, c, value)
    elif isinstance(value, datetime):
        worksheet.write_datetime(r, c, value, formats["datetime"])
    elif isinstance(value, date):
        worksheet.write_datetime(r, c, value, formats["date"])
    elif isinstance(value, time):
        worksheet.write_datetime(r, c, value, formats["time"])
    elif isinstance(value, timedelta):
        worksheet.write_number(r, c, value.total_seconds() / 86400, formats["duration"])
    elif isinstance(value, int | float):
        worksheet.write_number(r, c, value)
    else:
        worksheet.write_string(r, c, str(value))


_ERROR_FORMULAS = {
    "#DIV/0!": "=1/0",
    "#N/A": "=NA()",
    "#REF!": "=#REF!",
    "#VALUE!": '="a"+1',
    "#NAME?": "=NOSUCHFUNCTION()",
    "#NUM!": "=SQRT(-1)",
    "#NULL!": "=A1 B1",
}


def xlsm_bytes(rows: Rows, sheet: str = "Réponses") -> bytes:
    """An .xlsx turned macro-enabled: a `xl/vbaProject.bin` part and the macro content type."""
    parts = zip_parts(xlsx_bytes(rows, sheet))
    parts["xl/vbaProject.bin"] = b"\xd0\xcf\x11\xe0 not a real VBA project"
    parts["[Content_Types].xml"] = (
        parts["[Content_Types].xml"]
        .replace(
            b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
            b"application/vnd.ms-excel.sheet.macroEnabled.main+xml",
        )
        .replace(
            b"<Default Extension=",
            b'<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>'
            b"<Default Extension=",
            1,
        )
    )
    return zip_bytes(parts)


def xlsx_with_sheet_xml(sheet_xml: bytes | str, sheet: str = "Réponses") -> bytes:
    """An .xlsx whose only sheet's XML is `sheet_xml`, verbatim (for hand-made cells)."""
    parts = zip_parts(xlsx_bytes([["placeholder"]], sheet))
    parts["xl/worksheets/sheet1.xml"] = (
        sheet_xml.encode("utf-8") if isinstance(sheet_xml, str) else sheet_xml
    )
    return zip_bytes(parts)


SHEET_XML_HEAD = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    "<sheetData>"
)
SHEET_XML_TAIL = "</sheetData></worksheet>"


def zip_parts(content: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


# --- .xls (xlwt) ----------------------------------------------------------------------------

_XLS_ERROR_CODES = {text: code for code, text in xlrd.error_text_from_code.items()}


def xls_bytes(
    rows: Rows,
    sheet: str = "Réponses",
    extra_sheets: Mapping[str, Rows] | None = None,
    hidden_sheets: Sequence[str] = (),
) -> bytes:
    """An Excel 97-2003 .xls with `rows` on `sheet`, then `extra_sheets`."""
    book = xlwt.Workbook(encoding="utf-8")
    date_style = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    datetime_style = xlwt.easyxf(num_format_str="YYYY-MM-DD HH:MM:SS")
    for name, sheet_rows in {sheet: rows, **(extra_sheets or {})}.items():
        worksheet = book.add_sheet(name)
        for r, row in enumerate(sheet_rows):
            for c, value in enumerate(row):
                if value is None:
                    continue
                if isinstance(value, ExcelError):
                    worksheet.row(r).set_cell_error(c, _XLS_ERROR_CODES[value.text])
                elif isinstance(value, datetime):
                    worksheet.write(r, c, value, datetime_style)
                elif isinstance(value, date):
                    worksheet.write(r, c, value, date_style)
                else:
                    worksheet.write(r, c, value)
        if name in hidden_sheets:
            worksheet.visibility = 1
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# --- .ods (content.xml written by hand: short, and it can say exactly what a test needs) --

_ODS_MIMETYPE = "application/vnd.oasis.opendocument.spreadsheet"
_ODS_NAMESPACES = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" '
    'xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" office:version="1.2"'
)


def ods_bytes(
    rows: Rows,
    sheet: str = "Réponses",
    extra_sheets: Mapping[str, Rows] | None = None,
    hidden_sheets: Sequence[str] = (),
) -> bytes:
    """An OpenDocument spreadsheet with `rows` on `sheet`, then `extra_sheets`."""
    tables = "".join(
        _ods_table(name, sheet_rows, hidden=name in hidden_sheets)
        for name, sheet_rows in {sheet: rows, **(extra_sheets or {})}.items()
    )
    return ods_package(ods_content(tables))


def ods_content(tables_xml: str) -> str:
    """A whole content.xml around `tables_xml` (`<table:table>` elements), hidden style included."""
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {_ODS_NAMESPACES}>'
        '<office:automatic-styles><style:style style:name="hidden" style:family="table">'
        '<style:table-properties table:display="false"/></style:style></office:automatic-styles>'
        f"<office:body><office:spreadsheet>{tables_xml}</office:spreadsheet></office:body>"
        "</office:document-content>"
    )


def ods_package(content_xml: str | bytes, mimetype: str = _ODS_MIMETYPE) -> bytes:
    """An .ods (or other OpenDocument) zip around a hand-written content.xml."""
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"'
        ' manifest:version="1.2">'
        f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{mimetype}"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    return zip_bytes(
        {"mimetype": mimetype, "META-INF/manifest.xml": manifest, "content.xml": content_xml},
        stored=("mimetype",),
    )


def _ods_table(name: str, rows: Rows, *, hidden: bool) -> str:
    style = ' table:style-name="hidden"' if hidden else ""
    body = "".join(
        "<table:table-row>" + "".join(_ods_cell(value) for value in row) + "</table:table-row>"
        if row
        else "<table:table-row><table:table-cell/></table:table-row>"
        for row in rows
    )
    return f"<table:table table:name={quoteattr(name)}{style}>{body}</table:table>"


def _ods_cell(value: object) -> str:
    if value is None:
        return "<table:table-cell/>"
    if isinstance(value, ExcelError):
        return (
            '<table:table-cell table:formula="of:=1/0" office:value-type="float" '
            'office:value="0" calcext:value-type="error">'
            f"<text:p>{escape(value.text)}</text:p></table:table-cell>"
        )
    if isinstance(value, bool):
        flag = "true" if value else "false"
        return (
            f'<table:table-cell office:value-type="boolean" office:boolean-value="{flag}">'
            f"<text:p>{flag.upper()}</text:p></table:table-cell>"
        )
    if isinstance(value, date):
        return (
            f'<table:table-cell office:value-type="date" office:date-value="{value.isoformat()}">'
            f"<text:p>{value.isoformat()}</text:p></table:table-cell>"
        )
    if isinstance(value, int | float):
        return (
            f'<table:table-cell office:value-type="float" office:value="{value!r}">'
            f"<text:p>{value}</text:p></table:table-cell>"
        )
    return (
        '<table:table-cell office:value-type="string">'
        f"<text:p>{escape(str(value))}</text:p></table:table-cell>"
    )


# --- .csv ----------------------------------------------------------------------------------


def csv_bytes(
    rows: Rows,
    delimiter: str = ";",
    encoding: str = "cp1252",
    bom: bool = False,
    line_ending: str = "\r\n",
) -> bytes:
    """A CSV as Excel exports it by default in France (`;`, cp1252, CRLF).

    `None` is an empty field and `ExcelError` its text, as Excel exports them.

    `encoding` may be "utf-8", "utf-16-le", "utf-16-be", "cp1252"...; `bom` prefixes the
    matching byte-order mark.
    """
    text = io.StringIO()
    writer = csv.writer(text, delimiter=delimiter, lineterminator=line_ending)
    writer.writerows([[_csv_text(value) for value in row] for row in rows])
    marks = {"utf-8": b"\xef\xbb\xbf", "utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}
    prefix = marks.get(encoding.lower(), b"") if bom else b""
    return prefix + text.getvalue().encode(encoding)


def _csv_text(value: object) -> object:
    if value is None:
        return ""
    return value.text if isinstance(value, ExcelError) else value


# --- containers for broken and hostile files -------------------------------------------------


def zip_bytes(
    parts: Mapping[str, bytes | str],
    stored: Sequence[str] = (),
    compression: int = zipfile.ZIP_DEFLATED,
) -> bytes:
    """A zip with `parts` (name -> content), those in `stored` left uncompressed."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in parts.items():
            method = zipfile.ZIP_STORED if name in stored else compression
            archive.writestr(
                zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0)), content, method
            )
    return buffer.getvalue()
