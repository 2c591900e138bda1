"""Any column mapped by hand (issue 13, item 4): roles as targets, a year given to a yearly
field whose header names none, columns named by header or letter, what is remembered."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.core.model import SourceFile
from analysis.core.schema import FIELDS, YEARLY_FIELDS
from analysis.ingest.mapping.columns import map_columns, parse_target
from analysis.ingest.mapping.identify import ColumnIdentity
from analysis.ingest.mapping.memory import (
    ROLES,
    choice_target,
    column_key,
    identity_target,
    prefill,
    signature,
    target_label,
    to_remember,
)
from analysis.ingest.pipeline import ingest
from analysis.store import SurveyStore
from tests.support import store_fixtures
from tests.support.files import xlsx_bytes

store = store_fixtures.store
store_url = store_fixtures.store_url

#: A LimeSurvey export with question codes only: no header names a year.
CODES = ["id", "submitdate", "lastpage", "Q1", "Q2_SQ001", "Q2_SQ002"]
ROWS = [
    [1, "2024-03-01 10:00:00", 3, "Minalogic", "15.0000000000", "4"],
    [2, "2024-03-02 11:00:00", 3, "Vitagora", "7.0000000000", "2"],
]


def identity(role: str, field: str | None = None, year: int | None = None) -> ColumnIdentity:
    return ColumnIdentity(0, "A", "H", field, year, role, 0.5, "identify.header")  # type: ignore[arg-type]


def test_choice_targets_for_each_role() -> None:
    assert choice_target("answer", "members", None) == "members"
    assert choice_target("answer", "projects_submitted", 2021) == "projects_submitted@2021"
    assert choice_target("answer", "projects_submitted", None) is None  # a year is needed
    assert choice_target("answer", None, 2021) is None  # a field is needed
    assert choice_target("answer", "no_such_field", None) is None
    assert choice_target("unknown", "members", 2021) == "extra"
    assert choice_target("ignored", None, None) == "ignore"
    assert choice_target("personal", "pole", None) == "personal"
    assert choice_target("metadata", None, None) == "metadata"


@given(
    role=st.sampled_from(ROLES),
    field=st.sampled_from([None, *(f.key for f in FIELDS)]),
    year=st.one_of(st.none(), st.integers(2000, 2100)),
)
def test_a_complete_choice_is_a_target_that_reads_back_as_itself(
    role: str, field: str | None, year: int | None
) -> None:
    target = choice_target(role, field, year)
    if target is None:
        assert role == "answer"
        return
    key, parsed_year = parse_target(target)  # never a ValueError
    if role == "answer":
        assert key == field
        assert parsed_year == (year if field in {f.key for f in YEARLY_FIELDS} else None)
    else:
        assert key is None
    assert identity_target(identity(role, key, parsed_year)) == target


def test_a_column_is_named_by_its_header_or_by_its_letter_when_blank_or_repeated() -> None:
    mapping = map_columns(["Pôle", "Membres", None, "Code", "Code"])
    assert [column_key(mapping, m) for m in mapping.columns] == ["Pôle", "Membres", "C", "D", "E"]


def test_prefill_reads_letters_as_they_are_and_headers_normalised() -> None:
    mapping = map_columns(["Pôle", "Membres", "Code", "Code"])
    saved = {"MEMBRES": "ignore", "D": "projects_funded@2020", "C": "nonsense"}
    assert prefill(saved, mapping) == {"Membres": "ignore", "D": "projects_funded@2020"}


def test_only_choices_that_change_the_reading_are_remembered() -> None:
    guessed = {"Pôle": "pole", "Membres": "members", "C": "extra"}
    choices = {"Pôle": "pole", "Membres": "coordinator_members", "C": "extra", "D": "ignore"}
    assert to_remember(choices, guessed) == {"Membres": "coordinator_members", "D": "ignore"}


@pytest.mark.parametrize(
    ("target", "lang", "label"),
    [
        ("ignore", "en", "Leave out (ignored)"),
        ("personal", "fr", "Écarter : données personnelles"),
        ("metadata", "en", "Leave out: the survey tool's own column"),
    ],
)
def test_roles_that_leave_a_column_out_have_labels(target: str, lang: str, label: str) -> None:
    assert target_label(target, lang) == label  # type: ignore[arg-type]


def test_roles_given_by_hand_leave_the_column_out_of_the_round() -> None:
    grid = [["Pôle", "Membres", "Contact"], ["Minalogic", 3, "a@b.fr"], ["Vitagora", 4, "c@d.fr"]]
    result = ingest(
        SourceFile("f.xlsx", xlsx_bytes(grid)),
        column_overrides={"Membres": "metadata", "C": "personal"},
    )
    assert result.survey is not None
    roles = {c.letter: c.role for c in result.columns}
    assert roles == {"A": "answer", "B": "metadata", "C": "personal"}
    assert result.survey.responses["members"].isna().all()
    assert result.survey.extras.empty  # neither is kept, not even as an extra column


def test_a_code_only_column_gets_its_year_by_hand_and_the_right_figure() -> None:
    source = SourceFile("limesurvey.xlsx", xlsx_bytes([CODES, *ROWS]))
    before = ingest(source)
    assert before.survey is not None
    assert before.survey.yearly.empty  # no header names a year: no yearly figure at all
    after = ingest(
        source,
        column_overrides={
            "Q2_SQ001": choice_target("answer", "projects_submitted", 2023) or "",
            "F": choice_target("answer", "projects_funded", 2023) or "",
        },
    )
    assert after.survey is not None
    yearly = after.survey.yearly.set_index(["pole", "year"])
    assert yearly["projects_submitted"].sum() == 15 + 7
    assert yearly["projects_funded"].sum() == 4 + 2
    assert set(yearly.index.get_level_values("year")) == {2023}


def test_the_store_remembers_any_column_choice_by_header_or_letter(store: SurveyStore) -> None:
    headers = ["Pôle", "Membres", "Code", "Code", None]
    mapping = map_columns(headers)
    chosen = {"Membres": "personal", "D": "projects_funded@2023", "E": "metadata"}
    guessed = {"Pôle": "pole", "Membres": "members", "C": "extra", "D": "extra", "E": "extra"}
    store.save_mapping(signature(headers), to_remember(chosen, guessed), "alice")
    saved = store.saved_mapping(signature(headers))
    assert saved == chosen
    assert prefill(saved, mapping) == chosen
    # Setting every column back to its automatic reading forgets the signature's mapping.
    store.save_mapping(signature(headers), to_remember(guessed, guessed), "alice")
    assert store.saved_mapping(signature(headers)) == {}
