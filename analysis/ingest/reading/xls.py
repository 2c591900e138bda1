"""What calamine cannot be trusted with in an .xls: its extent and its error cells.

calamine turns error cells into empty strings and allocates a sheet's whole rectangle from
the column numbers in the records, which a damaged or hostile file can set to 65,535. xlrd
(pure Python, already a dependency) reads the file first with ragged rows, so a stray column
costs one long row, not a rectangle; its extents are checked and its `XL_CELL_ERROR` cells
kept as their Excel text before calamine reads the values.
"""

from __future__ import annotations

import io

import numpy as np
import xlrd
from xlrd.biffh import XL_CELL_ERROR

from analysis.ingest.reading.errors import UnreadableFile
from analysis.ingest.reading.used_range import ErrorCell, SheetScan, check_sheet_count

#: BIFF8 sheets hold at most 65,536 rows and 256 columns; anything beyond is damage.
XLS_MAX_ROWS, XLS_MAX_COLUMNS = 65_536, 256


def scan_xls(content: bytes, *, file: str) -> dict[str, SheetScan]:
    """Sheet name -> `SheetScan` (extent and error cells) for every worksheet."""
    try:
        book = xlrd.open_workbook(
            file_contents=content,
            on_demand=True,
            ragged_rows=True,
            formatting_info=False,
            logfile=io.StringIO(),
        )
    except xlrd.XLRDError as error:
        code = "encrypted" if "encrypted" in str(error).lower() else "corrupt"
        raise UnreadableFile(code, file=file) from error
    except Exception as error:
        # xlrd signals damage with AssertionError, struct.error, IndexError, ...
        raise UnreadableFile("corrupt", file=file) from error
    try:
        check_sheet_count(book.nsheets, file=file)
        return {
            name: _scan_sheet(book, index, file) for index, name in enumerate(book.sheet_names())
        }
    finally:
        book.release_resources()


def _scan_sheet(book: xlrd.book.Book, index: int, file: str) -> SheetScan:
    try:
        sheet = book.sheet_by_index(index)
    except Exception as error:
        raise UnreadableFile("corrupt", file=file) from error
    try:
        if sheet.nrows > XLS_MAX_ROWS or sheet.ncols > XLS_MAX_COLUMNS:
            raise UnreadableFile("corrupt", file=file)
        errors: list[ErrorCell] = []
        for row in range(sheet.nrows):
            types = sheet.row_types(row)
            if XL_CELL_ERROR not in types:  # C-level test: most rows hold no error
                continue
            for col in np.flatnonzero(np.asarray(types, dtype=np.uint8) == XL_CELL_ERROR):
                code = sheet.cell_value(row, int(col))
                errors.append((row + 1, int(col), xlrd.error_text_from_code.get(code, "#N/A")))
        # xlrd's extent counts blank but formatted cells too: a safe over-estimate.
        if sheet.nrows == 0 or sheet.ncols == 0:
            return SheetScan(errors=tuple(errors))
        return SheetScan(1, sheet.nrows, 0, sheet.ncols - 1, tuple(errors))
    finally:
        book.unload_sheet(index)
