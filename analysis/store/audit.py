"""The audit log: one row per change to the store, never updated or deleted.

Actions: `seed`, `import`, `replace`, `restore`, `delete`, and for the award's winners
`award_winner` and `award_removed` (edition, category and pole in the note). Each row says
when (UTC), by whom when known, which label, which file (id, name, SHA-256, size), which
round version was written and which one it superseded, and the row counts, so that any past
state can be explained and, with the kept originals and superseded versions, recovered.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, insert, select

from analysis.store.records import AuditEntry
from analysis.store.tables import audit, utcnow

ACTIONS: tuple[str, ...] = (
    "seed",
    "import",
    "replace",
    "restore",
    "delete",
    "award_winner",
    "award_removed",
)


def record(connection: Connection, action: str, **values: Any) -> int:
    """Append one entry inside the caller's transaction and return its id."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    result = connection.execute(insert(audit).values(action=action, at=utcnow(), **values))
    return int(result.inserted_primary_key[0])  # type: ignore[index]  # an INSERT always has its key


def entries(
    connection: Connection, *, limit: int | None = None, label: str | None = None
) -> list[AuditEntry]:
    """Entries newest first, optionally for one label only."""
    query = select(audit).order_by(audit.c.id.desc())
    if label is not None:
        query = query.where(audit.c.label == label)
    if limit is not None:
        query = query.limit(limit)
    return [AuditEntry(**row._asdict()) for row in connection.execute(query)]


def has_entries(connection: Connection) -> bool:
    """Whether anything was ever recorded (the store has been used)."""
    return connection.execute(select(audit.c.id).limit(1)).first() is not None
