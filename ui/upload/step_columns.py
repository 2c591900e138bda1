"""Step 3: every column, how it is read, and changing any of them (issue 13, item 4).

First one selectbox per column that needs a decision (not recognised, or ambiguous between
two questions); then the table of every column (letter, header, three sample values, the
field and year it is read as, its role and the confidence of that reading); then the editor
changing any column, recognised ones included (`ui.upload.column_editor`). A choice re-reads
the file with it applied (from the session's cache when it was seen before). Choices are
remembered in the store when the round is stored, and pre-fill the next file with the same
header row. Headers and samples are user text: shown in table cells and option labels,
never in Markdown.
"""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from analysis.core.i18n import fmt_percent
from analysis.ingest.mapping.columns import EXTRA, ColumnMapping, ColumnMatch
from analysis.ingest.mapping.identify import ColumnIdentity
from analysis.ingest.mapping.memory import (
    candidates,
    column_key,
    identity_target,
    target_label,
    target_years,
    targets,
)
from analysis.ingest.pipeline import IngestResult
from analysis.ingest.profiles.tools import profile
from ui.text import lang, md_escape, tr
from ui.upload import column_editor, state


def widget_key(position: int) -> str:
    """The selectbox key of the column at 0-based `position` (`upload_map_14`)."""
    return f"upload_map_{position}"


def _remember(key: str, header: str) -> None:
    """Selectbox callback: the widget's value becomes the session's choice."""
    state.choose_column(header, str(st.session_state.get(key, EXTRA)))


def _to_decide(base: IngestResult) -> tuple[ColumnMatch, ...]:
    """Columns offered a selectbox: those read as no answer and not left out, as guessed
    (identified when ingestion identified them; a header match otherwise)."""
    mapping = base.mapping
    if mapping is None:
        return ()
    if not base.columns:
        return candidates(mapping)
    unknown = {c.position for c in base.columns if c.role == "unknown"}
    return tuple(m for m in candidates(mapping) if m.position in unknown)


def render(base: IngestResult, result: IngestResult) -> None:
    """The selectboxes (from the file as guessed), every column as now read, the editor."""
    st.header(tr("upload.step_columns"))
    mapping = base.mapping
    if mapping is None:
        st.caption(tr("upload.columns_none"))
        return
    tool = profile(result.tool) if result.tool else None
    if tool is not None:
        st.caption(tr("upload.columns_tool", tool=md_escape(tool.name)))
    remembered = state.prefilled()
    if remembered:
        st.info(tr("upload.columns_prefilled", n=len(remembered)), icon=":material/memory:")
    offered = _to_decide(base)
    if not offered:
        st.caption(tr("upload.columns_all_recognised"))
    else:
        st.caption(tr("upload.columns_intro"))
        ambiguous = {c.position: c.alternatives for c in base.columns if c.ambiguous}
        _selectboxes(mapping, offered, ambiguous)
    if result.mapping is not None:
        st.caption(tr("upload.columns_table_intro"))
        st.dataframe(
            _read_as(result.mapping, result.columns),
            key="upload_columns_table",
            hide_index=True,
            width="stretch",
        )
        column_editor.render(result.mapping, result.columns)


def _selectboxes(
    mapping: ColumnMapping,
    offered: tuple[ColumnMatch, ...],
    ambiguous: dict[int, tuple[str, ...]],
) -> None:
    """One selectbox per column to decide: a field (or a field's year) or an extra column;
    an ambiguous column offers the fields it could answer first."""
    every = targets(target_years(mapping))
    choices = state.column_choices()
    label_of = partial(target_label, lang=lang())
    columns = st.columns(2)
    for index, match in enumerate(offered):
        key = column_key(mapping, match)
        chosen = choices.get(key, EXTRA)
        note = ""
        if match.duplicate_of is not None:
            first = mapping.column(match.duplicate_of)
            note = " " + tr("upload.columns_repeats", column=first.letter if first else "")
        widget = widget_key(match.position)
        fits = [t for t in ambiguous.get(match.position, ()) if t in every]
        options = [EXTRA, *fits, *(t for t in every if t != EXTRA and t not in fits)]
        columns[index % 2].selectbox(
            tr("upload.columns_label", letter=match.letter, header=md_escape(match.header)) + note,
            options,
            index=options.index(chosen) if chosen in options else 0,
            format_func=label_of,
            key=widget,
            on_change=_remember,
            args=(widget, key),
        )


def _identities(mapping: ColumnMapping, found: tuple[ColumnIdentity, ...]) -> list[ColumnIdentity]:
    """Each column's identity; a column ingestion did not identify is read by its header."""
    if found:
        return list(found)
    return [
        ColumnIdentity(
            m.position,
            m.letter,
            m.header,
            m.field,
            m.year,
            "answer" if m.field is not None else "unknown",
            1.0 if m.field is not None else 0.0,
            "identify.header",
        )
        for m in mapping.columns
    ]


def _read_as(mapping: ColumnMapping, found: tuple[ColumnIdentity, ...]) -> pd.DataFrame:
    """Every column: letter, header, how it is read, year, role, confidence, samples."""
    language = lang()
    identities = _identities(mapping, found)
    chosen = state.column_choices()
    by_hand = []
    for identity in identities:
        match = mapping.column(identity.position)
        by_hand.append(match is not None and column_key(mapping, match) in chosen)
    return pd.DataFrame(
        {
            tr("upload.report_col_column"): [c.letter for c in identities],
            tr("upload.report_col_header"): [c.header for c in identities],
            tr("upload.columns_read_as"): [
                target_label(identity_target(c), language) for c in identities
            ],
            tr("upload.columns_col_year"): pd.array([c.year for c in identities], dtype="Int64"),
            tr("upload.columns_col_role"): [tr(f"upload.role_{c.role}") for c in identities],
            tr("upload.columns_col_confidence"): [
                fmt_percent(c.confidence, language) for c in identities
            ],
            tr("upload.columns_col_samples"): [
                " · ".join(sample for sample in c.samples if sample) for c in identities
            ],
            tr("upload.columns_col_by_hand"): by_hand,
        }
    )
