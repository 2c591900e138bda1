"""Shared fixtures: AppTest support is importable by any test module."""

from tests.apptest_support import app_db, seeded_db_file  # noqa: F401  (pytest fixtures)
