"""Checks across the answer rows: poles, regions, funded against submitted, totals rows.

Duplicated poles and more projects funded than submitted are errors (the figures cannot
both be right); an unknown pole or region and a totals row that disagrees are warnings.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import pandas as pd
from rapidfuzz import fuzz, process

from analysis.core.registry import Registry, canonical_region
from analysis.core.schema import EXAMPLE_POLE, REGIONS, Kind
from analysis.core.text import normalise, normalise_series
from analysis.ingest.cleaning.cells import by_unique, display_values
from analysis.ingest.mapping.columns import ColumnMatch
from analysis.ingest.report import Problem
from analysis.ingest.sheets.responses import CleanColumn, SheetTable
from analysis.ingest.validation.cells import (
    ERROR,
    WARNING,
    capped,
    flagged_rows,
    located,
    quoted_list,
)


def pole_problems(table: SheetTable, registry: Registry) -> list[Problem]:
    """Blank pole cells, note rows, duplicated poles, the template's example row (errors) and
    unknown poles (warnings)."""
    sheet, pole = table.sheet, table.mapping.by_field["pole"]
    problems = flagged_rows(
        ERROR, "blank_pole", sheet, pole, table.blank_pole, expected="pole_name"
    )
    notes = to_display(table.body[pole.position].loc[table.notes])
    problems += flagged_rows(WARNING, "ignored_row", sheet, pole, table.notes, notes)
    # Poles of the registry carry its name; others are compared as typed, less case,
    # accents, punctuation and spacing, so "Foo Bar" and "FÔO  BAR." are one pole.
    key = normalise_series(table.pole_name)
    repeated = key.duplicated(keep="first").to_numpy()
    duplicated = table.answers[repeated]
    first_rows = pd.Series(table.answers[~repeated], index=key[~repeated].to_numpy())
    typed = table.pole_typed
    problems += capped(
        ERROR,
        "duplicate_pole",
        sheet,
        pole,
        duplicated,
        lambda row: located(
            ERROR,
            "duplicate_pole",
            sheet,
            row,
            pole,
            str(typed.loc[row]),
            first_row=int(first_rows.loc[key.loc[row]]),
            pole=str(table.pole_name.loc[row]),
        ),
    )
    example = table.pole_typed.pipe(normalise_series).isin(list(_EXAMPLE_KEYS)).to_numpy()
    problems += flagged_rows(ERROR, "example_row", sheet, pole, table.answers[example], typed)
    unknown = table.answers[(~table.pole_known).to_numpy() & ~example]
    problems += capped(
        WARNING,
        "unknown_pole",
        sheet,
        pole,
        unknown,
        lambda row: _suggesting(
            "unknown_pole", sheet, row, pole, str(typed.loc[row]), registry.suggestions
        ),
    )
    return problems


#: Normalised pole names of the template's example row (either language).
_EXAMPLE_KEYS = frozenset(normalise(name) for name in EXAMPLE_POLE.values())


def to_display(raw: pd.Series) -> pd.Series:
    """Cells as typed, stripped, for quoting them in messages."""
    return display_values(raw).str.strip()


def _suggesting(
    code: str,
    sheet: str,
    row: int,
    match: ColumnMatch,
    value: str,
    suggest: Callable[[str], list[str]],
) -> Problem:
    names = suggest(value)
    if not names:
        return located(WARNING, f"{code}_no_match", sheet, row, match, value)
    return located(WARNING, code, sheet, row, match, value, suggestions=quoted_list(names))


#: Regions merged in 2016 -> the region they are part of, to suggest the current name.
_FORMER_REGIONS: dict[str, str] = {
    normalise(old): new
    for old, new in {
        "Alsace": "Grand Est",
        "Champagne-Ardenne": "Grand Est",
        "Lorraine": "Grand Est",
        "Aquitaine": "Nouvelle-Aquitaine",
        "Limousin": "Nouvelle-Aquitaine",
        "Poitou-Charentes": "Nouvelle-Aquitaine",
        "Auvergne": "Auvergne-Rhône-Alpes",
        "Rhône-Alpes": "Auvergne-Rhône-Alpes",
        "Bourgogne": "Bourgogne-Franche-Comté",
        "Franche-Comté": "Bourgogne-Franche-Comté",
        "Basse-Normandie": "Normandie",
        "Haute-Normandie": "Normandie",
        "Languedoc-Roussillon": "Occitanie",
        "Midi-Pyrénées": "Occitanie",
        "Nord-Pas-de-Calais": "Hauts-de-France",
        "Picardie": "Hauts-de-France",
        "Centre": "Centre-Val de Loire",
    }.items()
}


def region_suggestions(name: str, limit: int = 3) -> list[str]:
    """The official regions closest to a typed one (a pre-2016 region: the one it joined)."""
    former = _FORMER_REGIONS.get(normalise(name))
    if former is not None:
        return [former]
    found = process.extract(
        normalise(name),
        {region: normalise(region) for region in REGIONS},
        scorer=fuzz.WRatio,
        limit=limit,
        score_cutoff=60,
    )
    return [region for _key, _score, region in found]


def region_problems(table: SheetTable) -> list[Problem]:
    """Region cells that name no French region (warnings, with the closest regions)."""
    column = table.field("region")
    if column is None:
        return []
    typed = table.at_answers(column.values)
    unknown = typed.notna() & by_unique(typed, canonical_region).isna()
    rows = table.answers[unknown.to_numpy()]
    return capped(
        WARNING,
        "unknown_region",
        table.sheet,
        column.match,
        rows,
        lambda row: _suggesting(
            "unknown_region",
            table.sheet,
            row,
            column.match,
            str(typed.loc[row]),
            region_suggestions,
        ),
    )


def funded_problems(table: SheetTable) -> list[Problem]:
    """Years where a pole reports more projects funded than submitted (errors, both cells)."""
    problems: list[Problem] = []
    for year in table.mapping.years:
        submitted = table.yearly("projects_submitted", year)
        funded = table.yearly("projects_funded", year)
        if submitted is None or funded is None:
            continue
        sub = table.at_answers(submitted.values)
        fun = table.at_answers(funded.values)
        over = (fun > sub).fillna(False).astype(bool)
        rows = table.answers[over.to_numpy()]
        typed = display_values(funded.raw.loc[rows])
        make = partial(_funded_problem, table.sheet, funded, submitted, sub, typed, year)
        problems += capped(ERROR, "funded_over_submitted", table.sheet, funded.match, rows, make)
    return problems


def _funded_problem(
    sheet: str,
    funded: CleanColumn,
    submitted: CleanColumn,
    sub: pd.Series,
    typed: pd.Series,
    year: int,
    row: int,
) -> Problem:
    """One row funding more than it submitted (bound per year with `partial`: mypy cannot
    type a lambda whose defaults hold the loop's values)."""
    return located(
        ERROR,
        "funded_over_submitted",
        sheet,
        row,
        funded.match,
        str(typed.loc[row]),
        "at_most_submitted",
        year=str(year),
        submitted=int(sub.loc[row]),
        submitted_cell=f"{submitted.match.letter}{row}",
        submitted_header=submitted.match.header,
    )


def totals_problems(table: SheetTable) -> list[Problem]:
    """Totals-row cells that disagree with the sum of the answers above (warnings).

    A column is checked only when all its answers could be read (otherwise the sum is
    wrong for a reason already reported); blank or non-numeric total cells are skipped.
    """
    problems: list[Problem] = []
    if table.totals.empty:  # most sheets have no totals row: nothing to compare
        return problems
    for column in table.numeric_columns:
        if table.at_answers(column.problems).notna().any():
            continue
        computed = table.at_answers(column.values).sum()
        tolerance = 0.5 if column.kind is Kind.COUNT else 0.005
        totals = column.values.loc[table.totals].dropna()
        wrong = totals[(totals - computed).abs() > tolerance]
        typed = display_values(column.raw.loc[wrong.index])
        for row in wrong.index:
            found = int(wrong.loc[row]) if column.kind is Kind.COUNT else float(wrong.loc[row])
            problems.append(
                located(
                    WARNING,
                    "total_mismatch",
                    table.sheet,
                    row,
                    column.match,
                    str(typed.loc[row]),
                    total=found,
                    computed=int(computed) if column.kind is Kind.COUNT else float(computed),
                    cell=f"{column.match.letter}{row}",
                )
            )
    return problems
