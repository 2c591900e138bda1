"""The award in the store: initiatives kept with their round, winners per edition, and the
migration that brings a version-1 database up through every step."""

from __future__ import annotations

import pandas as pd
import pytest
from sqlalchemy import create_engine, func, insert, inspect, select

from analysis.core.model import INITIATIVES_COLUMNS, conform
from analysis.store import SurveyStore, migrations
from analysis.store.tables import award_winners, initiatives, metadata, schema_version, utcnow
from tests.support import store_fixtures
from tests.support.store_fixtures import assert_same_round, build_round, stand_in

store = store_fixtures.store
store_url = store_fixtures.store_url
other_store_url = store_fixtures.other_store_url

#: The tables of the version-1 schema (before any migration step).
V1_TABLES: tuple[str, ...] = (
    "schema_version",
    "files",
    "rounds",
    "poles",
    "responses",
    "yearly",
    "projects",
    "extras",
    "round_warnings",
    "audit",
)


def with_initiatives(label: str, seed: int = 0) -> object:
    """A store test round carrying three applications (one pole outside the round)."""
    survey = build_round(label, seed=seed)
    frame = pd.DataFrame(
        {
            "pole": ["Aerospace Valley", "Cap Digital", "PICOM"],
            "title": [f"Living labs {seed}", None, "Retail"],
            "category": ["collaborative", "impact", "success_story"],
            "start_date": pd.to_datetime(["2022-03-01", None, "2020-02-29"]),
            "description": ["Des labs", None, "=cmd"],
            "partner_countries": ["Allemagne", None, None],
            "contact": [None, "c@x.example", None],
            "submitted_on": pd.to_datetime(["2023-09-15", None, None]),
            "source_row": [3, 4, 5],
        }
    )
    return survey.with_frames(initiatives=conform(frame, INITIATIVES_COLUMNS))


def test_initiatives_are_stored_and_read_back_with_their_round(store: SurveyStore) -> None:
    survey = with_initiatives("2023")
    store.import_round(stand_in(survey))  # type: ignore[arg-type]
    loaded = store.load_round("2023")
    assert_same_round(loaded, survey)  # type: ignore[arg-type]
    pd.testing.assert_frame_equal(loaded.initiatives, survey.initiatives)  # type: ignore[attr-defined]
    assert loaded.initiatives["start_date"].dtype == "datetime64[us]"


def test_a_replaced_version_keeps_its_initiatives_and_delete_removes_them(
    store: SurveyStore,
) -> None:
    first, second = with_initiatives("2023", seed=1), with_initiatives("2023", seed=2)
    store.import_round(stand_in(first))  # type: ignore[arg-type]
    store.import_round(stand_in(second, content=b"second"), replace=True)  # type: ignore[arg-type]
    old, current = store.round_versions("2023")
    assert current.current and not old.current
    assert store.load_version(old.version_id).initiatives["title"].iloc[0] == "Living labs 1"
    assert store.load_round("2023").initiatives["title"].iloc[0] == "Living labs 2"
    store.record_winner(2023, "impact", "Cap Digital", None, actor="jury")
    store.delete_round("2023")
    with store.reading() as connection:
        assert connection.execute(select(func.count()).select_from(initiatives)).scalar() == 0
    assert [w.pole for w in store.winners()] == ["Cap Digital"]  # winners outlive rounds


def test_a_round_without_initiatives_loads_an_empty_typed_frame(store: SurveyStore) -> None:
    store.import_round(stand_in(build_round("2022")))
    loaded = store.load_round("2022").initiatives
    assert loaded.empty
    assert dict(loaded.dtypes.astype(str)) == INITIATIVES_COLUMNS


def test_winners_are_recorded_replaced_listed_and_removed(store: SurveyStore) -> None:
    before = store.revision()
    store.record_winner(2023, "impact", "Minalogic", "Guichet", actor="alice")
    store.record_winner(2023, "collaborative", "Aerospace Valley", "  Labs ", actor="alice")
    store.record_winner(2022, "success_story", "Cap Digital", None)
    assert store.revision() > before
    listed = [(w.edition_year, w.category, w.pole, w.initiative_title) for w in store.winners()]
    assert listed == [
        (2023, "collaborative", "Aerospace Valley", "Labs"),
        (2023, "impact", "Minalogic", "Guichet"),
        (2022, "success_story", "Cap Digital", None),
    ]
    replaced = store.record_winner(2023, "impact", "Valorial", "Autre", actor="bob")
    assert replaced.recorded_by == "bob"
    assert [(w.category, w.pole) for w in store.winners(2023)] == [
        ("collaborative", "Aerospace Valley"),
        ("impact", "Valorial"),
    ]
    assert store.remove_winner(2023, "impact", actor="bob") is True
    assert store.remove_winner(2023, "impact") is False
    assert [w.category for w in store.winners(2023)] == ["collaborative"]
    log = store.audit_log(limit=3)
    assert [e.action for e in log] == ["award_removed", "award_winner", "award_winner"]
    assert log[0].note == "2023 impact: Valorial – Autre" and log[0].actor == "bob"


@pytest.mark.parametrize(("category", "pole"), [("best_poster", "Minalogic"), ("impact", "  ")])
def test_a_winner_needs_a_known_category_and_a_pole(
    store: SurveyStore, category: str, pole: str
) -> None:
    with pytest.raises(ValueError):
        store.record_winner(2023, category, pole)
    assert store.winners() == []


def _version_1_database(url: str) -> None:
    """A database exactly as version 1 created it (no table of any later step)."""
    engine = create_engine(url)
    with engine.begin() as connection:
        metadata.create_all(connection, tables=[metadata.tables[name] for name in V1_TABLES])
        connection.execute(insert(schema_version).values(id=1, version=1, upgraded_at=utcnow()))
    engine.dispose()


def test_a_version_1_database_goes_through_every_step(
    store_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert [step.to_version for step in migrations.STEPS] == list(
        range(2, migrations.latest_version() + 1)
    )
    assert any("award" in step.description for step in migrations.STEPS)
    _version_1_database(store_url)
    old = build_round("2019")
    steps = migrations.STEPS
    monkeypatch.setattr(migrations, "STEPS", [])
    with SurveyStore(store_url) as v1:
        assert v1.schema_version() == 1
        v1.import_round(stand_in(old))
    monkeypatch.setattr(migrations, "STEPS", steps)

    with SurveyStore(store_url) as upgraded:
        assert upgraded.schema_version() == migrations.latest_version() >= 3
        with upgraded.reading() as connection:
            names = set(inspect(connection).get_table_names())
        assert {"initiatives", "award_winners", *V1_TABLES} <= names
        assert set(metadata.tables) <= names  # every table of every step, theirs included
        assert_same_round(upgraded.load_round("2019"), old)
        assert upgraded.load_round("2019").initiatives.empty
        survey = with_initiatives("2023")
        upgraded.import_round(stand_in(survey))  # type: ignore[arg-type]
        pd.testing.assert_frame_equal(
            upgraded.load_round("2023").initiatives,
            survey.initiatives,  # type: ignore[attr-defined]
        )
        upgraded.record_winner(2023, "impact", "Cap Digital", None)
        upgraded.delete_round("2023")  # the migrated foreign keys let it go
        assert [w.pole for w in upgraded.winners()] == ["Cap Digital"]
    with SurveyStore(store_url) as reopened:  # nothing runs twice
        assert reopened.schema_version() == migrations.latest_version()


def test_migrated_tables_have_the_shape_of_new_ones(store_url: str, other_store_url: str) -> None:
    """The step spells the tables out; they must match `tables.py` column for column, key
    for key, on the same backend (SQLite says DATETIME where PostgreSQL says TIMESTAMP)."""
    _version_1_database(store_url)
    SurveyStore(store_url).close()
    SurveyStore(other_store_url).close()

    def shape(url: str, table: str) -> dict[str, object]:
        engine = create_engine(url)
        try:
            found = inspect(engine)
            return {
                "columns": [
                    (c["name"], str(c["type"]), bool(c["nullable"]))
                    for c in found.get_columns(table)
                ],
                "primary key": found.get_pk_constraint(table)["constrained_columns"],
                "foreign keys": sorted(
                    (
                        tuple(fk["constrained_columns"]),
                        fk["referred_table"],
                        tuple(fk["referred_columns"]),
                        (fk.get("options") or {}).get("ondelete"),
                    )
                    for fk in found.get_foreign_keys(table)
                ),
            }
        finally:
            engine.dispose()

    for table in (initiatives, award_winners):
        assert shape(store_url, table.name) == shape(other_store_url, table.name)
