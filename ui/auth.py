"""The editor credential on screen: the sidebar's editing line and the gate before a change.

Viewing is open. A page that changes the store (upload, replace, restore, delete) calls
`editor_gate()` where the change is asked for, and stops when it returns None:

    identity = editor_gate()
    if identity is None:
        st.stop()
    store.delete_round(label, actor=identity)

The returned identity is what the audit log records: `"shared password"` after the
shared editor password or the first-start token (a shared secret names no person), or the
signed-in e-mail with a sign-in provider. There is no open mode: with no credential
configured, a token is drawn at first start, kept owner-only outside git and printed in
the server's console with the URL (`announce_token`). The password itself is never kept:
it leaves session state in the form's callback, before the comparison, and only a
boolean remembers the success.

Every attempt takes a token from one process-wide budget (`analysis.auth.AttemptBudget`):
new sessions do not buy fresh attempts, a success does not refill it, and an attempt over
budget is refused at once with the wait ("try again in N s"); no thread sleeps.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import streamlit as st

from analysis.auth import (
    MIN_PASSWORD_LENGTH,
    SHARED_PASSWORD,
    AttemptBudget,
    EditorConfig,
    Mode,
    editor_config,
    ensure_token,
    is_allowed_email,
    password_matches,
    token_file,
)
from analysis.core.i18n import t
from ui.text import md_escape, tr

#: Identity returned (and written in the audit log) after the shared password or token.
EDITOR = SHARED_PASSWORD

#: Session-state keys: a boolean remembers the success, never the password.
_SIGNED_IN = "_editor_signed_in"
_REFUSED = "_editor_refused"
K_PASSWORD, K_SUBMIT, K_SIGN_OUT, K_LOGIN, K_LOGOUT = (
    "auth_password",
    "auth_submit",
    "auth_sign_out",
    "auth_login",
    "auth_logout",
)
_FORM = "auth_form"

#: The sign-in attempts of every session together (process-wide: sessions are threads).
BUDGET = AttemptBudget()
#: The first-start token's files already read (and announced) by this process.
_TOKENS: dict[Path, str] = {}
_TOKENS_LOCK = threading.Lock()
#: Why editing is disabled, already said in the console by this process.
_WARNED: set[str | None] = set()


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


def _announce(token: str, path: Path, created: bool) -> None:
    """Print the token and the URL in the server's console (the `streamlit run` log)."""
    address = st.get_option("server.address") or "localhost"
    port = st.get_option("server.port")
    base = str(st.get_option("server.baseUrlPath") or "").strip("/")
    url = f"http://{address}:{port}/" + (f"{base}/" if base else "")
    origin = "created" if created else "read from"
    print(
        f"\n  Editing needs a credential and none is configured, so a token was {origin}"
        f"\n  {path} (owner-only). Open {url} and sign in to edit with:"
        f"\n\n      {token}\n",
        flush=True,
    )


def _warn_once(problem: str | None) -> None:
    """Say in the server's console, once a process, why editing is disabled."""
    with _TOKENS_LOCK:
        if problem in _WARNED:
            return
        _WARNED.add(problem)
    message = t(f"auth.{problem}", "en", n=MIN_PASSWORD_LENGTH)
    print(f"\n  Editing is disabled: {message}\n", flush=True)


def first_start_token() -> str:
    """The first-start token (drawn and written at the first call), printed once a process."""
    path = token_file(os.environ)
    with _TOKENS_LOCK:
        token = _TOKENS.get(path)
        if token is None:
            token, created = ensure_token(path)
            _TOKENS[path] = token
            _announce(token, path, created)
        return token


def current_config() -> EditorConfig:
    """The credential configured now (secrets and environment are read on every call).

    With none configured, the first-start token is the password (`Mode.TOKEN`); a token
    file that cannot be written refuses editing instead of leaving it open.
    """
    config = editor_config(read_secrets(), os.environ)
    if config.mode is Mode.UNUSABLE:
        _warn_once(config.problem)
    if config.mode is not Mode.TOKEN:
        return config
    try:
        return EditorConfig(Mode.TOKEN, password=first_start_token())
    except OSError:
        return EditorConfig(Mode.UNUSABLE, problem="token_unwritable")


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
    if config.mode in (Mode.PASSWORD, Mode.TOKEN):
        return EDITOR if st.session_state.get(_SIGNED_IN) else None
    if config.mode is Mode.OIDC:
        email = _signed_in_email()
        return email if is_allowed_email(email, config.emails) else None
    return None


def _check_password() -> None:
    """Form callback: compare the typed password, then forget it.

    The widget's value is cleared before anything else, so the password stays in session
    state only while this callback runs. Each attempt takes a token from `BUDGET`; with
    none left the attempt is not even compared and the refusal names the wait.
    """
    given = str(st.session_state.get(K_PASSWORD) or "")
    st.session_state[K_PASSWORD] = ""
    config = current_config()
    if config.mode not in (Mode.PASSWORD, Mode.TOKEN) or config.password is None:
        return
    if not given:
        st.session_state[_REFUSED] = tr("auth.empty_password")
        return
    wait = BUDGET.take()
    if wait > 0:
        st.session_state[_REFUSED] = tr("auth.try_again", seconds=max(1, round(wait)))
        return
    if password_matches(given, config.password):
        st.session_state[_SIGNED_IN] = True
        st.session_state.pop(_REFUSED, None)
        return
    st.session_state[_REFUSED] = tr("auth.refused")


def _sign_out() -> None:
    """Button callback: forget the password sign-in."""
    st.session_state.pop(_SIGNED_IN, None)
    st.session_state.pop(_REFUSED, None)


def _password_form(mode: Mode) -> None:
    with st.form(_FORM, clear_on_submit=False, border=True):
        st.markdown(tr("auth.token_needed" if mode is Mode.TOKEN else "auth.password_needed"))
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
        st.error(str(refusal), icon=":material/block:")


def editor_gate() -> str | None:
    """The editor's identity, or None after drawing what is needed to become one.

    The shared password or first-start token returns `"shared password"` once given (a
    form otherwise); a sign-in provider returns the signed-in e-mail when it
    is on the allow-list (a sign-in button or an explanation otherwise). The caller must
    `st.stop()` on None.
    """
    config = current_config()
    if config.mode is Mode.UNUSABLE:
        st.error(tr(f"auth.{config.problem}", n=MIN_PASSWORD_LENGTH), icon=":material/block:")
        return None
    if config.mode in (Mode.PASSWORD, Mode.TOKEN):
        if st.session_state.get(_SIGNED_IN):
            return EDITOR
        _password_form(config.mode)
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
    if config.mode is Mode.UNUSABLE:
        sidebar.caption(":material/block: " + tr("auth.status_unusable"))
    elif config.mode in (Mode.PASSWORD, Mode.TOKEN):
        if st.session_state.get(_SIGNED_IN):
            sidebar.caption(":material/check_circle: " + tr("auth.status_signed_in_editor"))
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
