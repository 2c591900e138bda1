"""AppTest of editing behind a credential, on the Rounds page's delete.

Viewing stays open; a change asked for meets the editor gate: the password (from the
environment or secrets.toml) or a sign-in with an allow-list. A refused attempt changes
nothing in the store, and the password is never kept in session state or shown.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import streamlit as st
from streamlit import config as st_config
from streamlit.runtime.secrets import Secrets
from streamlit.testing.v1 import AppTest

from analysis.auth import AttemptLimiter
from analysis.store import SurveyStore
from tests.support.apptest import APP, TIMEOUT, texts
from ui import auth
from ui.text import md_escape

pytestmark = pytest.mark.usefixtures("app_db")

PAGE = "pages/rounds.py"
PASSWORD = "correct horse battery staple"
WRONG = "wrong-guess-1234"
OIDC = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "test-cookie-secret",
    "client_id": "test-client",
    "client_secret": "test-client-secret",
    "server_metadata_url": "https://idp.example.org/.well-known/openid-configuration",
}


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(autouse=True)
def waits(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[float]]:
    """Fresh limiters on a fake clock; each wait is recorded and moves the clock."""
    clock = FakeClock()
    monkeypatch.setattr(auth, "SESSION_LIMITER", AttemptLimiter(clock=clock))
    monkeypatch.setattr(auth, "GLOBAL_LIMITER", AttemptLimiter(free_attempts=20, clock=clock))
    seen: list[float] = []

    def sleep(seconds: float) -> None:
        seen.append(seconds)
        clock.now += seconds

    monkeypatch.setattr(auth, "sleep", sleep)
    yield seen


@pytest.fixture
def password_env(app_db: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """The editor password set in the environment (after `app_db` cleared it)."""
    monkeypatch.setenv("SURVEY_EDITOR_PASSWORD", PASSWORD)
    return app_db


def open_page(
    *, secrets: dict[str, Any] | None = None, user: dict[str, Any] | None = None, lang: str = "en"
) -> AppTest:
    """The Rounds page with the given secrets and signed-in user."""
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    if secrets:
        at.secrets.update(secrets)
    if user is not None:
        at.user = user
    at.query_params["lang"] = lang
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def stored(url: str) -> tuple[list[str], int]:
    with SurveyStore(url) as store:
        return store.labels(), store.revision()


def last_audit(url: str) -> tuple[str, str | None, str | None]:
    with SurveyStore(url) as store:
        entry = store.audit_log(limit=1)[0]
        return entry.action, entry.label, entry.actor


def ask_delete(at: AppTest, label: str = "2023") -> None:
    at.text_input(key="rounds_confirm").input(label)
    at.button(key="rounds_delete").click().run()
    assert not at.exception, [e.value for e in at.exception]


def submit_password(at: AppTest, password: str) -> None:
    at.text_input(key="auth_password").input(password)
    at.button(key="auth_submit").click().run()
    assert not at.exception, [e.value for e in at.exception]


def assert_password_nowhere(at: AppTest, password: str) -> None:
    """Neither session state, the page, nor the URL holds the password."""
    assert at.session_state["auth_password"] == ""
    assert all(password not in repr(value) for value in at.session_state.values())
    assert password not in texts(at)
    assert all(password not in str(value) for value in at.query_params.values())


def test_viewing_is_open_and_no_password_is_asked_before_a_change(password_env: str) -> None:
    at = open_page()
    assert "Editing needs the editor password" in texts(at)
    assert at.dataframe[0].value["Round"].tolist() == ["2023"]
    assert at.dataframe[-1].value["Action"].tolist() == ["sample loaded"]
    assert "auth_password" not in [w.key for w in at.text_input]
    assert "This change needs the editor password." not in texts(at)


def test_delete_is_refused_without_the_password(password_env: str) -> None:
    before = stored(password_env)
    at = open_page()
    ask_delete(at)
    assert "Deleting round 2023." in texts(at)
    assert "This change needs the editor password." in texts(at)
    assert at.text_input(key="auth_password").value == ""
    # The audit log stays visible under the gate.
    assert at.dataframe[-1].value["Action"].tolist() == ["sample loaded"]
    at.run()
    assert stored(password_env) == before


def test_wrong_password_is_refused_and_changes_nothing(password_env: str) -> None:
    before = stored(password_env)
    at = open_page()
    ask_delete(at)
    submit_password(at, WRONG)
    assert "Wrong password: nothing was changed." in texts(at)
    assert stored(password_env) == before
    assert not at.session_state.get("_editor_signed_in")
    assert_password_nowhere(at, WRONG)
    assert "Editing needs the editor password" in texts(at)


def test_right_password_deletes_and_the_audit_log_names_the_editor(password_env: str) -> None:
    at = open_page()
    ask_delete(at)
    submit_password(at, WRONG)
    assert stored(password_env)[0] == ["2023"]
    submit_password(at, PASSWORD)
    assert stored(password_env)[0] == []
    assert last_audit(password_env) == ("delete", "2023", "editor")
    assert "Round 2023 was deleted (40 respondents)." in texts(at)
    assert at.dataframe[-1].value.iloc[0]["Who"] == "editor"
    assert "Signed in as editor" in texts(at)
    assert at.session_state["_editor_signed_in"] is True
    assert_password_nowhere(at, PASSWORD)
    # Signing out asks for the password again.
    at.button(key="auth_sign_out").click().run()
    assert "Editing needs the editor password" in texts(at)
    assert "_editor_signed_in" not in at.session_state


def test_signed_in_editor_restores_without_being_asked_again(password_env: str) -> None:
    with SurveyStore(password_env) as store:
        current = store.load_round("2023")
        store.import_survey(
            current.with_frames(responses=current.responses.iloc[:5]), replace=True, actor="a"
        )
    at = open_page()
    ask_delete(at, "nope")
    assert "does not match" in texts(at)
    at.button(key="rounds_restore").click().run()
    submit_password(at, PASSWORD)
    assert last_audit(password_env) == ("restore", "2023", "editor")
    with SurveyStore(password_env) as store:
        assert len(store.load_round("2023").responses) == 40


def test_cancel_drops_the_change_asked_for(password_env: str) -> None:
    before = stored(password_env)
    at = open_page()
    ask_delete(at)
    at.button(key="rounds_cancel").click().run()
    assert "Deleting round 2023." not in texts(at)
    assert "auth_password" not in [w.key for w in at.text_input]
    assert stored(password_env) == before


def test_repeated_wrong_passwords_are_slowed_down(password_env: str, waits: list[float]) -> None:
    before = stored(password_env)
    at = open_page()
    ask_delete(at)
    for _ in range(5):
        submit_password(at, WRONG)
        assert "Wrong password: nothing was changed." in texts(at)
    # Two free attempts, then 1 s, 2 s, 4 s.
    assert waits == [1.0, 2.0, 4.0]
    assert stored(password_env) == before
    submit_password(at, PASSWORD)
    assert waits == [1.0, 2.0, 4.0]  # the waits were served: none left
    assert stored(password_env)[0] == []


def test_an_empty_password_is_not_an_attempt(password_env: str, waits: list[float]) -> None:
    at = open_page()
    ask_delete(at)
    for _ in range(4):
        submit_password(at, "")
    assert "Type the editor password first." in texts(at)
    assert waits == []
    # Empty submissions used none of the free attempts: the 3rd wrong one is the first wait.
    submit_password(at, WRONG)
    submit_password(at, WRONG)
    assert waits == []
    submit_password(at, WRONG)
    assert waits == [1.0]


def test_password_from_secrets_toml(app_db: str) -> None:
    before = stored(app_db)
    at = open_page(secrets={"editor_password": "from-the-secrets-file"})
    assert "Editing needs the editor password" in texts(at)
    ask_delete(at)
    submit_password(at, PASSWORD)  # the environment's password is not this one
    assert "Wrong password" in texts(at)
    assert stored(app_db) == before
    submit_password(at, "from-the-secrets-file")
    assert stored(app_db)[0] == []
    assert last_audit(app_db) == ("delete", "2023", "editor")


def test_french_refusal(password_env: str) -> None:
    at = open_page(lang="fr")
    assert "La modification demande le mot de passe d'éditeur" in texts(at)
    ask_delete(at)
    submit_password(at, WRONG)
    assert "Mot de passe incorrect : rien n'a été modifié." in texts(at)


SIGN_IN = {"auth": OIDC, "editor_emails": ["alice@example.org"]}


def test_sign_in_needed_before_a_change(app_db: str) -> None:
    before = stored(app_db)
    at = open_page(secrets=SIGN_IN, user={"is_logged_in": False})
    assert "Editing needs signing in as an editor" in texts(at)
    ask_delete(at)
    assert "sign in with your organisation's account" in texts(at)
    assert at.button(key="auth_login").label == "Sign in to edit"
    at.button(key="auth_login").click().run()
    assert not at.exception
    # This machine has no authlib: the sign-in cannot start, and says why.
    assert "Sign-in cannot start on this server" in texts(at)
    assert stored(app_db) == before


def test_allowed_email_deletes_and_is_recorded(app_db: str) -> None:
    user = {"is_logged_in": True, "email": "Alice@Example.org"}
    at = open_page(secrets=SIGN_IN, user=user)
    assert "Signed in as " + md_escape("Alice@Example.org") in texts(at)
    ask_delete(at)
    assert stored(app_db)[0] == []
    assert last_audit(app_db) == ("delete", "2023", "Alice@Example.org")


def test_email_not_on_the_list_is_refused(app_db: str) -> None:
    before = stored(app_db)
    user = {"is_logged_in": True, "email": "mallory@example.org"}
    at = open_page(secrets=SIGN_IN, user=user)
    assert "who is not an editor" in texts(at)
    ask_delete(at)
    assert "is not on the list of editors" in texts(at)
    assert stored(app_db) == before


def test_sign_in_without_an_allow_list_disables_editing(app_db: str) -> None:
    before = stored(app_db)
    at = open_page(secrets={"auth": OIDC})
    assert "Editing is disabled" in texts(at)
    ask_delete(at)
    assert "no editor e-mail is listed" in texts(at)
    assert stored(app_db) == before


@pytest.fixture
def secrets_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A fresh `st.secrets` reading only `tmp_path/secrets.toml` (not created yet)."""
    path = tmp_path / "secrets.toml"
    previous = st_config.get_option("secrets.files")
    st_config.set_option("secrets.files", [str(path)])
    monkeypatch.setattr(st, "secrets", Secrets())
    yield path
    st_config.set_option("secrets.files", previous)


def test_read_secrets_without_a_file_is_empty(secrets_file: Path) -> None:
    assert auth.read_secrets() == {}
    assert auth.current_config().mode.value in ("open", "password")


def test_read_secrets_of_a_file(secrets_file: Path) -> None:
    secrets_file.write_text(
        'editor_password = "p"\neditor_emails = ["a@b.org"]\n[auth]\nclient_id = "c"\n',
        encoding="utf-8",
    )
    assert auth.read_secrets() == {
        "editor_password": "p",
        "editor_emails": ["a@b.org"],
        "auth": {"client_id": "c"},
    }


def test_an_unreadable_secrets_file_refuses_editing(
    secrets_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    secrets_file.write_text('editor_password = "unterminated\n', encoding="utf-8")
    monkeypatch.delenv("SURVEY_EDITOR_PASSWORD", raising=False)
    assert auth.read_secrets() is None
    config = auth.current_config()
    assert (config.mode.value, config.problem) == ("unusable", "secrets_unreadable")
