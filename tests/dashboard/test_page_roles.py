"""AppTest of the roles on the Rounds page (issue 19): an editor replaces but does not
delete, an administrator deletes and the audit log records the role; the audit log's
filters and its CSV download."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest

from analysis.auth import Actor, Role
from analysis.store import SurveyStore
from tests.dashboard.test_page_rounds import audit_table, downloads, offered
from tests.support.apptest import texts
from tests.support.auth_page import OIDC, ask_delete, assert_no_editing, open_page, stored
from tests.support.store_fixtures import build_round, stand_in
from ui.text import md_escape

pytestmark = pytest.mark.usefixtures("app_db", "budget")
__all__ = ["downloads"]  # the fixture, shared with the rounds page's tests

ALICE, CAROL = "alice@example.org", "carol@example.org"
SECRETS = {"auth": OIDC, "editor_emails": [ALICE], "admin_emails": [CAROL]}


def signed_in(email: str) -> dict[str, Any]:
    return {"is_logged_in": True, "email": email}


def test_an_editor_sees_deletion_is_an_administrators(app_db: str) -> None:
    before = stored(app_db)
    at = open_page(secrets=SECRETS, user=signed_in(ALICE))
    assert "Signed in as " + md_escape(ALICE) in texts(at)
    assert "Deleting and restoring need an administrator" in texts(at)
    assert_no_editing(at)
    assert stored(app_db) == before


def test_an_administrator_deletes_and_the_log_records_the_role(app_db: str) -> None:
    at = open_page(secrets=SECRETS, user=signed_in(CAROL))
    assert "Signed in as " + md_escape(CAROL) + " (administrator)" in texts(at)
    ask_delete(at)
    assert stored(app_db)[0] == []
    with SurveyStore(app_db) as store:
        latest = store.audit_log(limit=1)[0]
    assert (latest.action, latest.actor, latest.role) == ("delete", CAROL, "admin")
    row = audit_table(at).iloc[0]
    assert (row["Who"], row["Role"], row["Action"]) == (CAROL, "administrator", "delete")


def test_the_audit_log_filters_by_person_and_action(app_db: str) -> None:
    with SurveyStore(app_db) as store:
        store.import_round(stand_in(build_round("2031")), actor=Actor(ALICE, Role.EDITOR))
        store.import_round(stand_in(build_round("2032")), actor=Actor(CAROL, Role.ADMIN))
    at = open_page(secrets=SECRETS)
    assert audit_table(at)["Who"].tolist() == [CAROL, ALICE, "seed"]
    assert at.selectbox(key="audit_who").options == ["All", ALICE, CAROL, "seed"]
    at.selectbox(key="audit_who").select(ALICE).run()
    assert audit_table(at)["Who"].tolist() == [ALICE]
    at.selectbox(key="audit_who").select("").run()
    at.selectbox(key="audit_label").select("2032").run()
    assert audit_table(at)["Who"].tolist() == [CAROL]
    at.selectbox(key="audit_label").select("").run()
    at.selectbox(key="audit_action").select("seed").run()
    assert audit_table(at)["Action"].tolist() == ["sample loaded"]
    at.selectbox(key="audit_action").select("delete").run()
    assert not at.exception
    assert "Nothing has been recorded yet." in texts(at)


def test_the_audit_log_downloads_as_csv_naming_the_people(
    app_db: str, downloads: dict[str, dict[str, Any]]
) -> None:
    with SurveyStore(app_db) as store:
        store.import_round(stand_in(build_round("2031")), actor=Actor("=1+1", Role.EDITOR))
    at = open_page(secrets=SECRETS, lang="fr")
    files = offered(at, downloads)
    data = files["audit_download"]["data"]
    assert files["audit_download"]["file_name"] == "audit.csv"
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert [row["Qui"] for row in rows] == ["'=1+1", "seed"]
    assert [row["Rôle"] for row in rows] == ["éditeur", "–"]
    assert rows[0]["Quand (UTC)"].endswith("Z")
