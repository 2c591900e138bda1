"""The second database of the store tests cannot go missing silently.

The PostgreSQL runs of the store tests depend on Debian's binaries being installed: on a
developer's machine without them they are skipped with the reason, but under CI (`CI` set)
they must fail, or a broken install step would turn half the store suite into skips.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import postgres
from tests.support.store_fixtures import REPO_ROOT

#: A conftest that pretends PostgreSQL is not installed, then offers the real fixture.
_CONFTEST = """
import tests.support.postgres as postgres
postgres.find_binaries = lambda: None
from tests.conftest import postgres_server  # noqa: F401
"""
_TEST = "def test_needs_the_server(postgres_server):\n    assert postgres_server.port\n"


def _run_without_postgres(folder: Path, *, ci: bool) -> subprocess.CompletedProcess[str]:
    (folder / "conftest.py").write_text(_CONFTEST)
    (folder / "test_uses_postgres.py").write_text(_TEST)
    env = {key: value for key, value in os.environ.items() if key != "CI"}
    env["PYTHONPATH"] = str(REPO_ROOT)
    if ci:
        env["CI"] = "true"
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider", str(folder)],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_without_postgresql_a_developer_gets_a_skip_with_the_reason(tmp_path: Path) -> None:
    run = _run_without_postgres(tmp_path, ci=False)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "1 skipped" in run.stdout
    assert "ensure-system-packages.sh postgresql" in run.stdout


def test_without_postgresql_ci_fails(tmp_path: Path) -> None:
    run = _run_without_postgres(tmp_path, ci=True)
    assert run.returncode == 1, run.stdout + run.stderr
    assert "1 error" in run.stdout
    assert "CI needs PostgreSQL" in run.stdout


def test_debian_binaries_are_found_in_their_versioned_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for major in ("13", "15"):
        folder = tmp_path / major / "bin"
        folder.mkdir(parents=True)
        (folder / "initdb").write_text("")
    monkeypatch.setattr(postgres, "DEBIAN_ROOT", tmp_path)
    assert postgres.find_binaries() == tmp_path / "15" / "bin"


def test_no_binaries_anywhere_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(postgres, "DEBIAN_ROOT", tmp_path)
    monkeypatch.setenv("PATH", str(tmp_path))
    assert postgres.find_binaries() is None
    assert "not installed" in (postgres.missing_reason() or "")
