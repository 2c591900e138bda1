"""Screenshot of the overview in English at 1400×1000, for the README and reviews.

`python -m tests.browser.screenshot [docs/screenshot-overview.png]` starts the app on a
freshly seeded store, waits for the tiles and the chart, and saves the visible window.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from analysis.store import SurveyStore
from analysis.store.seed import ensure_seeded
from tests.browser.harness import (
    REPO_ROOT,
    launch,
    new_page,
    open_app,
    start_app,
    wait_for_charts,
    wait_for_tiles,
)

DEFAULT_OUTPUT = REPO_ROOT / "docs" / "screenshot-overview.png"
#: Headline tiles of the overview.
TILES = 6


def take(output: Path) -> None:
    """Seed a store, run the app on it, and save the overview's screenshot to `output`."""
    with tempfile.TemporaryDirectory() as folder:
        workdir = Path(folder)
        seeded = workdir / "seeded.db"
        store = SurveyStore(f"sqlite:///{seeded}")
        ensure_seeded(store)
        store.close()
        server = start_app(seeded, workdir)
        try:
            with sync_playwright() as playwright:
                browser = launch(playwright)
                page = new_page(browser)
                open_app(page, server.url, lang="en")
                wait_for_tiles(page, TILES)
                wait_for_charts(page)
                output.parent.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(output))
                browser.close()
        finally:
            server.stop()


if __name__ == "__main__":
    take(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_OUTPUT)
