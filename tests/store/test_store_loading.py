"""Loading rounds chunk by chunk into typed frames, and without their per-project rows."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest

from analysis.core.model import PROJECTS_COLUMNS, RESPONSES_COLUMNS, YEARLY_COLUMNS, empty_frame
from analysis.store import RoundNotFound, SurveyStore
from analysis.store import loading as store_loading
from analysis.store.frames import typed_frame
from tests.support import store_fixtures
from tests.support.store_fixtures import assert_same_round, build_round, stand_in

store = store_fixtures.store
store_url = store_fixtures.store_url


def test_a_round_read_in_many_small_chunks_is_the_same_round(
    store: SurveyStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    survey = build_round("2023", poles=8, project_rows=45)
    store.import_round(stand_in(survey))
    monkeypatch.setattr(store_loading, "LOAD_CHUNK_ROWS", 4)  # 12 chunks of projects
    assert_same_round(store.load_round("2023"), survey)


def test_a_round_without_its_projects_keeps_every_other_frame(store: SurveyStore) -> None:
    survey = build_round("2023", project_rows=30)
    store.import_round(stand_in(survey))
    core = store.load_round("2023", projects=False)
    assert core.projects.empty and not core.has_projects
    pd.testing.assert_frame_equal(core.projects, empty_frame(PROJECTS_COLUMNS))
    without = dataclasses.replace(survey, projects=empty_frame(PROJECTS_COLUMNS))
    assert_same_round(core, without)
    pd.testing.assert_frame_equal(store.load_projects("2023"), survey.projects)


def test_projects_of_an_unknown_round_are_refused(store: SurveyStore) -> None:
    with pytest.raises(RoundNotFound):
        store.load_projects("nope")


def test_a_round_without_projects_gives_an_empty_typed_projects_frame(
    store: SurveyStore,
) -> None:
    store.import_round(stand_in(build_round("2023")))
    projects = store.load_projects("2023")
    assert projects.empty
    assert projects.dtypes.astype(str).to_dict() == PROJECTS_COLUMNS


def test_typed_frame_types_every_column_across_chunks() -> None:
    names = list(RESPONSES_COLUMNS)
    chunks = [
        [("A", "Occitanie", "Health", 3, None, 1, 1.5, 120, 4)],
        [
            ("B", None, "Digital", None, 2, 0, None, 80, 5),
            ("C", "Bretagne", None, 0, 0, None, 2, None, 6),
        ],
    ]
    frame = typed_frame(iter(chunks), names, RESPONSES_COLUMNS)
    assert frame.dtypes.astype(str).to_dict() == RESPONSES_COLUMNS
    assert frame["pole"].tolist() == ["A", "B", "C"]
    assert frame["region"].isna().tolist() == [False, True, False]
    # SQLite hands booleans back as 0/1: they are booleans again, blanks stay unknown.
    assert frame["plans_to_recruit"].tolist() == [True, False, pd.NA]
    assert frame["europe_team_recruitments"].tolist() == [3, pd.NA, 0]  # blank is not 0
    assert frame["europe_team_fte"].tolist() == [1.5, pd.NA, 2.0]
    expected = pd.DataFrame(
        {name: [row[i] for chunk in chunks for row in chunk] for i, name in enumerate(names)}
    ).astype(RESPONSES_COLUMNS)
    pd.testing.assert_frame_equal(frame, expected)


def test_typed_frame_of_no_rows_is_empty_and_typed() -> None:
    frame = typed_frame(iter([]), list(YEARLY_COLUMNS), YEARLY_COLUMNS)
    assert frame.empty
    assert frame.dtypes.astype(str).to_dict() == YEARLY_COLUMNS


def test_typed_frame_refuses_a_fraction_in_a_count_column() -> None:
    names = list(YEARLY_COLUMNS)
    with pytest.raises(pa.ArrowInvalid):
        typed_frame(iter([[("A", 2021, 2.5, 1)]]), names, YEARLY_COLUMNS)
    whole = typed_frame(iter([[("A", 2021, 3.0, None)]]), names, YEARLY_COLUMNS)
    assert whole["projects_submitted"].tolist() == [3]


def test_a_large_round_loads_the_same_as_it_was_stored(tmp_path: Path) -> None:
    survey = build_round("big", poles=300, years=(2019, 2020, 2021, 2022), project_rows=45_000)
    with SurveyStore(f"sqlite:///{tmp_path / 'big.db'}") as store:
        store.import_round(stand_in(survey))
        assert_same_round(store.load_round("big"), survey)
