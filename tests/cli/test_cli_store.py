"""The store commands of `python -m analysis`: import, rounds, delete, history, restore,
export, and `summary --db`, with their exit codes, on files built here in code."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from analysis.store import SurveyStore
from analysis.store.url import ENV_VAR
from tests.support import cli_store
from tests.support.cli_store import cli, python_m, rounds_json, run, write_csv
from tests.support.store_fixtures import dump

store_url = cli_store.store_url
good_csv = cli_store.good_csv
bad_csv = cli_store.bad_csv


def test_import_stores_a_valid_file(
    capsys: pytest.CaptureFixture[str], store_url: str, good_csv: Path
) -> None:
    code, out, err = cli(
        capsys,
        store_url,
        "import",
        str(good_csv),
        "--round",
        "2024",
        "--poles-surveyed",
        "55",
        "--period",
        "2019-2022",
    )
    assert code == 0, err
    assert out.strip() == 'Round "2024" stored: 3 poles, 2 years, 0 project rows.'
    assert "Commentaire" in err  # the extra column warning is shown
    (listed,) = rounds_json(capsys, store_url)
    assert listed["label"] == "2024"
    assert (listed["respondents"], listed["poles_surveyed"]) == (3, 55)
    assert (listed["period_start"], listed["period_end"], listed["years"]) == (
        2019,
        2022,
        [2019, 2020],
    )
    assert listed["file_name"] == "enquete.csv" and listed["size"] == good_csv.stat().st_size
    assert listed["uploaded_by"] == "command line"  # no --actor, no $POLES_ACTOR
    survey = SurveyStore(store_url).load_round("2024")
    cap = survey.responses.set_index("pole").loc["Cap Digital"]
    assert pd.isna(cap["europe_team_recruitments"])  # blank stays unknown
    assert set(survey.extras["value"]) == {"RAS", "à revoir"}


def test_the_actor_is_explicit_and_marked_as_the_command_line(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    store_url: str,
    good_csv: Path,
) -> None:
    # Issue 15: $USER=editor used to make the audit log name a dashboard editor.
    monkeypatch.setenv("USER", "editor")
    monkeypatch.setenv("LOGNAME", "editor")
    monkeypatch.delenv("POLES_ACTOR", raising=False)
    assert cli(capsys, store_url, "import", str(good_csv), "--round", "A")[0] == 0
    monkeypatch.setenv("POLES_ACTOR", "  Claire\x1b[31m  Martin ")
    assert (
        cli(capsys, store_url, "import", str(good_csv), "--round", "B", "--allow-same-file")[0] == 0
    )
    code = cli(
        capsys,
        store_url,
        "import",
        str(good_csv),
        "--round",
        "C",
        "--actor",
        "Jean",
        "--allow-same-file",
    )[0]
    assert code == 0
    assert cli(capsys, store_url, "delete", "C", "--yes", "--actor", "Jean")[0] == 0
    by_label = {r["label"]: r["uploaded_by"] for r in rounds_json(capsys, store_url)}
    assert by_label == {"A": "command line", "B": "Claire[31m Martin (command line)"}
    code, out, _ = cli(capsys, store_url, "history", "--json")
    actors = {(e["action"], e["label"]): e["actor"] for e in json.loads(out)["audit"]}
    assert actors[("delete", "C")] == "Jean (command line)"
    assert actors[("import", "C")] == "Jean (command line)"
    assert not any("editor" in actor for actor in actors.values())


def test_existing_label_exits_3_and_replace_keeps_history(
    capsys: pytest.CaptureFixture[str], store_url: str, good_csv: Path, tmp_path: Path
) -> None:
    assert cli(capsys, store_url, "import", str(good_csv), "--round", "2024")[0] == 0
    other = write_csv(tmp_path / "v2.csv", ["Vitagora;Bourgogne-Franche-Comté;1;2;0;1;oui;"])
    before = dump(store_url)
    code, _, err = cli(capsys, store_url, "import", str(other), "--round", "2024")
    assert code == 3
    assert err.strip().endswith(
        "add --replace to replace it (the current version stays recoverable)."
    )
    assert dump(store_url) == before

    code, out, _ = cli(capsys, store_url, "import", str(other), "--round", "2024", "--replace")
    assert code == 0 and "replaces version 1" in out
    assert rounds_json(capsys, store_url)[0]["respondents"] == 1

    code, out, _ = cli(capsys, store_url, "history", "2024")
    assert code == 0
    assert "version 1:" in out and "(replaced)" in out and "(current)" in out
    code, out, _ = cli(capsys, store_url, "history", "2024", "--json")
    history = json.loads(out)
    assert [e["action"] for e in history["audit"]] == ["replace", "import"]
    assert history["audit"][0]["replaced_version_id"] == 1
    assert [(v["version_id"], v["current"]) for v in history["versions"]] == [(1, False), (2, True)]
    code, out, _ = cli(capsys, store_url, "restore", "2024", "--version", "1")
    assert (code, out.strip()) == (0, 'Round "2024" is now version 1.')
    assert rounds_json(capsys, store_url)[0]["respondents"] == 3
    assert cli(capsys, store_url, "restore", "2024", "--version", "99")[0] == 4


def test_invalid_file_exits_1_and_changes_nothing(
    capsys: pytest.CaptureFixture[str], store_url: str, good_csv: Path, bad_csv: Path
) -> None:
    assert cli(capsys, store_url, "import", str(good_csv), "--round", "2023")[0] == 0
    before = dump(store_url)
    code, out, err = cli(capsys, store_url, "import", str(bad_csv), "--round", "2024")
    assert code == 1 and out == ""
    assert "2 errors" in err and '"-3" is negative' in err and "nothing was stored" in err
    assert "Traceback" not in err
    assert dump(store_url) == before


@pytest.mark.parametrize(
    ("options", "fragment"),
    [
        (["--poles-surveyed", "2"], "2 poles surveyed is fewer than the 3 that answered"),
        (["--period", "1800-1900"], "The period's year 1800 is outside 1990–2100."),
    ],
)
def test_an_impossible_description_exits_1_and_changes_nothing(
    capsys: pytest.CaptureFixture[str],
    store_url: str,
    good_csv: Path,
    options: list[str],
    fragment: str,
) -> None:
    before = dump(store_url)
    code, out, err = cli(capsys, store_url, "import", str(good_csv), "--round", "X", *options)
    assert (code, out) == (1, "")
    assert fragment in err and "nothing was stored" in err
    assert dump(store_url) == before


def test_unreadable_or_missing_file_exits_2_and_changes_nothing(
    capsys: pytest.CaptureFixture[str], store_url: str, good_csv: Path, tmp_path: Path
) -> None:
    assert cli(capsys, store_url, "import", str(good_csv), "--round", "2023")[0] == 0
    before = dump(store_url)
    garbage = tmp_path / "enquete.xlsx"
    garbage.write_bytes(bytes(range(256)) * 20)
    code, _, err = cli(capsys, store_url, "import", str(garbage), "--round", "2024")
    assert code == 2 and "cannot be read" in err and "not a spreadsheet" in err
    code, _, err = cli(capsys, store_url, "import", str(tmp_path / "nowhere.xlsx"), "--round", "x")
    assert (code, err.strip()) == (2, f"{tmp_path / 'nowhere.xlsx'}: no such file.")
    assert dump(store_url) == before


def test_the_same_file_under_another_label_exits_3_naming_the_round(
    capsys: pytest.CaptureFixture[str], store_url: str, good_csv: Path
) -> None:
    assert cli(capsys, store_url, "import", str(good_csv), "--round", "A")[0] == 0
    code, _, err = cli(capsys, store_url, "import", str(good_csv), "--round", "B")
    assert code == 3
    assert 'already stored as round "A"' in err and "--allow-same-file" in err
    assert "Traceback" not in err
    assert [r["label"] for r in rounds_json(capsys, store_url)] == ["A"]


def test_allow_same_file_stores_it_again_with_a_warning(
    capsys: pytest.CaptureFixture[str], store_url: str, good_csv: Path
) -> None:
    assert cli(capsys, store_url, "import", str(good_csv), "--round", "A")[0] == 0
    code, _, err = cli(
        capsys, store_url, "import", str(good_csv), "--round", "B", "--allow-same-file"
    )
    assert code == 0
    assert 'is already stored as round "A"' in err
    assert [r["label"] for r in rounds_json(capsys, store_url)] == ["A", "B"]


def test_delete_needs_yes_and_unknown_labels_exit_4(
    capsys: pytest.CaptureFixture[str], store_url: str, good_csv: Path
) -> None:
    assert cli(capsys, store_url, "import", str(good_csv), "--round", "2023")[0] == 0
    code, _, err = cli(capsys, store_url, "delete", "2023")
    assert (code, err.strip()) == (1, 'Deleting round "2023" needs confirmation: add --yes.')
    assert len(rounds_json(capsys, store_url)) == 1
    code, out, _ = cli(capsys, store_url, "delete", "2023", "--yes")
    assert code == 0 and out.startswith('Round "2023" deleted (3 poles)')
    assert rounds_json(capsys, store_url) == []
    code, _, err = cli(capsys, store_url, "delete", "2023", "--yes")
    assert (code, err.strip()) == (4, 'No round is labelled "2023".')
    code, out, _ = cli(capsys, store_url, "history")
    assert code == 0 and out.splitlines()[0].split()[2] == "delete"


def test_rounds_table_in_both_languages(
    capsys: pytest.CaptureFixture[str], store_url: str, good_csv: Path
) -> None:
    code, out, _ = cli(capsys, store_url, "rounds")
    assert (code, out.strip()) == (0, "The store holds no round.")
    cli(capsys, store_url, "import", str(good_csv), "--round", "2023", "--poles-surveyed", "55")
    code, out, _ = cli(capsys, store_url, "rounds")
    header, line = out.strip().splitlines()
    assert header.split()[:3] == ["Round", "Period", "Poles"]
    assert line.split()[:4] == ["2023", "2019–2020", "3/55", "2019,2020"]
    code, out, _ = run(capsys, "rounds", "--db", store_url, "--lang", "fr")
    assert out.split()[:2] == ["Enquête", "Période"]


@pytest.mark.slow
def test_four_cli_imports_at_once_all_land(store_url: str, tmp_path: Path) -> None:
    """Real `python -m analysis import` processes started together on one database."""
    files = [
        write_csv(tmp_path / f"r{i}.csv", [f"Aerospace Valley;Occitanie;{i};1;0;1;oui;"])
        for i in range(4)
    ]
    processes = [
        python_m("import", str(path), "--round", f"R{i}", "--lang", "en", env={ENV_VAR: store_url})
        for i, path in enumerate(files)
    ]
    results = [(p.wait(timeout=300), p.stdout.read(), p.stderr.read()) for p in processes]  # type: ignore[union-attr]
    assert [code for code, _, _ in results] == [0, 0, 0, 0], results
    assert all("Traceback" not in err for _, _, err in results)
    assert sorted(SurveyStore(store_url).labels()) == ["R0", "R1", "R2", "R3"]
