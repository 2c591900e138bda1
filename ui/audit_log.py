"""The Rounds page's audit log: filters (person, action, round), the table, the CSV.

Open to every visitor like the rest of the page: the log says who changed what, which is
the point of signing people in (issue 19). Times are shown in the browser's time zone
(`st.context.timezone`), stored and exported in UTC too; the wording and the CSV are
`analysis.store.listing`'s.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import streamlit as st

from analysis.core.i18n import Lang
from analysis.core.mime import CSV_MIME
from analysis.store import SurveyStore
from analysis.store.audit import ACTIONS
from analysis.store.listing import audit_csv, audit_table
from ui.tables import show_table
from ui.text import tr

#: Audit entries shown (newest first).
AUDIT_LIMIT = 200
#: The filter value meaning "no filter".
_ALL = ""
K_WHO, K_ACTION, K_LABEL, K_DOWNLOAD = (
    "audit_who",
    "audit_action",
    "audit_label",
    "audit_download",
)


def browser_zone() -> ZoneInfo | None:
    """The visitor's time zone, as the browser reports it; None when unknown."""
    try:
        name = st.context.timezone
    except Exception:  # no browser context (a script run outside a session)
        return None
    if not name:
        return None
    try:
        return ZoneInfo(str(name))
    except (ZoneInfoNotFoundError, ValueError):
        return None


def _picker(label: str, options: list[str], key: str, shown: dict[str, str]) -> str | None:
    """A filter: "All" first, then `options`; the chosen value, None for all."""
    if st.session_state.get(key) not in (None, _ALL, *options):
        del st.session_state[key]  # a value no longer offered (a round deleted meanwhile)
    # The words are decided now, not inside `format_func` (which AppTest calls later).
    words = {_ALL: tr("rounds.audit_filter_all")} | {o: shown.get(o, o) for o in options}
    value = st.selectbox(label, [_ALL, *options], format_func=words.__getitem__, key=key)
    return value or None


def render(store: SurveyStore, lang: Lang) -> None:
    """The audit log with its filters and its CSV download."""
    st.header(tr("rounds.audit_title"))
    who_column, action_column, label_column = st.columns(3)
    with who_column:
        who = _picker(tr("rounds.audit_filter_who"), store.audit_values("actor"), K_WHO, {})
    with action_column:
        actions = {action: tr(f"rounds.action_{action}") for action in ACTIONS}
        action = _picker(tr("rounds.audit_filter_action"), list(ACTIONS), K_ACTION, actions)
    with label_column:
        label = _picker(tr("rounds.audit_filter_label"), store.audit_values("label"), K_LABEL, {})
    entries = store.audit_log(limit=AUDIT_LIMIT, actor=who, action=action, label=label)
    if not entries:
        st.caption(tr("rounds.audit_empty"))
        return
    zone = browser_zone()
    show_table(
        audit_table(entries, lang, zone),
        lang,
        key="rounds_audit",
        column_config={
            tr("rounds.col_sha"): st.column_config.TextColumn(help=tr("rounds.sha_help"))
        },
    )
    st.caption(tr("rounds.audit_caption", n=len(entries)))
    st.download_button(
        tr("rounds.audit_download"),
        data=audit_csv(entries, lang, zone),
        file_name="audit.csv",
        mime=CSV_MIME,
        key=K_DOWNLOAD,
        icon=":material/download:",
    )
