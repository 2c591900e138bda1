"""The optional initiatives sheet: the poles' applications to the award "Les pôles pour l'Europe".

Found by its name (`initiatives`, `initiatives europe`, `candidatures`...). Its columns are
recognised from `schema.INITIATIVE_COLUMNS` in French or English: pole, title, category,
start date, short description, partner countries, contact, and optionally the date the
application was submitted. Rules:
- a blank pole cell under a filled one takes the pole above (people merge the pole cell over
  its initiatives); blank rows are skipped, and so is a row holding only a pole name that
  the registry does not know (a note under the table), with a warning;
- the category is matched to `awards.categories.CATEGORIES` in French or English, ignoring case and
  accents; a blank or unknown category is an error naming the allowed ones;
- dates are read by `analysis.ingest.cleaning.dates` (ISO, `14/05/2023`, `14 mai 2023`,
  date cells); a month alone (`mai 2023`) is read as its first day, with a warning saying so; an
  unreadable date is an error, a blank start date a warning (the application is then
  shown as ineligible until one is given);
- a pole unknown to the registry, a blank title and the same initiative listed twice are
  warnings;
- the template's example row (its pole cell holds `schema.EXAMPLE_POLE`) is an error naming
  the cell, and is left out of the frame: it is never shown as an application.
Every problem names the sheet, the row and the column, like the rest of the report.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from analysis.awards.categories import match_categories
from analysis.core.model import INITIATIVES_COLUMNS, conform, empty_frame
from analysis.core.registry import Registry
from analysis.core.schema import EXAMPLE_POLE, INITIATIVE_COLUMNS, INITIATIVES_SHEET_NAMES, Kind
from analysis.core.text import normalise, normalise_series
from analysis.ingest.cleaning.cells import display_values
from analysis.ingest.cleaning.dates import read_dates
from analysis.ingest.cleaning.values import to_text
from analysis.ingest.mapping.columns import ColumnMatch
from analysis.ingest.mapping.headers import normalise_header
from analysis.ingest.reading.workbook import RawSheet
from analysis.ingest.report import Problem
from analysis.ingest.sheets.responses import CleanColumn, match_poles
from analysis.ingest.sheets.side import find_sheet, header_and_body, header_candidates
from analysis.ingest.validation.cells import (
    ERROR,
    WARNING,
    capped,
    column_problems,
    flagged_rows,
    located,
)

_ALIASES: dict[str, str] = {
    normalise_header(alias): key for key, aliases in INITIATIVE_COLUMNS.items() for alias in aliases
}
_TEXT_COLUMNS: tuple[str, ...] = (
    "pole",
    "title",
    "category",
    "description",
    "partner_countries",
    "contact",
)
_DATE_COLUMNS: tuple[str, ...] = ("start_date", "submitted_on")
#: Normalised pole names of the template's example row (either language).
_EXAMPLE_KEYS = frozenset(normalise(name) for name in EXAMPLE_POLE.values())


def find_initiatives_sheet(sheets: Sequence[RawSheet]) -> RawSheet | None:
    """The first sheet named like an initiatives sheet, or `None`."""
    return find_sheet(sheets, INITIATIVES_SHEET_NAMES)


def _recognise(value: object) -> str | None:
    return _ALIASES.get(normalise_header(value)) if isinstance(value, str) else None


def _header(cells: pd.DataFrame) -> tuple[int, dict[str, int]] | None:
    """`(header_row, column -> position)`: the top row naming the pole and the category."""
    for row, found in header_candidates(cells, _recognise):
        if "pole" in found and "category" in found:
            return row, found
    return None


def _pole_problems(
    name: str,
    match: ColumnMatch,
    typed: pd.Series,
    known: pd.Series,
    registry: Registry,
) -> list[Problem]:
    """Rows with no pole (errors) and poles the registry does not know (warnings)."""
    problems = flagged_rows(
        ERROR, "initiative_blank_pole", name, match, typed.index[typed.isna().to_numpy()]
    )
    unknown = typed.index[(typed.notna() & ~known).to_numpy()]
    suggestions = {
        value: ", ".join(registry.suggestions(value)) or "–"
        for value in typed.loc[unknown].unique()
    }
    problems += capped(
        WARNING,
        "initiative_unknown_pole",
        name,
        match,
        unknown,
        lambda row: located(
            WARNING,
            "initiative_unknown_pole",
            name,
            row,
            match,
            str(typed.loc[row]),
            "pole_name",
            suggestions=suggestions[typed.loc[row]],
        ),
    )
    return problems


def _date_problems(
    name: str, column: CleanColumn, month_only: pd.Series, dates: pd.Series
) -> list[Problem]:
    """Unreadable dates (errors) and months without a day (warnings, read as the 1st)."""
    problems = column_problems(name, column)
    rows = month_only.index[month_only.to_numpy()]
    shown = display_values(column.raw.loc[rows])
    problems += capped(
        WARNING,
        "initiative_month_only",
        name,
        column.match,
        rows,
        lambda row: located(
            WARNING,
            "initiative_month_only",
            name,
            row,
            column.match,
            str(shown.loc[row]),
            date=dates.loc[row].date().isoformat(),
        ),
    )
    return problems


def _duplicates(name: str, match: ColumnMatch, frame: pd.DataFrame) -> list[Problem]:
    """The same pole, category and title listed again (warnings naming the first row)."""
    key = (
        frame["pole"].str.lower() + "|" + frame["category"] + "|" + normalise_series(frame["title"])
    )
    known = key.notna() & frame["title"].notna()
    repeated = known & key.duplicated(keep="first")
    first = frame.loc[known & ~repeated].reset_index().set_index(key[known & ~repeated])
    rows = frame.index[repeated.fillna(False).to_numpy(dtype=bool)]
    return capped(
        WARNING,
        "initiative_duplicate",
        name,
        match,
        rows,
        lambda row: located(
            WARNING,
            "initiative_duplicate",
            name,
            row,
            match,
            str(frame.loc[row, "title"]),
            first_row=int(first.loc[key.loc[row], "index"]),
        ),
    )


def read_initiatives(
    sheet: RawSheet,
    registry: Registry,
    *,
    pole_overrides: Mapping[str, str] | None = None,
) -> tuple[pd.DataFrame, list[Problem]]:
    """The `initiatives` frame of `sheet` and its problems (empty frame when unusable)."""
    name, cells = sheet.name, sheet.cells
    found = _header(cells)
    if found is None:
        return empty_frame(INITIATIVES_COLUMNS), [
            located(WARNING, "initiatives_unusable", name, None, None)
        ]
    header_row, positions = found
    matches, body = header_and_body(cells, header_row, positions)
    body = body.loc[body.notna().any(axis=1).to_numpy()]
    texts = {key: to_text(body[key]) for key in _TEXT_COLUMNS if key in body}
    pole_typed = texts["pole"][0]
    others = body.drop(columns="pole").notna().any(axis=1)
    _, pole_known = match_poles(pole_typed.fillna(""), registry, pole_overrides)
    example = normalise_series(pole_typed).isin(list(_EXAMPLE_KEYS)).to_numpy()
    notes = (~others & pole_typed.notna() & ~pole_known).to_numpy() & ~example
    shown_pole = display_values(body["pole"])
    problems = flagged_rows(
        ERROR, "initiative_example_row", name, matches["pole"], body.index[example], shown_pole
    )
    problems += flagged_rows(
        WARNING, "ignored_row", name, matches["pole"], body.index[notes], shown_pole
    )
    body = body.loc[~notes & ~example]
    rows = body.index
    texts = {key: (values.loc[rows], codes.loc[rows]) for key, (values, codes) in texts.items()}
    for key, (values, codes) in texts.items():
        column = CleanColumn(matches[key], Kind.TEXT, body[key], values, codes)
        problems += column_problems(name, column)

    frame = pd.DataFrame({key: values for key, (values, _) in texts.items()}, index=rows)
    typed = frame["pole"].ffill()
    poles, known = match_poles(typed, registry, pole_overrides)
    frame["pole"] = poles.where(typed.notna())
    problems += _pole_problems(name, matches["pole"], typed, known, registry)

    category = match_categories(frame["category"])
    shown = display_values(body["category"])
    problems += flagged_rows(
        ERROR,
        "initiative_missing_category",
        name,
        matches["category"],
        rows[frame["category"].isna().to_numpy()],
        expected="award_category",
    )
    problems += flagged_rows(
        ERROR,
        "initiative_unknown_category",
        name,
        matches["category"],
        rows[(frame["category"].notna() & category.isna()).to_numpy()],
        shown,
        "award_category",
    )
    frame["category"] = category

    for key in _DATE_COLUMNS:
        if key not in body:
            continue
        dates, month_only, codes = read_dates(body[key])
        column = CleanColumn(matches[key], Kind.TEXT, body[key], dates, codes, "initiative_date")
        problems += _date_problems(name, column, month_only, dates)
        frame[key] = dates
    if "start_date" in matches:
        blank = body["start_date"].isna().to_numpy()
        problems += flagged_rows(
            WARNING, "initiative_missing_start", name, matches["start_date"], rows[blank]
        )
    else:
        problems.append(located(WARNING, "initiative_no_start_column", name, header_row, None))
    if "title" in matches:
        blank = (frame["title"].isna() & texts["title"][1].isna()).to_numpy()
        problems += flagged_rows(
            WARNING, "initiative_missing_title", name, matches["title"], rows[blank]
        )
        problems += _duplicates(name, matches["title"], frame)
    frame["source_row"] = rows
    return conform(frame, INITIATIVES_COLUMNS), _sorted(problems)


def _sorted(problems: list[Problem]) -> list[Problem]:
    """Problems in sheet order (sheet-level ones first), as the report lists them."""
    return sorted(
        problems,
        key=lambda p: (p.row if p.row is not None else -1, len(p.column or ""), p.column or ""),
    )
