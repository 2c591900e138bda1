"""The store commands of `python -m analysis`: import, rounds, delete, history, restore,
export, and `summary --db`, with their exit codes, on files built here in code."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from analysis.cli import main
from analysis.cli.store_common import exit_code
from analysis.cli.store_import import parse_count, parse_period
from analysis.store import (
    InvalidRound,
    RoundExists,
    RoundNotFound,
    StoreBusy,
    StoreUnavailable,
    SurveyStore,
)
from analysis.store.url import ENV_VAR, hide_password
from tests.support import store_fixtures
from tests.support.store_fixtures import REPO_ROOT, dump

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
    assert out.strip() == 'Round "2024" stored: 3 pole(s), 2 year(s), 0 project row(s).'
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
    assert "2 error(s)" in err and '"-3" is negative' in err and "nothing was stored" in err
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


@pytest.mark.parametrize("text", ["0", "-5", "many"])
def test_poles_surveyed_must_be_a_whole_number_of_at_least_one(text: str) -> None:
    import argparse

    with pytest.raises(argparse.ArgumentTypeError):
        parse_count(text)
    assert parse_count("55") == 55


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
    assert code == 0 and out.startswith('Round "2023" deleted (3 pole(s))')
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


def test_export_xlsx_round_trips_the_sample(
    capsys: pytest.CaptureFixture[str], store_url: str, tmp_path: Path
) -> None:
    """import → export → import gives the same round, projects and metadata included."""
    assert cli(capsys, store_url, "import", str(SAMPLE), "--round", "first")[0] == 0
    exported = tmp_path / "export.xlsx"
    code, _, _ = cli(
        capsys, store_url, "export", "--round", "first", "--format", "xlsx", "--out", str(exported)
    )
    assert code == 0
    code, _, err = cli(capsys, store_url, "import", str(exported), "--round", "second")
    assert code == 0, err
    store = SurveyStore(store_url)
    first, second = store.load_round("first"), store.load_round("second")
    assert second.info == first.info.with_overrides(label="second")
    assert first.info.synthetic and len(first.projects) == 1548
    for name in ("responses", "yearly", "projects", "extras"):
        pd.testing.assert_frame_equal(
            getattr(second, name).drop(columns="source_row", errors="ignore"),
            getattr(first, name).drop(columns="source_row", errors="ignore"),
            obj=name,
        )
    # once in canonical layout, a further trip keeps even the spreadsheet rows
    again = tmp_path / "again.xlsx"
    assert cli(capsys, store_url, "export", "--round", "second", "--out", str(again))[0] == 0
    assert cli(capsys, store_url, "import", str(again), "--round", "third")[0] == 0
    third = store.load_round("third")
    for name in ("responses", "yearly", "projects", "extras"):
        pd.testing.assert_frame_equal(getattr(third, name), getattr(second, name), obj=name)


def test_export_csv_round_trips_the_responses(
    capsys: pytest.CaptureFixture[str], store_url: str, good_csv: Path, tmp_path: Path
) -> None:
    assert cli(capsys, store_url, "import", str(good_csv), "--round", "A")[0] == 0
    exported = tmp_path / "out" / "a.csv"
    code, out, err = cli(capsys, store_url, "export", "--round", "A", "--out", str(exported))
    assert code == 0 and str(exported) in out
    assert "a CSV holds the answers only" in err and "--format xlsx" in err
    assert cli(capsys, store_url, "import", str(exported), "--round", "B")[0] == 0
    store = SurveyStore(store_url)
    a, b = store.load_round("A"), store.load_round("B")
    for name in ("responses", "yearly", "extras"):
        pd.testing.assert_frame_equal(getattr(b, name), getattr(a, name), obj=name)
    code, _, err = cli(capsys, store_url, "export", "--round", "nope", "--out", str(exported))
    assert (code, err.strip()) == (4, 'No round is labelled "nope".')


@pytest.mark.parametrize(
    ("fmt", "name"), [("pptx", "z.xlsx"), ("xlsx", "z.csv"), ("csv", "z.ods"), ("xlsx", "z.pptx")]
)
def test_export_refuses_a_file_name_that_promises_another_format(
    capsys: pytest.CaptureFixture[str],
    store_url: str,
    good_csv: Path,
    tmp_path: Path,
    fmt: str,
    name: str,
) -> None:
    assert cli(capsys, store_url, "import", str(good_csv), "--round", "A")[0] == 0
    out_path = tmp_path / name
    code, out, err = cli(
        capsys, store_url, "export", "--round", "A", "--format", fmt, "--out", str(out_path)
    )
    assert (code, out) == (1, "")
    assert f"is named for another format than {fmt}" in err
    assert not out_path.exists()


def test_summary_reads_a_stored_round_like_the_file(
    capsys: pytest.CaptureFixture[str], store_url: str
) -> None:
    assert cli(capsys, store_url, "import", str(SAMPLE), "--round", "2023")[0] == 0
    code, from_file, _ = run(capsys, "summary", str(SAMPLE), "--json")
    assert code == 0
    code, from_store, _ = run(capsys, "summary", "--db", store_url, "--round", "2023", "--json")
    assert code == 0
    assert json.loads(from_store) == json.loads(from_file)


def test_an_unreachable_store_is_one_sentence_exit_2(
    capsys: pytest.CaptureFixture[str], good_csv: Path, tmp_path: Path
) -> None:
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x")
    url = f"sqlite:///{blocked}/survey.db"
    code, out, err = run(capsys, "rounds", "--db", url, "--lang", "en")
    assert code == 2 and out == ""
    assert err.startswith(f"The store {url} cannot be opened") and "Traceback" not in err
    code, _, err = run(capsys, "rounds", "--db", "nosuchdb://x", "--lang", "en")
    assert code == 2 and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize(
    "url",
    [
        "nosuchdb://editor:s3cret@db.example/x",  # no such dialect
        "postgresql+nodriver://editor:s3cret@127.0.0.1:1/x",  # no such driver
        "sqlite:///{tmp}/file-not-folder/survey.db",  # reachable dialect, unusable place
    ],
)
def test_a_store_error_never_shows_the_password(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, url: str
) -> None:
    (tmp_path / "file-not-folder").write_text("x")
    url = url.replace("{tmp}", str(tmp_path))
    code, _, err = run(capsys, "rounds", "--db", url, "--lang", "en")
    assert code == 2 and "cannot be opened" in err
    assert "s3cret" not in err


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("postgresql://u:p%40ss@h/db", "postgresql://u:***@h/db"),
        (
            "oops: postgresql+psycopg://me:secret@host:5432/x failed",
            "oops: postgresql+psycopg://me:***@host:5432/x failed",
        ),
        ("sqlite:///data/survey.db", "sqlite:///data/survey.db"),
        ("postgresql://user@h/db", "postgresql://user@h/db"),
    ],
)
def test_hide_password(text: str, shown: str) -> None:
    assert hide_password(text) == shown


@pytest.mark.parametrize(
    ("error", "code"),
    [
        (InvalidRound(errors=1), 1),
        (StoreUnavailable(url="u", reason="r"), 2),
        (RoundExists(label="x"), 3),
        (RoundNotFound(label="x"), 4),
        (StoreBusy(url="u"), 5),
    ],
)
def test_exit_codes_of_store_errors(error: Exception, code: int) -> None:
    assert exit_code(error) == code  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "period"),
    [("2019-2022", (2019, 2022)), ("2023", (2023, 2023)), ("2019–2022", (2019, 2022))],
)
def test_parse_period(text: str, period: tuple[int, int]) -> None:
    assert parse_period(text) == period


@pytest.mark.parametrize("text", ["2022-2019", "19-22", "soon"])
def test_parse_period_refuses_nonsense(text: str) -> None:
    import argparse

    with pytest.raises(argparse.ArgumentTypeError):
        parse_period(text)


def _python_m(*argv: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "analysis", *argv],
        cwd=REPO_ROOT,
        env={**os.environ, **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.slow
def test_four_cli_imports_at_once_all_land(store_url: str, tmp_path: Path) -> None:
    """Real `python -m analysis import` processes started together on one database."""
    files = [
        write_csv(tmp_path / f"r{i}.csv", [f"Aerospace Valley;Occitanie;{i};1;0;1;oui;"])
        for i in range(4)
    ]
    processes = [
        _python_m("import", str(path), "--round", f"R{i}", "--lang", "en", env={ENV_VAR: store_url})
        for i, path in enumerate(files)
    ]
    results = [(p.wait(timeout=300), p.stdout.read(), p.stderr.read()) for p in processes]  # type: ignore[union-attr]
    assert [code for code, _, _ in results] == [0, 0, 0, 0], results
    assert all("Traceback" not in err for _, _, err in results)
    assert sorted(SurveyStore(store_url).labels()) == ["R0", "R1", "R2", "R3"]
