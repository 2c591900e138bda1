"""Timing primitives of the benchmarks: interleaved runs, medians, the results table.

Nothing is judged by the clock alone: a measure is timed beside its baseline, turn by
turn, so the machine's noise hits both, and the table gives medians and their ratio.
"""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field


@dataclass
class Line:
    """One row of the table: our samples, the baseline's, and the target on their ratio."""

    key: str
    measure: str
    baseline_name: str
    unit: str
    target: float | None = None
    ours: list[float] = field(default_factory=list)
    baseline: list[float] = field(default_factory=list)
    note: str = ""

    @property
    def ours_median(self) -> float:
        return statistics.median(self.ours)

    @property
    def baseline_median(self) -> float:
        return statistics.median(self.baseline)

    @property
    def ratio(self) -> float:
        base = self.baseline_median
        return self.ours_median / base if base else float("inf")

    @property
    def verdict(self) -> str:
        if self.target is None:
            return "info"
        return "pass" if self.ratio <= self.target else "FAIL"

    def cells(self) -> list[str]:
        return [
            self.measure,
            _amount(self.ours_median, self.unit),
            f"{_amount(self.baseline_median, self.unit)} ({self.baseline_name})",
            f"{self.ratio:.2f}×",
            f"≤ {self.target:.2f}×" if self.target is not None else "—",
            self.verdict,
        ]


def _amount(value: float, unit: str) -> str:
    if unit == "MB":
        return f"{value / 1e6:,.1f} MB"
    return f"{value:.3f} s" if value < 1 else f"{value:.2f} s"


def timed(action: Callable[[], object]) -> float:
    """Wall time of `action()` in seconds, after a collection so earlier garbage is gone."""
    gc.collect()
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def interleaved(runs: int, *actions: Callable[[], object]) -> list[list[float]]:
    """Each action timed `runs` times, in turn (a, b, a, b...): one list of times each."""
    times: list[list[float]] = [[] for _ in actions]
    for _ in range(runs):
        for index, action in enumerate(actions):
            times[index].append(timed(action))
    return times


# --- inputs ---------------------------------------------------------------------------


def table(lines: Sequence[Line]) -> str:
    """The Markdown table of the lines."""
    header = ["measure", "ours (median)", "baseline (median)", "ratio", "target", "verdict"]
    rows = [header, ["---"] * len(header), *(line.cells() for line in lines)]
    return "\n".join("| " + " | ".join(row) + " |" for row in rows)
