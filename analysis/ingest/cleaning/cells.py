"""A column of raw cells split once into its text and its other values, at C speed.

Spreadsheets mix kinds in one column (numbers, text typed as numbers, booleans, dates,
blanks). Every converter, and the row sorting of ingestion, starts from the same split:
the non-blank text cells (trimmed, as Arrow strings so later string work runs in C) and the
other non-missing cells. Splitting once per column is what keeps a 100,000-row sheet fast.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

import numpy as np
import pandas as pd

from analysis.core.schema import EXCEL_ERRORS
from analysis.export.safety import GUARDED_STARTS

#: Counts beyond this cannot be real answers and would overflow Int64 arithmetic.
MAX_NUMBER = 1e15
_NO_TEXT_KINDS = frozenset(
    {
        "integer",
        "floating",
        "mixed-integer-float",
        "decimal",
        "boolean",
        "datetime",
        "date",
        "time",
        "timedelta",
        "timedelta64",
        "datetime64",
        "period",
        "interval",
        "complex",
        "empty",
    }
)
#: Kinds where pandas' `.str` accessor tells strings apart from the rest (a real mix).
_MIXED_KINDS = frozenset({"mixed", "mixed-integer"})


def as_object(raw: pd.Series) -> pd.Series:
    """`raw` as an object column with `None` for blanks (cells as a reader gives them)."""
    return raw if raw.dtype == object else raw.astype(object).where(raw.notna(), None)


def is_text(raw: pd.Series) -> pd.Series:
    """Which cells hold text (False for numbers, booleans, dates and blanks)."""
    if raw.dtype != object:
        return pd.Series(pd.api.types.is_string_dtype(raw.dtype), index=raw.index) & raw.notna()
    kind = pd.api.types.infer_dtype(raw, skipna=True)
    if kind == "string":
        return raw.notna()
    if kind in _MIXED_KINDS:
        return raw.str.len().notna()  # a real mix: let pandas tell strings apart
    # Any other kind (durations, dates, bytes...) holds no text; checked per cell rather
    # than trusted to a list, so that a kind pandas adds later cannot crash a column.
    return raw.map(lambda value: isinstance(value, str)).astype(bool)


def map_unique(values: pd.Series, func: Callable[[Any], object]) -> pd.Series:
    """`func` applied once per distinct value (answers repeat: oui, non, regions, poles)."""
    uniques = values.dropna().unique()
    return values.map(dict(zip(uniques, map(func, uniques), strict=True)))


def by_unique(values: pd.Series, func: Callable[[pd.Series], pd.Series]) -> pd.Series:
    """A vectorised `func` (Series -> Series) run on the distinct values only, spread back."""
    uniques = pd.Series(values.dropna().unique(), dtype=object)
    if len(uniques) == len(values):
        return func(values)
    return values.map(dict(zip(uniques, func(uniques), strict=True)))


@dataclass(frozen=True)
class Cells:
    """One column split by what its cells hold.

    `text` and `others` are indexed by *position* in the column (0, 1, ...), so results
    are put back together with NumPy indexing rather than index lookups.
    """

    index: pd.Index  # the column's own index (spreadsheet row numbers)
    text: pd.Series  # non-blank text cells, trimmed, formula guard removed (`string`)
    others: pd.Series  # numbers, booleans, dates (object)

    @property
    def size(self) -> int:
        """Number of cells in the column."""
        return len(self.index)

    @property
    def filled(self) -> pd.Series:
        """Cells holding something: not blank and not white space only."""
        mask = np.zeros(self.size, dtype=bool)
        mask[self.text.index.to_numpy()] = True
        mask[self.others.index.to_numpy()] = True
        return pd.Series(mask, index=self.index)

    def full(self, part: pd.Series, dtype: str) -> pd.Series:
        """`part` (indexed by position) spread over the column, `<NA>` elsewhere."""
        if not len(part):
            return pd.Series(pd.NA, index=self.index, dtype=dtype)
        if len(part) == self.size and _in_order(part.index):
            # Every cell, in order (a column of names or labels): no object round trip.
            return part.astype(dtype).set_axis(self.index)
        values = np.full(self.size, None, dtype=object)
        values[part.index.to_numpy()] = part.to_numpy(dtype=object, na_value=None)
        return pd.Series(values, index=self.index).astype(dtype)

    def errors(self) -> Any:
        """Bool array over `text`: cells holding an Excel error such as `#DIV/0!`."""
        hashed = self.text[self.text.str.startswith("#").fillna(False).to_numpy(dtype=bool)]
        flagged = hashed.index[hashed.str.upper().isin(EXCEL_ERRORS).to_numpy(dtype=bool)]
        return self.text.index.isin(flagged)


def _in_order(positions: pd.Index) -> bool:
    """Whether `positions` are exactly 0, 1, 2, ... (a part covering its whole column)."""
    if isinstance(positions, pd.RangeIndex):
        return positions.start == 0 and positions.step == 1
    values = positions.to_numpy()
    return bool(values[0] == 0 and (np.diff(values) == 1).all())


def code_series(codes: Any, index: pd.Index) -> pd.Series:
    """Problem codes (an object array, `None` where fine) as a `string` column.

    Most columns have no problem at all: an all-missing column is then made directly,
    which is several times faster than converting a column of `None`.
    """
    if pd.isna(codes).all():
        return pd.Series(pd.NA, index=index, dtype="string")
    return pd.Series(codes, index=index, dtype="string")


def split_cells(raw: pd.Series | Cells) -> Cells:
    """Split a raw column (or return an already split one)."""
    if isinstance(raw, Cells):
        return raw
    raw = as_object(raw)
    texts = is_text(raw).to_numpy(dtype=bool)
    by_position = raw.set_axis(pd.RangeIndex(len(raw)))
    others = by_position[~texts & raw.notna().to_numpy(dtype=bool)]
    if not texts.any():  # a column of numbers (or blanks): no string work to do
        return Cells(raw.index, by_position.iloc[:0].astype("string"), others)
    text = by_position[texts].astype("string").str.strip()
    guarded = text.str.startswith(GUARDED_STARTS).fillna(False).to_numpy(dtype=bool)
    if guarded.any():
        text = text.mask(guarded, text.str.slice(1))
    return Cells(raw.index, text[(text != "").to_numpy(dtype=bool)], others)


def display_value(value: object) -> str:
    """One cell as the person typed it, for messages: `3` not `3.0`, dates in ISO form."""
    if value is None:
        return ""
    if isinstance(value, bool | str):
        return str(value)
    if isinstance(value, float):
        if value != value:  # NaN
            return ""
        return str(int(value)) if value.is_integer() and abs(value) < MAX_NUMBER else repr(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(" ")
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, timedelta):
        return duration_text(value)
    return str(value)


def duration_text(value: timedelta) -> str:
    """A duration as a `[h]:mm:ss` cell shows it (`30:05:00`, not `1 day, 6:05:00`)."""
    seconds = round(value.total_seconds())
    sign = "-" if seconds < 0 else ""
    hours, rest = divmod(abs(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{sign}{hours}:{minutes:02d}:{secs:02d}"


def render(others: pd.Series) -> pd.Series:
    """Non-text cells as text (`3` not `3.0`), at C speed for whole numbers."""
    if len(others) and pd.api.types.infer_dtype(others, skipna=True) == "integer":
        try:
            return others.astype("int64").astype(str)
        except OverflowError:  # beyond int64: rare enough to render one by one
            pass
    return map_unique(others, display_value)


def display_values(raw: pd.Series) -> pd.Series:
    """Cells as the person typed them, for messages (`3` not `3.0`); blank as `""`."""
    if raw.empty:  # checks ask for the cells of their (usually no) problems: skip the work
        return pd.Series([], index=raw.index, dtype="string")
    raw = as_object(raw)
    texts = is_text(raw).to_numpy(dtype=bool)
    rendered = render(raw[~texts & raw.notna().to_numpy(dtype=bool)])
    return pd.concat([raw[texts], rendered]).reindex(raw.index).fillna("").astype("string")
