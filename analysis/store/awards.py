"""The award in the store: the winners recorded per edition.

Winners belong to an edition (a year), not to a round: one per edition and category,
recorded by an editor; recording one where there is already one replaces it. Every change
is written to the audit log (`award_winner`, `award_removed`), so the store's revision moves
and cached pages see it. A round's applications (its initiatives sheet) are stored with
the round, by `initiatives.py`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import pandas as pd
from sqlalchemy import Connection, delete, insert, select

from analysis.awards.categories import CATEGORY_KEYS
from analysis.store import audit
from analysis.store.audit import ActorLike, name_of
from analysis.store.tables import award_winners, utcnow


@dataclass(frozen=True)
class Winner:
    """One winner of the award: an edition, a category, a pole and its initiative."""

    edition_year: int
    category: str
    pole: str
    initiative_title: str | None
    recorded_at: datetime
    recorded_by: str | None


def record_winner(
    connection: Connection,
    edition_year: int,
    category: str,
    pole: str,
    initiative_title: str | None = None,
    *,
    actor: ActorLike = None,
) -> Winner:
    """Record (or replace) the winner of `category` in the edition `edition_year`."""
    if category not in CATEGORY_KEYS:
        raise ValueError(f"unknown award category {category!r}")
    if not pole or not pole.strip():
        raise ValueError("a winner needs a pole")
    winner = Winner(
        edition_year=int(edition_year),
        category=category,
        pole=pole.strip(),
        initiative_title=(initiative_title or "").strip() or None,
        recorded_at=utcnow(),
        recorded_by=name_of(actor),
    )
    _delete(connection, winner.edition_year, category)
    connection.execute(insert(award_winners).values(**winner.__dict__))
    audit.record(
        connection,
        "award_winner",
        actor=actor,
        note=_note(winner.edition_year, category, winner.pole, winner.initiative_title),
    )
    return winner


def remove_winner(
    connection: Connection, edition_year: int, category: str, *, actor: ActorLike = None
) -> bool:
    """Forget the winner of `category` in `edition_year`; whether there was one."""
    removed = _delete(connection, int(edition_year), category)
    if removed is not None:
        audit.record(
            connection,
            "award_removed",
            actor=actor,
            note=_note(int(edition_year), category, removed.pole, removed.initiative_title),
        )
    return removed is not None


def winners(connection: Connection, edition_year: int | None = None) -> list[Winner]:
    """Recorded winners, newest edition first, then in the award's category order."""
    query = select(award_winners)
    if edition_year is not None:
        query = query.where(award_winners.c.edition_year == int(edition_year))
    found = [Winner(**row._asdict()) for row in connection.execute(query)]
    order = {key: position for position, key in enumerate(CATEGORY_KEYS)}
    return sorted(found, key=lambda w: (-w.edition_year, order.get(w.category, len(order))))


def _delete(connection: Connection, edition_year: int, category: str) -> Winner | None:
    condition = (award_winners.c.edition_year == edition_year) & (
        award_winners.c.category == category
    )
    row = connection.execute(select(award_winners).where(condition)).first()
    if row is None:
        return None
    connection.execute(delete(award_winners).where(condition))
    return Winner(**row._asdict())


def _note(edition_year: int, category: str, pole: str, title: str | None) -> str:
    """The audit note: `2023 impact: Pole – Title` (plain, language-free)."""
    return f"{edition_year} {category}: {pole}" + (f" – {title}" if title else "")


def winners_frame(found: list[Winner]) -> pd.DataFrame:
    """Winners as a frame (`edition_year category pole initiative_title recorded_at
    recorded_by`), empty with those columns when there is none."""
    columns = list(Winner.__dataclass_fields__)
    return pd.DataFrame([w.__dict__ for w in found], columns=columns)
