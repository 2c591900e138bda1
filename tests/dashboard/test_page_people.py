"""AppTest of "People and roles" on the Rounds page (issue 19): an administrator gives and
takes roles, each change audited and effective at once; nobody else sees the section."""

from __future__ import annotations

from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from analysis.auth import Role
from analysis.store import SurveyStore
from tests.support.apptest import texts
from tests.support.auth_page import OIDC, PASSWORD, open_page, sign_in
from ui.text import md_escape

pytestmark = pytest.mark.usefixtures("app_db", "budget")

CAROL, DAVE = "carol@example.org", "dave@example.org"
SECRETS = {"auth": OIDC, "admin_emails": [CAROL]}


def signed_in(email: str) -> dict[str, Any]:
    return {"is_logged_in": True, "email": email}


def give(at: AppTest, email: str, role: Role) -> None:
    at.text_input(key="people_email").input(email)
    at.selectbox(key="people_role").select(role)
    at.button(key="people_give").click().run()
    assert not at.exception, [e.value for e in at.exception]


def test_an_administrator_gives_a_role_that_works_at_once(app_db: str) -> None:
    at = open_page(secrets=SECRETS, user=signed_in(CAROL))
    assert "People and roles" in texts(at)
    people = at.dataframe[-2].value  # just before the audit log
    assert people.to_dict("records") == [
        {"E-mail": CAROL, "Role": "administrator", "Set in": "secrets.toml (the operator's)"}
    ]
    give(at, " Dave@Example.org ", Role.EDITOR)
    assert f"{md_escape(DAVE)} is now editor." in texts(at)
    with SurveyStore(app_db) as store:
        assert store.people() == {DAVE: Role.EDITOR}
        latest = store.audit_log(limit=1)[0]
    assert (latest.action, latest.note, latest.actor, latest.role) == (
        "person_set",
        f"{DAVE}: editor",
        CAROL,
        "admin",
    )
    # Dave, signed in, is an editor now: told deletion is an administrator's.
    dave = open_page(secrets=SECRETS, user=signed_in(DAVE))
    assert "Signed in as " + md_escape(DAVE) in texts(dave)
    assert "Deleting and restoring need an administrator" in texts(dave)
    assert "People and roles" not in texts(dave)


def test_an_administrator_takes_a_role_away(app_db: str) -> None:
    with SurveyStore(app_db) as store:
        store.set_role(DAVE, Role.ADMIN, actor="setup")
    at = open_page(secrets=SECRETS, user=signed_in(CAROL))
    at.selectbox(key="people_pick").select(DAVE)
    at.button(key="people_remove").click().run()
    assert not at.exception
    assert f"{md_escape(DAVE)} no longer has a role given in this dashboard." in texts(at)
    with SurveyStore(app_db) as store:
        assert store.people() == {}
        assert store.audit_log(limit=1)[0].action == "person_removed"
    dave = open_page(secrets=SECRETS, user=signed_in(DAVE))
    assert "who is not an editor" in texts(dave)


def test_a_typed_text_that_is_no_address_is_refused_escaped(app_db: str) -> None:
    at = open_page(secrets=SECRETS, user=signed_in(CAROL))
    with SurveyStore(app_db) as store:
        revision = store.revision()
    give(at, "**[click](http://x)**", Role.ADMIN)
    assert f"{md_escape('**[click](http://x)**')}" in texts(at)
    assert "is not an e-mail address: nothing was changed." in texts(at)
    with SurveyStore(app_db) as store:
        assert store.people() == {} and store.revision() == revision


@pytest.mark.parametrize(
    ("secrets", "user"),
    [
        ({"auth": OIDC, "editor_emails": [DAVE], "admin_emails": [CAROL]}, signed_in(DAVE)),
        (SECRETS, {"is_logged_in": False}),
        ({"editor_password": PASSWORD}, None),
    ],
)
def test_nobody_else_sees_the_section(secrets: dict[str, Any], user: dict[str, Any] | None) -> None:
    at = open_page(secrets=secrets, user=user)
    if user is None:
        sign_in(at)  # the shared password: an administrator, but nobody to name
    assert "People and roles" not in texts(at)
    assert "people_email" not in [w.key for w in at.text_input]
