"""A shared link opened as the very first request after the app (re)starts.

Because a `pages/` folder sits beside `app.py`, Streamlit answers a process's first
request in its old file-discovery mode; `ui.shell.frame` leaves that mode (by declaring
the app's pages) and runs again so that `app.py`'s navigation answers. These cases check
it from a fresh server each: the root, a page link, and every page whose URL path differs
from its file's name (none, by convention: see `ui/navigation.py`); and a link to a page
that does not exist, first and later.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.browser.harness import (
    PAGE_PATHS,
    AppServer,
    check_page,
    listed_titles,
    nav_titles,
    open_app,
    start_app,
    wait_for_value,
)
from ui.navigation import PAGES

pytestmark = pytest.mark.browser


def _cases() -> list[object]:
    """The root, one page link, and every page whose URL path is not its file's name."""
    pages = [url_path for _file, _title, url_path, _icon, _section in PAGES[1:]]
    other = [
        url_path for file, _title, url_path, _icon, _section in PAGES if url_path != Path(file).stem
    ]
    return [pytest.param("", id="root"), *(pytest.param(p, id=p) for p in [pages[0], *other])]


@pytest.fixture
def fresh_server(seeded_db_file: Path, tmp_path: Path) -> Iterator[AppServer]:
    """An app process that has answered no request yet."""
    server = start_app(seeded_db_file, tmp_path)
    yield server
    server.stop()


@pytest.mark.parametrize("url_path", _cases())
def test_a_page_link_works_as_the_first_request(
    page: Page, fresh_server: AppServer, url_path: str
) -> None:
    open_app(page, fresh_server.url, url_path, lang="en")
    check_page(page, url_path or PAGE_PATHS[0], listed_titles("en"))


def _says_so_and_links_the_overview(page: Page) -> None:
    """The dashboard's own translated page for an unknown address (`ui/navigation.py`), with
    the navigation and a link back to the overview; no exception."""
    page.get_by_role("heading", name="Page not found").first.wait_for()
    titles = listed_titles("en")
    assert wait_for_value(lambda: nav_titles(page), titles, page=page, timeout_ms=5000) == titles
    assert page.get_by_role("link", name=titles[0]).count() >= 1
    assert page.get_by_test_id("stException").count() == 0


def _says_so_at_first_request(page: Page) -> None:
    """On a fresh server's very first request the address is read before the app has
    declared its pages: Streamlit may answer with its own dialog over the default page
    instead of ours (a limit stated in the CHANGELOG). Either way the visitor is told, sees
    the navigation and no exception."""
    ours = page.get_by_role("heading", name="Page not found")
    streamlits = page.get_by_role("dialog").filter(has_text="Page not found")
    told = wait_for_value(
        lambda: ours.count() + streamlits.count() > 0, True, page=page, timeout_ms=30000
    )
    assert told, "neither the dashboard's page nor Streamlit's dialog said the page is unknown"
    titles = listed_titles("en")
    assert wait_for_value(lambda: nav_titles(page), titles, page=page, timeout_ms=5000) == titles
    assert page.get_by_test_id("stException").count() == 0


def test_an_unknown_page_as_the_first_request_says_so(page: Page, fresh_server: AppServer) -> None:
    open_app(page, fresh_server.url, "nope", lang="en")
    _says_so_at_first_request(page)


def test_an_unknown_page_later_says_so_and_links_the_overview(
    page: Page, app_server: AppServer
) -> None:
    open_app(page, app_server.url, "nope", lang="en")
    _says_so_and_links_the_overview(page)
