"""What `bench/run.py` measures: each figure beside its baseline, in the same run."""

from __future__ import annotations

import json
import os
import sqlite3
import statistics
import subprocess
import sys
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.analytics.filters import Filters
from analysis.core.model import SurveyRound
from analysis.deck import build_deck
from analysis.ingest.pipeline import ingest_path
from analysis.sample.round import generate as sample_round
from analysis.store import SurveyStore
from bench.generate import Scale
from bench.timing import Line, interleaved

ROOT = Path(__file__).resolve().parent.parent

#: Filter changes timed per overview process.
FILTER_CHANGES = 4


def measure_ingest(path: Path, registry: Any, runs: int) -> list[Line]:
    """Ingest + validate against `pandas.read_excel(engine="openpyxl")` alone."""
    answers, projects = _rows_in(path)
    what = f"{projects:,} project rows + {answers:,} poles' answers"

    def baseline() -> None:
        pd.read_excel(path, sheet_name=None, engine="openpyxl")

    def ours() -> None:
        result = ingest_path(path, registry=registry)
        if not result.ok:
            raise RuntimeError(f"the bench workbook does not validate: {result.report}")

    def ours_unknown() -> None:
        result = ingest_path(path)  # the shipped registry: every pole is unknown
        if result.survey is None:
            raise RuntimeError("the bench workbook could not be read")

    ours_unknown()  # warm: imports, the shipped registry, header guesses
    base, own, unknown = interleaved(runs, baseline, ours, ours_unknown)
    reader = "read_excel, openpyxl"
    return [
        Line(
            "ingest",
            f"Ingest + validate a workbook of {what} (poles in the registry given)",
            reader,
            "s",
            0.2,
            own,
            base,
        ),
        Line(
            "ingest_unknown",
            "The same, every pole unknown to the registry (the shipped one)",
            reader,
            "s",
            0.2,
            unknown,
            base,
        ),
    ]


def _rows_in(path: Path) -> tuple[int, int]:
    """Data rows of the workbook's responses and projects sheets (headers left out)."""
    import python_calamine

    workbook = python_calamine.CalamineWorkbook.from_path(str(path))
    heights = [workbook.get_sheet_by_name(name).height - 1 for name in workbook.sheet_names]
    return heights[0], heights[1]


def measure_import(survey: SurveyRound, folder: Path, runs: int) -> Line:
    """A new store + `import_survey` against `DataFrame.to_sql` of the same frames."""
    counter = iter(range(1_000_000))
    frames = {name: getattr(survey, name) for name in ("responses", "yearly", "projects")}
    frames["extras"] = survey.extras
    rows = sum(len(frame) for frame in frames.values())

    def baseline() -> None:
        connection = sqlite3.connect(folder / f"plain-{next(counter)}.db")
        try:
            for name, frame in frames.items():
                frame.to_sql(name, connection, index=False)
            connection.commit()
        finally:
            connection.close()

    def ours() -> None:
        with SurveyStore(f"sqlite:///{folder / f'store-{next(counter)}.db'}") as store:
            store.import_survey(survey)

    base, own = interleaved(runs, baseline, ours)
    return Line(
        "import",
        f"Import a {survey.responses.shape[0]:,}-pole round into SQLite ({rows:,} rows)",
        "DataFrame.to_sql",
        "s",
        None,
        own,
        base,
    )


def measure_load(url: str, label: str, runs: int) -> Line:
    """`SurveyStore.load_round` (every frame, typed) against `pandas.read_sql` of its rows."""
    path = url.removeprefix("sqlite:///")
    with SurveyStore(url) as store:
        version = next(r.version_id for r in store.list_rounds() if r.label == label)
        survey = store.load_round(label)
    rows = sum(len(getattr(survey, n)) for n in ("responses", "yearly", "projects", "extras"))

    def baseline() -> None:
        connection = sqlite3.connect(path)
        try:
            for table in ("responses", "yearly", "projects", "extras"):
                pd.read_sql(
                    f"SELECT * FROM {table} WHERE round_id = ? ORDER BY position",
                    connection,
                    params=(version,),
                )
        finally:
            connection.close()

    def ours() -> None:
        with SurveyStore(url) as store:
            store.load_round(label)

    base, own = interleaved(runs, baseline, ours)
    return Line(
        "load",
        f"Load a stored round, every frame typed ({rows:,} rows)",
        "pandas.read_sql, untyped",
        "s",
        None,
        own,
        base,
    )


def _probe(*args: str) -> dict[str, Any]:
    """Run `bench.probes` in a fresh process and return its JSON result."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", "bench.probes", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"probe {args[0]} failed:\n{done.stderr[-4000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure_overview(url: str, scale: Scale, runs: int) -> tuple[Line, list[dict[str, Any]]]:
    """Rerun after a filter change against the cold first run, each in fresh processes."""
    results = [_probe("overview", "--url", url, "--changes", str(FILTER_CHANGES))]
    for _ in range(runs - 1):
        results.append(_probe("overview", "--url", url, "--changes", str(FILTER_CHANGES)))
    reruns = [statistics.median(r["reruns"]) for r in results]
    line = Line(
        "overview",
        f"Overview rerun after a filter change ({scale.rounds} rounds, "
        f"{scale.project_rows:,} project rows stored)",
        "cold first run",
        "s",
        0.2,
        reruns,
        [r["cold"] for r in results],
    )
    return line, results


def measure_memory(
    url: str, warm_url: str, scale: Scale, runs: int
) -> tuple[list[Line], list[dict[str, Any]]]:
    """Peak resident growth while the app is used at scale, against the frames it holds.

    Two points of one visit (see `bench/probes.py`): after the overview and its filter
    changes (no per-project rows read), then after opening Trends (the round's per-project
    rows read). Growth is the peak RSS above the same process's RSS once it had done the
    whole visit on the 40-pole sample.
    """
    args = ("memory", "--url", url, "--warm-url", warm_url, "--changes", str(FILTER_CHANGES))
    results = [_probe(*args) for _ in range(runs)]
    rows = scale.project_rows_per_round
    overview = Line(
        "memory_overview",
        f"Peak memory growth, overview at that scale ({scale.poles:,} poles, no project rows read)",
        "frames held",
        "MB",
        None,
        [r["growth_overview"] for r in results],
        [r["frames_overview"] for r in results],
        note="mostly fixed costs (SQLite page caches, widgets of 2,000 options): "
        "the overview holds little data",
    )
    trends = Line(
        "memory",
        f"Peak memory growth, overview then Trends (the round's {rows:,} project rows read)",
        "frames held",
        "MB",
        3.0,
        [r["growth_trends"] for r in results],
        [r["frames_trends"] for r in results],
        note="growth = peak RSS above the process's RSS after the same visit on the "
        "40-pole sample; frames = DataFrame.memory_usage(deep=True) of every frame the "
        "app holds (round, projects, cached filtered views)",
    )
    return [overview, trends], results


def measure_deck(survey: SurveyRound, runs: int) -> Line:
    """The event deck of the large round against the same deck of the 40-pole sample."""
    small = sample_round()
    everything = Filters()

    def baseline() -> None:
        build_deck(small, everything, "en")

    def ours() -> None:
        build_deck(survey, everything, "en")

    baseline()  # warm: python-pptx and the chart code load on first use
    base, own = interleaved(runs, baseline, ours)
    return Line(
        "deck",
        f"Event deck (.pptx) of a {len(survey.responses):,}-pole round",
        f"same deck, {len(small.responses)} poles",
        "s",
        None,
        own,
        base,
    )


# --- report ---------------------------------------------------------------------------
