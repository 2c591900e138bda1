"""Manual column mappings remembered per header row (the `column_mappings` table).

The upload page lets staff map a header that was not recognised to a field by hand; the
choice is kept under the header row's signature (`analysis.ingest.mapping.memory.signature`) so
the next file with the same headers comes pre-filled. Saving replaces the signature's
whole mapping, so a choice set back to "extra" is forgotten too. Functions run inside
the caller's transaction.
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import Connection, delete, insert, select

from analysis.store.audit import ActorLike, name_of
from analysis.store.tables import column_mappings, utcnow


def saved(connection: Connection, signature: str) -> dict[str, str]:
    """Original header -> target remembered for `signature` (empty when none)."""
    rows = connection.execute(
        select(column_mappings.c.header, column_mappings.c.target)
        .where(column_mappings.c.signature == signature)
        .order_by(column_mappings.c.header)
    )
    return {str(header): str(target) for header, target in rows}


def save(
    connection: Connection, signature: str, mapping: Mapping[str, str], actor: ActorLike
) -> None:
    """Make `mapping` the remembered mapping of `signature` (an empty one forgets it)."""
    connection.execute(delete(column_mappings).where(column_mappings.c.signature == signature))
    now = utcnow()
    rows = [
        {
            "signature": signature,
            "header": header,
            "target": target,
            "updated_at": now,
            "updated_by": name_of(actor),
        }
        for header, target in mapping.items()
        if header and target
    ]
    if rows:
        connection.execute(insert(column_mappings), rows)
