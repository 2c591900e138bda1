"""`bench/reports.py --quick` runs end to end and prints its table (no time is asserted)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_the_reports_benchmark_prints_every_line() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "reports.py"), "--quick"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    for start in (
        "| 3 personal reports (PDF) |",
        "| one event deck (.pptx) | ",
        "| one fact sheet",
    ):
        assert start in done.stdout
    assert "| 1.0 / 1.0 |" in done.stdout  # the deck is the baseline of the ratio
