"""`python -m analysis figures`: the registry from a file or a stored round, and its exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from analysis.analytics.figures import IDS, figures_of
from analysis.analytics.metrics import summary_dict
from analysis.cli import main
from analysis.core.model import SourceFile
from analysis.sample.round import SAMPLE_PATH, generate
from analysis.store import SurveyStore
from tests.support.builders import forty_poles_two_late


def test_json_lists_every_figure_with_its_summary_value(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["figures", str(SAMPLE_PATH), "--json", "--lang", "en"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [entry["id"] for entry in listed] == list(IDS)
    summary = summary_dict(generate())
    for entry in listed:
        assert {"id", "label", "value", "display", "n", "coverage", "formula"} <= entry.keys()
        if entry["id"] in summary:
            assert entry["value"] == summary[entry["id"]], entry["id"]
    shown = {entry["id"]: entry["display"] for entry in listed}
    assert shown["projects_submitted_total"] == "1,500+"
    assert shown["projects_submitted_cagr"] == "+15%"


def test_text_in_french(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["figures", str(SAMPLE_PATH), "--lang", "fr"]) == 0
    out = capsys.readouterr().out.replace("\u202f", " ").replace("\xa0", " ")
    assert out.startswith("Chiffres de la campagne 2023")
    assert "Projets européens déposés depuis 2019 : 1 500+   [projects_submitted_total]" in out
    assert "  exact : 1 548 (n = 40)" in out
    assert "Croissance annuelle moyenne : +15 %   [projects_submitted_cagr]" in out


@pytest.fixture
def two_rounds(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'figures.db'}"
    with SurveyStore(url) as store:
        store.import_survey(forty_poles_two_late("late"), SourceFile("late.csv", b"pole\n"))
    return url


def test_from_the_store_the_panel_growth(
    two_rounds: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["figures", "--db", two_rounds, "--round", "late", "--json", "--lang", "en"]) == 0
    listed = {entry["id"]: entry for entry in json.loads(capsys.readouterr().out)}
    growth = listed["projects_submitted_cagr"]
    assert (growth["display"], growth["n"], growth["coverage"]) == ("+16%", 38, 40)
    assert round(listed["projects_submitted_cagr_all"]["value"] * 100, 1) == 19.0
    expected = {f.id: f.value for f in figures_of(forty_poles_two_late("late"), "en")}
    assert {k: v["value"] for k, v in listed.items()} == expected


@pytest.mark.parametrize(
    ("argv", "code"),
    [
        (["figures"], 2),
        (["figures", "nowhere.xlsx"], 2),
        (["figures", "--round", "1999", "--db", "sqlite:///{db}"], 4),
    ],
)
def test_exit_codes_without_traceback(
    argv: list[str], code: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "empty.db"
    SurveyStore(f"sqlite:///{db}").close()
    argv = [a.replace("{db}", str(db)) for a in argv]
    assert main([*argv, "--lang", "en"]) == code
    err = capsys.readouterr().err
    assert err.strip() and "Traceback" not in err
