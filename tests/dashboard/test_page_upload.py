"""AppTest of the upload page's first steps: the file and its report, on real files built in
code (unreadable, too big, messy, CSV), and what a new file or a rerun does."""

from __future__ import annotations

import re
from typing import Any

import pytest

import ui.upload.step_file
from analysis.store import SurveyStore
from tests.support import hostile, upload_page
from tests.support.apptest import metric_values, texts
from tests.support.messy import messy_csv, messy_xlsx, xlsx_from_grid
from tests.support.store_fixtures import dump
from tests.support.upload_page import (
    UNKNOWN_HEADER,
    frame,
    grid,
    headline,
    marked_cells,
    page,
    rerun,
    store_button,
    unknown_column_xlsx,
    upload,
)
from ui.upload import step_columns, step_report

store = upload_page.store


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
    assert "Signed in as editor" in texts(at)
    assert all(b.key != "upload_store" for b in at.button)


def test_a_messy_file_is_reported_previewed_and_compared(store: SurveyStore) -> None:
    before = dump(store.display_url)
    at = upload(page(), "messy.xlsx", messy_xlsx())
    (status,) = at.status
    assert status.label == "messy\\.xlsx read." and status.state == "complete"  # name escaped
    assert [bar.value for bar in at.progress] == [100]  # ingest's progress, to the end
    shown = texts(at)
    assert "0 errors, 1 warning. The round can be stored" in shown
    assert 'Sheet "Réponses", headers on row 4: 5 poles, years 2019, 2020, 2021, 2022.' in shown
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
    # Named at its cell: row 5 of the file, the 2022 submissions' column (F).
    assert submitted_2022[["cell", "pole", "before", "after"]].values.tolist() == [
        ["F5", "Aerospace Valley", "17", "1,234"]
    ]
    assert "1,234 is more than 3× the pole's other answers" in submitted_2022["why"].iloc[0]
    page_text = texts(at)
    assert "over 2019–2022 (the years this file and round 2023 both cover)" in page_text
    assert "An unchanged value is never flagged." in page_text
    # The comparison's own window of the file colours that cell as an outlier.
    windows = [df for df in at.dataframe if list(df.value.columns[:3]) == ["A", "B", "C"]]
    assert len(windows) == 2
    styles = str(windows[-1].proto.arrow_data.styler.styles)
    assert "#f4c7c3" in styles and "#d6e6f5" in styles  # an outlier, and ordinary changes
    assert headline(at)["Responding poles"] == ["40", "5"]
    assert dump(store.display_url) == before  # nothing written by reading, checking, comparing


def test_errors_are_located_highlighted_and_block_storing(store: SurveyStore) -> None:
    before = dump(store.display_url)
    bad = xlsx_from_grid(grid(recruitments=(6, 10, "deux")))
    at = upload(page(), "bad.xlsx", bad)
    assert "1 error, 1 warning." in texts(at)
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
    assert "1 erreur, 1 avertissement." in texts(at)


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


def test_a_new_file_starts_afresh() -> None:
    at = upload(page(), "unknown.xlsx", unknown_column_xlsx())
    at.selectbox(key=step_columns.widget_key(11)).set_value("members")
    at.text_input(key="upload_label").set_value("changed")
    rerun(at)
    upload(at, "messy.xlsx", messy_xlsx())
    assert at.text_input(key="upload_label").value == "messy"
    assert not [s for s in at.selectbox if s.key == step_columns.widget_key(11)]


def test_a_csv_export_goes_through_the_same_steps() -> None:
    at = upload(page(), "export.csv", messy_csv())
    assert 'Sheet "export", headers on row 4: 5 poles' in texts(at)
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
