"""Shared fixtures: AppTest support, a store of its own for every test, and the session's
throw-away PostgreSQL server."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from analysis.auth import TOKEN_FILE_ENV
from analysis.core.i18n import STRICT_ENV
from analysis.store.url import ENV_VAR
from tests.support.apptest import app_db, seeded_db_file  # noqa: F401  (pytest fixtures)
from tests.support.postgres import PostgresServer, missing_reason, start_server

# An unknown message key or a missing message parameter raises in every test (and in the
# servers and commands the tests start, which inherit the environment), instead of the
# lenient fallback a visitor gets.
os.environ[STRICT_ENV] = "1"

# No time limit per example: Hypothesis's default (200 ms) makes a property test fail on a
# busy machine for being slow, not wrong. Speed is measured in `bench/`, never in tests.
settings.register_profile("poles", deadline=None)
settings.load_profile("poles")


@pytest.fixture(autouse=True)
def _no_test_touches_the_real_store(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Point the default store at a temporary file, so that no test (nor any process it
    starts) reads or writes the developer's `data/survey.db`; fixtures such as `app_db`
    point it elsewhere on purpose."""
    monkeypatch.setenv(ENV_VAR, f"sqlite:///{tmp_path / 'default-store.db'}")
    # Nor the developer's first-start editor token (data/.editor-token).
    monkeypatch.setenv(TOKEN_FILE_ENV, str(tmp_path / "editor-token"))


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """One throw-away PostgreSQL server for the whole session, started on first use.

    Without PostgreSQL installed, the tests that need it are skipped with the reason on a
    developer's machine, but fail under CI (`CI` set): CI must never pass by skipping the
    second database silently.
    """
    reason = missing_reason()
    if reason is not None:
        if os.environ.get("CI", "").strip():
            pytest.fail(f"CI needs PostgreSQL for the store tests: {reason}", pytrace=False)
        pytest.skip(reason)
    server = start_server()
    try:
        yield server
    finally:
        server.stop()
