"""Round frames to table rows and back, vectorised (no per-cell Python loops).

Writing turns a frame into plain column lists handed to the driver's `executemany`
(no ORM objects: a round may hold ~160,000 project rows). Missing values
(`<NA>`, NaN) become SQL NULL; reading turns NULL back into `<NA>`.

Reading a large frame goes through Arrow chunk by chunk (`typed_frame`): the driver's
Python objects for one chunk of rows are all that exist at once, and each column is typed
as the model wants it as soon as it arrives, so loading 160,000 rows costs little more than
the typed frame itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pandas as pd
import pyarrow as pa
from sqlalchemy import Row

from analysis.core.model import SurveyRound

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


#: Rows turned into Arrow columns at a time while loading a frame.
LOAD_CHUNK_ROWS = 10_000
#: Model dtype -> the Arrow type its values are read into (and pandas' dtype back from it).
_ARROW_TYPES: dict[str, pa.DataType] = {
    "string": pa.large_string(),
    "Int64": pa.int64(),
    "int64": pa.int64(),
    "Float64": pa.float64(),
    "boolean": pa.bool_(),
}
_PANDAS_TYPES: dict[pa.DataType, Any] = {
    pa.large_string(): pd.StringDtype("pyarrow"),
    pa.int64(): pd.Int64Dtype(),
    pa.float64(): pd.Float64Dtype(),
    pa.bool_(): pd.BooleanDtype(),
}


def can_type(names: Sequence[str], dtypes: Mapping[str, str]) -> bool:
    """Whether `typed_frame` can read every column of `names` (otherwise use `rows_frame`)."""
    return all(dtypes.get(name) in _ARROW_TYPES for name in names)


def typed_frame(
    chunks: Iterable[Sequence[Sequence[Any]]], names: Sequence[str], dtypes: Mapping[str, str]
) -> pd.DataFrame:
    """A frame of `dtypes` from result rows given chunk by chunk (see the module docstring).

    Each chunk's columns become Arrow arrays (values are inferred, then cast safely: a
    fraction in a count column is an error, as with `astype`, and SQLite's 0/1 become
    booleans); text stays in Arrow, which is what the `string` dtype holds anyway, and
    numbers are copied once into pandas' nullable arrays.
    """
    types = [_ARROW_TYPES[dtypes[name]] for name in names]
    batches = []
    for rows in chunks:
        if not rows:
            continue
        columns = zip(*rows, strict=True)
        arrays = [_arrow(values, kind) for values, kind in zip(columns, types, strict=True)]
        batches.append(pa.RecordBatch.from_arrays(arrays, names=list(names)))
    schema = pa.schema(list(zip(names, types, strict=True)))
    table = pa.Table.from_batches(batches, schema=schema)
    del batches
    frame = table.to_pandas(types_mapper=_PANDAS_TYPES.get, split_blocks=True, self_destruct=True)
    numpy_typed = {name: dtypes[name] for name in names if dtypes[name] == "int64"}
    return frame.astype(numpy_typed) if numpy_typed else frame


def _arrow(values: Sequence[Any], kind: pa.DataType) -> pa.Array:
    """One chunk of a column as Arrow: text directly, numbers inferred then cast safely."""
    if kind == pa.large_string():
        return pa.array(values, type=kind)
    return pa.array(values).cast(kind)
