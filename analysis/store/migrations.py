"""The schema's version and the ordered steps that bring an older database up to date.

A small step list rather than Alembic (one dependency less, and the store has a handful
of tables). The rules:

- a new, empty database is created at the latest version from `tables.metadata`;
- an existing one at version `v` runs `STEPS[v - 1:]` in order, each step in its own
  transaction together with the version bump, so a failed step leaves the database at the
  previous version, untouched;
- a database newer than this code is refused (`StoreTooNew`) rather than misread.

Adding a migration: change `tables.py` (so new databases get the new shape), then append
`Step(2, "what it does", function)` here, where `function(connection)` brings a version 1
database to the same shape with portable DDL (`ALTER TABLE ... ADD COLUMN`, `Table.create`,
`Index.create`). Step `n` in the list produces version `n + 1`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import (
    Column,
    Connection,
    Date,
    DateTime,
    Engine,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    insert,
    inspect,
    select,
    text,
    update,
)
from sqlalchemy.exc import IntegrityError, ProgrammingError

from analysis.store.errors import StoreTooNew
from analysis.store.tables import metadata, schema_version, utcnow
from analysis.store.url import WRITE_OPTION


@dataclass(frozen=True)
class Step:
    """One upgrade: `apply(connection)` turns version `to_version - 1` into `to_version`."""

    to_version: int
    description: str
    apply: Callable[[Connection], None]


def _add_column_mappings(connection: Connection) -> None:
    """Version 2: the `column_mappings` table (manual column mappings remembered).

    The table is spelled out here as version 2 created it, not taken from `tables.py`,
    so that this step keeps producing the same shape if the table changes later.
    """
    Table(
        "column_mappings",
        MetaData(),
        Column("signature", String(64), primary_key=True),
        Column("header", Text, primary_key=True),
        Column("target", Text, nullable=False),
        Column("updated_at", DateTime, nullable=False),
        Column("updated_by", Text, nullable=True),
    ).create(connection, checkfirst=True)


def _add_awards(connection: Connection) -> None:
    """Version 3: the round's `initiatives` and the award's `award_winners` tables.

    Spelled out as version 3 created them; `rounds` and `poles` are reflected so that the
    foreign keys resolve.
    """
    shape = MetaData()
    shape.reflect(connection, only=["rounds", "poles"])
    Table(
        "initiatives",
        shape,
        Column(
            "round_id",
            Integer,
            ForeignKey("rounds.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        Column("position", Integer, primary_key=True, autoincrement=False),
        Column("pole_id", Integer, ForeignKey("poles.id"), nullable=True),
        Column("title", Text),
        Column("category", Text),
        Column("start_date", Date),
        Column("description", Text),
        Column("partner_countries", Text),
        Column("contact", Text),
        Column("submitted_on", Date),
        Column("source_row", Integer),
    ).create(connection, checkfirst=True)
    Table(
        "award_winners",
        shape,
        Column("edition_year", Integer, primary_key=True, autoincrement=False),
        Column("category", String(40), primary_key=True),
        Column("pole", Text, nullable=False),
        Column("initiative_title", Text, nullable=True),
        Column("recorded_at", DateTime, nullable=False),
        Column("recorded_by", Text, nullable=True),
    ).create(connection, checkfirst=True)


def _add_personal_columns(connection: Connection) -> None:
    """Version 4: `files.personal_columns`, the original's columns of personal data (issue 13).

    Originals stored before are left NULL: nobody looked for personal columns then.
    """
    present = {column["name"] for column in inspect(connection).get_columns("files")}
    if "personal_columns" not in present:
        connection.execute(text("ALTER TABLE files ADD COLUMN personal_columns TEXT"))


#: Upgrades in order; `STEPS[0]` takes version 1 to 2.
STEPS: list[Step] = [
    Step(2, "remember manual column mappings (column_mappings table)", _add_column_mappings),
    Step(3, "award initiatives per round and winners per edition", _add_awards),
    Step(
        4,
        "name the original's personal-data columns (files.personal_columns)",
        _add_personal_columns,
    ),
]


def latest_version() -> int:
    """The version this code writes: 1 plus the number of steps."""
    return 1 + len(STEPS)


def read_version(connection: Connection) -> int | None:
    """The database's version, or None when it has no schema yet."""
    if not inspect(connection).has_table(schema_version.name):
        return None
    version = connection.execute(
        select(schema_version.c.version).where(schema_version.c.id == 1)
    ).scalar_one_or_none()
    return int(version) if version is not None else None


def upgrade(engine: Engine, *, attempts: int = 3) -> int:
    """Create or upgrade the schema, returning the version the database is now at.

    Reads the version first without taking the write lock, so opening an up-to-date store
    never waits for a running import. Two processes creating a fresh PostgreSQL database
    at once may clash on `CREATE TABLE`; the loser simply reads the winner's work.
    """
    for attempt in range(attempts):
        try:
            with engine.connect() as connection, connection.begin():
                version = read_version(connection)
            if version is not None and version >= latest_version():
                return _check_not_newer(version)
            return _create_or_step(engine)
        except (IntegrityError, ProgrammingError):
            if attempt == attempts - 1:
                raise
    raise AssertionError("unreachable")  # pragma: no cover


def _check_not_newer(version: int) -> int:
    if version > latest_version():
        raise StoreTooNew(found=version, supported=latest_version())
    return version


def _writer(engine: Engine) -> Connection:
    return engine.connect().execution_options(**{WRITE_OPTION: True})


def _lock_version(connection: Connection) -> int | None:
    """Lock the version row (PostgreSQL; SQLite is already locked) and read it."""
    if not inspect(connection).has_table(schema_version.name):
        return None
    return connection.execute(
        select(schema_version.c.version).where(schema_version.c.id == 1).with_for_update()
    ).scalar_one_or_none()


def _create_or_step(engine: Engine) -> int:
    with _writer(engine) as connection, connection.begin():
        version = _lock_version(connection)
        if version is None:
            metadata.create_all(connection)
            connection.execute(
                insert(schema_version).values(id=1, version=latest_version(), upgraded_at=utcnow())
            )
            return latest_version()
    _check_not_newer(version)
    for step in STEPS[version - 1 :]:
        with _writer(engine) as connection, connection.begin():
            current = _lock_version(connection)
            if current is not None and current >= step.to_version:
                continue  # another process ran it meanwhile
            step.apply(connection)
            connection.execute(
                update(schema_version)
                .where(schema_version.c.id == 1)
                .values(version=step.to_version, upgraded_at=utcnow())
            )
    return latest_version()
