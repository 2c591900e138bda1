"""A browser page bound to one Streamlit session: runs and waits (the browser itself:
`tests/support/chromium.py`).

Everything waits on a condition (a finished script run, a value changing), never on a
fixed delay, because this machine's speed varies a lot.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TypeVar
from urllib.parse import parse_qs, urlencode, urlsplit
from weakref import WeakKeyDictionary

from google.protobuf.message import DecodeError
from playwright.sync_api import Browser, Page, WebSocket
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from analysis.core.i18n import Lang, t

VIEWPORT = {"width": 1400, "height": 1000}
#: An iPhone's Safari, as a QR code at an event opens the link (`ui.phone` sees `Mobi`).
PHONE_AGENT = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1"
)
#: Playwright's default wait for any action (ms): a cold page on 2 slow cores takes ~8 s.
TIMEOUT_MS = 30_000

T = TypeVar("T")


#: Uncaught JavaScript errors of each page (Streamlit's frontend or plotly crashing).
_JS_ERRORS: WeakKeyDictionary[Page, list[str]] = WeakKeyDictionary()


@dataclass
class _Runs:
    """Script runs of one page's session, from the server's messages."""

    started: int = 0
    finished: int = 0
    #: Whether the last finished run ran to its end (not cut short for a rerun).
    complete: bool = False

    @property
    def idle(self) -> bool:
        """Every started run has finished, the last one completely."""
        return self.started == self.finished and self.complete


_RUNS: WeakKeyDictionary[Page, _Runs] = WeakKeyDictionary()
_CUT_SHORT = ForwardMsg.ScriptFinishedStatus.FINISHED_EARLY_FOR_RERUN


def _count_runs(runs: _Runs) -> Callable[[WebSocket], None]:
    """A websocket listener counting the runs the server starts and finishes.

    Every run begins with a `new_session` message and ends with `script_finished`. The
    page's own "running" marker is not enough: a quick rerun can go from running to idle
    within one render, leaving no trace in the DOM.
    """

    def on_frame(payload: str | bytes) -> None:
        if not isinstance(payload, bytes):
            return
        try:
            message = ForwardMsg.FromString(payload)
        except DecodeError:
            return
        kind = message.WhichOneof("type")
        if kind == "new_session":
            runs.started += 1
        elif kind == "script_finished":
            runs.finished += 1
            runs.complete = message.script_finished != _CUT_SHORT

    def on_websocket(socket: WebSocket) -> None:
        if socket.url.endswith("/_stcore/stream"):
            socket.on("framereceived", on_frame)

    return on_websocket


def new_page(
    browser: Browser, *, viewport: dict[str, int] | None = None, user_agent: str | None = None
) -> Page:
    """A page in a fresh context (its own Streamlit session) that records its runs and errors.

    `viewport` and `user_agent` make it another screen (a phone, `test_phone.py`)."""
    context = browser.new_context(
        viewport=viewport or VIEWPORT, locale="en-US", user_agent=user_agent
    )
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    _JS_ERRORS[page] = errors
    runs = _RUNS[page] = _Runs()
    page.on("websocket", _count_runs(runs))
    return page


def app_address(base_url: str, path: str = "", **query: str | list[str]) -> str:
    """`base_url/path?query` (lists become repeated parameters, as the app writes them)."""
    address = f"{base_url}/{path.lstrip('/')}"
    return f"{address}?{urlencode(query, doseq=True)}" if query else address


def open_app(page: Page, base_url: str, path: str = "", **query: str | list[str]) -> None:
    """Go to a page of the app and wait for its first script run to finish."""
    before = run_count(page)
    page.goto(app_address(base_url, path, **query))
    _wait_for_runs(page, before)


def forget_runs(page: Page) -> None:
    """Count runs afresh, once the page has left the app (for a sign-in provider's page):
    a run cut short by that navigation never reports its end, and would otherwise keep
    the page from ever looking idle. The next `wait_until_idle` waits for a whole run."""
    runs = _RUNS[page]
    runs.started = runs.finished = 0
    runs.complete = False


def run_count(page: Page) -> int:
    """How many script runs the page's session has started so far."""
    return _RUNS[page].started


def _wait_for_runs(page: Page, started: int, timeout_ms: int = TIMEOUT_MS) -> None:
    """Wait until a run started after the first `started` ones, and every run has ended.

    A run already going when the action happened (a page may rerun itself once drawn)
    therefore never passes for the action's own. Playwright delivers the websocket
    messages only while it waits, hence a short poll.
    """
    runs = _RUNS[page]
    deadline = time.monotonic() + timeout_ms / 1000
    while not (runs.started > started and runs.idle):
        if time.monotonic() > deadline:
            raise AssertionError(
                f"{page.url}: no script run started and finished within "
                f"{timeout_ms / 1000:.0f} s ({runs})"
            )
        page.wait_for_timeout(20)


def wait_until_idle(page: Page, timeout_ms: int = TIMEOUT_MS) -> None:
    """Wait until every run the session started has ended (at once when none is going)."""
    runs = _RUNS[page]
    deadline = time.monotonic() + timeout_ms / 1000
    while not runs.idle:
        if time.monotonic() > deadline:
            raise AssertionError(f"{page.url}: still running after {timeout_ms / 1000:.0f} s")
        page.wait_for_timeout(20)


@contextmanager
def rerun(page: Page) -> Iterator[None]:
    """Wait, after the block's action, for the script run it causes to finish.

    Runs are counted from the server's messages, so a rerun that starts and ends within a
    blink still counts. Elements can appear up to a second after the run ends (components
    are loaded lazily), so callers then wait for what they check.
    """
    before = run_count(page)
    yield
    _wait_for_runs(page, before)


def js_errors(page: Page) -> list[str]:
    """Uncaught JavaScript errors seen on `page` so far."""
    return list(_JS_ERRORS.get(page, []))


def wait_for_value(
    probe: Callable[[], T],
    expected: T | Callable[[T], bool],
    *,
    page: Page,
    timeout_ms: int = TIMEOUT_MS,
) -> T:
    """Poll `probe()` until it equals `expected` (or satisfies it); return the last value.

    On timeout the last value is returned unchanged so the caller's assertion shows the
    difference. Polls every 100 ms through the page (which keeps its events flowing).
    """
    check = expected if callable(expected) else (lambda value: value == expected)
    deadline = time.monotonic() + timeout_ms / 1000
    value = probe()
    while not check(value) and time.monotonic() < deadline:
        page.wait_for_timeout(100)
        value = probe()
    return value


def query_of(page: Page) -> dict[str, list[str]]:
    """The page's current query string, as lists of values."""
    return parse_qs(urlsplit(page.url).query)


def sign_in(page: Page, token: str, lang: Lang = "en") -> None:
    """Type the editor token (or password) in the page's sign-in form and submit it."""
    field = page.get_by_label(t("auth.password", lang))
    field.wait_for()
    field.fill(token)
    with rerun(page):
        page.get_by_role("button", name=t("auth.sign_in", lang), exact=True).click()
