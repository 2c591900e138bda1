"""Responses a survey tool marks as unfinished, and poles that answered more than once.

Incomplete: LimeSurvey leaves `submitdate` blank for a response never submitted; Framaforms
marks a draft in its `Draft` column. Such rows are warnings naming their row, kept by default
and dropped on request (`ingest(drop_incomplete=True)`, `--drop-incomplete`).

Repeated submissions: a pole that sent the form twice answers on two rows, which is an error
(`duplicate_pole`). When the tool records the time of each submission, keeping each pole's
latest response is *offered* (a warning naming the rows); it is applied only on request
(`ingest(keep_latest=True)`, `--keep-latest`), never silently.
"""

from __future__ import annotations

import pandas as pd

from analysis.core.text import normalise_series
from analysis.ingest.mapping.identify import Identified
from analysis.ingest.report import Problem, Severity
from analysis.ingest.sheets.responses import SheetTable

__all__ = ["earlier_submissions", "incomplete_rows", "row_problems"]


def incomplete_rows(cells: pd.DataFrame, identified: Identified) -> list[int]:
    """Rows below the headers that the tool marks as unfinished responses, in order."""
    tool = identified.tool
    if tool is None:
        return []
    body = cells.loc[cells.index > identified.mapping.header_row]
    answered = body.notna().any(axis=1)
    marked = pd.Series(False, index=body.index)
    blank_at = identified.column_named(tool.incomplete_when_blank)
    if blank_at is not None and blank_at in body.columns:
        cell = body[blank_at]
        text = cell.map(lambda v: v.strip() if isinstance(v, str) else v)
        marked |= cell.isna() | (text == "")
    if tool.incomplete_when_value is not None:
        column, values = tool.incomplete_when_value
        at = identified.column_named([column])
        if at is not None and at in body.columns:
            marked |= normalise_series(body[at].astype("string")).isin(values)
    return [int(row) for row in body.index[(marked & answered).to_numpy()]]


def _submitted_at(cells: pd.DataFrame, identified: Identified) -> pd.Series | None:
    tool = identified.tool
    at = identified.column_named(tool.submitted_at) if tool is not None else None
    if at is None or at not in cells.columns:
        return None
    raw = cells[at]
    times = pd.to_datetime(raw.where(raw.map(lambda v: not isinstance(v, str))), errors="coerce")
    texts = raw[raw.map(lambda v: isinstance(v, str))]
    if len(texts):
        parsed = pd.to_datetime(texts, errors="coerce", dayfirst=True, format="mixed")
        times = times.fillna(parsed)
    return times


def earlier_submissions(
    table: SheetTable, cells: pd.DataFrame, identified: Identified
) -> dict[int, int]:
    """Earlier row -> latest row of the same pole, when every one of them has a time."""
    times = _submitted_at(cells, identified)
    if times is None:
        return {}
    keys = normalise_series(table.pole_name)
    earlier: dict[int, int] = {}
    for _key, rows in pd.Series(table.answers, index=table.answers).groupby(keys.to_numpy()):
        if len(rows) < 2:
            continue
        stamps = times.reindex(rows.to_numpy())
        if stamps.isna().any():
            continue
        latest = int(stamps.idxmax())
        earlier.update({int(row): latest for row in rows if int(row) != latest})
    return earlier


def row_problems(
    sheet: str,
    incomplete: list[int],
    earlier: dict[int, int],
    *,
    dropped_incomplete: bool,
    kept_latest: bool,
) -> list[Problem]:
    """Warnings naming each incomplete row and each earlier submission (kept or dropped)."""
    problems = [
        Problem(
            Severity.WARNING,
            "incomplete_dropped" if dropped_incomplete else "incomplete_response",
            sheet=sheet,
            row=row,
        )
        for row in incomplete
    ]
    code = "earlier_submission_dropped" if kept_latest else "repeated_submission"
    problems += [
        Problem(Severity.WARNING, code, sheet=sheet, row=row, params={"latest_row": latest})
        for row, latest in sorted(earlier.items())
    ]
    return problems
