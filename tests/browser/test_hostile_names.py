"""In a real browser: a round label made of Markdown and HTML shows as text on the Overview
(issue 15, finding 4): no `<img>` fetches its address, no `<a>` links to it, no request
leaves for it, and the label reads as typed.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page

from analysis.core.model import SourceFile
from analysis.store import SurveyStore
from tests.browser.harness import AppServer, no_exception, open_app, start_app, wait_for_charts
from tests.support.hostile_names import HOSTILE_LABEL, hostile_round

pytestmark = pytest.mark.browser
TRAP = "127.0.0.1:9"


@pytest.fixture
def hostile_server(seeded_db_file: Path, tmp_path: Path) -> Iterator[AppServer]:
    server = start_app(seeded_db_file, tmp_path)
    with SurveyStore(f"sqlite:///{tmp_path / 'survey.db'}") as store:
        store.import_survey(hostile_round(), SourceFile("hostile.csv", b"pole\n"), actor="t")
    yield server
    server.stop()


def test_a_hostile_round_label_shows_as_text_on_the_overview(
    page: Page, hostile_server: AppServer
) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    open_app(page, hostile_server.url, "", lang="en")
    wait_for_charts(page)
    no_exception(page)
    # (The app's own links carry the label in their query string: same origin, no harm.)
    assert page.locator(f'img[src^="http://{TRAP}"]').count() == 0
    anchors = page.locator(f'a[href^="http://{TRAP}"]')
    assert anchors.count() == 0, [
        (a.get_attribute("href"), a.evaluate("e => e.parentElement.outerHTML.slice(0, 300)"))
        for a in anchors.all()[:3]
    ]
    assert page.locator("[data-testid=stCaptionContainer] strong").count() == 0
    assert HOSTILE_LABEL in page.inner_text("body")
    assert not [url for url in requested if url.startswith(f"http://{TRAP}")], requested
