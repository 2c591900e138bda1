"""The charts' toolbar in a real browser: its tooltips and accessible names (`data-title`,
`aria-label` of each modebar button) in the interface language, plotly.js's own and
Streamlit's full-screen button alike."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.browser.harness import AppServer, no_exception, open_app, wait_for_charts

pytestmark = pytest.mark.browser

#: The English titles the modebar of our charts shows ("Zoom" is French as well).
ENGLISH_TITLES = frozenset(
    {
        "Download plot as a PNG",
        "Download plot",
        "Pan",
        "Box Select",
        "Lasso Select",
        "Zoom in",
        "Zoom out",
        "Autoscale",
        "Reset axes",
        "Reset view",
        "Fullscreen",
        "Close fullscreen",
    }
)

_TITLES = """
() => Array.from(document.querySelectorAll('.js-plotly-plot .modebar-btn'))
  .map(b => [b.getAttribute('data-title'), b.getAttribute('aria-label')])
"""


def modebar_titles(page: Page, url_path: str, lang: str, url: str) -> list[tuple[str, str]]:
    open_app(page, url, url_path, lang=lang)
    wait_for_charts(page)
    no_exception(page)
    return [(str(title), str(label)) for title, label in page.evaluate(_TITLES)]


@pytest.mark.parametrize("url_path", ["trends", "map"])
def test_the_french_toolbar_speaks_french(page: Page, app_server: AppServer, url_path: str) -> None:
    titles = modebar_titles(page, url_path, "fr", app_server.url)
    assert titles, "no modebar button"
    assert "Télécharger le graphique en fichier PNG" in {title for title, _label in titles}
    english = {text for pair in titles for text in pair} & ENGLISH_TITLES
    assert not english, titles
    # Ticks keep the separators the figures set for French (comma, space): "1 500", "0,5".
    separators = page.evaluate(
        "() => [...document.querySelectorAll('.js-plotly-plot')].map(e => e._fullLayout.separators)"
    )
    assert separators and set(separators) == {", "}, separators


def test_the_english_toolbar_is_unchanged(page: Page, app_server: AppServer) -> None:
    titles = modebar_titles(page, "trends", "en", app_server.url)
    shown = {title for title, _label in titles}
    assert {"Download plot as a PNG", "Reset axes", "Fullscreen"} <= shown, titles
