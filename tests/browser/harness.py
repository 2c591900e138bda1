"""What the browser tests use: the app server, the browser session, charts, page checks.

One import point over `server` (the app as a subprocess), `session` (Chromium, script
runs, waits) and `charts` (plotly in the page), plus the dashboard's own checks: no
error shown, the app's navigation, headline tiles and the sidebar's widgets.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from playwright.sync_api import Page

from analysis.core.i18n import Lang, t
from tests.browser.charts import (
    box_select_bar,
    chart_data,
    chart_y,
    click_bar,
    click_map,
    drawn_charts,
    wait_for_charts,
)
from tests.browser.server import REPO_ROOT, AppServer, free_port, start_app
from tests.browser.session import (
    PHONE_AGENT,
    TIMEOUT_MS,
    VIEWPORT,
    app_address,
    js_errors,
    new_page,
    open_app,
    query_of,
    rerun,
    run_count,
    sign_in,
    wait_for_value,
    wait_until_idle,
)
from tests.support.chromium import CHROMIUM, LAUNCH_ARGS, launch
from ui.navigation import PAGES

__all__ = [
    "CHARTLESS",
    "CHROMIUM",
    "LAUNCH_ARGS",
    "PAGE_PATHS",
    "PHONE_AGENT",
    "REPO_ROOT",
    "TIMEOUT_MS",
    "VIEWPORT",
    "AppServer",
    "app_address",
    "box_select_bar",
    "chart_data",
    "chart_y",
    "check_page",
    "choose_language",
    "click_bar",
    "click_map",
    "drawn_charts",
    "follow_link",
    "free_port",
    "js_errors",
    "launch",
    "listed_titles",
    "nav_titles",
    "new_page",
    "no_exception",
    "open_app",
    "page_titles",
    "query_of",
    "rerun",
    "run_count",
    "sidebar_multiselect",
    "sign_in",
    "start_app",
    "tile_texts",
    "wait_for_charts",
    "wait_for_tiles",
    "wait_for_value",
    "wait_until_idle",
]

#: Pages that may legitimately draw no chart when opened on the sample store (URL paths):
#: tables and forms; the awards, which are lists; the presentation, which opens on its
#: title slide; the comparison of rounds, which needs two rounds (the sample holds one);
#: the Method page, which lists figures in words.
CHARTLESS = frozenset({"data", "upload", "rounds", "awards", "presentation", "compare", "method"})
#: The pages' URL paths, from the app's own declaration (new pages are covered at once).
PAGE_PATHS = [url_path for _file, _title, url_path, _icon, _section in PAGES]


def page_titles(lang: Lang) -> dict[str, str]:
    """URL path -> the page's title in `lang`."""
    return {url_path: t(title_key, lang) for _file, title_key, url_path, _icon, _s in PAGES}


def listed_titles(lang: Lang) -> list[str]:
    """The titles in the order the sidebar lists them (grouped by section, as declared)."""
    sections: dict[str, list[str]] = {}
    for _file, title_key, _path, _icon, section_key in PAGES:
        sections.setdefault(section_key, []).append(t(title_key, lang))
    return [title for titles in sections.values() for title in titles]


def no_exception(page: Page) -> None:
    """Assert the page shows no traceback nor "Page not found", and threw no JavaScript error."""
    shown = page.get_by_test_id("stException")
    assert shown.count() == 0, shown.all_inner_texts()
    lost = page.get_by_role("dialog").filter(has_text="Page not found")
    assert lost.count() == 0, f"{page.url}: {lost.all_inner_texts()}"
    assert js_errors(page) == []


def nav_titles(page: Page) -> list[str]:
    """The page titles listed in the sidebar's navigation, in order."""
    links = page.get_by_test_id("stSidebarNavLink").locator("span[label]")
    return [str(link.get_attribute("label")) for link in links.all()]


def check_page(page: Page, url_path: str, titles: list[str]) -> None:
    """The page opened cleanly: no error, the app's own navigation, and a chart if it has any.

    `titles` are every page's titles in the interface language; seeing Streamlit's
    file-name navigation instead would mean the page ran outside `app.py`'s frame.
    """
    no_exception(page)
    if url_path not in CHARTLESS:
        wait_for_charts(page)
    if len(titles) > 1:
        # The navigation is drawn with the page's first elements: a short wait is plenty.
        listed = wait_for_value(lambda: nav_titles(page), titles, page=page, timeout_ms=5000)
        assert listed == titles
    no_exception(page)


_TILES = """
() => Array.from(document.querySelectorAll('[data-testid="stMetric"]')).map(el => [
  el.querySelector('[data-testid="stMetricLabel"]').innerText.trim(),
  el.querySelector('[data-testid="stMetricValue"]').innerText.trim(),
])
"""


def tile_texts(page: Page) -> dict[str, str]:
    """Headline tiles as shown: label -> value."""
    return dict(page.evaluate(_TILES))


def wait_for_tiles(page: Page, count: int) -> dict[str, str]:
    """Wait until `count` tiles show a value (they render after the script run); return them."""
    page.wait_for_function(
        """n => Array.from(document.querySelectorAll('[data-testid="stMetricValue"]'))
                .filter(el => el.innerText.trim()).length >= n""",
        arg=count,
    )
    return tile_texts(page)


def sidebar_multiselect(page: Page, label: str, option: str) -> None:
    """Add `option` to the sidebar multiselect labelled `label` (type, pick, close)."""
    box = page.get_by_test_id("stSidebar").get_by_role("combobox", name=label)
    box.click()
    # The option list is virtualised: typing brings a far option into view.
    box.press_sequentially(option[:5])
    page.get_by_role("option", name=option, exact=True).click()
    page.keyboard.press("Escape")


def follow_link(page: Page, url_path: str, lang: Lang = "en") -> None:
    """Click a page's link in the sidebar; wait for its address and its run to end.

    The default page lives at the root (Streamlit ignores its URL path).
    """
    expected = "" if url_path == PAGE_PATHS[0] else url_path
    with rerun(page):
        page.get_by_test_id("stSidebarNav").get_by_role(
            "link", name=page_titles(lang)[url_path], exact=True
        ).click()
    # A run the previous page started on its own may end first: wait for the address too.
    page.wait_for_url(lambda url: urlsplit(url).path.strip("/") == expected)
    wait_until_idle(page)


def choose_language(page: Page, name: str) -> None:
    """Click `English` or `Français` in the sidebar's language switch."""
    page.get_by_test_id("stSidebar").get_by_role("radio", name=name, exact=True).click()
