"""Odd workbooks from spreadsheet libraries' own test suites (`tests/corpus/SOURCES.md`):
every one gives a report or a clear unreadable-file error, never another exception, and the
`validate` command never prints a traceback on them (issue 13, item 9)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from analysis.cli import main
from analysis.core.model import SourceFile
from analysis.ingest.pipeline import ingest

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "corpus"
SPREADSHEETS = sorted(
    path for path in CORPUS.rglob("*") if path.suffix.lower() in {".xls", ".xlsx", ".xlsm", ".ods"}
)
#: Files refused on purpose, each for the reason SOURCES.md gives.
REFUSED = {
    "issue_594_dos.ods": "999,999,999 columns",
    "pass_protected.xlsx": "password",
    "pass_protected.ods": "password",
    "biff4_no_format_no_window2.xls": "not a spreadsheet",
}
#: Exit codes of `validate`: 0 storable, 1 errors, 2 unreadable.
VALIDATE_CODES = {0, 1, 2}


def ids(path: Path) -> str:
    return str(path.relative_to(CORPUS))


def test_the_corpus_is_small_licensed_and_listed() -> None:
    assert 30 <= len(SPREADSHEETS) <= 80
    assert sum(path.stat().st_size for path in SPREADSHEETS) < 3_000_000
    sources = (CORPUS / "SOURCES.md").read_text(encoding="utf-8")
    for folder in {path.parent for path in SPREADSHEETS}:
        assert any(child.name.startswith("LICENSE") for child in folder.iterdir()), folder
    for path in SPREADSHEETS:
        assert f"`{path.name}`" in sources, path


@pytest.mark.parametrize("path", SPREADSHEETS, ids=ids)
def test_every_corpus_file_gives_a_report_or_a_clear_refusal(path: Path) -> None:
    result = ingest(SourceFile(path.name, path.read_bytes()))
    report = result.report
    assert report.problems or result.survey is not None
    for lang in ("en", "fr"):
        for problem in report.problems:
            message = problem.message(lang)
            assert message and "None" not in message and "Traceback" not in message
    if path.name in REFUSED:
        assert report.unreadable
        assert REFUSED[path.name] in report.problems[0].message("en")
    else:
        assert not report.unreadable, report.problems[0].message("en")


@pytest.mark.parametrize("path", SPREADSHEETS, ids=ids)
def test_validate_explains_every_corpus_file(
    path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["validate", str(path), "--lang", "en"])
    out, err = capsys.readouterr()
    assert code == 2 if path.name in REFUSED else code in {0, 1}
    assert (out + err).strip() and "Traceback" not in out + err


@pytest.mark.slow
def test_validate_in_a_subprocess_never_prints_a_traceback() -> None:
    for path in SPREADSHEETS:
        done = subprocess.run(
            [sys.executable, "-m", "analysis", "validate", str(path), "--json"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert done.returncode in VALIDATE_CODES, (path, done.stderr)
        assert "Traceback" not in done.stderr, (path, done.stderr)
