"""Fixtures of the browser tests: one app server and one Chromium per session, a page per test.

The server gets a private copy of the seeded sample store (`seeded_db_file` from
`tests/support/apptest.py`), so pages that write to the store cannot affect other tests.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.browser.harness import AppServer, launch, new_page, open_app, start_app


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's headless Chromium, shared by the session's tests."""
    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def app_server(
    seeded_db_file: Path, tmp_path_factory: pytest.TempPathFactory, browser: Browser
) -> Iterator[AppServer]:
    """The dashboard on a free port against its own copy of the seeded store, warmed up.

    A process's first request is special (`test_first_visit.py` covers it with fresh
    servers); one throw-away visit keeps the other tests independent of their order.
    """
    server = start_app(seeded_db_file, tmp_path_factory.mktemp("browser_app"))
    try:
        warm = new_page(browser)
        try:
            open_app(warm, server.url)
        finally:
            warm.context.close()
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def app_url(app_server: AppServer) -> str:
    """The running app's base URL (`http://127.0.0.1:<port>`)."""
    return app_server.url


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh browser context (hence a fresh Streamlit session) at 1400×1000."""
    tab = new_page(browser)
    yield tab
    tab.context.close()
