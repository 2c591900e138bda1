"""The editor credential on screen: the sidebar's editing line and the gate before a change.

Viewing is open. A page that changes the store (upload, replace, restore, delete) calls
`editor_gate()` where the change is asked for, and stops when it returns None:

    identity = editor_gate()
    if identity is None:
        st.stop()
    store.delete_round(label, actor=identity)

The returned identity is what the audit log records: `"local"` when no credential is
configured (editing is open), `"editor"` after the editor password, or the signed-in
e-mail with a sign-in provider. The password itself is never kept: it leaves session
state in the form's callback, before the comparison, and only a boolean remembers the
success.

Wrong passwords are slowed down per session under a random identifier the session keeps
in its own state (Streamlit's session id is not public API), and for everyone at once.
"""

from __future__ import annotations

import os
import secrets
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import streamlit as st

from analysis.auth import (
    AttemptLimiter,
    EditorConfig,
    Mode,
    editor_config,
    is_allowed_email,
    password_matches,
)
from ui.text import md_escape, tr

#: Identity returned (and written in the audit log) when editing is open.
LOCAL = "local"
#: Identity returned (and written in the audit log) after the editor password.
EDITOR = "editor"

#: Session-state keys: a boolean remembers the success, never the password.
_SIGNED_IN = "_editor_signed_in"
_REFUSED = "_editor_refused"
#: The session's own identifier for the attempt limiter (random, never shown).
_LIMITER_ID = "_editor_limiter_id"
K_PASSWORD, K_SUBMIT, K_SIGN_OUT, K_LOGIN, K_LOGOUT = (
    "auth_password",
    "auth_submit",
    "auth_sign_out",
    "auth_login",
    "auth_logout",
)
_FORM = "auth_form"

#: Wrong passwords slow down per session, and (more leniently) for everyone at once, so
#: opening new sessions does not buy fresh attempts. Process-wide: sessions are threads.
SESSION_LIMITER = AttemptLimiter()
GLOBAL_LIMITER = AttemptLimiter(free_attempts=20)
_EVERYONE = "*"
#: How a wait is served (a module attribute so tests can record waits instead of sleeping).
sleep = time.sleep


def _plain(value: Any) -> Any:
    """Streamlit's `AttrDict` sections as plain dicts."""
    if isinstance(value, Mapping):
        return {str(key): _plain(item) for key, item in value.items()}
    return value


def read_secrets() -> dict[str, Any] | None:
    """`st.secrets` as a dict: `{}` without a secrets file, None when one exists but fails.

    A missing `.streamlit/secrets.toml` is ordinary (local use) and must not raise; a file
    that is there but cannot be parsed means a credential was meant, so the caller refuses
    editing instead of leaving it open.
    """
    try:
        if st.secrets.load_if_toml_exists():
            return {str(key): _plain(st.secrets[key]) for key in st.secrets}
    except Exception:  # any failure to read the secrets counts as unreadable
        return None
    paths = st.get_option("secrets.files") or []
    if any(Path(str(path)).expanduser().exists() for path in paths):
        return None
    return {}


def current_config() -> EditorConfig:
    """The credential configured now (secrets and environment are read on every call)."""
    return editor_config(read_secrets(), os.environ)


def _session_key() -> str:
    """This session's key in `SESSION_LIMITER`: drawn at random once, kept in its state.

    A visitor cannot reset it short of opening a new session, which the global limiter
    counts anyway.
    """
    key = st.session_state.get(_LIMITER_ID)
    if not isinstance(key, str):
        key = secrets.token_hex(16)
        st.session_state[_LIMITER_ID] = key
    return key


def _user_value(key: str) -> Any:
    try:
        return st.user.get(key)
    except Exception:  # no user information on this host
        return None


def _signed_in_email() -> str | None:
    """The e-mail of the user signed in with the provider, or None."""
    if not _user_value("is_logged_in"):
        return None
    email = _user_value("email")
    return str(email) if email else None


def current_identity(config: EditorConfig | None = None) -> str | None:
    """Who may edit in this session right now, without drawing anything; None if nobody."""
    config = config or current_config()
    if config.mode is Mode.OPEN:
        return LOCAL
    if config.mode is Mode.PASSWORD:
        return EDITOR if st.session_state.get(_SIGNED_IN) else None
    if config.mode is Mode.OIDC:
        email = _signed_in_email()
        return email if is_allowed_email(email, config.emails) else None
    return None


def _check_password() -> None:
    """Form callback: compare the typed password, then forget it.

    The widget's value is cleared before anything else, so the password stays in session
    state only while this callback runs. A wrong attempt waits as long as the limiters say
    (the script thread of this session only) before the refusal is shown.
    """
    given = str(st.session_state.get(K_PASSWORD) or "")
    st.session_state[K_PASSWORD] = ""
    config = current_config()
    if config.mode is not Mode.PASSWORD or config.password is None:
        return
    if not given:
        st.session_state[_REFUSED] = "auth.empty_password"
        return
    key = _session_key()
    waiting = max(SESSION_LIMITER.remaining(key), GLOBAL_LIMITER.remaining(_EVERYONE))
    if waiting > 0:
        sleep(waiting)
    if password_matches(given, config.password):
        SESSION_LIMITER.success(key)
        GLOBAL_LIMITER.success(_EVERYONE)
        st.session_state[_SIGNED_IN] = True
        st.session_state.pop(_REFUSED, None)
        return
    delay = max(SESSION_LIMITER.failure(key), GLOBAL_LIMITER.failure(_EVERYONE))
    st.session_state[_REFUSED] = "auth.refused"
    if delay > 0:
        sleep(delay)


def _sign_out() -> None:
    """Button callback: forget the password sign-in."""
    st.session_state.pop(_SIGNED_IN, None)
    st.session_state.pop(_REFUSED, None)


def _password_form() -> None:
    with st.form(_FORM, clear_on_submit=False, border=True):
        st.markdown(tr("auth.password_needed"))
        st.text_input(
            tr("auth.password"),
            type="password",
            key=K_PASSWORD,
            autocomplete="current-password",
        )
        st.form_submit_button(
            tr("auth.sign_in"), key=K_SUBMIT, on_click=_check_password, type="primary"
        )
    refusal = st.session_state.pop(_REFUSED, None)
    if refusal:
        st.error(tr(refusal), icon=":material/block:")


def editor_gate() -> str | None:
    """The editor's identity, or None after drawing what is needed to become one.

    Open editing returns `"local"` and says so; the editor password returns `"editor"`
    once given (a form otherwise); a sign-in provider returns the signed-in e-mail when it
    is on the allow-list (a sign-in button or an explanation otherwise). The caller must
    `st.stop()` on None.
    """
    config = current_config()
    if config.mode is Mode.OPEN:
        st.caption(":material/lock_open: " + tr("auth.open_note"))
        return LOCAL
    if config.mode is Mode.UNUSABLE:
        st.error(tr(f"auth.{config.problem}"), icon=":material/block:")
        return None
    if config.mode is Mode.PASSWORD:
        if st.session_state.get(_SIGNED_IN):
            return EDITOR
        _password_form()
        return None
    email = _signed_in_email()
    if email is None:
        st.info(tr("auth.sign_in_needed"), icon=":material/lock:")
        if st.button(tr("auth.sign_in_provider"), key=K_LOGIN, type="primary"):
            try:
                if config.provider:
                    st.login(config.provider)
                else:
                    st.login()
            except Exception as error:  # no authlib, or an [auth] section Streamlit refuses
                st.error(
                    tr("auth.login_unavailable", reason=md_escape(error)), icon=":material/block:"
                )
        return None
    if is_allowed_email(email, config.emails):
        return email
    st.warning(tr("auth.not_allowed", email=md_escape(email)), icon=":material/block:")
    return None


def editing_status() -> None:
    """One plain line at the foot of the sidebar: is editing open, and who is signed in."""
    config = current_config()
    sidebar = st.sidebar
    sidebar.divider()
    if config.mode is Mode.OPEN:
        sidebar.caption(":material/lock_open: " + tr("auth.status_open"))
    elif config.mode is Mode.UNUSABLE:
        sidebar.caption(":material/block: " + tr("auth.status_unusable"))
    elif config.mode is Mode.PASSWORD:
        if st.session_state.get(_SIGNED_IN):
            sidebar.caption(
                ":material/check_circle: " + tr("auth.status_signed_in", who=tr("auth.editor_name"))
            )
            sidebar.button(tr("auth.sign_out"), key=K_SIGN_OUT, on_click=_sign_out)
        else:
            sidebar.caption(":material/lock: " + tr("auth.status_password"))
    else:
        email = _signed_in_email()
        if email is None:
            sidebar.caption(":material/lock: " + tr("auth.status_sign_in"))
            return
        if is_allowed_email(email, config.emails):
            sidebar.caption(
                ":material/check_circle: " + tr("auth.status_signed_in", who=md_escape(email))
            )
        else:
            sidebar.caption(":material/lock: " + tr("auth.status_not_editor", who=md_escape(email)))
        if sidebar.button(tr("auth.sign_out"), key=K_LOGOUT):
            st.logout()
