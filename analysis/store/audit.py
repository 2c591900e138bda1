"""The audit log: one row per change to the store, never updated or deleted.

Actions: `seed`, `import`, `replace`, `restore`, `delete`, for the award's winners
`award_winner` and `award_removed` (edition, category and pole in the note), and
`exclude_row`: one entry per answer row an editor left out of a stored round, written with
the import, its note the JSON `{"row": 7, "pole": "...", "reason": "..."}` (`exclusion_note`,
read back by `read_exclusion`) so the reason is kept with the version it shaped. Each row says
when (UTC), by whom when known, which label, which file (id, name, SHA-256, size), which
round version was written and which one it superseded, and the row counts, so that any past
state can be explained and, with the kept originals and superseded versions, recovered.
"""

from __future__ import annotations

import json
from typing import Any, Protocol

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
    "exclude_row",
)


class ExclusionLike(Protocol):
    """An answer row left out by hand (`analysis.ingest.exclusions.ExcludedRow`)."""

    @property
    def row(self) -> int: ...
    @property
    def pole(self) -> str: ...
    @property
    def reason(self) -> str: ...


def exclusion_note(excluded: ExclusionLike) -> str:
    """The `exclude_row` note: row, pole as written and reason, as JSON (language-free)."""
    values = {"row": int(excluded.row), "pole": str(excluded.pole), "reason": str(excluded.reason)}
    return json.dumps(values, ensure_ascii=False)


def read_exclusion(note: str | None) -> tuple[int, str, str] | None:
    """`(row, pole, reason)` from an `exclude_row` note; `None` for any other note."""
    try:
        values = json.loads(note or "")
        return int(values["row"]), str(values["pole"]), str(values["reason"])
    except (ValueError, TypeError, KeyError):
        return None


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
