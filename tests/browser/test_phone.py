"""A phone (390×844, a phone browser's User-Agent): the first screen and every chart fit it.

What a visitor of the QR code sees: the Overview's six headline values on the first
screen, charts whose title, legend and source line lie inside the screen, no toolbar over
a title, and on the Presentation the slide itself on the first screen.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.harness import (
    PHONE_AGENT,
    new_page,
    no_exception,
    open_app,
    wait_for_charts,
    wait_for_tiles,
    wait_for_value,
)

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
#: Headline tiles of the Overview.
TILES = 6

#: Every drawn chart's boxes: the chart, its title, legend, source line and toolbar.
_CHART_BOXES = """
() => Array.from(document.querySelectorAll('.js-plotly-plot')).map(plot => {
  const box = el => {
    if (!el) return null;
    const r = el.getBoundingClientRect();
    const shown = getComputedStyle(el).display !== 'none' && r.width > 0 && r.height > 0;
    return shown ? [r.left, r.top, r.right, r.bottom] : null;
  };
  const source = Array.from(plot.querySelectorAll('.annotation'))
    .filter(a => a.querySelector('.annotation-text'))
    .map(a => a.querySelector('.annotation-text'));
  return {
    chart: box(plot.querySelector('.main-svg')),
    title: box(plot.querySelector('.gtitle')),
    legend: box(plot.querySelector('.legend')),
    texts: source.map(box).filter(b => b),
    toolbar: box(plot.querySelector('.modebar-container .modebar')),
  };
})
"""

_FIRST_SCREEN_VALUES = """
() => Array.from(document.querySelectorAll('[data-testid="stMetricValue"]'))
  .filter(el => { const r = el.getBoundingClientRect();
                  return r.width > 0 && r.top >= 0 && r.bottom <= innerHeight
                         && r.right <= innerWidth; })
  .map(el => el.innerText.trim())
"""


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    """A fresh session on a 390×844 phone."""
    tab = new_page(browser, viewport=PHONE, user_agent=PHONE_AGENT)
    yield tab
    tab.context.close()


def _inside(box: list[float] | None, width: float) -> bool:
    """Within the screen's width (a pixel of rounding allowed)."""
    return box is None or (box[0] >= -1 and box[2] <= width + 1)


def _overlap(a: list[float] | None, b: list[float] | None) -> bool:
    if a is None or b is None:
        return False
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _charts_fit(page: Page) -> list[dict[str, object]]:
    charts = page.evaluate(_CHART_BOXES)
    assert charts, "no chart drawn"
    for chart in charts:
        for part in ("chart", "title", "legend"):
            assert _inside(chart[part], PHONE["width"]), (part, chart)
        for text in chart["texts"]:
            assert _inside(text, PHONE["width"]), ("annotation", chart)
        assert not _overlap(chart["toolbar"], chart["title"]), chart
    return charts


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_overview_shows_every_headline_value_on_the_first_screen(
    phone: Page, app_url: str, lang: str
) -> None:
    open_app(phone, app_url, lang=lang)
    tiles = wait_for_tiles(phone, TILES)
    no_exception(phone)
    seen = phone.evaluate(_FIRST_SCREEN_VALUES)
    assert sorted(seen) == sorted(tiles.values())
    assert len(seen) == TILES


@pytest.mark.parametrize("path", ["", "trends", "peers", "map"])
def test_charts_titles_legends_and_sources_lie_inside_a_phone_screen(
    phone: Page, app_url: str, path: str
) -> None:
    open_app(phone, app_url, path, lang="en")
    wait_for_charts(phone)
    phone.wait_for_timeout(500)  # plotly lays out the text after the first frame
    charts = _charts_fit(phone)
    assert all(chart["toolbar"] is None for chart in charts)  # no toolbar on a phone
    no_exception(phone)
    # Nothing of the page runs off the right edge either (no sideways scroll).
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_the_presentation_puts_the_slide_on_the_first_screen(phone: Page, app_url: str) -> None:
    open_app(phone, app_url, "presentation", lang="en", slide="2")
    slide = phone.locator(".st-key-slide_box")
    slide.wait_for()
    no_exception(phone)
    # Measured once the phone's style sheet applies (it arrives with the page's run).
    top = wait_for_value(
        lambda: (slide.bounding_box() or {"y": PHONE["height"]})["y"],
        lambda y: y < PHONE["height"] / 2,
        page=phone,
        timeout_ms=10000,
    )
    assert top < PHONE["height"] / 2  # the slide starts in the screen's upper half
    # Previous, the counter and Next share one row.
    buttons = [
        phone.get_by_role("button", name=name).bounding_box() for name in ("Previous", "Next")
    ]
    assert all(b is not None for b in buttons)
    assert abs(buttons[0]["y"] - buttons[1]["y"]) < 2  # type: ignore[index]


def test_a_desktop_keeps_the_toolbar_and_the_projector_layout(page: Page, app_url: str) -> None:
    open_app(page, app_url, lang="en")
    wait_for_charts(page)
    page.locator(".js-plotly-plot").first.hover()
    charts = page.evaluate(_CHART_BOXES)
    assert charts[0]["toolbar"] is not None
    assert not _overlap(charts[0]["toolbar"], charts[0]["title"])
