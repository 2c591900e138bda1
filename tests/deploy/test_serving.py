"""`deploy/serving.py`: waiting for a server and stopping it, the cases every caller relies on.

The replicas, the browser tests' servers and the benchmarks' servers all wait and stop
through these two functions, so their outcomes are checked here once, on small stand-in
processes (a process that ends, one that hangs, one that answers, one that ignores
SIGTERM), not on a whole dashboard.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator

import pytest

from deploy.serving import (
    address,
    answers,
    free_port,
    stop_processes,
    streamlit_command,
    wait_answering,
)


def _python(code: str, *, piped: bool = False) -> subprocess.Popen[bytes]:
    """A Python process running `code` (its output piped back when `piped`)."""
    return subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE if piped else None)


@pytest.fixture
def answering() -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """A loopback HTTP server answering 200 at its root, and its process."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    yield f"{address(port)}/", process
    stop_processes(process)


def test_a_server_that_answers_is_waited_for(
    answering: tuple[str, subprocess.Popen[bytes]],
) -> None:
    url, process = answering
    assert wait_answering({url: process}, timeout=30) is None
    assert answers(url)


def test_a_process_that_ends_is_named_at_once(
    answering: tuple[str, subprocess.Popen[bytes]],
) -> None:
    ended = _python("pass")
    ended.wait(timeout=30)
    silent = f"{address(free_port())}/"
    url, process = answering
    # The answering server does not hide the dead one, whatever the order.
    assert wait_answering({url: process, silent: ended}, timeout=30) == silent


def test_a_process_that_never_answers_is_named_when_time_is_up() -> None:
    hung = _python("import time; time.sleep(60)")
    silent = f"{address(free_port())}/"
    try:
        assert wait_answering({silent: hung}, timeout=0.5) == silent
        assert hung.poll() is None  # still running: the caller tells a hang from a death
    finally:
        stop_processes(hung)
    assert hung.poll() is not None


def test_a_process_ignoring_sigterm_is_killed() -> None:
    stubborn = _python(
        "import signal, time\n"
        "signal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
        "print('ready', flush=True)\n"
        "time.sleep(60)\n",
        piped=True,
    )
    assert stubborn.stdout is not None
    assert stubborn.stdout.readline().strip() == b"ready"
    stop_processes(stubborn, timeout=0.5)
    assert stubborn.returncode == -9  # SIGKILL, after SIGTERM was ignored
    stubborn.stdout.close()


def test_every_server_listens_on_loopback_only() -> None:
    command = streamlit_command("app.py", 8501)
    assert command[command.index("--server.address") + 1] == "127.0.0.1"
    assert command[command.index("--server.port") + 1] == "8501"
    assert command[command.index("--server.headless") + 1] == "true"
