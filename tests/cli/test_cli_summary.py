"""`python -m analysis summary`: the headline of a file or a stored round, and its exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.analytics.metrics import summary_dict
from analysis.cli import main
from analysis.core.model import SourceFile
from analysis.sample.round import SAMPLE_PATH, generate, sample_workbook

REPO = Path(__file__).resolve().parents[2]

EXPECTED = {
    "round": "2023",
    "period": "2019–2022",
    "synthetic": True,
    "respondents": 40,
    "poles_surveyed": 55,
    "projects_submitted_by_year": {"2019": 310, "2020": 357, "2021": 410, "2022": 471},
    "projects_submitted_total": 1548,
    "europe_team_recruitments_total": 124,
    "coordinator_members_total": 116,
    "plans_to_recruit_share": 0.6,
    "plans_to_recruit_n": 40,
}


def _spaces(text: str) -> str:
    """French number formatting uses no-break spaces; compare on plain ones."""
    return text.replace("\u202f", " ").replace("\xa0", " ")


def _check_numbers(summary: dict) -> None:
    assert {k: summary[k] for k in EXPECTED} == EXPECTED
    assert summary["response_rate"] == pytest.approx(40 / 55)
    assert summary["projects_submitted_cagr"] == pytest.approx(0.149617, abs=1e-6)


def test_json_from_the_sample_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["summary", str(SAMPLE_PATH), "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    _check_numbers(summary)
    assert summary == summary_dict(generate())


def test_text_in_english(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["summary", str(SAMPLE_PATH), "--lang", "en"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "Round 2023 (2019–2022)"
    assert lines[1].startswith("Synthetic sample data")
    for line in (
        "Responding poles: 40 of 55 surveyed (73%)",
        "EU proposals submitted: 1,548 (n = 40)",
        "  2019: 310 (n = 40)",
        "  2022: 471 (n = 40)",
        "Growth of submissions: 15.0% a year from 2019 to 2022, "
        "poles that answered both years (n = 40)",
        "Europe team recruitments: 124 (n = 40)",
        "Members coordinating EU projects: 116 (n = 40)",
        "Poles planning to recruit: 60% (24 of 40)",
    ):
        assert line in lines


def test_text_in_french(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["summary", str(SAMPLE_PATH), "--lang", "fr"]) == 0
    lines = _spaces(capsys.readouterr().out).splitlines()
    assert lines[0] == "Campagne 2023 (2019–2022)"
    for line in (
        "Pôles répondants : 40 sur 55 interrogés (73 %)",
        "Projets européens déposés : 1 548 (n = 40)",
        "Croissance des dépôts : 15,0 % par an de 2019 à 2022, "
        "pôles ayant répondu les deux années (n = 40)",
        "Pôles prévoyant de recruter : 60 % (24 sur 40)",
    ):
        assert line in lines


def test_text_says_unknown_figures_plainly(tmp_path: Path, capsys) -> None:
    path = tmp_path / "two.csv"
    path.write_text(
        "Pole,Region,EU proposals submitted 2021\nCap Digital,Île-de-France,3\n"
        "Minalogic,Auvergne-Rhône-Alpes,\n",
        encoding="utf-8",
    )
    assert main(["summary", str(path), "--lang", "en"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "Responding poles: 2" in lines  # no denominator known
    assert "EU proposals submitted: 3 (n = 1)" in lines
    assert "Europe team recruitments: – (n = 0)" in lines
    assert not any(line.startswith("Growth") for line in lines)  # a single year


def test_missing_file_is_exit_2_in_one_sentence(tmp_path: Path, capsys) -> None:
    assert main(["summary", str(tmp_path / "nowhere.xlsx"), "--lang", "en"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.strip().count("\n") == 0
    assert "nowhere.xlsx" in captured.err


def test_unreadable_file_is_exit_2_without_traceback(tmp_path: Path, capsys) -> None:
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04 this is not really a workbook")
    assert main(["summary", str(path), "--json"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.strip() and "Traceback" not in captured.err
    assert captured.err.strip().count("\n") == 0


def test_file_with_errors_is_exit_1_with_the_report(tmp_path: Path, capsys) -> None:
    path = tmp_path / "dup.csv"
    path.write_text(
        "Pole,EU proposals submitted 2021\nCap Digital,3\nCap Digital,4\n", encoding="utf-8"
    )
    assert main(["summary", str(path), "--lang", "en", "--json"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "error" in captured.err.splitlines()[0]
    assert "Cap Digital" in captured.err


@pytest.mark.parametrize(
    "argv",
    [
        ["summary"],
        ["summary", "x.xlsx", "--round", "2023"],
        ["summary", "x.xlsx", "--db", "sqlite://"],
        ["summary", "--db", "sqlite://"],
    ],
)
def test_a_source_is_needed_and_only_one(argv: list[str], capsys) -> None:
    assert main([*argv, "--lang", "en"]) == 2
    assert "either a FILE or --round" in capsys.readouterr().err


# --- from the store ------------------------------------------------------------------------


@pytest.fixture
def store_url(tmp_path: Path) -> str:
    from analysis.store import SurveyStore

    url = f"sqlite:///{tmp_path / 'survey.db'}"
    store = SurveyStore(url)
    store.import_survey(generate(), SourceFile(SAMPLE_PATH.name, sample_workbook()))
    store.close()
    return url


def test_json_from_the_store(store_url: str, capsys) -> None:
    assert main(["summary", "--db", store_url, "--round", "2023", "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    _check_numbers(summary)
    assert summary == summary_dict(generate())


def test_unknown_round_is_exit_4(store_url: str, capsys) -> None:
    assert main(["summary", "--db", store_url, "--round", "1999", "--lang", "en"]) == 4
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "1999" in captured.err
    assert captured.err.strip().count("\n") == 0


def test_a_store_that_cannot_be_opened_is_exit_2(capsys) -> None:
    assert main(["summary", "--db", "nosuchdb://x", "--round", "2023", "--lang", "en"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "nosuchdb" in captured.err
    assert captured.err.strip().count("\n") == 0


# --- as a real process ---------------------------------------------------------------------


def test_python_m_analysis_summary_json() -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "analysis",
            "summary",
            "data/sample/phase4_survey_sample.xlsx",
            "--json",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    _check_numbers(json.loads(done.stdout))


def test_text_gives_the_panels_growth_and_the_totals_as_secondary() -> None:
    from analysis.analytics.metrics import headline
    from analysis.cli.summary import render_text
    from tests.support.builders import forty_poles_two_late

    lines = render_text(headline(forty_poles_two_late()), "en").splitlines()
    growth = lines.index(
        "Growth of submissions: 16.3% a year from 2019 to 2022, "
        "poles that answered both years (n = 38)"
    )
    assert lines[growth + 1] == (
        "  all respondents' totals: 19.0% a year (different poles in the two years)"
    )
