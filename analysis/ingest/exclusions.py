"""Answer rows left out by an editor, each with its reason, without editing the file.

A file sometimes holds a row that must not count: a test answer, a pole that answered twice
on paper and online, a respondent who asked to be withdrawn. Editing the file would lose
the original; instead the upload page names the row and says why. The row is removed from
the responses sheet *after* its header row is found and *before* anything is cleaned,
checked or built, so the report, the preview, the comparison and the stored round all see
the file without it, and the store records each exclusion (row, pole, reason) in the
audit log with the round.

An exclusion that cannot be applied (a row that is not an answer row, a blank reason) is an
error of the report, and the row stays in: nothing is silently dropped.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

import pandas as pd

from analysis.ingest.cleaning.cells import display_values
from analysis.ingest.mapping.columns import ColumnMapping
from analysis.ingest.reading.workbook import RawSheet
from analysis.ingest.report import Problem, Severity

__all__ = [
    "MAX_REASON",
    "ExcludedRow",
    "Exclusions",
    "answer_rows",
    "clean_reason",
    "exclude_rows",
]

#: The longest reason kept (characters): a sentence or two, not a document.
MAX_REASON = 500

#: Spreadsheet row number -> the reason given for leaving it out.
Exclusions = Mapping[int, str]


@dataclass(frozen=True)
class ExcludedRow:
    """One row left out: its spreadsheet row number, its pole cell as written, the reason."""

    row: int
    pole: str
    reason: str


def clean_reason(reason: object) -> str:
    """The reason as kept: surrounding and repeated whitespace removed, cut to `MAX_REASON`."""
    text = " ".join(str(reason or "").split())
    return text[:MAX_REASON]


def answer_rows(sheet: RawSheet, header_row: int) -> pd.Index:
    """Rows below the header row holding at least one cell: the rows that can be left out."""
    cells = sheet.cells
    below = cells.loc[cells.index > header_row]
    return below.index[below.notna().any(axis=1)]


def _pole_cells(sheet: RawSheet, mapping: ColumnMapping, rows: list[int]) -> dict[int, str]:
    """The pole cell of each of `rows`, as the person typed it (`""` when blank)."""
    pole = mapping.by_field.get("pole")
    if pole is None or pole.position not in sheet.cells.columns or not rows:
        return dict.fromkeys(rows, "")
    shown = display_values(sheet.cells.loc[rows, pole.position])
    return {int(row): str(text) for row, text in shown.items()}


def _problem(sheet: str, row: int, code: str) -> Problem:
    return Problem(Severity.ERROR, code, sheet=sheet, row=int(row))


def exclude_rows(
    sheet: RawSheet, mapping: ColumnMapping, exclusions: Exclusions
) -> tuple[RawSheet, tuple[ExcludedRow, ...], list[Problem]]:
    """`sheet` without the rows of `exclusions`, what was left out, and what could not be.

    A row is left out only when it is an answer row (below `mapping.header_row`, not blank)
    and its reason is not blank; otherwise it stays and an error names it
    (`excluded_row_not_answer`, `excluded_row_no_reason`). The sheet given is not changed.
    """
    if not exclusions:
        return sheet, (), []
    allowed = set(answer_rows(sheet, mapping.header_row).tolist())
    problems: list[Problem] = []
    kept: dict[int, str] = {}
    for row, reason in sorted(exclusions.items()):
        text = clean_reason(reason)
        if int(row) not in allowed:
            problems.append(_problem(sheet.name, row, "excluded_row_not_answer"))
        elif not text:
            problems.append(_problem(sheet.name, row, "excluded_row_no_reason"))
        else:
            kept[int(row)] = text
    if not kept:
        return sheet, (), problems
    poles = _pole_cells(sheet, mapping, list(kept))
    excluded = tuple(ExcludedRow(row, poles[row], reason) for row, reason in kept.items())
    remaining = replace(sheet, cells=sheet.cells.drop(index=list(kept)))
    return remaining, excluded, problems
