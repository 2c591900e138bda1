"""The used range of a sheet, found before it is read, checked against `analysis/core/limits.py`.

calamine allocates the whole rectangle between a sheet's first and last cell at once, so a
sheet holding only A1 and XFD1048576 would ask for billions of cells and kill the process.
Each format's scanner reports the rectangle (and the error cells it met on the way) as a
`SheetScan`; `check_scan` refuses it before anything is materialised.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analysis.core import limits
from analysis.ingest.reading.errors import UnreadableFile

#: (row, column, text): row as the spreadsheet numbers it (1-based), column 0-based.
ErrorCell = tuple[int, int, str]


@dataclass(frozen=True)
class SheetScan:
    """A sheet's used rectangle (`None` when empty) and its error cells."""

    first_row: int | None = None  # 1-based
    last_row: int | None = None
    first_col: int | None = None  # 0-based
    last_col: int | None = None
    errors: tuple[ErrorCell, ...] = field(default=())

    @property
    def height(self) -> int:
        """Rows in the used range (0 when empty)."""
        if self.first_row is None or self.last_row is None:
            return 0
        return self.last_row - self.first_row + 1

    @property
    def width(self) -> int:
        """Columns in the used range (0 when empty)."""
        if self.first_col is None or self.last_col is None:
            return 0
        return self.last_col - self.first_col + 1


def check_scan(scan: SheetScan, *, sheet: str, file: str) -> None:
    """Raise `UnreadableFile` when the sheet's rectangle breaks a limit."""
    check_extent(scan.height, scan.width, sheet=sheet, file=file)


def check_extent(height: int, width: int, *, sheet: str, file: str) -> None:
    """Raise `UnreadableFile` when `height` rows by `width` columns break a limit."""
    if height > limits.MAX_ROWS:
        raise UnreadableFile(
            "too_many_rows", file=file, sheet=sheet, count=height, limit=limits.MAX_ROWS
        )
    if width > limits.MAX_COLUMNS:
        raise UnreadableFile(
            "too_many_columns", file=file, sheet=sheet, count=width, limit=limits.MAX_COLUMNS
        )
    if height * width > limits.MAX_CELLS:
        raise UnreadableFile(
            "too_many_cells", file=file, sheet=sheet, count=height * width, limit=limits.MAX_CELLS
        )


def check_workbook(scans: Mapping[str, SheetScan], *, file: str) -> None:
    """Raise `UnreadableFile` when a sheet, or all sheets together, span too many cells.

    Each sheet alone may be small enough while many of them together (8 sparse sheets of
    40 million cells each in 4 KB) are not: the sum is what reading would allocate.
    """
    check_sheet_count(len(scans), file=file)
    total = 0
    for sheet, scan in scans.items():
        check_scan(scan, sheet=sheet, file=file)
        total += scan.height * scan.width
        if total > limits.MAX_WORKBOOK_CELLS:
            raise UnreadableFile(
                "too_many_cells_workbook",
                file=file,
                count=sum(s.height * s.width for s in scans.values()),
                limit=limits.MAX_WORKBOOK_CELLS,
            )


def trim_trailing_blanks(cells: pd.DataFrame) -> pd.DataFrame:
    """`cells` without its trailing all-blank rows and columns: the sheet's real content.

    The one place where a used range inflated by formatted but empty cells is cut back to
    what the sheet holds (every format goes through it); leading blanks are kept, since
    row and column positions are what messages cite.
    """
    if cells.empty:
        return cells
    filled = cells.notna().to_numpy()
    rows = np.flatnonzero(filled.any(axis=1))
    cols = np.flatnonzero(filled.any(axis=0))
    height = int(rows[-1]) + 1 if rows.size else 0
    width = int(cols[-1]) + 1 if cols.size else 0
    if height == cells.shape[0] and width == cells.shape[1]:
        return cells
    return cells.iloc[:height, :width]


def check_sheet_count(count: int, *, file: str) -> None:
    """Raise `UnreadableFile` when a workbook has more sheets than `MAX_SHEETS`."""
    if count > limits.MAX_SHEETS:
        raise UnreadableFile("too_many_sheets", file=file, count=count, limit=limits.MAX_SHEETS)


def check_file_size(size: int, *, file: str, limit: int | None = None) -> None:
    """Raise `UnreadableFile` when the upload is larger than `limit` (`MAX_FILE_BYTES`)."""
    limit = limits.MAX_FILE_BYTES if limit is None else limit
    if size > limit:
        digits = distinguishing_digits(size, limit)
        raise UnreadableFile(
            "too_big",
            file=file,
            size_mb=round(size / 1_000_000, digits),
            limit_mb=round(limit / 1_000_000, digits),
            digits=digits,
        )


def distinguishing_digits(size: int, limit: int) -> int:
    """Decimals of megabytes needed for `size` and `limit` to read differently (1 to 6).

    "52.4 MB, more than the 52.4 MB accepted" said nothing; six decimals are bytes.
    """
    for digits in range(1, 6):
        if round(size / 1_000_000, digits) != round(limit / 1_000_000, digits):
            return digits
    return 6
