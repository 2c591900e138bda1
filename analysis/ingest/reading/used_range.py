"""The used range of a sheet, found before it is read, checked against `analysis/core/limits.py`.

calamine allocates the whole rectangle between a sheet's first and last cell at once, so a
sheet holding only A1 and XFD1048576 would ask for billions of cells and kill the process.
Each format's scanner reports the rectangle (and the error cells it met on the way) as a
`SheetScan`; `check_scan` refuses it before anything is materialised.
"""

from __future__ import annotations

from dataclasses import dataclass, field

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


def check_sheet_count(count: int, *, file: str) -> None:
    """Raise `UnreadableFile` when a workbook has more sheets than `MAX_SHEETS`."""
    if count > limits.MAX_SHEETS:
        raise UnreadableFile("too_many_sheets", file=file, count=count, limit=limits.MAX_SHEETS)


def check_file_size(size: int, *, file: str) -> None:
    """Raise `UnreadableFile` when the upload itself is larger than `MAX_FILE_BYTES`."""
    if size > limits.MAX_FILE_BYTES:
        raise UnreadableFile(
            "too_big",
            file=file,
            size_mb=round(size / 1_000_000, 1),
            limit_mb=round(limits.MAX_FILE_BYTES / 1_000_000, 1),
        )
