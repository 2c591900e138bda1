"""Roles given on the Rounds page, kept in the store and audited (issue 19), on SQLite and
PostgreSQL alike, and the migration step that adds their table."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect, text

from analysis.auth import Actor, Role
from analysis.store import SurveyStore, migrations
from analysis.store.errors import InvalidEmail
from analysis.store.people import normalised
from tests.support import store_fixtures

# the store fixtures, shared by every store test module
sqlite_url = store_fixtures.sqlite_url
store = store_fixtures.store
store_url = store_fixtures.store_url
other_store_url = store_fixtures.other_store_url

CAROL = Actor("carol@example.org", Role.ADMIN)


def notes(store: SurveyStore) -> list[tuple[str, str | None, str | None, str | None]]:
    return [(e.action, e.note, e.actor, e.role) for e in store.audit_log()]


def test_giving_changing_and_taking_a_role_is_audited(store: SurveyStore) -> None:
    assert store.set_role(" Alice@Example.org ", Role.EDITOR, actor=CAROL) is True
    assert store.set_role("alice@example.org", Role.EDITOR, actor=CAROL) is False  # no-op
    assert store.people() == {"alice@example.org": Role.EDITOR}
    assert store.set_role("alice@example.org", Role.ADMIN, actor=CAROL) is True
    assert store.people() == {"alice@example.org": Role.ADMIN}
    assert store.remove_person("ALICE@example.org", actor=CAROL) is True
    assert store.remove_person("alice@example.org", actor=CAROL) is False
    assert store.people() == {}
    carol = ("carol@example.org", "admin")
    assert notes(store) == [
        ("person_removed", "alice@example.org: admin", *carol),
        ("person_set", "alice@example.org: admin", *carol),
        ("person_set", "alice@example.org: editor", *carol),
    ]


@pytest.mark.parametrize(
    "typed", ["", "alice", "alice@", "@example.org", "a b@example.org", "a@b", "x" * 250 + "@e.org"]
)
def test_what_cannot_be_an_address_is_refused_and_nothing_is_recorded(
    store: SurveyStore, typed: str
) -> None:
    revision = store.revision()
    with pytest.raises(InvalidEmail):
        store.set_role(typed, Role.EDITOR, actor=CAROL)
    assert store.people() == {}
    assert store.revision() == revision


def test_a_viewer_is_no_role_to_give(store: SurveyStore) -> None:
    with pytest.raises(ValueError, match="not a role to give"):
        store.set_role("alice@example.org", Role.VIEWER, actor=CAROL)


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("Alice@Example.ORG", "alice@example.org"),
        ("  b.c+d@sub.example.org\t", "b.c+d@sub.example.org"),
    ],
)
def test_addresses_are_kept_trimmed_and_lower_cased(typed: str, kept: str) -> None:
    assert normalised(typed) == kept


def test_step_6_adds_the_people_table(store_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    steps = list(migrations.STEPS)
    monkeypatch.setattr(migrations, "STEPS", steps[:4])  # written when version 5 was latest
    with SurveyStore(store_url) as v4:
        with v4.writing() as connection:
            connection.execute(text("DROP TABLE people"))
        assert v4.schema_version() == 5
    monkeypatch.setattr(migrations, "STEPS", steps)
    with SurveyStore(store_url) as upgraded:
        assert upgraded.schema_version() == migrations.latest_version() >= 6
        with upgraded.reading() as connection:
            assert inspect(connection).has_table("people")
        upgraded.set_role("alice@example.org", Role.EDITOR, actor=CAROL)
        assert upgraded.people() == {"alice@example.org": Role.EDITOR}
