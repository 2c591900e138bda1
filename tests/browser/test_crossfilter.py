"""Cross-filtering in a real browser: selecting chart marks narrows the rest of the page.

Only a browser can click or box-select a plotly chart, so these tests drive the two
selectable charts (the trends page's group totals and the map) and check the narrowed
figures against `analysis`, then that "Clear selection" really clears: the selection
must not come back on the next rerun (the browser keeps it unless the chart is redrawn).
"""

from __future__ import annotations

from functools import cache

import pytest
from playwright.sync_api import Locator, Page, expect

from analysis.analytics import metrics
from analysis.analytics.filters import Filters
from analysis.analytics.regions import FIGURES, overall
from analysis.core.i18n import t
from analysis.core.model import SurveyRound
from analysis.store import SurveyStore
from tests.browser.harness import (
    AppServer,
    box_select_bar,
    chart_data,
    chart_y,
    choose_language,
    click_bar,
    click_map,
    no_exception,
    open_app,
    rerun,
    tile_texts,
    wait_for_charts,
    wait_for_value,
)

pytestmark = pytest.mark.browser

ALL_YEARS = [310, 357, 410, 471]
#: Streamlit keys (prefixes: a cleared chart is redrawn under a versioned key).
TRENDS_GROUPS = "trends_groups_region"
TRENDS_MAIN = "trends_main"
MAP = "map_chart"
#: Lyon, a point well inside Auvergne-Rhône-Alpes (longitude, latitude).
LYON = (4.835, 45.764)


@cache
def _stored_round(db_url: str) -> SurveyRound:
    with SurveyStore(db_url) as store:
        return store.load_round(store.labels()[-1])


def region_view(server: AppServer, region: str) -> SurveyRound:
    """The newest stored round restricted to the poles of `region`."""
    return Filters(regions=(region,)).apply(_stored_round(server.db_url))


def clear_button(page: Page, base_key: str) -> Locator:
    """The "Clear selection" button of one chart (narrowed by its key: reruns may overlap)."""
    return page.locator(f".st-key-{base_key}_clear").get_by_role("button")


def test_trends_box_selecting_a_region_narrows_the_yearly_chart(
    page: Page, app_server: AppServer
) -> None:
    open_app(page, app_server.url, "trends", lang="en")
    wait_for_charts(page, 2)
    assert wait_for_value(lambda: chart_y(page, key=TRENDS_MAIN), ALL_YEARS, page=page) == ALL_YEARS
    totals = chart_data(page, key=TRENDS_GROUPS)[0]
    # The second bar: a named region (the last one gathers the small regions).
    region, total = totals["customdata"][1], totals["x"][1]
    expected = [int(v) for v in metrics.by_year(region_view(app_server, region))["total"]]
    assert sum(expected) == total

    with rerun(page):
        box_select_bar(page, TRENDS_GROUPS, 1)
    clear = clear_button(page, TRENDS_GROUPS)
    expect(clear).to_have_text("Clear selection")
    narrowed = wait_for_value(lambda: chart_y(page, key=TRENDS_MAIN), expected, page=page)
    assert narrowed == expected
    note = page.get_by_test_id("stAlert").filter(has_text="Selection on the chart")
    expect(note).to_contain_text(region)

    with rerun(page):
        clear.click()
    assert wait_for_value(lambda: chart_y(page, key=TRENDS_MAIN), ALL_YEARS, page=page) == ALL_YEARS
    expect(clear).to_have_count(0)
    # Any later rerun must keep the page unselected.
    with rerun(page):
        choose_language(page, "Français")
    assert chart_y(page, key=TRENDS_MAIN) == ALL_YEARS
    expect(clear).to_have_count(0)
    no_exception(page)


def test_map_clicking_a_region_narrows_the_overall_figure(
    page: Page, app_server: AppServer
) -> None:
    figure = FIGURES[0]  # the figure the map opens on
    region = "Auvergne-Rhône-Alpes"
    everything = overall(_stored_round(app_server.db_url), figure)
    selected = overall(region_view(app_server, region), figure)
    label = figure.label("en")
    all_tile = {t("map.overall_all", "en", label=label): figure.format(everything.value, "en")}
    region_tile = {
        t("map.overall_selected", "en", label=label): figure.format(selected.value, "en")
    }
    assert all_tile != region_tile

    open_app(page, app_server.url, "map", lang="en")
    wait_for_charts(page)
    assert wait_for_value(lambda: tile_texts(page), all_tile, page=page) == all_tile

    with rerun(page):
        click_map(page, MAP, *LYON)
    clear = clear_button(page, MAP)
    expect(clear).to_have_text("Clear selection")
    assert wait_for_value(lambda: tile_texts(page), region_tile, page=page) == region_tile
    expect(
        page.get_by_test_id("stAlert").filter(has_text="Selection on the chart")
    ).to_contain_text(region)

    with rerun(page):
        clear.click()
    assert wait_for_value(lambda: tile_texts(page), all_tile, page=page) == all_tile
    expect(clear).to_have_count(0)
    # Any later rerun must keep the page unselected.
    with rerun(page):
        choose_language(page, "Français")
    all_tile_fr = {
        t("map.overall_all", "fr", label=figure.label("fr")): figure.format(everything.value, "fr")
    }
    assert wait_for_value(lambda: tile_texts(page), all_tile_fr, page=page) == all_tile_fr
    expect(clear).to_have_count(0)
    no_exception(page)


def test_trends_clicking_a_region_bar_narrows_the_yearly_chart(
    page: Page, app_server: AppServer
) -> None:
    open_app(page, app_server.url, "trends", lang="en")
    wait_for_charts(page, 2)
    assert wait_for_value(lambda: chart_y(page, key=TRENDS_MAIN), ALL_YEARS, page=page) == ALL_YEARS
    totals = chart_data(page, key=TRENDS_GROUPS)[0]
    region = totals["customdata"][0]
    expected = [int(v) for v in metrics.by_year(region_view(app_server, region))["total"]]

    with rerun(page):
        click_bar(page, TRENDS_GROUPS, 0)
    narrowed = wait_for_value(lambda: chart_y(page, key=TRENDS_MAIN), expected, page=page)
    assert narrowed == expected
    expect(clear_button(page, TRENDS_GROUPS)).to_have_text("Clear selection")
    no_exception(page)
