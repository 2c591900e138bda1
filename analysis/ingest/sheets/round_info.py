"""The optional round-metadata sheet: key/value rows saying what the round is.

A sheet named `round`, `enquête`, `campagne`, `métadonnées` or `metadata` holds one key per
row in its first filled column and the value in the next one, in French or English (see
`schema.ROUND_SHEET_KEYS`): label, period start and end, poles surveyed, collection date,
synthetic. Unknown keys (and a "key | value" heading row) are ignored; a value that cannot
be read is a warning and the key is left unset, so a metadata slip never blocks a round.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

import pandas as pd

from analysis.core.schema import ROUND_SHEET_KEYS, ROUND_SHEET_NAMES, YEAR_MAX, YEAR_MIN
from analysis.core.text import column_letter, normalise, normalise_series
from analysis.ingest.cleaning.cells import display_values
from analysis.ingest.cleaning.values import to_count, to_text, to_yesno
from analysis.ingest.mapping.columns import ColumnMatch
from analysis.ingest.reading.workbook import RawSheet
from analysis.ingest.report import Problem
from analysis.ingest.validation.cells import WARNING, located

_KEYS: dict[str, str] = {
    normalise(spelling): key
    for key, spellings in ROUND_SHEET_KEYS.items()
    for spelling in (key.replace("_", " "), *spellings)
}
_EXPECTED = {
    "label": "text",
    "period_start": "year",
    "period_end": "year",
    "poles_surveyed": "count",
    "collected_on": "date",
    "synthetic": "yesno",
}


def find_round_sheet(sheets: Sequence[RawSheet]) -> RawSheet | None:
    """The first sheet named like a round-metadata sheet, or `None`."""
    for sheet in sheets:
        if normalise(sheet.name) in ROUND_SHEET_NAMES:
            return sheet
    return None


def _date(raw: pd.Series) -> pd.Series:
    """Dates from date cells or typed text (`2023-03-31`, `31/03/2023`); `NaT` otherwise."""
    text = to_text(raw)[0]
    iso = pd.to_datetime(text.where(text.str.match(r"^\d{4}-")), errors="coerce", format="mixed")
    french = pd.to_datetime(text, errors="coerce", dayfirst=True, format="mixed")
    return iso.fillna(french)


def _value(key: str, raw: pd.Series) -> pd.Series:
    """Typed values of one key's cells (`<NA>`/`NaT` where they cannot be read)."""
    if key == "label":
        return to_text(raw)[0]
    if key == "synthetic":
        return to_yesno(raw)[0]
    if key == "collected_on":
        stored = raw.map(
            lambda v: v if isinstance(v, datetime | date) else None, na_action="ignore"
        )
        dates = pd.to_datetime(stored, errors="coerce")
        if not (dates.isna() & raw.notna()).any():  # date cells (as written): no text to parse
            return dates
        return dates.fillna(_date(raw))
    counts = to_count(raw)[0]
    if key in ("period_start", "period_end"):
        return counts.where((counts >= YEAR_MIN) & (counts <= YEAR_MAX))
    return counts


def _plain(key: str, value: Any) -> Any:
    if key == "collected_on":
        return value.date()
    if key == "synthetic":
        return bool(value)
    if key == "label":
        return str(value)
    return int(value)


def read_round_sheet(sheet: RawSheet) -> tuple[dict[str, Any], list[Problem]]:
    """`RoundInfo` fields found in `sheet` (only those set and readable) and warnings."""
    name, cells = sheet.name, sheet.cells
    used = [pos for pos in cells.columns if cells[pos].notna().any()]
    if len(used) < 2:
        return {}, []
    key_pos, value_pos = used[0], used[1]
    keys = normalise_series(to_text(cells[key_pos])[0]).map(_KEYS)
    found: dict[str, Any] = {}
    problems: list[Problem] = []
    for key in keys.dropna().unique():
        rows = keys.index[(keys == key).fillna(False).to_numpy()]
        raw = cells.loc[rows, value_pos]
        values = _value(key, raw)
        readable = values.notna()
        if readable.any():
            found[key] = _plain(key, values[readable].iloc[0])
        bad = rows[(raw.notna() & ~readable).to_numpy()]
        header = str(cells.loc[rows[0], key_pos]).strip()
        match = ColumnMatch(int(value_pos), column_letter(int(value_pos)), header, None)
        typed = display_values(raw.loc[bad])
        problems += [
            located(
                WARNING,
                "round_value_invalid",
                name,
                row,
                match,
                str(typed.loc[row]),
                _EXPECTED[key],
                key=header,
            )
            for row in bad
        ]
    return found, problems
