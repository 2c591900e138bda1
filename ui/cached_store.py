"""Cached access to the store: one connection per process, rounds cached by version.

Loading a round is the expensive step, so it is cached per (database, label, version)
in the process-wide `ui.shared_cache` (not Streamlit's caches, which any websocket client
can empty for everyone with a `clear_cache` message):
changing a filter never re-reads the store, and a new upload changes the version, which
is what invalidates the cache. Rounds are shared, not copied: they are immutable by
convention, nothing mutates a frame in place.

A round's per-project rows are cached apart from the rest (`round_core`,
`round_projects`): they are most of a large round (160,000 rows for 2,000 poles) and only
the pages that show them ask for them (`shell.current(projects=True)`), so opening the
overview never reads them. `round_data` puts both together, sharing their frames.
"""

from __future__ import annotations

import os

import pandas as pd
import pyarrow as pa

from analysis.analytics import metrics
from analysis.analytics.filters import Filters
from analysis.core.model import SurveyRound
from analysis.store import RoundRecord, SurveyStore
from analysis.store.seed import ensure_seeded
from analysis.store.url import default_url
from ui.shared_cache import shared

#: Set by an operator to choose Arrow's allocator themselves (read by pyarrow at import).
ARROW_POOL_ENV = "ARROW_DEFAULT_MEMORY_POOL"


def use_system_allocator() -> None:
    """Give Arrow (pandas' text columns) the C allocator, unless the operator chose one.

    Streamlit runs every script run in a new thread. Arrow's bundled allocator (mimalloc)
    keeps memory per thread, and at 2,000 poles the dashboard process held about 12 MB
    more that way after the overview (20 MB more after Trends) than with the C allocator,
    for the same frames and no measurable difference in speed (`bench/run.py`).
    """
    if ARROW_POOL_ENV not in os.environ:
        pa.set_memory_pool(pa.system_memory_pool())


use_system_allocator()


def database_url() -> str:
    """The store's URL for this process (`SURVEY_DB_URL`, else `data/survey.db`)."""
    return default_url()


@shared(max_entries=4)
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


def rounds(url: str, version: str) -> list[RoundRecord]:
    """The stored rounds in the order they were imported, cached until the store changes.

    A fresh list each call (the cached tuple is shared by every session).
    """
    return list(_rounds(url, version))


@shared(max_entries=4)
def _rounds(url: str, version: str) -> tuple[RoundRecord, ...]:
    return tuple(store_for(url).list_rounds())


@shared(max_entries=6)
def round_core(url: str, label: str, version: str) -> SurveyRound:
    """One stored round without its per-project rows (an empty `projects` frame).

    Loaded once per version and shared by every session; what the frame and most pages
    show.
    """
    return store_for(url).load_round(label, projects=False)


@shared(max_entries=6)
def round_projects(url: str, label: str, version: str) -> pd.DataFrame:
    """One stored round's per-project rows, loaded once per version, on first use."""
    return store_for(url).load_projects(label)


@shared(max_entries=6)
def round_data(url: str, label: str, version: str) -> SurveyRound:
    """One stored round with every frame (its core and its projects, frames shared)."""
    core = round_core(url, label, version)
    return core.with_frames(projects=round_projects(url, label, version))


@shared(max_entries=64)
def filtered_core(url: str, label: str, version: str, filters: Filters) -> SurveyRound:
    """`round_core` with the global filters applied, cached per filter combination."""
    return filters.apply(round_core(url, label, version))


@shared(max_entries=64)
def filtered_round(url: str, label: str, version: str, filters: Filters) -> SurveyRound:
    """A whole round (projects included) with the global filters applied, cached per
    filter combination."""
    return filters.apply(round_data(url, label, version))


@shared(max_entries=64)
def headline(
    url: str, label: str, version: str, filters: Filters
) -> tuple[metrics.Headline, pd.DataFrame]:
    """The overview's figures of a filtered round: the headline, and per year the totals
    with their change on the poles that answered both years (`metrics.panel_year_over_year`).

    Cached per round version and filter combination: coming back to a view, or
    another visitor opening the same link, costs no aggregation at all.
    """
    view = filtered_core(url, label, version, filters)
    return metrics.headline(view), metrics.panel_year_over_year(view)
