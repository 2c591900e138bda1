"""Screenshots for the README and docs/DASHBOARD.md, from the app on a fresh sample store.

`python -m tests.browser.screenshot [docs/screenshot-overview.png]` saves the overview in
English at 1400×1000 (the README's). `python -m tests.browser.screenshot --screens
[docs/screenshots]` saves the Overview and the Presentation (its first headline slide) on a
390×844 phone and a 1920×1080 screen, as `<page>-<width>x<height>.png`.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from analysis.store import SurveyStore
from analysis.store.seed import ensure_seeded
from tests.browser.harness import (
    PHONE_AGENT,
    REPO_ROOT,
    launch,
    new_page,
    open_app,
    start_app,
    wait_for_charts,
    wait_for_tiles,
)

DEFAULT_OUTPUT = REPO_ROOT / "docs" / "screenshot-overview.png"
SCREENS_OUTPUT = REPO_ROOT / "docs" / "screenshots"
#: The screens of `--screens`: a phone (its browser's User-Agent) and a full-HD screen.
SCREENS: tuple[tuple[dict[str, int], str | None], ...] = (
    ({"width": 390, "height": 844}, PHONE_AGENT),
    ({"width": 1920, "height": 1080}, None),
)
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


def take_screens(folder: Path) -> list[Path]:
    """Save the Overview and the Presentation on every screen of `SCREENS` into `folder`."""
    saved: list[Path] = []
    with tempfile.TemporaryDirectory() as scratch:
        workdir = Path(scratch)
        seeded = workdir / "seeded.db"
        store = SurveyStore(f"sqlite:///{seeded}")
        ensure_seeded(store)
        store.close()
        server = start_app(seeded, workdir)
        try:
            with sync_playwright() as playwright:
                browser = launch(playwright)
                folder.mkdir(parents=True, exist_ok=True)
                for viewport, agent in SCREENS:
                    page = new_page(browser, viewport=viewport, user_agent=agent)
                    size = f"{viewport['width']}x{viewport['height']}"
                    open_app(page, server.url, lang="en")
                    wait_for_tiles(page, TILES)
                    wait_for_charts(page)
                    saved.append(folder / f"overview-{size}.png")
                    page.screenshot(path=str(saved[-1]))
                    open_app(page, server.url, "presentation", lang="en", slide="2")
                    page.locator(".st-key-slide_box").wait_for()
                    page.wait_for_timeout(500)  # the slide's web fonts
                    saved.append(folder / f"presentation-{size}.png")
                    page.screenshot(path=str(saved[-1]))
                    page.context.close()
                browser.close()
        finally:
            server.stop()
    return saved


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--screens":
        take_screens(Path(sys.argv[2]) if len(sys.argv) > 2 else SCREENS_OUTPUT)
    else:
        take(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_OUTPUT)
