"""`identify`: every column gets a field, a role and a confidence, from its header and values."""

from __future__ import annotations

from datetime import datetime, timedelta

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.core.registry import Registry
from analysis.ingest.mapping.identify import ColumnIdentity, identify
from analysis.ingest.reading.workbook import RawSheet

REGISTRY = Registry.default()
POLES = ["Aerospace Valley", "Minalogic", "Vitagora"]


def sheet(rows: list[list[object]]) -> RawSheet:
    width = max(len(r) for r in rows)
    padded = [list(r) + [None] * (width - len(r)) for r in rows]
    return RawSheet("Réponses", pd.DataFrame(padded, index=range(1, len(rows) + 1), dtype=object))


def by_header(columns: list[ColumnIdentity]) -> dict[str, ColumnIdentity]:
    return {c.header: c for c in columns}


def test_coordinating_members_are_never_read_as_members() -> None:
    question = "Combien de vos adhérents coordonnent un projet européen ?"
    rows = [["Pôle", "Nombre d'adhérents", question], *[[p, 120, 4] for p in POLES]]
    found = by_header(identify(sheet(rows), registry=REGISTRY))
    assert found[question].field == "coordinator_members"
    assert found[question].role == "answer"
    assert found["Nombre d'adhérents"].field == "members"
    # alone in its file, the coordinating question is still not `members`
    alone = by_header(identify(sheet([["Pôle", question], ["Minalogic", 3]]), registry=REGISTRY))
    assert alone[question].field == "coordinator_members"


def test_two_numeric_fields_that_fit_equally_make_the_column_ambiguous() -> None:
    header = "Adhérents et ETP équipe Europe"
    rows = [["Pôle", header], ["Minalogic", 3]]
    (_pole, column) = identify(sheet(rows), registry=REGISTRY)
    assert column.ambiguous and column.field is None and column.role == "unknown"
    assert set(column.alternatives) == {"members", "europe_team_fte"}


def test_submitted_and_funded_are_told_apart_by_their_own_words() -> None:
    rows = [["Pôle", "Projets déposés en 2021", "Projets retenus en 2021"], ["Minalogic", 5, 2]]
    found = by_header(identify(sheet(rows), registry=REGISTRY))
    assert found["Projets déposés en 2021"].target == "projects_submitted@2021"
    assert found["Projets retenus en 2021"].target == "projects_funded@2021"


def test_microsoft_forms_name_column_is_personal_and_the_pole_question_is_the_pole() -> None:
    headers = ["ID", "Heure de début", "Heure de fin", "Adresse de messagerie", "Nom"]
    rows = [
        [*headers, "Nom de votre pôle", "Nombre d'adhérents"],
        [1, datetime(2024, 3, 1, 9), datetime(2024, 3, 1, 9, 5), "a.martin@example.org",
         "Alice Martin", "Minalogic", 120],
        [2, datetime(2024, 3, 2, 9), datetime(2024, 3, 2, 9, 5), "b.durand@example.org",
         "Bruno Durand", "Vitagora", 80],
    ]  # fmt: skip
    found = by_header(identify(sheet(rows), registry=REGISTRY))
    assert found["Nom"].role == "personal"
    assert found["Adresse de messagerie"].role == "personal"
    assert found["Nom de votre pôle"].field == "pole"
    for header in ("ID", "Heure de début", "Heure de fin"):
        assert found[header].role == "metadata"


def test_an_anonymous_microsoft_forms_name_column_is_personal_not_the_pole() -> None:
    rows = [
        ["ID", "Heure de début", "Heure de fin", "Adresse de messagerie", "Nom", "Pôle"],
        [1, datetime(2024, 3, 1), datetime(2024, 3, 1), "anonymous", None, "Minalogic"],
    ]
    found = by_header(identify(sheet(rows), registry=REGISTRY))
    assert found["Nom"].role == "personal" and found["Nom"].field is None
    assert found["Pôle"].field == "pole"


def test_values_decide_e_mails_durations_and_the_pole_column() -> None:
    rows = [
        ["Contact", "Temps", "Structure", "Adhérents"],
        ["x@example.org", timedelta(minutes=3), "Minalogic", 10],
        ["y@example.org", timedelta(minutes=7), "Vitagora", 12],
    ]
    found = by_header(identify(sheet(rows), registry=REGISTRY))
    assert (found["Contact"].role, found["Contact"].reason) == ("personal", "identify.values_email")
    assert found["Temps"].role == "metadata"
    assert (found["Structure"].field, found["Structure"].reason) == (
        "pole",
        "identify.values_poles",
    )
    assert found["Adhérents"].samples == ("10", "12")


def test_overrides_by_header_or_letter_win_and_ignore_drops() -> None:
    rows = [["Q1", "Q2_SQ001", "Q3"], ["Minalogic", 4, "x"]]
    overrides = {"Q1": "pole", "B": "projects_submitted@2021", "Q3": "ignore"}
    found = identify(sheet(rows), registry=REGISTRY, overrides=overrides)
    assert [(c.field, c.year, c.role) for c in found] == [
        ("pole", None, "answer"),
        ("projects_submitted", 2021, "answer"),
        (None, None, "ignored"),
    ]
    assert all(c.confidence == 1.0 for c in found)


cell = st.one_of(
    st.none(),
    st.text(max_size=30),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.datetimes(),
    st.timedeltas(),
    st.sampled_from(["#NAME?", "#N/A", "Pôle", "Nom", "Email", "Minalogic", "a@b.fr"]),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(cell, min_size=1, max_size=6), min_size=1, max_size=6))
def test_identify_gives_every_column_a_role_and_never_raises(rows: list[list[object]]) -> None:
    raw = sheet(rows)
    found = identify(raw, registry=REGISTRY)
    if raw.cells.notna().any().any():
        assert [c.position for c in found] == sorted({c.position for c in found})
    for column in found:
        assert column.role in ("answer", "personal", "metadata", "unknown", "ignored")
        assert 0.0 <= column.confidence <= 1.0
        assert len(column.samples) <= 3
        assert (column.field is None) == (column.role != "answer")


def test_surveymonkey_response_row_is_part_of_the_header_not_an_answer() -> None:
    rows = [
        ["Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address", "Nom du pôle",
         "Nombre d'adhérents"],
        [None, None, None, None, None, "Response", "Response"],
        [114, 400, datetime(2024, 3, 1), datetime(2024, 3, 1), "192.0.2.1", "Minalogic", 12],
    ]  # fmt: skip
    found = by_header(identify(sheet(rows), registry=REGISTRY))
    assert found["Nom du pôle"].field == "pole"
    assert found["Nom du pôle"].samples == ("Minalogic",)  # not "Response"
    assert found["IP Address"].role == "metadata"


def test_a_limesurvey_question_titled_nom_holding_poles_is_the_pole_column() -> None:
    rows = [
        ["id", "submitdate", "lastpage", "startlanguage", "Nom", "Adhérents"],
        [1, "2024-03-01 10:00:00", 2, "fr", "Minalogic", 12],
        [2, "2024-03-02 10:00:00", 2, "fr", "Vitagora", 8],
    ]
    found = by_header(identify(sheet(rows), registry=REGISTRY))
    assert found["Nom"].field == "pole"
    assert found["submitdate"].role == "metadata"


def test_plain_dates_may_be_answers_but_date_times_are_the_tools() -> None:
    from datetime import date

    rows = [
        ["Pôle", "Date de création", "Envoyé le"],
        ["Minalogic", date(2005, 7, 12), datetime(2024, 3, 1, 9, 12)],
        ["Vitagora", date(2005, 7, 12), datetime(2024, 3, 2, 10, 1)],
    ]
    found = by_header(identify(sheet(rows), registry=REGISTRY))
    assert found["Date de création"].role == "unknown"  # kept as an extra column
    assert found["Envoyé le"].role == "metadata"
