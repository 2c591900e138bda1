"""A shared link opened as the very first request after the app (re)starts.

Because a `pages/` folder sits beside `app.py`, Streamlit answers a process's first
request in its old file-discovery mode; `ui.shell.frame` leaves that mode and runs again
so that `app.py`'s navigation answers. These cases check it from a fresh server each: the
root, a page link, and every page whose URL path differs from its file's name (none, by
convention: see `ui/navigation.py`).
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
    open_app,
    start_app,
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
