"""Debian's headless Chromium, launched one way for the browser tests and the benchmarks.

Why one home: the browser tests (`tests/browser/session.py`) and the time to the first chart
(`bench/first_chart.py`) must run the same browser with the same flags, or a benchmark would
measure another browser than the one the tests check. It lives in `tests/support/` (which
`bench/` already reads) and imports no Playwright at run time, so `bench/crowd.py` can read
`CHROMIUM` without loading a browser driver.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Playwright

#: Debian's Chromium; Playwright's own browser downloads are never used.
CHROMIUM = "/usr/bin/chromium"
#: Flags that work in containers and offline (no sandbox, GPU, QUIC or background traffic).
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def launch(playwright: Playwright) -> Browser:
    """Debian's headless Chromium with the flags that work in containers and offline."""
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS)
