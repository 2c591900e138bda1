"""In a real browser: a tile's "How this figure is computed" opens its Method entry first."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.browser.harness import (
    AppServer,
    no_exception,
    open_app,
    query_of,
    rerun,
    wait_for_tiles,
    wait_for_value,
)

pytestmark = pytest.mark.browser


def test_the_growth_tile_links_to_its_entry(page: Page, app_server: AppServer) -> None:
    open_app(page, app_server.url, lang="en")
    tiles = wait_for_tiles(page, 6)
    assert tiles["Average yearly growth"] == "+15%"
    links = page.get_by_test_id("stPageLink").get_by_text("How this figure is computed")
    assert links.count() == 6
    with rerun(page):
        links.nth(2).click()  # the third tile: the growth
    wait_for_value(lambda: query_of(page).get("figure"), ["projects_submitted_cagr"], page=page)
    assert query_of(page).get("figure") == ["projects_submitted_cagr"]
    first = page.get_by_test_id("stMainBlockContainer").locator("h2").first  # not the sidebar
    first.wait_for()
    assert wait_for_value(
        lambda: first.inner_text().strip(), "Average yearly growth", page=page
    ).startswith("Average yearly growth")
    assert page.get_by_text("40 of 40 poles answered both 2019 and 2022", exact=False).count() >= 1
    no_exception(page)
