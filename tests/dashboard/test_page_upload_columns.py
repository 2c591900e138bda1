"""AppTest of the mapping step showing every column (issue 13, item 4): letter, header,
samples, field, year, role and confidence; any column changed, recognised ones included;
a yearly field given its year by hand; choices remembered for the same headers."""

from __future__ import annotations

from typing import Any

from streamlit.testing.v1 import AppTest

from analysis.ingest.mapping.memory import signature
from analysis.store import SurveyStore
from tests.support import upload_page
from tests.support.apptest import texts
from tests.support.files import xlsx_bytes
from tests.support.messy import MESSY_HEADERS, messy_xlsx, xlsx_from_grid
from tests.support.upload_page import frame, grid, headline, page, rerun, store_button, upload
from ui.upload import column_editor, step_columns

store = upload_page.store

COORDINATORS = "Members coordinating EU projects"
#: A LimeSurvey export with question codes only: no header names a question or a year.
CODES = ["id", "submitdate", "lastpage", "Q1", "Q2_SQ001", "Q2_SQ002"]
LIMESURVEY = [
    CODES,
    [1, "2024-03-01 10:00:00", 3, "Minalogic", "15.0000000000", "4"],
    [2, "2024-03-02 11:00:00", 3, "Vitagora", "7.0000000000", "2"],
]


def table(at: AppTest) -> Any:
    return frame(at, "columns").set_index("Column")


def edit(at: AppTest, position: int, role: str, field: str = "", year: int | None = None) -> None:
    """Pick the column at `position`, set its role, field and year, and apply."""
    at.selectbox(key=column_editor.K_COLUMN).set_value(position)
    rerun(at)
    at.selectbox(key=column_editor.role_key(position)).set_value(role)
    at.selectbox(key=column_editor.field_key(position)).set_value(field)
    at.number_input(key=column_editor.year_key(position)).set_value(year)
    at.button(key=column_editor.K_APPLY).click()
    rerun(at)


def test_every_column_is_shown_with_samples_field_year_role_and_confidence() -> None:
    at = upload(page(), "messy.xlsx", messy_xlsx())
    shown = table(at)
    assert shown.index.tolist() == [chr(ord("A") + i) for i in range(len(MESSY_HEADERS))]
    assert shown.columns.tolist() == [
        "Header",
        "Read as",
        "Year",
        "Role",
        "Confidence",
        "Sample values",
        "Chosen by hand",
    ]
    assert shown.loc["C"].tolist()[:6] == [
        "Q3 - Projets deposes 2019 (nombre)",
        "EU proposals submitted 2019",
        2019,
        "answer",
        shown.loc["C", "Confidence"],
        "30 · 25 · 20",
    ]
    assert shown.loc["C", "Confidence"].endswith("%")
    assert shown.loc["A", "Sample values"] == "AEROSPACE VALLEY · CAP DIGITAL · MINALOGIC"
    assert shown.loc["O", "Role"] == "not recognised (kept as extra)"
    assert not shown["Chosen by hand"].any()


def test_a_recognised_column_is_changed_and_the_choice_remembered(store: SurveyStore) -> None:
    at = upload(page(), "messy.xlsx", messy_xlsx())
    assert headline(at)[COORDINATORS][1] == "31 (n = 5)"
    edit(at, 11, "ignored")  # column L, recognised as the coordinators' question
    assert table(at).loc["L", "Read as"] == "Leave out (ignored)"
    assert table(at).loc["L", "Chosen by hand"]
    assert headline(at)[COORDINATORS][1] == "– (n = 0)"
    at.text_input(key="upload_label").set_value("2024")
    rerun(at)
    store_button(at).click()
    rerun(at)
    assert store.saved_mapping(signature(MESSY_HEADERS)) == {MESSY_HEADERS[11]: "ignore"}
    # The next file with the same headers comes pre-filled.
    again = upload(page(), "next.xlsx", xlsx_from_grid(grid(fte=(5, 13, 3.5))))
    assert "1 choice pre-filled from an earlier upload" in texts(again)
    assert table(again).loc["L", "Read as"] == "Leave out (ignored)"
    assert headline(again)[COORDINATORS][1] == "– (n = 0)"
    # Back to the automatic reading.
    again.selectbox(key=column_editor.K_COLUMN).set_value(11)
    rerun(again)
    again.button(key=column_editor.K_RESET).click()
    rerun(again)
    assert headline(again)[COORDINATORS][1] == "31 (n = 5)"


def test_a_code_only_column_gets_a_field_and_a_year() -> None:
    at = upload(page(), "limesurvey.xlsx", xlsx_bytes(LIMESURVEY))
    shown = table(at)
    assert shown.loc["E", "Header"] == "Q2_SQ001"
    assert shown.loc["E", "Sample values"].startswith("15")
    # No year in the header: an answer without its year changes nothing and says why.
    edit(at, 4, "answer", "projects_submitted", None)
    assert "This question is asked per year: give the year. Nothing was changed." in texts(at)
    assert not table(at).loc["E", "Chosen by hand"]
    edit(at, 4, "answer", "projects_submitted", 2023)
    edit(at, 5, "answer", "projects_funded", 2023)
    shown = table(at)
    assert shown.loc["E", "Read as"] == "EU proposals submitted 2023"
    assert shown.loc["E", "Year"] == 2023 and shown.loc["F", "Year"] == 2023
    assert shown.loc["E", "Role"] == "answer" and shown.loc["E", "Confidence"] == "100%"
    figures = headline(at)
    assert figures["EU proposals submitted (all years)"][1] == "22 (n = 2)"
    assert figures["EU projects funded (all years)"][1] == "6 (n = 2)"


def test_an_answer_needs_a_question_and_the_page_speaks_french() -> None:
    at = upload(page("fr"), "limesurvey.xlsx", xlsx_bytes(LIMESURVEY))
    edit(at, 4, "answer", "", 2023)
    assert (
        "Choisissez la question à laquelle répond cette colonne, ou un autre rôle. "
        "Rien n'a été modifié." in texts(at)
    )
    french = [df.value for df in at.dataframe if "Lue comme" in df.value.columns]
    assert len(french) == 1
    assert french[0].columns.tolist()[:5] == ["Colonne", "En-tête", "Lue comme", "Année", "Rôle"]
    assert not french[0].set_index("Colonne").loc["E", "Choisie à la main"]


def test_headers_and_samples_are_shown_as_written_never_as_markdown() -> None:
    hostile = "**Q9** [lien](https://evil.example) <b>x</b>"
    content = xlsx_from_grid(grid(comment_header=(4, 14, hostile), comment=(5, 14, "_a_ `b`")))
    at = upload(page(), "hostile.xlsx", content)
    shown = table(at)
    assert shown.loc["O", "Header"] == hostile
    assert shown.loc["O", "Sample values"] == "_a_ `b`"
    box = at.selectbox(key=column_editor.K_COLUMN)
    assert f"O: {hostile}" in box.options
    assert "evil.example" not in texts(at)


def test_an_ambiguous_column_offers_the_questions_it_could_answer_first() -> None:
    rows = [["Pôle", "Adhérents et ETP équipe Europe"], ["Minalogic", 3], ["Vitagora", 2]]
    at = upload(page(), "ambiguous.xlsx", xlsx_bytes(rows))
    assert store_button(at).disabled  # an ambiguous column is an error: nothing is guessed
    box = at.selectbox(key=step_columns.widget_key(1))
    assert box.options[0] == "Keep as an extra column"
    assert set(box.options[1:3]) == {"Members", "Europe team FTE"}
    box.set_value("members")
    rerun(at)
    assert table(at).loc["B", "Read as"] == "Members"
    assert not store_button(at).disabled
