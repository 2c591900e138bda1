"""First start: an empty store imports the shipped sample round so the dashboard shows data.

Seeding happens once in a store's life: only when it holds no round *and* its audit log is
empty. A store whose rounds were all deleted on purpose is not seeded again. The check and
the import run in one write transaction, so two processes starting together seed once.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

from analysis.core.paths import data_file
from analysis.store import audit, loading, rounds
from analysis.store.records import ImportOutcome
from analysis.store.store import IngestLike, SurveyStore

#: The synthetic sample workbook shipped with the repository.
SAMPLE_PATH = data_file("sample", "phase4_survey_sample.xlsx")
#: The label the sample is stored under.
SAMPLE_LABEL = "2023"
#: Who the audit log says seeded the store.
SEED_ACTOR = "seed"


def _ingest_sample(path: Path = SAMPLE_PATH) -> IngestLike | None:
    if not path.is_file():
        return None
    from analysis.ingest.pipeline import ingest_path  # late: ingestion is heavy and optional here

    return ingest_path(path)


def needs_seed(store: SurveyStore) -> bool:
    """Whether the store has never been used (no round, nothing in the audit log)."""
    with store.reading() as connection:
        return loading.count_rounds(connection) == 0 and not audit.has_entries(connection)


def ensure_seeded(
    store: SurveyStore,
    source: Callable[[], IngestLike | None] = _ingest_sample,
    *,
    label: str = SAMPLE_LABEL,
) -> ImportOutcome | None:
    """Import the sample as a synthetic round if the store was never used; else nothing.

    `source` reads the sample (the shipped workbook by default); it is only called when
    seeding looks needed, and the decision is checked again under the write lock.
    Returns the import outcome, or None when nothing was done (already used, no sample, or
    a sample that does not validate).
    """
    if not needs_seed(store):
        return None
    result = source()
    if result is None or not result.report.ok or result.survey is None:
        return None
    info = dataclasses.replace(result.survey.info, label=label, synthetic=True)
    survey = dataclasses.replace(result.survey, info=info)
    with store.writing() as connection:
        if loading.count_rounds(connection) or audit.has_entries(connection):
            return None  # another process seeded first, or the store was used meanwhile
        return rounds.import_round(
            connection,
            survey,
            result.source,
            warnings=result.report.warnings,
            actor=SEED_ACTOR,
            action="seed",
        )
