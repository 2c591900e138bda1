"""Writing a round's rows in bulk: its poles, its four frames and its warnings.

Runs inside the caller's write transaction. Writers are serialised (see
`SurveyStore.writing`), so looking up then inserting missing pole names cannot race.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Table, insert, select

from analysis.core.model import SurveyRound
from analysis.ingest.report import Problem
from analysis.store.frames import frame_columns, pole_names
from analysis.store.tables import FRAME_TABLES, poles, round_warnings

#: Largest IN list and insert batch: far below every backend's parameter limit.
_CHUNK = 500
_INSERT_BATCH = 20_000


def _pole_ids(connection: Connection, names: list[str]) -> dict[str, int]:
    """Ids of `names` in `poles`, inserting the missing ones (writers are serialised)."""
    found: dict[str, int] = {}
    for start in range(0, len(names), _CHUNK):
        chunk = names[start : start + _CHUNK]
        found.update(
            (row.name, row.id)
            for row in connection.execute(
                select(poles.c.id, poles.c.name).where(poles.c.name.in_(chunk))
            )
        )
    missing = [name for name in names if name not in found]
    if missing:
        connection.execute(insert(poles), [{"name": name} for name in missing])
        return _pole_ids(connection, names)
    return found


def insert_frames(connection: Connection, survey: SurveyRound, version_id: int) -> None:
    pole_ids = _pole_ids(connection, pole_names(survey))
    for frame_name, (table, columns) in FRAME_TABLES.items():
        values = frame_columns(
            getattr(survey, frame_name), columns, round_id=version_id, pole_ids=pole_ids
        )
        bulk_insert(connection, table, values)


def bulk_insert(connection: Connection, table: Table, values: dict[str, list[Any]]) -> None:
    """Insert rows given as column lists through the driver's own `executemany`.

    The statement is compiled once by SQLAlchemy for the connection's dialect (so the SQL
    stays portable) and the rows skip SQLAlchemy's per-value processing, which would
    otherwise cost more than the database itself: the child tables hold only integers,
    floats, booleans and text, which every driver takes as they are.
    """
    names = list(values)
    if not names or not values[names[0]]:
        return
    compiled = insert(table).compile(dialect=connection.dialect, column_keys=names)
    if compiled.positional:
        order = list(compiled.positiontup or ())
        rows: list[Any] = list(zip(*(values[name] for name in order), strict=True))
    else:
        rows = [dict(zip(names, row, strict=True)) for row in zip(*values.values(), strict=True)]
    for start in range(0, len(rows), _INSERT_BATCH):
        connection.exec_driver_sql(str(compiled), rows[start : start + _INSERT_BATCH])


def insert_warnings(connection: Connection, version_id: int, warnings: Sequence[Problem]) -> None:
    rows = [
        {
            "round_id": version_id,
            "position": position,
            "code": problem.code,
            "sheet": problem.sheet,
            "row_number": problem.row,
            "column_letter": problem.column,
            "header": problem.header,
            "value": problem.value,
            "expected": problem.expected,
            "params": json.dumps(dict(problem.params), default=str, ensure_ascii=False),
        }
        for position, problem in enumerate(warnings)
    ]
    if rows:
        connection.execute(insert(round_warnings), rows)
