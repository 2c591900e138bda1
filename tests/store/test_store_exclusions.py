"""Rows left out by hand are recorded in the audit log with the round (issue 13, item 8),
on SQLite and PostgreSQL alike; the Rounds page's log words them in the reader's language."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.core.model import SourceFile
from analysis.ingest.exclusions import ExcludedRow
from analysis.ingest.pipeline import ingest
from analysis.store import InvalidRound, SurveyStore
from analysis.store.audit import exclusion_note, read_exclusion
from analysis.store.listing import audit_table
from tests.support import store_fixtures
from tests.support.files import xlsx_bytes
from tests.support.messy import clean_grid
from tests.support.store_fixtures import build_round, stand_in

store = store_fixtures.store
store_url = store_fixtures.store_url

WEIRD = 'Doublon « papier » = "=SUM(A1)" <b>x</b>'


def test_each_row_left_out_is_in_the_audit_log_with_the_version(store: SurveyStore) -> None:
    content = xlsx_bytes(clean_grid())
    result = ingest(SourceFile("round.xlsx", content), excluded_rows={4: WEIRD, 2: "test answer"})
    assert result.ok
    outcome = store.import_round(result, actor="alice")
    entries = store.audit_log(label=outcome.label)
    assert [e.action for e in entries] == ["exclude_row", "exclude_row", "import"]
    rows = [read_exclusion(e.note) for e in reversed(entries[:2])]
    assert rows == [(2, "Aerospace Valley", "test answer"), (4, "Vitagora", WEIRD)]
    for entry in entries[:2]:
        assert entry.version_id == outcome.version_id
        assert entry.actor == "alice"
        assert entry.sha256 == result.source.sha256
        assert entry.file_id == outcome.file_id


def test_the_stored_round_is_the_file_without_the_rows(store: SurveyStore) -> None:
    result = ingest(SourceFile("r.xlsx", xlsx_bytes(clean_grid())), excluded_rows={3: "x"})
    outcome = store.import_round(result)
    loaded = store.load_round(outcome.label)
    assert loaded.responses["source_row"].tolist() == [2, 4]
    assert outcome.respondents == 2


def test_a_round_without_exclusions_records_none(store: SurveyStore) -> None:
    store.import_round(stand_in(build_round("2023")))
    assert [e.action for e in store.audit_log()] == ["import"]


def test_a_replacement_records_its_own_exclusions(store: SurveyStore) -> None:
    survey = build_round("2023")
    store.import_round(stand_in(survey))
    again = dataclasses.replace(
        stand_in(survey, content=b"second file"), excluded=(ExcludedRow(9, "Pôle X", "retiré"),)
    )
    outcome = store.import_round(again, replace=True)
    newest = store.audit_log(limit=2)
    assert [e.action for e in newest] == ["exclude_row", "replace"]
    assert newest[0].version_id == outcome.version_id
    assert read_exclusion(newest[0].note) == (9, "Pôle X", "retiré")


def test_a_refused_round_records_nothing(store: SurveyStore) -> None:
    bad = dataclasses.replace(
        stand_in(build_round("2023"), problems=(store_fixtures.error(),)),
        excluded=(ExcludedRow(3, "A", "b"),),
    )
    with pytest.raises(InvalidRound):
        store.import_round(bad)
    assert store.audit_log() == []


def test_the_audit_table_words_an_exclusion_in_each_language(store: SurveyStore) -> None:
    result = ingest(SourceFile("r.xlsx", xlsx_bytes(clean_grid())), excluded_rows={3: WEIRD})
    store.import_round(result)
    entries = store.audit_log()
    english = audit_table(entries, "en")
    french = audit_table(entries, "fr")
    assert english["Action"].tolist() == ["row left out", "import"]
    assert french["Action"].tolist() == ["ligne écartée", "import"]
    assert english["Details"].iloc[0] == f'Row 3 (pole "Systematic"): {WEIRD}'
    assert french["Détails"].iloc[0] == f"Ligne 3 (pôle « Systematic ») : {WEIRD}"
    assert english["Details"].iloc[1] == "–"


@given(row=st.integers(1, 10**6), pole=st.text(max_size=40), reason=st.text(max_size=200))
def test_a_note_reads_back_whatever_was_written(row: int, pole: str, reason: str) -> None:
    assert read_exclusion(exclusion_note(ExcludedRow(row, pole, reason))) == (row, pole, reason)


def test_other_notes_are_not_read_as_exclusions() -> None:
    for note in (None, "", "versions removed: 2", "2023 impact: Pole", "[1]", '{"row": "x"}'):
        assert read_exclusion(note) is None
