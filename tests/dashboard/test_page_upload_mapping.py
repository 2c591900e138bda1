"""AppTest of the upload page's middle steps: columns mapped by hand (and remembered),
unknown poles matched or confirmed, and the side sheets' poles and problems."""

from __future__ import annotations

from analysis.ingest.mapping.memory import signature
from analysis.store import SurveyStore
from tests.support import upload_page
from tests.support.apptest import metric_values, texts
from tests.support.messy import MESSY_HEADERS, xlsx_from_grid
from tests.support.upload_page import (
    INITIATIVES,
    PROJECTS,
    UNKNOWN_HEADER,
    frame,
    grid,
    headline,
    marked_cells,
    page,
    rerun,
    side_sheets_xlsx,
    store_button,
    unknown_column_xlsx,
    upload,
)
from ui.upload import step_columns, step_poles, step_report

store = upload_page.store


# --- step 3: columns mapped by hand --------------------------------------------------------


def test_mapping_a_column_by_hand_changes_the_figures(store: SurveyStore) -> None:
    at = upload(page(), "unknown.xlsx", unknown_column_xlsx())
    key = step_columns.widget_key(11)
    box = at.selectbox(key=key)
    assert box.value == "extra"
    assert "Column L:" in box.label
    assert box.options[:2] == ["Keep as an extra column", "Pole"]
    assert "Members coordinating EU projects" in box.options
    assert box.options[-1] == "EU projects funded 2022"
    assert headline(at)["Members coordinating EU projects"][1] == "– (n = 0)"
    box.set_value("coordinator_members")
    rerun(at)
    assert at.selectbox(key=key).value == "coordinator_members"
    assert headline(at)["Members coordinating EU projects"][1] == "31 (n = 5)"
    read_as = frame(at, "columns").set_index("Column")
    assert read_as.loc["L", "Read as"] == "Members coordinating EU projects"
    assert (
        store.saved_mapping(signature([*MESSY_HEADERS[:11], UNKNOWN_HEADER, *MESSY_HEADERS[12:]]))
        == {}
    )


def test_the_mapping_is_remembered_for_the_next_file_with_the_same_headers(
    store: SurveyStore,
) -> None:
    at = upload(page(), "first.xlsx", unknown_column_xlsx())
    at.selectbox(key=step_columns.widget_key(11)).set_value("coordinator_members")
    rerun(at)
    at.text_input(key="upload_label").set_value("2024")
    rerun(at)
    store_button(at).click()
    rerun(at)
    headers = [*MESSY_HEADERS[:11], UNKNOWN_HEADER, *MESSY_HEADERS[12:]]
    assert store.saved_mapping(signature(headers)) == {UNKNOWN_HEADER: "coordinator_members"}
    # the next round: same headers, other answers, in a new session
    again = upload(page(), "second.xlsx", unknown_column_xlsx(members=(5, 11, 12)))
    assert again.selectbox(key=step_columns.widget_key(11)).value == "coordinator_members"
    assert "1 choice pre-filled from an earlier upload" in texts(again)
    assert headline(again)["Members coordinating EU projects"][1] == "33 (n = 5)"


# --- step 4: poles ---------------------------------------------------------------------------


def test_unknown_poles_are_matched_or_confirmed_by_hand() -> None:
    content = xlsx_from_grid(grid(typo=(8, 0, "MINALOGIK"), invented=(9, 0, "Pôle Inventé")))
    at = upload(page(), "poles.xlsx", content)
    assert "0 errors, 3 warnings." in texts(at)
    typo = at.selectbox(key=step_poles.widget_key("MINALOGIK"))
    assert typo.options[:2] == ["Not decided (stays a warning)", "Minalogic (closest)"]
    assert typo.value == step_poles.UNDECIDED
    typo.set_value("Minalogic")
    rerun(at)
    assert "0 errors, 2 warnings." in texts(at)
    assert metric_values(at)["New poles"] == "1"
    at.selectbox(key=step_poles.widget_key("Pôle Inventé")).set_value(step_poles.NEW_POLE)
    rerun(at)
    assert "0 errors, 1 warning." in texts(at)  # the extra column is left
    assert at.selectbox(key=step_poles.widget_key("MINALOGIK")).value == "Minalogic"
    assert metric_values(at)["Poles in both rounds"] == "4"


def test_an_unknown_pole_of_the_initiatives_sheet_is_offered_and_the_pick_stored(
    store: SurveyStore,
) -> None:
    at = upload(page(), "awards.xlsx", side_sheets_xlsx())
    assert "0 errors, 2 warnings." in texts(at)  # the extra column, "Minalogik"
    assert "Every pole is in the registry." not in texts(at)
    box = at.selectbox(key=step_poles.widget_key("Minalogik"))
    assert box.label == '"Minalogik" (sheet "Initiatives", row 2)'
    assert box.options[:2] == ["Not decided (stays a warning)", "Minalogic (closest)"]
    box.set_value("Minalogic")
    rerun(at)
    assert "0 errors, 1 warning." in texts(at)
    at.text_input(key="upload_label").set_value("2024")
    rerun(at)
    store_button(at).click()
    rerun(at)
    initiatives = store.load_round("2024").initiatives
    assert initiatives[["pole", "source_row"]].values.tolist() == [
        ["Minalogic", 2],
        ["Cap Digital", 3],
    ]


def test_a_pick_for_a_responding_pole_renames_it_in_the_side_sheets_too(
    store: SurveyStore,
) -> None:
    projects = [PROJECTS[0], ["minalogik", 2021, "LIFE", 24, 6]]
    content = side_sheets_xlsx(projects=projects, typo=(8, 0, "MINALOGIK"))
    at = upload(page(), "typo.xlsx", content)
    offered = [s.key for s in at.selectbox if s.key and s.key.startswith("upload_pole_")]
    assert offered == [step_poles.widget_key("MINALOGIK")]  # one name, offered once
    assert at.selectbox(key=offered[0]).label == '"MINALOGIK" (row 8)'
    at.selectbox(key=offered[0]).set_value("Minalogic")
    rerun(at)
    at.text_input(key="upload_label").set_value("2024")
    rerun(at)
    store_button(at).click()
    rerun(at)
    stored = store.load_round("2024")
    assert "Minalogic" in stored.responses["pole"].tolist()
    assert stored.initiatives["pole"].tolist() == ["Minalogic", "Cap Digital"]
    assert stored.projects["pole"].tolist() == ["Minalogic"]


def test_errors_of_the_projects_and_initiatives_sheets_are_highlighted_in_their_preview() -> None:
    projects = [*PROJECTS[:2], ["Cap Digital", 2022, "LIFE", 31, "deux"]]
    initiatives = [*INITIATIVES[:2], ["CAP DIGITAL", "Guichet Europe", "Prix spécial", None]]
    at = upload(page(), "sides.xlsx", side_sheets_xlsx(initiatives, projects))
    assert "2 errors" in texts(at)
    choice = at.selectbox(key=step_report.K_SHEET)
    assert choice.options == [
        "Réponses: 0 errors, 1 warning",
        "Projets: 1 error, 0 warnings",
        "Initiatives: 1 error, 2 warnings",
    ]
    assert choice.value == "Projets"  # the first sheet with errors is shown first
    assert frame(at, "preview").loc[3, "E"] == "deux"
    assert marked_cells(at) == {(3, "E"): "error"}
    choice.set_value("Initiatives")
    rerun(at)
    preview = frame(at, "preview")
    assert preview.loc[3, "C"] == "Prix spécial"
    assert marked_cells(at) == {
        (2, "A"): "warning",  # "Minalogik", not in the registry
        (3, "C"): "error",  # the unknown category
        (3, "D"): "warning",  # no start date
    }
    at.selectbox(key=step_report.K_SHEET).set_value("Réponses")
    rerun(at)
    assert marked_cells(at) == {(4, "O"): "warning"}


def test_a_pole_column_with_an_unknown_header_is_found_by_its_values() -> None:
    # Issue 13: values count. "Structure" names no question, but its cells are registry poles.
    rows = grid(pole_header=(4, 0, "Structure"))
    at = upload(page(), "nopole.xlsx", xlsx_from_grid(rows))
    assert "0 errors, 1 warning." in texts(at)
    assert metric_values(at)["Poles in both rounds"] == "5"
    assert not store_button(at).disabled
