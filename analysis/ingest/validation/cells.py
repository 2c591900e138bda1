"""The building blocks of the report: a located problem, capped lists, unreadable cells.

At most `PROBLEM_LIMIT` problems of one kind are listed per column, the rest summed up in
one `more_problems` line, so a 100,000-row sheet full of mistakes still gives a readable
report quickly; a Python loop only ever runs over the problems listed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial

import pandas as pd

from analysis.ingest.cleaning.cells import display_values
from analysis.ingest.mapping.columns import ColumnMatch
from analysis.ingest.report import Problem, Severity
from analysis.ingest.sheets.responses import CleanColumn

#: Problems of one kind listed per column before the rest are summed up.
PROBLEM_LIMIT = 25

ERROR, WARNING = Severity.ERROR, Severity.WARNING


def quoted_list(texts: Iterable[str]) -> str:
    """`"a", "b"`: names quoted as messages show them."""
    return ", ".join(f'"{text}"' for text in texts)


def located(
    severity: Severity,
    code: str,
    sheet: str,
    row: int | None,
    match: ColumnMatch | None,
    value: str | None = None,
    expected: str | None = None,
    **params: object,
) -> Problem:
    """A problem at a cell (or a column, a row, a sheet when `row`/`match` are `None`)."""
    return Problem(
        severity=severity,
        code=code,
        sheet=sheet,
        row=int(row) if row is not None else None,
        column=match.letter if match else None,
        header=(match.header or None) if match else None,
        value=value,
        expected=expected,
        params=params,
    )


def capped(
    severity: Severity,
    code: str,
    sheet: str,
    match: ColumnMatch,
    rows: pd.Index,
    make: Callable[[int], Problem],
) -> list[Problem]:
    """`make(row)` for the first `PROBLEM_LIMIT` rows, then one line for the rest."""
    listed = [make(int(row)) for row in rows[:PROBLEM_LIMIT]]
    if len(rows) > PROBLEM_LIMIT:
        listed.append(
            located(
                severity,
                "more_problems",
                sheet,
                None,
                match,
                count=len(rows) - PROBLEM_LIMIT,
                first_row=int(rows[0]),
            )
        )
    return listed


def flagged_rows(
    severity: Severity,
    code: str,
    sheet: str,
    match: ColumnMatch,
    rows: pd.Index,
    shown: pd.Series | None = None,
    expected: str | None = None,
    **params: object,
) -> list[Problem]:
    """One problem per row of `rows` in column `match`, quoting `shown` (indexed by row)
    when given, the same `params` on each: `capped` for the common case."""
    return capped(
        severity,
        code,
        sheet,
        match,
        rows,
        lambda row: located(
            severity,
            code,
            sheet,
            row,
            match,
            str(shown.loc[row]) if shown is not None else None,
            expected,
            **params,
        ),
    )


def column_problems(
    sheet: str, column: CleanColumn, codes: pd.Series | None = None
) -> list[Problem]:
    """Cells of `column` that could not be read, grouped by problem code.

    `codes` is the part of `column.problems` to report (by default all of it).
    """
    codes = (column.problems if codes is None else codes).dropna()
    if codes.empty:
        return []
    typed = display_values(column.raw.loc[codes.index])
    problems: list[Problem] = []
    for code, group in codes.groupby(codes, sort=False):
        make = partial(_cell_problem, str(code), sheet, column, typed)
        problems += capped(ERROR, str(code), sheet, column.match, group.index, make)
    return problems


def _cell_problem(
    code: str, sheet: str, column: CleanColumn, typed: pd.Series, row: int
) -> Problem:
    """One unreadable cell of `column` (bound per code with `partial`: mypy cannot type a
    lambda whose defaults hold the loop's values)."""
    return located(
        ERROR,
        code,
        sheet,
        row,
        column.match,
        str(typed.loc[row]),
        column.expected,
        cell=f"{column.match.letter}{row}",
    )
