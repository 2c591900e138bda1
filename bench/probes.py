"""What `bench/run.py` measures inside fresh processes: the dashboard under AppTest.

Each probe runs in its own process, so nothing is warm that a first visitor would not
find warm: no imported page module, no `st.cache_resource` entry, no loaded round. A probe
prints one JSON line (its last line of output) that `bench/run.py` reads back.

- `overview`: the cold first run of `app.py` (a fresh `AppTest`'s first `run()`: the
  app's imports, opening the store, loading the round, drawing the overview), then reruns
  after changing the region filter (`f_regions`), each with a region not tried before so
  that no filtered view is cached yet.
- `memory`: the same visit, for memory, then the Trends page (the one page that reads the
  round's per-project rows). The process first does the whole visit on the 40-pole
  sample (so every module is imported and every cache exists) and notes its resident
  size; then it opens the large store and does the visit again. It reports the peak
  resident size reached above that mark after the overview and after Trends, and the
  deep size of the frames the app holds at each point: the chosen round as loaded, the
  per-project rows once Trends has read them, and the filtered views cached for each
  filter tried.

    python -m bench.probes overview --url sqlite:////path/large.db --changes 4
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import os
import resource
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
TIMEOUT = 600


def _app(url: str) -> Any:
    """A fresh AppTest of the dashboard on the store at `url`, first run done."""
    from streamlit.testing.v1 import AppTest

    os.environ["SURVEY_DB_URL"] = url
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params["lang"] = "en"
    at.run()
    _check(at)
    return at


def _check(at: Any) -> None:
    if at.exception:
        raise RuntimeError(f"the app raised: {[e.value for e in at.exception]}")


def _region_choices(at: Any, changes: int) -> list[list[str]]:
    """`changes` region selections, one region each, in the widget's order."""
    options = list(at.multiselect(key="f_regions").options)
    if not options:
        raise RuntimeError("the region filter offers nothing")
    return [[options[i % len(options)]] for i in range(changes)]


def _change(at: Any, regions: list[str]) -> float:
    """Set the region filter and rerun; the rerun's wall time in seconds."""
    widget = at.multiselect(key="f_regions").set_value(regions)
    start = time.perf_counter()
    widget.run()
    elapsed = time.perf_counter() - start
    _check(at)
    return elapsed


def overview(url: str, changes: int) -> dict[str, Any]:
    """Cold first run, then `changes` reruns after a filter change (seconds)."""
    from streamlit.testing.v1 import AppTest  # streamlit itself, as a running server has it

    os.environ["SURVEY_DB_URL"] = url
    start = time.perf_counter()
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params["lang"] = "en"
    at.run()
    cold = time.perf_counter() - start
    _check(at)
    reruns = [_change(at, regions) for regions in _region_choices(at, changes)]
    return {"cold": cold, "reruns": reruns, "metrics": [m.value for m in at.metric]}


def _rss() -> int:
    """The process's resident size now, in bytes."""
    import psutil

    return int(psutil.Process().memory_info().rss)


_STATUS = Path("/proc/self/status")
_CLEAR_REFS = Path("/proc/self/clear_refs")


def _peak() -> int:
    """The process's peak resident size (since the last `_reset_peak`), in bytes.

    Linux's `VmHWM`, not `getrusage`'s `ru_maxrss`: the latter survives `exec`, so a probe
    started by a large parent would report the parent's size.
    """
    try:
        for line in _STATUS.read_text(encoding="ascii").splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # KiB on Linux


def _reset_peak() -> None:
    """Start the peak afresh from the current size (Linux: `clear_refs` value 5)."""
    # Where this cannot be done, the peak counts from the process's start: a larger figure.
    with contextlib.suppress(OSError):
        _CLEAR_REFS.write_text("5", encoding="ascii")


def _deep_size(survey: Any) -> int:
    """Bytes held by a round's frames (`memory_usage(deep=True)`, index included)."""
    total = 0
    for name in ("responses", "yearly", "projects", "extras", "initiatives"):
        frame = getattr(survey, name, None)
        if frame is not None:
            total += int(frame.memory_usage(deep=True, index=True).sum())
    return total


def _visit(url: str, changes: int) -> tuple[Any, list[list[str]], int]:
    """Overview, `changes` filter changes; the app, the filters tried, the peak after."""
    at = _app(url)
    choices = _region_choices(at, changes)
    for regions in choices:
        _change(at, regions)
    return at, choices, _peak()


def _trends(at: Any) -> int:
    """Open the Trends page (which reads the per-project rows); the peak after."""
    at.switch_page("pages/trends.py").run()
    _check(at)
    return _peak()


def memory(url: str, warm_url: str, changes: int) -> dict[str, Any]:
    """Peak resident size above a warmed-up mark while the large overview is used."""
    from analysis.analytics.filters import Filters

    warm, _, _ = _visit(warm_url, 1)
    _trends(warm)
    del warm
    gc.collect()
    peak_before = _peak()
    mark = _rss()
    _reset_peak()
    at, choices, peak_overview = _visit(url, changes)
    core = at.session_state["_page_context"].survey
    label = core.info.label
    views = [Filters(round=label, regions=tuple(regions)) for regions in choices]
    overview_frames = _deep_size(core) + sum(_deep_size(f.apply(core)) for f in views)
    peak_trends = _trends(at)
    from ui import cached_store

    url_now, version = cached_store.database_url(), at.session_state["_page_context"].version
    projects = cached_store.round_projects(url_now, label, version)
    whole = core.with_frames(projects=projects)
    trends_view = _deep_size(views[-1].apply(whole))  # Trends keeps the last filter
    return {
        "mark": mark,
        "peak_before": peak_before,
        "peak_overview": peak_overview,
        "peak_trends": peak_trends,
        "growth_overview": max(0, peak_overview - mark),
        "growth_trends": max(0, peak_trends - mark),
        "rss_after": _rss(),
        "frames_overview": overview_frames,
        "frames_trends": overview_frames
        + int(projects.memory_usage(deep=True, index=True).sum())
        + trends_view,
        "project_rows_held": len(projects),
        "project_rows_at_overview": len(core.projects),
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Run one probe and print its result as one JSON line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("probe", choices=("overview", "memory"))
    parser.add_argument("--url", required=True, help="the large store's SQLAlchemy URL")
    parser.add_argument("--warm-url", help="a small store to warm up on (memory probe)")
    parser.add_argument("--changes", type=int, default=4, help="filter changes to time")
    args = parser.parse_args(argv)
    if args.probe == "overview":
        result = overview(args.url, args.changes)
    else:
        if not args.warm_url:
            parser.error("the memory probe needs --warm-url")
        result = memory(args.url, args.warm_url, args.changes)
    sys.stdout.flush()
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    raise SystemExit(main())
