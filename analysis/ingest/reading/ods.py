"""The used range and error cells of each table of an .ods `content.xml`.

OpenDocument compresses runs of identical cells with `table:number-columns-repeated` and
`table:number-rows-repeated`, so a few bytes can stand for billions of cells; calamine
expands runs that hold a value, hence the rectangle is computed here first. calamine also
reads error cells as 0 or as their text, so those (`calcext:value-type="error"`, text such as
`#DIV/0!` or `Err:502`) are collected in the same pass, when the file holds any.
"""

from __future__ import annotations

import zipfile

from lxml import etree

from analysis.core import limits
from analysis.ingest.reading.errors import UnreadableFile
from analysis.ingest.reading.used_range import ErrorCell, SheetScan, check_extent

_TABLE_NS = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_OFFICE_NS = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_CALCEXT_NS = "urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"
_TABLE = f"{{{_TABLE_NS}}}table"
_ROW = f"{{{_TABLE_NS}}}table-row"
_CELLS = (f"{{{_TABLE_NS}}}table-cell", f"{{{_TABLE_NS}}}covered-table-cell")
_NAME = f"{{{_TABLE_NS}}}name"
_ROWS_REPEATED = f"{{{_TABLE_NS}}}number-rows-repeated"
_COLUMNS_REPEATED = f"{{{_TABLE_NS}}}number-columns-repeated"
_VALUE_TYPE = f"{{{_OFFICE_NS}}}value-type"
_CALC_VALUE_TYPE = f"{{{_CALCEXT_NS}}}value-type"
_ERROR_MARKER = b'value-type="error"'
#: Error cells collected per table at most: repeated error runs are not expanded past this.
MAX_ERROR_CELLS = 1_000_000


class ErrorMarkerWatch:
    """Fed `content.xml` chunks; remembers whether any cell is an error (cheap test)."""

    def __init__(self) -> None:
        self.found = False
        self._tail = b""

    def feed(self, chunk: bytes) -> None:
        """Look for the marker, including across the chunk boundary."""
        if not self.found:
            self.found = _ERROR_MARKER in self._tail + chunk[: len(_ERROR_MARKER)] or (
                _ERROR_MARKER in chunk
            )
            self._tail = chunk[-len(_ERROR_MARKER) :]

    def close(self) -> None:
        """Nothing left to do."""


def scan_content(archive: zipfile.ZipFile, *, with_errors: bool, file: str) -> dict[str, SheetScan]:
    """Table name -> used range (and error cells when `with_errors`), tables in file order.

    Streams the end of each cell, row and table (start events would double the Python
    work), freeing elements once counted so that a huge row costs no memory; a table is
    refused as soon as its rectangle passes a limit.
    """
    scans: dict[str, SheetScan] = {}
    state: _TableState | None = None
    try:
        with archive.open("content.xml") as stream:
            events = etree.iterparse(
                stream,
                events=("end",),
                tag=(_TABLE, _ROW, *_CELLS),
                resolve_entities=False,
                no_network=True,
                huge_tree=False,
            )
            for _, element in events:
                tag = element.tag
                if tag == _TABLE:
                    state = state or _TableState(element.get(_NAME, ""), file, with_errors)
                    scans[state.name] = state.result()
                    state = None
                    _free(element)
                    continue
                if state is None:
                    # First row or cell of a table: the table's start tag, already parsed,
                    # gives its name for messages.
                    table = next(element.iterancestors(_TABLE), None)
                    name = table.get(_NAME, "") if table is not None else ""
                    state = _TableState(name, file, with_errors)
                if tag == _ROW:
                    state.end_row(element)
                    _free(element)
                else:
                    state.add_cell(element)
    except (etree.XMLSyntaxError, ValueError, KeyError, zipfile.BadZipFile, OSError) as error:
        raise UnreadableFile("corrupt", file=file) from error
    return scans


def _free(element: etree._Element) -> None:
    """Drop an element already counted, and the empty shells of its earlier siblings."""
    element.clear(keep_tail=False)
    parent = element.getparent()
    while parent is not None and element.getprevious() is not None:
        del parent[0]


class _TableState:
    """Running rectangle and error cells of one table, one cell at a time.

    Cells are met before the end of their row, hence before the row's repeat count is
    known: a row's non-empty extent and its error cells wait in `row_*` until `end_row`.
    """

    def __init__(self, name: str, file: str, with_errors: bool) -> None:
        self.name, self.file, self.with_errors = name, file, with_errors
        self.row = 0  # 0-based index of the current row
        self.column = 0
        self.cells_seen = 0
        self.row_first = self.row_last = -1  # non-empty columns of the current row
        self.row_errors: list[tuple[int, int, str]] = []  # column, span, text
        self.bounds: list[int] = []  # first row, last row, first col, last col (0-based)
        self.errors: list[ErrorCell] = []

    def add_cell(self, cell: etree._Element) -> None:
        repeated = cell.get(_COLUMNS_REPEATED)
        span = int(repeated) if repeated else 1
        calc_type = cell.get(_CALC_VALUE_TYPE)
        if calc_type or len(cell) or cell.get(_VALUE_TYPE):
            if self.row_first < 0:
                self.row_first = self.column
            self.row_last = self.column + span - 1
            if self.row_last - self.row_first >= limits.MAX_COLUMNS:
                # Refused before the rest of a huge row is read; rows are checked at their end.
                check_extent(1, self.row_last - self.row_first + 1, sheet=self.name, file=self.file)
            if calc_type == "error" and self.with_errors:
                self.row_errors.append((self.column, span, "".join(cell.itertext()).strip()))
        self.column += span
        self.cells_seen += 1
        if self.cells_seen % 1024 == 0:  # now and then, drop the shells of counted cells
            _free(cell)
        else:
            cell.clear(keep_tail=False)

    def end_row(self, row: etree._Element) -> None:
        repeated = row.get(_ROWS_REPEATED)
        repeat = int(repeated) if repeated else 1
        if self.row_first >= 0:
            self.bounds = self._widened(
                self.row, self.row + repeat - 1, self.row_first, self.row_last
            )
            top, bottom, left, right = self.bounds
            check_extent(bottom - top + 1, right - left + 1, sheet=self.name, file=self.file)
        for column, span, text in self.row_errors:
            if repeat * span <= MAX_ERROR_CELLS - len(self.errors):
                self.errors.extend(
                    (self.row + r + 1, column + c, text) for r in range(repeat) for c in range(span)
                )
        self.row += repeat
        self.column = 0
        self.row_first = self.row_last = -1
        self.row_errors = []

    def _widened(self, top: int, bottom: int, left: int, right: int) -> list[int]:
        if not self.bounds:
            return [top, bottom, left, right]
        b = self.bounds
        return [min(b[0], top), max(b[1], bottom), min(b[2], left), max(b[3], right)]

    def result(self) -> SheetScan:
        if not self.bounds:
            return SheetScan(errors=tuple(self.errors))
        top, bottom, left, right = self.bounds
        return SheetScan(top + 1, bottom + 1, left, right, tuple(self.errors))
