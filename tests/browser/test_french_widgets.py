"""The French interface in a real browser holds no English word: every page walked as an
editor (so the uploaders show), Streamlit's own texts included (the uploader's button,
its limits and its drop zone, the multiselect's list), read as a visitor sees them."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.harness import (
    PAGE_PATHS,
    AppServer,
    follow_link,
    no_exception,
    open_app,
    sign_in,
    start_app,
    wait_for_value,
    wait_until_idle,
)

pytestmark = pytest.mark.browser

#: English a French visitor must not see: Streamlit's own widget texts, Python's None, the
#: "(s)" workaround, the term the glossary forbids and a size in English units ("12.3KB").
#: Whole words, case as written, except "cluster" (any case).
ENGLISH = re.compile(
    r"\b(?:Upload|Drag and drop|Browse files|Browse|per file|None|Select all|Page not found"
    r"|yyyy|Choose an option|Choose options|No results)\b|\((?:s|e|x)\)|(?i:\bclusters?\b)"
    r"|\b\d+(?:\.\d+)?\s?[KMG]?B\b"
)

#: The text a visitor sees: text nodes of rendered, visible elements with a non-zero font
#: size (Streamlit's English, hidden under the French drawn by a style sheet, is left out),
#: the placeholders of empty fields, and the generated `::after` text.
_VISIBLE_TEXT = """
() => {
  const seen = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const element = node.parentElement;
    if (!element || !node.textContent.trim()) continue;
    if (element.closest('script, style, noscript, [aria-hidden="true"]')) continue;
    const style = getComputedStyle(element);
    if (style.visibility !== 'visible' || parseFloat(style.fontSize) === 0) continue;
    if (!element.getClientRects().length) continue;
    seen.push(node.textContent.trim());
  }
  for (const input of document.body.querySelectorAll('input[placeholder], textarea[placeholder]')) {
    if (!input.value && input.getClientRects().length) seen.push(input.placeholder);
  }
  for (const element of document.body.querySelectorAll('*')) {
    const after = getComputedStyle(element, '::after').content;
    if (after && after !== 'none' && after !== 'normal' && after.startsWith('"')) {
      seen.push(after.slice(1, -1));
    }
  }
  return seen.join('\\n');
}
"""


def visible_text(page: Page) -> str:
    return str(page.evaluate(_VISIBLE_TEXT))


def english_in(page: Page) -> list[str]:
    return sorted({match.group(0) for match in ENGLISH.finditer(visible_text(page))})


@pytest.fixture
def own_server(seeded_db_file: Path, tmp_path: Path) -> Iterator[AppServer]:
    """An app process of the test's own: its sign-in budget is not shared."""
    server = start_app(seeded_db_file, tmp_path)
    yield server
    server.stop()


def test_the_pattern_sees_what_it_is_for() -> None:
    text = "Upload\n20MB per file • PPTX\nNone\n3 pôle(s)\nClusters\nSelect all\n12.3KB"
    assert sorted({m.group(0) for m in ENGLISH.finditer(text)}) == [
        "(s)",
        "12.3KB",
        "20MB",
        "Clusters",
        "None",
        "Select all",
        "Upload",
        "per file",
    ]
    assert not ENGLISH.search("Pôles répondants · Téléverser · Aucune · 12,3 Ko · 50 Mo")


def test_every_french_page_shows_no_english_word(page: Page, own_server: AppServer) -> None:
    open_app(page, own_server.url, "upload", lang="fr")
    sign_in(page, own_server.editor_token(), "fr")
    expect(page.get_by_text("Connecté en tant qu'éditeur")).to_be_visible()
    found: dict[str, list[str]] = {}
    for path in PAGE_PATHS:
        follow_link(page, path, "fr")
        no_exception(page)
        found[path] = english_in(page)
    assert not any(found.values()), found


def test_the_french_uploader_speaks_french(page: Page, own_server: AppServer) -> None:
    open_app(page, own_server.url, "upload", lang="fr")
    sign_in(page, own_server.editor_token(), "fr")
    zone = page.get_by_test_id("stFileUploaderDropzone")
    zone.wait_for()
    # The button's accessible name is the French one (the English text is hidden from it).
    expect(zone.get_by_role("button", name="Choisir un fichier")).to_be_visible()
    assert "50 Mo par fichier · XLSX, XLSM, XLS, ODS, CSV" in visible_text(page)
    # While a file is dragged over the zone, Streamlit says "Drag and drop a file here".
    dragged = page.evaluate_handle(
        "() => { const d = new DataTransfer(); d.items.add(new File(['x'], 'a.xlsx')); return d; }"
    )
    zone.dispatch_event("dragenter", {"dataTransfer": dragged})
    expect(zone.get_by_text("Drag and drop a file here")).to_have_count(1)  # in the DOM…
    assert "Déposez le fichier ici" in visible_text(page)
    assert english_in(page) == []  # …but not what is seen
    no_exception(page)


def test_the_chosen_files_row_speaks_french(
    page: Page, own_server: AppServer, tmp_path: Path
) -> None:
    open_app(page, own_server.url, "upload", lang="fr")
    sign_in(page, own_server.editor_token(), "fr")
    chosen = tmp_path / "réponses.csv"
    chosen.write_text("Pôle,Région\n" + "a,b\n" * 600, encoding="utf-8")  # 2 411 bytes
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(chosen)
    chip = page.get_by_test_id("stFileChip")
    expect(chip.get_by_test_id("stFileChipName")).to_have_text("réponses.csv")
    expect(chip.get_by_text("2.4KB")).to_have_count(1)  # Streamlit's, in the DOM…
    page.wait_for_function(
        """() => [...document.querySelectorAll('[data-testid="stFileChipName"] + div')]
                 .some(e => getComputedStyle(e, '::after').content === '"2,4 Ko"')"""
    )
    wait_until_idle(page)
    seen = visible_text(page)
    assert "2,4 Ko" in seen and "2.4KB" not in seen  # …but French is what is seen
    assert english_in(page) == []
    no_exception(page)


def test_the_french_filters_offer_no_select_all(page: Page, own_server: AppServer) -> None:
    open_app(page, own_server.url, "", lang="fr")
    wait_until_idle(page)
    sidebar = page.get_by_test_id("stSidebar")
    expected = ["Toutes", "Toutes", "Tous"]  # Régions, Thématiques; Pôles
    placeholders = wait_for_value(  # read once the sidebar's three filters are drawn
        lambda: [
            box.get_attribute("placeholder")
            for box in sidebar.get_by_test_id("stMultiSelect").get_by_role("combobox").all()
        ],
        expected,
        page=page,
        timeout_ms=15000,
    )
    assert placeholders == expected
    sidebar.get_by_role("combobox", name="Régions").click()
    page.get_by_role("option").first.wait_for()
    assert "Auvergne-Rhône-Alpes" in visible_text(page)  # the list is open
    assert english_in(page) == []
    page.keyboard.press("Escape")


def test_an_unknown_address_says_so_in_french(page: Page, app_server: AppServer) -> None:
    open_app(page, app_server.url, "nulle-part", lang="fr")
    expect(page.get_by_role("heading", name="Page introuvable")).to_be_visible()
    expect(page.get_by_role("link", name="Vue d'ensemble").first).to_be_visible()
    no_exception(page)  # no "Page not found" dialog
    assert english_in(page) == []
