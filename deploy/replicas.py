"""Run N dashboard replicas behind nginx, each visitor kept on one replica.

    SURVEY_DB_URL=postgresql+psycopg://poles:secret@db/survey \\
        python deploy/replicas.py --replicas 4 --listen 0.0.0.0:80

When one process is not enough (a QR code on a slide, a hundred attendees opening the
dashboard in the same minute), several `streamlit run app.py` processes share one store,
and nginx spreads visitors over them with sticky sessions (`deploy/nginx.conf` says why).
Every replica reads the store's revision on each script run, so an import or a delete made
through any of them, or by the command line, shows on all without a restart.

This script starts the replicas on loopback ports, waits until each answers its health
check, writes the two generated pieces of nginx's configuration into a run folder (the
listen address and one `server` line per replica) beside a copy of `deploy/nginx.conf`,
then runs nginx in the foreground. Each replica is started, waited for and stopped by
`deploy/serving.py`, the one way the dashboard is run (the browser tests use it too).
Ctrl-C or SIGTERM stops everything; if any process dies, the others are stopped and the
exit code is 1. It needs Debian's `nginx` (`scripts/ensure-system-packages.sh nginx`)
and a store every replica can reach: PostgreSQL for several machines, or one SQLite file
for replicas on the same machine.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as `python deploy/replicas.py`
    sys.path.insert(0, str(ROOT))

from analysis.core.i18n import Lang, as_lang, t  # noqa: E402
from analysis.store.url import ENV_VAR, default_url, hide_password  # noqa: E402
from deploy.serving import (  # noqa: E402
    HEALTH_PATH,
    address,
    start_streamlit,
    stop_processes,
    wait_answering,
)

#: The proxy's configuration, copied into the run folder.
NGINX_CONF = Path(__file__).resolve().parent / "nginx.conf"
#: How long one replica may take to answer `/_stcore/health` (s).
HEALTH_TIMEOUT = 90.0
#: Debian's nginx, where it is installed.
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


@dataclass
class Running:
    """A started child process and what it is, for messages."""

    name: str
    process: subprocess.Popen[bytes]


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Run N dashboard replicas behind nginx with sticky sessions."
    )
    parser.add_argument("--replicas", type=int, default=2, help="how many processes (2)")
    parser.add_argument(
        "--first-port", type=int, default=8501, help="the first replica's port (8501)"
    )
    parser.add_argument(
        "--replica-ports",
        default="",
        help="explicit comma-separated replica ports (instead of --replicas/--first-port)",
    )
    parser.add_argument(
        "--listen", default="127.0.0.1:8080", help="nginx's address (127.0.0.1:8080)"
    )
    parser.add_argument("--run-dir", type=Path, help="folder for nginx's files (a temporary one)")
    parser.add_argument("--nginx", default=NGINX)
    parser.add_argument("--lang", default=os.environ.get("POLES_LANG", "fr"))
    return parser.parse_args(argv)


def command(ports: Sequence[int], listen: int, run_dir: Path, lang: str = "en") -> list[str]:
    """This script's command line for replicas on loopback `ports` behind nginx on loopback
    `listen`, its files in `run_dir` (how the tests and the benchmarks start it)."""
    return [
        sys.executable,
        str(Path(__file__).resolve()),
        "--replica-ports",
        ",".join(map(str, ports)),
        "--listen",
        f"127.0.0.1:{listen}",
        "--run-dir",
        str(run_dir),
        "--lang",
        lang,
    ]


def replica_ports(args: argparse.Namespace) -> list[int]:
    """The replicas' ports, from `--replica-ports` or `--replicas` and `--first-port`."""
    if args.replica_ports.strip():
        return [int(port) for port in args.replica_ports.split(",") if port.strip()]
    return [args.first_port + offset for offset in range(max(args.replicas, 1))]


def write_config(run_dir: Path, listen: str, ports: Sequence[int]) -> Path:
    """Copy `nginx.conf` into `run_dir` beside its generated pieces; return the copy.

    The folder must be readable by nginx's workers (which drop root) and its `tmp/`
    writable by them: it holds nothing secret, only the proxy's buffers and logs.
    """
    for folder in (run_dir, run_dir / "logs", run_dir / "tmp"):
        folder.mkdir(parents=True, exist_ok=True)
    run_dir.chmod(0o755)
    (run_dir / "tmp").chmod(0o1777)
    (run_dir / "listen.conf").write_text(f"listen {listen};\n")
    (run_dir / "replicas.conf").write_text(
        "".join(f"server 127.0.0.1:{port} max_fails=1 fail_timeout=5s;\n" for port in ports)
    )
    config = run_dir / "nginx.conf"
    shutil.copyfile(NGINX_CONF, config)
    return config


def start_replica(port: int, log: Path) -> subprocess.Popen[bytes]:
    """`streamlit run app.py` on loopback `port`, its output in `log`."""
    return start_streamlit("app.py", port, log)


def wait_healthy(children: Sequence[Running], ports: Sequence[int]) -> str | None:
    """Wait until every replica answers; the name of one that died or hung, else None."""
    named = {
        address(port) + HEALTH_PATH: child for port, child in zip(ports, children, strict=True)
    }
    failed = wait_answering(
        {url: child.process for url, child in named.items()}, HEALTH_TIMEOUT, poll=0.2
    )
    return None if failed is None else named[failed].name


def stop_all(children: Sequence[Running]) -> None:
    """Terminate every child still running, killing those that do not stop in time."""
    stop_processes(*(child.process for child in children))


def serve(args: argparse.Namespace, lang: Lang) -> int:
    """Start everything, then wait until a signal or a death; the exit code."""
    if not Path(args.nginx).is_file():
        print(t("deploy.no_nginx", lang, path=args.nginx), file=sys.stderr)
        return 2
    ports = replica_ports(args)
    run_dir = args.run_dir or Path(tempfile.mkdtemp(prefix="poles-replicas-"))
    config = write_config(run_dir, args.listen, ports)
    print(t("deploy.store", lang, url=hide_password(default_url()), var=ENV_VAR), flush=True)
    children = [
        Running(f"replica :{port}", start_replica(port, run_dir / "logs" / f"replica-{port}.log"))
        for port in ports
    ]
    stopping = False

    def _stop(_signum: int, _frame: FrameType | None) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    try:
        failed = wait_healthy(children, ports)
        if failed is not None and not stopping:
            print(t("deploy.failed", lang, name=failed, logs=run_dir / "logs"), file=sys.stderr)
            return 1
        nginx = subprocess.Popen(
            [args.nginx, "-p", str(run_dir), "-c", str(config), "-g", "daemon off;"],
            stdout=subprocess.DEVNULL,
            stderr=(run_dir / "logs" / "nginx.out").open("wb"),
        )
        children.append(Running("nginx", nginx))
        print(
            t("deploy.serving", lang, n=len(ports), listen=args.listen, folder=run_dir),
            flush=True,
        )
        while not stopping:
            dead = next((c for c in children if c.process.poll() is not None), None)
            if dead is not None:
                print(
                    t("deploy.failed", lang, name=dead.name, logs=run_dir / "logs"), file=sys.stderr
                )
                return 1
            time.sleep(0.2)
        return 0
    finally:
        stop_all(children)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: exit code 0 when stopped on purpose, 1 when a process died, 2 unusable."""
    args = parse_args(argv)
    lang = as_lang(args.lang)
    try:
        return serve(args, lang)
    except (OSError, ValueError) as error:
        print(t("deploy.error", lang, message=str(error)), file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
