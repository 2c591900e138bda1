"""The people an administrator named in the dashboard: e-mail and role (issue 19).

`secrets.toml`'s `editor_emails` / `admin_emails` are the operator's lists, read-only from
the dashboard (at least one administrator must come from there, to name the others). The
lists kept here are the ones an administrator manages on the Rounds page; a person's role
is the higher of the two sources. Every change is written to the audit log in the same
transaction (`person_set`, `person_removed`, the e-mail and role in the note), so who gave
whom which right is as traceable as a deleted round.
"""

from __future__ import annotations

import re

from sqlalchemy import Connection, delete, insert, select, update

from analysis.auth import Role
from analysis.store import audit
from analysis.store.audit import ActorLike, name_of
from analysis.store.errors import InvalidEmail
from analysis.store.tables import people, utcnow

#: Longest e-mail accepted (RFC 5321's path limit).
EMAIL_MAX = 254
#: One `@`, a dot in the domain, no blank: enough to catch typing slips, not a validator.
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
#: The roles an administrator can give (a viewer needs no entry).
GRANTABLE = (Role.EDITOR, Role.ADMIN)


def normalised(email: str) -> str:
    """`email` trimmed and lower-cased, or `InvalidEmail` when it cannot be an address."""
    cleaned = str(email).strip().lower()
    if len(cleaned) > EMAIL_MAX or not _EMAIL.fullmatch(cleaned):
        raise InvalidEmail(email=cleaned[:80])
    return cleaned


def listed(connection: Connection) -> dict[str, Role]:
    """E-mail -> role, sorted by e-mail."""
    rows = connection.execute(select(people.c.email, people.c.role).order_by(people.c.email))
    return {str(email): Role(role) for email, role in rows}


def set_role(connection: Connection, email: str, role: Role, *, actor: ActorLike) -> bool:
    """Give `email` the `role` (added or changed); False when it already had it."""
    if role not in GRANTABLE:
        raise ValueError(f"not a role to give: {role!r}")
    address = normalised(email)
    current = listed(connection).get(address)
    if current is role:
        return False
    values = {"role": role.value, "updated_at": utcnow(), "updated_by": name_of(actor)}
    if current is None:
        connection.execute(insert(people).values(email=address, **values))
    else:
        connection.execute(update(people).where(people.c.email == address).values(**values))
    audit.record(connection, "person_set", actor=actor, note=f"{address}: {role.value}")
    return True


def remove(connection: Connection, email: str, *, actor: ActorLike) -> bool:
    """Take `email` off the lists; False when it was not on them."""
    address = normalised(email)
    current = listed(connection).get(address)
    if current is None:
        return False
    connection.execute(delete(people).where(people.c.email == address))
    audit.record(connection, "person_removed", actor=actor, note=f"{address}: {current.value}")
    return True
