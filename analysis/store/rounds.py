"""Writing rounds: import (new or replacing), restore an earlier version, delete.

Every function runs inside the caller's write transaction (see `SurveyStore.writing`),
so a round is stored completely or not at all. Nothing here commits.

History: replacing a round keeps the previous version's rows, marked superseded, and
every uploaded original is kept in `files`; deleting a round removes its rows (every
version) but keeps its originals and the audit trail, so nothing is ever lost.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update

from analysis.core.model import SourceFile, SurveyRound
from analysis.ingest.report import Problem
from analysis.store import audit
from analysis.store.audit import ActorLike, name_of
from analysis.store.bulk import insert_frames, insert_warnings
from analysis.store.errors import (
    InvalidLabel,
    RoundExists,
    RoundNotFound,
    SameFileStored,
    VersionNotFound,
)
from analysis.store.initiatives import insert_initiatives
from analysis.store.records import ImportOutcome, StoreWarning
from analysis.store.tables import ROUND_CHILDREN, files, rounds, utcnow


def clean_label(label: str) -> str:
    """The label trimmed; an empty one is refused."""
    text = (label or "").strip()
    if not text:
        raise InvalidLabel()
    return text


def current_round(connection: Connection, label: str) -> Any:
    """The current version row of `label`, or None."""
    return connection.execute(select(rounds).where(rounds.c.active_label == label)).first()


def import_round(
    connection: Connection,
    survey: SurveyRound,
    source: SourceFile | None,
    *,
    warnings: Sequence[Problem] = (),
    replace: bool = False,
    actor: ActorLike = None,
    action: str = "import",
    allow_same_file: bool = False,
    personal: Sequence[str] = (),
    exclusions: Sequence[audit.ExclusionLike] = (),
) -> ImportOutcome:
    """Store `survey` under its label as the current version, with its original file.

    `personal` names the original's columns of personal data (`"D (Email)"`): they were left
    out of the round, but the original kept byte for byte still holds them, and says so.
    `exclusions` are the answer rows an editor left out of `survey`: each is recorded in
    the audit log (`exclude_row`, after the import's own entry) with the new version.

    The original of another current round is refused (`SameFileStored`) unless
    `allow_same_file`: the same answers under two labels would be counted twice.
    Re-storing a round's own file under its own label (a replacement) is not refused.
    """
    label = clean_label(survey.info.label)
    previous = current_round(connection, label)
    if previous is not None and not replace:
        raise RoundExists(label=label)
    if source is not None and not allow_same_file:
        holders = [other for other in rounds_holding(connection, source.sha256) if other != label]
        if holders:
            raise SameFileStored(label=holders[0], sha256=source.sha256[:12])
    notes = _same_file_warnings(connection, label, source, previous)
    file_id = _insert_file(connection, label, source, actor, personal)
    now = utcnow()
    if previous is not None:
        connection.execute(
            update(rounds)
            .where(rounds.c.id == previous.id)
            .values(active_label=None, superseded_at=now)
        )
    counts = {
        "respondents": len(survey.responses),
        "yearly_rows": len(survey.yearly),
        "project_rows": len(survey.projects),
        "extra_rows": len(survey.extras),
    }
    info = survey.info
    version_id = _insert_id(
        connection,
        insert(rounds).values(
            label=label,
            active_label=label,
            period_start=info.period_start,
            period_end=info.period_end,
            poles_surveyed=info.poles_surveyed,
            collected_on=info.collected_on,
            synthetic=bool(info.synthetic),
            file_id=file_id,
            imported_at=now,
            imported_by=name_of(actor),
            **counts,
        ),
    )
    if previous is not None:
        connection.execute(
            update(rounds).where(rounds.c.id == previous.id).values(superseded_by=version_id)
        )
    insert_frames(connection, survey, version_id)
    insert_initiatives(connection, survey, version_id)
    insert_warnings(connection, version_id, warnings)
    audit.record(
        connection,
        "replace" if previous is not None else action,
        label=label,
        actor=actor,
        file_id=file_id,
        file_name=source.name if source else None,
        sha256=source.sha256 if source else None,
        size=source.size if source else None,
        version_id=version_id,
        replaced_version_id=previous.id if previous is not None else None,
        **counts,
    )
    for excluded in exclusions:
        audit.record(
            connection,
            "exclude_row",
            label=label,
            actor=actor,
            file_id=file_id,
            file_name=source.name if source else None,
            sha256=source.sha256 if source else None,
            version_id=version_id,
            note=audit.exclusion_note(excluded),
        )
    return ImportOutcome(
        label=label,
        version_id=version_id,
        file_id=file_id,
        replaced_version_id=previous.id if previous is not None else None,
        years=tuple(survey.years),
        warnings=tuple(notes),
        **counts,
    )


def restore_version(
    connection: Connection, label: str, version_id: int, *, actor: ActorLike = None
) -> int | None:
    """Make a kept version of `label` current again; return the version it supersedes."""
    label = clean_label(label)
    version = connection.execute(
        select(rounds).where(rounds.c.id == version_id, rounds.c.label == label)
    ).first()
    if version is None:
        raise VersionNotFound(label=label, version=version_id)
    previous = current_round(connection, label)
    if previous is not None and previous.id == version_id:
        return None
    now = utcnow()
    if previous is not None:
        connection.execute(
            update(rounds)
            .where(rounds.c.id == previous.id)
            .values(active_label=None, superseded_at=now, superseded_by=version_id)
        )
    connection.execute(
        update(rounds)
        .where(rounds.c.id == version_id)
        .values(active_label=label, superseded_at=None, superseded_by=None)
    )
    file_row = _file_row(connection, version.file_id)
    audit.record(
        connection,
        "restore",
        label=label,
        actor=actor,
        file_id=version.file_id,
        file_name=file_row.name if file_row else None,
        sha256=file_row.sha256 if file_row else None,
        size=file_row.size if file_row else None,
        version_id=version_id,
        replaced_version_id=previous.id if previous is not None else None,
        respondents=version.respondents,
        yearly_rows=version.yearly_rows,
        project_rows=version.project_rows,
        extra_rows=version.extra_rows,
    )
    return previous.id if previous is not None else None


def delete_round(connection: Connection, label: str, *, actor: ActorLike = None) -> Any:
    """Remove every version of `label` (rows only: originals and audit stay)."""
    label = clean_label(label)
    current = current_round(connection, label)
    if current is None:
        raise RoundNotFound(label=label)
    ids = [row.id for row in connection.execute(select(rounds.c.id).where(rounds.c.label == label))]
    for table in ROUND_CHILDREN:
        connection.execute(delete(table).where(table.c.round_id.in_(ids)))
    connection.execute(delete(rounds).where(rounds.c.id.in_(ids)))
    file_row = _file_row(connection, current.file_id)
    audit.record(
        connection,
        "delete",
        label=label,
        actor=actor,
        file_id=current.file_id,
        file_name=file_row.name if file_row else None,
        sha256=file_row.sha256 if file_row else None,
        size=file_row.size if file_row else None,
        version_id=current.id,
        respondents=current.respondents,
        yearly_rows=current.yearly_rows,
        project_rows=current.project_rows,
        extra_rows=current.extra_rows,
        note=f"versions removed: {len(ids)}",
    )
    return current


def _insert_id(connection: Connection, statement: Any) -> int:
    key = connection.execute(statement).inserted_primary_key
    return int(key[0])  # type: ignore[index]  # an INSERT always has its key; only DDL has none


def _file_row(connection: Connection, file_id: int | None) -> Any:
    if file_id is None:
        return None
    return connection.execute(
        select(files.c.name, files.c.sha256, files.c.size).where(files.c.id == file_id)
    ).first()


def _insert_file(
    connection: Connection,
    label: str,
    source: SourceFile | None,
    actor: ActorLike,
    personal: Sequence[str] = (),
) -> int | None:
    if source is None:
        return None
    return _insert_id(
        connection,
        insert(files).values(
            label=label,
            name=source.name,
            sha256=source.sha256,
            size=source.size,
            content=source.content,
            uploaded_at=utcnow(),
            uploaded_by=name_of(actor),
            personal_columns=json.dumps(list(personal), ensure_ascii=False) if personal else None,
        ),
    )


def rounds_holding(connection: Connection, sha256: str) -> list[str]:
    """Labels of the current rounds whose original file has this SHA-256, oldest first."""
    query = (
        select(rounds.c.active_label)
        .join(files, files.c.id == rounds.c.file_id)
        .where(files.c.sha256 == sha256, rounds.c.active_label.is_not(None))
        .order_by(rounds.c.id)
    )
    return [str(label) for (label,) in connection.execute(query)]


def _same_file_warnings(
    connection: Connection, label: str, source: SourceFile | None, previous: Any
) -> list[StoreWarning]:
    """Warn when the same bytes are already stored as another current round."""
    if source is None:
        return []
    query = (
        select(rounds.c.active_label, rounds.c.id)
        .join(files, files.c.id == rounds.c.file_id)
        .where(files.c.sha256 == source.sha256, rounds.c.active_label.is_not(None))
        .order_by(rounds.c.id)
    )
    notes = []
    for other, version_id in connection.execute(query):
        if previous is not None and version_id == previous.id:
            notes.append(StoreWarning("same_file_as_current", {"label": label}))
        else:
            notes.append(
                StoreWarning("same_file_as_round", {"other": other, "sha256": source.sha256[:12]})
            )
    return notes
