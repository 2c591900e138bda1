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
    wait_for_charts,
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


def _lands_on_the_overview_after_one_notice(page: Page) -> None:
    """Streamlit's "Page not found" notice, once, over the app's default page and navigation."""
    notice = page.get_by_role("dialog").filter(has_text="Page not found")
    notice.first.wait_for()
    assert notice.count() == 1
    titles = listed_titles("en")
    assert wait_for_value(lambda: nav_titles(page), titles, page=page, timeout_ms=5000) == titles
    wait_for_charts(page)
    assert page.get_by_test_id("stException").count() == 0
    assert "/nope" not in page.url


def test_an_unknown_page_as_the_first_request_says_so_and_opens_the_overview(
    page: Page, fresh_server: AppServer
) -> None:
    open_app(page, fresh_server.url, "nope", lang="en")
    _lands_on_the_overview_after_one_notice(page)


def test_an_unknown_page_later_says_so_and_opens_the_overview(
    page: Page, app_server: AppServer
) -> None:
    open_app(page, app_server.url, "nope", lang="en")
    _lands_on_the_overview_after_one_notice(page)
