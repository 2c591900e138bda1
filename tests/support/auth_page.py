"""What the editing AppTests share: the Rounds page opened with or without a credential,
a fake clock, and the helpers that sign in and read the store."""

from __future__ import annotations

from typing import Any

from streamlit.testing.v1 import AppTest

from analysis.store import SurveyStore
from tests.support.apptest import APP, TIMEOUT, texts

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


CAPACITY = 5
REFILL = 30.0


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
    if "auth_password" in at.session_state:
        assert at.session_state["auth_password"] == ""
    assert all(password not in repr(value) for value in at.session_state.values())
    assert password not in texts(at)
    assert all(password not in str(value) for value in at.query_params.values())


def sign_in(at: AppTest, password: str = PASSWORD) -> None:
    submit_password(at, password)
    assert at.session_state["_editor_signed_in"] is True


def assert_no_editing(at: AppTest) -> None:
    """Nothing that changes the store is drawn."""
    keys = [w.key for w in (*at.button, *at.text_input, *at.selectbox)]
    assert not {"rounds_delete", "rounds_confirm", "rounds_restore"} & set(keys)
