"""Step 5: the new round against a stored one, before anything is written.

Poles new and missing; the years compared (only those both rounds cover); the outlying
cells with the rule that flags them; every changed cell (old → new) listed and highlighted
in the file's own rows; the headline figures before and after.
"""

from __future__ import annotations

import streamlit as st

from analysis.analytics.comparison import chronological
from analysis.analytics.diff import diff_rounds
from analysis.analytics.diff_display import (
    changed_display,
    flagged_display,
    headline_display,
    rule_sentence,
    years_sentence,
)
from analysis.ingest.pipeline import IngestResult
from analysis.ingest.review import CHANGED, FLAGGED, Preview, changes_window
from ui import cached_store
from ui.shell import PageContext
from ui.text import md_escape, tr
from ui.upload.step_store import K_LABEL

#: Flagged changes listed at most (the count says how many there are in all).
FLAGGED_SHOWN = 500
K_PREVIOUS = "upload_previous"
#: Cell styles of the comparison's preview.
STYLES: dict[str, str] = {
    FLAGGED: "background-color: #f4c7c3; color: #5f0000; font-weight: bold",
    CHANGED: "background-color: #d6e6f5; color: #0b2e4f",
    "": "",
}


def styled(preview: Preview) -> object:
    """The window as a pandas Styler whose changed cells carry their colour."""
    marks = preview.marks.astype(object).fillna("")
    return preview.cells.style.apply(lambda _frame: marks.map(STYLES.get), axis=None)


def render(context: PageContext, result: IngestResult) -> None:
    """Pick the round to compare with and show the differences.

    The default is the round this file would replace when its label (step 6, kept from
    the previous run) names a stored one, else the newest round by period.
    """
    st.header(tr("upload.step_diff"))
    labels = list(reversed(chronological(context.rounds)))
    if not labels:
        st.caption(tr("upload.diff_no_previous"))
        return
    typed = str(st.session_state.get(K_LABEL) or "").strip()
    default = typed if typed in labels else labels[0]
    label = st.selectbox(
        tr("upload.diff_previous"),
        labels,
        index=labels.index(default),
        key=f"{K_PREVIOUS}_{default}",  # a new default (a label typed) redraws the choice
    )
    if label == typed:
        st.caption(tr("upload.diff_replacing", label=md_escape(label)))
    survey = result.survey
    if survey is None:
        return
    previous = cached_store.round_data(
        cached_store.database_url(), label, cached_store.data_version()
    )
    diff = diff_rounds(survey, previous, mapping=result.mapping)
    st.info(years_sentence(diff, context.lang), icon=":material/date_range:")
    counts = st.columns(3)
    counts[0].metric(tr("upload.diff_common"), len(diff.common_poles), border=True)
    counts[1].metric(tr("upload.diff_new"), len(diff.new_poles), border=True)
    counts[2].metric(tr("upload.diff_missing"), len(diff.missing_poles), border=True)
    for key, names in (
        ("diff_new_list", diff.new_poles),
        ("diff_missing_list", diff.missing_poles),
    ):
        if names:
            with st.expander(tr(f"upload.{key}", n=len(names))):
                st.dataframe(
                    {tr("upload.diff_pole"): list(names)},
                    key=f"upload_{key}",
                    hide_index=True,
                    width="stretch",
                )
    flagged = flagged_display(diff, context.lang)
    columns = {c: tr(f"upload.diff_col_{c}", label=label) for c in flagged.columns}
    if flagged.empty:
        st.success(
            tr("upload.diff_nothing_flagged", label=md_escape(label)),
            icon=":material/check_circle:",
        )
    else:
        st.warning(
            tr("upload.diff_flagged", n=len(flagged), label=md_escape(label)),
            icon=":material/search:",
        )
        st.dataframe(
            flagged.head(FLAGGED_SHOWN),
            key="upload_diff_flagged",
            hide_index=True,
            width="stretch",
            column_config=columns,
        )
    st.caption(rule_sentence(context.lang))
    changed = changed_display(diff, context.lang)
    if changed.empty:
        st.caption(tr("upload.diff_none_changed", label=md_escape(label)))
    else:
        with st.expander(tr("upload.diff_changed", n=len(changed)), expanded=not flagged.empty):
            st.dataframe(
                changed.head(FLAGGED_SHOWN),
                key="upload_diff_changed",
                hide_index=True,
                width="stretch",
                column_config={c: tr(f"upload.diff_col_{c}", label=label) for c in changed},
            )
            if result.raw is not None:
                header_row = result.mapping.header_row if result.mapping else None
                window = changes_window(result.raw.cells, diff.changed, header_row=header_row)
                st.caption(tr("upload.diff_preview"))
                if window.hidden_rows:
                    st.caption(tr("upload.preview_window", hidden=window.hidden_rows))
                st.dataframe(styled(window), key="upload_diff_preview", width="stretch", lazy=False)
    st.markdown("**" + tr("upload.diff_headline") + "**")
    headline = headline_display(diff, context.lang)
    st.dataframe(
        headline,
        key="upload_diff_headline",
        hide_index=True,
        width="stretch",
        column_config={c: tr(f"upload.diff_col_{c}", label=label) for c in headline.columns},
    )
