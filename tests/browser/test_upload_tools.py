"""One export per survey tool through the Upload page in a real browser (issue 13, item 9).

Each export of `tests.support.tool_exports` goes through the page's file input as an editor
sends it: the page must name the tool, show no traceback, name the personal columns it
leaves out (in the report's table), and show the figures summed here from the builder's
answers (the count of poles, the headline figures "this file" in the comparison). The two
exports naming people are then stored: the stored round must hold no personal column, and
the Rounds page must say that its original file does.

Tables are read from the grid's accessible rows (the cells themselves are drawn on a
canvas). Storing writes to the store, so the module runs its own app process on its own
copy of the seeded store: one for the module, a server start costs seconds here.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from analysis.core.i18n import fmt_int, t
from analysis.ingest.profiles.tools import profile
from analysis.store import SurveyStore
from tests.browser.harness import (
    AppServer,
    new_page,
    no_exception,
    open_app,
    rerun,
    sign_in,
    start_app,
    wait_for_value,
)
from tests.support import tool_exports as tools

pytestmark = pytest.mark.browser

#: The personal columns of each export, by header, as its builder lays them out.
PERSONAL: dict[str, set[str]] = {
    "google_forms_fr": {"Adresse e-mail"},
    "google_forms_en": {"Email Address"},
    "microsoft_forms_anonymous": {"Adresse de messagerie", "Nom"},
    "microsoft_forms_named": {"Adresse de messagerie", "Nom"},
    "limesurvey": set(),
    "kobotoolbox": set(),
    "surveymonkey": {"Email Address", "First Name", "Last Name"},
    "framaforms": {"Username"},
}
#: The exports stored (the two whose files name people).
STORED = ("microsoft_forms_named", "surveymonkey")
#: The report's sentences for a personal column left out.
_DROPPED = ("personal_column_dropped", "personal_emails_dropped", "personal_names_dropped")

#: Every table on the page: its rows (header row first) as cell texts.
_TABLES = """
() => Array.from(document.querySelectorAll('[data-testid="stDataFrame"]')).map(
  table => Array.from(table.querySelectorAll('tr')).map(
    row => Array.from(row.children).map(cell => cell.textContent.trim())))
"""


@pytest.fixture(scope="module")
def tools_server(
    seeded_db_file: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[AppServer]:
    """An app process with a private copy of the seeded store, for this module's uploads."""
    server = start_app(seeded_db_file, tmp_path_factory.mktemp("upload_tools"))
    yield server
    server.stop()


@pytest.fixture
def editor(browser: Browser, tools_server: AppServer) -> Iterator[Page]:
    """A fresh session on the Upload page, signed in as an editor, in English."""
    tab = new_page(browser)
    open_app(tab, tools_server.url, "upload", lang="en")
    sign_in(tab, tools_server.editor_token(), lang="en")
    yield tab
    tab.context.close()


def table(page: Page, first_header: str, count: int) -> list[list[str]]:
    """The data rows of the table whose header row starts with `first_header`, once it
    shows at least `count` of them."""

    def rows() -> list[list[str]]:
        found = [t for t in page.evaluate(_TABLES) if t and t[0] and t[0][0] == first_header]
        return found[0][1:] if found else []

    return wait_for_value(rows, lambda got: len(got) >= count, page=page)


def upload(page: Page, path: Path) -> None:
    """Put `path` in the page's uploader, as a file dialog would; wait for the steps."""
    with rerun(page):
        page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(path)
    page.get_by_role("heading", name="3. Columns").wait_for()


def dropped_as_personal(page: Page) -> set[str]:
    """The headers the report's table says are left out as personal data."""
    sentences = {t(f"validation.{key}", "en").lower() for key in _DROPPED}
    severity = t("upload.report_col_severity", "en")
    rows = table(page, severity, 1)
    (head,) = [r[0] for r in page.evaluate(_TABLES) if r and r[0] and r[0][0] == severity]
    at_header = head.index(t("upload.report_col_header", "en"))
    at_message = head.index(t("upload.report_col_message", "en"))
    return {row[at_header] for row in rows if row[at_message].lower() in sentences}


def headline(page: Page) -> dict[str, str]:
    """The comparison's headline table: figure -> its value in this file."""
    figure = t("upload.diff_col_figure", "en")
    return {row[0]: row[-1] for row in table(page, figure, 9)}


def shown(value: int, n: int) -> str:
    """A headline total as the page words it."""
    return t("upload.diff_with_n", "en", value=fmt_int(value, "en"), n=n)


@pytest.mark.parametrize("key", sorted(tools.EXPORTS))
def test_each_tool_export_is_named_read_right_and_its_personal_columns_left_out(
    editor: Page, tools_server: AppServer, tmp_path: Path, key: str
) -> None:
    tool, build = tools.EXPORTS[key]
    name, content = build()
    export = tmp_path / name
    export.write_bytes(content)
    upload(editor, export)
    expected = tools.expected()
    poles = len(expected["poles"])
    named = profile(tool)
    assert named is not None, tool
    expect(
        editor.get_by_text(t("upload.columns_tool", "en", tool=named.name), exact=True)
    ).to_be_visible()
    years = ", ".join(str(year) for year in tools.YEARS)
    expect(editor.get_by_text(f"{poles} poles, years {years}.", exact=False)).to_be_visible()
    no_exception(editor)

    assert dropped_as_personal(editor) == PERSONAL[key]
    figures = headline(editor)
    assert figures[t("upload.headline_respondents", "en")] == str(poles)
    assert figures[t("upload.headline_projects_submitted_total", "en")] == shown(
        sum(expected["submitted"].values()), poles
    )
    assert figures[t("upload.headline_projects_funded_total", "en")] == shown(
        sum(expected["funded"].values()), poles
    )
    assert figures[t("upload.headline_coordinator_members_total", "en")] == shown(
        expected["coordinator_members"], poles
    )
    no_exception(editor)
    if key in STORED:
        store(editor, tools_server, key)


def store(page: Page, server: AppServer, key: str) -> None:
    """Store the upload as round `key`; the stored round holds no one's name or e-mail."""
    field = page.get_by_label("Round label")
    with rerun(page):
        field.fill(key)
        field.press("Enter")
    button = page.get_by_role("button", name="Store the round")
    expect(button).to_be_enabled()
    with rerun(page):
        button.click()
    expect(page.get_by_text(f"Round {key} stored", exact=False)).to_be_visible()
    no_exception(page)
    with SurveyStore(server.db_url) as survey_store:
        stored = survey_store.load_round(key)
        (record,) = [r for r in survey_store.list_rounds() if r.label == key]
    kept = {str(c) for f in (stored.responses, stored.extras) for c in f.columns}
    assert not kept & PERSONAL[key]
    values = " ".join(
        str(v) for f in (stored.responses, stored.extras) for v in f.to_numpy().ravel()
    )
    assert not any(email in values or last in values for _first, last, email in tools.PEOPLE)
    assert sorted(stored.responses["pole"]) == tools.expected()["poles"]
    # The file's record names the columns its original still holds: "D (Adresse de messagerie)".
    assert len(record.personal_columns) == len(PERSONAL[key])
    for header in PERSONAL[key]:
        assert any(c.endswith(f"({header})") for c in record.personal_columns), header
    # The Rounds page warns that the original, kept byte for byte, still holds them.
    open_app(page, server.url, "rounds", lang="en", round=key)
    columns = ", ".join(record.personal_columns)
    warning = t("rounds.personal_data", "en", columns=columns)
    expect(page.get_by_text(warning, exact=True)).to_be_visible()
    no_exception(page)


def test_an_unfinished_limesurvey_response_is_named_and_left_out_by_choice(
    editor: Page, tmp_path: Path
) -> None:
    name, content = tools.limesurvey(incomplete=True)
    export = tmp_path / name
    export.write_bytes(content)
    upload(editor, export)
    unfinished = tools.INCOMPLETE
    # Codes on row 1, question texts on row 2: the unfinished response is the fourth, row 6.
    row = "6"
    severity = t("upload.report_col_severity", "en")
    sentence = t("validation.incomplete_response", "en").lower()
    rows = table(editor, severity, 2)
    assert [r[2] for r in rows if r[-1].lower() == sentence] == [row]
    expected = tools.expected()
    poles = len(expected["poles"])
    submitted = sum(expected["submitted"].values())
    expect(editor.get_by_text(f"{poles + 1} poles, years", exact=False)).to_be_visible()
    figure = t("upload.headline_projects_submitted_total", "en")
    kept = wait_for_value(lambda: headline(editor).get(figure), bool, page=editor)
    assert kept == shown(submitted + sum(unfinished.submitted), poles + 1)

    with rerun(editor):
        editor.get_by_text(t("upload.rows_drop_incomplete", "en", rows=row), exact=True).click()
    expect(editor.get_by_text(f"{poles} poles, years", exact=False)).to_be_visible()
    left = wait_for_value(
        lambda: headline(editor).get(figure), shown(submitted, poles), page=editor
    )
    assert left == shown(submitted, poles)
    no_exception(editor)
