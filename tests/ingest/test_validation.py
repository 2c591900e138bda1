"""Every problem found in one pass, each naming the right sheet, row, column and value."""

from __future__ import annotations

import pytest

from analysis.core.registry import Registry
from analysis.ingest.mapping.columns import choose_sheet
from analysis.ingest.report import Problem, Severity
from analysis.ingest.sheets.responses import build_table
from analysis.ingest.validation.cells import PROBLEM_LIMIT
from analysis.ingest.validation.responses import check_table, no_answers, no_pole_column
from tests.support.validation_sheet import (
    GOOD,
    HEADERS,
    Sheet,
    cells,
    check,
    only,
)


def test_a_good_sheet_has_no_problem() -> None:
    assert check([HEADERS, GOOD, ["Cap Digital", "Île-de-France", 5, 5, 0, "non", 2]]) == []


def test_negative_count_names_row_column_header_and_value() -> None:
    rows = [["Title"], None, HEADERS, GOOD, ["Cap Digital", "Île-de-France", "-3", 0, 0, "non", 1]]
    p = only(check(rows), "negative")
    assert (p.severity, p.sheet, p.row, p.column, p.value) == (
        Severity.ERROR,
        "Réponses",
        5,
        "C",
        "-3",
    )
    assert p.message("en") == (
        'Sheet "Réponses", row 5, column C ("Projets déposés 2021"): "-3" is negative; '
        "expected a whole number, 0 or more."
    )
    assert p.message("fr") == (
        "Feuille « Réponses », ligne 5, colonne C (« Projets déposés 2021 »): "
        "« -3 » est négatif ; attendu : un nombre entier, 0 ou plus."
    )


@pytest.mark.parametrize(
    ("value", "code", "fragment"),
    [
        ("beaucoup", "text_in_number", '"beaucoup" is not a number'),
        (2.5, "not_whole", '"2.5" is not a whole number'),
        ("#DIV/0!", "excel_error", 'cell E3 holds the Excel error "#DIV/0!"'),
    ],
)
def test_unreadable_count_cells(value: object, code: str, fragment: str) -> None:
    rows = [HEADERS, GOOD, ["Cap Digital", "Île-de-France", 5, 1, value, "non", 1]]
    p = only(check(rows), code)
    assert (p.row, p.column, p.severity) == (3, "E", Severity.ERROR)
    assert fragment in p.message("en")
    assert "ligne 3, colonne E" in p.message("fr")


def test_every_problem_is_collected_in_one_pass() -> None:
    rows = [
        HEADERS,
        ["Aerospace Valley", "Occitanie", -1, "#N/A", "x", "peut-être", "-2"],
        ["Cap Digital", "Île-de-France", "dix", 3, 2.5, "oui", "un"],
    ]
    found = {(p.code, p.cell) for p in check(rows)}
    assert found >= {
        ("negative", "C2"),
        ("excel_error", "D2"),
        ("text_in_number", "E2"),
        ("invalid_yesno", "F2"),
        ("negative", "G2"),
        ("text_in_number", "C3"),
        ("not_whole", "E3"),
        ("text_in_number", "G3"),
    }


def test_problems_come_in_sheet_order() -> None:
    rows = [
        HEADERS,
        ["Cap Digital", "Île-de-France", "x", 1, "y", "oui", 1],
        ["Aerospace Valley", None, "z", 1, 1, "oui", 1],
    ]
    cells_found = [p.cell for p in check(rows)]
    assert cells_found == ["C2", "E2", "C3"]


def test_funded_over_submitted_names_both_cells() -> None:
    rows = [HEADERS, GOOD, ["Cap Digital", "Île-de-France", 3, 5, 0, "non", 1]]
    p = only(check(rows), "funded_over_submitted")
    assert (p.row, p.column, p.value) == (3, "D", "5")
    assert p.params["submitted_cell"] == "C3"
    assert p.message("en") == (
        'Sheet "Réponses", row 3, column D ("Projets retenus 2021"): Projects funded in 2021: 5, '
        'more than the 3 submitted that year (cell C3, "Projets déposés 2021"); '
        "expected at most the number of projects submitted the same year."
    )


def test_a_pole_unknown_to_the_registry_typed_twice_differently_is_a_duplicate() -> None:
    rows = [
        HEADERS,
        ["Foo Bar", None, 1, 1, 1, "oui", 1],
        GOOD,
        ["FÔO  BAR.", None, 1, 1, 1, "oui", 1],
    ]
    p = only(check(rows), "duplicate_pole")
    assert (p.row, p.column, p.value, p.params["first_row"]) == (4, "A", "FÔO  BAR.", 2)


def test_duplicated_pole_after_matching_names_both_rows() -> None:
    rows = [
        HEADERS,
        GOOD,
        ["Cap Digital", None, 1, 1, 1, "oui", 1],
        ["AEROSPACE VALLEY", None, 1, 1, 1, "oui", 1],
    ]
    p = only(check(rows), "duplicate_pole")
    assert (p.row, p.column, p.value, p.params["first_row"]) == (4, "A", "AEROSPACE VALLEY", 2)
    message = p.message("en")
    assert "row 4" in message and "row 2" in message and "Aerospace Valley" in message
    assert "lignes 2 et 4" in p.message("fr")


def test_a_former_name_is_the_same_pole() -> None:
    rows = [
        HEADERS,
        ["Terralia", None, 1, 1, 1, "oui", 1],
        ["Innov'Alliance", None, 1, 1, 1, "oui", 1],
    ]
    assert only(check(rows), "duplicate_pole").row == 3


def test_unknown_pole_is_a_warning_with_the_closest_registry_names() -> None:
    rows = [HEADERS, ["Aerospace Valey", "Occitanie", 1, 1, 1, "oui", 1]]
    p = only(check(rows), "unknown_pole")
    assert (p.severity, p.row, p.column, p.value) == (Severity.WARNING, 2, "A", "Aerospace Valey")
    assert p.params["suggestions"].startswith('"Aerospace Valley"')
    assert 'closest names: "Aerospace Valley"' in p.message("en")
    assert p.message("en").startswith('Sheet "Réponses", row 2, column A ("Pôle")')


def test_unknown_region_is_a_warning_with_suggestions() -> None:
    rows = [
        HEADERS,
        ["Aerospace Valley", "Ocitanie", 1, 1, 1, "oui", 1],
        ["Cap Digital", "IDF", 1, 1, 1, "oui", 1],
    ]
    p = only(check(rows), "unknown_region")
    assert (p.severity, p.row, p.column, p.value) == (Severity.WARNING, 2, "B", "Ocitanie")
    assert '"Occitanie"' in p.params["suggestions"]
    assert p.message("fr").startswith("Feuille « Réponses », ligne 2, colonne B (« Région »)")
    assert '"Occitanie"' in p.message("en")


def test_invalid_yesno_names_the_cell() -> None:
    rows = [HEADERS, ["Aerospace Valley", "Occitanie", 1, 1, 1, "peut-être", 1]]
    p = only(check(rows), "invalid_yesno")
    assert (p.row, p.column, p.value, p.expected) == (2, "F", "peut-être", "yesno")
    assert "yes or no" in p.message("en")


def test_extra_columns_are_listed_in_one_warning() -> None:
    rows = [[*HEADERS, "Commentaires", "Contact"], [*GOOD, "ok", "a@b.c"]]
    p = only(check(rows), "extra_columns")
    assert p.severity is Severity.WARNING
    assert p.params["columns"] == '"Commentaires" (H), "Contact" (I)'
    assert (p.row, p.column) == (1, None)  # one warning, on the header row
    assert p.params["letters"] == ["H", "I"]  # the header cells it is about, for previews
    assert "letters" not in p.message("en") and "['H'" not in p.message("en")


def test_duplicate_columns_are_an_error_naming_both() -> None:
    rows = [[*HEADERS, "Projets deposes 2021"], [*GOOD, 3]]
    p = only(check(rows), "duplicate_column")
    assert (p.column, p.params["first_column"], p.severity) == ("H", "C", Severity.ERROR)
    assert 'column C ("Projets déposés 2021")' in p.message("en")


def test_no_yearly_columns_is_a_warning() -> None:
    rows = [["Pôle", "Région"], ["Aerospace Valley", "Occitanie"]]
    assert only(check(rows), "no_yearly_columns").severity is Severity.WARNING


def test_no_pole_column_lists_the_headers_found() -> None:
    chosen = choose_sheet(
        [Sheet("Data", cells([["Structure", "Région", "Membres"], ["X", "Y", 1]]))]
    )
    assert chosen is not None
    p = no_pole_column(chosen[1])
    assert (p.severity, p.sheet, p.row) == (Severity.ERROR, "Data", 1)
    assert '"Structure", "Région", "Membres"' in p.message("en")


def test_no_answers_message() -> None:
    assert "no answer row" in no_answers("Réponses").message("en")


def test_many_problems_of_one_kind_are_summed_up_after_the_limit() -> None:
    poles = list(Registry.default().poles)[:40]
    rows = [HEADERS, *[[pole, None, -1, 0, 0, "oui", 1] for pole in poles]]
    problems = [p for p in check(rows) if p.column == "C"]
    assert len(problems) == PROBLEM_LIMIT + 1
    summary = problems[-1]
    assert summary.code == "more_problems"
    assert summary.params["count"] == 40 - PROBLEM_LIMIT
    assert "15 more cells" in summary.message("en")


def test_an_excel_error_in_the_pole_cell_is_reported_and_the_row_left_out() -> None:
    registry = Registry.default()
    rows = [HEADERS, GOOD, ["#REF!", "Occitanie", 1, 1, 1, "oui", 1]]
    chosen = choose_sheet([Sheet("Réponses", cells(rows))])
    assert chosen is not None
    table = build_table("Réponses", chosen[0].cells, chosen[1], registry)
    assert list(table.answers) == [2]
    problems = check_table(table, registry)
    assert [(p.code, p.cell) for p in problems] == [("excel_error", "A3")]


def test_an_excel_error_in_an_extra_column_is_an_error_naming_the_cell() -> None:
    rows = [
        [*HEADERS, "Commentaires"],
        [*GOOD, "ok"],
        ["Cap Digital", "Île-de-France", 5, 5, 0, "non", 2, "#N/A"],
    ]
    p = only(check(rows), "excel_error")
    assert (p.severity, p.row, p.column, p.cell, p.value) == (
        Severity.ERROR,
        3,
        "H",
        "H3",
        "#N/A",
    )
    assert p.message("en").startswith('Sheet "Réponses", row 3, column H ("Commentaires")')


@pytest.mark.parametrize(
    "typed", ["Pôle Minalogic", "POLE DE COMPETITIVITE MINALOGIC", "Cluster Minalogic"]
)
def test_a_leading_pole_word_does_not_make_an_unknown_pole(typed: str) -> None:
    registry = Registry.default()
    rows = [HEADERS, [typed, "Auvergne-Rhône-Alpes", 1, 1, 1, "oui", 1]]
    chosen = choose_sheet([Sheet("Réponses", cells(rows))])
    assert chosen is not None
    table = build_table("Réponses", chosen[0].cells, chosen[1], registry)
    assert table.pole_name.tolist() == ["Minalogic"]
    assert check_table(table, registry) == []


def test_a_large_sheet_gives_a_short_report_with_counts() -> None:
    n = 3000
    rows: list[list[object] | None] = [HEADERS]
    rows += [
        [f"Pôle inconnu {i}", "Bretagne", i % 7, -1 if i % 2 else 0, 1, "oui", 1] for i in range(n)
    ]
    problems = check(rows)
    by_code: dict[str, int] = {}
    for p in problems:
        by_code[p.code] = by_code.get(p.code, 0) + 1
    assert by_code == {"unknown_pole": 25, "negative": 25, "more_problems": 2}
    more = {p.column: p.params["count"] for p in problems if p.code == "more_problems"}
    assert more == {"A": n - 25, "D": n // 2 - 25}


def test_a_problems_body_is_its_message_without_the_place() -> None:
    rows = [HEADERS, ["Aerospace Valley", "Occitanie", 1, 1, 1, "peut-être", 1]]
    p = only(check(rows), "invalid_yesno")
    for lang in ("en", "fr"):
        assert p.message(lang) == f"{p.location(lang)}: {p.body(lang)}"
        assert p.sheet is not None and p.sheet not in p.body(lang)
    assert p.body("en").startswith('"peut-être"')
    sheet_less = Problem(Severity.WARNING, "no_yearly_columns")
    assert sheet_less.body("en") == sheet_less.message("en")
