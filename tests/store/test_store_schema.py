"""The schema: portable types, a version, ordered upgrades, and SQLite's settings."""

from __future__ import annotations

import ast
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    inspect,
    text,
)

from analysis.core.model import EXTRAS_COLUMNS, PROJECTS_COLUMNS, RESPONSES_COLUMNS, YEARLY_COLUMNS
from analysis.store import StoreTooNew, StoreUnavailable, SurveyStore, default_url, migrations
from analysis.store.tables import FRAME_TABLES, metadata, schema_version
from analysis.store.url import DEFAULT_PATH, ENV_VAR
from tests.support import store_fixtures
from tests.support.store_fixtures import assert_same_round, build_round, stand_in

# the store fixtures, shared by every store test module
sqlite_url = store_fixtures.sqlite_url
store = store_fixtures.store
store_url = store_fixtures.store_url

PORTABLE = (Integer, String, Text, Boolean, Date, DateTime, Float, LargeBinary)
STORE_CODE = Path(__file__).resolve().parents[2] / "analysis" / "store"


def test_every_column_uses_a_portable_type() -> None:
    odd = [
        f"{table.name}.{column.name}: {column.type!r}"
        for table in metadata.sorted_tables
        for column in table.columns
        if type(column.type) not in PORTABLE
    ]
    assert not odd


def _code_strings(path: Path) -> list[str]:
    """String literals of a module, docstrings excluded (they may name SQLite freely)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    ]


def test_no_sqlite_only_sql_outside_the_connection_setup() -> None:
    """Only `url.py` may speak SQLite's dialect (pragmas, BEGIN IMMEDIATE), and only for it."""
    words = ("PRAGMA", "BEGIN", "INSERT OR", "AUTOINCREMENT", "sqlite_master", "ON CONFLICT")
    offenders = [
        f"{path.name}: {literal!r}"
        for path in STORE_CODE.glob("*.py")
        if path.name != "url.py"
        for literal in _code_strings(path)
        if any(word in literal.upper() for word in words)
    ]
    assert not offenders
    assert any("PRAGMA" in literal for literal in _code_strings(STORE_CODE / "url.py"))


@pytest.mark.parametrize(
    ("frame", "columns"),
    [
        ("responses", RESPONSES_COLUMNS),
        ("yearly", YEARLY_COLUMNS),
        ("projects", PROJECTS_COLUMNS),
        ("extras", EXTRAS_COLUMNS),
    ],
)
def test_tables_hold_every_column_of_the_model(frame: str, columns: dict[str, str]) -> None:
    """A new question in the model must get a column (and a migration step) here."""
    table, mapping = FRAME_TABLES[frame]
    assert set(mapping) | {"pole"} == set(columns)
    assert set(mapping.values()) <= set(table.columns.keys())


def test_a_new_store_is_at_the_latest_version(store: SurveyStore, store_url: str) -> None:
    assert store.schema_version() == migrations.latest_version() == 1 + len(migrations.STEPS)
    engine = create_engine(store_url)
    names = set(inspect(engine).get_table_names())
    engine.dispose()
    assert set(metadata.tables) <= names


def test_sqlite_runs_in_wal_mode_with_foreign_keys(sqlite_url: str) -> None:
    store = SurveyStore(sqlite_url)
    with store.reading() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30_000
    store.close()


def test_default_url_comes_from_the_environment_or_data_folder(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(ENV_VAR, raising=False)
    assert default_url() == f"sqlite:///{DEFAULT_PATH}"
    assert DEFAULT_PATH.parent.name == "data"
    monkeypatch.setenv(ENV_VAR, "postgresql://u:p@db/survey")
    assert default_url() == "postgresql://u:p@db/survey"


def test_store_without_url_uses_the_environment_variable(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    target = tmp_path / "nested" / "folder" / "survey.db"
    monkeypatch.setenv(ENV_VAR, f"sqlite:///{target}")
    with SurveyStore() as store:
        store.import_round(stand_in(build_round("2023")))
    assert target.is_file()  # the parent folders were created
    with SurveyStore(f"sqlite:///{target}") as again:
        assert again.labels() == ["2023"]


def test_a_bad_url_is_one_clear_error() -> None:
    with pytest.raises(StoreUnavailable) as caught:
        SurveyStore("nonsense://what")
    assert caught.value.message("en").startswith("The store nonsense://what cannot be opened")


def test_a_file_that_is_not_a_database_is_one_clear_error(tmp_path: Path) -> None:
    impostor = tmp_path / "survey.db"
    impostor.write_bytes(b"this is a text file, not a SQLite database" * 100)
    with pytest.raises(StoreUnavailable) as caught:
        SurveyStore(f"sqlite:///{impostor}")
    message = caught.value.message("en")
    assert "cannot be opened" in message
    assert "not a database" in message


def _add_note_column(connection) -> None:  # type: ignore[no-untyped-def]
    connection.execute(text("ALTER TABLE rounds ADD COLUMN note TEXT"))
    connection.execute(text("UPDATE rounds SET note = 'migrated'"))


def test_a_version_1_database_is_upgraded_in_order_keeping_its_data(
    store_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    survey = build_round("2023", project_rows=10)
    monkeypatch.setattr(migrations, "STEPS", [])  # a store written when version 1 was latest
    with SurveyStore(store_url) as v1:
        v1.import_round(stand_in(survey))
    applied: list[int] = []

    def step_three(connection) -> None:  # type: ignore[no-untyped-def]
        applied.append(3)
        connection.execute(text("CREATE TABLE extra_things (id INTEGER PRIMARY KEY)"))

    def step_two(connection) -> None:  # type: ignore[no-untyped-def]
        applied.append(2)
        _add_note_column(connection)

    monkeypatch.setattr(
        migrations,
        "STEPS",
        [migrations.Step(2, "note", step_two), migrations.Step(3, "things", step_three)],
    )
    with SurveyStore(store_url) as upgraded:
        assert upgraded.schema_version() == 3
        assert_same_round(upgraded.load_round("2023"), survey)
        with upgraded.reading() as connection:
            assert connection.execute(text("SELECT note FROM rounds")).scalar() == "migrated"
    assert applied == [2, 3]
    with SurveyStore(store_url) as reopened:  # nothing runs twice
        assert reopened.schema_version() == 3
    assert applied == [2, 3]


def test_a_failing_step_leaves_the_database_at_the_previous_version(
    store_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    survey = build_round("2023")
    monkeypatch.setattr(migrations, "STEPS", [])  # a store written when version 1 was latest
    with SurveyStore(store_url) as v1:
        v1.import_round(stand_in(survey))

    def broken(connection) -> None:  # type: ignore[no-untyped-def]
        _add_note_column(connection)
        raise RuntimeError("bug in the migration")

    monkeypatch.setattr(migrations, "STEPS", [migrations.Step(2, "broken", broken)])
    with pytest.raises(RuntimeError):
        SurveyStore(store_url)
    monkeypatch.setattr(migrations, "STEPS", [])
    with SurveyStore(store_url) as still_v1:
        assert still_v1.schema_version() == 1
        assert_same_round(still_v1.load_round("2023"), survey)
        with still_v1.reading() as connection:
            columns = [c["name"] for c in inspect(connection).get_columns("rounds")]
        assert "note" not in columns


def test_a_newer_database_is_refused(store: SurveyStore, store_url: str) -> None:
    with store.writing() as connection:
        connection.execute(schema_version.update().values(version=99))
    with pytest.raises(StoreTooNew) as caught:
        SurveyStore(store_url)
    assert "99" in caught.value.message("en")


def test_unknown_extra_tables_do_not_disturb_the_store(store_url: str) -> None:
    other = MetaData()
    Table("someone_elses", other, Column("id", Integer, primary_key=True))
    engine = create_engine(store_url)
    other.create_all(engine)
    with SurveyStore(store_url) as store:
        assert store.schema_version() == migrations.latest_version() and store.labels() == []
    other.drop_all(engine)
    engine.dispose()


def test_the_documented_online_backup_gives_a_working_copy(sqlite_url: str, tmp_path: Path) -> None:
    """docs/STORE.md: `source.backup(target)` is consistent even while a writer is busy."""
    survey = build_round("2023", project_rows=500)
    store = SurveyStore(sqlite_url)
    store.import_round(stand_in(survey))
    copy = tmp_path / "backup.db"
    with store.writing() as connection:  # an import in progress, not yet committed
        connection.execute(schema_version.update().values(version=1))
        source = sqlite3.connect(sqlite_url.removeprefix("sqlite:///"))
        target = sqlite3.connect(copy)
        source.backup(target)
        target.close()
        source.close()
    store.close()
    with SurveyStore(f"sqlite:///{copy}") as restored:
        assert restored.labels() == ["2023"]
        assert_same_round(restored.load_round("2023"), survey)
