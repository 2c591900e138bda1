"""Rounds: what the store holds, where each round came from, and every change made to it.

Viewing is open. Deleting and restoring are asked for here and carried out only after
`ui.auth.editor_gate()` (drawn only once a change is asked for, so viewers never meet a
password form); replacing is the upload page's job. A change bumps the store's revision,
which every cached load keys on, so the rest of the app follows at once.
"""

from contextlib import suppress
from datetime import datetime
from functools import partial

import pandas as pd
import streamlit as st
from streamlit.errors import StreamlitAPIException

from analysis.core.i18n import Lang, fmt_date, fmt_int, fmt_number, t
from analysis.store.errors import StoreError
from ui import data, shell
from ui.auth import editor_gate
from ui.navigation import PAGES
from ui.text import md_escape, tr

#: Session-state keys of the page's own state (not widgets).
_PENDING = "_rounds_pending"
_FLASH = "_rounds_flash"
_FOLLOWED = "_rounds_followed"
#: Audit entries shown (newest first).
AUDIT_LIMIT = 200
#: Characters of a SHA-256 shown in the narrow column.
SHA_SHOWN = 12
UPLOAD_PAGE = "pages/upload.py"

context = shell.current()
lang = context.lang
st.title(tr("rounds.title"))
st.caption(tr("rounds.subtitle"))
if context.error:
    st.stop()  # the banner above says why the store cannot be read
store = data.store()

flash = st.session_state.pop(_FLASH, None)
if flash:
    st.success(flash, icon=":material/check_circle:")


def when(moment: datetime | None, language: Lang) -> str:
    """`29 Nov 2026 14:05` in the page's language (times are stored in UTC)."""
    if moment is None:
        return "–"
    return f"{fmt_date(moment, language)} {moment:%H:%M}"


def size(value: int | None, language: Lang) -> str:
    """A byte count as `12 kB` / `12 ko`, `3.4 MB` / `3,4 Mo`."""
    if value is None:
        return "–"
    if value < 1000:
        return t("rounds.size_b", language, value=fmt_int(value, language))
    if value < 1_000_000:
        return t("rounds.size_kb", language, value=fmt_number(value / 1000, language))
    return t("rounds.size_mb", language, value=fmt_number(value / 1_000_000, language))


def short(sha: str | None) -> str:
    """The first characters of a SHA-256, enough to tell files apart at a glance."""
    return f"{sha[:SHA_SHOWN]}…" if sha else "–"


# --- the stored rounds ----------------------------------------------------------------

records = data.rounds(data.database_url(), data.data_version())
labels = [record.label for record in records]
if records:
    st.dataframe(
        pd.DataFrame(
            {
                tr("rounds.col_label"): [r.label for r in records],
                tr("rounds.col_period"): [r.period_label or "–" for r in records],
                tr("rounds.col_respondents"): [r.respondents for r in records],
                tr("rounds.col_synthetic"): [r.synthetic for r in records],
                tr("rounds.col_uploaded"): [when(r.uploaded_at, lang) for r in records],
                tr("rounds.col_by"): [r.uploaded_by or "–" for r in records],
                tr("rounds.col_file"): [r.file_name or "–" for r in records],
                tr("rounds.col_sha"): [short(r.sha256) for r in records],
                tr("rounds.col_size"): [size(r.size, lang) for r in records],
                tr("rounds.col_sha_full"): [r.sha256 or "–" for r in records],
            }
        ),
        hide_index=True,
        column_config={
            tr("rounds.col_sha"): st.column_config.TextColumn(help=tr("rounds.sha_help")),
            tr("rounds.col_synthetic"): st.column_config.CheckboxColumn(),
        },
    )
else:
    st.info(tr("rounds.no_rounds"), icon=":material/info:")

# --- one round in detail: its original, its versions, deletion --------------------------

delete_box = None
if records:
    st.subheader(tr("rounds.details"))
    default = labels.index(context.label) if context.label in labels else len(labels) - 1
    # The detail follows the round chosen in the sidebar whenever that choice changes.
    if st.session_state.get(_FOLLOWED) != context.label:
        st.session_state[_FOLLOWED] = context.label
        st.session_state.pop("rounds_pick", None)
    if st.session_state.get("rounds_pick") not in (None, *labels):
        del st.session_state["rounds_pick"]
    label = st.selectbox(tr("rounds.pick"), labels, index=default, key="rounds_pick")

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

    st.markdown("#### " + tr("rounds.versions_title"))
    versions = store.round_versions(label)
    st.dataframe(
        pd.DataFrame(
            {
                tr("rounds.col_version"): [v.version_id for v in versions],
                tr("rounds.col_current"): [v.current for v in versions],
                tr("rounds.col_imported"): [when(v.imported_at, lang) for v in versions],
                tr("rounds.col_by"): [v.imported_by or "–" for v in versions],
                tr("rounds.col_superseded"): [when(v.superseded_at, lang) for v in versions],
                tr("rounds.col_respondents"): [v.respondents for v in versions],
                tr("rounds.col_projects"): [v.project_rows for v in versions],
                tr("rounds.col_sha"): [short(v.sha256) for v in versions],
            }
        ),
        hide_index=True,
        column_config={tr("rounds.col_current"): st.column_config.CheckboxColumn()},
    )
    st.caption(tr("rounds.versions_caption"))
    kept = {v.version_id: v for v in versions if not v.current}
    if kept:

        def version_option(version_id: int, language: Lang) -> str:
            """How a kept version reads in the picker (bound to the language)."""
            version = kept[version_id]
            return t(
                "rounds.version_option",
                language,
                version=str(version_id),
                when=when(version.imported_at, language),
                n=version.respondents,
            )

        restore_to = st.selectbox(
            tr("rounds.restore_pick"),
            list(kept),
            format_func=partial(version_option, language=lang),
            key="rounds_restore_version",
        )
        if st.button(tr("rounds.restore_button"), key="rounds_restore"):
            st.session_state[_PENDING] = {
                "action": "restore",
                "label": label,
                "version": int(restore_to),
            }

    files = store.file_versions(label)
    earlier = {f.file_id: f for f in files if not f.current}
    if earlier:
        st.markdown("#### " + tr("rounds.files_title"))

        def file_option(file_id: int, language: Lang) -> str:
            """How a kept original reads in the picker (bound to the language)."""
            kept_file = earlier[file_id]
            return t(
                "rounds.file_option",
                language,
                name=kept_file.name,
                when=when(kept_file.uploaded_at, language),
            )

        file_id = st.selectbox(
            tr("rounds.file_pick"),
            list(earlier),
            format_func=partial(file_option, language=lang),
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

    st.markdown("#### " + tr("rounds.delete_title", label=md_escape(label)))
    st.caption(tr("rounds.delete_explain"))
    typed = st.text_input(tr("rounds.delete_confirm", label=md_escape(label)), key="rounds_confirm")
    if st.button(tr("rounds.delete_button"), key="rounds_delete", type="primary"):
        if typed.strip() == label:
            st.session_state[_PENDING] = {"action": "delete", "label": label}
        else:
            st.error(tr("rounds.confirm_mismatch", label=md_escape(label)), icon=":material/block:")
    # The change asked for is carried out below, after the audit log is drawn, so that a
    # gate that stops the page never hides the log.
    delete_box = st.container()

    st.markdown("#### " + tr("rounds.replace_title"))
    st.caption(tr("rounds.replace_note"))
    if any(page[0] == UPLOAD_PAGE for page in PAGES):
        # A page run on its own (no st.navigation yet) may not know the upload page.
        with suppress(StreamlitAPIException):
            st.page_link(UPLOAD_PAGE, label=tr("rounds.replace_link"), icon=":material/upload:")

# --- the audit log -------------------------------------------------------------------------

st.subheader(tr("rounds.audit_title"))
entries = store.audit_log(limit=AUDIT_LIMIT)
if entries:
    st.dataframe(
        pd.DataFrame(
            {
                tr("rounds.col_when"): [when(e.at, lang) for e in entries],
                tr("rounds.col_action"): [tr(f"rounds.action_{e.action}") for e in entries],
                tr("rounds.col_label"): [e.label or "–" for e in entries],
                tr("rounds.col_who"): [e.actor or "–" for e in entries],
                tr("rounds.col_file"): [e.file_name or "–" for e in entries],
                tr("rounds.col_sha"): [short(e.sha256) for e in entries],
                tr("rounds.col_respondents"): pd.array(
                    [e.respondents for e in entries], dtype="Int64"
                ),
                tr("rounds.col_yearly"): pd.array([e.yearly_rows for e in entries], dtype="Int64"),
                tr("rounds.col_projects"): pd.array(
                    [e.project_rows for e in entries], dtype="Int64"
                ),
                tr("rounds.col_sha_full"): [e.sha256 or "–" for e in entries],
            }
        ),
        hide_index=True,
        column_config={
            tr("rounds.col_sha"): st.column_config.TextColumn(help=tr("rounds.sha_help"))
        },
    )
    st.caption(tr("rounds.audit_caption", n=len(entries)))
else:
    st.caption(tr("rounds.audit_empty"))

# --- a change asked for: behind the editor credential -----------------------------------

pending = st.session_state.get(_PENDING)
if pending and delete_box is None:
    st.session_state.pop(_PENDING, None)  # nothing left to change
elif pending and delete_box is not None:
    with delete_box, st.container(border=True):
        target = md_escape(pending["label"])
        if pending["action"] == "delete":
            st.markdown(tr("rounds.pending_delete", label=target))
        else:
            st.markdown(tr("rounds.pending_restore", label=target, version=str(pending["version"])))
        if st.button(tr("rounds.cancel"), key="rounds_cancel"):
            st.session_state.pop(_PENDING, None)
            st.rerun()
        identity = editor_gate()
        if identity is None:
            st.stop()
        st.session_state.pop(_PENDING, None)
        try:
            if pending["action"] == "delete":
                record = store.delete_round(pending["label"], actor=identity)
                done = tr("rounds.deleted", label=target, n=record.respondents)
                st.session_state.pop("rounds_confirm", None)
                st.session_state.pop("rounds_pick", None)
            else:
                store.restore_version(pending["label"], pending["version"], actor=identity)
                done = tr("rounds.restored", label=target, version=str(pending["version"]))
        except StoreError as error:
            st.error(error.message(lang), icon=":material/warning:")
        else:
            st.session_state[_FLASH] = done
            st.rerun()
