"""A shared link opened as the very first request after the app (re)starts.

Because a `pages/` folder sits beside `app.py`, Streamlit answers a process's first
request with its file-name page discovery rather than `app.py`'s `st.navigation`: a
page whose URL path is its file's name runs on its own (the shell draws the frame) under
Streamlit's file-name navigation ("app", "overview", …), and any other path gets
Streamlit's "Page not found" dialog. Each case needs a fresh server.

Known to fail today (strict xfail, so a fix shows up): moving the page files out of
`pages/` (say to `views/`) would make `app.py` answer every request.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.browser.harness import (
    PAGE_PATHS,
    REPO_ROOT,
    AppServer,
    check_page,
    listed_titles,
    open_app,
    start_app,
)
from ui.navigation import PAGES

pytestmark = pytest.mark.browser


#: Whether Streamlit discovers page files by name (a `pages/` folder beside `app.py`).
DISCOVERS_FILES = (REPO_ROOT / "pages").is_dir()


def _cases() -> list[object]:
    """The root, one page named like its file, and every page named otherwise.

    Each case costs a server start, so one page stands for all those whose URL path is
    their file's name (they behave alike); the others each get a case.
    """
    same = [
        (url_path, "shows Streamlit's file-name navigation (app, overview…), not the app's")
        for file, _title, url_path, _icon, _section in PAGES[1:]
        if url_path == Path(file).stem
    ][:1]
    other = [
        (url_path, f"shows 'Page not found' ({file} is discovered as /{Path(file).stem})")
        for file, _title, url_path, _icon, _section in PAGES
        if url_path != Path(file).stem
    ]
    cases: list[object] = [pytest.param("", id="root")]
    for url_path, why in [*same, *other]:
        mark = pytest.mark.xfail(strict=True, reason=f"first request to /{url_path} {why}")
        cases.append(pytest.param(url_path, marks=mark if DISCOVERS_FILES else (), id=url_path))
    return cases


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
