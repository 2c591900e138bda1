"""Where the store lives and how to connect to it.

The default is an embedded SQLite file, `data/survey.db` at the repository root (once
installed, in the user's data folder: `analysis.core.paths`); any
SQLAlchemy URL given explicitly or through `SURVEY_DB_URL` replaces it (PostgreSQL works
by changing the URL alone). SQLite connections get WAL mode (readers never block the
writer), foreign keys, a busy timeout so concurrent writers wait instead of failing, and
SQLAlchemy's documented recipe for taking over `BEGIN` from the sqlite3 driver so that
write transactions start with `BEGIN IMMEDIATE` (no lock upgrade, hence no deadlock).
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url

from analysis.core.paths import default_store_path

#: The environment variable that points every tool at another database.
ENV_VAR = "SURVEY_DB_URL"
#: The embedded default.
DEFAULT_PATH = default_store_path()
#: How long a writer waits for another one before giving up with `StoreBusy`.
BUSY_TIMEOUT_SECONDS = 30.0
#: Execution option marking a connection whose transactions write.
WRITE_OPTION = "survey_store_write"
#: PostgreSQL drivers built on libpq, which accept server options at connect time.
_LIBPQ_DRIVERS = frozenset({"psycopg2", "psycopg", "psycopg2cffi"})


def default_url() -> str:
    """`SURVEY_DB_URL` when set, else the default SQLite file (`DEFAULT_PATH`)."""
    from_env = os.environ.get(ENV_VAR, "").strip()
    return from_env or f"sqlite:///{DEFAULT_PATH}"


def resolve_url(url: str | None) -> URL:
    """The URL to use: the given one, else `default_url()`."""
    return make_url(url.strip() if url and url.strip() else default_url())


_CREDENTIALS = re.compile(r"(?P<scheme>[a-z0-9+_.-]+://[^/:@\s]*):[^@\s]*@", re.IGNORECASE)


def hide_password(text: str) -> str:
    """`text` with the password of any URL in it shown as `***`.

    For messages: a store URL that cannot even be parsed, or a driver's error quoting it,
    must not put the database password on every visitor's screen.
    """
    return _CREDENTIALS.sub(lambda match: f"{match['scheme']}:***@", text)


def is_sqlite(url: URL) -> bool:
    """Whether the URL names the SQLite backend (any driver)."""
    return url.get_backend_name() == "sqlite"


def sqlite_path(url: URL) -> Path | None:
    """The database file of a SQLite URL, or None for memory databases and other backends."""
    if not is_sqlite(url) or url.database in (None, "", ":memory:"):
        return None
    return Path(url.database)


def make_engine(url: URL, busy_timeout: float = BUSY_TIMEOUT_SECONDS) -> Engine:
    """An engine for `url`, with the SQLite settings above when it is SQLite."""
    if not is_sqlite(url):
        connect_args: dict[str, Any] = {}
        if url.get_backend_name() == "postgresql" and url.get_driver_name() in _LIBPQ_DRIVERS:
            # Writers queue on a row lock; give up after the same delay as SQLite.
            connect_args["options"] = f"-c lock_timeout={int(busy_timeout * 1000)}"
        return create_engine(url, pool_pre_ping=True, connect_args=connect_args)
    path = sqlite_path(url)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": busy_timeout})
    _configure_sqlite(engine, busy_timeout)
    return engine


def _configure_sqlite(engine: Engine, busy_timeout: float) -> None:
    """Pragmas on every new connection and our own BEGIN (SQLAlchemy's pysqlite recipe)."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # The driver must not emit BEGIN itself: we do it in `_on_begin`.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
            cursor.execute("PRAGMA foreign_keys = ON")
            if sqlite_path(engine.url) is not None:
                cursor.execute("PRAGMA journal_mode = WAL")
                # Safe with WAL: a crash may lose the last commit's durability on power
                # loss only, never the database's integrity.
                cursor.execute("PRAGMA synchronous = NORMAL")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        # A write transaction takes the write lock at once (waiting up to busy_timeout),
        # so two writers never both read then both try to upgrade and deadlock.
        writing = connection.get_execution_options().get(WRITE_OPTION, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")
