"""Fixtures and builders for the store tests (imported by `tests/store/`, `tests/cli/`...).

Every test that takes `store_url` (or `store`) runs twice, once per backend, on an empty
database of its own: a temporary SQLite file, and a fresh database on the session's
throw-away PostgreSQL server (`tests/support/postgres.py`), or, when `SURVEY_TEST_DB_URL`
names one, that database, emptied before and after each test. The PostgreSQL runs carry
the `postgres` mark (`-m "not postgres"` leaves them out). See `docs/STORE.md`, "Running the
tests against PostgreSQL".
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from sqlalchemy import create_engine, inspect, make_url, select, text

from analysis.core.model import RoundInfo, SourceFile, SurveyRound
from analysis.ingest.report import Problem, Report, Severity
from analysis.store import SurveyStore
from analysis.store.tables import metadata
from analysis.store.url import is_sqlite
from tests.support.postgres import PostgresServer

#: Environment variable pointing the store tests at another database (emptied per test).
TEST_URL_VAR = "SURVEY_TEST_DB_URL"
REPO_ROOT = Path(__file__).resolve().parents[2]

POLE_NAMES: tuple[str, ...] = (
    "Aerospace Valley",
    "Cap Digital",
    "Minalogic",
    "Systematic Paris-Region",
    "Vitagora",
    "Axelera",
    "Pôle Mer Bretagne Atlantique",
    "Images & Réseaux",
)
PROGRAMMES: tuple[str, ...] = ("Horizon Europe", "Interreg", "LIFE", "Digital Europe")


def external_url() -> str | None:
    """The database named by `SURVEY_TEST_DB_URL`, or None to use temporary SQLite files."""
    return os.environ.get(TEST_URL_VAR, "").strip() or None


def uses_sqlite(url: str) -> bool:
    """Whether `url` is a SQLite URL."""
    return is_sqlite(make_url(url))


def empty_database(url: str) -> None:
    """Drop every store table (and anything else left in it) from the database at `url`."""
    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            metadata.drop_all(connection)
            for name in inspect(connection).get_table_names():
                connection.execute(text(f'DROP TABLE IF EXISTS "{name}" CASCADE'))
    finally:
        engine.dispose()


#: The backends every store test runs on.
BACKENDS = ("sqlite", pytest.param("postgresql", marks=pytest.mark.postgres))


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL to an empty database of the parameter's backend, gone or emptied afterwards."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'survey.db'}"
        return
    url = external_url()
    if url is not None:
        empty_database(url)
        yield url
        empty_database(url)
        return
    yield from _fresh_postgres_database(request)


@pytest.fixture
def other_store_url(
    store_url: str, request: pytest.FixtureRequest, tmp_path: Path
) -> Iterator[str]:
    """A second empty database on `store_url`'s backend, to compare two stores' shapes."""
    if uses_sqlite(store_url):
        yield f"sqlite:///{tmp_path / 'other.db'}"
        return
    if external_url() is not None:
        pytest.skip(f"{TEST_URL_VAR} names one database; this test needs a second one")
    yield from _fresh_postgres_database(request)


def _fresh_postgres_database(request: pytest.FixtureRequest) -> Iterator[str]:
    server: PostgresServer = request.getfixturevalue("postgres_server")
    name = server.create_database()
    try:
        yield server.url(name)
    finally:
        server.drop_database(name)


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """A temporary SQLite file, for tests about SQLite itself (WAL, integrity_check)."""
    return f"sqlite:///{tmp_path / 'survey.db'}"


@pytest.fixture
def store(store_url: str) -> Iterator[SurveyStore]:
    """An open store on an empty database."""
    opened = SurveyStore(store_url)
    yield opened
    opened.close()


def build_round(
    label: str,
    *,
    poles: int = 5,
    years: tuple[int, ...] = (2019, 2020, 2021),
    project_rows: int = 0,
    seed: int = 0,
    synthetic: bool = False,
) -> SurveyRound:
    """A deterministic round with blanks in every kind of column, extras and projects."""
    rng = np.random.default_rng(seed)
    names = [
        POLE_NAMES[i % len(POLE_NAMES)] + ("" if i < len(POLE_NAMES) else f" {i}")
        for i in range(poles)
    ]
    count = rng.integers(0, 20, poles).astype(object)
    count[0] = None  # a blank count
    fte = rng.integers(0, 40, poles) / 4
    responses = pd.DataFrame(
        {
            "pole": names,
            "region": ["Occitanie", None, *["Île-de-France"] * (poles - 2)][:poles],
            "sector": ["Digital"] * poles,
            "europe_team_recruitments": pd.array(count, dtype="Int64"),
            "coordinator_members": pd.array(rng.integers(0, 9, poles), dtype="Int64"),
            "plans_to_recruit": pd.array(
                [True, None, *([False] * (poles - 2))][:poles], dtype="boolean"
            ),
            "europe_team_fte": pd.array([None, *fte[1:]], dtype="Float64"),
            "members": pd.array(rng.integers(10, 500, poles), dtype="Int64"),
            "source_row": range(3, poles + 3),
        }
    )
    yearly = pd.DataFrame(
        [
            {
                "pole": name,
                "year": year,
                "projects_submitted": int(rng.integers(0, 30)),
                "projects_funded": pd.NA if (i + year) % 4 == 0 else int(rng.integers(0, 5)),
            }
            for i, name in enumerate(names)
            for year in years
        ]
    )
    projects = None
    if project_rows:
        projects = pd.DataFrame(
            {
                "pole": rng.choice(names, project_rows),
                "year": rng.choice(list(years), project_rows),
                "programme": rng.choice(PROGRAMMES, project_rows),
                "submitted": 1,
                "funded": pd.array(rng.integers(0, 2, project_rows), dtype="Int64"),
                "role": rng.choice(["coordinator", "partner"], project_rows),
                "title": [f"PRJ-{seed}-{i}" for i in range(project_rows)],
                "source_row": np.arange(project_rows) + 2,
            }
        )
    extras = pd.DataFrame(
        {"pole": names[:2], "column": ["Commentaire", "Commentaire"], "value": ["RAS", None]}
    )
    info = RoundInfo(
        label=label,
        period_start=min(years),
        period_end=max(years),
        poles_surveyed=poles + 10,
        collected_on=date(2023, 3, 31),
        synthetic=synthetic,
    )
    return SurveyRound.build(info, responses, yearly, projects, extras)


@dataclass(frozen=True)
class StandInResult:
    """Same shape as `analysis.ingest.pipeline.IngestResult`, for tests that need no spreadsheet."""

    source: SourceFile
    report: Report
    survey: SurveyRound | None
    info: RoundInfo
    mapping: Any = None
    sheet: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    #: Rows left out by hand (`analysis.ingest.exclusions.ExcludedRow`), none by default.
    excluded: tuple[Any, ...] = ()


def stand_in(
    survey: SurveyRound | None,
    *,
    content: bytes | None = None,
    name: str = "survey.xlsx",
    problems: tuple[Problem, ...] = (),
    unreadable: bool = False,
) -> StandInResult:
    """An ingest-like result for `survey`; the file bytes default to something unique."""
    label = survey.info.label if survey is not None else ""
    body = content if content is not None else f"file of {label}".encode()
    info = survey.info if survey is not None else RoundInfo(label="")
    return StandInResult(SourceFile(name, body), Report(problems, unreadable), survey, info)


def warning(code: str = "unknown_pole", row: int = 5) -> Problem:
    """A validation warning located on a cell."""
    return Problem(
        Severity.WARNING,
        code,
        sheet="Réponses",
        row=row,
        column="A",
        header="Pôle",
        value="Pôle inconnu",
        params={"suggestions": "Minalogic"},
    )


def error(code: str = "negative_count") -> Problem:
    """A blocking validation error."""
    return Problem(Severity.ERROR, code, sheet="Réponses", row=4, column="D", value="-3")


def dump(url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, sorted: two equal dumps mean an unchanged database."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            tables = sorted(inspect(connection).get_table_names())
            out = {}
            for name in tables:
                table = metadata.tables.get(name)
                if table is None:
                    continue
                rows = connection.execute(select(table)).all()
                out[name] = sorted((tuple(row) for row in rows), key=repr)
            return out
    finally:
        engine.dispose()


def assert_same_round(actual: SurveyRound, expected: SurveyRound) -> None:
    """Equal metadata and equal frames, dtypes and missing values included."""
    assert actual.info == expected.info
    for name in ("responses", "yearly", "projects", "extras"):
        pd.testing.assert_frame_equal(getattr(actual, name), getattr(expected, name), obj=name)
