"""The dashboard in a real browser: tiles, charts, filters, shared links, language, every page.

Expected figures come from the store the server reads, through `analysis` (filters and
metrics), so the test checks that what the browser draws is what the analysis computes.
"""

from __future__ import annotations

from functools import cache

import pytest
from playwright.sync_api import Browser, Page, expect

from analysis.analytics import metrics
from analysis.analytics.filters import Filters
from analysis.core.i18n import fmt_int
from analysis.core.model import SurveyRound
from analysis.store import SurveyStore
from tests.browser.harness import (
    PAGE_PATHS,
    AppServer,
    chart_data,
    chart_y,
    check_page,
    choose_language,
    follow_link,
    listed_titles,
    new_page,
    no_exception,
    open_app,
    query_of,
    rerun,
    sidebar_multiselect,
    tile_texts,
    wait_for_charts,
    wait_for_tiles,
    wait_for_value,
)
from ui.navigation import PAGES

pytestmark = pytest.mark.browser

OVERVIEW_EN = {
    "Responding poles": "40",
    "EU proposals submitted since 2019": "1,500+",
    "Average yearly growth": "+15%",
    "Recruitments in Europe teams": "120+",
    "Members coordinating EU projects": "116",
    "Poles planning to recruit": "60%",
}
SUBMITTED_EN = "EU proposals submitted since 2019"
SUBMITTED_FR = "Projets européens déposés depuis 2019"
RESPONDING = "Responding poles"
TILES = len(OVERVIEW_EN)


@cache
def _stored_round(db_url: str) -> SurveyRound:
    with SurveyStore(db_url) as store:
        return store.load_round(store.labels()[-1])


def expected_view(server: AppServer, filters: Filters) -> SurveyRound:
    """The newest stored round with `filters` applied, as the app should show it."""
    return filters.apply(_stored_round(server.db_url))


def yearly_totals(view: SurveyRound) -> list[int]:
    """Proposals submitted per year of `view` (the overview chart's bars)."""
    return [int(v) for v in metrics.by_year(view)["total"]]


def test_overview_tiles_and_chart_in_english(page: Page, app_url: str) -> None:
    open_app(page, app_url, lang="en")
    assert wait_for_tiles(page, TILES) == OVERVIEW_EN
    wait_for_charts(page)
    bars, growth = chart_data(page)
    assert bars["x"] == ["2019", "2020", "2021", "2022"]
    assert bars["y"] == [310, 357, 410, 471]
    assert growth["name"].startswith("Compound growth: 15.0% per year")
    no_exception(page)


def test_chart_data_opens_one_click_away(page: Page, app_url: str) -> None:
    """Closed, the chart's data expander holds no table (issue 17); one click draws it."""
    open_app(page, app_url, lang="en")
    wait_for_charts(page)
    expander = page.get_by_test_id("stExpander").filter(has_text="Data: ")
    expect(expander).to_have_count(1)
    expect(page.get_by_test_id("stTable")).to_have_count(0)
    with rerun(page):
        expander.locator("summary").click()
    table = expander.get_by_test_id("stTable")
    expect(table).to_have_count(1)
    expect(table.locator("th")).not_to_have_count(0)
    for year in ("2019", "2022"):
        expect(table).to_contain_text(year)
    no_exception(page)


def test_overview_tiles_in_french_use_french_number_formats(page: Page, app_url: str) -> None:
    open_app(page, app_url, lang="fr")
    tiles = wait_for_tiles(page, TILES)
    assert tiles[SUBMITTED_FR] == "1\u202f500+"
    assert tiles["Pôles prévoyant de recruter"] == "60\xa0%"
    wait_for_charts(page)
    assert chart_y(page) == [310, 357, 410, 471]
    no_exception(page)


def test_region_filter_redraws_the_chart(page: Page, app_server: AppServer) -> None:
    open_app(page, app_server.url, lang="en")
    wait_for_charts(page)
    before = chart_y(page)
    with rerun(page):
        sidebar_multiselect(page, "Regions", "Occitanie")
    view = expected_view(app_server, Filters(regions=("Occitanie",)))
    expected = yearly_totals(view)
    assert expected != before
    assert wait_for_value(lambda: chart_y(page), expected, page=page) == expected
    responding = fmt_int(len(view.responses), "en")
    tiles = wait_for_value(
        lambda: tile_texts(page), lambda now: now.get(RESPONDING) == responding, page=page
    )
    assert tiles[RESPONDING] == responding
    assert 0 < len(view.responses) < 40
    assert query_of(page)["region"] == ["Occitanie"]
    no_exception(page)


def _set_years_by_keyboard(page: Page, low_steps: int, high_steps: int) -> None:
    """Move the sidebar's year slider thumbs: the low one right, the high one left."""
    thumbs = page.get_by_test_id("stSidebar").get_by_role("slider")
    for thumb, key, steps in (
        (thumbs.first, "ArrowRight", low_steps),
        (thumbs.last, "ArrowLeft", high_steps),
    ):
        for _ in range(steps):
            with rerun(page):
                thumb.press(key)


def test_shared_link_shows_the_view_set_by_hand(
    page: Page, browser: Browser, app_server: AppServer
) -> None:
    open_app(page, app_server.url, lang="en", region="Occitanie", **{"from": "2020", "to": "2021"})
    linked = wait_for_tiles(page, TILES)
    wait_for_charts(page)
    view = expected_view(app_server, Filters(regions=("Occitanie",), year_from=2020, year_to=2021))
    assert chart_data(page)[0]["x"] == ["2020", "2021"]
    assert chart_y(page) == yearly_totals(view)
    assert linked[RESPONDING] == fmt_int(len(view.responses), "en")
    tags = (
        page.get_by_test_id("stSidebar").get_by_test_id("stMultiSelect").filter(has_text="Regions")
    )
    assert "Occitanie" in tags.inner_text()

    by_hand = new_page(browser)
    try:
        open_app(by_hand, app_server.url, lang="en")
        with rerun(by_hand):
            sidebar_multiselect(by_hand, "Regions", "Occitanie")
        _set_years_by_keyboard(by_hand, 1, 1)
        assert wait_for_value(lambda: tile_texts(by_hand), linked, page=by_hand) == linked
        assert wait_for_value(lambda: chart_y(by_hand), chart_y(page), page=by_hand) == chart_y(
            page
        )
        shared = query_of(by_hand)
        assert (shared["region"], shared["from"], shared["to"]) == (
            ["Occitanie"],
            ["2020"],
            ["2021"],
        )
        no_exception(by_hand)
    finally:
        by_hand.context.close()
    no_exception(page)


def test_language_switch_changes_labels_and_numbers(page: Page, app_url: str) -> None:
    open_app(page, app_url, lang="fr")
    assert wait_for_tiles(page, TILES)[SUBMITTED_FR] == "1\u202f500+"
    with rerun(page):
        choose_language(page, "English")
    tiles = wait_for_value(lambda: tile_texts(page), lambda tiles: SUBMITTED_EN in tiles, page=page)
    assert tiles == OVERVIEW_EN
    assert query_of(page)["lang"] == ["en"]
    with rerun(page):
        choose_language(page, "Français")
    tiles = wait_for_value(lambda: tile_texts(page), lambda tiles: SUBMITTED_FR in tiles, page=page)
    assert tiles[SUBMITTED_FR] == "1\u202f500+"
    assert query_of(page)["lang"] == ["fr"]
    no_exception(page)


@pytest.mark.parametrize("url_path", PAGE_PATHS)
def test_every_page_opens_by_its_address(page: Page, app_url: str, url_path: str) -> None:
    # The default page lives at the root (Streamlit ignores its URL path).
    open_app(page, app_url, "" if url_path == PAGE_PATHS[0] else url_path, lang="en")
    check_page(page, url_path, listed_titles("en"))


def test_sidebar_links_open_every_page(page: Page, app_url: str) -> None:
    if len(PAGES) < 2:
        pytest.skip("a single page: Streamlit shows no page links")
    open_app(page, app_url, lang="en")
    # Visit every other page, then come back to the default one.
    for url_path in [*PAGE_PATHS[1:], PAGE_PATHS[0]]:
        follow_link(page, url_path)
        check_page(page, url_path, listed_titles("en"))
        assert query_of(page)["lang"] == ["en"]


def test_filters_survive_a_page_switch(page: Page, app_server: AppServer) -> None:
    if len(PAGES) < 2:
        pytest.skip("a single page: nothing to switch to")
    open_app(page, app_server.url, lang="en")
    with rerun(page):
        sidebar_multiselect(page, "Regions", "Occitanie")
    follow_link(page, PAGE_PATHS[1])
    assert query_of(page)["region"] == ["Occitanie"]
    tags = page.get_by_test_id("stSidebar").get_by_test_id("stMultiSelect")
    expect(tags.filter(has_text="Regions")).to_contain_text("Occitanie")
    follow_link(page, PAGE_PATHS[0])
    view = expected_view(app_server, Filters(regions=("Occitanie",)))
    responding = fmt_int(len(view.responses), "en")
    tiles = wait_for_value(
        lambda: tile_texts(page), lambda now: now.get(RESPONDING) == responding, page=page
    )
    assert tiles[RESPONDING] == responding
    no_exception(page)


def test_reset_filters_stays_reset_after_the_next_interaction(
    page: Page, app_server: AppServer
) -> None:
    open_app(page, app_server.url, lang="en")
    with rerun(page):
        sidebar_multiselect(page, "Regions", "Occitanie")
    assert query_of(page)["region"] == ["Occitanie"]
    with rerun(page):
        page.get_by_test_id("stSidebar").get_by_role("button", name="Reset filters").click()
    assert "region" not in query_of(page)
    # The browser must not send the old selection back with the next interaction.
    with rerun(page):
        choose_language(page, "Français")
    assert "region" not in query_of(page)
    regions = page.get_by_test_id("stSidebar").get_by_test_id("stMultiSelect").first
    expect(regions).not_to_contain_text("Occitanie")
    tiles = wait_for_value(
        lambda: tile_texts(page), lambda now: now.get("Pôles répondants") == "40", page=page
    )
    assert tiles["Pôles répondants"] == "40"
    no_exception(page)
