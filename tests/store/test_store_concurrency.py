"""Real separate processes against one database: concurrent imports, a kill mid-import,
a lock held too long, and two first starts seeding at once.

Processes are started with the `spawn` method (a fresh interpreter each, as two users
running the CLI would be). Nothing here depends on timing: processes meet at barriers,
and the killed importer announces that it is inside its transaction before it is killed.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, func, select

from analysis.store import StoreBusy, SurveyStore, ensure_seeded, migrations, tables
from tests.support import store_fixtures
from tests.support.store_fixtures import assert_same_round, build_round, stand_in

# the store fixtures, shared by every store test module
store_url = store_fixtures.store_url
sqlite_url = store_fixtures.sqlite_url

SPAWN = mp.get_context("spawn")
#: Generous bound on how long a child may take to start and do its work (never reached).
PATIENCE = 240


#: How often a writer told "busy" tries again, as the message asks a person to.
RETRIES = 3


def _import_worker(url: str, label: str, seed: int, barrier: Any, results: Any) -> None:
    """Open the store and import one round, starting at the same moment as the others.

    A writer that waited past the busy timeout (a loaded machine) gets the retryable
    message and tries again, as a person would; the messages it got are reported.
    """
    survey = build_round(label, seed=seed, project_rows=20_000)
    barrier.wait(PATIENCE)  # every process opens and imports at once
    told: list[str] = []
    try:
        for _attempt in range(RETRIES + 1):
            try:
                with SurveyStore(url) as store:
                    outcome = store.import_round(stand_in(survey))
            except StoreBusy as busy:
                told.append(busy.message("en"))
                continue
            results.put((label, "ok", outcome.project_rows, told))
            return
        results.put((label, "busy", None, told))
    except Exception as exc:  # reported to the parent, which fails the test with it
        results.put((label, "error", repr(exc), told))


@pytest.mark.slow
def test_four_processes_importing_at_once_all_succeed(store_url: str) -> None:
    labels = ["north", "south", "east", "west"]
    barrier = SPAWN.Barrier(len(labels))
    results = SPAWN.Queue()
    workers = [
        SPAWN.Process(target=_import_worker, args=(store_url, label, seed, barrier, results))
        for seed, label in enumerate(labels)
    ]
    for worker in workers:
        worker.start()
    outcomes = [results.get(timeout=PATIENCE) for _ in workers]
    for worker in workers:
        worker.join(PATIENCE)
    # every writer got through, at worst after being told to try again in clear words
    assert all(status == "ok" for _, status, _, _ in outcomes), outcomes
    for _, _, _, told in outcomes:
        assert all("is busy with another import; try again in a moment" in m for m in told)
    with SurveyStore(store_url) as store:
        assert sorted(store.labels()) == sorted(labels)
        for seed, label in enumerate(labels):
            expected = build_round(label, seed=seed, project_rows=20_000)
            assert_same_round(store.load_round(label), expected)
        assert [e.action for e in store.audit_log()] == ["import"] * 4
        # four processes created the schema once, at the latest version
        assert store.schema_version() == migrations.latest_version()


def _killed_importer(url: str, inside: Any) -> None:
    """Import a large round and stop, transaction open, after its last project rows."""
    survey = build_round("big", seed=9, project_rows=200_000)
    store = SurveyStore(url)
    batches = {"projects": 0}

    @event.listens_for(store.engine, "after_cursor_execute")
    def _pause(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement.startswith("INSERT INTO projects"):
            batches["projects"] += 1
            if batches["projects"] == 10:  # 10 x 20,000 rows: all of them, uncommitted
                inside.set()
                signal.pause()  # wait here until killed

    store.import_round(stand_in(survey))


@pytest.mark.slow
def test_a_process_killed_mid_import_leaves_an_intact_store(sqlite_url: str) -> None:
    before = build_round("before", seed=1, project_rows=100)
    with SurveyStore(sqlite_url) as store:
        store.import_round(stand_in(before))
    inside = SPAWN.Event()
    importer = SPAWN.Process(target=_killed_importer, args=(sqlite_url, inside))
    importer.start()
    assert inside.wait(PATIENCE), "the importer never reached its last insert"
    path = Path(sqlite_url.removeprefix("sqlite:///"))
    wal = path.with_name(path.name + "-wal")
    # the uncommitted rows had spilled to disk when the process died
    assert wal.stat().st_size > 5_000_000
    os.kill(importer.pid, signal.SIGKILL)  # type: ignore[arg-type]
    importer.join(PATIENCE)
    assert importer.exitcode == -signal.SIGKILL

    raw = sqlite3.connect(path)
    try:
        assert raw.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert raw.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        raw.close()
    with SurveyStore(sqlite_url) as store:
        assert store.labels() == ["before"]
        assert_same_round(store.load_round("before"), before)
        with store.reading() as connection:
            orphans = connection.execute(
                select(func.count())
                .select_from(tables.projects)
                .where(tables.projects.c.round_id.not_in(select(tables.rounds.c.id)))
            ).scalar_one()
            files = connection.execute(select(func.count()).select_from(tables.files)).scalar_one()
        assert (orphans, files) == (0, 1)
        assert [e.action for e in store.audit_log()] == ["import"]
        # and the store is still usable
        store.import_round(stand_in(build_round("after", seed=2)))
        assert store.labels() == ["before", "after"]


def test_a_writer_that_cannot_get_the_lock_gets_a_retryable_message(sqlite_url: str) -> None:
    holder = SurveyStore(sqlite_url)
    impatient = SurveyStore(sqlite_url, busy_timeout=0.2)
    with holder.writing():  # another writer holds the lock
        with pytest.raises(StoreBusy) as caught:
            impatient.import_round(stand_in(build_round("2023")))
        assert "try again" in caught.value.message("en")
        assert "réessayez" in caught.value.message("fr")
        assert impatient.labels() == []  # readers are not blocked by the writer
    outcome = impatient.import_round(stand_in(build_round("2023")))  # retrying works
    assert outcome.label == "2023"
    holder.close()
    impatient.close()


class _Source:
    """A picklable seed source that makes both processes meet before seeding."""

    def __init__(self, barrier: Any) -> None:
        self.barrier = barrier

    def __call__(self) -> Any:
        self.barrier.wait(PATIENCE)  # both processes saw an empty store before either writes
        return stand_in(build_round("sample", seed=4), name="phase4_survey_sample.xlsx")


def _seeder(url: str, barrier: Any, results: Any) -> None:
    with SurveyStore(url) as store:
        outcome = ensure_seeded(store, _Source(barrier))
    results.put(outcome.label if outcome else None)


@pytest.mark.slow
def test_two_first_starts_at_once_seed_once(store_url: str) -> None:
    SurveyStore(store_url).close()  # the schema exists; both processes find it empty
    barrier = SPAWN.Barrier(2)
    results = SPAWN.Queue()
    seeders = [SPAWN.Process(target=_seeder, args=(store_url, barrier, results)) for _ in range(2)]
    for seeder in seeders:
        seeder.start()
    outcomes = sorted([results.get(timeout=PATIENCE) for _ in seeders], key=str)
    for seeder in seeders:
        seeder.join(PATIENCE)
    assert outcomes == ["2023", None]
    with SurveyStore(store_url) as store:
        assert store.labels() == ["2023"]
        assert [e.action for e in store.audit_log()] == ["seed"]
        assert store.load_round("2023").info.synthetic is True
