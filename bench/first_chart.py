"""The time to the first chart in headless Chromium: the Overview against a bare one-chart page.

Both servers are started the same way and already warm (`bench/crowd.py` starts them and
sends each one visit first). Each run opens every page in a fresh browser context (an
empty cache, as an attendee scanning a QR code has), from navigation to a drawn chart
(`.js-plotly-plot .main-svg`). The pages take turns in an ABBA order (ours first in one
round, the bare page first in the next) so that neither always follows the other; a first
round warms the browser and is not counted.

On a shared machine the wall time swings with the load (two cores, many jobs), so each run
also records the CPU the browser's processes used until the chart was drawn, and the CPU
the page's server used for it: work done, which the load changes far less than the time.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

import psutil

from bench.timing import Line
from tests.support.chromium import launch

#: What a drawn chart looks like in the page.
DRAWN_CHART = ".js-plotly-plot .main-svg"


class Served(Protocol):
    """A page's server as this module needs it (`bench.served.Server`)."""

    @property
    def url(self) -> str: ...

    def cpu_seconds(self) -> float: ...


@dataclass
class PageRuns:
    """One page's runs: seconds to the drawn chart, browser CPU and server CPU for each."""

    wall: list[float] = field(default_factory=list)
    browser_cpu: list[float] = field(default_factory=list)
    server_cpu: list[float] = field(default_factory=list)


def browser_cpu_seconds() -> float:
    """User + system CPU used so far by the Chromium processes this process started."""
    total = 0.0
    for child in psutil.Process().children(recursive=True):
        try:
            if "chrom" in child.name():
                times = child.cpu_times()
                total += times.user + times.system
        except psutil.Error:  # a renderer that ended in between
            continue
    return total


def rounds_order(count: int, run: int) -> list[int]:
    """The pages' order in round `run`: as given in even rounds, reversed in odd ones."""
    order = list(range(count))
    return order if run % 2 == 0 else order[::-1]


def first_chart(servers: Sequence[Served], queries: Sequence[str], runs: int) -> list[PageRuns]:
    """`runs` counted loads of every page (plus one warming round), ABBA order, per page."""
    from playwright.sync_api import sync_playwright

    out = [PageRuns() for _ in servers]
    with sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            for run in range(runs + 1):  # the first round warms the browser: not counted
                for index in rounds_order(len(servers), run):
                    server, query = servers[index], queries[index]
                    context = browser.new_context(viewport={"width": 1400, "height": 1000})
                    page = context.new_page()
                    cpu, served = browser_cpu_seconds(), server.cpu_seconds()
                    start = time.perf_counter()
                    page.goto(f"{server.url}/?{query}" if query else server.url)
                    page.wait_for_selector(DRAWN_CHART, timeout=120_000)
                    elapsed = time.perf_counter() - start
                    cpu, served = browser_cpu_seconds() - cpu, server.cpu_seconds() - served
                    context.close()
                    if run:
                        out[index].wall.append(elapsed)
                        out[index].browser_cpu.append(cpu)
                        out[index].server_cpu.append(served)
        finally:
            browser.close()
    return out


def lines(ours: PageRuns, bare: PageRuns) -> list[Line]:
    """The target line (time to the drawn chart) and the work behind it, ours against the
    bare page's."""
    first = Line(
        "first_chart",
        "Time to the first chart in headless Chromium, the Overview",
        "bare one-chart page",
        "s",
        target=1.5,
        ours=list(ours.wall),
        baseline=list(bare.wall),
    )
    browser_cpu = Line(
        "first_chart_browser_cpu",
        "Browser CPU until the first chart is drawn, the Overview",
        "bare one-chart page",
        "s",
        ours=list(ours.browser_cpu),
        baseline=list(bare.browser_cpu),
        note="no target: the frontend's work (Streamlit's widgets' code, plotly.js), which "
        "the machine's load changes far less than the time",
    )
    server_cpu = Line(
        "first_chart_server_cpu",
        "Server CPU for one browser visit until its first chart, the Overview",
        "bare one-chart page",
        "s",
        ours=list(ours.server_cpu),
        baseline=list(bare.server_cpu),
        note="no target: the script run plus the static files the page asks for",
    )
    return [first, browser_cpu, server_cpu]
