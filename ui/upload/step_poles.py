"""Step 4: pole names the registry does not know, matched by hand or confirmed as new.

The names come from the responses sheet and from the projects and initiatives sheets (a
name there that does not answer in the responses sheet). Each unknown name gets a
selectbox: leave it undecided (it stays a warning), one of the closest registry names
(offered first), any other registry pole, or "new pole" (the name is kept as typed and the
warning goes). Choices re-read the file with `pole_overrides`, which ingestion applies to
the name in every sheet, so a pick renames the pole consistently wherever it is typed.
"""

from __future__ import annotations

import hashlib
from functools import partial

import streamlit as st

from analysis.core.i18n import Lang, t
from analysis.core.registry import Registry
from analysis.ingest.pipeline import IngestResult
from analysis.ingest.review import UnknownPole, side_sheet_names, unknown_poles
from ui.text import lang, md_escape, tr
from ui.upload import state

#: Sentinel options of the selectboxes.
UNDECIDED, NEW_POLE = "__undecided__", "__new__"


def widget_key(name: str) -> str:
    """The selectbox key of the unknown pole `name` (`upload_pole_<digest>`).

    Keyed by the name, not its place in the list, so a choice stays with its pole when
    the list changes (after a column is mapped, say).
    """
    return "upload_pole_" + hashlib.sha256(name.encode("utf-8")).hexdigest()[:12]


def option_label(option: str, lang: Lang, suggestions: tuple[str, ...] = ()) -> str:
    """How an option reads: the sentinels in words, the closest names marked."""
    if option == UNDECIDED:
        return t("upload.poles_undecided", lang)
    if option == NEW_POLE:
        return t("upload.poles_new", lang)
    if option in suggestions:
        return t("upload.poles_suggested", lang, name=option)
    return option


def _remember(key: str, name: str) -> None:
    """Selectbox callback: the widget's value becomes the session's choice."""
    chosen = st.session_state.get(key, UNDECIDED)
    target = None if chosen == UNDECIDED else (name if chosen == NEW_POLE else str(chosen))
    state.choose_pole(name, target)


def _current_option(name: str, choices: dict[str, str]) -> str:
    chosen = choices.get(name)
    if chosen is None:
        return UNDECIDED
    return NEW_POLE if chosen == name else chosen


def _where(pole: UnknownPole) -> str:
    """Where the name was found: its row, and its sheet when not the responses sheet."""
    if pole.row is None:
        return ""
    if pole.sheet is None:
        return tr("upload.poles_row", row=pole.row)
    return tr("upload.poles_sheet_row", sheet=md_escape(pole.sheet), row=pole.row)


def render(listing: IngestResult) -> None:
    """One selectbox per unknown pole of `listing` (the file read without pole choices)."""
    st.header(tr("upload.step_poles"))
    if listing.survey is None:  # nothing was read (an empty sheet): no pole to speak of
        st.caption(tr("upload.poles_none_read"))
        return
    registry = Registry.default()
    sheets = side_sheet_names(listing.report, listing.sheet)
    unknown, total = unknown_poles(listing.survey, registry, sheets=sheets)
    if not unknown:
        st.caption(tr("upload.poles_all_known"))
        return
    st.caption(tr("upload.poles_intro"))
    if total > len(unknown):
        st.warning(
            tr("upload.poles_too_many", shown=len(unknown), total=total), icon=":material/warning:"
        )
    everyone = sorted(registry.poles)
    choices = state.pole_choices()
    for pole in unknown:
        rest = [name for name in everyone if name not in pole.suggestions]
        options = [UNDECIDED, *pole.suggestions, NEW_POLE, *rest]
        current = _current_option(pole.name, choices)
        key = widget_key(pole.name)
        st.selectbox(
            tr("upload.poles_label", name=md_escape(pole.name)) + _where(pole),
            options,
            index=options.index(current) if current in options else 0,
            format_func=partial(option_label, lang=lang(), suggestions=pole.suggestions),
            key=key,
            on_change=_remember,
            args=(key, pole.name),
        )
