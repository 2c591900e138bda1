"""axe-core on every page, at desktop and phone size: no critical or serious violation of ours.

axe-core comes with `axe-playwright-python` (pinned in requirements-dev.txt) and runs in
the page as a visitor sees it. Streamlit's own markup has findings the app cannot change;
they are listed in `KNOWN` with the reason, and excused only where they occur (each
finding's element must lie in the named part of Streamlit's frame). docs/ACCESSIBILITY.md
holds the counts per page before and after issue 16.
"""

from __future__ import annotations

from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page

from tests.browser.harness import (
    CHARTLESS,
    PAGE_PATHS,
    new_page,
    no_exception,
    open_app,
    wait_for_charts,
)

pytestmark = pytest.mark.browser

SIZES = {"desktop": {"width": 1400, "height": 1000}, "phone": {"width": 390, "height": 844}}
BLOCKING = ("critical", "serious")
#: Moderate rules that fail all the same: the headings are the pages' own (st.title, st.header,
#: markdown), so a skipped level is ours to fix.
ALSO_BLOCKING = ("heading-order",)
#: Streamlit-internal findings: rule id -> (where they must lie, why they are not ours).
KNOWN: dict[str, tuple[str, str]] = {
    "list": (
        '[data-testid="stSidebarNav"]',
        "Streamlit's sidebar navigation puts section headers inside its <ul>; the app only "
        "declares the pages (st.navigation) and cannot change that markup.",
    ),
    "listitem": (
        '[data-testid="stSidebarNav"]',
        "The same navigation's <li> items, inside that <ul>.",
    ),
}

_INSIDE = """([selector, container]) => {
  const element = document.querySelector(selector);
  return element !== null && element.closest(container) !== null;
}"""


def blocking(page: Page, violations: list[dict[str, Any]]) -> list[str]:
    """The critical and serious findings that are ours, and those of `ALSO_BLOCKING`: each
    as `rule: element`."""
    found = []
    for violation in violations:
        if violation["impact"] not in BLOCKING and violation["id"] not in ALSO_BLOCKING:
            continue
        known = KNOWN.get(violation["id"])
        for node in violation["nodes"]:
            selector = node["target"][-1]
            if known and page.evaluate(_INSIDE, [selector, known[0]]):
                continue
            found.append(f"{violation['id']}: {selector} {node.get('failureSummary', '')}")
    return found


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("url_path", PAGE_PATHS)
def test_no_serious_violation_on_any_page(
    browser: Browser, app_url: str, axe: Axe, url_path: str, size: str
) -> None:
    page = new_page(browser)
    try:
        page.set_viewport_size(SIZES[size])  # type: ignore[arg-type]
        # The default page lives at the root.
        open_app(page, app_url, "" if url_path == PAGE_PATHS[0] else url_path)
        if url_path not in CHARTLESS:
            wait_for_charts(page)
        no_exception(page)
        page.get_by_test_id("stSidebarNav").first.wait_for(state="attached")
        violations = axe.run(page).response["violations"]
        assert blocking(page, violations) == []
    finally:
        page.context.close()


def test_known_findings_are_excused_only_where_they_lie(
    browser: Browser, app_url: str, axe: Axe
) -> None:
    """A contrast failure planted in the page is reported, though a known one is excused."""
    page = new_page(browser)
    try:
        open_app(page, app_url, "trends")
        wait_for_charts(page)
        page.evaluate(
            """() => {
              const p = document.createElement('p');
              p.id = 'planted';
              p.textContent = 'faint text';
              p.style.color = '#bbbbbb';
              const main = document.querySelector('[data-testid="stMainBlockContainer"]');
              main.insertBefore(p, main.firstChild);  // in view: axe measures what is seen
              const h = document.createElement('h5');  // after the page's h1: a level skipped
              h.id = 'skipped';
              h.textContent = 'skipped';
              main.appendChild(h);
            }"""
        )
        found = blocking(page, axe.run(page).response["violations"])
        assert any(item.startswith("color-contrast: #planted") for item in found), found
        assert any(item.startswith("heading-order: #skipped") for item in found), found
        assert not any(item.startswith(("list:", "listitem:")) for item in found), found
    finally:
        page.context.close()
