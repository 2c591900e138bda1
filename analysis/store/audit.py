"""The audit log: one row per change to the store, never updated or deleted.

Actions: `seed`, `import`, `replace`, `restore`, `delete`, for the award's winners
`award_winner` and `award_removed` (edition, category and pole in the note), for roles
`person_set` and `person_removed`, and `exclude_row`: one entry per answer row an editor
left out of a stored round, written with the import, its note the JSON
`{"row": 7, "pole": "...", "reason": "..."}` (`exclusion_note`, read back by
`read_exclusion`) so the reason is kept with the version it shaped. Each row says when
(UTC), by whom when known and in which role (viewer, editor, admin: issue 19), which
label, which file (id, name, SHA-256, size), which
round version was written and which one it superseded, and the row counts, so that any past
state can be explained and, with the kept originals and superseded versions, recovered.
"""

from __future__ import annotations

import json
from typing import Any, Protocol

from sqlalchemy import Connection, insert, select

from analysis.auth import Actor
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
    "person_set",
    "person_removed",
    "exclude_row",
)


#: Who acted, as callers give it: an `Actor` (name and role), a bare name, or unknown.
ActorLike = Actor | str | None


def name_of(actor: ActorLike) -> str | None:
    """The name recorded for `actor` (the `*_by` columns and the audit's `actor`)."""
    return None if actor is None else str(actor)


def role_of(actor: ActorLike) -> str | None:
    """The role recorded for `actor`: None for a bare name (the seed, older callers)."""
    return actor.role.value if isinstance(actor, Actor) else None


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


def record(connection: Connection, action: str, *, actor: ActorLike = None, **values: Any) -> int:
    """Append one entry inside the caller's transaction and return its id."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    values |= {"actor": name_of(actor), "role": role_of(actor)}
    result = connection.execute(insert(audit).values(action=action, at=utcnow(), **values))
    return int(result.inserted_primary_key[0])  # type: ignore[index]  # an INSERT always has its key


def entries(
    connection: Connection,
    *,
    limit: int | None = None,
    label: str | None = None,
    actor: str | None = None,
    action: str | None = None,
) -> list[AuditEntry]:
    """Entries newest first, optionally for one label, one person or one action only."""
    query = select(audit).order_by(audit.c.id.desc())
    if label is not None:
        query = query.where(audit.c.label == label)
    if actor is not None:
        query = query.where(audit.c.actor == actor)
    if action is not None:
        query = query.where(audit.c.action == action)
    if limit is not None:
        query = query.limit(limit)
    return [AuditEntry(**row._asdict()) for row in connection.execute(query)]


#: Columns whose distinct values the Rounds page offers as filters.
FILTERABLE = ("actor", "label")


def distinct(connection: Connection, column: str) -> list[str]:
    """Every value the audit log holds in `column` (`actor` or `label`), sorted: the
    filters offer deleted rounds and people no longer listed too."""
    if column not in FILTERABLE:
        raise ValueError(f"not a filterable audit column: {column!r}")
    values = audit.c[column]
    query = select(values).where(values.is_not(None)).distinct()
    return sorted(str(value) for value in connection.execute(query).scalars())


def has_entries(connection: Connection) -> bool:
    """Whether anything was ever recorded (the store has been used)."""
    return connection.execute(select(audit.c.id).limit(1)).first() is not None
