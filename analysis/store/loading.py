"""Reading the store: rounds back into `SurveyRound`, and listings of what is kept."""

from __future__ import annotations

import json
from typing import Any

import pandas as pd
from sqlalchemy import Connection, func, select

from analysis.core.model import (
    EXTRAS_COLUMNS,
    PROJECTS_COLUMNS,
    RESPONSES_COLUMNS,
    YEARLY_COLUMNS,
    RoundInfo,
    SourceFile,
    SurveyRound,
    conform,
)
from analysis.ingest.report import Problem, Severity
from analysis.store.errors import RoundNotFound, VersionNotFound
from analysis.store.frames import LOAD_CHUNK_ROWS, can_type, rows_frame, typed_frame
from analysis.store.initiatives import load_initiatives
from analysis.store.records import FileVersion, RoundRecord, RoundVersion
from analysis.store.tables import FRAME_TABLES, files, poles, round_warnings, rounds, yearly


def round_row(connection: Connection, label: str) -> Any:
    """The current version row of `label`; `RoundNotFound` when there is none."""
    row = connection.execute(select(rounds).where(rounds.c.active_label == label)).first()
    if row is None:
        raise RoundNotFound(label=label)
    return row


def version_row(connection: Connection, version_id: int) -> Any:
    """Any version's row by id; `VersionNotFound` when there is none."""
    row = connection.execute(select(rounds).where(rounds.c.id == version_id)).first()
    if row is None:
        raise VersionNotFound(label="", version=version_id)
    return row


#: Frame name -> the model's columns and dtypes, which loading types each frame to.
MODEL_COLUMNS: dict[str, dict[str, str]] = {
    "responses": RESPONSES_COLUMNS,
    "yearly": YEARLY_COLUMNS,
    "projects": PROJECTS_COLUMNS,
    "extras": EXTRAS_COLUMNS,
}


def load_survey(connection: Connection, row: Any, *, projects: bool = True) -> SurveyRound:
    """The round stored under the version `row`, with every frame typed as in the model.

    With `projects=False` its per-project rows are not read (the frame is left empty):
    most pages never show them, and they are by far the largest frame of a round.
    """
    info = RoundInfo(
        label=row.label,
        period_start=row.period_start,
        period_end=row.period_end,
        poles_surveyed=row.poles_surveyed,
        collected_on=row.collected_on,
        synthetic=bool(row.synthetic),
    )
    frames = {
        name: child_frame(connection, name, row.id)
        for name in FRAME_TABLES
        if projects or name != "projects"
    }
    return SurveyRound.build(info, **frames, initiatives=load_initiatives(connection, row.id))


def load_projects(connection: Connection, row: Any) -> pd.DataFrame:
    """The per-project rows of the version `row`, typed as in the model."""
    return conform(child_frame(connection, "projects", row.id), PROJECTS_COLUMNS)


def child_frame(connection: Connection, name: str, round_id: int) -> pd.DataFrame:
    """One frame of a round version (`responses`, `yearly`, `projects`, `extras`), in order.

    Rows are read chunk by chunk straight from the driver's cursor into typed columns
    (`frames.typed_frame`), never all at once as Python objects.
    """
    table, columns = FRAME_TABLES[name]
    selected = [poles.c.name.label("pole")] + [
        table.c[db].label(col) for col, db in columns.items()
    ]
    query = (
        select(*selected)
        .select_from(table.outerjoin(poles, poles.c.id == table.c.pole_id))
        .where(table.c.round_id == round_id)
        .order_by(table.c.position)
    )
    result = connection.execute(query)
    names = list(result.keys())
    dtypes = MODEL_COLUMNS.get(name, {})
    if not can_type(names, dtypes):
        return rows_frame(result.all(), names)  # typed later by `SurveyRound.build`
    cursor = result.cursor  # the driver's own rows: the types are cast in Arrow
    try:
        return typed_frame(iter(lambda: cursor.fetchmany(LOAD_CHUNK_ROWS), []), names, dtypes)
    finally:
        result.close()


def list_rounds(connection: Connection) -> list[RoundRecord]:
    """Current rounds, oldest import first, with counts, period, years and origin."""
    query = (
        select(rounds, files.c.name, files.c.sha256, files.c.size, files.c.personal_columns)
        .select_from(rounds.outerjoin(files, files.c.id == rounds.c.file_id))
        .where(rounds.c.active_label.is_not(None))
        .order_by(rounds.c.imported_at, rounds.c.id)
    )
    rows = connection.execute(query).all()
    years = _years(connection, [row.id for row in rows])
    return [
        RoundRecord(
            label=row.label,
            version_id=row.id,
            period_start=row.period_start,
            period_end=row.period_end,
            poles_surveyed=row.poles_surveyed,
            collected_on=row.collected_on,
            synthetic=bool(row.synthetic),
            respondents=row.respondents,
            years=years.get(row.id, ()),
            yearly_rows=row.yearly_rows,
            project_rows=row.project_rows,
            extra_rows=row.extra_rows,
            uploaded_at=row.imported_at,
            uploaded_by=row.imported_by,
            file_name=row.name,
            sha256=row.sha256,
            size=row.size,
            personal_columns=tuple(json.loads(row.personal_columns or "[]")),
        )
        for row in rows
    ]


def _years(connection: Connection, round_ids: list[int]) -> dict[int, tuple[int, ...]]:
    if not round_ids:
        return {}
    query = (
        select(yearly.c.round_id, yearly.c.year)
        .where(yearly.c.round_id.in_(round_ids))
        .group_by(yearly.c.round_id, yearly.c.year)
        .order_by(yearly.c.round_id, yearly.c.year)
    )
    found: dict[int, list[int]] = {}
    for round_id, year in connection.execute(query):
        found.setdefault(round_id, []).append(int(year))
    return {key: tuple(value) for key, value in found.items()}


def count_rounds(connection: Connection) -> int:
    """How many current rounds there are."""
    query = select(func.count()).select_from(rounds).where(rounds.c.active_label.is_not(None))
    return int(connection.execute(query).scalar_one())


def versions(connection: Connection, label: str) -> list[RoundVersion]:
    """Every kept version of `label`, oldest first."""
    query = (
        select(rounds, files.c.sha256)
        .select_from(rounds.outerjoin(files, files.c.id == rounds.c.file_id))
        .where(rounds.c.label == label)
        .order_by(rounds.c.id)
    )
    return [
        RoundVersion(
            version_id=row.id,
            label=row.label,
            current=row.active_label is not None,
            imported_at=row.imported_at,
            imported_by=row.imported_by,
            superseded_at=row.superseded_at,
            file_id=row.file_id,
            sha256=row.sha256,
            respondents=row.respondents,
            project_rows=row.project_rows,
        )
        for row in connection.execute(query)
    ]


def file_versions(connection: Connection, label: str) -> list[FileVersion]:
    """Every original uploaded under `label`, oldest first, deleted rounds included."""
    current = connection.execute(
        select(rounds.c.file_id).where(rounds.c.active_label == label)
    ).scalar_one_or_none()
    query = (
        select(
            files.c.id,
            files.c.label,
            files.c.name,
            files.c.sha256,
            files.c.size,
            files.c.uploaded_at,
            files.c.uploaded_by,
        )
        .where(files.c.label == label)
        .order_by(files.c.id)
    )
    return [
        FileVersion(
            file_id=row.id,
            label=row.label,
            name=row.name,
            sha256=row.sha256,
            size=row.size,
            uploaded_at=row.uploaded_at,
            uploaded_by=row.uploaded_by,
            current=row.id == current,
        )
        for row in connection.execute(query)
    ]


def file_content(connection: Connection, file_id: int) -> SourceFile | None:
    """The kept bytes of one original, or None."""
    row = connection.execute(
        select(files.c.name, files.c.content).where(files.c.id == file_id)
    ).first()
    return SourceFile(row.name, bytes(row.content)) if row is not None else None


def warnings_of(connection: Connection, round_id: int) -> tuple[Problem, ...]:
    """The validation warnings stored with a round version, in their original order."""
    query = (
        select(round_warnings)
        .where(round_warnings.c.round_id == round_id)
        .order_by(round_warnings.c.position)
    )
    return tuple(
        Problem(
            severity=Severity.WARNING,
            code=row.code,
            sheet=row.sheet,
            row=row.row_number,
            column=row.column_letter,
            header=row.header,
            value=row.value,
            expected=row.expected,
            params=json.loads(row.params) if row.params else {},
        )
        for row in connection.execute(query)
    )
