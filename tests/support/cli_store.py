"""What the store commands' tests share: the CLI run in this process or as `python -m`, the
CSV files it imports, and the store fixtures."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.cli import main
from tests.support import store_fixtures
from tests.support.store_fixtures import REPO_ROOT

# the store fixtures, shared by every store test module
store_url = store_fixtures.store_url

SAMPLE = REPO_ROOT / "data" / "sample" / "phase4_survey_sample.xlsx"
HEADER = (
    "Pôle;Région;Projets déposés 2019;Projets déposés 2020;Projets retenus 2019;"
    "Recrutements équipe Europe;Prévoit de recruter;Commentaire"
)


def write_csv(path: Path, rows: list[str], header: str = HEADER) -> Path:
    """A semicolon CSV in UTF-8, as a French spreadsheet exports it."""
    path.write_bytes(("\r\n".join([header, *rows]) + "\r\n").encode("utf-8"))
    return path


@pytest.fixture
def good_csv(tmp_path: Path) -> Path:
    return write_csv(
        tmp_path / "enquete.csv",
        [
            "Aerospace Valley;Occitanie;10;12;3;4;oui;RAS",
            "Cap Digital;Île-de-France;8;9;2;;non;",
            "Minalogic;Auvergne-Rhône-Alpes;5;;1;2;;à revoir",
        ],
    )


@pytest.fixture
def bad_csv(tmp_path: Path) -> Path:
    return write_csv(
        tmp_path / "fautes.csv",
        ["Aerospace Valley;Occitanie;-3;12;3;abc;oui;", "Cap Digital;Île-de-France;8;9;2;1;non;"],
    )


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run the CLI in this process; return (exit code, stdout, stderr)."""
    code = main([*argv])
    out, err = capsys.readouterr()
    return code, out, err


def cli(capsys: pytest.CaptureFixture[str], url: str, *argv: str) -> tuple[int, str, str]:
    """A store command against `url`, in English."""
    return run(capsys, *argv, "--db", url, "--lang", "en")


def rounds_json(capsys: pytest.CaptureFixture[str], url: str) -> list[dict[str, object]]:
    code, out, _ = cli(capsys, url, "rounds", "--json")
    assert code == 0
    return json.loads(out)


def python_m(*argv: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "analysis", *argv],
        cwd=REPO_ROOT,
        env={**os.environ, **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
