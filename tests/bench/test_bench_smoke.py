"""The benchmark script works end to end at tiny sizes (no timing is asserted, ever).

Benchmarks are never run as timed tests: the machine is shared and noisy. This runs
`bench/run.py --quick` once, in a subprocess as `make bench` would, and checks that it
completes, prints every line of its table with a ratio, and writes its results file.
The generator's own guarantees (seeded, consistent frames, a workbook that ingests back
whole) are checked directly on a small network.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from analysis.core.schema import PROGRAMMES
from analysis.ingest.pipeline import ingest_path
from bench.generate import Scale, bench_registry, generate_round, synthetic_poles, write_workbook
from bench.served import NGINX

ROOT = Path(__file__).resolve().parents[2]
#: Every line the table must hold, by the start of its first cell.
EXPECTED_LINES = (
    "Ingest + validate a workbook",
    "The same, every pole unknown",
    "Import a 24-pole round into SQLite",
    "Load a stored round",
    "Overview rerun after a filter change",
    "Peak memory growth, overview at that scale",
    "Peak memory growth, overview then Trends",
    "Event deck (.pptx)",
    "Server CPU per first view of the Overview",
    "p95 time to the first chart",
    "Bare one-chart page: p95 time to the first chart",
    "Time to the first chart in headless Chromium",
    "Browser CPU until the first chart is drawn",
    "Server CPU for one browser visit until its first chart",
)
#: The crowd's lines on the replicas behind nginx (measured when nginx is installed).
REPLICA_LINES = (
    "p95 time to the first chart, 3 visitors at once: Overview, ",
    "Overview, ",
)


@pytest.mark.slow
def test_quick_run_prints_every_line_with_a_ratio(tmp_path: Path) -> None:
    expected = EXPECTED_LINES
    if Path(NGINX).is_file():
        expected += REPLICA_LINES
    elif os.environ.get("CI", "").strip():
        pytest.fail("CI needs nginx for the crowd on replicas", pytrace=False)
    done = subprocess.run(
        [sys.executable, "bench/run.py", "--quick", "--out", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    main_table, _, crowds = done.stdout.partition("Many visitors at once")
    rows = [line for line in main_table.splitlines() if line.startswith("| ")][2:]
    for start in expected:
        row = next((r for r in rows if r.startswith(f"| {start}")), None)
        assert row is not None, f"no line for {start!r} in:\n{done.stdout}"
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        assert len(cells) == 6
        assert re.fullmatch(r"\d+\.\d\d×", cells[3]), cells
        assert cells[5] in ("pass", "FAIL", "info")
    assert "Machine:" in done.stdout
    assert "| Overview | 3 |" in crowds  # the crowd table, quick sizes
    assert "| bare one-chart page | 3 |" in crowds
    results = json.loads((tmp_path / "results.json").read_text(encoding="utf-8"))
    assert results["quick"] is True
    assert len(results["lines"]) == len(rows) == len(expected)
    for line in results["lines"]:
        assert line["ours"] and line["baseline"]
        assert line["ratio"] == pytest.approx(line["ours_median"] / line["baseline_median"])


def test_generated_rounds_are_seeded_and_consistent() -> None:
    scale = Scale(poles=30, rounds=2, years=4)
    first, again = generate_round(1, scale), generate_round(1, scale)
    pd.testing.assert_frame_equal(first.projects, again.projects)
    pd.testing.assert_frame_equal(first.responses, again.responses)
    assert len(first.responses) == 30
    assert len(first.yearly) == 30 * 4
    assert len(first.projects) == scale.project_rows_per_round == 30 * 4 * len(PROGRAMMES)
    assert first.years == [2013, 2014, 2015, 2016]  # round 1 ends a year after round 0
    # Programme rows add up to each pole-year's counts (blank funded stays blank).
    sums = first.projects.groupby(["pole", "year"])[["submitted", "funded"]].sum(min_count=1)
    yearly = first.yearly.set_index(["pole", "year"]).reindex(sums.index)
    assert (sums["submitted"] == yearly["projects_submitted"]).all()
    known = yearly["projects_funded"].notna()
    assert (sums.loc[known, "funded"] == yearly.loc[known, "projects_funded"]).all()
    # No programme of the 2021-2027 budget before 2021.
    early = first.projects[first.projects["year"] < 2021]
    assert early.loc[early["programme"] == "EU4Health", "submitted"].sum() == 0


def test_a_generated_workbook_ingests_back_whole(tmp_path: Path) -> None:
    scale = Scale(poles=12, rounds=1, years=3)
    survey = generate_round(0, scale)
    path = write_workbook(survey, tmp_path / "round.xlsx")
    result = ingest_path(path, registry=bench_registry(synthetic_poles(12, scale.seed)))
    assert result.ok, result.report.to_text("en")
    assert not result.report.warnings
    back = result.survey
    assert back is not None and back.info == survey.info
    for name in ("responses", "yearly"):
        mine = getattr(survey, name).drop(columns="source_row", errors="ignore")
        read = getattr(back, name).drop(columns="source_row", errors="ignore")
        pd.testing.assert_frame_equal(read, mine)
    columns = ["pole", "year", "programme", "submitted", "funded"]
    pd.testing.assert_frame_equal(back.projects[columns], survey.projects[columns])
    # With the shipped registry every pole is unknown: a warning each, still storable.
    unknown = ingest_path(path)
    assert unknown.ok
    assert {p.code for p in unknown.report.warnings} >= {"unknown_pole"}
