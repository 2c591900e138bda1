"""`HEADER=FIELD[:YEAR]`: the one spelling of a manual column mapping typed by a person.

The command line's `--map` (repeatable) reads a column, by its exact header text or its
letter, as a data dictionary field, a yearly field's year, `ignore` (left out of the round)
or `extra` (kept as an extra column). What it becomes is the target `map_columns` and
`ingest(column_overrides=...)` take: `"members"`, `"projects_submitted@2021"`, `"ignore"`.
A bad spelling raises `MapError`, a translated sentence naming what is wrong.
"""

from __future__ import annotations

from collections.abc import Iterable

from analysis.core.errors import TranslatedError
from analysis.core.schema import FIELDS, FIELDS_BY_KEY, YEAR_MAX, YEAR_MIN
from analysis.ingest.mapping.columns import EXTRA, IGNORE

__all__ = ["MapError", "parse_map", "parse_maps"]


class MapError(TranslatedError):
    """A `--map` value that cannot be read (messages in `locales/identify.toml`)."""

    prefix = "identify"


def _fields() -> str:
    return ", ".join([*(f.key for f in FIELDS), IGNORE, EXTRA])


def parse_map(text: str) -> tuple[str, str]:
    """`"Q2_SQ001=projects_submitted:2021"` -> `("Q2_SQ001", "projects_submitted@2021")`.

    The header is everything before the last `=` (a header may hold `=`), trimmed.
    """
    header, sep, target = text.rpartition("=")
    header, target = header.strip(), target.strip()
    if not sep or not header or not target:
        raise MapError("map_shape", value=text)
    key, colon, year_text = target.partition(":")
    key = key.strip()
    if key in (IGNORE, EXTRA) and not colon:
        return header, key
    field = FIELDS_BY_KEY.get(key)
    if field is None:
        raise MapError("map_field", value=text, field=key, fields=_fields())
    if not field.per_year:
        if colon:
            raise MapError("map_year_not_yearly", value=text, field=key)
        return header, key
    year_text = year_text.strip()
    if not year_text.isdigit() or not YEAR_MIN <= int(year_text) <= YEAR_MAX:
        raise MapError("map_year", value=text, field=key, low=str(YEAR_MIN), high=str(YEAR_MAX))
    return header, f"{key}@{int(year_text)}"


def parse_maps(texts: Iterable[str] | None) -> dict[str, str]:
    """Every `--map` value, in order (a later one for the same column wins)."""
    return dict(parse_map(text) for text in texts or ())
