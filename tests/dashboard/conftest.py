"""Fixtures of the editing AppTests (`test_page_auth*.py`): a small global attempt budget on
a fake clock, and the editor password in the environment. Test modules ask for `budget`
(none of it is automatic, so the other pages' tests keep the real budget)."""

from __future__ import annotations

import time

import pytest

from analysis.auth import AttemptBudget
from tests.support.auth_page import CAPACITY, PASSWORD, REFILL, FakeClock
from ui import auth


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def budget(monkeypatch: pytest.MonkeyPatch, clock: FakeClock) -> AttemptBudget:
    """A fresh global attempt budget on a fake clock; a sleep of a second or more fails.

    (AppTest itself polls with millisecond sleeps; a sign-in wait would be seconds.)
    """
    fresh = AttemptBudget(capacity=CAPACITY, refill_every=REFILL, clock=clock)
    monkeypatch.setattr(auth, "BUDGET", fresh)
    real_sleep = time.sleep

    def short_sleep_only(seconds: float) -> None:
        if seconds >= 1.0:
            raise AssertionError(f"a server thread slept {seconds} s")
        real_sleep(seconds)

    monkeypatch.setattr(time, "sleep", short_sleep_only)
    return fresh


@pytest.fixture
def password_env(app_db: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """The editor password set in the environment (after `app_db` cleared it)."""
    monkeypatch.setenv("SURVEY_EDITOR_PASSWORD", PASSWORD)
    return app_db
