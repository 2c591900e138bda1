"""Manual column mappings: the header row's signature, the targets offered, and the
store remembering choices (with the migration that added its table)."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect, select, text

from analysis.ingest.mapping.columns import map_columns
from analysis.ingest.mapping.memory import (
    candidates,
    mapping_signature,
    prefill,
    signature,
    target_label,
    target_years,
    targets,
    to_remember,
)
from analysis.store import SurveyStore, migrations
from analysis.store.tables import column_mappings
from tests.support import store_fixtures
from tests.support.store_fixtures import assert_same_round, build_round, stand_in

store = store_fixtures.store
store_url = store_fixtures.store_url

HEADERS = ["Q1 - Nom du pôle", "Région", "Projets déposés 2021", "Budget 2022", "Chefs de file"]


def test_signature_ignores_case_accents_question_numbers_notes_and_trailing_blanks() -> None:
    same = [
        "Q9) NOM DU POLE",
        "region",
        "projets deposes 2021 (nombre)",
        "BUDGET 2022",
        "Chefs de file",
        None,
        "",
    ]
    assert signature(same) == signature(HEADERS)
    assert len(signature(HEADERS)) == 64


@pytest.mark.parametrize(
    "other",
    [
        HEADERS[:-1],  # a column fewer
        [*HEADERS[:-1], "Chefs de projet"],  # one header changed
        [HEADERS[1], HEADERS[0], *HEADERS[2:]],  # two columns swapped
        [*HEADERS[:2], None, *HEADERS[2:]],  # a blank column inserted
    ],
)
def test_signature_changes_with_the_header_row(other: list[object]) -> None:
    assert signature(other) != signature(HEADERS)


def test_candidates_are_the_headed_columns_that_answer_nothing() -> None:
    mapping = map_columns([*HEADERS, None, "Région"])
    assert [(m.letter, m.header) for m in candidates(mapping)] == [
        ("D", "Budget 2022"),
        ("E", "Chefs de file"),
        ("G", "Région"),  # repeats column B: offered, so it can be mapped elsewhere
    ]
    assert mapping_signature(mapping) == signature([*HEADERS, None, "Région"])


def test_targets_offer_extra_each_field_and_each_year_found() -> None:
    mapping = map_columns(HEADERS)
    # 2022 from a header nobody recognised (a budget, not projects)
    assert target_years(mapping) == [2021, 2022]
    options = targets(target_years(mapping))
    assert options[:3] == ["extra", "pole", "region"]
    assert "coordinator_members" in options
    assert options[-4:] == [
        "projects_submitted@2021",
        "projects_submitted@2022",
        "projects_funded@2021",
        "projects_funded@2022",
    ]
    assert "projects_submitted" not in options  # per-year fields need a year


@pytest.mark.parametrize(
    ("target", "lang", "label"),
    [
        ("extra", "en", "Keep as an extra column"),
        ("extra", "fr", "Garder comme colonne supplémentaire"),
        ("coordinator_members", "fr", "Adhérents coordinateurs de projets"),
        ("projects_funded@2022", "en", "EU projects funded 2022"),
    ],
)
def test_target_label(target: str, lang: str, label: str) -> None:
    assert target_label(target, lang) == label  # type: ignore[arg-type]


def test_prefill_matches_headers_as_written_now_and_drops_stale_targets() -> None:
    mapping = map_columns(HEADERS)
    saved = {
        "BUDGET 2022": "projects_submitted@2022",  # spelled differently then
        "Chefs de file": "no_such_field",  # the schema changed since
        "Région": "sector",  # recognised, yet changed by hand: pre-filled too (issue 13)
    }
    assert prefill(saved, mapping) == {
        "Budget 2022": "projects_submitted@2022",
        "Région": "sector",
    }
    assert to_remember({"A": "extra", "B": "members"}) == {"B": "members"}


def test_the_store_remembers_a_mapping_per_signature(store: SurveyStore) -> None:
    key, other = signature(HEADERS), signature(["Cluster", "Members"])
    assert store.saved_mapping(key) == {}
    store.save_mapping(key, {"Budget 2022": "projects_submitted@2022"}, actor="alice")
    store.save_mapping(other, {"Members": "members"}, actor=None)
    assert store.saved_mapping(key) == {"Budget 2022": "projects_submitted@2022"}
    # saving again replaces the whole mapping of that signature, and no other
    store.save_mapping(key, {"Chefs de file": "coordinator_members"}, actor="bob")
    assert store.saved_mapping(key) == {"Chefs de file": "coordinator_members"}
    assert store.saved_mapping(other) == {"Members": "members"}
    with store.reading() as connection:
        row = connection.execute(
            select(column_mappings).where(column_mappings.c.signature == key)
        ).one()
    assert row.updated_by == "bob" and row.updated_at is not None
    store.save_mapping(key, {}, actor="bob")  # an empty mapping forgets
    assert store.saved_mapping(key) == {}


def test_remembering_a_mapping_is_not_a_change_of_the_rounds(store: SurveyStore) -> None:
    store.import_round(stand_in(build_round("2023")))
    revision = store.revision()
    store.save_mapping(signature(HEADERS), {"Budget 2022": "members"}, actor="alice")
    assert store.revision() == revision
    assert store.labels() == ["2023"]


def test_a_version_1_store_gains_the_table_and_keeps_its_rounds(
    store_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    survey = build_round("2023", project_rows=5)
    with monkeypatch.context() as patch:
        patch.setattr(migrations, "STEPS", [])
        with SurveyStore(store_url) as v1:
            v1.import_round(stand_in(survey))
            with v1.writing() as connection:  # version 1 had no such table
                connection.execute(text("DROP TABLE column_mappings"))
            assert v1.schema_version() == 1
    with SurveyStore(store_url) as upgraded:
        assert upgraded.schema_version() == migrations.latest_version() >= 2
        with upgraded.reading() as connection:
            columns = {c["name"] for c in inspect(connection).get_columns("column_mappings")}
        assert columns == {"signature", "header", "target", "updated_at", "updated_by"}
        assert_same_round(upgraded.load_round("2023"), survey)
        upgraded.save_mapping("abc", {"H": "members"}, actor="alice")
        assert upgraded.saved_mapping("abc") == {"H": "members"}
    assert migrations.STEPS[0].to_version == 2
    assert "column_mappings" in migrations.STEPS[0].description
