"""Step 3: headers that were not recognised, mapped by hand to a field or kept as extra.

One selectbox per such header; a choice re-reads the file with the mapping applied (from
the session's cache when it was seen before). Choices are remembered in the store when the
round is stored, and pre-fill the next file with the same header row.
"""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from analysis.ingest.mapping.columns import EXTRA, ColumnMapping
from analysis.ingest.mapping.memory import candidates, target_label, target_years, targets
from analysis.ingest.pipeline import IngestResult
from ui.text import lang, md_escape, tr
from ui.upload import state


def widget_key(position: int) -> str:
    """The selectbox key of the column at 0-based `position` (`upload_map_14`)."""
    return f"upload_map_{position}"


def _remember(key: str, header: str) -> None:
    """Selectbox callback: the widget's value becomes the session's choice."""
    state.choose_column(header, str(st.session_state.get(key, EXTRA)))


def render(base: IngestResult, result: IngestResult) -> None:
    """The selectboxes (from the file as guessed), and how every column is now read."""
    st.subheader(tr("upload.step_columns"))
    mapping = base.mapping
    if mapping is None:
        st.caption(tr("upload.columns_none"))
        return
    offered = candidates(mapping)
    if not offered:
        st.caption(tr("upload.columns_all_recognised"))
    else:
        st.caption(tr("upload.columns_intro"))
        remembered = state.prefilled()
        if remembered:
            st.info(tr("upload.columns_prefilled", n=len(remembered)), icon=":material/memory:")
        options = targets(target_years(mapping))
        choices = state.column_choices()
        label_of = partial(target_label, lang=lang())
        columns = st.columns(2)
        for index, match in enumerate(offered):
            chosen = choices.get(match.header, EXTRA)
            note = ""
            if match.duplicate_of is not None:
                first = mapping.column(match.duplicate_of)
                note = " " + tr("upload.columns_repeats", column=first.letter if first else "")
            key = widget_key(match.position)
            columns[index % 2].selectbox(
                tr("upload.columns_label", letter=match.letter, header=md_escape(match.header))
                + note,
                options,
                index=options.index(chosen) if chosen in options else 0,
                format_func=label_of,
                key=key,
                on_change=_remember,
                args=(key, match.header),
            )
    if result.mapping is not None:
        with st.expander(tr("upload.columns_all")):
            st.dataframe(
                _read_as(result.mapping),
                key="upload_columns_table",
                hide_index=True,
                width="stretch",
            )


def _read_as(mapping: ColumnMapping) -> pd.DataFrame:
    """Letter, header and what each column is read as, in the interface language."""
    language = lang()
    return pd.DataFrame(
        {
            tr("upload.report_col_column"): [m.letter for m in mapping.columns],
            tr("upload.report_col_header"): [m.header for m in mapping.columns],
            tr("upload.columns_read_as"): [
                target_label(m.target, language) for m in mapping.columns
            ],
        }
    )
