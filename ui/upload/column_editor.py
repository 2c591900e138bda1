"""Part of step 3: change how any column is read: its role, the question it answers and,
for a yearly question, the year when its header names none (issue 13, item 4).

One column at a time: pick it, set the role, the field and the year, apply. The choice
becomes a column override (`ingest(column_overrides=...)`, keyed by `column_key`: the
header, or the letter when the header is blank or repeated), so the report, the preview,
the comparison and the stored round read the column that way, and it is remembered in the
store with the round for the next file with the same headers. A choice that is not
complete (an answer without a question, a yearly question without a year) changes nothing
and says why. Headers appear only in option labels, never in Markdown.
"""

from __future__ import annotations

import streamlit as st

from analysis.core.schema import FIELDS, FIELDS_BY_KEY, YEAR_MAX, YEAR_MIN
from analysis.ingest.mapping.columns import ColumnMapping
from analysis.ingest.mapping.headers import header_year
from analysis.ingest.mapping.identify import ColumnIdentity
from analysis.ingest.mapping.memory import ROLES, choice_target, column_key
from ui.text import lang, tr
from ui.upload import state

K_COLUMN, K_APPLY, K_RESET = "upload_edit_column", "upload_edit_apply", "upload_edit_reset"
#: Set by the Apply callback when the choice is not complete: the catalogue key to show.
_INCOMPLETE = "_upload_edit_incomplete"
#: The field selectbox's "no question" option.
NO_FIELD = ""


def role_key(position: int) -> str:
    """The role selectbox of the column at `position` (`upload_edit_role_6`)."""
    return f"upload_edit_role_{position}"


def field_key(position: int) -> str:
    """The field selectbox of the column at `position`."""
    return f"upload_edit_field_{position}"


def year_key(position: int) -> str:
    """The year input of the column at `position`."""
    return f"upload_edit_year_{position}"


def _apply(position: int, key: str) -> None:
    """Apply button callback: record the choice when it is complete, else say what is missing."""
    role = str(st.session_state.get(role_key(position), "answer"))
    field = st.session_state.get(field_key(position)) or None
    year = st.session_state.get(year_key(position))
    target = choice_target(role, field, int(year) if year is not None else None)
    if target is None:
        missing = field is None or field not in FIELDS_BY_KEY
        st.session_state[_INCOMPLETE] = (
            "upload.columns_edit_need_field" if missing else "upload.columns_edit_need_year"
        )
        return
    state.choose_column(key, target)


def _reset(position: int, key: str) -> None:
    """Reset button callback: the column is read automatically again, its widgets too."""
    state.forget_column(key)
    for widget in (role_key(position), field_key(position), year_key(position)):
        st.session_state.pop(widget, None)


def render(mapping: ColumnMapping, identities: tuple[ColumnIdentity, ...]) -> None:
    """The column picker and, for the column picked, its role, field, year and buttons."""
    if not identities:
        return
    st.markdown("**" + tr("upload.columns_edit") + "**")
    by_position = {identity.position: identity for identity in identities}
    labels = {
        identity.position: f"{identity.letter}: {identity.header}"
        if identity.header
        else identity.letter
        for identity in identities
    }  # option labels are plain text: the header is shown as written
    position = st.selectbox(
        tr("upload.columns_edit_column"),
        list(labels),
        index=None,
        format_func=labels.__getitem__,
        placeholder=tr("upload.columns_edit_placeholder"),
        key=K_COLUMN,
    )
    if position is None:
        return
    identity = by_position[int(position)]
    match = mapping.column(identity.position)
    key = column_key(mapping, match) if match is not None else identity.letter
    language = lang()
    role_labels = {role: tr(f"upload.role_{role}") for role in ROLES}
    fields = [NO_FIELD, *(spec.key for spec in FIELDS)]
    field_labels = {NO_FIELD: tr("upload.columns_edit_no_field")} | {
        spec.key: spec.label(language) for spec in FIELDS
    }
    role, field, year = st.columns([2, 3, 1])
    role.selectbox(
        tr("upload.columns_edit_role"),
        list(ROLES),
        index=ROLES.index(identity.role) if identity.role in ROLES else 1,
        format_func=role_labels.__getitem__,
        key=role_key(identity.position),
    )
    field.selectbox(
        tr("upload.columns_edit_field"),
        fields,
        index=fields.index(identity.field) if identity.field in fields else 0,
        format_func=field_labels.__getitem__,
        key=field_key(identity.position),
    )
    year.number_input(
        tr("upload.columns_edit_year"),
        min_value=YEAR_MIN,
        max_value=YEAR_MAX,
        value=identity.year if identity.year is not None else header_year(identity.header),
        step=1,
        key=year_key(identity.position),
        help=tr("upload.columns_edit_year_help"),
    )
    incomplete = st.session_state.pop(_INCOMPLETE, None)
    if incomplete:
        st.error(tr(incomplete), icon=":material/block:")
    apply, reset = st.columns(2)
    apply.button(
        tr("upload.columns_edit_apply"),
        key=K_APPLY,
        on_click=_apply,
        args=(identity.position, key),
        type="primary",
    )
    if key in state.column_choices():
        reset.button(
            tr("upload.columns_edit_reset"),
            key=K_RESET,
            on_click=_reset,
            args=(identity.position, key),
        )
