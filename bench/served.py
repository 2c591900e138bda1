"""A `streamlit run` of one script on a loopback port, served as the dashboard is served.

Shared by the crowd and first-chart benchmarks (`bench/crowd.py`, `bench/first_chart.py`):
both pages are started by the same function, with the same options and working folder
(hence the same `.streamlit/config.toml`), so a ratio between them compares the pages, not
the way they were started. That function is `deploy/serving.py`'s, the replicas' own.

The crowd also meets the dashboard as `deploy/replicas.py` serves it (several processes
behind nginx), measured as one server: its CPU and memory are those of the whole process
tree, nginx included.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from deploy.replicas import NGINX
from deploy.replicas import command as replicas_command
from deploy.serving import (
    HEALTH_PATH,
    ROOT,
    address,
    free_port,
    start_streamlit,
    stop_processes,
    wait_answering,
)

#: How long a server may take to answer its health check (s).
START_TIMEOUT = 90.0


def process_tree(pid: int) -> list[int]:
    """`pid` and every process below it, as `/proc` lists them now."""
    tree, waiting = [], [pid]
    while waiting:
        current = waiting.pop()
        tree.append(current)
        for task in Path(f"/proc/{current}/task").glob("*/children"):
            try:
                waiting.extend(int(child) for child in task.read_text().split())
            except OSError:  # the task ended while read
                continue
    return tree


def cpu_seconds_of(pids: list[int]) -> float:
    """User + system CPU time these processes have used so far (`/proc/PID/stat`); a
    process that ended meanwhile counts nothing."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total / ticks


def rss_of(pids: list[int]) -> int:
    """Resident memory of these processes now (bytes)."""
    total = 0
    for pid in pids:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1]) * 1024
    return total


@dataclass
class Server:
    """A `streamlit run` of one script on a loopback port; or, with `tree`, a process that
    serves through its children (`deploy/replicas.py`), measured whole."""

    name: str
    process: subprocess.Popen[bytes]
    port: int
    #: The ports a visitor can also reach directly (each replica's), to warm them.
    direct_ports: tuple[int, ...] = ()
    tree: bool = False

    @property
    def url(self) -> str:
        return address(self.port)

    def pids(self) -> list[int]:
        return process_tree(self.process.pid) if self.tree else [self.process.pid]

    def cpu_seconds(self) -> float:
        """User + system CPU time the server has used so far."""
        return cpu_seconds_of(self.pids())

    def rss(self) -> int:
        """Resident memory of the server now (bytes)."""
        return rss_of(self.pids())

    def stop(self) -> None:
        stop_processes(self.process)


def visitor_env(db_url: str) -> dict[str, str]:
    """The environment of a benchmarked server: the store at `db_url`, and no editor
    credential (the crowd is attendees, who never edit)."""
    env = {**os.environ, "SURVEY_DB_URL": db_url}
    env.pop("SURVEY_EDITOR_PASSWORD", None)
    return env


def start_server(name: str, script: Path, db_url: str, log: Path) -> Server:
    """Serve `script` like the dashboard is served; wait for its health check."""
    port = free_port()
    server = Server(name, start_streamlit(script, port, log, env=visitor_env(db_url)), port)
    if wait_answering({server.url + HEALTH_PATH: server.process}, START_TIMEOUT) is None:
        return server
    if server.process.poll() is not None:
        raise RuntimeError(f"{name} exited: {log.read_text(errors='replace')[-2000:]}")
    server.stop()
    raise TimeoutError(f"{name} did not answer within {START_TIMEOUT:.0f} s")


def start_replicas(name: str, count: int, db_url: str, folder: Path) -> Server:
    """`deploy/replicas.py` with `count` replicas behind nginx on loopback, answering
    through the proxy; its run folder and logs in `folder`."""
    if not Path(NGINX).is_file():
        raise RuntimeError(f"{NGINX} is missing: scripts/ensure-system-packages.sh nginx")
    ports = tuple(free_port() for _ in range(count))
    listen = free_port()
    with (folder / "replicas.log").open("wb") as log:
        process = subprocess.Popen(
            replicas_command(ports, listen, folder / "replicas"),
            cwd=ROOT,
            env=visitor_env(db_url),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    server = Server(name, process, listen, direct_ports=ports, tree=True)
    if wait_answering({server.url + HEALTH_PATH: server.process}, START_TIMEOUT * 2) is None:
        return server
    server.stop()
    raise RuntimeError(
        f"{name} did not answer: {(folder / 'replicas.log').read_text(errors='replace')[-2000:]}"
    )
