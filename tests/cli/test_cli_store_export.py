"""`python -m analysis export` and `summary --db`: a stored round written back out as a
re-importable workbook or CSV (round trips checked), or summarised like its file."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from analysis.store import SurveyStore
from tests.support import cli_store
from tests.support.cli_store import SAMPLE, cli, run

store_url = cli_store.store_url
good_csv = cli_store.good_csv


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
