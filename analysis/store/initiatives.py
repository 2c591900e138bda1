"""A round's initiatives sheet (applications to the award) in the store.

Initiatives belong to a round version, like its other frames: written in the import's
transaction, read back with the round, deleted with it. They go through SQLAlchemy's own
`insert` (a round holds a handful), so the `Date` columns are converted the portable way.
The winners of the award, which belong to an edition rather than a round, are `awards.py`.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from sqlalchemy import Connection, insert, select

from analysis.core.model import SurveyRound
from analysis.store.frames import rows_frame
from analysis.store.tables import initiatives, poles

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
