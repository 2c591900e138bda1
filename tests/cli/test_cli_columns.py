"""`python -m analysis columns` and `--map` on every command that reads a file (issue 13)."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from analysis.cli import main
from tests.support.files import xlsx_bytes

ROOT = Path(__file__).resolve().parents[2]
QUESTION = "Combien de vos adhérents coordonnent un projet européen ?"


@pytest.fixture
def forms(tmp_path: Path) -> Path:
    """A named Microsoft Forms export: ID, times, e-mail and the respondent's name first."""
    rows = [
        ["ID", "Heure de début", "Heure de fin", "Adresse de messagerie", "Nom",
         "Nom de votre pôle", QUESTION, "Projets déposés 2021", "Total"],
        [1, datetime(2024, 3, 1, 9), datetime(2024, 3, 1, 9, 5), "a.martin@example.org",
         "Alice Martin", "Minalogic", 4, 7, 5],
        [2, datetime(2024, 3, 2, 9), datetime(2024, 3, 2, 9, 5), "b.durand@example.org",
         "Bruno Durand", "Vitagora", 2, 3, 1],
    ]  # fmt: skip
    path = tmp_path / "forms.xlsx"
    path.write_bytes(xlsx_bytes(rows, sheet="Feuil1"))
    return path


def test_columns_json_has_exactly_the_documented_shape(
    forms: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["columns", str(forms), "--json"]) == 0
    table = json.loads(capsys.readouterr().out)
    assert set(table) == {"sheet", "header_row", "tool", "columns"}
    assert (table["sheet"], table["header_row"], table["tool"]) == ("Feuil1", 1, "microsoft_forms")
    keys = {"letter", "header", "field", "year", "role", "confidence", "samples"}
    assert all(set(column) == keys for column in table["columns"])
    by_letter = {c["letter"]: c for c in table["columns"]}
    assert by_letter["E"]["role"] == "personal" and by_letter["E"]["field"] is None
    assert by_letter["F"]["field"] == "pole"
    assert by_letter["G"]["field"] == "coordinator_members"
    assert (by_letter["H"]["field"], by_letter["H"]["year"]) == ("projects_submitted", 2021)
    assert by_letter["I"]["role"] == "unknown"
    assert by_letter["F"]["samples"] == ["Minalogic", "Vitagora"]


def test_map_by_letter_or_header_changes_the_table(
    forms: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["columns", str(forms), "--json", "--map", "I=projects_funded:2021"]
    assert main([*args, "--map", f"{QUESTION}=ignore"]) == 0
    by_letter = {c["letter"]: c for c in json.loads(capsys.readouterr().out)["columns"]}
    assert (by_letter["I"]["field"], by_letter["I"]["year"]) == ("projects_funded", 2021)
    assert by_letter["I"]["confidence"] == 1.0
    assert by_letter["G"]["role"] == "ignored"


def test_the_text_table_names_the_tool_and_every_column(
    forms: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["columns", str(forms), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "Microsoft Forms" in out
    assert "personal data (not stored)" in out
    assert out.count("\n") == 1 + 1 + 9  # overview, headings, one line per column


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("no-equals-sign", "HEADER=FIELD"),
        ("A=membres", '"membres" is not a field'),
        ("A=projects_submitted", "give the year"),
        ("A=members:2021", "not counted per year"),
    ],
)
def test_a_bad_map_is_one_sentence_and_exit_2(
    forms: Path, value: str, words: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["columns", str(forms), "--lang", "en", "--map", value]) == 2
    assert words in capsys.readouterr().err


@pytest.mark.parametrize("command", ["validate", "summary", "figures", "import"])
def test_every_reading_command_refuses_a_bad_map_the_same_way(
    forms: Path, tmp_path: Path, command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    extra = (
        ["--db", f"sqlite:///{tmp_path / 's.db'}", "--round", "r"] if command == "import" else []
    )
    assert main([command, str(forms), *extra, "--lang", "en", "--map", "A=membres"]) == 2
    assert '"membres" is not a field' in capsys.readouterr().err


def test_a_bad_map_never_shows_a_traceback(forms: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "analysis", "columns", str(forms), "--map", "A="],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 2
    assert "HEADER" in done.stderr or "EN-TÊTE" in done.stderr
    assert "Traceback" not in done.stderr + done.stdout


def test_validate_summary_and_import_read_through_map(
    forms: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    maps = ["--map", "I=projects_funded:2021"]
    assert main(["validate", str(forms), "--json", *maps]) == 0
    capsys.readouterr()
    assert main(["summary", str(forms), "--json", *maps]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["respondents"] == 2
    assert summary["coordinator_members_total"] == 4 + 2
    assert summary["projects_submitted_total"] == 7 + 3
    db = f"sqlite:///{tmp_path / 'store.db'}"
    assert main(["import", str(forms), "--db", db, "--round", "2024", *maps]) == 0
    from analysis.store import SurveyStore

    store = SurveyStore(db)
    try:
        survey = store.load_round("2024")
    finally:
        store.close()
    assert survey.yearly["projects_funded"].tolist() == [5, 1]
    stored = " ".join(map(str, survey.extras.to_numpy().ravel())) if len(survey.extras) else ""
    assert "example.org" not in stored and "Alice" not in stored


def test_columns_of_a_missing_or_unreadable_file_is_exit_2(tmp_path: Path) -> None:
    picture = tmp_path / "photo.xlsx"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    for path in (tmp_path / "absent.xlsx", picture):
        assert main(["columns", str(path)]) == 2


def test_validate_names_the_survey_tool(forms: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(forms), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "Exported from Microsoft Forms" in out
    assert 'column E ("Nom"): this column holds personal data' in out


def test_summary_and_figures_read_a_file_with_the_same_options(
    forms: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Both take their round through `analysis.cli.round_source`: the same `--map` gives
    the same figures, and a mapped column changes them for both."""
    options = ["--json", "--lang", "en", "--map", "G=ignore"]  # the coordinators' question
    assert main(["summary", str(forms), *options]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert main(["figures", str(forms), *options]) == 0
    figures = {entry["id"]: entry["value"] for entry in json.loads(capsys.readouterr().out)}
    shared = summary.keys() & figures.keys()
    assert "coordinator_members_total" in shared
    assert {key: figures[key] for key in shared} == {key: summary[key] for key in shared}
    assert main(["figures", str(forms), "--json", "--lang", "en"]) == 0
    unmapped = {entry["id"]: entry["value"] for entry in json.loads(capsys.readouterr().out)}
    assert unmapped["coordinator_members_total"] == 6  # 4 + 2 when the column is read
    assert figures["coordinator_members_total"] != 6
