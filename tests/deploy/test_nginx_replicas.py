"""`deploy/replicas.py`: two dashboard replicas behind Debian's nginx on loopback.

Checks what a deployment relies on: the page and the health check answer through the
proxy, a visitor's requests (and their websocket, which a Streamlit session lives on) all
reach the replica their cookie names, new visitors are spread over both replicas, and
stopping the script stops every process it started. Without nginx the test is skipped
with the reason on a developer's machine and fails under CI (`CI` set).
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket as socket_module
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from websockets.sync.client import connect

from deploy.replicas import NGINX
from deploy.replicas import command as replicas_command
from tests.browser.server import free_port
from tests.support.store_fixtures import REPO_ROOT

pytestmark = pytest.mark.slow

#: How long the replicas and the proxy may take to answer (s).
START_TIMEOUT = 120.0
COOKIE = "poles_replica"


@dataclass
class Deployment:
    """The running `deploy/replicas.py`, the proxy's address and its run folder."""

    process: subprocess.Popen[str]
    url: str
    replica_ports: tuple[int, int]
    run_dir: Path

    def replicas_in_log(self) -> dict[str, set[str]]:
        """Replica key -> the replica addresses that served it (from nginx's access log)."""
        served: dict[str, set[str]] = {}
        log = (self.run_dir / "logs" / "access.log").read_text()
        for match in re.finditer(r"replica=(\S+) key=(\S+)", log):
            served.setdefault(match[2], set()).add(match[1])
        return served


def get(url: str, cookie: str | None = None) -> tuple[int, dict[str, str], str]:
    """Status, headers and text of a GET, optionally carrying a replica cookie."""
    request = urllib.request.Request(
        url, headers={"Cookie": f"{COOKIE}={cookie}"} if cookie else {}
    )
    with urllib.request.urlopen(request, timeout=10) as reply:
        return reply.status, dict(reply.headers.items()), reply.read().decode(errors="replace")


def answers(url: str) -> bool:
    """Whether `url` answers 200 now."""
    try:
        return get(url)[0] == 200
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


@pytest.fixture
def deployment(seeded_db_file: Path, tmp_path: Path) -> Iterator[Deployment]:
    """`deploy/replicas.py` with two replicas on a copy of the seeded store, answering."""
    if not Path(NGINX).is_file():
        reason = "nginx is not installed: scripts/ensure-system-packages.sh nginx"
        if os.environ.get("CI", "").strip():
            pytest.fail(f"CI needs nginx for the deployment test: {reason}", pytrace=False)
        pytest.skip(reason)
    database = tmp_path / "survey.db"
    shutil.copyfile(seeded_db_file, database)
    ports = (free_port(), free_port())
    listen = free_port()
    env = {**os.environ, "SURVEY_DB_URL": f"sqlite:///{database}"}
    env.pop("SURVEY_EDITOR_PASSWORD", None)
    run_dir = tmp_path / "run"
    process = subprocess.Popen(
        replicas_command(ports, listen, run_dir),
        cwd=REPO_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    url = f"http://127.0.0.1:{listen}"
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while not answers(f"{url}/_stcore/health"):
            assert process.poll() is None, process.communicate()[0]
            assert time.monotonic() < deadline, "the deployment did not answer in time"
            time.sleep(0.3)
        yield Deployment(process, url, ports, run_dir)
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)


def test_two_replicas_behind_nginx_with_sticky_sessions(deployment: Deployment) -> None:
    status, headers, body = get(f"{deployment.url}/")
    assert status == 200
    assert "<noscript>" in body.lower() or 'id="root"' in body  # Streamlit's page
    assert f"{COOKIE}=" in headers.get("Set-Cookie", "")
    status, _, body = get(f"{deployment.url}/_stcore/health")
    assert (status, body) == (200, "ok")

    # One visitor: every request, and the websocket their session lives on, on one replica.
    for _ in range(8):
        get(f"{deployment.url}/_stcore/health", cookie="visitor-1")
    with connect(
        f"ws://{deployment.url.removeprefix('http://')}/_stcore/stream",
        additional_headers={"Cookie": f"{COOKIE}=visitor-1"},
        open_timeout=30,
    ) as socket:
        assert socket.response is not None and socket.response.status_code == 101
    # New visitors (no cookie yet) land on both replicas.
    for _ in range(24):
        get(f"{deployment.url}/_stcore/health")

    served = deployment.replicas_in_log()
    assert len(served["visitor-1"]) == 1, served["visitor-1"]
    replicas = {f"127.0.0.1:{port}" for port in deployment.replica_ports}
    assert set().union(*served.values()) == replicas


def test_stopping_the_script_stops_every_replica(deployment: Deployment) -> None:
    deployment.process.send_signal(signal.SIGTERM)
    assert deployment.process.wait(timeout=30) == 0
    for port in deployment.replica_ports:
        assert not answers(f"http://127.0.0.1:{port}/_stcore/health")
    assert not answers(f"{deployment.url}/_stcore/health")


def raw_request(url: str, head: str) -> int:
    """Send `head` (request line and headers, no body) to the proxy; the status it answers."""
    host, port = url.removeprefix("http://").split(":")
    with socket_module.create_connection((host, int(port)), timeout=10) as raw:
        raw.sendall(head.encode("ascii"))
        status_line = raw.makefile("rb").readline().decode("ascii", "replace")
    return int(status_line.split()[1])


def put_upload(url: str, length: int) -> int:
    """Status of an upload PUT announcing `length` bytes (the body follows only when small)."""
    path = "/_stcore/upload_file/some-session/some-file"
    head = (
        f"PUT {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/octet-stream\r\n"
        f"Content-Length: {length}\r\nConnection: close\r\n\r\n"
    )
    return raw_request(url, head + ("x" * length if length < 1024 else ""))


def test_the_proxy_bounds_uploads_and_hides_metrics(deployment: Deployment) -> None:
    """Issue 15, findings 2 and 9: what the proxy adds to Streamlit's own endpoints."""
    for port in deployment.replica_ports:  # Streamlit itself serves metrics to anyone...
        assert get(f"http://127.0.0.1:{port}/_stcore/metrics")[0] == 200
    with pytest.raises(urllib.error.HTTPError) as hidden:  # ...the proxy does not
        get(f"{deployment.url}/_stcore/metrics")
    assert hidden.value.code == 404
    # Above the dashboard's 50 MB bound: refused from the announced length, body unread.
    assert put_upload(deployment.url, 50 * 1024 * 1024 + 1) == 413
    # A burst of uploads: the first few reach Streamlit (which refuses this made-up session),
    # the rest are cut off by the rate limit.
    statuses = [put_upload(deployment.url, 10) for _ in range(12)]
    assert 429 in statuses, statuses
    assert statuses[0] != 429, statuses
    # The page and the health check still work through the proxy.
    assert get(f"{deployment.url}/")[0] == 200
    assert get(f"{deployment.url}/_stcore/health")[:3:2] == (200, "ok")
