"""The optional projects sheet: one row per project, or per pole, year and programme.

Found by its name (`projects`, `projets`...). Its columns are recognised from
`schema.PROJECT_COLUMNS` (pole, year, programme, submitted, funded, role, title). Rules:
- a blank pole cell under a filled one takes the pole above (people merge the pole cell
  over its projects), blank rows and totals rows are skipped;
- `submitted` defaults to 1 (one row, one proposal); `funded` is a count or a yes/no;
- programmes are matched to `schema.PROGRAMMES` by name or common abbreviation; any other
  programme (Horizon 2020, COSME, a national scheme) is a warning and counts as "Other";
- role: coordinator (coordinateur, chef de file, lead) or partner (partenaire, membre);
- numbers that cannot be read are errors; a year outside the round's period, a pole that
  did not answer the responses sheet, and per-year sums that differ from the responses
  sheet's counts are warnings (a projects sheet may list only part of the projects).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from analysis.core.model import PROJECTS_COLUMNS, conform, empty_frame
from analysis.core.registry import Registry
from analysis.core.schema import (
    PROGRAMMES,
    PROJECT_COLUMNS,
    PROJECTS_SHEET_NAMES,
    YEAR_MAX,
    YEAR_MIN,
    Kind,
)
from analysis.core.text import normalise, normalise_series
from analysis.ingest.cleaning.cells import Cells, by_unique, display_values, split_cells
from analysis.ingest.cleaning.values import to_count, to_text, to_yesno
from analysis.ingest.mapping.columns import ColumnMatch
from analysis.ingest.reading.workbook import RawSheet
from analysis.ingest.report import Problem, Severity
from analysis.ingest.sheets.responses import CleanColumn, match_poles, phrase_kind
from analysis.ingest.sheets.side import find_sheet, header_and_body, header_candidates
from analysis.ingest.validation.bounds import pole_count_problem, project_rows_problem
from analysis.ingest.validation.cells import (
    ERROR,
    PROBLEM_LIMIT,
    WARNING,
    column_problems,
    flagged_rows,
    located,
)

_ALIASES: dict[str, str] = {
    normalise(alias): key for key, aliases in PROJECT_COLUMNS.items() for alias in aliases
}
_PROGRAMMES: dict[str, str] = {
    **{normalise(p): p for p in PROGRAMMES},
    "horizon": "Horizon Europe",
    "he": "Horizon Europe",
    "horizon europe he": "Horizon Europe",
    "digital europe programme": "Digital Europe",
    "dep": "Digital Europe",
    "digital": "Digital Europe",
    "life programme": "LIFE",
    "programme life": "LIFE",
    "erasmus": "Erasmus+",
    "erasmus plus": "Erasmus+",
    "smp": "Single Market Programme",
    "programme pour le marche unique": "Single Market Programme",
    "eu4h": "EU4Health",
    "eu 4 health": "EU4Health",
    "autre": "Other",
    "autres": "Other",
    "others": "Other",
}
_ROLES: dict[str, str] = {
    **dict.fromkeys(
        (
            "coordinator",
            "coordinateur",
            "coordinatrice",
            "coord",
            "chef de file",
            "lead",
            "leader",
            "lead partner",
            "coordination",
        ),
        "coordinator",
    ),
    **dict.fromkeys(
        ("partner", "partenaire", "membre", "member", "participant", "beneficiary", "beneficiaire"),
        "partner",
    ),
}


def find_projects_sheet(sheets: Sequence[RawSheet]) -> RawSheet | None:
    """The first sheet named like a projects sheet, or `None`."""
    return find_sheet(sheets, PROJECTS_SHEET_NAMES)


def _recognise(value: object) -> str | None:
    return _ALIASES.get(normalise(value)) if isinstance(value, str) else None


def _header(cells: pd.DataFrame) -> tuple[int, dict[str, int]] | None:
    """`(header_row, column -> position)`: the top row naming the pole and most columns."""
    best: tuple[int, dict[str, int]] | None = None
    for row, found in header_candidates(cells, _recognise):
        if "pole" in found and (best is None or len(found) > len(best[1])):
            best = (row, found)
    return best


def _programmes(typed: pd.Series) -> tuple[pd.Series, pd.Series]:
    """`(programme, unknown)`: canonical programmes; unknown non-blank ones become Other.

    A sheet names a handful of programmes over thousands of rows: each distinct text is
    normalised once (`by_unique`).
    """
    keys = by_unique(typed, normalise_series).astype("string")
    named = keys.map(_PROGRAMMES).astype("string")
    named = named.mask(keys.str.startswith("interreg").fillna(False), "Interreg")
    unknown = typed.notna() & named.isna()
    return named.mask(unknown, "Other"), unknown.astype(bool)


def _row_problems(
    sheet: str,
    match: ColumnMatch,
    rows: pd.Index,
    raw: pd.Series,
    code: str,
    expected: str | None = None,
    severity: Severity = WARNING,
    **params: object,
) -> list[Problem]:
    """`flagged_rows` quoting the cells of `raw` as typed."""
    return flagged_rows(
        severity, code, sheet, match, rows, display_values(raw.loc[rows]), expected, **params
    )


def _clean(
    body: pd.DataFrame, split: dict[str, Cells], matches: dict[str, ColumnMatch]
) -> dict[str, CleanColumn]:
    """The numeric and text columns, cleaned; `funded` takes a count or a yes/no.

    `split` holds each column of `body` already split (`split_cells`), so no column is
    split twice.
    """
    specs = {
        "year": (to_count, Kind.COUNT, "year"),
        "submitted": (to_count, Kind.COUNT, None),
        "title": (to_text, Kind.TEXT, None),
    }
    columns: dict[str, CleanColumn] = {}
    for key, (convert, kind, expected) in specs.items():
        if key in body:
            values, codes = convert(split[key])
            columns[key] = CleanColumn(matches[key], kind, body[key], values, codes, expected)
    if "funded" in body:
        raw = body["funded"]
        counts, count_codes = to_count(split["funded"])
        values, codes = counts, count_codes
        if count_codes.notna().any():  # some cells are no count: they may be a yes/no
            flags, flag_codes = to_yesno(split["funded"])
            values = counts.fillna(flags.astype("Int64"))
            codes = count_codes.where(flag_codes.notna() & count_codes.notna())
        columns["funded"] = CleanColumn(
            matches["funded"], Kind.COUNT, raw, values, codes, "count_or_yesno"
        )
    return columns


def _labels(
    body: pd.DataFrame, split: dict[str, Cells], key: str, labels: object
) -> tuple[pd.Series, pd.Series]:
    """`(label, unknown)` for the programme or role column (`<NA>` when absent or blank)."""
    if key not in body:
        blank = pd.Series(pd.NA, index=body.index, dtype="string")
        return blank, pd.Series(False, index=body.index)
    typed = to_text(split[key])[0]
    if key == "programme":
        return _programmes(typed)
    named = by_unique(typed, normalise_series).map(labels).astype("string")
    return named, (typed.notna() & named.isna()).astype(bool)


def _totals(sheet: str, projects: pd.DataFrame, yearly: pd.DataFrame) -> list[Problem]:
    """Per pole and year, project counts that differ from the responses sheet (warnings)."""
    sums = (
        projects.dropna(subset=["pole", "year"])
        .groupby(["pole", "year"], as_index=False)[["submitted", "funded"]]
        .sum(min_count=1)
        .astype({"year": "int64"})
    )
    both = sums.merge(yearly, on=["pole", "year"], how="inner")
    problems: list[Problem] = []
    for field, answered in (("submitted", "projects_submitted"), ("funded", "projects_funded")):
        differ = both[(both[field] != both[answered]).fillna(False).astype(bool)]
        for row in differ.head(PROBLEM_LIMIT).itertuples(index=False):
            problems.append(
                located(
                    WARNING,
                    f"projects_{field}_mismatch",
                    sheet,
                    None,
                    None,
                    pole=str(row.pole),
                    year=str(row.year),
                    listed=int(getattr(row, field)),
                    answered=int(getattr(row, answered)),
                )
            )
    return problems


def read_projects(
    sheet: RawSheet,
    registry: Registry,
    *,
    pole_overrides: Mapping[str, str] | None = None,
    responding: Sequence[str] = (),
    period: tuple[int | None, int | None] = (None, None),
    yearly: pd.DataFrame | None = None,
) -> tuple[pd.DataFrame, list[Problem]]:
    """The `projects` frame of `sheet` and its problems (empty frame when unusable).

    `responding` are the poles of the responses sheet, `period` the round's years and
    `yearly` its per-year counts, for the consistency warnings.
    """
    name, cells = sheet.name, sheet.cells
    found = _header(cells)
    if found is None or "year" not in found[1]:
        return empty_frame(PROJECTS_COLUMNS), [
            located(WARNING, "projects_unusable", name, None, None)
        ]
    header_row, positions = found
    matches, body = header_and_body(cells, header_row, positions)
    too_many = project_rows_problem(name, len(body)) or pole_count_problem(name, body["pole"])
    if too_many is not None:  # refused before each row's pole is matched
        return empty_frame(PROJECTS_COLUMNS), [too_many]
    split = {key: split_cells(body[key]) for key in body.columns}
    # A totals row may carry its label in any column (the title's, say), not the pole's.
    kept = body.notna().any(axis=1).to_numpy() & ~_totals_rows(split, len(body))
    if not kept.all():  # blank or totals rows (rare): split what is left again
        body = body.loc[kept]
        split = {key: split_cells(body[key]) for key in body.columns}
    rows = body.index
    pole_typed = to_text(split["pole"])[0]
    columns = _clean(body, split, matches)
    problems: list[Problem] = []
    for column in columns.values():
        problems += column_problems(name, column)

    frame = pd.DataFrame({key: c.values for key, c in columns.items()}, index=rows)
    frame["pole"] = match_poles(pole_typed.ffill(), registry, pole_overrides)[0]
    frame["submitted"] = frame.get("submitted", pd.Series(pd.NA, index=rows)).fillna(1)
    frame["programme"], unknown_programme = _labels(body, split, "programme", None)
    frame["role"], unknown_role = _labels(body, split, "role", _ROLES)
    frame["source_row"] = rows

    year = frame["year"]
    bad_year = _mask((year < YEAR_MIN) | (year > YEAR_MAX))
    frame["year"] = year.mask(bad_year)
    problems += _row_problems(
        name, matches["year"], rows[bad_year], body["year"], "invalid_year", "year", ERROR
    )
    start, end = period
    if start is not None and end is not None:
        outside = _mask((frame["year"] < start) | (frame["year"] > end))
        problems += _row_problems(
            name,
            matches["year"],
            rows[outside],
            body["year"],
            "project_year_outside",
            start=str(start),
            end=str(end),
        )
    if "programme" in matches:
        problems += _row_problems(
            name,
            matches["programme"],
            rows[unknown_programme.to_numpy()],
            body["programme"],
            "unknown_programme",
            "programme",
        )
    if "role" in matches:
        problems += _row_problems(
            name,
            matches["role"],
            rows[unknown_role.to_numpy()],
            body["role"],
            "unknown_role",
            "role",
        )
    if "funded" in frame:
        over = _mask(frame["funded"] > frame["submitted"])
        problems += _row_problems(
            name,
            matches["funded"],
            rows[over],
            body["funded"],
            "project_funded_over_submitted",
            "at_most_submitted",
            ERROR,
        )
    if responding:
        strangers = _mask(frame["pole"].notna() & ~frame["pole"].isin(set(responding)))
        problems += _row_problems(
            name, matches["pole"], rows[strangers], body["pole"], "project_pole_not_responding"
        )
    projects = conform(frame, PROJECTS_COLUMNS)
    if yearly is not None and not projects.empty:
        problems += _totals(name, projects, yearly)
    return projects, problems


def _totals_rows(split: dict[str, Cells], size: int) -> np.ndarray:
    """Which rows (by position) are totals rows, whatever column carries the label.

    Only text cells can say "Total": numbers, booleans and dates never do, and neither do
    Excel error texts, so only the (usually few distinct) texts are looked at.
    """
    found = np.zeros(size, dtype=bool)
    for cells in split.values():
        text = cells.text[~cells.errors()]
        if len(text):
            is_total = phrase_kind(text)[0].to_numpy(dtype=bool)
            found[text.index.to_numpy()[is_total]] = True
    return found


def _mask(condition: pd.Series) -> object:
    return condition.fillna(False).astype(bool).to_numpy()
