"""The Rounds page's "People and roles" section: administrators give and take roles.

Shown only with a sign-in provider (the shared password names nobody to give a role to)
and only to an administrator. The secrets' lists are shown read-only (the operator's);
roles given here are kept in the store (`analysis.store.people`) and every change is
audited there. Each change asks `auth.editor_gate(Role.ADMIN)` again when it is made, so
a role taken away meanwhile cannot be used.
"""

from __future__ import annotations

import streamlit as st

from analysis.auth import ADMINS_SECRET, EMAILS_SECRET, Mode, Role, editor_emails
from analysis.core.i18n import Lang
from analysis.store import StoreError
from analysis.store.errors import InvalidEmail
from analysis.store.listing import people_table
from analysis.store.people import GRANTABLE
from ui import auth, cached_store
from ui.text import md_escape, tr

K_EMAIL, K_ROLE, K_GIVE, K_PICK, K_REMOVE = (
    "people_email",
    "people_role",
    "people_give",
    "people_pick",
    "people_remove",
)
_FLASH = "_people_flash"


def _secrets_roles() -> dict[str, str]:
    """E-mail -> role from `secrets.toml` (an address on both lists is an administrator)."""
    secrets = auth.read_secrets() or {}
    roles = dict.fromkeys(editor_emails(secrets, EMAILS_SECRET), Role.EDITOR.value)
    return roles | dict.fromkeys(editor_emails(secrets, ADMINS_SECRET), Role.ADMIN.value)


def render(lang: Lang) -> None:
    """The section, for a signed-in administrator with a sign-in provider; nothing otherwise."""
    config = auth.current_config()
    identity = auth.current_identity(config)
    if config.mode is not Mode.OIDC or identity is None or not identity.role.allows(Role.ADMIN):
        return
    st.header(tr("rounds.people_title"))
    st.caption(tr("rounds.people_caption"))
    flash = st.session_state.pop(_FLASH, None)
    if flash:
        st.success(str(flash), icon=":material/check_circle:")
    store = cached_store.store()
    stored = store.people()
    table = people_table(_secrets_roles(), {e: r.value for e, r in stored.items()}, lang)
    st.dataframe(table, hide_index=True)
    roles = {role: tr(f"rounds.role_{role.value}") for role in GRANTABLE}
    with st.form("people_form", border=True):
        email = st.text_input(tr("rounds.people_email"), key=K_EMAIL)
        role = st.selectbox(
            tr("rounds.people_role"), list(GRANTABLE), format_func=roles.__getitem__, key=K_ROLE
        )
        give = st.form_submit_button(tr("rounds.people_give"), key=K_GIVE)
    if stored:
        pick = st.selectbox(tr("rounds.people_remove_pick"), list(stored), key=K_PICK)
        remove = st.button(tr("rounds.people_remove"), key=K_REMOVE, type="secondary")
    else:
        pick, remove = None, False
    if not (give or remove):
        return
    actor = auth.editor_gate(Role.ADMIN)
    if actor is None:
        return
    try:
        if give:
            changed = store.set_role(email, Role(role), actor=actor)
            shown = md_escape(email.strip().lower())
            key = "rounds.people_given" if changed else "rounds.people_unchanged"
            message = tr(key, email=shown, role=roles[Role(role)])
        else:
            store.remove_person(str(pick), actor=actor)
            message = tr("rounds.people_removed", email=md_escape(str(pick)))
    except InvalidEmail:  # the typed text is shown escaped: it is a visitor's input
        shown = md_escape(email.strip()[:80])
        st.error(tr("store.invalid_email", email=shown), icon=":material/block:")
        return
    except StoreError as error:
        st.error(error.message(lang), icon=":material/block:")
        return
    st.session_state[_FLASH] = message
    st.rerun()
