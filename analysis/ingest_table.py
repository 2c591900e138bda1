"""The responses sheet read once: rows sorted by kind, every mapped column cleaned.

`SheetTable` is what validation checks and what the frames are built from, so both see
exactly the same cells. Rows below the header row are sorted into:
- blank rows (every cell blank): skipped;
- totals rows (the pole cell, or with a blank pole cell any cell of the row, says Total,
  Totaux, Ensemble, Sum, Grand total, Total général...): skipped, and checked against the
  computed sums;
- summary rows (Moyenne, Average, Médiane, Min, Max...): skipped, not checked;
- note rows (text in the pole cell that matches no pole, and nothing else on the row,
  such as a "Source: ..." line under the table): skipped with a warning;
- rows with answers but a blank pole cell: an error, left out of the round;
- answer rows: everything else, one per responding pole.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import pandas as pd

from analysis.cleaning import is_text, to_count, to_decimal, to_text, to_yesno
from analysis.mapping import ColumnMapping, ColumnMatch
from analysis.registry import Registry
from analysis.schema import FIELDS_BY_KEY, TOTAL_WORDS, Kind
from analysis.text import normalise, normalise_series

Converter = Callable[[pd.Series], tuple[pd.Series, pd.Series]]
CONVERTERS: dict[Kind, Converter] = {
    Kind.TEXT: to_text,
    Kind.COUNT: to_count,
    Kind.DECIMAL: to_decimal,
    Kind.YESNO: to_yesno,
}
#: `expected.<key>` describing what a cell of each kind should hold.
EXPECTED: dict[Kind, str] = {
    Kind.TEXT: "text",
    Kind.COUNT: "count",
    Kind.DECIMAL: "decimal",
    Kind.YESNO: "yesno",
}

#: First words of a pole cell that make the row a totals row.
TOTAL_FIRST_WORDS: frozenset[str] = frozenset({"total", "totaux", "totals", "sum", "somme"})
#: Whole (normalised) pole cells that make the row a totals row.
TOTAL_PHRASES: frozenset[str] = frozenset(
    {
        *(normalise(w) for w in TOTAL_WORDS),
        "total general",
        "grand totals",
        "tous les poles",
        "all clusters",
        "ensemble des poles",
    }
)
#: Whole (normalised) pole cells of summary rows: skipped, never checked.
SUMMARY_PHRASES: frozenset[str] = frozenset(
    {
        "moyenne",
        "average",
        "mean",
        "mediane",
        "median",
        "min",
        "max",
        "minimum",
        "maximum",
        "ecart type",
        "standard deviation",
        "sous total",
        "subtotal",
        "sub total",
    }
)


@dataclass(frozen=True)
class CleanColumn:
    """One mapped column below the header row: raw cells, typed values, problem codes."""

    match: ColumnMatch
    kind: Kind
    raw: pd.Series
    values: pd.Series
    problems: pd.Series
    expected_key: str | None = None

    @property
    def expected(self) -> str:
        """The `expected.<key>` describing a good cell (by default, from the kind)."""
        return self.expected_key or EXPECTED[self.kind]


@dataclass(frozen=True)
class SheetTable:
    """The responses sheet, sorted and cleaned (index = spreadsheet row numbers)."""

    sheet: str
    mapping: ColumnMapping
    body: pd.DataFrame
    columns: dict[int, CleanColumn]
    extras: tuple[ColumnMatch, ...]
    answers: pd.Index
    totals: pd.Index
    blank_pole: pd.Index
    notes: pd.Index
    pole_typed: pd.Series
    pole_name: pd.Series
    pole_known: pd.Series

    def field(self, key: str) -> CleanColumn | None:
        """The cleaned column of a one-value-per-pole field, if the sheet has it."""
        match = self.mapping.by_field.get(key)
        return self.columns.get(match.position) if match else None

    def yearly(self, key: str, year: int) -> CleanColumn | None:
        """The cleaned column of a per-year field for `year`, if the sheet has it."""
        match = self.mapping.yearly.get((key, year))
        return self.columns.get(match.position) if match else None

    @property
    def numeric_columns(self) -> list[CleanColumn]:
        """Count and decimal columns, in sheet order (those a totals row can add up)."""
        return [c for c in self.columns.values() if c.kind in (Kind.COUNT, Kind.DECIMAL)]


def _filled(column: pd.Series) -> pd.Series:
    """Cells holding something: not missing and not white space only."""
    present = column.notna()
    text = column.where(is_text(column))
    blank_text = text.astype("string").str.strip().eq("").fillna(False).astype(bool)
    return present & ~blank_text


def _phrase_kind(keys: pd.Series) -> tuple[pd.Series, pd.Series]:
    """`(is_total, is_summary)` for normalised cell texts."""
    first = keys.str.split(" ", n=1).str[0]
    is_total = (keys.isin(TOTAL_PHRASES) | first.isin(TOTAL_FIRST_WORDS)).fillna(False)
    is_summary = keys.isin(SUMMARY_PHRASES).fillna(False)
    return is_total.astype(bool), is_summary.astype(bool)


def match_poles(
    typed: pd.Series, registry: Registry, overrides: Mapping[str, str] | None = None
) -> tuple[pd.Series, pd.Series]:
    """`(name, known)`: canonical registry names, or the typed name when unknown.

    `overrides` map an uploaded name (compared normalised) to a registry name, or to
    itself (or any other name) to confirm a new pole: confirmed names count as known.
    """
    canonical = registry.match(typed)
    known = canonical.notna()
    if overrides:
        chosen = {
            normalise(typed_name): registry.match_one(target) or target.strip()
            for typed_name, target in overrides.items()
            if target and target.strip()
        }
        picked = normalise_series(typed).map(chosen).astype("string")
        canonical = canonical.mask(picked.notna(), picked)
        known = known | picked.notna()
    return canonical.fillna(typed).astype("string"), known.fillna(False).astype(bool)


def build_table(
    sheet_name: str,
    cells: pd.DataFrame,
    mapping: ColumnMapping,
    registry: Registry,
    pole_overrides: Mapping[str, str] | None = None,
) -> SheetTable:
    """Sort the rows below `mapping.header_row` and clean every mapped column."""
    body = cells.loc[cells.index > mapping.header_row]
    filled = pd.DataFrame({pos: _filled(body[pos]) for pos in body.columns}, index=body.index)
    pole_pos = mapping.by_field["pole"].position
    pole_typed, _ = to_text(body[pole_pos])
    pole_keys = normalise_series(pole_typed)
    is_total, is_summary = _phrase_kind(pole_keys)

    nonblank = filled.any(axis=1)
    pole_filled = filled[pole_pos]
    others = filled.drop(columns=[pole_pos]).any(axis=1)
    blank_pole_rows = nonblank & ~pole_filled
    if blank_pole_rows.any():
        sub = body.loc[blank_pole_rows]
        flags = [_phrase_kind(normalise_series(to_text(sub[p])[0]))[0] for p in sub.columns]
        labelled_total = pd.concat(flags, axis=1).any(axis=1)
        is_total = is_total | labelled_total.reindex(body.index, fill_value=False)

    name, known = match_poles(pole_typed, registry, pole_overrides)
    skipped = is_total | is_summary
    notes = pole_filled & ~others & ~known & ~skipped
    answers = nonblank & pole_filled & ~skipped & ~notes
    blank_pole = blank_pole_rows & ~skipped

    columns: dict[int, CleanColumn] = {}
    for match in mapping.columns:
        if match.field is None or match.position not in body.columns:
            continue
        kind = FIELDS_BY_KEY[match.field].kind
        raw = body[match.position]
        values, problems = CONVERTERS[kind](raw)
        columns[match.position] = CleanColumn(match, kind, raw, values, problems)
    used = filled.loc[nonblank & ~skipped]
    extras = tuple(
        m
        for m in mapping.extras
        if m.position in used.columns and (m.header or used[m.position].any())
    )
    answer_index = body.index[answers.to_numpy()]
    return SheetTable(
        sheet=sheet_name,
        mapping=mapping,
        body=body,
        columns=columns,
        extras=extras,
        answers=answer_index,
        totals=body.index[is_total.to_numpy()],
        blank_pole=body.index[blank_pole.to_numpy()],
        notes=body.index[notes.to_numpy()],
        pole_typed=pole_typed.loc[answer_index],
        pole_name=name.loc[answer_index],
        pole_known=known.loc[answer_index],
    )
