"""The presentation as an audience sees it: the stage view, the buttons, titles, footnotes.

What only a browser shows: the stage view filling a 1920×1080 screen with the slide alone,
one arrow per navigation button, the deck title's lines balanced, the small-base
footnote's "*" kept as a character, the Method slide's bullets hanging.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page

from analysis.analytics.filters import Filters
from analysis.deck import deck_content
from analysis.sample.round import generate
from tests.browser.harness import new_page, no_exception, open_app, wait_for_value, wait_until_idle

pytestmark = pytest.mark.browser

SLIDE = ".st-key-slide_box"
FULL_HD = {"width": 1920, "height": 1080}
PHONE = {"width": 390, "height": 844}
#: Line tops of each word of the first element matching the selector (words grouped by line).
_WORDS_PER_LINE = """selector => {
  const element = document.querySelector(selector);
  const text = element.firstChild;
  const lines = new Map();
  const pattern = /\\S+/g;
  let match;
  while ((match = pattern.exec(text.textContent)) !== null) {
    const range = document.createRange();
    range.setStart(text, match.index);
    range.setEnd(text, match.index + match[0].length);
    const top = Math.round(range.getBoundingClientRect().top);
    lines.set(top, (lines.get(top) || 0) + 1);
  }
  return Array.from(lines.values());
}"""


def keys() -> list[str]:
    return [slide.key for slide in deck_content(generate(), Filters(), "en").slides]


def opened(browser: Browser, app_url: str, viewport: dict[str, int], **query: str) -> Page:
    page = new_page(browser)
    page.set_viewport_size(viewport)  # type: ignore[arg-type]
    open_app(page, app_url, "presentation", lang="en", **query)
    page.locator(SLIDE).wait_for()
    # Measured once the web font is in and the page's own style applies.
    page.evaluate("document.fonts.ready.then(() => true)")
    page.wait_for_function(
        "() => document.querySelector('.st-key-slide_nav') !== null"
        " && getComputedStyle(document.querySelector('.st-key-slide_nav')).display !== ''"
    )
    wait_until_idle(page)
    no_exception(page)
    return page


def test_stage_view_shows_the_slide_alone_filling_the_screen(
    browser: Browser, app_url: str
) -> None:
    page = opened(browser, app_url, FULL_HD, present_stage="1", slide="1")
    try:
        # The stage's style arrives with the page's elements: wait for it to apply.
        page.get_by_test_id("stSidebar").wait_for(state="hidden")
        for hidden in (
            '[data-testid="stSidebar"]',
            ".st-key-shell_banners",
            ".st-key-present_stage",
            ".st-key-slide_nav",
        ):
            assert not page.locator(hidden).is_visible(), hidden
        box = page.locator(SLIDE).bounding_box()
        assert box is not None
        assert box["width"] >= 0.9 * FULL_HD["width"], box
        assert box["height"] >= 0.9 * FULL_HD["height"], box
        assert box["y"] >= 0 and box["y"] + box["height"] <= FULL_HD["height"] + 1, box
        assert box["x"] >= 0 and box["x"] + box["width"] <= FULL_HD["width"] + 1, box
        # The arrow keys still turn the slides, their buttons unseen.
        title = page.locator(SLIDE).inner_text()
        page.locator(SLIDE).click(position={"x": 5, "y": 5})
        page.keyboard.press("ArrowRight")
        page.wait_for_function(
            "([selector, before]) => document.querySelector(selector).innerText !== before",
            arg=[SLIDE, title],
        )
        wait_until_idle(page)
        assert "slide=2" in page.url
    finally:
        page.context.close()


def _tiny(box: dict[str, float] | None) -> bool:
    return box is not None and box["width"] <= 1 and box["height"] <= 1


def test_previous_and_next_show_one_arrow_each(browser: Browser, app_url: str) -> None:
    page = opened(browser, app_url, {"width": 1400, "height": 1000}, slide="2")
    try:
        for key in ("slide_previous", "slide_next"):
            button = page.locator(f".st-key-{key} button")
            icons = button.get_by_test_id("stIconMaterial")
            icons.first.wait_for()
            assert icons.count() == 1 and icons.first.is_visible()
            hint = button.locator("kbd")
            # The shortcut's own arrow: kept for screen readers, out of sight.
            if hint.count():
                # Measured once the page's own style sheet (`SLIDE_CSS`) applies to it.
                hidden = wait_for_value(
                    lambda kbd=hint.first: _tiny(kbd.bounding_box()),
                    True,
                    page=page,
                    timeout_ms=10000,
                )
                assert hidden, hint.first.bounding_box()
    finally:
        page.context.close()


@pytest.mark.parametrize("viewport", [PHONE, {"width": 1400, "height": 1000}])
def test_the_deck_title_leaves_no_word_alone(
    browser: Browser, app_url: str, viewport: dict[str, int]
) -> None:
    page = opened(browser, app_url, viewport, slide="1")
    try:
        page.wait_for_function(
            "() => { const title = document.querySelector('.slide-title');"
            " return title !== null && getComputedStyle(title).textWrap === 'balance'; }"
        )
        page.wait_for_timeout(300)  # one frame for the balanced layout
        per_line = page.evaluate(_WORDS_PER_LINE, f"{SLIDE} .slide-title")
        assert sum(per_line) == len(["The", "competitiveness", "poles", "in", "Europe"])
        assert all(words >= 2 for words in per_line), per_line
    finally:
        page.context.close()


def test_small_base_footnote_keeps_its_star(browser: Browser, app_url: str) -> None:
    number = keys().index("by_sector") + 1
    page = opened(browser, app_url, {"width": 1400, "height": 1000}, slide=str(number))
    try:
        slide = page.locator(SLIDE)
        assert slide.locator("li").count() == 0
        captions = slide.get_by_test_id("stCaptionContainer").all_inner_texts()
        assert any(text.startswith("* small base") for text in captions), captions
    finally:
        page.context.close()


def test_method_bullets_hang(browser: Browser, app_url: str) -> None:
    number = keys().index("method") + 1
    page = opened(browser, app_url, {"width": 1400, "height": 1000}, slide=str(number))
    try:
        bullets = page.locator(f"{SLIDE} .slide-bullet")
        count = wait_for_value(bullets.count, lambda n: n >= 5, page=page, timeout_ms=10000)
        assert count >= 5
        # Measured once the page's own style sheet (`SLIDE_CSS`) applies to the bullets.
        indent, padding = wait_for_value(
            lambda: bullets.first.evaluate(
                "e => [parseFloat(getComputedStyle(e).textIndent),"
                " parseFloat(getComputedStyle(e).paddingLeft)]"
            ),
            lambda pair: pair[0] < 0,
            page=page,
            timeout_ms=10000,
        )
        assert indent < 0 and padding == -indent
    finally:
        page.context.close()
