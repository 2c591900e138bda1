"""Dates as people type them in French and English sheets, read once per distinct value.

Accepted, whatever the case, accents or separators (`/`, `-`, `.`, spaces):
- date cells (Excel, LibreOffice) and Excel day numbers (`45060` is 2023-05-14);
- ISO `2023-05-14` (a time after it is ignored) and ISO months `2023-05`;
- day first `14/05/2023`, `14.05.23` (two-digit years are 20xx), and months `05/2023`;
- words: `14 mai 2023`, `1er mai 2023`, `14 May 2023`, `May 14, 2023`, `mai 2023`, `May 2023`,
  with full or short month names in either language (`sept.`, `févr.`, `Sept`).

A month without a day is read as the first of that month and flagged, so the reader can
say so: a window edge may then be a month off. Anything else, or a date outside
1990–2100, is unreadable (`NaT`, code `invalid_date`).
"""

from __future__ import annotations

from datetime import date, datetime

import numpy as np
import pandas as pd

from analysis.core.schema import YEAR_MAX, YEAR_MIN
from analysis.core.text import normalise_series
from analysis.ingest.cleaning.cells import split_cells

#: Problem code of a cell that holds no readable date.
INVALID_DATE = "invalid_date"
#: Day numbers Excel gives 1990-01-01 and 2100-12-31 (day 1 is 1900-01-01).
_SERIAL_MIN, _SERIAL_MAX = 32874, 73415
_EXCEL_EPOCH = pd.Timestamp("1899-12-30")

#: Normalised month names and abbreviations (French and English) -> month number.
MONTHS: dict[str, int] = {
    **dict.fromkeys(("janvier", "janv", "jan", "january"), 1),
    **dict.fromkeys(("fevrier", "fevr", "fev", "feb", "february"), 2),
    **dict.fromkeys(("mars", "mar", "march"), 3),
    **dict.fromkeys(("avril", "avr", "apr", "april"), 4),
    **dict.fromkeys(("mai", "may"), 5),
    **dict.fromkeys(("juin", "jun", "june"), 6),
    **dict.fromkeys(("juillet", "juil", "jul", "july"), 7),
    **dict.fromkeys(("aout", "aug", "august"), 8),
    **dict.fromkeys(("septembre", "sept", "sep", "september"), 9),
    **dict.fromkeys(("octobre", "oct", "october"), 10),
    **dict.fromkeys(("novembre", "nov", "november"), 11),
    **dict.fromkeys(("decembre", "dec", "december"), 12),
}

#: Patterns over normalised text (lower case, no accents, punctuation as single spaces),
#: each giving named groups among year, month (number), name (month word) and day.
_TIME = r"(?: \d{1,2} \d{2}(?: \d{2})?(?: \d+)?)?"
_PATTERNS: tuple[str, ...] = (
    rf"^(?P<year>\d{{4}}) (?P<month>\d{{1,2}}) (?P<day>\d{{1,2}}){_TIME}$",
    r"^(?P<day>\d{1,2}) (?P<month>\d{1,2}) (?P<year>\d{4}|\d{2})$",
    r"^(?P<year>\d{4}) (?P<month>\d{1,2})$",
    r"^(?P<month>\d{1,2}) (?P<year>\d{4})$",
    r"^(?P<day>\d{1,2})(?:er|st|nd|rd|th)? (?P<name>[a-z]+) (?P<year>\d{4})$",
    r"^(?P<name>[a-z]+) (?P<day>\d{1,2})(?:st|nd|rd|th)? (?P<year>\d{4})$",
    r"^(?P<name>[a-z]+) (?P<year>\d{4})$",
)


def _parts(keys: pd.Series) -> pd.DataFrame:
    """Year, month and day (`<NA>` for no day) of normalised texts, by the first pattern."""
    found = pd.DataFrame(
        {
            "year": pd.Series(pd.NA, index=keys.index, dtype="string"),
            "month": pd.Series(pd.NA, index=keys.index, dtype="string"),
            "name": pd.Series(pd.NA, index=keys.index, dtype="string"),
            "day": pd.Series(pd.NA, index=keys.index, dtype="string"),
        }
    )
    for pattern in _PATTERNS:
        todo = found["year"].isna()
        if not todo.any():
            break
        groups = keys[todo].str.extract(pattern)
        hit = groups["year"].notna()
        for column in groups.columns:
            found.loc[groups.index[hit], column] = groups.loc[hit, column]
    year = pd.to_numeric(found["year"], errors="coerce").astype("Int64")
    year = year.mask(year < 100, year + 2000)
    month = pd.to_numeric(found["month"], errors="coerce").astype("Int64")
    month = month.fillna(found["name"].map(MONTHS).astype("Int64"))
    day = pd.to_numeric(found["day"], errors="coerce").astype("Int64")
    return pd.DataFrame({"year": year, "month": month, "day": day})


def _assemble(parts: pd.DataFrame) -> pd.Series:
    """Timestamps from year, month and day (day 1 when missing); `NaT` when impossible."""
    usable = parts["year"].notna() & parts["month"].notna()
    out = pd.Series(pd.NaT, index=parts.index, dtype="datetime64[us]")
    if usable.any():
        chosen = parts.loc[usable].fillna({"day": 1}).astype("int64")
        out.loc[usable] = pd.to_datetime(chosen, errors="coerce").astype("datetime64[us]")
    return out


def _from_text(text: pd.Series) -> tuple[pd.Series, pd.Series]:
    """`(date, month_only)` of distinct texts; `NaT` where unreadable."""
    keys = normalise_series(text)
    parts = _parts(keys)
    return _assemble(parts), (parts["day"].isna() & parts["month"].notna()).astype(bool)


def _from_other(values: pd.Series) -> pd.Series:
    """Date cells and Excel day numbers as timestamps; `NaT` for anything else."""

    def one(value: object) -> pd.Timestamp | None:
        if isinstance(value, datetime | date):
            return pd.Timestamp(value).normalize()
        if isinstance(value, bool):
            return None
        if isinstance(value, int | float | np.integer | np.floating):
            number = float(value)
            if number.is_integer() and _SERIAL_MIN <= number <= _SERIAL_MAX:
                return _EXCEL_EPOCH + pd.Timedelta(days=int(number))
        return None

    uniques = values.dropna().unique()
    read = {value: one(value) for value in uniques}
    return values.map(read).astype("datetime64[us]")


def read_dates(raw: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series]:
    """`(dates, month_only, codes)` of a column of cells, indexed like `raw`.

    `dates` is `datetime64[us]` (`NaT` for blank or unreadable cells), `month_only` marks
    cells that named a month without a day (read as its first day), `codes` holds
    `invalid_date` for non-blank cells that are not a date between 1990 and 2100.
    """
    cells = split_cells(raw)
    by_position = pd.Series(pd.NaT, index=pd.RangeIndex(cells.size), dtype="datetime64[us]")
    month_only = pd.Series(False, index=pd.RangeIndex(cells.size))
    if len(cells.text):
        uniques = pd.Series(cells.text.unique(), dtype="string")
        read, months = _from_text(uniques)
        lookup = dict(zip(uniques, read, strict=True))
        month_lookup = dict(zip(uniques, months, strict=True))
        by_position.loc[cells.text.index] = cells.text.map(lookup).astype("datetime64[us]")
        month_only.loc[cells.text.index] = cells.text.map(month_lookup).astype(bool)
    if len(cells.others):
        by_position.loc[cells.others.index] = _from_other(cells.others)
    years = by_position.dt.year
    by_position = by_position.mask((years < YEAR_MIN) | (years > YEAR_MAX))
    filled = cells.filled.to_numpy()
    invalid = filled & by_position.isna().to_numpy()
    codes = pd.Series(np.where(invalid, INVALID_DATE, pd.NA), index=cells.index, dtype="string")
    dates = pd.Series(by_position.to_numpy(), index=cells.index, dtype="datetime64[us]")
    months = pd.Series(month_only.to_numpy() & ~invalid, index=cells.index, dtype=bool)
    return dates, months, codes
