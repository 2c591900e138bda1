"""What the upload page remembers between reruns, in session state.

The file being worked on is known by its SHA-256. Its ingest results are cached per
(SHA-256, column choices, pole choices, rows left out), so a rerun caused by any widget re-reads
nothing, and going back to an earlier choice is instant. The choices of steps 3 and 4 are
the session's own truth (the widgets are drawn from them and write back through
`on_change`), which keeps them when the widgets are redrawn. The other sheets a report
names are kept once read, for their previews. A new file resets it all.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import streamlit as st

from analysis.ingest.pipeline import IngestResult
from analysis.ingest.reading.workbook import RawSheet

#: The uploader's key (tests and the browser find it by this).
K_FILE = "upload_file"
#: Prefix of every widget key of the page; they are reset when a new file arrives.
WIDGET_PREFIX = "upload_"
#: Widgets kept across files: the uploader itself.
_KEPT = frozenset({K_FILE})

_CURRENT = "_upload_current"
_RESULTS = "_upload_results"
_COLUMNS = "_upload_columns"
_POLES = "_upload_poles"
_EXCLUDED = "_upload_excluded"
_ROW_OPTIONS = "_upload_row_options"
#: The row options a survey tool's export may need: `drop_incomplete`, `keep_latest`.
ROW_OPTIONS: tuple[str, ...] = ("drop_incomplete", "keep_latest")
_PREFILLED = "_upload_prefilled"
_STORED = "_upload_stored"
_OUTCOME = "_upload_outcome"
_SHEETS = "_upload_sheets"
#: Ingest results kept per session: a run reads three (the file as guessed, with the column
#: choices, with every choice); a large file's results are heavy, so no more are kept.
MAX_RESULTS = 3

CacheKey = tuple[
    str,
    tuple[tuple[str, str], ...],
    tuple[tuple[str, str], ...],
    tuple[tuple[int, str], ...],
    tuple[str, ...],
]


def begin(sha256: str) -> bool:
    """Start working on the file `sha256`; True when it is a new one (state was reset)."""
    if st.session_state.get(_CURRENT) == sha256:
        return False
    for key in [k for k in st.session_state if isinstance(k, str)]:
        if key.startswith(WIDGET_PREFIX) and key not in _KEPT:
            del st.session_state[key]
    st.session_state[_CURRENT] = sha256
    st.session_state[_RESULTS] = {}
    st.session_state[_COLUMNS] = {}
    st.session_state[_POLES] = {}
    st.session_state[_EXCLUDED] = {}
    st.session_state[_ROW_OPTIONS] = frozenset()
    st.session_state[_PREFILLED] = ()
    st.session_state[_SHEETS] = {}
    return True


def cache_key(
    sha256: str,
    columns: Mapping[str, str],
    poles: Mapping[str, str],
    excluded: Mapping[int, str] | None = None,
    options: frozenset[str] = frozenset(),
) -> CacheKey:
    """The cache key of one ingest: the file, the overrides, the rows left out and the row
    options, order-free."""
    rows = tuple(sorted((excluded or {}).items()))
    chosen = tuple(sorted(options))
    return (sha256, tuple(sorted(columns.items())), tuple(sorted(poles.items())), rows, chosen)


def cached(key: CacheKey) -> IngestResult | None:
    """The ingest result already computed for `key`, if any (now the most recently used)."""
    results: dict[CacheKey, IngestResult] = st.session_state.get(_RESULTS, {})
    result = results.pop(key, None)
    if result is not None:
        results[key] = result  # to the end: least recently used first
    return result


def keep(key: CacheKey, result: IngestResult) -> None:
    """Remember a result; past `MAX_RESULTS`, the least recently used go (never the base)."""
    results: dict[CacheKey, IngestResult] = dict(st.session_state.get(_RESULTS, {}))
    results[key] = result
    extra = [k for k in results if k[1] or k[2] or k[3] or k[4]]
    while len(results) > MAX_RESULTS and extra:
        del results[extra.pop(0)]
    st.session_state[_RESULTS] = results


def column_choices() -> dict[str, str]:
    """Header -> target chosen by hand (or pre-filled from memory) for this file."""
    return dict(st.session_state.get(_COLUMNS, {}))


def pole_choices() -> dict[str, str]:
    """Uploaded pole name -> registry name, or itself for a confirmed new pole."""
    return dict(st.session_state.get(_POLES, {}))


def excluded_rows() -> dict[int, str]:
    """Row of the responses sheet -> the reason it is left out, for this file."""
    return dict(st.session_state.get(_EXCLUDED, {}))


def exclude_row(row: int, reason: str) -> None:
    """Leave the answer row `row` out, for `reason` (already checked as not blank)."""
    st.session_state[_EXCLUDED] = {**excluded_rows(), int(row): reason}


def include_row(row: int) -> None:
    """Button callback: put a row left out back."""
    rows = excluded_rows()
    rows.pop(int(row), None)
    st.session_state[_EXCLUDED] = rows


def row_options() -> frozenset[str]:
    """The row options chosen (`ROW_OPTIONS`): drop unfinished responses, keep the latest."""
    return frozenset(st.session_state.get(_ROW_OPTIONS, frozenset()))


def choose_row_option(option: str, on: bool) -> None:
    """Turn a row option on or off."""
    chosen = set(row_options())
    if on:
        chosen.add(option)
    else:
        chosen.discard(option)
    st.session_state[_ROW_OPTIONS] = frozenset(chosen)


def choose_column(header: str, target: str) -> None:
    """Record a column choice (`header` is the column's key: its header, or its letter)."""
    st.session_state[_COLUMNS] = {**column_choices(), header: target}


def forget_column(header: str) -> None:
    """Button callback: the column is read automatically again (its choice is dropped)."""
    choices = column_choices()
    choices.pop(header, None)
    st.session_state[_COLUMNS] = choices


def choose_pole(name: str, target: str | None) -> None:
    """Record a pole choice; `None` leaves the pole undecided (unknown)."""
    choices = pole_choices()
    if target is None:
        choices.pop(name, None)
    else:
        choices[name] = target
    st.session_state[_POLES] = choices


def prefill_columns(choices: Mapping[str, str]) -> None:
    """Start this file's column choices from remembered ones, and say which they were."""
    st.session_state[_COLUMNS] = dict(choices)
    st.session_state[_PREFILLED] = tuple(sorted(choices))


def prefilled() -> tuple[str, ...]:
    """Headers whose choice came from memory for this file."""
    return tuple(st.session_state.get(_PREFILLED, ()))


def kept_sheets() -> dict[str, RawSheet | None]:
    """Sheets of the current file besides the responses sheet, read for their previews
    (`None` for a name the file does not hold, so it is not looked for again)."""
    return dict(st.session_state.get(_SHEETS, {}))


def keep_sheets(sheets: Mapping[str, RawSheet | None]) -> None:
    """Remember sheets read for their previews (only those with problems: few, small)."""
    st.session_state[_SHEETS] = {**kept_sheets(), **sheets}


@dataclass(frozen=True)
class Stored:
    """What the last Store click did, shown once on the next run."""

    label: str
    outcome: Any


def finish(sha256: str, label: str, outcome: Any) -> None:
    """After storing: forget the work on the file, remember where it went."""
    stored = dict(st.session_state.get(_STORED, {}))
    stored[sha256] = label
    st.session_state[_STORED] = stored
    st.session_state[_OUTCOME] = Stored(label, outcome)
    for key in (_CURRENT, _RESULTS, _COLUMNS, _POLES, _EXCLUDED, _ROW_OPTIONS, _PREFILLED, _SHEETS):
        st.session_state.pop(key, None)


def stored_as(sha256: str) -> str | None:
    """The label this session stored the file `sha256` under, if it did."""
    return st.session_state.get(_STORED, {}).get(sha256)


def work_again(sha256: str) -> None:
    """Button callback: work on a file this session already stored, from the start."""
    stored = dict(st.session_state.get(_STORED, {}))
    stored.pop(sha256, None)
    st.session_state[_STORED] = stored


def take_outcome() -> Stored | None:
    """The last store's outcome, once (it is forgotten when taken)."""
    return st.session_state.pop(_OUTCOME, None)
