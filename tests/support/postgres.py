"""A throw-away PostgreSQL server for the test session, and a fresh database per test.

The store must behave the same on SQLite and on PostgreSQL, so the store, CLI and migration
tests run on both (`tests/support/store_fixtures.py`). Rather than asking developers and CI
for a running server, the session starts its own from Debian's binaries: `initdb` in a
temporary folder, a free loopback port, a Unix socket inside that folder, durability
switched off (nothing here must survive a crash), stopped and deleted at the end.

`initdb` refuses to run as root, so as root the server runs as the `postgres` user that
Debian's package creates (`runuser`); as anyone else it runs as that user. A fresh database
per test is `CREATE DATABASE` from the empty `template0` (a few tens of milliseconds),
dropped with `FORCE` afterwards so that an engine a test forgot to dispose cannot keep it.
"""

from __future__ import annotations

import itertools
import os
import pwd
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from deploy.serving import free_port

#: Where Debian installs each major version's server binaries.
DEBIAN_ROOT = Path("/usr/lib/postgresql")
#: The server's superuser; `initdb -A trust` lets it in without a password on loopback.
SUPERUSER = "postgres"
#: Settings of a server whose data is thrown away: no fsync, no waiting for the disk.
FAST_SETTINGS = ("fsync=off", "synchronous_commit=off", "full_page_writes=off")
#: How long `pg_ctl` may take to start or stop the server (s).
START_TIMEOUT = 60


def find_binaries() -> Path | None:
    """The folder holding `initdb`, `pg_ctl` and `postgres`, or None when not installed.

    Debian keeps them in `/usr/lib/postgresql/<major>/bin` (the newest major wins), outside
    the PATH; an `initdb` on the PATH (another distribution, a developer's build) also works.
    """
    majors = sorted(
        (p for p in DEBIAN_ROOT.glob("*/bin") if (p / "initdb").is_file()),
        key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0,
    )
    if majors:
        return majors[-1]
    on_path = shutil.which("initdb")
    if on_path and shutil.which("pg_ctl"):
        return Path(on_path).resolve().parent
    return None


def missing_reason() -> str | None:
    """Why the throw-away server cannot be started here, or None when it can."""
    if find_binaries() is None:
        return (
            "PostgreSQL is not installed (no initdb/pg_ctl): "
            "`scripts/ensure-system-packages.sh postgresql` installs Debian's"
        )
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "the PostgreSQL driver is missing: pip install -r requirements.txt"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam(SUPERUSER)
        except KeyError:
            return f"running as root, and there is no `{SUPERUSER}` user to run initdb as"
    return None


@dataclass
class PostgresServer:
    """A running throw-away server on `127.0.0.1:port`, its files under `folder`."""

    binaries: Path
    folder: Path
    port: int
    _names: itertools.count[int] = field(default_factory=itertools.count)

    @property
    def data(self) -> Path:
        """The cluster's data directory."""
        return self.folder / "data"

    def url(self, database: str = "postgres") -> str:
        """The SQLAlchemy URL of `database` on this server (psycopg 3 driver)."""
        return f"postgresql+psycopg://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def _admin(self, statement: str) -> None:
        import psycopg

        with psycopg.connect(
            host="127.0.0.1", port=self.port, user=SUPERUSER, dbname="postgres", autocommit=True
        ) as connection:
            connection.execute(statement)  # type: ignore[arg-type]

    def create_database(self) -> str:
        """A new empty database; returns its name."""
        name = f"test_{os.getpid()}_{next(self._names)}"
        self._admin(f'CREATE DATABASE "{name}" TEMPLATE template0')
        return name

    def drop_database(self, name: str) -> None:
        """Drop `name`, closing any connection still open on it."""
        self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def log(self) -> str:
        """The server's log so far (for failure messages)."""
        path = self.folder / "log"
        return path.read_text(errors="replace") if path.exists() else ""

    def stop(self) -> None:
        """Stop the server at once and delete its files."""
        try:
            _run_as_owner(
                [str(self.binaries / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop"],
                check=False,
            )
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)


def _run_as_owner(command: list[str], *, check: bool = True) -> subprocess.CompletedProcess[str]:
    """Run a server command as `postgres` when we are root (initdb refuses root)."""
    if os.geteuid() == 0:
        command = ["runuser", "-u", SUPERUSER, "--", *command]
    return subprocess.run(
        command, check=check, capture_output=True, text=True, timeout=START_TIMEOUT
    )


def start_server(attempts: int = 3) -> PostgresServer:
    """initdb a temporary cluster and start it on a free loopback port.

    The folder is made under the system's temporary directory rather than pytest's (whose
    folders are private to root, so the `postgres` user could not reach its data). A port
    taken between choosing and binding it is retried with another one.
    """
    binaries = find_binaries()
    if binaries is None:
        raise RuntimeError(missing_reason() or "PostgreSQL is not installed")
    folder = Path(tempfile.mkdtemp(prefix="poles-test-pg-"))
    try:
        if os.geteuid() == 0:
            owner = pwd.getpwnam(SUPERUSER)
            os.chown(folder, owner.pw_uid, owner.pw_gid)
        data = folder / "data"
        _run_as_owner(
            [
                str(binaries / "initdb"),
                "-D",
                str(data),
                "-A",
                "trust",
                "-U",
                SUPERUSER,
                "-E",
                "UTF8",
                "--locale",
                "C",
                "--no-sync",
            ]
        )
        last = ""
        for _ in range(attempts):
            port = free_port()
            options = " ".join(
                [
                    f"-p {port}",
                    f"-k {folder}",
                    "-c listen_addresses=127.0.0.1",
                    *(f"-c {setting}" for setting in FAST_SETTINGS),
                ]
            )
            started = _run_as_owner(
                [
                    str(binaries / "pg_ctl"),
                    "-D",
                    str(data),
                    "-o",
                    options,
                    "-l",
                    str(folder / "log"),
                    "-w",
                    "-t",
                    str(START_TIMEOUT),
                    "start",
                ],
                check=False,
            )
            if started.returncode == 0:
                return PostgresServer(binaries=binaries, folder=folder, port=port)
            last = started.stdout + started.stderr
        log = (folder / "log").read_text(errors="replace") if (folder / "log").exists() else ""
        raise RuntimeError(f"PostgreSQL did not start:\n{last}\n{log}")
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
