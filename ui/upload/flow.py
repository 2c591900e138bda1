"""The upload page's steps in order; each step reads what the previous one produced.

Nothing is written before step 6's button. Steps 3 and 4 and the rows left out (under the
report) are drawn after the report, but their choices are the session's own truth, known
before the file is read on this run, so the report, the preview and the diff always show
the file *with* the choices applied.
"""

from __future__ import annotations

import streamlit as st

from analysis.auth import Actor
from analysis.ingest.mapping.memory import mapping_signature, prefill
from analysis.ingest.pipeline import IngestResult
from analysis.store.errors import StoreError
from ui import cached_store
from ui.shell import PageContext
from ui.text import lang, md_escape, tr
from ui.upload import (
    state,
    step_columns,
    step_diff,
    step_file,
    step_poles,
    step_report,
    step_rows,
    step_store,
)


def run(context: PageContext, actor: Actor) -> None:
    """Draw the steps for the file in the uploader (the last outcome first, once)."""
    _last_outcome()
    source = step_file.choose()
    if source is None:
        return
    label = state.stored_as(source.sha256)
    if label is not None:
        st.info(tr("upload.already_stored", label=md_escape(label)), icon=":material/check_circle:")
        st.button(
            tr("upload.work_again"),
            key="upload_work_again",
            on_click=state.work_again,
            args=(source.sha256,),
        )
        return
    new = state.begin(source.sha256)
    base = step_file.read(source, {}, {})
    if new:
        _recall_mapping(base)
    columns, excluded, options = state.column_choices(), state.excluded_rows(), state.row_options()
    listing = step_file.read(source, columns, {}, excluded, options)
    result = step_file.read(source, columns, state.pole_choices(), excluded, options)
    step_report.render(result)
    if result.report.unreadable:
        return
    step_rows.render(base, result)
    step_columns.render(base, result)
    step_poles.render(listing)
    if result.survey is None:
        st.info(tr("upload.nothing_to_store"), icon=":material/info:")
        return
    step_diff.render(context, result)
    step_store.render(context, result, base, actor)


def _recall_mapping(base: IngestResult) -> None:
    """Pre-fill the column choices remembered for this header row, if any."""
    if base.mapping is None:
        return
    try:
        saved = cached_store.store().saved_mapping(mapping_signature(base.mapping))
    except StoreError:
        return  # memory is a convenience: a store problem is reported by the frame
    chosen = prefill(saved, base.mapping)
    if chosen:
        state.prefill_columns(chosen)


def _last_outcome() -> None:
    """What the last Store click did: the round, its warnings, a link to see it."""
    stored = state.take_outcome()
    if stored is None:
        return
    outcome, language = stored.outcome, lang()
    key = "upload.stored_replaced" if outcome.replaced else "upload.stored"
    years = ", ".join(str(year) for year in outcome.years) or "–"
    st.success(
        tr(key, label=md_escape(stored.label), poles=outcome.respondents, years=years),
        icon=":material/check_circle:",
    )
    for warning in outcome.warnings:
        st.warning(md_escape(warning.message(language)), icon=":material/warning:")
    st.page_link("pages/overview.py", label=tr("upload.stored_see"), icon=":material/dashboard:")
