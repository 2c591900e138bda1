"""What the upload page shows about a file before it is stored, as plain frames.

- `report_table`: every problem as a row (severity, sheet, row, column, header, value,
  expected, message) in the user's language;
- `preview_window`: a bounded window of the responses sheet (the first rows plus every
  row a problem names) and, cell for cell, whether an error or a warning points at it,
  so a 100,000-row file previews as fast as a small one;
- `unknown_poles`: the pole names the registry does not know, with the closest names.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis.cleaning import display_values
from analysis.i18n import Lang, t
from analysis.model import SurveyRound
from analysis.registry import Registry
from analysis.report import Report, Severity
from analysis.schema import EXAMPLE_POLE
from analysis.text import column_letter, normalise, normalise_series

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


def report_table(report: Report, lang: Lang) -> pd.DataFrame:
    """One row per problem, errors first then warnings, each in sheet order as reported."""
    rows = [p.as_dict(lang) for p in (*report.errors, *report.warnings)]
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

    A problem naming a row but no column marks the whole row; one naming a column but no
    row marks nothing (the report table says it).
    """
    marks = pd.DataFrame("", index=rows, columns=letters, dtype="string")
    for severity in (WARNING, ERROR):  # errors last: they win over warnings
        for problem in report.problems:
            if str(problem.severity) != severity or problem.row not in rows:
                continue
            if problem.column is None:
                marks.loc[problem.row, :] = severity
            elif problem.column in marks.columns:
                marks.loc[problem.row, problem.column] = severity
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


@dataclass(frozen=True)
class UnknownPole:
    """A pole name not in the registry, where it stands, and the closest registry names."""

    name: str
    row: int | None
    suggestions: tuple[str, ...]


#: Unknown poles offered for matching one by one; past this, the file needs correcting.
POLE_CHOICES = 50


def unknown_poles(
    survey: SurveyRound | None, registry: Registry, limit: int = POLE_CHOICES
) -> tuple[tuple[UnknownPole, ...], int]:
    """The first `limit` responding poles the registry does not know, with suggestions,
    and how many there are in all (the template's example row aside)."""
    if survey is None:
        return (), 0
    responses = survey.responses
    examples = [normalise(name) for name in EXAMPLE_POLE.values()]
    unknown = responses[
        (
            ~responses["pole"].isin(list(registry.poles))
            & ~normalise_series(responses["pole"]).isin(examples)
        ).to_numpy()
    ]
    listed = tuple(
        UnknownPole(
            str(name), None if pd.isna(row) else int(row), tuple(registry.suggestions(name))
        )
        for name, row in unknown[["pole", "source_row"]].head(limit).itertuples(index=False)
    )
    return listed, len(unknown)
