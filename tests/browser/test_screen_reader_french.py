"""What a screen reader meets in the French interface, in a real browser: the accessible
names (`aria-label`, a toolbar's `data-title`, a date part's `aria-valuetext`), the
accessibility tree and the live announcements hold none of the English that Streamlit,
baseweb and react-aria write (`ui/aria_text.py` replaces it); the English interface keeps
Streamlit's own words."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.browser.harness import (
    PAGE_PATHS,
    AppServer,
    choose_language,
    follow_link,
    no_exception,
    open_app,
    rerun,
    sign_in,
    start_app,
    wait_until_idle,
)

pytestmark = pytest.mark.browser

#: English that Streamlit 1.67, baseweb and react-aria put in names and announcements.
ENGLISH = re.compile(
    r"\b(?:Link to heading|Help for|Remove|Add files|file upload|Show/hide columns"
    r"|Download as CSV|Search|Close Search|Fullscreen|Close fullscreen|Open|Close|Clear all"
    r"|Clear value|Selected values|Increment|Decrement|Choose date|Clear date|day|month|year"
    r"|options? available|selected|Show suggestions|Sidebar|App pages|Main menu"
    r"|Collapse sidebar|Expand sidebar|Page not found|January|February|March|April|May|June"
    r"|July|August|September|October|November|December)\b"
)

_NAMES = """
() => {
  const seen = [];
  const names = ['aria-label', 'data-title', 'aria-valuetext'];
  for (const element of document.body.querySelectorAll(names.map(n => `[${n}]`).join(','))) {
    for (const name of names) {
      const value = element.getAttribute(name);
      if (value) seen.push(value);
    }
  }
  for (const region of document.body.querySelectorAll('[aria-live]')) seen.push(region.textContent);
  return seen.join('\\n');
}
"""


def english_heard(page: Page) -> list[str]:
    """The English words in the page's accessibility tree, accessible names and live
    regions (link targets left out: addresses are no words)."""
    tree = "\n".join(
        line
        for line in page.locator("body").aria_snapshot().splitlines()
        if not line.strip().startswith("- /url:")
    )
    heard = tree + "\n" + str(page.evaluate(_NAMES))
    return sorted({match.group(0) for match in ENGLISH.finditer(heard)})


def english_heard_in(text: str) -> list[str]:
    return sorted({match.group(0) for match in ENGLISH.finditer(text)})


def test_the_pattern_hears_what_it_is_for() -> None:
    text = 'button "Remove a.csv"\nspinbutton "day, Date"\n09 – September\n13 options available.'
    assert english_heard_in(text) == ["Remove", "September", "day", "options available"]
    french = "Retirer a.csv · jour, Date · 09 – septembre · 13 options disponibles · Rechercher"
    assert english_heard_in(french) == []


@pytest.fixture
def own_server(seeded_db_file: Path, tmp_path: Path) -> Iterator[AppServer]:
    """An app process of the test's own (its sign-in budget and first request unshared)."""
    server = start_app(seeded_db_file, tmp_path)
    yield server
    server.stop()


def _choose_file(page: Page, server: AppServer, tmp_path: Path) -> None:
    """As a French editor on the upload page, choose a small CSV (réponses.csv)."""
    open_app(page, server.url, "upload", lang="fr")
    sign_in(page, server.editor_token(), "fr")
    chosen = tmp_path / "réponses.csv"
    chosen.write_text("Pôle,Région\n" + "a,b\n" * 20, encoding="utf-8")
    page.get_by_test_id("stFileUploaderDropzoneInput").first.set_input_files(chosen)
    expect(page.get_by_test_id("stFileChipName").first).to_have_text("réponses.csv")
    # The file is read and the page drawn down to its last step (the date field).
    page.get_by_test_id("stDateInput").first.wait_for()
    wait_until_idle(page)


def test_the_chosen_file_and_the_date_parts_are_named_in_french(
    page: Page, own_server: AppServer, tmp_path: Path
) -> None:
    _choose_file(page, own_server, tmp_path)
    expect(page.get_by_role("button", name="Retirer réponses.csv")).to_have_count(1)
    expect(page.get_by_role("button", name="Choisir un autre fichier")).to_have_count(1)
    expect(page.get_by_role("spinbutton", name="jour, Date de collecte")).to_have_count(1)
    expect(page.get_by_role("button", name="Aide : Pôles interrogés")).to_have_count(1)
    assert english_heard(page) == []
    no_exception(page)


def test_every_french_page_is_heard_in_french(page: Page, own_server: AppServer) -> None:
    open_app(page, own_server.url, "upload", lang="fr")
    sign_in(page, own_server.editor_token(), "fr")
    heard: dict[str, list[str]] = {}
    for path in PAGE_PATHS:
        follow_link(page, path, "fr")
        no_exception(page)
        heard[path] = english_heard(page)
    assert not any(heard.values()), heard
    # A filled date field says its month in French (react-aria's valuetext).
    follow_link(page, "awards", "fr")
    month = page.get_by_test_id("stDateInput").first.locator('[data-type="month"]')
    assert re.fullmatch(r"\d\d – [a-zéû]+", str(month.get_attribute("aria-valuetext")))


def test_a_table_toolbar_s_tooltip_is_french(page: Page, app_server: AppServer) -> None:
    open_app(page, app_server.url, "data", lang="fr")
    table = page.get_by_test_id("stDataFrame").first
    table.scroll_into_view_if_needed()
    button = page.get_by_role("button", name="Télécharger en CSV").first
    # The toolbar slides in while the table is hovered, and the grid's scroller may lie
    # over it for a moment: hover the table again until the button takes the pointer.
    for attempt in range(5):
        table.hover(position={"x": 20, "y": 20})
        try:
            button.hover(timeout=5_000)
            break
        except PlaywrightTimeout:
            if attempt == 4:
                raise
    tooltip = page.get_by_role("tooltip")
    expect(tooltip).to_have_text("Télécharger en CSV")
    assert english_heard(page) == []


def test_the_list_announces_in_french(page: Page, app_server: AppServer) -> None:
    open_app(page, app_server.url, "", lang="fr")
    box = page.get_by_test_id("stSidebar").get_by_role("combobox", name="Régions")
    box.click()
    page.get_by_role("option").first.wait_for()
    page.wait_for_function(
        """() => [...document.querySelectorAll('[aria-live]')]
                 .some(r => /\\d+ options? disponibles?\\./.test(r.textContent))"""
    )
    assert english_heard(page) == []
    page.keyboard.press("Escape")


def test_the_english_interface_keeps_streamlit_s_words(
    page: Page, own_server: AppServer, tmp_path: Path
) -> None:
    _choose_file(page, own_server, tmp_path)
    expect(page.get_by_role("button", name="Retirer réponses.csv")).to_have_count(1)
    with rerun(page):
        choose_language(page, "English")
    expect(page.get_by_role("button", name="Remove réponses.csv")).to_have_count(1)
    expect(page.get_by_role("link", name="Link to heading").first).to_be_attached()
    assert page.locator("[data-poles-original]").count() == 0
    no_exception(page)


def test_the_skip_link_says_it_in_the_language(page: Page, app_server: AppServer) -> None:
    """The first Tab shows Streamlit's "Skip to main content" link: in French, in French;
    back in English, Streamlit's own words."""
    open_app(page, app_server.url, "trends", lang="fr")
    skip = page.get_by_test_id("stSkipToContent")
    expect(skip).to_have_text("Aller au contenu principal")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.innerText") == "Aller au contenu principal"
    assert "Skip to main content" not in page.locator("body").aria_snapshot()
    with rerun(page):
        choose_language(page, "English")
    expect(skip).to_have_text("Skip to main content")
    no_exception(page)
