"""Step 1: choose the file, refuse what is too large, read it with progress shown."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

import streamlit as st

from analysis.core.limits import MAX_FILE_BYTES
from analysis.core.model import SourceFile
from analysis.core.registry import Registry
from analysis.ingest.pipeline import IngestResult, ingest
from analysis.ingest.reading.errors import UnreadableFile
from analysis.ingest.reading.used_range import check_file_size
from analysis.ingest.reading.workbook import FORMATS
from ui.text import lang, md_escape, tr
from ui.upload import state
from ui.widget_text import uploaded_texts, uploader_texts


def choose() -> SourceFile | None:
    """The uploader; the file as a `SourceFile`, or None (none chosen, or refused)."""
    st.header(tr("upload.step_file"))
    megabytes = MAX_FILE_BYTES // (1024 * 1024)
    uploader_texts(state.K_FILE, megabytes=megabytes, types=list(FORMATS))
    uploaded = st.file_uploader(
        tr("upload.file_label"),
        type=list(FORMATS),
        key=state.K_FILE,
        help=tr("upload.file_help", megabytes=megabytes),
    )
    if uploaded is None:
        st.caption(tr("upload.file_none", megabytes=megabytes))
        return None
    uploaded_texts(state.K_FILE, uploaded.size)
    content = uploaded.getvalue()
    # The widget's bound (server.maxUploadSize) can be raised by configuration; this one not.
    try:
        check_file_size(len(content), file=uploaded.name, limit=MAX_FILE_BYTES)
    except UnreadableFile as refusal:  # the reader's own sentence: one home for the rule
        message = md_escape(refusal.message(lang()))
        st.error(tr("upload.file_too_large", message=message), icon=":material/block:")
        return None
    return SourceFile(uploaded.name, content)


def read(
    source: SourceFile,
    columns: Mapping[str, str],
    poles: Mapping[str, str],
    excluded: Mapping[int, str] | None = None,
    options: frozenset[str] = frozenset(),
) -> IngestResult:
    """Ingest `source` with the choices made, without the rows left out (`excluded`:
    row -> reason) and with the row `options` chosen (`state.ROW_OPTIONS`), from the
    session's cache when possible.

    A read that is not cached is shown as it goes: a status box whose progress bar
    follows ingestion's own `progress` callback.
    """
    key = state.cache_key(source.sha256, columns, poles, excluded, options)
    result = state.cached(key)
    if result is not None:
        return result
    name = md_escape(source.name)
    with st.status(tr("upload.reading", name=name), expanded=True) as status:
        bar = st.progress(0.0, text=tr("read.progress_checking"))

        def progress(fraction: float, message_key: str) -> None:
            bar.progress(min(max(float(fraction), 0.0), 1.0), text=tr(message_key))

        result = ingest(
            source,
            column_overrides=dict(columns) or None,
            pole_overrides=dict(poles) or None,
            registry=Registry.default(),
            progress=progress,
            excluded_rows=dict(excluded or {}) or None,
            drop_incomplete="drop_incomplete" in options,
            keep_latest="keep_latest" in options,
        )
        done: Literal["error", "complete"] = "error" if result.report.unreadable else "complete"
        status.update(label=tr("upload.read_done", name=name), state=done, expanded=False)
    state.keep(key, result)
    return result
