"""What the upload page shows about a file: the report table, the bounded preview with
its marks, and the unknown poles with their suggestions."""

from __future__ import annotations

import pandas as pd

from analysis.core.model import SourceFile
from analysis.core.registry import Registry
from analysis.ingest.pipeline import ingest
from analysis.ingest.report import Problem, Report, Severity
from analysis.ingest.review import (
    ERROR,
    PREVIEW_ROWS,
    WARNING,
    preview_window,
    problem_sheets,
    report_table,
    side_sheet_names,
    unknown_poles,
)
from tests.support.builders import make_round
from tests.support.files import xlsx_bytes
from tests.support.messy import messy_grid, xlsx_from_grid
from ui.upload.step_report import STYLES, styled


def _problem(severity: Severity, row: int | None, column: str | None, sheet: str = "S") -> Problem:
    return Problem(severity, "text_in_number", sheet, row, column, "H", "x", "count")


def _cells(rows: int, columns: int = 3) -> pd.DataFrame:
    data = {c: [f"r{r}c{c}" for r in range(1, rows + 1)] for c in range(columns)}
    return pd.DataFrame(data, index=range(1, rows + 1), dtype=object)


def test_report_table_lists_errors_first_in_the_language_asked() -> None:
    report = Report(
        (
            _problem(Severity.WARNING, 3, "B"),
            _problem(Severity.ERROR, 7, "C"),
        )
    )
    english = report_table(report, "en")
    assert english[["severity", "row", "column"]].values.tolist() == [
        ["Error", 7, "C"],
        ["Warning", 3, "B"],
    ]
    assert english.loc[0, "expected"] == "a whole number, 0 or more"
    # the place is in the sheet, row and column columns: the message does not repeat it
    assert english.loc[0, "message"] == '"x" is not a number; expected a whole number, 0 or more.'
    french = report_table(report, "fr")
    assert french["severity"].tolist() == ["Erreur", "Avertissement"]
    assert french.loc[0, "expected"] == "un nombre entier, 0 ou plus"
    extra = Problem(Severity.WARNING, "extra_columns", "S", 4, params={"columns": "Q"})
    whole_row = report_table(Report((extra,)), "en")
    assert whole_row.loc[0, ["column", "header", "value", "expected"]].tolist() == [""] * 4
    assert whole_row.loc[0, "message"] == (  # a sentence of its own: capitalised
        "These columns match no question and are kept as extra columns: Q."
    )
    placeless = Problem(Severity.WARNING, "no_yearly_columns")
    assert report_table(Report((placeless,)), "en").loc[0, "message"] == placeless.message("en")


def test_report_table_keeps_an_unreadable_files_own_sentence() -> None:
    result = ingest(SourceFile("survey.xlsx", bytes(range(256)) * 8))
    table = report_table(result.report, "en")
    assert table.loc[0, "message"] == result.report.problems[0].message("en")
    assert "survey.xlsx" in table.loc[0, "message"]


def test_preview_marks_cells_rows_and_lets_errors_win() -> None:
    report = Report(
        (
            _problem(Severity.WARNING, 2, "B"),
            _problem(Severity.ERROR, 2, "B"),  # same cell: the error wins
            _problem(Severity.WARNING, 4, None),  # a whole row
            _problem(Severity.ERROR, None, "C"),  # a whole column: the table says it
            _problem(Severity.ERROR, 3, "A", sheet="Other"),  # another sheet
        )
    )
    preview = preview_window(_cells(5), report, "S")
    assert preview.cells.columns.tolist() == ["A", "B", "C"]
    assert preview.cells.loc[2, "B"] == "r2c1"
    marks = preview.marks
    assert marks.loc[2, "B"] == ERROR
    assert marks.loc[4].tolist() == [WARNING] * 3
    assert marks.loc[3, "A"] == "" and (marks.loc[[1, 3, 5]] == "").all().all()
    assert preview.hidden_rows == 0


def test_a_row_problem_listing_letters_marks_only_those_cells() -> None:
    listed = Problem(Severity.WARNING, "extra_columns", "S", 1, params={"letters": ["B", "Z"]})
    report = Report((listed, _problem(Severity.ERROR, 1, "C")))
    marks = preview_window(_cells(3), report, "S").marks
    assert marks.loc[1].tolist() == ["", WARNING, ERROR]  # Z is not in the sheet: ignored
    assert (marks.loc[[2, 3]] == "").all().all()


def test_preview_is_bounded_to_the_first_rows_plus_the_rows_with_problems() -> None:
    cells = _cells(5_000)
    report = Report((_problem(Severity.ERROR, 4_321, "B"), _problem(Severity.WARNING, 9_999, "A")))
    preview = preview_window(cells, report, "S")
    assert len(preview.cells) == PREVIEW_ROWS + 1
    assert preview.cells.index[-1] == 4_321 and preview.marks.loc[4_321, "B"] == ERROR
    assert preview.hidden_rows == 5_000 - PREVIEW_ROWS - 1


def test_preview_shows_cells_as_typed_and_blanks_as_empty() -> None:
    cells = pd.DataFrame({0: ["Pôle", "A", None], 1: ["Membres", 3.0, 1_234]}, index=[1, 2, 3])
    preview = preview_window(cells, Report(), "S")
    assert preview.cells.values.tolist() == [["Pôle", "Membres"], ["A", "3"], ["", "1234"]]


def test_the_styler_colours_exactly_the_marked_cells() -> None:
    preview = preview_window(
        _cells(3),
        Report((_problem(Severity.ERROR, 2, "B"), _problem(Severity.WARNING, 3, "C"))),
        "S",
    )
    html = styled(preview).to_html()  # type: ignore[attr-defined]
    assert html.count(STYLES[ERROR].split(";")[0]) == 1
    assert html.count(STYLES[WARNING].split(";")[0]) == 1


def test_preview_of_a_real_file_marks_its_bad_cell() -> None:
    grid = messy_grid()
    grid[5][10] = "deux"  # row 6, column K
    result = ingest(SourceFile("m.xlsx", xlsx_from_grid(grid)))
    preview = preview_window(result.raw.cells, result.report, result.sheet)  # type: ignore[union-attr]
    assert preview.cells.loc[6, "K"] == "deux"
    assert preview.marks.loc[6, "K"] == ERROR
    # the extra-columns warning on the extra column's header cell only, not the whole row
    assert preview.marks.loc[4, "O"] == WARNING
    assert (preview.marks.loc[4].drop("O") == "").all()
    assert result.raw is not None and result.raw.name == "Réponses"


def test_the_sheets_to_preview_and_the_side_sheets_named() -> None:
    report = Report(
        (
            _problem(Severity.WARNING, 2, "A", sheet="Candidatures"),
            _problem(Severity.ERROR, 3, "B", sheet="Réponses"),
            _problem(Severity.ERROR, 4, "B", sheet="Projets"),
            _problem(Severity.ERROR, 5, "B", sheet="Candidatures"),
        )
    )
    assert problem_sheets(report, "Réponses") == ["Réponses", "Candidatures", "Projets"]
    assert problem_sheets(Report(), "Réponses") == ["Réponses"]
    assert side_sheet_names(report, "Réponses") == {
        "projects": "Projets",
        "initiatives": "Candidatures",
    }
    assert side_sheet_names(report, "Projets") == {"initiatives": "Candidatures"}


#: An initiatives and a projects sheet naming unknown poles: one also unknown in the
#: responses (listed there), one answering nowhere (listed at its sheet), one twice.
SIDE_RESPONSES = [
    ["Pôle", "Région", "Projets déposés 2021"],
    ["Aerospace Valley", "Occitanie", 3],
    ["Pôle Inventé", "Bretagne", 5],
]
SIDE_INITIATIVES = [
    ["Pôle", "Titre", "Catégorie", "Date de début"],
    ["Minalogik", "Réseau", "impact", "2022-05-14"],
    ["pole invente", "Guichet", "impact", "2022-05-14"],
    ["Aerospace Valley", "Consortium", "impact", "2022-05-14"],
]
SIDE_PROJECTS = [
    ["Pôle", "Année", "Déposés"],
    ["MINALOGIK", 2021, 1],
    ["Zzqx", 2021, 1],
    ["Aerospace Valley", 2021, 3],
]


def test_unknown_poles_of_the_side_sheets_are_listed_once_with_their_sheet() -> None:
    content = xlsx_bytes(
        SIDE_RESPONSES,
        extra_sheets={"Candidatures": SIDE_INITIATIVES, "Projets": SIDE_PROJECTS},
    )
    result = ingest(SourceFile("sides.xlsx", content))
    registry = Registry.default()
    sheets = side_sheet_names(result.report, result.sheet)
    assert sheets == {"projects": "Projets", "initiatives": "Candidatures"}
    listed, total = unknown_poles(result.survey, registry, sheets=sheets)
    # the responses' own first; "pole invente" answers there; MINALOGIK is Minalogik
    assert [(p.name, p.sheet, p.row) for p in listed] == [
        ("Pôle Inventé", None, 3),
        ("MINALOGIK", "Projets", 2),
        ("Zzqx", "Projets", 3),
    ]
    assert total == 3 and listed[1].suggestions[0] == "Minalogic"
    # without the sheets' names, the frame they were read into says where
    assert unknown_poles(result.survey, registry)[0][1].sheet == "projects"
    # a pick applies in every sheet: "Minalogik" in either side sheet becomes Minalogic
    picked = ingest(SourceFile("sides.xlsx", content), pole_overrides={"MINALOGIK": "Minalogic"})
    assert picked.survey is not None
    assert picked.survey.initiatives["pole"].tolist()[0] == "Minalogic"
    assert picked.survey.projects["pole"].tolist()[0] == "Minalogic"
    again, total = unknown_poles(picked.survey, registry, sheets=sheets)
    assert [p.name for p in again] == ["Pôle Inventé", "Zzqx"] and total == 2


def test_unknown_poles_with_suggestions_and_a_limit() -> None:
    registry = Registry.default()
    survey = make_round(
        [
            {"pole": "Minalogic"},
            {"pole": "MINALOGIK"},
            {"pole": "EXAMPLE — delete this row"},
            {"pole": "Zzqx"},
        ]
    )
    listed, total = unknown_poles(survey, registry)
    assert total == 2
    assert [(p.name, p.row) for p in listed] == [("MINALOGIK", 3), ("Zzqx", 5)]
    assert listed[0].suggestions[0] == "Minalogic"
    first, total = unknown_poles(survey, registry, limit=1)
    assert [p.name for p in first] == ["MINALOGIK"] and total == 2
    assert unknown_poles(None, registry) == ((), 0)


def test_the_comparisons_window_marks_the_changed_cells() -> None:
    from analysis.ingest.review import CHANGED, FLAGGED, changes_window

    cells = pd.DataFrame(
        [["Pôle", "2021", "2022"], ["A", 17, 170], ["B", 5, 6], ["C", 1, 1]],
        index=[1, 2, 3, 4],
        dtype=object,
    )
    changes = pd.DataFrame(
        {
            "row": pd.array([2, 3, None], dtype="Int64"),
            "column": pd.array(["C", "C", "B"], dtype="string"),
            "flagged": pd.array([True, False, False], dtype="boolean"),
        }
    )
    window = changes_window(cells, changes, header_row=1)
    assert window.cells.index.tolist() == [1, 2, 3]  # the header, then the changed rows
    assert window.marks.loc[2, "C"] == FLAGGED
    assert window.marks.loc[3, "C"] == CHANGED
    assert (window.marks.loc[[1], :] == "").all().all()
    assert window.marks.loc[2, "B"] == ""  # an unchanged cell stays plain
    assert window.hidden_rows == 0
    few = changes_window(cells, changes, header_row=1, limit=1)
    assert few.cells.index.tolist() == [1, 2] and few.hidden_rows == 1  # the outlier kept
