"""An unknown address in the French interface says "Page introuvable", never Streamlit's
English "Page not found": on a fresh server's very first request (before the app has
declared its pages, Streamlit opens its own dialog) and for an address of several
segments (which no page's URL path can hold), each from a server of its own."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page

from analysis.core.i18n import t
from tests.browser.harness import AppServer, open_app, start_app, wait_for_value

pytestmark = pytest.mark.browser


@pytest.fixture
def fresh_server(seeded_db_file: Path, tmp_path: Path) -> Iterator[AppServer]:
    """An app process that has answered no request yet."""
    server = start_app(seeded_db_file, tmp_path)
    yield server
    server.stop()


def _told_in_french(page: Page) -> None:
    """The page shows "Page introuvable" (the dashboard's page or Streamlit's dialog,
    translated) and nothing on the page, nor in its accessibility tree, says "Page not found"."""
    french = t("ui.not_found_title", "fr")
    shown = wait_for_value(
        lambda: page.get_by_text(french, exact=True).count() > 0,
        True,
        page=page,
        timeout_ms=30000,
    )
    assert shown, "no 'Page introuvable'"
    # The dialog Streamlit opened before the script was loaded is translated once it is:
    # what remains must be French.
    english = wait_for_value(
        lambda: "Page not found" in page.locator("body").inner_text(),
        False,
        page=page,
        timeout_ms=10000,
    )
    assert not english
    assert "Page not found" not in page.locator("body").aria_snapshot()
    assert "You have requested page" not in page.locator("body").inner_text()
    assert page.get_by_test_id("stException").count() == 0


def test_an_unknown_page_as_the_first_request_says_so_in_french(
    page: Page, fresh_server: AppServer
) -> None:
    open_app(page, fresh_server.url, "nulle-part", lang="fr")
    _told_in_french(page)


@pytest.mark.parametrize("first", [True, False], ids=["first request", "later"])
def test_an_unknown_nested_address_says_nothing_in_english(
    page: Page, fresh_server: AppServer, first: bool
) -> None:
    """Streamlit 1.67 serves its page for "/foo/bar" but its scripts resolve under "/foo/"
    and are not found: a blank page (streamlit/streamlit#8013, open), no dialog at all.
    Whatever Streamlit answers there, it must not be English."""
    if not first:
        open_app(page, fresh_server.url, "", lang="fr")
    page.goto(f"{fresh_server.url}/foo/bar?lang=fr")
    page.wait_for_timeout(5000)
    if page.get_by_test_id("stApp").count():  # a fixed Streamlit: the app answers
        _told_in_french(page)
    body = page.locator("body")
    assert "Page not found" not in body.inner_text() + body.aria_snapshot()
