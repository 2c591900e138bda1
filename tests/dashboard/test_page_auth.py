"""AppTest of editing behind a credential, on the Rounds page's delete and restore.

Viewing stays open; editing is closed by default: an anonymous visitor sees no delete and
no restore, only a folded sign-in form (the password from the environment or
secrets.toml, the first-start token when nothing is configured, or a sign-in with an
allow-list). A refused attempt changes nothing in the store, the password is never kept
in session state or shown, and every attempt draws on one global budget.
"""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from analysis.auth import AttemptBudget
from analysis.store import SurveyStore
from tests.support.apptest import texts
from tests.support.auth_page import (
    CAPACITY,
    PASSWORD,
    REFILL,
    WRONG,
    FakeClock,
    ask_delete,
    assert_no_editing,
    assert_password_nowhere,
    last_audit,
    open_page,
    sign_in,
    stored,
    submit_password,
)
from ui import auth

pytestmark = pytest.mark.usefixtures("app_db", "budget")


def test_an_anonymous_visitor_sees_no_delete_and_no_restore(password_env: str) -> None:
    with SurveyStore(password_env) as store:
        current = store.load_round("2023")
        store.import_survey(
            current.with_frames(responses=current.responses.iloc[:5]), replace=True, actor="a"
        )
    at = open_page()
    assert "Editing needs the editor password" in texts(at)
    assert at.dataframe[0].value["Round"].tolist() == ["2023"]
    assert at.dataframe[-1].value["Action"].tolist() == ["replace", "sample loaded"]
    assert_no_editing(at)
    assert [e.label for e in at.expander] == ["Sign in to edit (delete or restore a round)"]
    assert at.text_input(key="auth_password").value == ""


def test_the_upload_page_shows_no_uploader_to_an_anonymous_visitor(password_env: str) -> None:
    at = open_page()
    at.switch_page("pages/upload.py").run()
    assert not at.exception
    assert not at.file_uploader
    assert "This change needs the editor password." in texts(at)


def test_wrong_password_is_refused_and_changes_nothing(password_env: str) -> None:
    before = stored(password_env)
    at = open_page()
    submit_password(at, WRONG)
    assert "Wrong password: nothing was changed." in texts(at)
    assert stored(password_env) == before
    assert not at.session_state.get("_editor_signed_in")
    assert_password_nowhere(at, WRONG)
    assert_no_editing(at)


def test_right_password_then_delete_records_the_shared_password(password_env: str) -> None:
    at = open_page()
    submit_password(at, WRONG)
    sign_in(at)
    assert "Signed in as editor" in texts(at)
    assert at.button(key="rounds_delete").proto.type == "secondary"
    ask_delete(at)
    assert stored(password_env)[0] == []
    assert last_audit(password_env) == ("delete", "2023", "shared password")
    assert "Round 2023 was deleted (40 respondents)." in texts(at)
    assert at.dataframe[-1].value.iloc[0]["Who"] == "shared password"
    assert_password_nowhere(at, PASSWORD)
    # Signing out hides editing again.
    at.button(key="auth_sign_out").click().run()
    assert "Editing needs the editor password" in texts(at)
    assert "_editor_signed_in" not in at.session_state


def test_signed_in_editor_restores(password_env: str) -> None:
    with SurveyStore(password_env) as store:
        current = store.load_round("2023")
        store.import_survey(
            current.with_frames(responses=current.responses.iloc[:5]), replace=True, actor="a"
        )
    at = open_page()
    sign_in(at)
    ask_delete(at, "nope")
    assert "does not match" in texts(at)
    at.button(key="rounds_restore").click().run()
    assert last_audit(password_env)[0] == "replace"  # not before the confirmation
    at.button(key="rounds_confirm_restore").click().run()
    assert last_audit(password_env) == ("restore", "2023", "shared password")
    with SurveyStore(password_env) as store:
        assert len(store.load_round("2023").responses) == 40


def test_cancel_drops_the_change_asked_for(password_env: str) -> None:
    before = stored(password_env)
    with SurveyStore(password_env) as store:
        current = store.load_round("2023")
        store.import_survey(
            current.with_frames(responses=current.responses.iloc[:5]), replace=True, actor="a"
        )
    before = stored(password_env)
    at = open_page()
    sign_in(at)
    at.button(key="rounds_restore").click().run()
    assert "Making version 1 of round 2023 current again." in texts(at)
    at.run()  # waiting for the confirmation changes nothing
    assert stored(password_env) == before
    assert [b.label for b in at.button if b.key == "rounds_confirm_restore"] == [
        "Yes, make this version current"
    ]
    at.button(key="rounds_cancel_restore").click().run()
    assert "Making version 1 of round 2023 current again." not in texts(at)
    assert "rounds_confirm_restore" not in [b.key for b in at.button]
    assert stored(password_env) == before


def test_thirty_sessions_get_no_more_guesses_than_the_budget(
    password_env: str, budget: AttemptBudget, clock: FakeClock
) -> None:
    """New sessions buy no fresh attempts; over budget nothing is checked, nobody sleeps."""
    guesses = refusals = 0
    for _ in range(30):
        at = open_page()
        submit_password(at, WRONG)
        shown = texts(at)
        guesses += "Wrong password: nothing was changed." in shown
        refusals += "Try again in 30 s." in shown
    assert (guesses, refusals) == (CAPACITY, 30 - CAPACITY)
    # Over budget even the right password is not looked at.
    at = open_page()
    submit_password(at, PASSWORD)
    assert "Try again in 30 s." in texts(at)
    assert not at.session_state.get("_editor_signed_in")
    # Time refills it one attempt per 30 s; a success does not give any back.
    clock.now += REFILL
    sign_in(at)
    assert budget.available() == 0
    other = open_page()
    submit_password(other, WRONG)
    assert "Try again in 30 s." in texts(other)


def test_an_empty_password_is_not_an_attempt(password_env: str, budget: AttemptBudget) -> None:
    at = open_page()
    for _ in range(4):
        submit_password(at, "")
    assert "Type the editor password first." in texts(at)
    assert budget.available() == CAPACITY
    submit_password(at, WRONG)
    assert budget.available() == CAPACITY - 1


def test_password_from_secrets_toml(app_db: str) -> None:
    at = open_page(secrets={"editor_password": "from-the-secrets-file"})
    assert "Editing needs the editor password" in texts(at)
    submit_password(at, PASSWORD)  # the environment's password is not this one
    assert "Wrong password" in texts(at)
    sign_in(at, "from-the-secrets-file")
    ask_delete(at)
    assert stored(app_db)[0] == []
    assert last_audit(app_db) == ("delete", "2023", "shared password")


def test_a_short_password_refuses_editing_and_says_why(
    app_db: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SURVEY_EDITOR_PASSWORD", "short-11chr")
    monkeypatch.setattr(auth, "_WARNED", set())
    at = open_page()
    assert "Editing is disabled: The editor password configured" in capsys.readouterr().out
    assert "Editing is disabled" in texts(at)
    assert "is shorter than 12 characters" in texts(at)
    assert "auth_password" not in [w.key for w in at.text_input]
    assert_no_editing(at)


def test_with_no_credential_a_first_start_token_guards_editing(
    app_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "token" / "editor-token"
    monkeypatch.setenv("SURVEY_EDITOR_TOKEN_FILE", str(path))
    at = open_page()
    assert_no_editing(at)
    assert "This change needs the editor token" in texts(at)
    token = path.read_text(encoding="utf-8").strip()
    assert len(token) >= 12
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    console = capsys.readouterr().out
    assert token in console and "http://" in console
    assert token not in texts(at)
    submit_password(at, "not-the-token-at-all")
    assert "Wrong password" in texts(at)
    sign_in(at, token)
    ask_delete(at)
    assert last_audit(app_db) == ("delete", "2023", "shared password")
    # The same token is used on the next start, and printed once a process only.
    open_page()
    assert token not in capsys.readouterr().out
    assert path.read_text(encoding="utf-8").strip() == token


def test_french_refusal(password_env: str) -> None:
    at = open_page(lang="fr")
    assert "La modification demande le mot de passe d'éditeur" in texts(at)
    submit_password(at, WRONG)
    assert "Mot de passe incorrect : rien n'a été modifié." in texts(at)
