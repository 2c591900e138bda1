"""AppTest of editing through a sign-in (`st.login`, OIDC) with an allow-list of editors,
and of reading the secrets file that configures it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit as st
from streamlit import config as st_config
from streamlit.runtime.secrets import Secrets

from tests.support.apptest import texts
from tests.support.auth_page import (
    OIDC,
    ask_delete,
    assert_no_editing,
    last_audit,
    open_page,
    stored,
)
from ui import auth
from ui.text import md_escape

pytestmark = pytest.mark.usefixtures("app_db", "budget")
SIGN_IN = {"auth": OIDC, "editor_emails": ["alice@example.org"]}


def test_sign_in_needed_before_a_change(app_db: str) -> None:
    before = stored(app_db)
    at = open_page(secrets=SIGN_IN, user={"is_logged_in": False})
    assert "Editing needs signing in as an editor" in texts(at)
    assert_no_editing(at)
    assert "sign in with your organisation's account" in texts(at)
    assert at.button(key="auth_login").label == "Sign in to edit"
    at.button(key="auth_login").click().run()
    assert not at.exception
    # This machine has no authlib: the sign-in cannot start, and says why.
    assert "Sign-in cannot start on this server" in texts(at)
    assert stored(app_db) == before


def test_an_administrators_email_deletes_and_is_recorded(app_db: str) -> None:
    user = {"is_logged_in": True, "email": "Alice@Example.org"}
    at = open_page(secrets=SIGN_IN | {"admin_emails": ["alice@example.org"]}, user=user)
    assert "Signed in as " + md_escape("Alice@Example.org") in texts(at)
    ask_delete(at)
    assert stored(app_db)[0] == []
    assert last_audit(app_db) == ("delete", "2023", "Alice@Example.org")


def test_email_not_on_the_list_is_refused(app_db: str) -> None:
    before = stored(app_db)
    user = {"is_logged_in": True, "email": "mallory@example.org"}
    at = open_page(secrets=SIGN_IN, user=user)
    assert "who is not an editor" in texts(at)
    assert_no_editing(at)
    assert "is not on the list of editors" in texts(at)
    assert stored(app_db) == before


def test_sign_in_without_an_allow_list_disables_editing(app_db: str) -> None:
    before = stored(app_db)
    at = open_page(secrets={"auth": OIDC})
    assert "Editing is disabled" in texts(at)
    assert_no_editing(at)
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
    assert auth.current_config().mode.value in ("token", "password")


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
