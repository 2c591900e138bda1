"""Every table of the dashboard drawn one way: fitted widths, wrapped cells, the first column
pinned, numbers with the language's thousands separator.

The widths are `analysis.core.table_layout`'s (headers whole, words whole, the room shared
by what each column lacks); this module only turns them into Streamlit's column
configuration. The room is the main column's width at 1280 px with the sidebar open, or a
phone's screen (`ui.phone`), where a wide table scrolls sideways under its pinned first
column.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import streamlit as st

from analysis.core.i18n import Lang
from analysis.core.table_layout import (
    MAX_LINES,
    TableLayout,
    fit_table,
    number_formats,
    shown_text,
)
from ui import phone

#: The main column's width at a 1280 px window with the sidebar open: 1280 − 300 (the
#: sidebar) − 2 × 48 (the page's side padding, `ui/static/phone.css`).
DESK_ROOM = 884
#: The main column's width on a 390 px phone (16 px margins each side).
PHONE_ROOM = 358


def room() -> int:
    """The width a table may take on this visitor's screen, in pixels."""
    return PHONE_ROOM if phone.is_phone() else DESK_ROOM


def layout_of(
    frame: pd.DataFrame,
    lang: Lang,
    *,
    labels: Mapping[str, str] | None = None,
    under: pd.DataFrame | None = None,
    max_lines: int = MAX_LINES,
) -> TableLayout:
    """The layout of `frame` as shown (numbers written for `lang`, headers as labelled);
    with `under`, wide enough for that table too (drawn under it with the same widths);
    rows at most `max_lines` lines high."""
    shown = shown_text(frame, lang)
    if under is not None:
        shown = pd.concat([shown, shown_text(under, lang)], ignore_index=True)
    if labels:
        shown = shown.rename(columns=dict(labels))
    layout = fit_table(shown, room(), max_lines)
    if not labels:
        return layout
    back = {labels.get(str(column), str(column)): str(column) for column in frame.columns}
    return TableLayout(
        widths={back[h]: w for h, w in layout.widths.items()},
        row_height=layout.row_height,
        fits=layout.fits,
    )


def show_table(
    frame: pd.DataFrame,
    lang: Lang,
    *,
    key: str | None = None,
    labels: Mapping[str, str] | None = None,
    helps: Mapping[str, str] | None = None,
    column_config: Mapping[str, Any] | None = None,
    layout: TableLayout | None = None,
    pin_first: bool = True,
    first: tuple[str, ...] = (),
    max_lines: int = MAX_LINES,
) -> None:
    """Draw `frame` (no index) fitted to the screen.

    `labels` shows other headers than the frame's own (shorter ones, or worded ones for
    a frame keyed by code), `helps` each column's tooltip; `column_config` adds a column
    type (a checkbox) on top of the fitted width; `layout` reuses another table's widths
    (a totals row drawn under its table lines up with it). `first` names the columns to
    show right after the pinned first one, so when the table is wider than the screen
    what matters is in view before any scroll. `max_lines` lets a table of sentences
    take taller rows (the Awards page's reasons).
    """
    layout = layout or layout_of(frame, lang, labels=labels, max_lines=max_lines)
    labels = labels or {}
    helps = helps or {}
    extra = column_config or {}
    config: dict[str, Any] = {}
    for position, column in enumerate(frame.columns):
        header = str(column)
        entry: dict[str, Any] = dict(extra.get(header) or {})
        entry["width"] = layout.widths[header]
        if position == 0 and pin_first:
            entry["pinned"] = True
        if header in labels:
            entry["label"] = labels[header]
        if header in helps:
            entry["help"] = helps[header]
        config[header] = entry
    styled = frame.style.format(number_formats(frame, lang), na_rep="–")
    headers = [str(column) for column in frame.columns]
    lead = headers[:1] if pin_first else []
    order = lead + [h for h in first if h in headers] + [h for h in headers if h not in first]
    st.dataframe(
        styled,
        key=key,
        hide_index=True,
        column_order=list(dict.fromkeys(order)),
        column_config=config,
        row_height=layout.row_height if layout.wraps else None,
        width="stretch" if layout.fits else "content",
    )


def _owned(key: str) -> str:
    return f"{key}__picked"


def column_picker(
    key: str, options: Sequence[str], default: Sequence[str], *, label: str, help: str, empty: str
) -> list[str]:
    """A multiselect of the columns to show, starting from `default` (the ones that fit).

    Until the visitor picks, the choice follows `default`, so a change of filters (or a
    shared link) gives the compact view of the table as it now is; once picked, the choice
    is the visitor's and only loses the columns the table no longer holds. When it loses
    them all (the headers change with the language), the default applies again.
    """
    held = list(st.session_state.get(key) or [])
    kept = [column for column in held if column in options]
    if st.session_state.get(_owned(key)) and (kept or not held):
        st.session_state[key] = kept
    else:
        st.session_state[_owned(key)] = False
        st.session_state[key] = [column for column in default if column in options]
    return st.multiselect(
        label,
        list(options),
        key=key,
        help=help,
        placeholder=empty,
        select_all=False,  # Streamlit's "Select all" has no French label
        on_change=_mark_owned,
        args=(key,),
    )


def _mark_owned(key: str) -> None:
    st.session_state[_owned(key)] = True
