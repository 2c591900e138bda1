"""Closed by default, in a real browser: with no credential configured, an anonymous
visitor sees no uploader and no delete; the first-start token printed in the server's
console (its log) signs in, and then the uploader and the delete appear."""

from __future__ import annotations

import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from analysis.store import SurveyStore
from tests.browser.harness import AppServer, no_exception, open_app, sign_in, start_app

pytestmark = pytest.mark.browser


@pytest.fixture
def own_server(seeded_db_file: Path, tmp_path: Path) -> Iterator[AppServer]:
    """An app process of the test's own, so its token and budget are fresh."""
    server = start_app(seeded_db_file, tmp_path)
    yield server
    server.stop()


def test_an_anonymous_visitor_cannot_edit_until_signed_in_with_the_printed_token(
    page: Page, own_server: AppServer
) -> None:
    open_app(page, own_server.url, "upload", lang="en")
    expect(page.get_by_text("This change needs the editor token", exact=False)).to_be_visible()
    expect(page.get_by_test_id("stFileUploader")).to_have_count(0)
    token = own_server.editor_token()
    assert stat.S_IMODE(own_server.token_file.stat().st_mode) == 0o600
    assert token in own_server.output()  # printed in the console, with the URL
    assert "http://127.0.0.1:" in own_server.output()

    open_app(page, own_server.url, "rounds", lang="en")
    expect(page.get_by_text("Sign in to edit (delete or restore a round)")).to_be_visible()
    expect(page.get_by_role("button", name="Delete this round")).to_have_count(0)

    page.get_by_text("Sign in to edit (delete or restore a round)").click()
    sign_in(page, "not-the-token-at-all")
    expect(page.get_by_text("Wrong password: nothing was changed.")).to_be_visible()
    sign_in(page, token)
    expect(page.get_by_role("button", name="Delete this round")).to_be_visible()
    expect(page.get_by_text("Signed in as editor")).to_be_visible()
    no_exception(page)


def test_a_restore_is_confirmed_in_a_dialog(page: Page, own_server: AppServer) -> None:
    with SurveyStore(own_server.db_url) as store:
        current = store.load_round("2023")
        store.import_survey(
            current.with_frames(responses=current.responses.iloc[:5]), replace=True, actor="a"
        )
    open_app(page, own_server.url, "rounds", lang="en")
    page.get_by_text("Sign in to edit (delete or restore a round)").click()
    sign_in(page, own_server.editor_token())
    page.get_by_role("button", name="Restore this version").click()
    dialog = page.get_by_role("dialog")
    expect(dialog.get_by_text("Restore an earlier version?")).to_be_visible()
    with SurveyStore(own_server.db_url) as store:
        assert len(store.load_round("2023").responses) == 5  # nothing before the confirmation
    dialog.get_by_role("button", name="Yes, make this version current").click()
    expect(page.get_by_text("of round 2023 is current again", exact=False)).to_be_visible()
    with SurveyStore(own_server.db_url) as store:
        assert len(store.load_round("2023").responses) == 40
        assert store.audit_log(limit=1)[0].actor == "shared password"
    no_exception(page)
