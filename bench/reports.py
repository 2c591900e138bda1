"""Time of every pole's PDF report against one event deck, and their peak memory (issue 18).

    .venv/bin/python bench/reports.py [--runs 3] [--quick]

Both on the shipped 40-pole sample, in one language: the 40 personal reports (Typst, one
after the other, as `report --all` writes them) against one deck export (python-pptx, as
`export --format pptx` writes it), interleaved run by run so that the machine's load falls on
both alike; the ratio is the figure to read. Peak memory is each child process's resident
high-water mark (`VmHWM`), measured once the round is loaded and again after the work, so
the growth is what the work itself costs. Prints a Markdown table; nothing is asserted.
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as `python bench/reports.py`
    sys.path.insert(0, str(ROOT))

from analysis.analytics.filters import Filters  # noqa: E402
from analysis.deck import build_deck  # noqa: E402
from analysis.report.batch import reports  # noqa: E402
from analysis.report.fact_sheet import fact_sheet  # noqa: E402
from analysis.sample.round import generate  # noqa: E402
from bench.timing import interleaved  # noqa: E402


def high_water_mib() -> float:
    """This process's peak resident memory so far, in MiB (`VmHWM`, else `ru_maxrss`)."""
    try:
        for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(work: str, poles: int) -> None:
    """Run one piece of work and print the memory before and after it, as JSON."""
    survey = generate()
    survey = survey.with_frames(responses=survey.responses.head(poles))
    before = high_water_mib()
    if work == "reports":
        for _ in reports(survey, "en"):
            pass
    elif work == "deck":
        build_deck(survey, Filters(), "en")
    else:
        fact_sheet(survey, Filters(), "en")
    print(json.dumps({"before": before, "after": high_water_mib()}))


def memory(work: str, poles: int) -> dict[str, float]:
    """`child(work)` in a fresh interpreter: its memory before and after the work."""
    done = subprocess.run(
        [sys.executable, __file__, "--child", work, "--poles", str(poles)],
        capture_output=True,
        text=True,
        check=True,
        timeout=1800,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def cpu_interleaved(runs: int, *actions: Callable[[], object]) -> list[list[float]]:
    """Like `bench.timing.interleaved`, in CPU seconds of this process (every thread, Typst's
    too): on a shared machine, CPU time is what the work itself costs, the wall clock adds
    the other work's."""
    times: list[list[float]] = [[] for _ in actions]
    for _ in range(runs):
        for index, action in enumerate(actions):
            gc.collect()
            start = time.process_time()
            action()
            times[index].append(time.process_time() - start)
    return times


def main(argv: list[str] | None = None) -> int:
    """Time and measure, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per measure (medians)")
    parser.add_argument("--quick", action="store_true", help="3 poles, 1 run: checks it works")
    parser.add_argument("--child", choices=("reports", "deck", "sheet"), help=argparse.SUPPRESS)
    parser.add_argument("--poles", type=int, default=40, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    poles = 3 if args.quick else args.poles
    if args.child:
        child(args.child, poles)
        return 0
    runs = 1 if args.quick else args.runs
    survey = generate()
    survey = survey.with_frames(responses=survey.responses.head(poles))
    everyone = Filters()
    build_deck(survey, everyone, "en")  # imports and caches warm, outside the timing
    fact_sheet(survey, everyone, "en")
    actions = (
        lambda: list(reports(survey, "en")),
        lambda: build_deck(survey, everyone, "en"),
        lambda: fact_sheet(survey, everyone, "en"),
    )
    walls = interleaved(runs, *actions)
    cpus = cpu_interleaved(runs, *actions)
    n = len(survey.responses)
    labels = (f"{n} personal reports (PDF)", "one event deck (.pptx)", "one fact sheet (PDF)")
    wall = [statistics.median(times) for times in walls]
    cpu = [statistics.median(times) for times in cpus]
    print(
        "| work | wall time | CPU time | ratio to one deck (wall / CPU) "
        "| peak memory growth | peak memory |"
    )
    print("| --- | --- | --- | --- | --- | --- |")
    for index, (label, work) in enumerate(zip(labels, ("reports", "deck", "sheet"), strict=True)):
        used = memory(work, n)
        print(
            f"| {label} | {wall[index]:.2f} s | {cpu[index]:.2f} s "
            f"| {wall[index] / wall[1]:.1f} / {cpu[index] / cpu[1]:.1f} "
            f"| {used['after'] - used['before']:.0f} MiB | {used['after']:.0f} MiB |",
            flush=True,
        )
    print(f"\nPer report: {wall[0] / n:.3f} s wall, {cpu[0] / n:.3f} s CPU (medians of {runs}).")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
