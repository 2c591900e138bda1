"""A `streamlit run` of one script on a loopback port, served as the dashboard is served.

Shared by the crowd and first-chart benchmarks (`bench/crowd.py`, `bench/first_chart.py`):
both pages are started by the same function, with the same options and working folder
(hence the same `.streamlit/config.toml`), so a ratio between them compares the pages, not
the way they were started. That function is `deploy/serving.py`'s, the replicas' own.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from deploy.serving import (
    HEALTH_PATH,
    address,
    free_port,
    start_streamlit,
    stop_processes,
    wait_answering,
)

#: How long a server may take to answer its health check (s).
START_TIMEOUT = 90.0


@dataclass
class Server:
    """A `streamlit run` of one script on a loopback port."""

    name: str
    process: subprocess.Popen[bytes]
    port: int

    @property
    def url(self) -> str:
        return address(self.port)

    def cpu_seconds(self) -> float:
        """User + system CPU time the server process has used so far (`/proc/PID/stat`)."""
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        ticks = os.sysconf("SC_CLK_TCK")
        return (int(fields[11]) + int(fields[12])) / ticks

    def rss(self) -> int:
        """Resident memory of the server process now (bytes)."""
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
        return 0

    def stop(self) -> None:
        stop_processes(self.process)


def start_server(name: str, script: Path, db_url: str, log: Path) -> Server:
    """Serve `script` like the dashboard is served; wait for its health check."""
    port = free_port()
    env = {**os.environ, "SURVEY_DB_URL": db_url}
    env.pop("SURVEY_EDITOR_PASSWORD", None)
    server = Server(name, start_streamlit(script, port, log, env=env), port)
    if wait_answering({server.url + HEALTH_PATH: server.process}, START_TIMEOUT) is None:
        return server
    if server.process.poll() is not None:
        raise RuntimeError(f"{name} exited: {log.read_text(errors='replace')[-2000:]}")
    server.stop()
    raise TimeoutError(f"{name} did not answer within {START_TIMEOUT:.0f} s")
