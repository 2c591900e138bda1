"""The PDFs in a real browser: the fact sheet and a pole's report download and read back."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page

from analysis.store import SurveyStore
from tests.browser.harness import TIMEOUT_MS, AppServer, no_exception, open_app
from tests.support.pdf import page_texts

pytestmark = pytest.mark.browser
WAIT_MS = 3 * TIMEOUT_MS  # the PDF is typeset when the button is clicked


def download(page: Page, label: str, target: Path) -> tuple[str, list[str]]:
    """Click a download button; return the suggested file name and the PDF's page texts."""
    with page.expect_download(timeout=WAIT_MS) as event:
        page.get_by_role("button", name=label).click()
    event.value.save_as(target)
    return event.value.suggested_filename, page_texts(target.read_bytes())


def test_the_overview_fact_sheet_follows_the_filters(
    page: Page, app_url: str, app_server: AppServer, tmp_path: Path
) -> None:
    open_app(page, app_url, lang="fr", region="Occitanie")
    name, pages = download(page, "Fiche (PDF)", tmp_path / "sheet.pdf")
    assert name == "fiche_2023_fr_filtre.pdf"
    with SurveyStore(app_server.db_url) as store:
        survey = store.load_round("2023")
    occitanie = survey.responses.loc[survey.responses["region"] == "Occitanie", "pole"]
    assert len(pages) == 1
    assert f"{occitanie.nunique()} pôles répondants · région Occitanie" in pages[0]
    no_exception(page)


def test_the_peers_page_gives_the_pole_report(page: Page, app_url: str, tmp_path: Path) -> None:
    open_app(page, app_url, "peers", lang="en", peers_pole="Cap Digital")
    name, pages = download(page, "This pole's report (PDF)", tmp_path / "report.pdf")
    assert name == "report_2023_en_Cap-Digital.pdf"
    assert "Cap Digital" in pages[0] and all("Source: survey round 2023" in p for p in pages)
    no_exception(page)
