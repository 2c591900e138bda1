"""Shared fixtures: AppTest support, and a store of its own for every test."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.store.url import ENV_VAR
from tests.support.apptest import app_db, seeded_db_file  # noqa: F401  (pytest fixtures)


@pytest.fixture(autouse=True)
def _no_test_touches_the_real_store(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Point the default store at a temporary file, so that no test (nor any process it
    starts) reads or writes the developer's `data/survey.db`; fixtures such as `app_db`
    point it elsewhere on purpose."""
    monkeypatch.setenv(ENV_VAR, f"sqlite:///{tmp_path / 'default-store.db'}")
