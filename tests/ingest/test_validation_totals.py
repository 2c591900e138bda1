"""Totals rows and rows that are no answer: a total is recognised by its place (the bottom)
and its content (a label, sums that add up), never by a name alone; blank rows and notes
under the table are skipped."""

from __future__ import annotations

import pytest

from analysis.ingest.report import Severity
from tests.support.validation_sheet import (
    GOOD,
    HEADERS,
    check,
    only,
    poles_of,
)


def test_totals_row_that_disagrees_is_a_warning_naming_cell_total_and_sum() -> None:
    rows = [
        HEADERS,
        GOOD,
        ["Cap Digital", "Île-de-France", 5, 2, 0, "non", 2],
        ["TOTAL GÉNÉRAL", None, 16, 6, 1, None, 3.5],
    ]
    p = only(check(rows), "total_mismatch")
    assert (p.severity, p.row, p.column) == (Severity.WARNING, 4, "C")
    assert (p.params["total"], p.params["computed"]) == (16, 15)
    assert p.message("en") == (
        'Sheet "Réponses", row 4, column C ("Projets déposés 2021"): the totals row says 16 '
        "(cell C4) but the answers above add up to 15; the computed sum is used."
    )


@pytest.mark.parametrize(
    "label",
    ["Total", "TOTAL", "Total :", "Total général", "Totaux", "Ensemble", "Sum", "Grand total"],
)
def test_a_totals_row_that_agrees_is_skipped_silently(label: str) -> None:
    rows = [
        HEADERS,
        GOOD,
        ["Cap Digital", "Île-de-France", 5, 2, 0, "non", 2],
        [label, None, 15, 6, 1, None, 3.5],
    ]
    assert check(rows) == []


def test_a_totals_label_outside_the_pole_column_is_a_totals_row() -> None:
    rows = [["N°", *HEADERS], [1, *GOOD], [None, "Total", None, 10, 4, 1, None, 1.5]]
    problems = check(rows)
    assert [p.code for p in problems] == ["extra_columns"]


@pytest.mark.parametrize("name", ["Somme Numérique", "Sum Innovation", "@SUM(1)", "Total Energie"])
def test_a_pole_named_like_a_total_is_an_answer_anywhere(name: str) -> None:
    # Issue 15: such a pole was taken for a totals row and dropped, wherever it stood.
    row = [name, "Occitanie", 3, 1, 0, "non", 1]
    cap = ["Cap Digital", "Île-de-France", 5, 2, 0, "non", 2]
    for rows in ([HEADERS, row, GOOD, cap], [HEADERS, GOOD, cap, row]):
        assert name in poles_of(rows)


def test_a_row_labelled_by_a_totals_word_is_a_total_when_it_adds_up_at_the_bottom() -> None:
    cap = ["Cap Digital", "Île-de-France", 5, 2, 0, "non", 2]
    adds_up = ["Somme des pôles", None, 15, 6, 1, None, 3.5]
    assert poles_of([HEADERS, GOOD, cap, adds_up]) == ["Aerospace Valley", "Cap Digital"]
    assert check([HEADERS, GOOD, cap, adds_up]) == []
    # The same label and sums above the last answer: a position no totals row has.
    assert "Somme des pôles" in poles_of([HEADERS, GOOD, adds_up, cap])


def test_a_whole_totals_label_needs_the_bottom_of_the_table() -> None:
    cap = ["Cap Digital", "Île-de-France", 5, 2, 0, "non", 2]
    total = ["Total", None, 15, 6, 1, None, 3.5]
    note = ["Source : enquête interne"]
    assert poles_of([HEADERS, GOOD, cap, total, None, note]) == ["Aerospace Valley", "Cap Digital"]
    assert "Total" in poles_of([HEADERS, GOOD, total, cap])


def test_blank_rows_are_skipped_and_a_row_without_pole_is_an_error() -> None:
    rows = [HEADERS, GOOD, None, [None, None, 4, 1, None, None, None], ["   ", None, None, None]]
    p = only(check(rows), "blank_pole")
    assert (p.row, p.column, p.severity) == (4, "A", Severity.ERROR)
    assert "no pole name" in p.message("en")


def test_a_note_under_the_table_is_skipped_with_a_warning() -> None:
    rows = [HEADERS, GOOD, None, ["Source : enquête interne, mars 2023"]]
    p = only(check(rows), "ignored_row")
    assert (p.row, p.severity) == (4, Severity.WARNING)
