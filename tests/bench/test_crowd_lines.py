"""`bench/crowd.py`'s target lines, from measured crowds (no server, no timing)."""

from __future__ import annotations

from typing import Any

import pytest

from bench.crowd import lines
from bench.first_chart import PageRuns
from bench.visitors import Crowd

OURS, BARE, REPLICAS = "Overview", "bare one-chart page", "Overview, 2 replicas behind nginx"


def results(*, replicas: bool, ours_p95: float = 0.45) -> dict[str, Any]:
    """A run's results at 50 visitors: ours, the bare page and, maybe, the replicas."""
    names = (OURS, BARE, REPLICAS) if replicas else (OURS, BARE)
    crowds = [
        Crowd(OURS, 50, [0.1, ours_p95], [0.6, 0.6], cpu_per_view=0.05),
        Crowd(BARE, 50, [2.0, 2.0], [2.0, 2.0], cpu_per_view=0.06),
    ]
    if replicas:
        crowds.append(Crowd(REPLICAS, 50, [0.2, 0.25], [0.3, 0.3], cpu_per_view=0.05))
    single = {name: [0.05, 0.04, 0.06] for name in names}
    browser = (PageRuns([1.0], [1.0], [0.1]), PageRuns([0.8], [0.8], [0.1]))
    return {"names": names, "crowds": crowds, "single": single, "browser": browser}


def by_key(found: dict[str, Any]) -> dict[str, Any]:
    return {line.key: line for line in lines(found)}


def test_the_targets_read_the_crowd_against_the_bare_page_and_one_visitor_alone() -> None:
    found = by_key(results(replicas=False))
    assert found["crowd_cpu"].ratio == pytest.approx(0.05 / 0.06)
    assert found["crowd_cpu"].verdict == "pass"
    assert found["crowd_p95"].ratio == pytest.approx(0.45 / 0.05)
    assert found["crowd_p95"].verdict == "pass"
    assert found["crowd_p95_bare"].verdict == "info"
    assert not {"crowd_p95_replicas", "crowd_p95_replicas_gain"} & found.keys()


def test_a_slower_crowd_fails_its_target() -> None:
    assert by_key(results(replicas=False, ours_p95=0.6))["crowd_p95"].verdict == "FAIL"


def test_the_replicas_are_read_against_one_process_and_against_one_visitor_on_them() -> None:
    found = by_key(results(replicas=True))
    gain, deployed = found["crowd_p95_replicas_gain"], found["crowd_p95_replicas"]
    assert gain.ratio == pytest.approx(0.25 / 0.45)
    assert deployed.ratio == pytest.approx(0.25 / 0.05)
    assert (gain.verdict, deployed.verdict) == ("info", "info")
    assert REPLICAS in gain.measure and deployed.measure.startswith(REPLICAS)
