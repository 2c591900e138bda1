"""First start: an empty store seeds itself with the synthetic sample, once in its life."""

from __future__ import annotations

from typing import Any

import pytest

from analysis.store import SAMPLE_PATH, SurveyStore, ensure_seeded, needs_seed
from tests.support import store_fixtures
from tests.support.store_fixtures import build_round, dump, error, stand_in

# the store fixtures, shared by every store test module
store = store_fixtures.store
store_url = store_fixtures.store_url


class CountingSource:
    """A seed source that counts its calls and hands out a stand-in sample."""

    def __init__(self, result: Any) -> None:
        self.result = result
        self.calls = 0

    def __call__(self) -> Any:
        self.calls += 1
        return self.result


def sample_source() -> CountingSource:
    survey = build_round("Phase 4 sample", seed=11, project_rows=40)
    return CountingSource(stand_in(survey, name="phase4_survey_sample.xlsx"))


def test_an_empty_store_is_seeded_as_a_synthetic_round(store: SurveyStore) -> None:
    assert needs_seed(store)
    outcome = ensure_seeded(store, sample_source())
    assert outcome is not None and outcome.label == "2023"
    (record,) = store.list_rounds()
    assert (record.label, record.synthetic, record.file_name) == (
        "2023",
        True,
        "phase4_survey_sample.xlsx",
    )
    assert store.load_round("2023").info.synthetic is True
    (entry,) = store.audit_log()
    assert (entry.action, entry.actor, entry.project_rows) == ("seed", "seed", 40)
    assert not needs_seed(store)


def test_a_used_store_is_never_seeded_again(store: SurveyStore) -> None:
    ensure_seeded(store, sample_source())
    source = sample_source()
    assert ensure_seeded(store, source) is None
    store.delete_round("2023")  # the user emptied the store on purpose
    assert store.list_rounds() == []
    assert ensure_seeded(store, source) is None
    assert source.calls == 0 and store.list_rounds() == []


def test_a_store_with_its_own_rounds_is_not_seeded(store: SurveyStore) -> None:
    store.import_round(stand_in(build_round("2021")))
    source = sample_source()
    assert ensure_seeded(store, source) is None
    assert store.labels() == ["2021"] and source.calls == 0


@pytest.mark.parametrize(
    "result",
    [None, stand_in(build_round("bad"), problems=(error(),))],
    ids=["no sample", "invalid sample"],
)
def test_no_usable_sample_writes_nothing(store: SurveyStore, store_url: str, result: Any) -> None:
    before = dump(store_url)
    assert ensure_seeded(store, CountingSource(result)) is None
    assert dump(store_url) == before
    assert needs_seed(store)  # a later start with a sample still seeds


def test_the_shipped_sample_seeds_the_published_round(store: SurveyStore) -> None:
    assert SAMPLE_PATH.is_file(), "the sample workbook ships with the repository"
    outcome = ensure_seeded(store)
    assert outcome is not None
    survey = store.load_round("2023")
    assert survey.info.synthetic is True
    assert len(survey.responses) == 40  # the published number of responding poles
    assert int(survey.yearly["projects_submitted"].sum()) >= 1500
    assert store.original_file("2023").content == SAMPLE_PATH.read_bytes()
