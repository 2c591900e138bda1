"""Part of step 2: answer rows left out of the round by hand, each with its reason.

A test answer, a pole that answered twice, a respondent withdrawn: the editor picks the row,
says why, and the file is read again without it (`ingest(excluded_rows=...)`), so the
report above, the preview, the comparison and what is stored all leave it out. The reason
is required; the store records each row left out (row, pole, reason) in the audit log when
the round is stored. A row can be put back at any time before that.

Rows are offered from the file as read without any exclusion (`base`), below the header row
the current column choices give; pole names are shown as written, in option labels and
table cells, never as Markdown.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis.ingest.cleaning.cells import display_values
from analysis.ingest.exclusions import MAX_REASON, answer_rows, clean_reason
from analysis.ingest.pipeline import IngestResult
from ui.text import tr
from ui.upload import state

K_ROW, K_REASON, K_EXCLUDE = "upload_exclude_row", "upload_exclude_reason", "upload_exclude"
#: The checkbox of each row option (`state.ROW_OPTIONS`).
K_OPTIONS = {"drop_incomplete": "upload_drop_incomplete", "keep_latest": "upload_keep_latest"}
#: The report's codes that make each option worth offering (kept, or dropped as asked).
_OPTION_CODES = {
    "drop_incomplete": frozenset({"incomplete_response", "incomplete_dropped"}),
    "keep_latest": frozenset({"repeated_submission", "earlier_submission_dropped"}),
}
#: Set by the button's callback when the reason is blank; shown once, then forgotten.
_NO_REASON = "_upload_exclude_no_reason"


def include_key(row: int) -> str:
    """The key of the button putting row `row` back (`upload_include_7`)."""
    return f"upload_include_{row}"


def _pole_texts(base: IngestResult, result: IngestResult, rows: list[int]) -> dict[int, str]:
    """Each row's pole cell as typed, by the pole column of the current choices."""
    mapping = result.mapping
    raw = base.raw
    pole = mapping.by_field.get("pole") if mapping is not None else None
    found = [row for row in rows if raw is not None and row in raw.cells.index]
    texts = dict.fromkeys(rows, "")
    if raw is None or pole is None or pole.position not in raw.cells.columns or not found:
        return texts
    shown = display_values(raw.cells.loc[found, pole.position])
    return texts | {int(row): str(text) for row, text in shown.items()}


def _exclude() -> None:
    """Button callback: leave the chosen row out when a reason is given, then clear the form."""
    row = st.session_state.get(K_ROW)
    reason = clean_reason(st.session_state.get(K_REASON))
    if row is None:
        return
    if not reason:
        st.session_state[_NO_REASON] = True
        return
    state.exclude_row(int(row), reason)
    st.session_state[K_ROW] = None
    st.session_state[K_REASON] = ""


def _remember_option(option: str) -> None:
    """Checkbox callback: the widget's value becomes the session's choice."""
    state.choose_row_option(option, bool(st.session_state.get(K_OPTIONS[option])))


def _options(result: IngestResult) -> None:
    """The survey tool's unfinished and repeated responses, kept or left out by choice,
    offered only when the report names such rows (its warnings name each row)."""
    chosen = state.row_options()
    for option, codes in _OPTION_CODES.items():
        rows = sorted({p.row for p in result.report.problems if p.code in codes and p.row})
        if not rows:
            continue
        st.checkbox(
            tr(f"upload.rows_{option}", rows=", ".join(str(row) for row in rows)),
            value=option in chosen,
            key=K_OPTIONS[option],
            on_change=_remember_option,
            args=(option,),
        )


def render(base: IngestResult, result: IngestResult) -> None:
    """The tool's unfinished or repeated responses, the rows left out by hand (each can
    be put back) and the form leaving one more out."""
    if base.raw is None or result.mapping is None or not result.mapping.has_pole:
        return
    if any(p.code in codes for codes in _OPTION_CODES.values() for p in result.report.problems):
        st.markdown("**" + tr("upload.rows_tool_title") + "**")
        _options(result)
    excluded = state.excluded_rows()
    offered = [
        int(row)
        for row in answer_rows(base.raw, result.mapping.header_row)
        if int(row) not in excluded
    ]
    poles = _pole_texts(base, result, sorted({*offered, *excluded}))
    with st.expander(tr("upload.rows_title"), expanded=bool(excluded)):
        st.caption(tr("upload.rows_intro"))
        if excluded:
            _listing(excluded, poles)
        if not offered:
            st.caption(tr("upload.rows_none_left"))
            return
        labels = {
            row: tr("upload.rows_option", row=str(row), pole=poles[row] or "–") for row in offered
        }
        st.selectbox(
            tr("upload.rows_row"),
            offered,
            index=None,
            format_func=labels.__getitem__,  # worded now, in the session's language
            placeholder=tr("upload.rows_placeholder"),
            key=K_ROW,
        )
        st.text_input(
            tr("upload.rows_reason"),
            key=K_REASON,
            max_chars=MAX_REASON,
            placeholder=tr("upload.rows_reason_placeholder"),
        )
        if st.session_state.pop(_NO_REASON, False):
            st.error(tr("upload.rows_reason_required"), icon=":material/block:")
        st.button(tr("upload.rows_exclude"), key=K_EXCLUDE, on_click=_exclude)


def _listing(excluded: dict[int, str], poles: dict[int, str]) -> None:
    """The rows left out as a table (user text in cells, never Markdown), and the buttons."""
    rows = sorted(excluded)
    st.dataframe(
        pd.DataFrame(
            {
                tr("upload.rows_col_row"): rows,
                tr("upload.rows_col_pole"): [poles.get(row, "") for row in rows],
                tr("upload.rows_col_reason"): [excluded[row] for row in rows],
            }
        ),
        hide_index=True,
        width="stretch",
    )
    columns = st.columns(min(len(rows), 4))
    for index, row in enumerate(rows):
        columns[index % len(columns)].button(
            tr("upload.rows_include", row=str(row)),
            key=include_key(row),
            on_click=state.include_row,
            args=(row,),
            icon=":material/undo:",
        )
