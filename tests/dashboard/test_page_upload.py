"""AppTest of the upload page: each step on real files built in code, and the store's
state before and after (nothing is written before the Store button)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

import ui.upload.step_file
from analysis.ingest.mapping.memory import signature
from analysis.store import SurveyStore
from tests.support import hostile
from tests.support.apptest import metric_values, open_app, texts
from tests.support.messy import MESSY_HEADERS, messy_csv, messy_grid, messy_xlsx, xlsx_from_grid
from tests.support.store_fixtures import build_round, dump, stand_in
from ui.upload import step_columns, step_poles, step_report

PAGE = "pages/upload.py"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
UNKNOWN_HEADER = "Q6 - Nb de chefs de file"


@pytest.fixture
def store(app_db: str) -> Iterator[SurveyStore]:
    """The test's own store, as the page sees it."""
    with SurveyStore(app_db) as opened:
        yield opened


def page(lang: str = "en") -> AppTest:
    return open_app(PAGE, lang=lang)


def upload(at: AppTest, name: str, content: bytes) -> AppTest:
    at.file_uploader(key="upload_file").set_value((name, content, XLSX)).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


#: How each table of the page is recognised: its first columns (read-only tables carry no key).
TABLES: dict[str, tuple[str, ...]] = {
    "report": ("severity", "sheet", "row"),
    "preview": ("A", "B", "C"),
    "columns": ("Column", "Header", "Read as"),
    "flagged": ("pole", "figure", "before", "after", "why"),
    "headline": ("figure", "before", "after"),
}


def frame(at: AppTest, name: str) -> pd.DataFrame:
    """The table `name` (see `TABLES`) as drawn."""
    wanted = list(TABLES[name])
    found = [df for df in at.dataframe if list(df.value.columns[: len(wanted)]) == wanted]
    assert len(found) == 1, f"{len(found)} table(s) {name}"
    return found[0].value


def styles_of_preview(at: AppTest) -> str:
    """The CSS the preview's Styler sent."""
    wanted = list(TABLES["preview"])
    (table,) = [df for df in at.dataframe if list(df.value.columns[:3]) == wanted]
    return str(table.proto.arrow_data.styler.styles)


#: The preview's colours by severity (`step_report.STYLES`'s backgrounds).
COLOURS = {"#f4c7c3": "error", "#fde8b0": "warning"}


def marked_cells(at: AppTest) -> dict[tuple[int, str], str]:
    """`(row, letter) -> "error" | "warning"` for every cell the preview colours.

    The Styler's CSS names cells by position, cells of the same style in one rule
    (`#T_x_row3_col14, #T_x_row5_col2 { background-color: ... }`); the positions are
    turned back into the sheet's row numbers and column letters.
    """
    shown = frame(at, "preview")
    marked: dict[tuple[int, str], str] = {}
    for selectors, colour in re.findall(
        r"([^{}]+)\{ background-color: (#[0-9a-f]{6})", styles_of_preview(at)
    ):
        for row, col in re.findall(r"_row(\d+)_col(\d+)", selectors):
            marked[(int(shown.index[int(row)]), str(shown.columns[int(col)]))] = COLOURS[colour]
    return marked


#: The initiatives sheet of `side_sheets_xlsx`: two applications, the first by "Minalogik".
INITIATIVES = [
    ["Pôle", "Titre", "Catégorie", "Date de début"],
    ["Minalogik", "Réseau de living labs", "Success story", "14/05/2022"],
    ["CAP DIGITAL", "Guichet Europe", "impact", "2021-01-01"],
]
#: The projects sheet of `side_sheets_xlsx`: two answering poles' projects of one year, as
#: many as they answer in the responses sheet (so no totals warning).
PROJECTS = [
    ["Pôle", "Année", "Programme", "Déposés", "Retenus"],
    ["Minalogic", 2021, "Horizon Europe", 24, 6],
    ["Cap Digital", 2022, "LIFE", 31, 9],
]


def side_sheets_xlsx(
    initiatives: list[list[Any]] | None = None,
    projects: list[list[Any]] | None = None,
    **changes: Any,
) -> bytes:
    """The messy export (with `changes`, as `grid`) followed by an "Initiatives" and a
    "Projets" sheet (by default `INITIATIVES` and `PROJECTS`)."""
    return xlsx_from_grid(
        grid(**changes),
        after=[("Initiatives", initiatives or INITIATIVES), ("Projets", projects or PROJECTS)],
    )


def rerun(at: AppTest) -> AppTest:
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def grid(**changes: Any) -> list[list[Any]]:
    """The messy export with some cells changed: `cell=(row, column_index, value)`."""
    rows = messy_grid()
    for row, column, value in changes.values():
        rows[row - 1][column] = value
    return rows


def unknown_column_xlsx(**changes: Any) -> bytes:
    """The messy export whose coordinators' header matches no question (column L)."""
    return xlsx_from_grid(grid(header=(4, 11, UNKNOWN_HEADER), **changes))


def headline(at: AppTest) -> dict[str, list[str]]:
    table = frame(at, "headline")
    return {row[0]: list(row[1:]) for row in table.itertuples(index=False)}


def store_button(at: AppTest) -> Any:
    return at.button(key="upload_store")


# --- step 1 and 2: the file and its report -----------------------------------------------


def test_the_page_opens_with_the_uploader_and_the_templates() -> None:
    at = page()
    assert at.file_uploader(key="upload_file").allowed_type == [
        ".xlsx",
        ".xlsm",
        ".xls",
        ".ods",
        ".csv",
    ]
    labels = [button.label for button in at.download_button]
    assert labels == ["Template in English", "Template in French"]
    assert "Editing is open" in texts(at)
    assert all(b.key != "upload_store" for b in at.button)


def test_a_messy_file_is_reported_previewed_and_compared(store: SurveyStore) -> None:
    before = dump(store.display_url)
    at = upload(page(), "messy.xlsx", messy_xlsx())
    (status,) = at.status
    assert status.label == "messy\\.xlsx read." and status.state == "complete"  # name escaped
    assert [bar.value for bar in at.progress] == [100]  # ingest's progress, to the end
    shown = texts(at)
    assert "0 error(s), 1 warning(s). The round can be stored" in shown
    assert 'Sheet "Réponses", headers on row 4: 5 pole(s), years 2019, 2020, 2021, 2022.' in shown
    report = frame(at, "report")
    assert report.columns.tolist() == [
        "severity",
        "sheet",
        "row",
        "column",
        "header",
        "value",
        "expected",
        "message",
    ]
    assert report[["severity", "sheet", "row"]].values.tolist() == [["Warning", "Réponses", 4]]
    # the place is in its own columns, not repeated at the head of the message
    assert report.loc[0, "message"] == (
        'These columns match no question and are kept as extra columns: "Commentaires" (O).'
    )
    preview = frame(at, "preview")
    assert preview.loc[5, "A"] == "AEROSPACE VALLEY" and preview.loc[4, "O"] == "Commentaires"
    assert marked_cells(at) == {(4, "O"): "warning"}  # the extra column's header, not the row
    assert not [s for s in at.selectbox if s.key == step_report.K_SHEET]  # one sheet to show
    # step 5: against the stored sample round
    assert metric_values(at) == {
        "Poles in both rounds": "5",
        "New poles": "0",
        "Poles missing from this file": "35",
    }
    flagged = frame(at, "flagged")
    submitted_2022 = flagged[flagged["figure"] == "EU proposals submitted 2022"]
    assert submitted_2022[["pole", "before", "after"]].values.tolist() == [
        ["Aerospace Valley", "17", "1,234"]
    ]
    assert headline(at)["Responding poles"] == ["40", "5"]
    assert dump(store.display_url) == before  # nothing written by reading, checking, comparing


def test_errors_are_located_highlighted_and_block_storing(store: SurveyStore) -> None:
    before = dump(store.display_url)
    bad = xlsx_from_grid(grid(recruitments=(6, 10, "deux")))
    at = upload(page(), "bad.xlsx", bad)
    assert "1 error(s), 1 warning(s)." in texts(at)
    report = frame(at, "report")
    error = report[report["severity"] == "Error"].iloc[0]
    assert (error["row"], error["column"], error["value"]) == (6, "K", "deux")
    assert error["header"] == "Q5 - Recrutements equipe Europe (nombre)"
    assert error["expected"] == "a whole number, 0 or more"
    # the error's red on its cell, the extra-columns warning's amber on the extra header only
    assert marked_cells(at) == {(6, "K"): "error", (4, "O"): "warning"}
    assert store_button(at).disabled
    assert "The file has errors: correct them first" in texts(at)
    assert dump(store.display_url) == before


def test_the_report_speaks_french() -> None:
    bad = xlsx_from_grid(grid(recruitments=(6, 10, "deux")))
    at = upload(page("fr"), "bad.xlsx", bad)
    report = frame(at, "report")
    assert set(report["severity"]) == {"Erreur", "Avertissement"}
    assert "« deux »" in " ".join(report["message"])
    assert not any(m.startswith("Feuille") for m in report["message"])  # no place repeated
    assert "1 erreur(s), 1 avertissement(s)." in texts(at)


def test_an_unreadable_file_is_explained_and_nothing_else_is_offered(store: SurveyStore) -> None:
    before = dump(store.display_url)
    at = upload(page(), "survey.xlsx", bytes(range(256)) * 8)
    assert "The file “survey.xlsx” is not a spreadsheet" in at.error[0].value
    assert [s.key for s in at.selectbox if s.key and s.key.startswith("upload_")] == []
    assert all(b.key != "upload_store" for b in at.button)
    assert dump(store.display_url) == before


def test_a_tiny_file_spanning_millions_of_cells_is_refused_in_one_sentence(
    store: SurveyStore,
) -> None:
    # Issue 15: this 914-byte .ods (40 million cells once read) killed the dashboard.
    before = dump(store.display_url)
    at = upload(page(), "bombe.ods", hostile.repeated_row_ods(1))
    shown = at.error[0].value.replace("\\", "")
    assert "spans 40,000,000 cells, more than the 10,000,000 accepted" in shown
    assert all(b.key != "upload_store" for b in at.button)
    assert dump(store.display_url) == before


def test_a_file_over_the_size_bound_is_refused_in_code(
    store: SurveyStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = dump(store.display_url)
    content = messy_xlsx()
    monkeypatch.setattr(ui.upload.step_file, "MAX_FILE_BYTES", len(content) - 1)
    at = upload(page(), "messy.xlsx", content)
    shown = at.error[0].value.replace("\\", "")  # as rendered, Markdown escapes removed
    sizes = re.findall(r"([0-9.]+) MB", shown)
    assert len(sizes) == 2 and sizes[0] != sizes[1]  # not "0 MB, more than the 0 MB"
    assert shown.endswith("MB accepted. It was not read.")
    assert not at.dataframe
    assert dump(store.display_url) == before


# --- step 3: columns mapped by hand --------------------------------------------------------


def test_mapping_a_column_by_hand_changes_the_figures(store: SurveyStore) -> None:
    at = upload(page(), "unknown.xlsx", unknown_column_xlsx())
    key = step_columns.widget_key(11)
    box = at.selectbox(key=key)
    assert box.value == "extra"
    assert "Column L:" in box.label
    assert box.options[:2] == ["Keep as an extra column", "Cluster"]
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
    assert "1 choice(s) pre-filled from an earlier upload" in texts(again)
    assert headline(again)["Members coordinating EU projects"][1] == "33 (n = 5)"


# --- step 4: poles ---------------------------------------------------------------------------


def test_unknown_poles_are_matched_or_confirmed_by_hand() -> None:
    content = xlsx_from_grid(grid(typo=(8, 0, "MINALOGIK"), invented=(9, 0, "Pôle Inventé")))
    at = upload(page(), "poles.xlsx", content)
    assert "0 error(s), 3 warning(s)." in texts(at)
    typo = at.selectbox(key=step_poles.widget_key("MINALOGIK"))
    assert typo.options[:2] == ["Not decided (stays a warning)", "Minalogic (closest)"]
    assert typo.value == step_poles.UNDECIDED
    typo.set_value("Minalogic")
    rerun(at)
    assert "0 error(s), 2 warning(s)." in texts(at)
    assert metric_values(at)["New poles"] == "1"
    at.selectbox(key=step_poles.widget_key("Pôle Inventé")).set_value(step_poles.NEW_POLE)
    rerun(at)
    assert "0 error(s), 1 warning(s)." in texts(at)  # the extra column is left
    assert at.selectbox(key=step_poles.widget_key("MINALOGIK")).value == "Minalogic"
    assert metric_values(at)["Poles in both rounds"] == "4"


def test_an_unknown_pole_of_the_initiatives_sheet_is_offered_and_the_pick_stored(
    store: SurveyStore,
) -> None:
    at = upload(page(), "awards.xlsx", side_sheets_xlsx())
    assert "0 error(s), 2 warning(s)." in texts(at)  # the extra column, "Minalogik"
    assert "Every pole is in the registry." not in texts(at)
    box = at.selectbox(key=step_poles.widget_key("Minalogik"))
    assert box.label == '"Minalogik" (sheet "Initiatives", row 2)'
    assert box.options[:2] == ["Not decided (stays a warning)", "Minalogic (closest)"]
    box.set_value("Minalogic")
    rerun(at)
    assert "0 error(s), 1 warning(s)." in texts(at)
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
    assert "2 error(s)" in texts(at)
    choice = at.selectbox(key=step_report.K_SHEET)
    assert choice.options == [
        "Réponses: 0 error(s), 1 warning(s)",
        "Projets: 1 error(s), 0 warning(s)",
        "Initiatives: 1 error(s), 2 warning(s)",
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


# --- step 6: storing ---------------------------------------------------------------------------


def test_storing_shows_the_round_in_the_selector_and_on_the_overview(store: SurveyStore) -> None:
    at = upload(page(), "messy.xlsx", messy_xlsx())
    assert at.text_input(key="upload_label").value == "messy"  # the file's name by default
    assert at.number_input(key="upload_period_start").value == 2019
    at.text_input(key="upload_label").set_value("2024")
    at.number_input(key="upload_poles_surveyed").set_value(10)
    rerun(at)
    assert not store_button(at).disabled
    store_button(at).click()
    rerun(at)
    assert "Round 2024 stored: 5 pole(s), years 2019, 2020, 2021, 2022." in texts(at)
    assert at.selectbox(key="f_round").value == "2024"
    assert at.selectbox(key="f_round").options == ["2023", "2024"]
    assert store.labels() == ["2023", "2024"]
    assert store.audit_log(1)[0].actor == "local"
    stored = store.load_round("2024")
    assert stored.info.poles_surveyed == 10 and stored.info.period_end == 2022
    # the same file in the uploader is not offered for storing again
    assert "This file was stored as round 2024." in texts(at)
    assert all(b.key != "upload_store" for b in at.button)
    at.switch_page("pages/overview.py")
    rerun(at)
    tiles = metric_values(at)
    assert tiles["Responding clusters"] == "5"
    assert tiles["Members coordinating EU projects"] == "31"
    assert "Round 2024" in texts(at)


def test_a_replacement_needs_the_explicit_confirmation(store: SurveyStore) -> None:
    at = upload(page(), "messy.xlsx", messy_xlsx())
    at.text_input(key="upload_label").set_value("2023")
    rerun(at)
    assert "A round labelled 2023 is already stored." in texts(at)
    assert store_button(at).label == "Replace the round"
    assert store_button(at).disabled
    at.checkbox(key="upload_replace").check()
    rerun(at)
    assert store_button(at).disabled
    at.text_input(key="upload_confirm").set_value("2022")
    rerun(at)
    assert store_button(at).disabled
    assert len(store.round_versions("2023")) == 1
    at.text_input(key="upload_confirm").set_value("2023")
    rerun(at)
    assert not store_button(at).disabled
    store_button(at).click()
    rerun(at)
    assert "Round 2023 replaced: 5 pole(s)" in texts(at)
    assert len(store.round_versions("2023")) == 2
    assert store.labels() == ["2023"]
    assert len(store.load_round("2023").responses) == 5


def test_a_blank_label_or_an_impossible_description_disables_the_button() -> None:
    at = upload(page(), "messy.xlsx", messy_xlsx())
    at.text_input(key="upload_label").set_value("   ")
    rerun(at)
    assert store_button(at).disabled
    assert "Give the round a label." in texts(at)
    at.text_input(key="upload_label").set_value("2024")
    at.number_input(key="upload_period_start").set_value(2023)
    rerun(at)
    assert store_button(at).disabled
    assert "The period starts in 2023 but ends in 2022: the start must come first." in texts(at)
    at.number_input(key="upload_period_start").set_value(2019)
    at.number_input(key="upload_poles_surveyed").set_value(4)  # the file has 5 poles
    rerun(at)
    assert store_button(at).disabled
    assert "4 poles surveyed is fewer than the 5 that answered" in texts(at)
    at.number_input(key="upload_poles_surveyed").set_value(5)
    rerun(at)
    assert not store_button(at).disabled


def test_a_new_file_starts_afresh() -> None:
    at = upload(page(), "unknown.xlsx", unknown_column_xlsx())
    at.selectbox(key=step_columns.widget_key(11)).set_value("members")
    at.text_input(key="upload_label").set_value("changed")
    rerun(at)
    upload(at, "messy.xlsx", messy_xlsx())
    assert at.text_input(key="upload_label").value == "messy"
    assert not [s for s in at.selectbox if s.key == step_columns.widget_key(11)]


# --- the editor credential ------------------------------------------------------------------


def test_with_a_credential_the_page_asks_for_it_and_records_the_editor(
    store: SurveyStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SURVEY_EDITOR_PASSWORD", "correct horse")
    at = page()
    assert not at.file_uploader
    assert [b.label for b in at.download_button]  # the template needs no credential
    at.text_input(key="auth_password").set_value("correct horse")
    at.button(key="auth_submit").click()
    rerun(at)
    upload(at, "messy.xlsx", messy_xlsx())
    at.text_input(key="upload_label").set_value("2024")
    rerun(at)
    store_button(at).click()
    rerun(at)
    assert store.audit_log(1)[0].actor == "editor"


def test_a_file_without_a_pole_column_is_rescued_by_mapping_one() -> None:
    rows = grid(pole_header=(4, 0, "Structure"))
    at = upload(page(), "nopole.xlsx", xlsx_from_grid(rows))
    assert "1 error(s)" in texts(at)
    assert "Nothing can be compared or stored until" in texts(at)
    assert all(b.key != "upload_store" for b in at.button)
    at.selectbox(key=step_columns.widget_key(0)).set_value("pole")
    rerun(at)
    assert "0 error(s), 1 warning(s)." in texts(at)
    assert metric_values(at)["Poles in both rounds"] == "5"
    assert not store_button(at).disabled


def test_a_csv_export_goes_through_the_same_steps() -> None:
    at = upload(page(), "export.csv", messy_csv())
    assert 'Sheet "export", headers on row 4: 5 pole(s)' in texts(at)
    assert frame(at, "preview").loc[5, "A"] == "AEROSPACE VALLEY"
    assert at.text_input(key="upload_label").value == "export"


def test_reruns_do_not_read_the_file_again(monkeypatch: pytest.MonkeyPatch) -> None:
    reads: list[tuple[object, object]] = []
    real = ui.upload.step_file.ingest

    def counting(source: Any, **options: Any) -> Any:
        reads.append((options["column_overrides"], options["pole_overrides"]))
        return real(source, **options)

    monkeypatch.setattr(ui.upload.step_file, "ingest", counting)
    at = upload(page(), "unknown.xlsx", unknown_column_xlsx())
    assert reads == [(None, None)]
    at.text_input(key="upload_label").set_value("2024")
    rerun(at)
    assert len(reads) == 1  # a widget elsewhere on the page reads nothing
    at.selectbox(key=step_columns.widget_key(11)).set_value("coordinator_members")
    rerun(at)
    assert reads[1:] == [({UNKNOWN_HEADER: "coordinator_members"}, None)]
    rerun(at)
    assert len(reads) == 2


def test_the_same_file_already_stored_is_said_before_store_and_needs_a_tick(
    store: SurveyStore,
) -> None:
    # The sample was stored by the seed, not by this session: the page asks the store.
    sample = store.original_file("2023")
    at = upload(page(), "copy.xlsx", sample.content)
    at.text_input(key="upload_label").set_value("copy of 2023")
    rerun(at)
    (warning,) = [w.value for w in at.warning if "SHA-256" in w.value]
    assert "already stored as round “2023”" in warning
    assert store_button(at).disabled
    assert "tick the box above to store it again" in texts(at)
    at.checkbox(key="upload_same_file").check()
    rerun(at)
    assert not store_button(at).disabled
    store_button(at).click()
    rerun(at)
    assert "Round copy of 2023 stored: 40 pole(s)" in texts(at)
    assert store.labels() == ["2023", "copy of 2023"]


def test_a_new_file_is_not_said_to_be_stored(store: SurveyStore) -> None:
    at = upload(page(), "messy.xlsx", messy_xlsx())
    assert not [w.value for w in at.warning if "SHA-256" in w.value]
    assert not [c for c in at.checkbox if c.key == "upload_same_file"]


def test_a_replacement_is_compared_with_the_round_it_replaces(store: SurveyStore) -> None:
    store.import_round(stand_in(build_round("2024", years=(2021, 2022, 2023))))
    at = upload(page(), "messy.xlsx", messy_xlsx())
    (choice,) = [s for s in at.selectbox if s.key and s.key.startswith("upload_previous")]
    assert choice.value == "2024"  # the newest period by default
    at.text_input(key="upload_label").set_value("2023")
    rerun(at)
    (choice,) = [s for s in at.selectbox if s.key and s.key.startswith("upload_previous")]
    assert choice.value == "2023"
    assert "Compared with round 2023, which this file would replace (step 6)." in texts(at)
    assert metric_values(at)["Poles missing from this file"] == "35"  # the sample's 40 - 5
