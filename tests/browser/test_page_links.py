"""A page's own options in a real browser: a link restores them, a click rewrites the link,
and a page switch leaves them behind (Streamlit clears the query string between pages)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.browser.harness import (
    AppServer,
    chart_data,
    follow_link,
    no_exception,
    open_app,
    query_of,
    rerun,
    wait_for_charts,
    wait_for_value,
)

pytestmark = pytest.mark.browser


def _indexed_lines(page: Page) -> dict[str, list[float]]:
    return {trace["name"]: trace["y"] for trace in chart_data(page, key="trends_main")}


def test_a_trends_link_restores_its_split_and_scale(page: Page, app_server: AppServer) -> None:
    open_app(
        page, app_server.url, "trends", lang="en", trends_split="region", trends_scale="indexed"
    )
    wait_for_charts(page, 2)
    # Each chart is followed by its summary and data (issue 16): the main chart may sit
    # below the fold, and plotly draws it once it is scrolled to.
    page.locator(".st-key-trends_main").scroll_into_view_if_needed()
    page.wait_for_function(
        """() => {
          const el = document.querySelector('.st-key-trends_main .js-plotly-plot');
          return el !== null && el._fullData !== undefined;
        }"""
    )
    lines = _indexed_lines(page)
    assert len(lines) > 2  # one line per big region, plus "Others"
    assert "Others" in lines
    assert all(values[0] == pytest.approx(100) for values in lines.values())
    query = query_of(page)
    assert (query["trends_split"], query["trends_scale"]) == (["region"], ["indexed"])

    with rerun(page):
        page.get_by_test_id("stMain").get_by_role("radio", name="Sector", exact=True).click()
    assert wait_for_value(lambda: query_of(page).get("trends_split"), ["sector"], page=page) == [
        "sector"
    ]
    assert query_of(page)["trends_scale"] == ["indexed"]

    follow_link(page, "map")
    left = query_of(page)
    assert "trends_split" not in left and "trends_scale" not in left
    assert left["lang"] == ["en"]
    no_exception(page)


def test_a_presentation_link_opens_on_its_slide(page: Page, app_server: AppServer) -> None:
    open_app(page, app_server.url, "presentation", lang="en", slide="6")
    counter = page.get_by_text("Slide 6 of 10", exact=True)
    counter.wait_for()
    wait_for_charts(page)
    with rerun(page):
        page.get_by_role("button", name="Next").click()
    page.get_by_text("Slide 7 of 10", exact=True).wait_for()
    assert query_of(page)["slide"] == ["7"]
    no_exception(page)


def test_the_stage_view_hides_the_sidebar(page: Page, app_server: AppServer) -> None:
    open_app(page, app_server.url, "presentation", lang="en", present_stage="1", slide="2")
    page.get_by_text("Slide 2 of 10", exact=True).wait_for(state="attached")
    # The stage's style arrives with the page's elements: wait for it to apply.
    page.get_by_test_id("stSidebar").wait_for(state="hidden")
    assert page.get_by_test_id("stHeader").is_hidden()
    # → is the (unseen) Next button's shortcut: a key pressed before the button is drawn
    # is lost (seen once on a loaded machine), so wait for both buttons that answer keys.
    for name in ("Next", "Leave the stage view"):
        page.get_by_role("button", name=name, include_hidden=True).first.wait_for(state="attached")
    with rerun(page):
        page.keyboard.press("ArrowRight")
    # The navigation stays in the page, unseen on stage (the slide alone).
    page.get_by_text("Slide 3 of 10", exact=True).wait_for(state="attached")
    assert page.get_by_text("On stage: the slide alone").is_hidden()
    with rerun(page):
        page.keyboard.press("Escape")
    page.get_by_test_id("stSidebar").wait_for(state="visible")
    assert "present_stage" not in query_of(page)
    no_exception(page)
