"""Cached access to the store: one connection per process, rounds cached by version.

Loading a round is the expensive step, so it is cached per (database, label, version):
changing a filter never re-reads the store, and a new upload changes the version, which
is what invalidates the cache. Rounds are cached as resources (shared, not copied): they
are immutable by convention, nothing mutates a frame in place.
"""

from __future__ import annotations

import streamlit as st

from analysis.filters import Filters
from analysis.model import SurveyRound
from analysis.store import SurveyStore
from analysis.store.seed import ensure_seeded
from analysis.store.url import default_url


def database_url() -> str:
    """The store's URL for this process (`SURVEY_DB_URL`, else `data/survey.db`)."""
    return default_url()


@st.cache_resource(show_spinner=False)
def store_for(url: str) -> SurveyStore:
    """The store at `url`, opened once per process and seeded with the sample if empty."""
    store = SurveyStore(url)
    ensure_seeded(store)
    return store


def store() -> SurveyStore:
    """The store of this process."""
    return store_for(database_url())


def data_version() -> str:
    """A token that changes whenever a round is stored, replaced or deleted."""
    return str(store().revision())


@st.cache_data(show_spinner=False, max_entries=4)
def rounds(url: str, version: str) -> list:
    """The stored rounds (newest first), cached until the store changes."""
    return store_for(url).list_rounds()


@st.cache_resource(show_spinner=False, max_entries=6)
def round_data(url: str, label: str, version: str) -> SurveyRound:
    """One stored round, loaded once per version and shared by every session."""
    return store_for(url).load_round(label)


@st.cache_resource(show_spinner=False, max_entries=64)
def filtered_round(url: str, label: str, version: str, filters: Filters) -> SurveyRound:
    """A round with the global filters applied, cached per filter combination."""
    return filters.apply(round_data(url, label, version))
