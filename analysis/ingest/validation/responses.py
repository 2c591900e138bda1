"""Every problem of the responses sheet, collected in one pass and located to the cell.

Checks run over whole columns (masks and group-bys). Severity: errors block storing (the
value cannot be trusted: a wrong number, a duplicate pole, funded > submitted); warnings
are shown and stored (an unknown pole or region, a totals row that disagrees, extra
columns). Cell-level building blocks live in `validation/cells.py`, row-level checks in
`validation/rows.py`; import them from there.
"""

from __future__ import annotations

from collections.abc import Iterable

from analysis.core.registry import Registry
from analysis.ingest.mapping.columns import ColumnMapping, ColumnMatch
from analysis.ingest.report import Problem
from analysis.ingest.sheets.responses import SheetTable
from analysis.ingest.validation.cells import (
    ERROR,
    WARNING,
    column_problems,
    located,
    quoted_list,
)
from analysis.ingest.validation.rows import (
    funded_problems,
    pole_problems,
    region_problems,
    totals_problems,
)


def header_problems(mapping: ColumnMapping, extras: Iterable[ColumnMatch]) -> list[Problem]:
    """Duplicate columns (errors), extra columns and missing per-year columns (warnings)."""
    sheet, row = mapping.sheet, mapping.header_row
    problems = []
    for dup in mapping.duplicates:
        if dup.duplicate_of is None:  # never: `duplicates` keeps the columns that have one
            continue
        first = mapping.column(dup.duplicate_of)
        problems.append(
            located(
                ERROR,
                "duplicate_column",
                sheet,
                row,
                dup,
                dup.header,
                first_column=first.letter if first else "",
                first_header=first.header if first else "",
            )
        )
    listed = [m for m in extras if m.duplicate_of is None]
    if listed:
        names = [f'"{m.header}" ({m.letter})' if m.header else m.letter for m in listed]
        # One warning for them all, located on the header row; `letters` names the header
        # cells it is about, so a preview marks those cells rather than the whole row.
        problems.append(
            located(
                WARNING,
                "extra_columns",
                sheet,
                row,
                None,
                columns=", ".join(names),
                letters=[m.letter for m in listed],
            )
        )
    if not mapping.years:
        problems.append(located(WARNING, "no_yearly_columns", sheet, row, None))
    return problems


def no_pole_column(mapping: ColumnMapping) -> Problem:
    """The file-level error when no header names the pole, listing the headers found."""
    headers = [m.header for m in mapping.columns if m.header]
    return located(
        ERROR,
        "no_pole_column",
        mapping.sheet,
        mapping.header_row if headers else None,
        None,
        expected="pole_column",
        headers=quoted_list(headers) or "–",
    )


def no_answers(sheet: str, header_row: int | None = None) -> Problem:
    """The error for a sheet with headers (on `header_row`) but no answer row."""
    return located(ERROR, "no_answers", sheet, header_row, None)


def empty_sheet(sheet: str) -> Problem:
    """The error for a responses sheet with nothing in it (not even headers)."""
    return located(ERROR, "empty_sheet", sheet, None, None)


def empty_workbook() -> Problem:
    """The error for a file whose every sheet is empty: there is nothing to read."""
    return Problem(severity=ERROR, code="empty_workbook")


def check_table(table: SheetTable, registry: Registry) -> list[Problem]:
    """All problems of the responses sheet: headers first, then cells in sheet order."""
    cells: list[Problem] = []
    for column in (*table.columns.values(), *table.extra_columns.values()):
        cells += column_problems(table.sheet, column, table.at_answers(column.problems))
    pole = table.field("pole")
    if pole is not None and len(table.bad_pole):
        cells += column_problems(table.sheet, pole, pole.problems.loc[table.bad_pole])
    cells += pole_problems(table, registry)
    cells += region_problems(table)
    cells += funded_problems(table)
    cells += totals_problems(table)
    cells.sort(key=_position)
    return header_problems(table.mapping, table.extras) + cells


def _position(problem: Problem) -> tuple[int, int, str]:
    letter = problem.column or ""
    return (problem.row if problem.row is not None else 1 << 30, len(letter), letter)
