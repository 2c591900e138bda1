"""The template workbook: its sheets, lists and notes, and that it ingests cleanly once
the example rows are deleted (and is refused while an example row is still there)."""

from __future__ import annotations

import io
from datetime import date

import openpyxl
import pytest

from analysis.core.model import SourceFile
from analysis.core.schema import EXAMPLE_POLE, FIELDS, PROGRAMMES
from analysis.ingest.pipeline import ingest
from analysis.template.workbook import (
    NOTES_SHEET,
    default_years,
    responses_headers,
    template_name,
    template_xlsx,
)
from tests.support.template_book import (
    SHEETS,
    YEARS,
    filled_template,
    header_row,
    open_template,
    two_answers,
    validations_of,
)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_sheets_and_headers(lang: str) -> None:
    book = open_template(lang)
    assert book.sheetnames == SHEETS[lang]
    headers = header_row(book.worksheets[0])
    assert headers == [header for _f, _y, header in responses_headers(lang, YEARS)]  # type: ignore[arg-type]
    submitted = "Projets européens déposés" if lang == "fr" else "EU proposals submitted"
    assert [h for h in headers if h.startswith(submitted)] == [f"{submitted} {y}" for y in YEARS]
    assert headers[0] == ("Pôle" if lang == "fr" else "Pole")
    assert len(headers) == len(FIELDS) - 2 + 2 * len(YEARS)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_one_example_row_clearly_marked(lang: str) -> None:
    ws = open_template(lang).worksheets[0]
    assert ws.max_row == 2
    assert ws["A2"].value == EXAMPLE_POLE[lang]
    assert ws["A2"].font.italic and ws["A2"].fill.fgColor.rgb.endswith("FFF2CC")
    headers = header_row(ws)
    plans = headers.index("Prévoit de recruter" if lang == "fr" else "Plans to recruit")
    assert ws.cell(row=2, column=plans + 1).value == ("oui" if lang == "fr" else "yes")


@pytest.mark.parametrize(("lang", "choices"), [("fr", '"oui,non"'), ("en", '"yes,no"')])
def test_yes_no_list_on_the_yes_no_column(lang: str, choices: str) -> None:
    ws = open_template(lang).worksheets[0]
    letter = openpyxl.utils.get_column_letter(
        header_row(ws).index("Prévoit de recruter" if lang == "fr" else "Plans to recruit") + 1
    )
    rules = validations_of(ws)
    assert rules[f"{letter}2"] == f"list:{choices}"
    # counts are whole numbers from 0, the FTE a number from 0
    members = openpyxl.utils.get_column_letter(len(header_row(ws)))
    assert rules[f"{members}2"] == "whole:0"
    fte = openpyxl.utils.get_column_letter(len(header_row(ws)) - 1)
    assert rules[f"{fte}2"] == "decimal:0"


@pytest.mark.parametrize(
    ("lang", "role"), [("fr", '"coordinateur,partenaire"'), ("en", '"coordinator,partner"')]
)
def test_projects_sheet_has_its_headers_and_lists(lang: str, role: str) -> None:
    ws = open_template(lang).worksheets[1]
    headers = header_row(ws)
    assert headers[:3] == (
        ["Pôle", "Année", "Programme"] if lang == "fr" else ["Pole", "Year", "Programme"]
    )
    rules = validations_of(ws)
    programme_letter = openpyxl.utils.get_column_letter(headers.index("Programme") + 1)
    assert rules[f"{programme_letter}2"] == 'list:"' + ",".join(PROGRAMMES) + '"'
    role_letter = openpyxl.utils.get_column_letter(
        headers.index("Rôle" if lang == "fr" else "Role") + 1
    )
    assert rules[f"{role_letter}2"] == f"list:{role}"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_round_sheet_keys_and_notes_sheet(lang: str) -> None:
    book = open_template(lang)
    round_sheet = book.worksheets[2]
    keys = [row[0] for row in round_sheet.iter_rows(min_row=2, values_only=True)]
    expected = (
        [
            "libellé",
            "début de période",
            "fin de période",
            "pôles interrogés",
            "date de collecte",
            "synthétique",
        ]
        if lang == "fr"
        else ["label", "period start", "period end", "poles surveyed", "collected on", "synthetic"]
    )
    assert keys == expected
    values = {row[0]: row[1] for row in round_sheet.iter_rows(min_row=2, values_only=True)}
    assert values[expected[1]] == 2021 and values[expected[2]] == 2024
    notes = book[NOTES_SHEET]
    rows = list(notes.iter_rows(min_row=2, values_only=True))
    explained = {row[0]: row[1] for row in rows[: len(FIELDS)]}
    for field in FIELDS:
        header = f"{field.label(lang)} 2021…2024" if field.per_year else field.label(lang)
        assert explained[header].startswith(field.help(lang))  # type: ignore[arg-type]
    assert any(EXAMPLE_POLE[lang] in str(row[0]) for row in rows[len(FIELDS) :])


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_template_as_downloaded_is_refused_for_its_example_row(lang: str) -> None:
    result = ingest(SourceFile(template_name(lang), template_xlsx(lang, YEARS)))  # type: ignore[arg-type]
    assert [(p.code, p.sheet, p.cell) for p in result.report.errors] == [
        ("example_row", SHEETS[lang][0], "A2"),
        ("initiative_example_row", "Initiatives", "A2"),
    ]
    assert result.report.warnings == ()  # not also unknown poles
    assert not result.ok
    for error in result.report.errors:
        assert EXAMPLE_POLE[lang] in error.message(lang)  # type: ignore[arg-type]
    assert result.survey is not None and result.survey.initiatives.empty


def test_a_forgotten_example_row_among_real_rows_is_an_error_naming_it() -> None:
    book = open_template("en")
    book.worksheets[0].append(two_answers("en")[0])
    book["Initiatives"].delete_rows(2)
    out = io.BytesIO()
    book.save(out)
    result = ingest(SourceFile("t.xlsx", out.getvalue()))
    assert [(p.code, p.row) for p in result.report.errors] == [("example_row", 2)]
    assert result.survey is not None and len(result.survey.responses) == 2


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_filled_template_ingests_cleanly(lang: str) -> None:
    result = ingest(SourceFile("campagne.xlsx", filled_template(lang, two_answers(lang))))
    assert result.report.problems == ()
    survey = result.survey
    assert survey is not None
    assert survey.poles == ["Aerospace Valley", "Minalogic"]
    assert survey.years == YEARS
    responses = survey.responses.set_index("pole")
    assert responses.loc["Aerospace Valley", "europe_team_fte"] == 2.5
    assert responses.loc["Minalogic", "plans_to_recruit"] == False  # noqa: E712
    assert responses["coordinator_members"].isna().tolist() == [False, True]  # blank, not 0
    yearly = survey.yearly.set_index(["pole", "year"])
    assert yearly.loc[("Aerospace Valley", 2024), "projects_funded"] == 5
    assert yearly["projects_submitted"].isna().sum() == 1
    assert (survey.info.period_start, survey.info.period_end) == (2021, 2024)


def test_the_filled_template_reads_its_projects_and_round_sheets() -> None:
    data = filled_template(
        "fr",
        two_answers("fr"),
        Projets=[["Aerospace Valley", 2022, "Horizon Europe", 11, 3, "coordinateur", "SKY"]],
    )
    book = openpyxl.load_workbook(io.BytesIO(data))
    book["Enquête"]["B2"] = "Campagne 2025"
    out = io.BytesIO()
    book.save(out)
    result = ingest(SourceFile("t.xlsx", out.getvalue()))
    assert result.report.problems == ()
    assert result.info is not None and result.info.label == "Campagne 2025"
    projects = result.survey.projects  # type: ignore[union-attr]
    assert projects[["pole", "programme", "role", "submitted", "funded"]].values.tolist() == [
        ["Aerospace Valley", "Horizon Europe", "coordinator", 11, 3]
    ]


def test_default_years_are_the_last_complete_ones() -> None:
    assert default_years(date(2025, 3, 1)) == [2021, 2022, 2023, 2024]
    assert default_years(date(2025, 3, 1), count=2) == [2023, 2024]
    headers = header_row(openpyxl.load_workbook(io.BytesIO(template_xlsx("en"))).worksheets[0])
    last = date.today().year - 1
    assert f"EU proposals submitted {last}" in headers
    assert f"EU proposals submitted {last + 1}" not in headers


def test_file_names() -> None:
    assert template_name("fr").endswith(".xlsx") and template_name("en").endswith(".xlsx")
    assert template_name("fr") != template_name("en")
