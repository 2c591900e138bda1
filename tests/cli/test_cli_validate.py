"""`python -m analysis validate`: the report on screen and the three exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.cli import main
from tests.support import hostile
from tests.support import messy as m

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    """A storable file with a warning, a file with errors, and one that is no spreadsheet."""
    rows = [list(r) for r in m.CLEAN_ROWS]
    rows[1][3] = "-3"
    paths = {
        "warnings": tmp_path / "enquete.xlsx",
        "errors": tmp_path / "erreurs.xlsx",
        "unreadable": tmp_path / "photo.xlsx",
    }
    paths["warnings"].write_bytes(m.messy_xlsx())
    paths["errors"].write_bytes(m.xlsx_from_grid([m.CLEAN_HEADERS, *rows], sheet="Responses"))
    paths["unreadable"].write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    return paths


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "analysis", "validate", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_subprocess_exit_codes_and_output(files: dict[str, Path]) -> None:
    ok = cli(str(files["warnings"]), "--lang", "en")
    assert ok.returncode == 0, ok.stderr
    lines = ok.stdout.splitlines()
    assert lines[0] == (
        'enquete.xlsx: sheet "Réponses", headers on row 4, 5 poles, years 2019–2022.'
    )
    assert lines[1] == "0 errors, 1 warning."
    assert lines[2].startswith('- [warning] Sheet "Réponses", row 4: these columns')
    assert lines[-1] == "This file can be stored."

    bad = cli(str(files["errors"]), "--lang", "en")
    assert bad.returncode == 1
    assert "1 error, 0 warnings." in bad.stdout
    assert (
        '- [error] Sheet "Responses", row 3, column D ("Projects submitted 2021"): '
        '"-3" is negative; expected a whole number, 0 or more.'
    ) in bad.stdout

    unreadable = cli(str(files["unreadable"]), "--lang", "fr")
    assert unreadable.returncode == 2
    assert "Traceback" not in unreadable.stderr
    assert unreadable.stderr.strip().startswith("Le fichier « photo.xlsx » est en réalité")
    assert len(unreadable.stderr.strip().splitlines()) == 1


def test_in_process_exit_codes(files: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(files["warnings"])]) == 0
    out = capsys.readouterr().out
    assert "0 erreur, 1 avertissement." in out
    assert "Ce fichier peut être enregistré." in out
    assert main(["validate", str(files["errors"]), "--lang", "fr"]) == 1
    assert "« -3 » est négatif" in capsys.readouterr().out
    assert main(["validate", str(files["unreadable"])]) == 2
    assert main(["validate", str(files["warnings"].with_name("absent.xlsx"))]) == 2
    assert "absent.xlsx" in capsys.readouterr().err


def test_json_lists_the_problems(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", str(files["errors"]), "--json", "--lang", "en"]) == 1
    problems = json.loads(capsys.readouterr().out)
    assert problems == [
        {
            "severity": "error",
            "code": "negative",
            "sheet": "Responses",
            "row": 3,
            "column": "D",
            "header": "Projects submitted 2021",
            "value": "-3",
            "expected": "a whole number, 0 or more",
            "message": 'Sheet "Responses", row 3, column D ("Projects submitted 2021"): '
            '"-3" is negative; expected a whole number, 0 or more.',
        }
    ]
    assert main(["validate", str(files["unreadable"]), "--json"]) == 2
    (unreadable,) = json.loads(capsys.readouterr().out)
    assert unreadable["code"] == "unreadable"


@pytest.mark.parametrize(
    ("name", "build"),
    [
        ("rows.ods", lambda: hostile.repeated_row_ods(1)),
        ("sparse.xlsx", lambda: hostile.sparse_xlsx(8)),
        ("mac.csv", lambda: "Pôle;Membres\rCap Digital;3\r".encode("cp1252")),
    ],
)
def test_a_hostile_file_gets_one_sentence_and_no_traceback(
    tmp_path: Path, name: str, build: object
) -> None:
    # Issue 15: each of these used to exhaust memory or end in a traceback.
    path = tmp_path / name
    path.write_bytes(build())  # type: ignore[operator]
    done = subprocess.run(
        [sys.executable, "-m", "analysis", "validate", str(path), "--lang", "en"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert "Traceback" not in done.stdout + done.stderr
    if name.endswith(".csv"):  # Excel's "CSV (Macintosh)": read, not refused
        assert done.returncode == 0, done.stdout + done.stderr
    else:
        assert done.returncode == 2
        assert "more than the" in done.stdout + done.stderr
