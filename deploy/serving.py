"""The one way a dashboard process is started on loopback, waited for and stopped.

`deploy/replicas.py` serves visitors this way, and the browser tests (`tests/browser/`) and
the benchmarks (`bench/served.py`) start their servers through the same function, so what
they check and measure is the dashboard as it is deployed: the same `streamlit run` flags,
the same working folder (hence the same `.streamlit/config.toml`), the same health check.

Why here and not in `analysis/`: this is process management for serving, not survey
analytics; it needs no Streamlit import (it only runs `python -m streamlit` as a
subprocess), but `analysis/` is the importable core that the wheel ships, and the replicas
script, the tests and the benchmarks all run from a checkout, where `deploy` is importable.
Standard library only, so `python deploy/replicas.py` needs nothing more.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Mapping, Sequence
from pathlib import Path

#: The repository: every server runs from here (its `.streamlit/config.toml`).
ROOT = Path(__file__).resolve().parent.parent
#: The only address a server started here listens on.
LOOPBACK = "127.0.0.1"
#: Streamlit's health check, relative to a server's address.
HEALTH_PATH = "/_stcore/health"
#: How long a process may take to stop before it is killed (s).
STOP_TIMEOUT = 10.0


def free_port() -> int:
    """A TCP port nobody listens on right now (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((LOOPBACK, 0))
        return int(sock.getsockname()[1])


def address(port: int) -> str:
    """The loopback address of a server on `port`."""
    return f"http://{LOOPBACK}:{port}"


def streamlit_command(script: str | Path, port: int) -> list[str]:
    """`streamlit run script` headless on loopback `port`, no usage statistics, no file
    watcher (nothing reloads the code under a visitor)."""
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(script),
        "--server.headless",
        "true",
        "--server.address",
        LOOPBACK,
        "--server.port",
        str(port),
        "--browser.gatherUsageStats",
        "false",
        "--server.fileWatcherType",
        "none",
    ]


def start_streamlit(
    script: str | Path,
    port: int,
    log: Path,
    *,
    env: Mapping[str, str] | None = None,
    extra: Sequence[str] = (),
) -> subprocess.Popen[bytes]:
    """Start `script` on loopback `port` from the repository, its output in `log`.

    `env` replaces the caller's environment when given; `extra` adds options to the
    command (`--secrets.files PATH`). The output goes to a file, not a pipe: nobody reads
    it while the server runs, and a full pipe would block the server.
    """
    with log.open("wb") as out:
        return subprocess.Popen(
            [*streamlit_command(script, port), *extra],
            cwd=ROOT,
            env=None if env is None else dict(env),
            stdout=out,
            stderr=subprocess.STDOUT,
        )


def answers(url: str) -> bool:
    """Whether `url` answers 200 now."""
    try:
        with urllib.request.urlopen(url, timeout=2) as reply:  # noqa: S310 (loopback http)
            return bool(reply.status == 200)
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


def wait_answering(
    waiting: Mapping[str, subprocess.Popen[bytes]], timeout: float, *, poll: float = 0.1
) -> str | None:
    """Wait until every URL answers 200, each served by its process; None when all do.

    Otherwise the first URL whose process ended, or, when `timeout` seconds have passed,
    one that still does not answer (`process.poll()` tells the two apart). All are polled
    together, so a process that dies is seen at once, whichever started first.
    """
    deadline = time.monotonic() + timeout
    pending = dict(waiting)
    while pending:
        for url, process in list(pending.items()):
            if process.poll() is not None:
                return url
            if answers(url):
                del pending[url]
        if not pending:
            return None
        if time.monotonic() > deadline:
            return next(iter(pending))
        time.sleep(poll)
    return None


def stop_processes(*processes: subprocess.Popen[bytes], timeout: float = STOP_TIMEOUT) -> None:
    """Terminate every process still running; kill those not ended after `timeout` s."""
    for process in processes:
        if process.poll() is None:
            process.terminate()
    deadline = time.monotonic() + timeout
    for process in processes:
        try:
            process.wait(timeout=max(deadline - time.monotonic(), 0.1))
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=timeout)
