"""The upload page in a real browser: a real file goes through the page's file input, is
checked and stored, and the new round shows on the overview; a file with errors cannot be
stored; the template downloads as a real workbook.

Storing changes what every page shows by default, so each test runs its own app process
on its own copy of the seeded store, never the session's shared server.
"""

from __future__ import annotations

import io
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from playwright.sync_api import Page, expect

from analysis.core.model import SourceFile
from analysis.ingest.pipeline import ingest
from analysis.store import SurveyStore
from tests.browser.harness import (
    AppServer,
    no_exception,
    open_app,
    rerun,
    sign_in,
    start_app,
    wait_for_tiles,
)
from tests.support import hostile
from tests.support.messy import messy_grid, messy_xlsx, xlsx_from_grid

pytestmark = pytest.mark.browser

#: Headline tiles of the overview.
TILES = 6


@pytest.fixture
def own_server(seeded_db_file: Path, tmp_path: Path) -> Iterator[AppServer]:
    """An app process with a private copy of the seeded store (the test writes to it)."""
    server = start_app(seeded_db_file, tmp_path)
    yield server
    server.stop()


def stored_labels(server: AppServer) -> list[str]:
    with SurveyStore(server.db_url) as store:
        return store.labels()


def choose_file(page: Page, path: Path) -> None:
    """Put `path` in the page's uploader, as a visitor's file dialog would."""
    with rerun(page):
        page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(path)
    page.get_by_role("heading", name="2. Checks").wait_for()


def test_a_real_file_uploaded_stored_and_shown_on_the_overview(
    page: Page, own_server: AppServer, tmp_path: Path
) -> None:
    survey_file = tmp_path / "campagne 2024.xlsx"
    survey_file.write_bytes(messy_xlsx())
    open_app(page, own_server.url, "upload", lang="en")
    sign_in(page, own_server.editor_token(), lang="en")
    expect(page.get_by_role("heading", name="Upload a survey round")).to_be_visible()
    choose_file(page, survey_file)
    expect(page.get_by_text("0 errors, 1 warning.", exact=False)).to_be_visible()
    expect(page.get_by_text("headers on row 4: 5 poles", exact=False)).to_be_visible()
    assert stored_labels(own_server) == ["2023"]  # read and checked, nothing written

    label = page.get_by_label("Round label")
    expect(label).to_have_value("campagne 2024")
    with rerun(page):
        label.fill("2024")
        label.press("Enter")
    store = page.get_by_role("button", name="Store the round")
    expect(store).to_be_enabled()
    with rerun(page):
        store.click()
    expect(page.get_by_text("Round 2024 stored: 5 poles", exact=False)).to_be_visible()
    no_exception(page)
    assert stored_labels(own_server) == ["2023", "2024"]

    with rerun(page):
        page.get_by_role("link", name="See it on the overview").click()
    tiles = wait_for_tiles(page, TILES)
    assert tiles["Responding poles"] == "5"
    assert tiles["Members coordinating EU projects"] == "31"
    sidebar_round = page.get_by_test_id("stSidebar").get_by_role("combobox", name="Survey round")
    expect(sidebar_round).to_have_value("2024")
    no_exception(page)


def test_a_file_with_errors_cannot_be_stored(
    page: Page, own_server: AppServer, tmp_path: Path
) -> None:
    rows = messy_grid()
    rows[5][10] = "deux"  # row 6, column K: not a number
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(xlsx_from_grid(rows))
    open_app(page, own_server.url, "upload", lang="en")
    sign_in(page, own_server.editor_token(), lang="en")
    choose_file(page, bad)
    expect(page.get_by_text("1 error, 1 warning.", exact=False)).to_be_visible()
    expect(page.get_by_role("button", name="Store the round")).to_be_disabled()
    expect(page.get_by_text("The file has errors: correct them first")).to_be_visible()
    no_exception(page)
    assert stored_labels(own_server) == ["2023"]


def test_the_template_downloads_as_a_workbook_that_ingestion_reads(
    page: Page, own_server: AppServer, tmp_path: Path
) -> None:
    open_app(page, own_server.url, "upload", lang="fr")
    sign_in(page, own_server.editor_token(), lang="fr")
    page.get_by_text("Télécharger le modèle vide").click()
    with page.expect_download() as event:
        page.get_by_role("button", name="Modèle en français").click()
    target = tmp_path / event.value.suggested_filename
    event.value.save_as(target)
    assert target.name == "modele_enquete_europe.xlsx"
    book = openpyxl.load_workbook(io.BytesIO(target.read_bytes()))
    assert book.sheetnames[0] == "Réponses"
    result = ingest(SourceFile(target.name, target.read_bytes()))
    # As downloaded, only the example rows stand between the template and a stored round.
    assert [(p.code, p.sheet, p.cell) for p in result.report.errors] == [
        ("example_row", "Réponses", "A2"),
        ("initiative_example_row", "Initiatives", "A2"),
    ]
    no_exception(page)


def test_a_tiny_file_spanning_millions_of_cells_is_refused_and_the_server_lives_on(
    page: Page, own_server: AppServer, tmp_path: Path
) -> None:
    # Issue 15: an 870-byte .ods of repeated rows, uploaded here, killed the dashboard.
    bomb = tmp_path / "bombe.ods"
    bomb.write_bytes(hostile.repeated_row_ods(1))
    open_app(page, own_server.url, "upload", lang="en")
    sign_in(page, own_server.editor_token(), lang="en")
    with rerun(page):
        page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(bomb)
    expect(page.get_by_text("more than the 10,000,000 accepted", exact=False)).to_be_visible()
    no_exception(page)
    with urllib.request.urlopen(f"{own_server.url}/_stcore/health", timeout=10) as answer:
        assert answer.status == 200
    assert stored_labels(own_server) == ["2023"]
