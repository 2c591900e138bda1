"""The presentation page in a real browser: slides move, and the download is a real deck.

The downloaded file is opened with python-pptx and compared with what `analysis` computes
from the store the server reads.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page
from pptx import Presentation

from analysis.analytics import metrics
from analysis.analytics.filters import Filters
from analysis.deck import deck_content
from analysis.store import SurveyStore
from tests.browser.harness import TIMEOUT_MS, AppServer, no_exception, open_app

pytestmark = pytest.mark.browser
#: This page's waits are on what it shows; a loaded machine may need more than the default.
WAIT_MS = 2 * TIMEOUT_MS


def counter(page: Page, text: str) -> None:
    """Wait until the slide counter reads `text` (the page has run and drawn the slide)."""
    page.get_by_text(text, exact=True).wait_for(timeout=WAIT_MS)


def open_presentation(page: Page, app_url: str, title: str, first: str, **query: str) -> None:
    """Open the app, then the presentation page through the sidebar (as a visitor does)."""
    open_app(page, app_url, **query)
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=title, exact=True).click()
    counter(page, first)
    no_exception(page)


def download(page: Page, label: str, target: Path) -> tuple[str, Any]:
    """Click the deck button; return the suggested file name and the opened deck."""
    with page.expect_download(timeout=WAIT_MS) as event:
        page.get_by_role("button", name=label).click()
    event.value.save_as(target)
    return event.value.suggested_filename, Presentation(io.BytesIO(target.read_bytes()))


def stored(server: AppServer) -> Any:
    with SurveyStore(server.db_url) as store:
        return store.load_round("2023")


def test_slides_move_with_buttons_and_arrow_keys(page: Page, app_url: str) -> None:
    open_presentation(page, app_url, "Presentation", "Slide 1 of 10", lang="en")
    page.get_by_role("button", name="Next").click()
    counter(page, "Slide 2 of 10")
    page.get_by_text("1,500+", exact=True).wait_for(timeout=WAIT_MS)
    page.keyboard.press("ArrowRight")
    counter(page, "Slide 3 of 10")
    page.keyboard.press("ArrowLeft")
    counter(page, "Slide 2 of 10")
    no_exception(page)


def test_download_delivers_a_deck_python_pptx_opens(
    page: Page, app_url: str, app_server: AppServer, tmp_path: Path
) -> None:
    open_presentation(page, app_url, "Presentation", "Slide 1 of 10", lang="en")
    name, prs = download(page, "Download the deck (.pptx)", tmp_path / "deck.pptx")
    assert name == "poles_europe_2023_en.pptx"
    survey = stored(app_server)
    expected = deck_content(survey, Filters(round="2023"), "en")
    assert len(prs.slides) == len(expected.slides) == 10
    charts = [shape.chart for shape in prs.slides[5].shapes if shape.has_chart]
    totals = metrics.by_year(survey)["total"].astype(float).tolist()
    assert list(charts[0].plots[0].series[0].values) == totals
    no_exception(page)


def test_download_follows_the_filters_and_the_language(
    page: Page, app_url: str, app_server: AppServer, tmp_path: Path
) -> None:
    open_presentation(
        page, app_url, "Présentation", "Diapositive 1 sur 8", lang="fr", region="Occitanie"
    )
    name, prs = download(page, "Télécharger la présentation (.pptx)", tmp_path / "deck.pptx")
    assert name == "poles_europe_2023_fr_filtre.pptx"
    filters = Filters(round="2023", regions=("Occitanie",))
    expected = deck_content(stored(app_server), filters, "fr")
    assert len(prs.slides) == len(expected.slides)
    notes = prs.slides[1].notes_slide.notes_text_frame.text
    assert "Filtres : région Occitanie" in notes
    assert notes == expected.slides[1].notes
