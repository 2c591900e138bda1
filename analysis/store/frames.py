"""Round frames to table rows and back, vectorised (no per-cell Python loops).

Writing turns a frame into plain column lists handed to the driver's `executemany`
(no ORM objects: a round may hold ~160,000 project rows). Missing values
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
POLE_FRAMES: tuple[str, ...] = ("responses", "yearly", "projects", "extras", "initiatives")


def pole_names(survey: SurveyRound) -> list[str]:
    """Every distinct, non-missing pole name used anywhere in the round, sorted."""
    names = pd.concat(
        [getattr(survey, name)["pole"] for name in POLE_FRAMES], ignore_index=True
    ).dropna()
    return sorted(names.unique().tolist())


def frame_columns(
    frame: pd.DataFrame,
    columns: Mapping[str, str],
    *,
    round_id: int,
    pole_ids: Mapping[str, int] | None = None,
) -> dict[str, list[Any]]:
    """Values for a child table, column by column: `round_id`, `position`, `pole_id` and
    the mapped columns (`columns` maps frame column -> table column).

    Values are plain Python objects (`int`, `float`, `bool`, `str`) or None, which every
    DB-API driver accepts without SQLAlchemy's per-value processing.
    """
    series = {db: frame[col] for col, db in columns.items()}
    if pole_ids is not None:
        series["pole_id"] = frame["pole"].map(dict(pole_ids)).astype("Int64")
    values = {name: _plain(column) for name, column in series.items()}
    values["round_id"] = [round_id] * len(frame)
    values["position"] = list(range(len(frame)))
    return values


def _plain(column: pd.Series) -> list[Any]:
    """The column as Python objects, every kind of missing value (`<NA>`, NaN) as None."""
    objects = column.astype(object)
    return objects.where(objects.notna(), None).tolist()


def rows_frame(rows: Sequence[Row[Any]], names: Sequence[str]) -> pd.DataFrame:
    """A frame from result rows with the given column names (typed later by `build`)."""
    return pd.DataFrame.from_records([tuple(row) for row in rows], columns=list(names))
