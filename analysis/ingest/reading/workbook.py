"""Bytes to raw sheets: the first step of ingestion, and the only one that touches files.

`read_workbook` recognises the format from the bytes (`sniffing`), refuses what breaks
`analysis/core/limits.py` before anything large is built (`reading_zip`, `reading_limits`),
reads the values with python-calamine (fast, no formulas evaluated) and puts back the Excel
error cells calamine hides (`reading_xlsx`, `reading_ods`, `reading_xls`). CSV goes through
`csv_reading`. Everything downstream (mapping, cleaning, validation) sees only `RawSheet`s.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import PurePath

import numpy as np
import pandas as pd
import python_calamine as calamine

from analysis.core.model import SourceFile
from analysis.core.text import normalise
from analysis.ingest.reading.csv_files import read_csv_cells
from analysis.ingest.reading.errors import UnreadableFile
from analysis.ingest.reading.ods import ErrorMarkerWatch, scan_content
from analysis.ingest.reading.sniffing import open_zip, sniff
from analysis.ingest.reading.used_range import (
    ErrorCell,
    SheetScan,
    check_file_size,
    check_sheet_count,
    check_workbook,
    trim_trailing_blanks,
)
from analysis.ingest.reading.xls import scan_xls
from analysis.ingest.reading.xlsx import XlsxSheetScanner, exact_scan, sheet_parts
from analysis.ingest.reading.zip_guard import check_declared_sizes, inflate_all

__all__ = ["FORMATS", "RawSheet", "RawWorkbook", "read_workbook"]

FORMATS = ("xlsx", "xlsm", "xls", "ods", "csv")
Progress = Callable[[float, str], None]


@dataclass(frozen=True)
class RawSheet:
    """One sheet as read: object-dtype cells, index = spreadsheet row numbers (1-based),
    columns = 0-based column positions; blanks missing, error cells as their text."""

    name: str
    cells: pd.DataFrame
    hidden: bool = False


@dataclass(frozen=True)
class RawWorkbook:
    """Every worksheet of one file, in the file's order, and the format it really had."""

    format: str
    sheets: tuple[RawSheet, ...]

    def sheet(self, name: str) -> RawSheet | None:
        """The sheet called `name`, ignoring case, accents and punctuation; `None` if absent."""
        wanted = normalise(name)
        return next((s for s in self.sheets if normalise(s.name) == wanted), None)


def read_workbook(source: SourceFile, progress: Progress | None = None) -> RawWorkbook:
    """Read `source` into raw sheets, or raise `UnreadableFile` saying why not.

    `progress(fraction, message_key)` is called as the work advances (keys in
    `locales/read.toml`), ending with 1.0.
    """
    report = progress or _no_progress
    name = source.name
    check_file_size(source.size, file=name)
    report(0.0, "read.progress_checking")
    fmt = sniff(source.content, name)
    if fmt == "csv":
        stem = PurePath(name).stem or name
        sheets: tuple[RawSheet, ...] = (
            RawSheet(stem, read_csv_cells(source.content, file=name, sheet=stem)),
        )
    else:
        scans = _scan(fmt, source.content, name)
        # All sheets are checked, alone and together, before calamine opens the file: its
        # .ods reader expands every table as soon as the workbook is opened.
        check_workbook(scans, file=name)
        report(0.1, "read.progress_reading")
        sheets = _read_with_calamine(source.content, name, scans, report)
    report(1.0, "read.progress_done")
    return RawWorkbook(fmt, sheets)


def _no_progress(_fraction: float, _key: str) -> None:
    """Default progress callback: nobody is watching."""


def _scan(fmt: str, content: bytes, name: str) -> dict[str, SheetScan]:
    """Sheet name -> used range and error cells, found without materialising any sheet."""
    if fmt == "xls":
        return scan_xls(content, file=name)
    with open_zip(content, name) as archive:
        check_declared_sizes(archive, file=name)
        if fmt == "ods":
            watch = ErrorMarkerWatch()
            inflate_all(content, archive, {"content.xml": watch}, file=name)
            return scan_content(archive, with_errors=watch.found, file=name)
        parts = sheet_parts(archive, file=name)
        check_sheet_count(len(parts), file=name)
        if not set(parts.values()) <= set(archive.namelist()):
            raise UnreadableFile("corrupt", file=name)  # a sheet whose XML is missing
        scanners = {part: XlsxSheetScanner() for part in set(parts.values())}
        inflate_all(content, archive, scanners, file=name)
        scans = {}
        for sheet, part in parts.items():
            scanner = scanners[part]
            irregular = scanner.irregular
            scans[sheet] = exact_scan(archive, part, file=name) if irregular else scanner.result()
        return scans


def _read_with_calamine(
    content: bytes, name: str, scans: dict[str, SheetScan], report: Progress
) -> tuple[RawSheet, ...]:
    try:
        workbook = calamine.CalamineWorkbook.from_filelike(io.BytesIO(content))
    except calamine.PasswordError as error:
        raise UnreadableFile("encrypted", file=name) from error
    except (calamine.CalamineError, ValueError, OSError) as error:
        raise UnreadableFile("corrupt", file=name) from error
    metadata = [
        meta for meta in workbook.sheets_metadata if meta.typ == calamine.SheetTypeEnum.WorkSheet
    ]
    check_sheet_count(len(metadata), file=name)
    sheets = []
    for number, meta in enumerate(metadata):
        scan = scans.get(meta.name)
        if scan is None:
            # Every sheet was measured before opening; one we did not see is not trusted.
            raise UnreadableFile("corrupt", file=name)
        try:
            sheet = workbook.get_sheet_by_name(meta.name)
            rows = sheet.to_python()
        except (calamine.CalamineError, ValueError, OSError) as error:
            raise UnreadableFile("corrupt", file=name) from error
        cells = trim_trailing_blanks(_frame(rows, sheet.start, scan))
        hidden = meta.visible != calamine.SheetVisibleEnum.Visible
        sheets.append(RawSheet(meta.name, cells, hidden=hidden))
        report(0.1 + 0.9 * (number + 1) / len(metadata), "read.progress_reading")
    return tuple(sheets)


def _frame(
    rows: Sequence[Sequence[object]], start: tuple[int, int] | None, scan: SheetScan
) -> pd.DataFrame:
    """calamine's rows placed at the sheet's own coordinates, blanks missing, errors put back.

    One object array for the whole sheet: blanks (calamine's "") and error cells are set
    with two vectorised assignments before the frame is built around the array.
    """
    if not rows or start is None:
        empty = pd.DataFrame(index=pd.RangeIndex(1, 1), columns=pd.RangeIndex(0, 0), dtype=object)
        return _with_outside_errors(empty, scan.errors)
    grid = np.array(rows, dtype=object)
    grid[grid == ""] = None
    first_row, first_col = start[0] + 1, start[1]
    outside = []
    if scan.errors:
        errors = np.array([(r, c) for r, c, _ in scan.errors], dtype=np.int64).reshape(-1, 2)
        texts = np.array([text for _, _, text in scan.errors], dtype=object)
        r, c = errors[:, 0] - first_row, errors[:, 1] - first_col
        inside = (r >= 0) & (r < grid.shape[0]) & (c >= 0) & (c < grid.shape[1])
        grid[r[inside], c[inside]] = texts[inside]
        outside = [error for error, kept in zip(scan.errors, inside, strict=True) if not kept]
    frame = pd.DataFrame(
        grid,
        index=pd.RangeIndex(first_row, first_row + grid.shape[0]),
        columns=pd.RangeIndex(first_col, first_col + grid.shape[1]),
        dtype=object,
        copy=False,
    )
    return _with_outside_errors(frame, outside)


def _with_outside_errors(
    cells: pd.DataFrame, errors: list[ErrorCell] | tuple[ErrorCell, ...]
) -> pd.DataFrame:
    """`cells` grown to hold error cells calamine left outside its range (rare), as text."""
    if not errors:
        return cells
    grid = (
        pd.DataFrame(errors, columns=["row", "col", "text"])
        .drop_duplicates(["row", "col"], keep="last")
        .pivot(index="row", columns="col", values="text")
    )
    cells = cells.reindex(
        index=cells.index.union(grid.index), columns=cells.columns.union(grid.columns)
    )
    grid = grid.reindex(index=cells.index, columns=cells.columns).astype(object)
    return cells.mask(grid.notna(), grid)
