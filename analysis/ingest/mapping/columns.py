"""Which column answers which question: header text to survey fields.

People number their questions (`Q3 - `), add notes in brackets (`(nombre)`), drop accents
and reorder columns; matching normalised headers against the aliases of `analysis.core.schema`,
then a few keyword rules, maps a real export without anyone renaming a column. What cannot
be recognised is kept as an extra column, and the upload page can correct any guess through
`overrides`.

How one header is read (question numbers, notes, per-year columns, keyword rules) is
`analysis.ingest.mapping.headers`; this module maps a whole header row, finds that row in a sheet
and picks the responses sheet of a workbook.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from analysis.core.schema import (
    FIELDS_BY_KEY,
    INITIATIVES_SHEET_NAMES,
    PROJECTS_SHEET_NAMES,
    ROUND_SHEET_NAMES,
)
from analysis.core.text import column_letter, normalise
from analysis.ingest.mapping.headers import Guess, guess, header_text
from analysis.ingest.reading.workbook import RawSheet

__all__ = [
    "DROPPED_ROLES",
    "DROP_TARGETS",
    "EXTRA",
    "IGNORE",
    "ColumnMapping",
    "ColumnMatch",
    "choose_sheet",
    "chosen_targets",
    "find_header_row",
    "letter_position",
    "locate_header",
    "map_columns",
    "parse_target",
]

#: The manual-mapping target that keeps a column as an extra one.
EXTRA = "extra"
#: The manual-mapping target that leaves a column out of the round altogether.
IGNORE = "ignore"
#: Roles of columns that are never stored, not even as extra columns.
DROPPED_ROLES: frozenset[str] = frozenset({"personal", "metadata", "ignored"})
#: Manual-mapping targets that leave a column out, and the role each gives it (the upload
#: page's mapping step can say a column is personal data or the tool's bookkeeping).
DROP_TARGETS: dict[str, str] = {IGNORE: "ignored", "personal": "personal", "metadata": "metadata"}


def parse_target(target: str) -> tuple[str | None, int | None]:
    """`"projects_submitted@2021"` -> `("projects_submitted", 2021)`; `"extra"` and
    `"ignore"` -> `(None, None)`.

    Raises `ValueError` for a target that names no field (a programming error of the caller).
    """
    if target == EXTRA or target in DROP_TARGETS:
        return None, None
    key, _, year = target.partition("@")
    field = FIELDS_BY_KEY.get(key)
    if field is None or field.per_year != bool(year):
        raise ValueError(f"not a column target: {target!r}")
    return key, (int(year) if year else None)


@dataclass(frozen=True)
class ColumnMatch:
    """One column of the responses sheet and what it answers.

    `field=None` means an extra column (kept, listed in the report). `duplicate_of` is the
    position of an earlier column already answering the same field and year: such a
    column is an error, and its values are kept as an extra.
    """

    position: int
    letter: str
    header: str
    field: str | None
    year: int | None = None
    duplicate_of: int | None = None
    #: `identify`'s role; personal, metadata and ignored columns are never kept, not even
    #: as extras ("" for a match made from the header alone).
    role: str = ""

    @property
    def dropped(self) -> bool:
        """Whether the column is left out of the round (personal, metadata or ignored)."""
        return self.role in DROPPED_ROLES

    @property
    def target(self) -> str:
        """The manual-mapping spelling: `"members"`, `"projects_funded@2020"`, `"extra"`."""
        if self.field is None:
            return EXTRA
        return f"{self.field}@{self.year}" if self.year is not None else self.field


@dataclass(frozen=True)
class ColumnMapping:
    """Every column of the responses sheet, with the row its headers stand on."""

    sheet: str
    header_row: int
    columns: tuple[ColumnMatch, ...]

    @property
    def by_field(self) -> dict[str, ColumnMatch]:
        """One-value-per-pole fields -> their column."""
        return {c.field: c for c in self.columns if c.field is not None and c.year is None}

    @property
    def yearly(self) -> dict[tuple[str, int], ColumnMatch]:
        """`(field, year)` -> column, for the per-year project counts."""
        return {
            (c.field, c.year): c for c in self.columns if c.field is not None and c.year is not None
        }

    @property
    def extras(self) -> tuple[ColumnMatch, ...]:
        """Columns that answer no field (including duplicates) and are kept, in sheet order."""
        return tuple(c for c in self.columns if c.field is None and not c.dropped)

    @property
    def dropped(self) -> tuple[ColumnMatch, ...]:
        """Columns left out of the round: personal data, the tool's bookkeeping, ignored."""
        return tuple(c for c in self.columns if c.dropped)

    @property
    def duplicates(self) -> tuple[ColumnMatch, ...]:
        """Columns that repeat a field already answered by an earlier column."""
        return tuple(c for c in self.columns if c.duplicate_of is not None)

    @property
    def years(self) -> list[int]:
        """Years with at least one per-year column, ascending."""
        return sorted({c.year for c in self.columns if c.year is not None})

    @property
    def has_pole(self) -> bool:
        """Whether a column names the pole (nothing can be built without one)."""
        return "pole" in self.by_field

    @property
    def recognised(self) -> int:
        """How many fields and years are answered: the strength of a header row."""
        return sum(1 for c in self.columns if c.field is not None)

    def column(self, position: int) -> ColumnMatch | None:
        """The match at 0-based `position`, if any."""
        return next((c for c in self.columns if c.position == position), None)


_LETTERS = re.compile(r"[A-Z]{1,3}")


def letter_position(letter: str) -> int:
    """`A` -> 0, `Z` -> 25, `AA` -> 26: the inverse of `column_letter`."""
    number = 0
    for char in letter:
        number = number * 26 + ord(char) - ord("A") + 1
    return number - 1


def chosen_targets(texts: list[tuple[int, str]], overrides: Mapping[str, str]) -> dict[int, str]:
    """Column position -> target, for the overrides naming a header (exact text) or a letter.

    A header text wins over a letter of the same spelling (a column headed `B`); a target
    that names no field is a programming error of the caller (`ValueError`).
    """
    positions = {int(pos) for pos, _text in texts}
    chosen: dict[int, str] = {}
    for key, target in overrides.items():
        parse_target(target)
        name = key.strip()
        named = [pos for pos, text in texts if text == name]
        if not named and _LETTERS.fullmatch(name) and letter_position(name) in positions:
            named = [letter_position(name)]
        for pos in named:
            chosen[pos] = target
    return chosen


def map_columns(
    headers: Sequence[object] | pd.Series,
    overrides: Mapping[str, str] | None = None,
    *,
    sheet: str = "",
    header_row: int = 1,
) -> ColumnMapping:
    """Recognise each header; `overrides` (original header text -> target) win over guesses.

    `headers` is the header row: a Series indexed by 0-based column position (as a
    `RawSheet` row is) or a plain sequence. A field is never given to two columns: when
    two exact matches (alias, per-year rule, override) collide, the later column is marked
    `duplicate_of` the earlier one; a keyword-rule guess that collides is simply an extra.
    """
    items = list(headers.items()) if isinstance(headers, pd.Series) else list(enumerate(headers))
    texts = [(int(pos), header_text(value)) for pos, value in items]
    chosen = chosen_targets(texts, overrides or {})
    dropped = {pos: DROP_TARGETS[t] for pos, t in chosen.items() if t in DROP_TARGETS}

    guesses: dict[int, Guess] = {}
    for pos, choice in chosen.items():
        field, year = parse_target(choice)
        guesses[pos] = Guess(field, year, exact=True)
    overridden = {(g.field, g.year) for g in guesses.values() if g.field is not None}
    for pos, text in texts:
        if pos not in guesses:
            found = guess(text)
            if (found.field, found.year) in overridden:
                found = Guess(None, None, exact=False)
            guesses[pos] = found

    owner: dict[tuple[str, int | None], int] = {}
    # Exact matches claim their field first, in sheet order; keyword guesses take what is left.
    for pos, _text in texts:
        g = guesses[pos]
        if g.exact and g.field is not None:
            owner.setdefault((g.field, g.year), pos)
    matches = []
    for pos, text in texts:
        g = guesses[pos]
        duplicate_of = None
        if g.field is not None:
            target = (g.field, g.year)
            if g.exact and owner[target] != pos:
                duplicate_of = owner[target]
                g = Guess(None, None, exact=False)
            elif not g.exact:
                if target in owner:
                    g = Guess(None, None, exact=False)
                else:
                    owner[target] = pos
        role = dropped.get(pos, "")
        matches.append(
            ColumnMatch(pos, column_letter(pos), text, g.field, g.year, duplicate_of, role)
        )
    return ColumnMapping(sheet=sheet, header_row=header_row, columns=tuple(matches))


#: How many non-blank rows from the top may stand before the header row.
HEADER_SEARCH_ROWS = 20
#: Rows scanned from the top to find those first non-blank rows.
_HEADER_SCAN_LIMIT = 500


_YEAR_CELL = re.compile(r"(19|20)[0-9]{2}|2100")


def _header_strength(mapping: ColumnMapping) -> tuple[bool, int]:
    return (mapping.has_pole and mapping.recognised >= 2, mapping.recognised)


def _with_year_row(top: pd.DataFrame, row: int) -> pd.Series | None:
    """Headers on two rows: a group title (often merged) above one cell per year.

    `Projets déposés` over C:F with 2019 … 2022 below reads as `Projets déposés 2019` …;
    other columns keep the upper header, or the lower one when the upper cell is blank.
    `None` unless the row below holds at least two year cells.
    """
    if row + 1 not in top.index:
        return None
    upper = top.loc[row].map(header_text)
    lower = top.loc[row + 1].map(header_text)
    years = lower.str.fullmatch(_YEAR_CELL.pattern).fillna(False).astype(bool)
    if years.sum() < 2:
        return None
    group = upper.replace("", pd.NA).ffill().fillna("")
    combined = upper.where(upper != "", lower)
    return combined.mask(years, (group + " " + lower).str.strip())


def locate_header(
    sheet: RawSheet, overrides: Mapping[str, str] | None = None
) -> ColumnMapping | None:
    """The best header row of `sheet` and its mapping, valid or not.

    Among the first `HEADER_SEARCH_ROWS` non-blank rows, the one where the pole and at
    least one other field are recognised, preferring the row recognising the most; a
    header on two rows (group titles over year cells) counts as one, and `header_row` is
    then its lower row, the last one above the answers. When
    no row qualifies, the most recognising row, else the first row with two or more
    cells, so that the report can list the headers that were found. `None` when empty.
    """
    name = sheet.name
    top = sheet.cells.iloc[:_HEADER_SCAN_LIMIT]
    filled = top.notna().sum(axis=1)
    rows = filled.index[filled > 0][:HEADER_SEARCH_ROWS]
    if len(rows) == 0:
        return None
    mappings = []
    for row in rows:
        mapping = map_columns(top.loc[row], overrides, sheet=name, header_row=int(row))
        two_rows = _with_year_row(top, int(row))
        if two_rows is not None:
            joined = map_columns(two_rows, overrides, sheet=name, header_row=int(row) + 1)
            if joined.recognised > mapping.recognised:
                mapping = joined
        mappings.append(mapping)
    best = max(mappings, key=_header_strength)  # max keeps the first of equals
    if best.recognised == 0:
        wide = [m for m, row in zip(mappings, rows, strict=True) if filled[row] >= 2]
        best = wide[0] if wide else mappings[0]
    return best


def find_header_row(sheet: RawSheet, overrides: Mapping[str, str] | None = None) -> int | None:
    """The spreadsheet row number of the header row, or `None` when no row names the pole."""
    mapping = locate_header(sheet, overrides)
    if mapping is None or not _header_strength(mapping)[0]:
        return None
    return mapping.header_row


def _is_side_sheet(name: str) -> bool:
    key = normalise(name)
    return key in PROJECTS_SHEET_NAMES or key in ROUND_SHEET_NAMES or key in INITIATIVES_SHEET_NAMES


def choose_sheet(
    sheets: Sequence[RawSheet], overrides: Mapping[str, str] | None = None
) -> tuple[RawSheet, ColumnMapping] | None:
    """The responses sheet of a workbook and its mapping.

    Sheets named like the projects, round or initiatives sheets are skipped (unless nothing
    else is there); among the others, a sheet whose header row names the pole wins, then the one
    recognising the most fields, then a visible one, then the first.
    """
    candidates = [s for s in sheets if not _is_side_sheet(s.name)]
    ranked = []
    for index, sheet in enumerate(candidates or list(sheets)):
        mapping = locate_header(sheet, overrides)
        if mapping is not None:
            valid, count = _header_strength(mapping)
            visible = not sheet.hidden
            ranked.append(((valid, count, visible, -index), sheet, mapping))
    if not ranked:
        return None
    _key, sheet, mapping = max(ranked, key=lambda item: item[0])
    return sheet, mapping
