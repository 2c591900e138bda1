"""Tables at 1280 px with the sidebar open: no column cut behind the table's right edge.

The grid draws on a canvas, so a cut column shows only as a scroller wider than the
table (`scrollWidth > clientWidth`); the accessible header row gives the columns' order.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from analysis.core.i18n import Lang, t
from tests.browser.harness import new_page, no_exception, open_app, wait_for_value

pytestmark = pytest.mark.browser

DESK = {"width": 1280, "height": 900}

_TABLES = """
() => Array.from(document.querySelectorAll('[data-testid="stDataFrame"]')).map(table => {
  const scroller = table.querySelector('.dvn-scroller');
  const headers = Array.from(table.querySelectorAll('th'))
    .map(h => h.textContent.trim());
  return {scroll: scroller ? scroller.scrollWidth : 0,
          client: scroller ? scroller.clientWidth : 0, headers};
})
"""


@pytest.fixture
def desk(browser: Browser) -> Iterator[Page]:
    """A fresh session in a 1280×900 window."""
    tab = new_page(browser, viewport=DESK)
    yield tab
    tab.context.close()


def _tables(page: Page, count: int) -> list[dict[str, object]]:
    """The page's tables once `count` of them are drawn with their columns."""
    return wait_for_value(
        lambda: page.evaluate(_TABLES),
        lambda tables: len(tables) >= count and all(t["client"] and t["headers"] for t in tables),
        page=page,
    )


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize(
    ("path", "count"), [("peers", 1), ("rounds", 3), ("awards", 1), ("data", 2)]
)
def test_every_column_fits_the_table(
    desk: Page, app_url: str, path: str, count: int, lang: Lang
) -> None:
    open_app(desk, app_url, path, lang=lang)
    tables = _tables(desk, count)
    no_exception(desk)
    assert len(tables) == count
    for table in tables:
        assert table["scroll"] <= table["client"], table


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_awards_verdict_sits_next_to_the_pinned_pole(
    desk: Page, app_url: str, lang: Lang
) -> None:
    open_app(desk, app_url, "awards", lang=lang)
    (table,) = _tables(desk, 1)
    no_exception(desk)
    wanted = [t(f"awards.col_{key}", lang) for key in ("pole", "eligible", "why")]
    assert table["headers"][:3] == wanted  # type: ignore[index]
