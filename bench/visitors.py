"""Visitors as Streamlit's frontend speaks to a server, alone or in a crowd (`bench/crowd.py`).

Raw websocket clients: a `rerun_script` message, then reading `ForwardMsg`s until the run
ends, timing the first chart element. A crowd connects first, then asks at the same
instant; the server's CPU and memory are read around the asking, from `/proc`.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from dataclasses import dataclass, field

from bench.served import Server
from deploy.serving import address

#: How long one visit may take before it counts as failed (s).
VISIT_TIMEOUT = 300.0


@dataclass
class Visit:
    """What one client saw: seconds to the first chart and to the end of the run."""

    first_chart: float
    finished: float


async def _visit(url: str, query: str, gate: _Gate | None = None) -> Visit:
    """Open a session, ask for the page, time the first chart and the run's end.

    In a crowd, the visitor waits at the door until every other has connected (so they
    all ask at the same instant), reports the end of its run, and keeps its connection
    (hence its session) open until the crowd is released, so the server's memory can be
    read with every session alive.
    """
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
    from websockets.asyncio.client import connect

    address = url.replace("http://", "ws://") + "/_stcore/stream"
    async with connect(
        address,
        subprotocols=["streamlit"],
        max_size=None,
        open_timeout=VISIT_TIMEOUT,  # type: ignore[list-item]
    ) as websocket:
        if gate is not None:
            await gate.go.wait()
        ask = BackMsg()
        ask.rerun_script.query_string = query
        ask.rerun_script.page_script_hash = ""
        start = time.perf_counter()
        await websocket.send(ask.SerializeToString())
        first_chart = None
        while True:
            data = await asyncio.wait_for(websocket.recv(), VISIT_TIMEOUT)
            message = ForwardMsg()
            message.ParseFromString(data)  # type: ignore[arg-type]
            kind = message.WhichOneof("type")
            if (
                first_chart is None
                and kind == "delta"
                and message.delta.WhichOneof("type") == "new_element"
                and message.delta.new_element.WhichOneof("type") == "plotly_chart"
            ):
                first_chart = time.perf_counter() - start
            elif kind == "script_finished" and first_chart is not None:
                finished = time.perf_counter() - start
                break
        if gate is not None:
            gate.one_done()
            await gate.release.wait()
        return Visit(first_chart, finished)


@dataclass
class Crowd:
    """One crowd on one server."""

    page: str
    size: int
    first_chart: list[float] = field(default_factory=list)
    finished: list[float] = field(default_factory=list)
    cpu_per_view: float = 0.0
    memory_per_session: float = 0.0

    @property
    def median(self) -> float:
        return statistics.median(self.first_chart)

    @property
    def p95(self) -> float:
        ordered = sorted(self.first_chart)
        return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


class _Gate:
    """A crowd's signals: everyone asks at once; everyone's run is over; let go."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.finished = 0
        self.go = asyncio.Event()
        self.all_done = asyncio.Event()
        self.release = asyncio.Event()

    def one_done(self) -> None:
        self.finished += 1
        if self.finished >= self.size:
            self.all_done.set()


def crowd(server: Server, size: int, query: str) -> Crowd:
    """`size` visitors connected, then asking for the page at the same instant."""
    marks: dict[str, float] = {}

    async def everyone() -> list[Visit]:
        gate = _Gate(size)
        tasks = [asyncio.create_task(_visit(server.url, query, gate)) for _ in range(size)]
        await asyncio.sleep(0.5 + size * 0.01)  # let every websocket open
        marks["cpu"], marks["rss"] = server.cpu_seconds(), server.rss()
        gate.go.set()
        try:
            await asyncio.wait_for(gate.all_done.wait(), VISIT_TIMEOUT)
            marks["cpu"] = server.cpu_seconds() - marks["cpu"]
            marks["rss"] = server.rss() - marks["rss"]
        finally:
            gate.release.set()
        return await asyncio.gather(*tasks)

    visits = asyncio.run(everyone())
    out = Crowd(server.name, size)
    out.first_chart = [v.first_chart for v in visits]
    out.finished = [v.finished for v in visits]
    out.cpu_per_view = marks["cpu"] / size
    out.memory_per_session = max(marks["rss"], 0) / size
    return out


def alone(server: Server, query: str) -> float:
    """One visitor on an otherwise idle server: seconds to the first chart."""
    return asyncio.run(_visit(server.url, query)).first_chart


def warm(server: Server, query: str) -> None:
    """One visit to each process of `server` (a process's first session is special)."""
    for port in server.direct_ports:
        asyncio.run(_visit(address(port), query))
    alone(server, query)
