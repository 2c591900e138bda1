"""Rounds: what the store holds, where each round came from, and every change made to it.

Viewing is open. Deleting and restoring are drawn only for a signed-in administrator (an
anonymous visitor sees the tables, the downloads and a folded "sign in to edit" form, no
delete and no restore); they are asked for here and carried out by `ui.rounds_actions`
after `ui.auth.editor_gate()` once more; replacing is the upload page's job. Destructive
buttons are secondary ones, and a deletion needs the round's name typed. A change
bumps the store's revision, which every cached load keys on, so the rest of the app
follows at once. The tables and their wording are `analysis.store.listing`'s.
"""

from contextlib import suppress

import streamlit as st
from streamlit.errors import StreamlitAPIException

from analysis.auth import Role
from analysis.core.model import SourceFile
from analysis.store.errors import StoreError
from analysis.store.listing import (
    file_option,
    rounds_table,
    version_option,
    versions_table,
)
from ui import audit_log, auth, cached_store, people_admin, rounds_actions, shell
from ui.navigation import PAGES
from ui.rounds_actions import Change
from ui.tables import show_table
from ui.text import md_escape, tr

_FOLLOWED = "_rounds_followed"
UPLOAD_PAGE = "pages/upload.py"

context = shell.current()
lang = context.lang
st.title(tr("rounds.title"))
st.caption(tr("rounds.subtitle"))
if context.error:
    st.stop()  # the banner above says why the store cannot be read
store = cached_store.store()
rounds_actions.show_flash()
sha_column = st.column_config.TextColumn(help=tr("rounds.sha_help"))
editor = auth.current_identity()
# Deleting and restoring are the administrator's (issue 19); an editor only replaces.
admin = editor if editor is not None and editor.role.allows(Role.ADMIN) else None

# --- the stored rounds ----------------------------------------------------------------

records = cached_store.rounds(cached_store.database_url(), cached_store.data_version())
labels = [record.label for record in records]
if records:
    show_table(
        rounds_table(records, lang),
        lang,
        key="rounds_table",
        column_config={
            tr("rounds.col_sha"): sha_column,
            tr("rounds.col_synthetic"): st.column_config.CheckboxColumn(),
        },
    )
else:
    st.info(tr("rounds.no_rounds"), icon=":material/info:")

# --- one round in detail: its original, its versions, deletion --------------------------

delete_box = None
if records:
    st.header(tr("rounds.details"))
    default = labels.index(context.label) if context.label in labels else len(labels) - 1
    # The detail follows the round chosen in the sidebar whenever that choice changes.
    if st.session_state.get(_FOLLOWED) != context.label:
        st.session_state[_FOLLOWED] = context.label
        st.session_state.pop("rounds_pick", None)
    if st.session_state.get("rounds_pick") not in (None, *labels):
        del st.session_state["rounds_pick"]
    label = st.selectbox(tr("rounds.pick"), labels, index=default, key="rounds_pick")

    original: SourceFile | None
    try:
        original = store.original_file(label)
    except StoreError:
        original = None
    if original is None:
        st.caption(tr("rounds.no_original"))
    else:
        st.download_button(
            tr("rounds.download", name=md_escape(original.name)),
            data=original.content,
            file_name=original.name,
            mime="application/octet-stream",
            key="rounds_download",
            icon=":material/download:",
        )
    record = next(r for r in records if r.label == label)
    if record.personal_columns:
        # The round never holds them; its original, kept byte for byte, still does (issue 13).
        columns = md_escape(", ".join(record.personal_columns))
        st.warning(tr("rounds.personal_data", columns=columns), icon=":material/badge:")
    if record.sha256:
        st.caption(tr("rounds.sha_full", sha=record.sha256))

    st.markdown("### " + tr("rounds.versions_title"))
    versions = store.round_versions(label)
    show_table(
        versions_table(versions, lang),
        lang,
        key="rounds_versions",
        column_config={
            tr("rounds.col_sha"): sha_column,
            tr("rounds.col_current"): st.column_config.CheckboxColumn(),
        },
    )
    st.caption(tr("rounds.versions_caption"))
    kept = {v.version_id: v for v in versions if not v.current}
    if kept and admin is not None:
        restore_to = st.selectbox(
            tr("rounds.restore_pick"),
            list(kept),
            format_func=lambda version_id: version_option(kept[version_id], lang),
            key="rounds_restore_version",
        )
        if st.button(tr("rounds.restore_button"), key="rounds_restore"):
            rounds_actions.ask(Change("restore", label, int(restore_to)))

    files = store.file_versions(label)
    earlier = {f.file_id: f for f in files if not f.current}
    if earlier:
        st.markdown("### " + tr("rounds.files_title"))
        file_id = st.selectbox(
            tr("rounds.file_pick"),
            list(earlier),
            format_func=lambda kept_id: file_option(earlier[kept_id], lang),
            key="rounds_file_pick",
        )
        earlier_file = store.file_content(int(file_id))
        st.download_button(
            tr("rounds.file_download"),
            data=earlier_file.content,
            file_name=earlier_file.name,
            mime="application/octet-stream",
            key="rounds_file_download",
            icon=":material/download:",
        )

    if editor is None:
        # Anonymous: no delete, no restore; a folded form to become an editor.
        with st.expander(tr("rounds.sign_in_to_edit"), icon=":material/lock:"):
            auth.editor_gate(Role.ADMIN)
    elif admin is None:
        st.info(tr("rounds.admin_needed"), icon=":material/lock:")
    else:
        st.markdown("### " + tr("rounds.delete_title", label=md_escape(label)))
        st.caption(tr("rounds.delete_explain"))
        typed = st.text_input(
            tr("rounds.delete_confirm", label=md_escape(label)), key="rounds_confirm"
        )
        if st.button(tr("rounds.delete_button"), key="rounds_delete", type="secondary"):
            if typed.strip() == label:
                rounds_actions.ask(Change("delete", label))
            else:
                st.error(
                    tr("rounds.confirm_mismatch", label=md_escape(label)), icon=":material/block:"
                )
        # A change asked for is drawn here but carried out last, after the audit log.
        delete_box = st.container()

    st.markdown("### " + tr("rounds.replace_title"))
    st.caption(tr("rounds.replace_note"))
    if any(page[0] == UPLOAD_PAGE for page in PAGES):
        # A page run on its own (no st.navigation yet) may not know the upload page.
        with suppress(StreamlitAPIException):
            st.page_link(UPLOAD_PAGE, label=tr("rounds.replace_link"), icon=":material/upload:")

# --- people and roles (administrators, with a sign-in provider), then the audit log -------

people_admin.render(lang)
audit_log.render(store, lang)

# --- a change asked for: behind the editor credential -----------------------------------

if delete_box is None:
    rounds_actions.forget()  # no round left, or no editor: nothing to change
else:
    rounds_actions.carry_out(store, delete_box, lang)
