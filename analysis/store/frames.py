"""Round frames to table rows and back, vectorised (no per-cell Python loops).

Writing turns a frame into a list of dicts for one Core `insert()` executed as an
`executemany` (no ORM objects: a round may hold ~160,000 project rows). Missing values
(`<NA>`, NaN) become SQL NULL; reading turns NULL back into `<NA>` through
`SurveyRound.build`, which restores every column's dtype.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
from sqlalchemy import Row

from analysis.model import SurveyRound

#: Frames of a round that hold a `pole` column, in writing order.
POLE_FRAMES: tuple[str, ...] = ("responses", "yearly", "projects", "extras")


def pole_names(survey: SurveyRound) -> list[str]:
    """Every distinct, non-missing pole name used anywhere in the round, sorted."""
    names = pd.concat(
        [getattr(survey, name)["pole"] for name in POLE_FRAMES], ignore_index=True
    ).dropna()
    return sorted(names.unique().tolist())


def frame_rows(
    frame: pd.DataFrame,
    columns: Mapping[str, str],
    *,
    round_id: int,
    pole_ids: Mapping[str, int] | None = None,
) -> list[dict[str, Any]]:
    """Rows for a child table: `round_id`, `position`, `pole_id` and the mapped columns.

    `columns` maps frame column -> table column. Values become plain Python objects
    (`int`, `float`, `bool`, `str`) or None, which every DB-API driver accepts.
    """
    table = pd.DataFrame({db: frame[col] for col, db in columns.items()}, index=frame.index)
    if pole_ids is not None:
        table = table.assign(pole_id=frame["pole"].map(dict(pole_ids)).astype("Int64"))
    plain = table.astype(object)
    plain = plain.where(plain.notna(), None)
    plain = plain.assign(round_id=round_id, position=range(len(plain)))
    return plain.to_dict("records")


def rows_frame(rows: Sequence[Row[Any]], names: Sequence[str]) -> pd.DataFrame:
    """A frame from result rows with the given column names (typed later by `build`)."""
    return pd.DataFrame.from_records([tuple(row) for row in rows], columns=list(names))
