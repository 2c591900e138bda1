"""The award in the store: a round's initiatives, and the winners recorded per edition.

Initiatives belong to a round version, like its other frames: written in the import's
transaction, read back with the round, deleted with it. They go through SQLAlchemy's own
`insert` (a round holds a handful), so the `Date` columns are converted the portable way.

Winners belong to an edition (a year), not to a round: one per edition and category,
recorded by an editor; recording one where there is already one replaces it. Every change
is written to the audit log (`award_winner`, `award_removed`), so the store's revision moves
and cached pages see it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pandas as pd
from sqlalchemy import Connection, delete, insert, select

from analysis.awards.categories import CATEGORY_KEYS
from analysis.core.model import SurveyRound
from analysis.store import audit
from analysis.store.frames import rows_frame
from analysis.store.tables import award_winners, initiatives, poles, utcnow

#: Frame column -> table column of the initiatives (`pole` goes through `poles`).
_COLUMNS: dict[str, str] = {
    "title": "title",
    "category": "category",
    "start_date": "start_date",
    "description": "description",
    "partner_countries": "partner_countries",
    "contact": "contact",
    "submitted_on": "submitted_on",
    "source_row": "source_row",
}
_DATES = ("start_date", "submitted_on")


@dataclass(frozen=True)
class Winner:
    """One winner of the award: an edition, a category, a pole and its initiative."""

    edition_year: int
    category: str
    pole: str
    initiative_title: str | None
    recorded_at: datetime
    recorded_by: str | None


def _plain(value: Any) -> Any:
    """A cell as the driver wants it: `None` for missing, `date` for timestamps."""
    if value is None or value is pd.NaT or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    return value.item() if hasattr(value, "item") else value


def insert_initiatives(connection: Connection, survey: SurveyRound, version_id: int) -> None:
    """Write the round's initiatives under its version (their poles are already stored)."""
    frame = survey.initiatives
    if frame.empty:
        return
    names = sorted(frame["pole"].dropna().unique().tolist())
    ids = dict(
        connection.execute(select(poles.c.name, poles.c.id).where(poles.c.name.in_(names))).all()
    )
    records = frame.astype(object).to_dict("records")
    rows = [
        {
            "round_id": version_id,
            "position": position,
            "pole_id": ids.get(record["pole"]) if _plain(record["pole"]) else None,
            **{column: _plain(record[key]) for key, column in _COLUMNS.items()},
        }
        for position, record in enumerate(records)
    ]
    connection.execute(insert(initiatives), rows)


def load_initiatives(connection: Connection, round_id: int) -> pd.DataFrame:
    """The initiatives of a round version, in their order (typed later by `build`)."""
    selected = [poles.c.name.label("pole")] + [
        initiatives.c[column].label(key) for key, column in _COLUMNS.items()
    ]
    query = (
        select(*selected)
        .select_from(initiatives.outerjoin(poles, poles.c.id == initiatives.c.pole_id))
        .where(initiatives.c.round_id == round_id)
        .order_by(initiatives.c.position)
    )
    result = connection.execute(query)
    frame = rows_frame(result.all(), list(result.keys()))
    return frame.assign(**{key: pd.to_datetime(frame[key]) for key in _DATES})


def record_winner(
    connection: Connection,
    edition_year: int,
    category: str,
    pole: str,
    initiative_title: str | None = None,
    *,
    actor: str | None = None,
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
        recorded_by=actor,
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
    connection: Connection, edition_year: int, category: str, *, actor: str | None = None
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
