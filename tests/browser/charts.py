"""Plotly charts in the page: drawn or not, their data, and selecting marks with the mouse."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Locator, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.browser.session import js_errors

_DRAWN_CHARTS = """
() => Array.from(document.querySelectorAll('.js-plotly-plot'))
    .filter(el => el._fullData && el.querySelector('.main-svg')).length
"""


def drawn_charts(page: Page) -> int:
    """How many plotly charts are drawn on the page right now."""
    return int(page.evaluate(_DRAWN_CHARTS))


def wait_for_charts(page: Page, count: int = 1) -> None:
    """Wait until at least `count` plotly charts are drawn (their SVG exists)."""
    try:
        page.wait_for_function(f"n => ({_DRAWN_CHARTS})() >= n", arg=count)
    except PlaywrightTimeoutError:
        errors = page.get_by_test_id("stException").all_inner_texts()
        raise AssertionError(
            f"{page.url}: {drawn_charts(page)} chart(s) drawn, expected {count}; "
            f"exceptions shown: {errors}; JavaScript errors: {js_errors(page)}"
        ) from None


_CHART_DATA = """
([key, i]) => {
  const plain = v => ArrayBuffer.isView(v) ? Array.from(v)
    : Array.isArray(v) ? v.map(plain) : v;
  const scope = key === null ? '' : `[class*="st-key-${key}"] `;
  const el = document.querySelectorAll(scope + '.js-plotly-plot')[i];
  if (!el || !el._fullData) return null;
  return el._fullData.map(t => {
    const out = {name: t.name ?? null, type: t.type};
    for (const k of ['x', 'y', 'z', 'locations', 'customdata', 'text']) {
      if (t[k] !== undefined) out[k] = plain(t[k]);
    }
    return out;
  });
}
"""


def chart_data(page: Page, index: int = 0, *, key: str | None = None) -> list[dict[str, Any]]:
    """The traces of a drawn chart as plotly.js holds them (name, type, x, y, customdata…).

    `index` counts the page's charts in document order; with `key`, only the charts drawn
    with a Streamlit key starting with `key` (their container has the class `st-key-<key>`;
    cross-filtered charts get a versioned key such as `map_chart_v1` after a clear).
    """
    if key is not None:
        # A chart below the fold is drawn once scrolled to (each chart is followed by its
        # summary and data table, issue 16, so fewer fit in the first screen).
        scope = page.locator(f'[class*="st-key-{key}"]').nth(0)
        if scope.count():
            scope.scroll_into_view_if_needed()
            page.wait_for_function(
                "([key, i]) => { const el = document.querySelectorAll("
                '`[class*="st-key-${key}"] .js-plotly-plot`)[i];'
                " return el !== undefined && el._fullData !== undefined; }",
                arg=[key, index],
            )
    traces = page.evaluate(_CHART_DATA, [key, index])
    assert traces is not None, f"no drawn chart number {index} (key {key})"
    return list(traces)


def chart_y(page: Page, index: int = 0, trace: int = 0, *, key: str | None = None) -> list[Any]:
    """One trace's y values (the common case)."""
    return list(chart_data(page, index, key=key)[trace]["y"])


def _plot(page: Page, key: str) -> Locator:
    return page.locator(f'[class*="st-key-{key}"] .js-plotly-plot')


def box_select_bar(page: Page, key: str, position: int, trace: int = 0) -> None:
    """Drag a selection box around one bar of the chart drawn with Streamlit key `key`,
    after choosing the modebar's box-select tool as a user would.

    Plotly listens on a drag layer above the bars, so the mouse works at the bar's screen
    position; the box stays a few pixels inside the bar's band so no neighbour is caught.
    """
    plot = _plot(page, key)
    plot.hover()  # the modebar shows on hover; its box-select tool turns drags into selections
    plot.locator('.modebar-btn[data-attr="dragmode"][data-val="select"]').click()
    bar = plot.locator(".trace.bars").nth(trace).locator(".point path").nth(position)
    box = bar.bounding_box()
    assert box is not None, f"bar {position} of {key} is not on screen"
    page.mouse.move(box["x"] + 2, box["y"] + 4)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2, steps=4)
    page.mouse.move(box["x"] + box["width"] + 4, box["y"] + box["height"] - 4, steps=4)
    page.mouse.up()


def click_bar(page: Page, key: str, position: int, trace: int = 0) -> None:
    """Click the middle of one bar of the chart drawn with Streamlit key `key`."""
    bar = _plot(page, key).locator(".trace.bars").nth(trace).locator(".point path").nth(position)
    box = bar.bounding_box()
    assert box is not None, f"bar {position} of {key} is not on screen"
    page.mouse.move(box["x"] + box["width"] / 2 - 3, box["y"] + box["height"] / 2 - 3)
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2, steps=3)
    page.mouse.down()
    page.mouse.up()


_MAP_POINT = """
([key, lon, lat]) => {
  const plot = document.querySelector(`[class*="st-key-${key}"] .js-plotly-plot`);
  const map = plot._fullLayout.map._subplot.map;
  const point = map.project([lon, lat]);
  const frame = map.getContainer().getBoundingClientRect();
  return [frame.left + point.x, frame.top + point.y];
}
"""


def click_map(page: Page, key: str, lon: float, lat: float) -> None:
    """Click the place at (`lon`, `lat`) on the MapLibre map drawn with Streamlit key `key`.

    Plotly selects on a map only what it hovers, so the mouse first moves there and the
    click waits for the hover label.
    """
    x, y = page.evaluate(_MAP_POINT, [key, lon, lat])
    page.mouse.move(x - 6, y - 6)
    page.mouse.move(x, y, steps=3)
    _plot(page, key).locator(".hoverlayer .hovertext").first.wait_for()
    page.mouse.down()
    page.mouse.up()
