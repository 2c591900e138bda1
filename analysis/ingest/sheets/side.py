"""What the optional sheets of a workbook (projects, initiatives) share: being found by
name, and having their header row found among the first rows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

import pandas as pd

from analysis.core.text import column_letter, normalise
from analysis.ingest.mapping.columns import ColumnMatch
from analysis.ingest.reading.workbook import RawSheet

#: How many non-blank rows are searched for a header (title rows may stand above it).
HEADER_SEARCH_ROWS = 20
#: Rows looked at for those non-blank rows: a sheet's top, not its whole body.
_TOP_ROWS = 500


def find_sheet(sheets: Sequence[RawSheet], names: Sequence[str]) -> RawSheet | None:
    """The first sheet whose normalised name is one of `names`, or `None`."""
    for sheet in sheets:
        if normalise(sheet.name) in names:
            return sheet
    return None


def header_candidates(
    cells: pd.DataFrame, recognise: Callable[[object], str | None]
) -> Iterator[tuple[int, dict[str, int]]]:
    """`(row, column -> position)` for each of the first non-blank rows, top down.

    `recognise` names the column a header cell stands for, or None; the first cell naming
    a column wins. Callers pick the row they need (the first with the key columns, or the
    one recognising most).
    """
    top = cells.iloc[:_TOP_ROWS]
    rows = top.index[top.notna().any(axis=1).to_numpy()][:HEADER_SEARCH_ROWS]
    for row in rows:
        found: dict[str, int] = {}
        for position, value in top.loc[row].dropna().items():
            key = recognise(value)
            if key is not None and key not in found:
                found[key] = int(position)
        yield int(row), found


def header_and_body(
    cells: pd.DataFrame, header_row: int, positions: dict[str, int]
) -> tuple[dict[str, ColumnMatch], pd.DataFrame]:
    """For a found header: each recognised column's match (letter and header text, for
    messages) and the rows below it, one column per recognised key."""
    header = cells.loc[header_row]
    matches = {
        key: ColumnMatch(position, column_letter(position), str(header[position]).strip(), None)
        for key, position in positions.items()
    }
    body = cells.loc[cells.index > header_row, list(positions.values())]
    return matches, body.set_axis(list(positions), axis=1)
