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

from analysis.reading_errors import UnreadableFile
from analysis.reading_limits import ErrorCell, SheetScan

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
    """Table name -> used range (and error cells when `with_errors`), tables in file order."""
    scans: dict[str, SheetScan] = {}
    table = ""
    try:
        with archive.open("content.xml") as stream:
            events = etree.iterparse(
                stream,
                events=("start", "end"),
                tag=(_TABLE, _ROW),
                resolve_entities=False,
                no_network=True,
                huge_tree=False,
            )
            state = _TableState()
            for event, element in events:
                if element.tag == _TABLE:
                    if event == "start":
                        table, state = element.get(_NAME, ""), _TableState()
                    else:
                        scans[table] = state.result()
                        element.clear(keep_tail=False)
                elif event == "end":
                    state.add_row(element, with_errors=with_errors)
                    element.clear(keep_tail=False)
    except (etree.XMLSyntaxError, ValueError, KeyError, zipfile.BadZipFile, OSError) as error:
        raise UnreadableFile("corrupt", file=file) from error
    return scans


class _TableState:
    """Running rectangle of one table, one row element at a time."""

    def __init__(self) -> None:
        self.row = 0  # 0-based index of the next row
        self.bounds: list[int] = []  # first row, last row, first col, last col (0-based)
        self.errors: list[ErrorCell] = []

    def add_row(self, row: etree._Element, *, with_errors: bool) -> None:
        repeat = _count(row.get(_ROWS_REPEATED))
        column = 0
        first = last = -1
        for cell in row:
            if cell.tag not in _CELLS:
                continue
            span = _count(cell.get(_COLUMNS_REPEATED))
            if len(cell) or cell.get(_VALUE_TYPE) or cell.get(_CALC_VALUE_TYPE):
                first = column if first < 0 else first
                last = column + span - 1
                room = MAX_ERROR_CELLS - len(self.errors)
                if with_errors and cell.get(_CALC_VALUE_TYPE) == "error" and repeat * span <= room:
                    text = "".join(cell.itertext()).strip()
                    self.errors.extend(
                        (self.row + r + 1, column + c, text)
                        for r in range(repeat)
                        for c in range(span)
                    )
            column += span
        if first >= 0:
            self._widen(self.row, self.row + repeat - 1, first, last)
        self.row += repeat

    def _widen(self, top: int, bottom: int, left: int, right: int) -> None:
        if not self.bounds:
            self.bounds = [top, bottom, left, right]
        else:
            b = self.bounds
            self.bounds = [min(b[0], top), max(b[1], bottom), min(b[2], left), max(b[3], right)]

    def result(self) -> SheetScan:
        if not self.bounds:
            return SheetScan(errors=tuple(self.errors))
        top, bottom, left, right = self.bounds
        return SheetScan(top + 1, bottom + 1, left, right, tuple(self.errors))


def _count(value: str | None) -> int:
    """A repeat attribute's value (1 when absent)."""
    return int(value) if value else 1
