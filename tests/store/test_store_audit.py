"""The audit log's people and roles (issue 19), on SQLite and PostgreSQL alike: who acted
in which role, the filters of the Rounds page, and the step that added the role column."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect, text

from analysis.auth import Actor, Role
from analysis.store import SurveyStore, migrations
from tests.support import store_fixtures
from tests.support.store_fixtures import build_round, stand_in

# the store fixtures, shared by every store test module
sqlite_url = store_fixtures.sqlite_url
store = store_fixtures.store
store_url = store_fixtures.store_url

ALICE = Actor("alice@example.org", Role.EDITOR)
CAROL = Actor("carol@example.org", Role.ADMIN)


def test_each_change_records_the_person_and_the_role(store: SurveyStore) -> None:
    store.import_round(stand_in(build_round("2023")), actor=ALICE)
    store.import_round(stand_in(build_round("2024")), actor="legacy name")
    store.delete_round("2023", actor=CAROL)
    entries = [(e.action, e.label, e.actor, e.role) for e in store.audit_log()]
    assert entries == [
        ("delete", "2023", "carol@example.org", "admin"),
        ("import", "2024", "legacy name", None),
        ("import", "2023", "alice@example.org", "editor"),
    ]
    # The rounds' own columns keep the name only.
    assert [r.uploaded_by for r in store.list_rounds()] == ["legacy name"]


def test_the_audit_log_filters_by_person_action_and_round(store: SurveyStore) -> None:
    store.import_round(stand_in(build_round("2023")), actor=ALICE)
    store.import_round(stand_in(build_round("2024")), actor=CAROL)
    store.delete_round("2023", actor=CAROL)

    def picked(**filters: str) -> list[tuple[str, str | None]]:
        return [(e.action, e.label) for e in store.audit_log(**filters)]  # type: ignore[arg-type]

    assert picked(actor="carol@example.org") == [("delete", "2023"), ("import", "2024")]
    assert picked(action="import") == [("import", "2024"), ("import", "2023")]
    assert picked(label="2023") == [("delete", "2023"), ("import", "2023")]
    assert picked(actor="carol@example.org", label="2023") == [("delete", "2023")]
    assert picked(actor="nobody@example.org") == []
    # The filters offer everyone and every round the log names, a deleted one too.
    assert store.audit_values("actor") == ["alice@example.org", "carol@example.org"]
    assert store.audit_values("label") == ["2023", "2024"]
    with pytest.raises(ValueError, match="not a filterable"):
        store.audit_values("sha256")


def test_step_5_adds_the_role_column_keeping_earlier_entries(
    store_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    steps = list(migrations.STEPS)
    monkeypatch.setattr(migrations, "STEPS", steps[:3])  # written when version 4 was latest
    with SurveyStore(store_url) as v3:
        v3.import_round(stand_in(build_round("2023")), actor="Jean (command line)")
        with v3.writing() as connection:  # the audit table as version 4 had it
            connection.execute(text("ALTER TABLE audit DROP COLUMN role"))
        assert v3.schema_version() == 4
    monkeypatch.setattr(migrations, "STEPS", steps)
    with SurveyStore(store_url) as upgraded:
        assert upgraded.schema_version() == migrations.latest_version()
        with upgraded.reading() as connection:
            columns = {c["name"] for c in inspect(connection).get_columns("audit")}
        assert "role" in columns
        upgraded.delete_round("2023", actor=CAROL)
        entries = [(e.action, e.actor, e.role) for e in upgraded.audit_log()]
    assert entries == [
        ("delete", "carol@example.org", "admin"),
        ("import", "Jean (command line)", None),
    ]
