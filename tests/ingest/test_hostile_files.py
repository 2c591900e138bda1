"""Issue 15's hostile files are refused within a stated memory bound (finding 1, 8 and 9).

Each file is read by `ingest` in a child process whose peak resident memory (`VmHWM`) is
sampled and which is killed past `BOUND_MIB`: before the workbook-wide limits, these files
took from 2 GB to more than the machine had. The wall bound only stops a hang; it is not a
timing assertion. The heaviest shapes are marked `slow`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support import hostile

#: Peak resident memory allowed to the whole child (Python, pandas and calamine included).
BOUND_MIB = 1024
#: Kill switch against a hang (a slow shared machine included), not a timing assertion.
WALL_SECONDS = 60

SHAPES: list[tuple[str, str, Callable[[], bytes], str]] = [
    ("sparse xlsx (A1 and ALL40000)", "a.xlsx", lambda: hostile.sparse_xlsx(1), "unreadable"),
    ("8 sparse xlsx sheets", "b.xlsx", lambda: hostile.sparse_xlsx(8), "unreadable"),
    ("repeated-row .ods", "c.ods", lambda: hostile.repeated_row_ods(1), "unreadable"),
    ("4 repeated-row .ods tables", "d.ods", lambda: hostile.repeated_row_ods(4), "unreadable"),
    ("10 sparse .xls sheets", "e.xls", lambda: hostile.sparse_xls(10), "unreadable"),
]
SLOW_SHAPES: list[tuple[str, str, Callable[[], bytes], str]] = [
    ("200 sparse xlsx sheets", "f.xlsx", lambda: hostile.sparse_xlsx(200), "unreadable"),
    ("one-line 49 MB CSV", "g.csv", lambda: hostile.one_line_csv(49), "unreadable"),
]


def _refused_within_bound(
    tmp_path: Path,
    name: str,
    build: Callable[[], bytes],
    env: dict[str, str] | None = None,
    wall_seconds: float = WALL_SECONDS,
) -> hostile.Measured:
    path = tmp_path / name
    path.write_bytes(build())
    measured = hostile.measure_ingest(path, bound_mib=BOUND_MIB, wall_seconds=wall_seconds, env=env)
    assert measured.killed is None, f"killed ({measured.killed}) at {measured.peak_mib:.0f} MiB"
    assert measured.returncode == 0
    assert measured.peak_mib < BOUND_MIB
    assert measured.outcome is not None
    return measured


@pytest.mark.parametrize(("shape", "name", "build", "_kind"), SHAPES, ids=[s[0] for s in SHAPES])
def test_a_hostile_file_is_refused_within_the_memory_bound(
    tmp_path: Path, shape: str, name: str, build: Callable[[], bytes], _kind: str
) -> None:
    outcome = _refused_within_bound(tmp_path, name, build).outcome
    assert outcome is not None
    assert outcome["unreadable"], shape
    assert "more than the" in outcome["messages"][0]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("shape", "name", "build", "_kind"), SLOW_SHAPES, ids=[s[0] for s in SLOW_SHAPES]
)
def test_a_heavy_hostile_file_is_refused_within_the_memory_bound(
    tmp_path: Path, shape: str, name: str, build: Callable[[], bytes], _kind: str
) -> None:
    outcome = _refused_within_bound(tmp_path, name, build).outcome
    assert outcome is not None
    assert outcome["unreadable"], shape
    assert "more than the" in outcome["messages"][0]


def test_a_round_of_more_poles_than_the_limit_is_refused_within_the_bound(
    tmp_path: Path,
) -> None:
    # 3,000 distinct poles against a limit of 2,000 stands for the million of the finding.
    env = {"POLES_MAX_POLES": "2000"}
    outcome = _refused_within_bound(
        tmp_path, "poles.xlsx", lambda: hostile.many_poles_xlsx(3000), env
    ).outcome
    assert outcome is not None
    assert not outcome["ok"]
    assert "too_many_poles" in outcome["codes"]


@pytest.mark.slow
def test_a_million_distinct_poles_are_refused_within_the_bound(tmp_path: Path) -> None:
    # 14 MB of real content (2 million cells, within the reading limits) is read before the
    # poles are counted: far slower than a refusal from the used range, hence the wall.
    outcome = _refused_within_bound(
        tmp_path, "million.xlsx", lambda: hostile.many_poles_xlsx(1_000_000), wall_seconds=300
    ).outcome
    assert outcome is not None
    assert not outcome["ok"]
    assert "too_many_poles" in outcome["codes"]
