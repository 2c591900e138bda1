"""The mapping step in a real browser (issue 13, item 4): a LimeSurvey export whose headers
are question codes only gets no yearly figure until a code-only column is mapped, in the
page, to a field and a year; the figure is then the sum of that column, and it is stored so.

Storing changes the store, so the test runs its own app process on its own copy of the
seeded store.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from analysis.store import SurveyStore
from tests.browser.harness import AppServer, no_exception, open_app, rerun, sign_in, start_app
from tests.support.files import xlsx_bytes

pytestmark = pytest.mark.browser

#: LimeSurvey, codes only: `Q2_SQ001` is the proposals submitted in 2023, which no header says.
LIMESURVEY = [
    ["id", "submitdate", "lastpage", "Q1", "Q2_SQ001", "Q2_SQ002"],
    [1, "2024-03-01 10:00:00", 3, "Minalogic", "15.0000000000", "4"],
    [2, "2024-03-02 11:00:00", 3, "Vitagora", "7.0000000000", "2"],
]


@pytest.fixture
def own_server(seeded_db_file: Path, tmp_path: Path) -> Iterator[AppServer]:
    """An app process with a private copy of the seeded store (the test writes to it)."""
    server = start_app(seeded_db_file, tmp_path)
    yield server
    server.stop()


def pick(page: Page, label: str, option: str) -> None:
    """Choose `option` in the main area's selectbox labelled `label`: typed, so that the
    list shows it alone, then taken with Enter (as a keyboard user would)."""
    box = page.get_by_role("combobox", name=label, exact=True)
    with rerun(page):
        box.click()
        box.press_sequentially(option)
        expect(page.get_by_role("option", name=option, exact=True)).to_be_visible()
        box.press("Enter")
    expect(box).to_have_value(option)


def test_a_code_only_column_mapped_to_a_field_and_year_gives_the_right_figure(
    page: Page, own_server: AppServer, tmp_path: Path
) -> None:
    export = tmp_path / "results-survey123.xlsx"
    export.write_bytes(xlsx_bytes(LIMESURVEY))
    open_app(page, own_server.url, "upload", lang="en")
    sign_in(page, own_server.editor_token(), lang="en")
    with rerun(page):
        page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(export)
    page.get_by_role("heading", name="3. Columns").wait_for()
    expect(page.get_by_text("Exported from LimeSurvey", exact=False)).to_be_visible()
    expect(page.get_by_text("2 poles, years –", exact=False)).to_be_visible()

    pick(page, "Column to change", "E: Q2_SQ001")
    pick(page, "Role", "answer")
    pick(page, "Question it answers (for the answer role)", "EU proposals submitted")
    year = page.get_by_role("spinbutton", name="Year (for a yearly question)")
    with rerun(page):
        year.fill("2023")
        year.press("Enter")
    with rerun(page):
        page.get_by_role("button", name="Apply").click()
    expect(page.get_by_text("2 poles, years 2023", exact=False)).to_be_visible()
    no_exception(page)

    label = page.get_by_label("Round label")
    with rerun(page):
        label.fill("LimeSurvey 2024")
        label.press("Enter")
    store_button = page.get_by_role("button", name="Store the round")
    expect(store_button).to_be_enabled()
    with rerun(page):
        store_button.click()
    expect(page.get_by_text("Round LimeSurvey 2024 stored", exact=False)).to_be_visible()
    no_exception(page)
    with SurveyStore(own_server.db_url) as store:
        yearly = store.load_round("LimeSurvey 2024").yearly
    assert yearly["year"].tolist() == [2023, 2023]
    assert int(yearly["projects_submitted"].sum()) == 15 + 7
