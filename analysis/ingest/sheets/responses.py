"""The responses sheet read once: rows sorted by kind, every mapped column cleaned.

`SheetTable` is what validation checks and what the frames are built from, so both see
exactly the same cells. Rows below the header row are sorted into:
- blank rows (every cell blank): skipped;
- totals rows: skipped, and checked against the computed sums. A row is one only at the
  bottom of the table (below it, nothing but blank, totals, summary or note rows) and when
  its pole cell (or, with a blank pole cell, any cell of the row) is a totals label: a
  whole label (Total, Totaux, Ensemble, Sum, Grand total, Total général...) is enough
  there; a label merely starting with such a word ("Somme Numérique", "@SUM(1)", which
  are also pole names) also needs its numbers to equal the sums of the answers above.
  A name alone never drops a row (issue 15);
- summary rows (Moyenne, Average, Médiane, Min, Max...): skipped, not checked;
- note rows (text in the pole cell that matches no pole, and nothing else on the row,
  such as a "Source: ..." line under the table): skipped with a warning;
- rows with answers but a blank pole cell: an error, left out of the round;
- answer rows: everything else, one per responding pole.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from analysis.core.registry import Registry
from analysis.core.schema import FIELDS_BY_KEY, TOTAL_WORDS, Kind
from analysis.core.text import normalise, normalise_series
from analysis.ingest.cleaning.cells import Cells, by_unique, map_unique, split_cells
from analysis.ingest.cleaning.values import to_count, to_decimal, to_text, to_yesno
from analysis.ingest.mapping.columns import ColumnMapping, ColumnMatch

Converter = Callable[[pd.Series | Cells], tuple[pd.Series, pd.Series]]
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
    bad_pole: pd.Index = field(default_factory=lambda: pd.Index([]))  # pole cell unreadable
    answer_positions: Any = None  # positions of `answers` in `body`, for fast selection
    extra_values: dict[int, pd.Series] = field(default_factory=dict)
    #: The extra columns read as text, with their problem codes (Excel error cells).
    extra_columns: dict[int, CleanColumn] = field(default_factory=dict)

    def at_answers(self, column: pd.Series) -> pd.Series:
        """The answer rows of a column indexed like `body` (by position: no index lookup)."""
        return column.iloc[self.answer_positions]

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


#: A cheap first look (any case) for the words of totals and summary rows; only the cells
#: it flags are normalised and compared exactly.
_PHRASE_HINT = r"(?i)tot|ens|sum|som|tous|moy|aver|mea|m[eé]d|min|max|[eé]cart|sous|sub|all|grand"


def phrase_kind(text: pd.Series) -> tuple[pd.Series, pd.Series]:
    """`(is_total, is_summary)` for trimmed cell texts (`<NA>` reads as neither)."""
    whole, worded, summary = label_kinds(text)
    return whole | worded, summary


def label_kinds(text: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series]:
    """`(whole totals label, label starting with a totals word only, summary label)`."""
    hinted = text[_flag(text.astype("string").str.contains(_PHRASE_HINT, regex=True))]
    keys = normalise_series(hinted)
    first = keys.str.replace(r" .*$", "", regex=True)
    whole = keys.isin(TOTAL_PHRASES).to_numpy()
    worded = first.isin(TOTAL_FIRST_WORDS).to_numpy() & ~whole
    summaries = keys.isin(SUMMARY_PHRASES).to_numpy()
    whole_rows, worded_rows, summary_rows = (
        pd.Series(text.index.isin(hinted.index[found]), index=text.index)
        for found in (whole, worded, summaries)
    )
    return whole_rows, worded_rows, summary_rows


def _at_bottom(candidate: pd.Series, tail: pd.Series) -> pd.Series:
    """Rows below which every row is `tail`-like (blank, totals, summary, note): the bottom."""
    ok = (candidate | tail).to_numpy(dtype=bool)
    below_ok = np.logical_and.accumulate(ok[::-1])[::-1]
    return pd.Series(below_ok, index=candidate.index)


def _adds_up(rows: pd.Series, columns: Mapping[int, CleanColumn], answers: pd.Series) -> pd.Series:
    """Which `rows` hold at least one number, every one equal to the sum of the answers above."""
    found = pd.Series(False, index=rows.index)
    numeric = [c for c in columns.values() if c.kind in (Kind.COUNT, Kind.DECIMAL)]
    for row in rows.index[rows.to_numpy(dtype=bool)]:
        above = answers.to_numpy(dtype=bool) & (answers.index < row)
        seen, agree = 0, True
        for column in numeric:
            value = column.values.loc[row]
            if pd.isna(value):
                continue
            seen += 1
            total = column.values[above].sum()
            tolerance = 0.5 if column.kind is Kind.COUNT else 0.005
            agree = agree and abs(float(value) - float(total)) <= tolerance
        found.loc[row] = seen > 0 and agree
    return found


def _flag(mask: pd.Series) -> pd.Series:
    return mask.fillna(False).astype(bool)


#: "Pôle Minalogic", "Cluster CARA", "Pôle de compétitivité Vitagora": the registry name
#: follows a word people add in front of it.
_POLE_PREFIX = r"(?i)^(?:p[oô]le|cluster)(?: de comp[eé]titivit[eé])?[ :-]+"


def match_poles(
    typed: pd.Series, registry: Registry, overrides: Mapping[str, str] | None = None
) -> tuple[pd.Series, pd.Series]:
    """`(name, known)`: canonical registry names, or the typed name when unknown.

    A name is also tried without a leading "Pôle", "Cluster" or "Pôle de compétitivité".
    `overrides` map an uploaded name (compared normalised) to a registry name, or to
    itself (or any other name) to confirm a new pole: confirmed names count as known.
    """
    canonical = by_unique(typed, registry.match).astype("string")
    prefixed = typed[_flag(canonical.isna() & typed.str.contains(_POLE_PREFIX, regex=True))]
    if len(prefixed):
        bare = prefixed.str.replace(_POLE_PREFIX, "", regex=True)
        canonical = canonical.fillna(by_unique(bare, registry.match).astype("string"))
    known = canonical.notna()
    if overrides:
        chosen = {
            normalise(typed_name): registry.match_one(target) or target.strip()
            for typed_name, target in overrides.items()
            if target and target.strip()
        }
        picked = map_unique(typed, normalise).map(chosen).astype("string")
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
    split = {pos: split_cells(body[pos]) for pos in body.columns}
    filled = pd.DataFrame({pos: part.filled for pos, part in split.items()}, index=body.index)
    pole_pos = mapping.by_field["pole"].position
    pole_typed, _ = to_text(split[pole_pos])
    whole, worded, is_summary = label_kinds(pole_typed)

    nonblank = filled.any(axis=1)
    pole_filled = filled[pole_pos]
    others = filled.drop(columns=[pole_pos]).any(axis=1)
    blank_pole_rows = nonblank & ~pole_filled
    if blank_pole_rows.any():
        sub = body.loc[blank_pole_rows]
        kinds = [label_kinds(to_text(sub[p])[0]) for p in sub.columns]

        def labelled(number: int) -> pd.Series:
            found = pd.concat([k[number] for k in kinds], axis=1).any(axis=1)
            return found.reindex(body.index, fill_value=False)

        whole = whole | labelled(0)
        worded = (worded | labelled(1)) & ~whole

    columns: dict[int, CleanColumn] = {}
    for match in mapping.columns:
        if match.field is None or match.position not in body.columns:
            continue
        kind = FIELDS_BY_KEY[match.field].kind
        raw = body[match.position]
        values, problems = CONVERTERS[kind](split[match.position])
        columns[match.position] = CleanColumn(match, kind, raw, values, problems)

    name, known = match_poles(pole_typed, registry, pole_overrides)
    # A pole cell holding an Excel error is reported with the pole column's problems; its
    # row cannot be an answer, since nobody knows whose answer it is.
    readable_pole = pole_typed.notna()
    bottom = _at_bottom(whole | worded, ~nonblank | is_summary | (pole_filled & ~others))
    candidates = bottom & (whole | worded)
    provisional = nonblank & pole_filled & readable_pole & ~is_summary & ~candidates
    is_total = bottom & (whole | (worded & _adds_up(bottom & worded, columns, provisional)))
    skipped = is_total | is_summary
    notes = pole_filled & readable_pole & ~others & ~known & ~skipped
    answers = nonblank & pole_filled & readable_pole & ~skipped & ~notes
    blank_pole = blank_pole_rows & ~skipped

    used = filled.loc[nonblank & ~skipped]
    extras = tuple(
        m
        for m in mapping.extras
        if m.position in used.columns and (m.header or used[m.position].any())
    )
    positions = np.flatnonzero(answers.to_numpy(dtype=bool))
    answer_index = body.index[positions]
    columns_extra: dict[int, CleanColumn] = {}
    extra_values: dict[int, pd.Series] = {}
    for m in extras:
        text, codes = to_text(split[m.position])
        extra_values[m.position] = text.iloc[positions]
        # An error cell in an extra column is an error like anywhere else (the data
        # dictionary's rule): dropping it silently would lose an answer kept otherwise.
        columns_extra[m.position] = CleanColumn(m, Kind.TEXT, body[m.position], text, codes)
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
        bad_pole=body.index[(pole_filled & ~readable_pole & ~skipped).to_numpy()],
        pole_typed=pole_typed.iloc[positions],
        pole_name=name.iloc[positions],
        pole_known=known.iloc[positions],
        answer_positions=positions,
        extra_values=extra_values,
        extra_columns=columns_extra,
    )
