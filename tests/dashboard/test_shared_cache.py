"""The rounds' cache: shared by every session, bounded, built once per key, and out of
reach of Streamlit's `clear_cache` message (which any websocket client may send)."""

from __future__ import annotations

import threading
import time

import streamlit as st

from analysis.analytics.filters import Filters
from ui import cached_store
from ui.shared_cache import clear_all, shared


def test_a_value_is_built_once_however_many_threads_ask_at_once() -> None:
    builds: list[int] = []

    @shared(max_entries=2)
    def slow(key: str) -> list[int]:
        builds.append(1)
        time.sleep(0.05)
        return [len(builds)]

    results: list[list[int]] = []
    start = threading.Barrier(8)

    def visit() -> None:
        start.wait()
        results.append(slow("round"))

    threads = [threading.Thread(target=visit) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(builds) == 1
    assert all(result is results[0] for result in results)


def test_entries_are_bounded_least_recently_used_first_out() -> None:
    builds: list[str] = []

    @shared(max_entries=2)
    def load(key: str) -> str:
        builds.append(key)
        return key.upper()

    load("a"), load("b"), load("a"), load("c")  # "b" is the least recently used
    assert builds == ["a", "b", "c"]
    load("a")
    assert builds == ["a", "b", "c"]
    load("b")
    assert builds == ["a", "b", "c", "b"]
    clear_all()
    load("a")
    assert builds[-1] == "a"


def test_streamlits_clear_cache_does_not_reload_the_round(app_db: str) -> None:
    """What the server does on a `clear_cache` message (`AppSession._handle_clear_cache_request`)
    leaves the shared rounds in place: the next visitor gets the very same objects."""
    version = cached_store.data_version()
    label = cached_store.rounds(app_db, version)[0].label
    core = cached_store.round_core(app_db, label, version)
    view = cached_store.filtered_core(app_db, label, version, Filters(round=label))
    figures = cached_store.headline(app_db, label, version, Filters(round=label))

    st.cache_data.clear()
    st.cache_resource.clear()

    assert cached_store.round_core(app_db, label, version) is core
    assert cached_store.filtered_core(app_db, label, version, Filters(round=label)) is view
    assert cached_store.headline(app_db, label, version, Filters(round=label)) is figures


def test_the_round_list_is_a_fresh_list_for_each_caller(app_db: str) -> None:
    version = cached_store.data_version()
    first = cached_store.rounds(app_db, version)
    first.clear()
    assert cached_store.rounds(app_db, version)
