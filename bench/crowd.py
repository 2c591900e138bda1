"""Many visitors at once, and the time to the first chart, against a bare one-chart page.

    python bench/crowd.py                 # crowds of 10, 25, 50, 100; 5 browser runs
    python bench/crowd.py --quick         # crowds of 2 and 3; 1 browser run (a smoke run)

Two `streamlit run` servers are started the same way on loopback: the dashboard on the
shipped sample round (the Overview, as an attendee scanning a QR code opens it) and
`bench/bare_chart.py`, a page holding one plotly chart and nothing else. Each is warmed by
one visit first (a process's first session is special), then:

- **Crowds**: N websocket clients speaking Streamlit's own protocol (a `rerun_script`
  message, then reading `ForwardMsg`s) open the page at the same instant. For each: the
  time to the first chart element, and the time to the end of the script run; for the
  server: CPU seconds used (user + system, from `/proc`) divided by N, the server CPU per
  first view, and its resident memory growth with the N sessions still open divided by N.
  Raw clients rather than browsers: on two cores, beyond ~10 headless browsers measure the
  browser more than the server. Ours and the bare page take turns, crowd size by size.
- **One visitor**: the same client alone, several times in turn, the base of the p95 target.
- **Replicas**: the same crowds on the dashboard as `deploy/replicas.py` serves it, one
  process per core behind nginx (when Debian's nginx is installed), measured as one
  server (CPU and memory of the whole process tree, nginx included): what scaling out
  buys on this machine, against one process in the same run.
- **First chart in a browser** (`bench/first_chart.py`): headless Chromium opens each page
  in a fresh context, the pages in turn, from navigation to a drawn chart; medians.

Targets (issue 17), as ratios within the run: server CPU per first view ≤ 2× the bare page's
(at 50 visitors); p95 time to the first chart at 50 visitors ≤ 10× one visitor's time;
first chart in the browser ≤ 1.5× the bare page's.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as `python bench/crowd.py`
    sys.path.insert(0, str(ROOT))

from bench.first_chart import first_chart  # noqa: E402
from bench.first_chart import lines as browser_lines  # noqa: E402
from bench.served import NGINX, start_replicas, start_server  # noqa: E402
from bench.timing import Line, table  # noqa: E402
from bench.visitors import Crowd, alone, crowd, warm  # noqa: E402
from tests.support.chromium import CHROMIUM  # noqa: E402

BARE_PAGE = ROOT / "bench" / "bare_chart.py"
APP = ROOT / "app.py"
CROWDS = (10, 25, 50, 100)
QUICK_CROWDS = (2, 3)
#: The crowd size the targets are read at (the largest measured when smaller).
TARGET_CROWD = 50
#: Replicas behind nginx: one process per core, as `deploy/` advises.
REPLICAS = os.cpu_count() or 2


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --- the whole benchmark ---------------------------------------------------------------------


def sample_store(folder: Path) -> str:
    """A SQLite store holding the shipped sample round (what the dashboard shows first)."""
    from analysis.store import SurveyStore, ensure_seeded

    url = f"sqlite:///{folder / 'sample.db'}"
    with SurveyStore(url) as store:
        ensure_seeded(store)
    return url


def measure(crowds: Sequence[int], alone_runs: int, browser_runs: int) -> dict[str, Any]:
    """Every measure of this module; the crowd table's rows and the target lines.

    With no `crowds`, only the first chart in the browser is measured (`--browser-only`).
    The load average is read before and after: the ratios are what count, the load says
    how much to trust the times. The replicas are measured when nginx is installed.
    """
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        raise RuntimeError(f"{CHROMIUM} is missing: scripts/ensure-system-packages.sh chromium")
    load = [os.getloadavg()[0]]
    with tempfile.TemporaryDirectory(prefix="bench-crowd-") as tmp:
        folder = Path(tmp)
        url = sample_store(folder)
        servers = [start_server("Overview", APP, url, folder / "app.log")]
        try:
            servers.append(start_server("bare one-chart page", BARE_PAGE, url, folder / "bare.log"))
            ours, bare = servers
            if crowds and Path(NGINX).is_file():
                name = f"Overview, {REPLICAS} replicas behind nginx"
                servers.append(start_replicas(name, REPLICAS, url, folder))
            elif crowds:
                _say(f"{NGINX} is missing: the replicas are not measured")
            queries = {server.name: "" if server is bare else "lang=en" for server in servers}
            for server in servers:
                warm(server, queries[server.name])
            single: dict[str, list[float]] = {server.name: [] for server in servers}
            rows: list[Crowd] = []
            if crowds:
                _say("one visitor at a time...")
                for _ in range(alone_runs):
                    for server in servers:
                        single[server.name].append(alone(server, queries[server.name]))
            for size in crowds:
                for server in servers:
                    _say(f"{size} visitors at once on the {server.name}...")
                    rows.append(crowd(server, size, queries[server.name]))
            _say("first chart in headless Chromium...")
            chart = first_chart([ours, bare], [queries[ours.name], ""], browser_runs)
        finally:
            for server in servers:
                server.stop()
    load.append(os.getloadavg()[0])
    return {
        "single": single,
        "crowds": rows,
        "browser": chart,
        "names": tuple(server.name for server in servers),
        "load": load,
    }


def lines(results: dict[str, Any]) -> list[Line]:
    """The three target lines and, for scale, the bare page's own p95 ratio and the work
    the browser and the server did for the first chart (what the load changes least)."""
    return [*_crowd_lines(results), *browser_lines(*results["browser"])]


def _crowd_lines(results: dict[str, Any]) -> list[Line]:
    ours_name, bare_name, *replicas_name = results["names"]
    rows: list[Crowd] = results["crowds"]
    if not rows:
        return []
    sizes = sorted({row.size for row in rows})
    at = TARGET_CROWD if TARGET_CROWD in sizes else sizes[-1]
    ours = next(r for r in rows if r.page == ours_name and r.size == at)
    bare = next(r for r in rows if r.page == bare_name and r.size == at)
    cpu = Line(
        "crowd_cpu",
        f"Server CPU per first view of the Overview, {at} visitors at once",
        "bare one-chart page",
        "s",
        target=2.0,
        ours=[ours.cpu_per_view],
        baseline=[bare.cpu_per_view],
    )
    p95 = _against_alone(
        "crowd_p95",
        f"p95 time to the first chart, {at} visitors at once on the Overview",
        ours,
        results["single"][ours_name],
        target=10.0,
    )
    bare_p95 = _against_alone(
        "crowd_p95_bare",
        f"Bare one-chart page: p95 time to the first chart, {at} visitors at once",
        bare,
        results["single"][bare_name],
        note="no target: what Streamlit itself costs a crowd on this machine, for scale",
    )
    return [cpu, p95, bare_p95, *_replica_lines(results, at, ours, replicas_name)]


def _against_alone(
    key: str,
    measure: str,
    crowd: Crowd,
    alone_times: list[float],
    *,
    target: float | None = None,
    note: str = "",
) -> Line:
    """A crowd's p95 time to the first chart against one visitor alone on the same server."""
    return Line(
        key,
        measure,
        "one visitor alone",
        "s",
        target=target,
        ours=[crowd.p95],
        baseline=list(alone_times),
        note=note,
    )


def _replica_lines(
    results: dict[str, Any], at: int, one_process: Crowd, names: list[str]
) -> list[Line]:
    """What the replicas buy: their p95 against one process's, and against one visitor
    alone on them (the p95 target's own ratio, for the deployment). No target: both are
    for reading the one-process line, not replacing it."""
    if not names or not results["crowds"]:
        return []
    name = names[0]
    scaled = next(r for r in results["crowds"] if r.page == name and r.size == at)
    gain = Line(
        "crowd_p95_replicas_gain",
        f"p95 time to the first chart, {at} visitors at once: {name}",
        "one process",
        "s",
        ours=[scaled.p95],
        baseline=[one_process.p95],
        note="no target: what scaling out buys on this machine's cores",
    )
    deployed = _against_alone(
        "crowd_p95_replicas",
        f"{name}: p95 time to the first chart, {at} visitors at once",
        scaled,
        results["single"][name],
        note="no target: the p95 ratio of the deployment, for scale",
    )
    return [gain, deployed]


def crowd_table(results: dict[str, Any]) -> str:
    """The crowd table as Markdown, per page and crowd size, under the run's load average."""
    before, after = results["load"]
    load = f"Load average (1 min) when the run began and ended: {before:.1f}, {after:.1f}."
    if not results["crowds"]:
        return load
    head = (
        "| page | visitors | first chart, median | first chart, p95 | run finished, median "
        "| server CPU per first view | memory per session |\n"
        "| --- | --- | --- | --- | --- | --- | --- |"
    )
    body = [
        f"| {r.page} | {r.size} | {r.median:.2f} s | {r.p95:.2f} s | "
        f"{statistics.median(r.finished):.2f} s | {r.cpu_per_view:.3f} s | "
        f"{r.memory_per_session / 1e6:.2f} MB |"
        for r in results["crowds"]
    ]
    singles = [
        f"| {name} | 1 (alone, median of {len(times)}) | {statistics.median(times):.2f} s "
        "| — | — | — | — |"
        for name, times in results["single"].items()
    ]
    return "\n".join([load, "", head, *singles, *body])


def as_json(results: dict[str, Any]) -> dict[str, Any]:
    """`measure`'s results in plain JSON types."""
    ours, bare = results["browser"]
    return {
        "load": results["load"],
        "single": results["single"],
        "crowds": [asdict(row) for row in results["crowds"]],
        "browser": {"ours": asdict(ours), "bare": asdict(bare)},
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Many visitors at once; the first chart.")
    parser.add_argument("--quick", action="store_true", help="tiny crowds, one browser run")
    parser.add_argument(
        "--browser-only", action="store_true", help="only the first chart in the browser"
    )
    parser.add_argument("--browser-runs", type=int, help="first-chart runs per page (5)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    args = parser.parse_args(argv)
    crowds: Sequence[int] = () if args.browser_only else QUICK_CROWDS if args.quick else CROWDS
    runs = args.browser_runs or (1 if args.quick else 5)
    results = measure(crowds, alone_runs=1 if args.quick else 5, browser_runs=runs)
    print(crowd_table(results))
    print()
    target_lines = lines(results)
    print(table(target_lines))
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "crowd.json").write_text(json.dumps(as_json(results), indent=2), encoding="utf-8")
    failed = [line.key for line in target_lines if line.verdict == "FAIL"]
    if failed and not args.quick:
        print(f"\nTargets missed: {', '.join(failed)}")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
