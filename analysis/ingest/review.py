"""What the upload page shows about a file before it is stored, as plain frames.

- `report_table`: every problem as a row (severity, sheet, row, column, header, value,
  expected, message) in the user's language, the message without the place the other
  columns already give;
- `preview_window`: a bounded window of one sheet (the first rows plus every row a problem
  names) and, cell for cell, whether an error or a warning points at it, so a 100,000-row
  file previews as fast as a small one; `problem_sheets` lists the sheets to preview;
- `changes_window`: the rows holding a cell that changed since a stored round, each such
  cell marked (an outlier, or an ordinary change), so the comparison points at the cell;
- `unknown_poles`: the pole names the registry does not know, in the responses sheet and
  in the projects and initiatives sheets, with the closest names.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from analysis.core.i18n import Lang, t
from analysis.core.model import SurveyRound
from analysis.core.registry import Registry
from analysis.core.schema import EXAMPLE_POLE, INITIATIVES_SHEET_NAMES, PROJECTS_SHEET_NAMES
from analysis.core.text import column_letter, normalise, normalise_series
from analysis.ingest.cleaning.cells import display_values
from analysis.ingest.report import Problem, Report, Severity

#: Rows shown from the top of the sheet, before the rows that problems name.
PREVIEW_ROWS = 200
#: Columns of `report_table`, in order.
REPORT_COLUMNS: tuple[str, ...] = (
    "severity",
    "sheet",
    "row",
    "column",
    "header",
    "value",
    "expected",
    "message",
)
ERROR, WARNING = str(Severity.ERROR), str(Severity.WARNING)


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _table_message(problem: Problem, lang: Lang) -> str:
    """The problem's sentence without the place, which the table's own columns show.

    A problem naming no place keeps its `message`: there is nothing to strip, and a
    subclass may word it there (an unreadable file's reader's sentence).
    """
    if not problem.location(lang):
        return problem.message(lang)
    return _capitalised(problem.body(lang))


def report_table(report: Report, lang: Lang) -> pd.DataFrame:
    """One row per problem, errors first then warnings, each in sheet order as reported."""
    problems = (*report.errors, *report.warnings)
    rows = [p.as_dict(lang) | {"message": _table_message(p, lang)} for p in problems]
    frame = pd.DataFrame(rows, columns=[*REPORT_COLUMNS, "code"]).drop(columns=["code"])
    severity = frame["severity"].map(
        {level: _capitalised(t(f"validation.severity_{level}", lang)) for level in (ERROR, WARNING)}
    )
    texts = [c for c in REPORT_COLUMNS if c != "row"]
    dtypes = dict.fromkeys(texts, "string") | {"row": "Int64"}
    typed = frame.assign(severity=severity).astype(dtypes)
    return typed.fillna(dict.fromkeys(texts, ""))  # a problem naming no cell shows blanks


@dataclass(frozen=True)
class Preview:
    """A window of the sheet as typed and its marks (`"error"`, `"warning"` or `""`).

    Both frames share the index (spreadsheet row numbers) and columns (letters).
    `hidden_rows` counts the rows of the sheet left out of the window.
    """

    cells: pd.DataFrame
    marks: pd.DataFrame
    hidden_rows: int


def _marks(report: Report, rows: pd.Index, letters: list[str]) -> pd.DataFrame:
    """Per cell of the window: the worst severity of the problems located there.

    A problem naming a row but no column marks the cells its `letters` parameter lists
    (the extra columns' headers), or else the whole row; one naming a column but no row
    marks nothing (the report table says it).
    """
    marks = pd.DataFrame("", index=rows, columns=letters, dtype="string")
    for severity in (WARNING, ERROR):  # errors last: they win over warnings
        for problem in report.problems:
            if str(problem.severity) != severity or problem.row not in rows:
                continue
            if problem.column is not None:
                if problem.column in marks.columns:
                    marks.loc[problem.row, problem.column] = severity
                continue
            named = problem.params.get("letters")
            if named:
                marks.loc[problem.row, [c for c in named if c in marks.columns]] = severity
            else:
                marks.loc[problem.row, :] = severity
    return marks


def preview_window(
    cells: pd.DataFrame, report: Report, sheet: str | None, limit: int = PREVIEW_ROWS
) -> Preview:
    """The first `limit` rows of `cells` (a `RawSheet`'s) plus the rows that `sheet`'s
    problems name, as text, with their marks."""
    named = {p.row for p in report.problems if p.row is not None and p.sheet == sheet}
    top = cells.index[:limit]
    rows = top.union(pd.Index(sorted(named)).intersection(cells.index))
    window = cells.loc[rows]
    letters = [column_letter(int(position)) for position in window.columns]
    shown = pd.DataFrame(
        {
            letter: display_values(window[pos])
            for letter, pos in zip(letters, window.columns, strict=True)
        },
        index=rows,
    )
    own = Report(tuple(p for p in report.problems if p.sheet == sheet))
    return Preview(shown, _marks(own, rows, letters), len(cells.index) - len(rows))


#: Marks of the comparison's preview: an outlying cell, any other changed cell.
FLAGGED, CHANGED = "flagged", "changed"


def changes_window(
    cells: pd.DataFrame,
    changes: pd.DataFrame,
    *,
    header_row: int | None = None,
    limit: int = PREVIEW_ROWS,
) -> Preview:
    """The rows of the responses sheet that hold a changed cell, with each changed cell
    marked `flagged` (an outlier) or `changed`, under the header row.

    `changes` has `row`, `column` (letter) and `flagged` (`analysis.analytics.diff`'s
    changed cells); rows with an outlier come first when there are more than `limit`.
    """
    located = changes.dropna(subset=["row", "column"])
    flagged_rows = located.loc[located["flagged"].fillna(False).to_numpy(dtype=bool), "row"]
    ordered = list(dict.fromkeys([*flagged_rows.astype(int), *located["row"].astype(int)]))
    chosen = sorted(row for row in ordered[:limit] if row in cells.index)
    if header_row is not None and header_row in cells.index:
        chosen = sorted({header_row, *chosen})
    rows = pd.Index(chosen, dtype="int64")
    window = cells.loc[rows]
    letters = [column_letter(int(position)) for position in window.columns]
    shown = pd.DataFrame(
        {
            letter: display_values(window[pos])
            for letter, pos in zip(letters, window.columns, strict=True)
        },
        index=rows,
    )
    marks = pd.DataFrame("", index=rows, columns=letters, dtype="string")
    for mark in (CHANGED, FLAGGED):  # outliers last: they win
        wanted = located["flagged"].fillna(False) if mark == FLAGGED else located["row"].notna()
        for row, column in located.loc[wanted.to_numpy(dtype=bool), ["row", "column"]].itertuples(
            index=False
        ):
            if int(row) in marks.index and column in marks.columns:
                marks.loc[int(row), column] = mark
    hidden = len(set(located["row"].astype(int)) - set(chosen))
    return Preview(shown, marks, hidden)


def problem_sheets(report: Report, first: str | None) -> list[str]:
    """The sheets to preview: `first` (the responses sheet), then every other sheet the
    report names, in the order of their first problem."""
    named = [first] if first else []
    return list(dict.fromkeys([*named, *(p.sheet for p in report.problems if p.sheet)]))


def side_sheet_names(report: Report, responses_sheet: str | None) -> dict[str, str]:
    """`{"projects": name, "initiatives": name}` for the side sheets the report names.

    A workbook's side sheets are found by name (`side_sheets.find_sheet`); the report
    names the ones that had something to say, which are the ones whose poles can need a
    choice (an unknown pole there is always a warning).
    """
    named = [s for s in problem_sheets(report, None) if s != responses_sheet]
    found: dict[str, str] = {}
    for frame, names in (
        ("projects", PROJECTS_SHEET_NAMES),
        ("initiatives", INITIATIVES_SHEET_NAMES),
    ):
        match = next((sheet for sheet in named if normalise(sheet) in names), None)
        if match is not None:
            found[frame] = match
    return found


@dataclass(frozen=True)
class UnknownPole:
    """A pole name not in the registry, where it stands, and the closest registry names.

    `sheet` is `None` for the responses sheet, else the side sheet it was found in.
    """

    name: str
    row: int | None
    suggestions: tuple[str, ...]
    sheet: str | None = None


#: Unknown poles offered for matching one by one; past this, the file needs correcting.
POLE_CHOICES = 50
#: The round's frames besides the responses that name poles, in the order ingest reads them.
SIDE_FRAMES: tuple[str, ...] = ("projects", "initiatives")


def _named(frame: pd.DataFrame, sheet: str | None) -> pd.DataFrame:
    """`name, row, sheet, key` for every row of `frame` naming a pole (`key` normalised)."""
    poles = frame["pole"].astype("string")
    named = pd.DataFrame(
        {"name": poles, "row": frame["source_row"].astype("Int64"), "sheet": sheet}
    ).loc[poles.notna().to_numpy()]
    return named.assign(key=normalise_series(named["name"]))


def unknown_poles(
    survey: SurveyRound | None,
    registry: Registry,
    limit: int = POLE_CHOICES,
    *,
    sheets: Mapping[str, str] | None = None,
) -> tuple[tuple[UnknownPole, ...], int]:
    """The first `limit` pole names the registry does not know, with suggestions, and how
    many there are in all (the template's example row aside).

    The responses sheet's come first, then those of the projects and initiatives sheets
    that do not answer in the responses sheet (one answering there is listed with it, and
    a choice applies to the name in every sheet). Each name is listed once, at its first
    row. `sheets` names the side sheets (`side_sheet_names`) for the listing.
    """
    if survey is None:
        return (), 0
    known = list(registry.poles)
    examples = [normalise(name) for name in EXAMPLE_POLE.values()]
    responses = _named(survey.responses, None)
    answering = responses["key"]
    sides = [
        part.loc[(~part["key"].isin(answering)).to_numpy()]
        for part in (
            _named(getattr(survey, frame), (sheets or {}).get(frame, frame))
            for frame in SIDE_FRAMES
        )
    ]
    named = pd.concat([responses, *sides], ignore_index=True)
    unknown = named.loc[
        (~named["name"].isin(known) & ~named["key"].isin(examples)).to_numpy()
    ].drop_duplicates(subset="key")
    listed = tuple(
        UnknownPole(
            str(name),
            None if pd.isna(row) else int(row),
            tuple(registry.suggestions(name)),
            None if pd.isna(sheet) else str(sheet),
        )
        for name, row, sheet in unknown[["name", "row", "sheet"]]
        .head(limit)
        .itertuples(index=False)
    )
    return listed, len(unknown)
