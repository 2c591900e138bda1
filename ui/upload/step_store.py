"""Step 6: the round's metadata and the Store button, the only step that writes.

The button stays disabled while the file has errors, the label is blank or the round's
description is impossible (`analysis.ingest.validation.round_info`); a label already stored
needs the replace box ticked *and* the label typed again; a file that is already another
round's original (same SHA-256, asked of the store, so whichever session stored it) needs
its own box ticked.
Storing also remembers the manual column mapping for the next file with the same headers:
every choice that changes how a column is read, recognised columns included.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from analysis.auth import Actor
from analysis.core.model import RoundInfo
from analysis.core.schema import YEAR_MAX, YEAR_MIN
from analysis.ingest.mapping.memory import (
    column_key,
    identity_target,
    mapping_signature,
    to_remember,
)
from analysis.ingest.pipeline import IngestResult
from analysis.ingest.validation.round_info import info_problems
from analysis.store.errors import StoreError
from ui import cached_store, shell
from ui.shell import PageContext
from ui.text import lang, md_escape, tr
from ui.upload import state
from ui.widget_text import date_texts

K_LABEL, K_START, K_END, K_SURVEYED, K_COLLECTED, K_SYNTHETIC = (
    "upload_label",
    "upload_period_start",
    "upload_period_end",
    "upload_poles_surveyed",
    "upload_collected_on",
    "upload_synthetic",
)
K_REPLACE, K_CONFIRM, K_STORE = "upload_replace", "upload_confirm", "upload_store"
K_SAME_FILE = "upload_same_file"


def _year(value: float | None) -> int | None:
    """A whole-number input's value (Streamlit types them `int | float`), `None` when blank."""
    return int(value) if value is not None else None


def _metadata(result: IngestResult) -> RoundInfo:
    """The form: label, period, poles surveyed, collection date, synthetic flag."""
    info = result.info or RoundInfo(label=result.source.name)
    label = st.text_input(tr("upload.store_label"), value=info.label, key=K_LABEL, max_chars=120)
    first, last, surveyed, collected = st.columns(4)
    start = first.number_input(
        tr("upload.store_period_start"),
        min_value=YEAR_MIN,
        max_value=YEAR_MAX,
        value=info.period_start,
        step=1,
        key=K_START,
    )
    end = last.number_input(
        tr("upload.store_period_end"),
        min_value=YEAR_MIN,
        max_value=YEAR_MAX,
        value=info.period_end,
        step=1,
        key=K_END,
    )
    poles = surveyed.number_input(
        tr("upload.store_poles_surveyed"),
        min_value=1,
        value=info.poles_surveyed,
        step=1,
        key=K_SURVEYED,
        help=tr("upload.store_poles_surveyed_help"),
    )
    on: date | None = collected.date_input(
        tr("upload.store_collected_on"),
        value=info.collected_on,
        key=K_COLLECTED,
        format=date_texts(),
    )
    synthetic = st.checkbox(
        tr("upload.store_synthetic"), value=bool(info.synthetic), key=K_SYNTHETIC
    )
    return RoundInfo(
        label=(label or "").strip(),
        period_start=_year(start),
        period_end=_year(end),
        poles_surveyed=_year(poles),
        collected_on=on,
        synthetic=bool(synthetic),
    )


def _same_file_holders(result: IngestResult, label: str) -> list[str]:
    """Other current rounds whose original is this very file (a store query, any session)."""
    try:
        holders = cached_store.store().rounds_with_file(result.source.sha256)
    except StoreError:
        return []  # the frame reports an unreachable store; storing would fail there too
    return [holder for holder in holders if holder != label]


def _blockers(
    result: IngestResult, info: RoundInfo, exists: bool, same_file: list[str]
) -> list[str]:
    """Why the button is disabled (sentences), in the order to fix them."""
    reasons = []
    if not result.ok:
        reasons.append(tr("upload.store_blocked_errors"))
    if not info.label:
        reasons.append(tr("upload.store_blocked_label"))
    respondents = len(result.survey.responses) if result.survey is not None else 0
    reasons += [problem.message(lang()) for problem in info_problems(info, respondents)]
    if exists:
        confirmed = st.session_state.get(K_CONFIRM, "") or ""
        if not st.session_state.get(K_REPLACE) or confirmed.strip() != info.label:
            reasons.append(tr("upload.store_blocked_replace"))
    if same_file and not st.session_state.get(K_SAME_FILE):
        reasons.append(tr("upload.store_blocked_same_file"))
    return reasons


def render(context: PageContext, result: IngestResult, base: IngestResult, actor: Actor) -> None:
    """The metadata, the replacement confirmation when needed, and the Store button."""
    st.header(tr("upload.step_store"))
    info = _metadata(result)
    labels = {str(record.label) for record in context.rounds}
    exists = info.label in labels
    if exists:
        st.warning(tr("upload.store_exists", label=md_escape(info.label)), icon=":material/sync:")
        if st.checkbox(tr("upload.store_replace"), key=K_REPLACE):
            st.text_input(tr("upload.store_confirm", label=md_escape(info.label)), key=K_CONFIRM)
    same_file = _same_file_holders(result, info.label)
    if same_file:
        st.warning(
            tr(
                "upload.store_same_file",
                labels=", ".join(f"“{md_escape(label)}”" for label in same_file),
                sha256=result.source.sha256[:12],
            ),
            icon=":material/content_copy:",
        )
        st.checkbox(tr("upload.store_same_file_allow"), key=K_SAME_FILE)
    blockers = _blockers(result, info, exists, same_file)
    for reason in blockers:
        st.caption(":material/block: " + reason)  # catalogue sentences, numbers only
    st.caption(tr("upload.store_nothing_yet"))
    if st.button(
        tr("upload.store_replace_button" if exists else "upload.store_button"),
        type="primary",
        disabled=bool(blockers),
        key=K_STORE,
    ):
        _store(result, base, info, replace=exists, actor=actor, allow_same_file=bool(same_file))


def _guessed(base: IngestResult) -> dict[str, str]:
    """Column key -> target, as the file is read without any choice (what is not worth
    remembering); every column of the header row has a key."""
    mapping = base.mapping
    if mapping is None:
        return {}
    read = {c.position: identity_target(c) for c in base.columns}
    return {column_key(mapping, m): read.get(m.position, m.target) for m in mapping.columns}


def _store(
    result: IngestResult,
    base: IngestResult,
    info: RoundInfo,
    *,
    replace: bool,
    actor: Actor,
    allow_same_file: bool = False,
) -> None:
    """Write the round, remember the column mapping, select the round, start afresh.

    `allow_same_file` is only passed once the user ticked the box the page showed.
    """
    store = cached_store.store()
    try:
        outcome = store.import_round(
            result, info, replace=replace, actor=actor, allow_same_file=allow_same_file
        )
    except StoreError as error:
        st.error(error.message(lang()), icon=":material/block:")
        return
    if base.mapping is not None:
        guessed = _guessed(base)
        choices = {k: t for k, t in state.column_choices().items() if k in guessed}
        signature = mapping_signature(base.mapping)
        try:
            if choices or store.saved_mapping(signature):
                store.save_mapping(signature, to_remember(choices, guessed), actor)
        except StoreError as error:  # the round is stored; only the memory failed
            st.warning(error.message(lang()), icon=":material/warning:")
    state.finish(result.source.sha256, outcome.label, outcome)
    shell.select_round(outcome.label)
    st.rerun()
