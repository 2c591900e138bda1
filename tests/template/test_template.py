"""The template workbook: its sheets, lists and notes, and that it ingests cleanly once
the example rows are deleted (and is refused while an example row is still there)."""

from __future__ import annotations

import io
from datetime import date, datetime
from typing import Any

import openpyxl
import pandas as pd
import pytest

from analysis.core.model import SourceFile
from analysis.core.schema import EXAMPLE_POLE, FIELDS, PROGRAMMES
from analysis.export.canonical import INITIATIVE_HEADERS, INITIATIVES_SHEET
from analysis.ingest.pipeline import ingest
from analysis.template.workbook import (
    NOTES_SHEET,
    default_years,
    responses_headers,
    template_name,
    template_xlsx,
)
from tests.support.files import xlsx_bytes

YEARS = [2021, 2022, 2023, 2024]
SHEETS = {
    "fr": ["Réponses", "Projets", "Enquête", "Initiatives", "Notes"],
    "en": ["Responses", "Projects", "Round", "Initiatives", "Notes"],
}


def _book(lang: str, years: list[int] = YEARS) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(template_xlsx(lang, years)))  # type: ignore[arg-type]


def _header_row(ws: Any) -> list[str]:
    return [cell.value for cell in ws[1] if cell.value is not None]


def _validations(ws: Any) -> dict[str, str]:
    """Cell range (its first cell) -> the list or rule of each data validation."""
    found = {}
    for rule in ws.data_validations.dataValidation:
        for cell_range in rule.sqref.ranges:
            first = cell_range.coord.split(":")[0]
            found[first] = f"{rule.type}:{rule.formula1}"
    return found


def _filled(
    lang: str,
    rows: list[list[Any]],
    keep_initiative_example: bool = False,
    **extra: list[list[Any]],
) -> bytes:
    """The template with its example rows deleted (the initiatives one kept if asked) and
    `rows` typed in the responses' place, `extra` rows appended to the sheets they name."""
    book = _book(lang)
    responses = book.worksheets[0]
    responses.delete_rows(2)
    if not keep_initiative_example:
        book[INITIATIVES_SHEET[lang]].delete_rows(2)
    for row in rows:
        responses.append(row)
    for sheet, sheet_rows in extra.items():
        for row in sheet_rows:
            book[sheet].append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _answers(lang: str) -> list[list[Any]]:
    yes, no = ("oui", "non") if lang == "fr" else ("yes", "no")
    # pole, region, sector, submitted ×4, funded ×4, recruitments, coordinators, plans, FTE,
    # members
    return [
        ["Aerospace Valley", "Occitanie", None, 10, 11, 12, 13, 2, 3, 4, 5, 1, 4, yes, 2.5, 300],
        ["Minalogic", None, None, 5, None, 7, 8, 1, None, 2, 2, 0, None, no, None, None],
    ]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_sheets_and_headers(lang: str) -> None:
    book = _book(lang)
    assert book.sheetnames == SHEETS[lang]
    headers = _header_row(book.worksheets[0])
    assert headers == [header for _f, _y, header in responses_headers(lang, YEARS)]  # type: ignore[arg-type]
    submitted = "Projets européens déposés" if lang == "fr" else "EU proposals submitted"
    assert [h for h in headers if h.startswith(submitted)] == [f"{submitted} {y}" for y in YEARS]
    assert headers[0] == ("Pôle" if lang == "fr" else "Cluster")
    assert len(headers) == len(FIELDS) - 2 + 2 * len(YEARS)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_one_example_row_clearly_marked(lang: str) -> None:
    ws = _book(lang).worksheets[0]
    assert ws.max_row == 2
    assert ws["A2"].value == EXAMPLE_POLE[lang]
    assert ws["A2"].font.italic and ws["A2"].fill.fgColor.rgb.endswith("FFF2CC")
    headers = _header_row(ws)
    plans = headers.index("Prévoit de recruter" if lang == "fr" else "Plans to recruit")
    assert ws.cell(row=2, column=plans + 1).value == ("oui" if lang == "fr" else "yes")


@pytest.mark.parametrize(("lang", "choices"), [("fr", '"oui,non"'), ("en", '"yes,no"')])
def test_yes_no_list_on_the_yes_no_column(lang: str, choices: str) -> None:
    ws = _book(lang).worksheets[0]
    letter = openpyxl.utils.get_column_letter(
        _header_row(ws).index("Prévoit de recruter" if lang == "fr" else "Plans to recruit") + 1
    )
    rules = _validations(ws)
    assert rules[f"{letter}2"] == f"list:{choices}"
    # counts are whole numbers from 0, the FTE a number from 0
    members = openpyxl.utils.get_column_letter(len(_header_row(ws)))
    assert rules[f"{members}2"] == "whole:0"
    fte = openpyxl.utils.get_column_letter(len(_header_row(ws)) - 1)
    assert rules[f"{fte}2"] == "decimal:0"


@pytest.mark.parametrize(
    ("lang", "role"), [("fr", '"coordinateur,partenaire"'), ("en", '"coordinator,partner"')]
)
def test_projects_sheet_has_its_headers_and_lists(lang: str, role: str) -> None:
    ws = _book(lang).worksheets[1]
    headers = _header_row(ws)
    assert headers[:3] == (
        ["Pôle", "Année", "Programme"] if lang == "fr" else ["Cluster", "Year", "Programme"]
    )
    rules = _validations(ws)
    programme_letter = openpyxl.utils.get_column_letter(headers.index("Programme") + 1)
    assert rules[f"{programme_letter}2"] == 'list:"' + ",".join(PROGRAMMES) + '"'
    role_letter = openpyxl.utils.get_column_letter(
        headers.index("Rôle" if lang == "fr" else "Role") + 1
    )
    assert rules[f"{role_letter}2"] == f"list:{role}"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_round_sheet_keys_and_notes_sheet(lang: str) -> None:
    book = _book(lang)
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
    book = _book("en")
    book.worksheets[0].append(_answers("en")[0])
    book["Initiatives"].delete_rows(2)
    out = io.BytesIO()
    book.save(out)
    result = ingest(SourceFile("t.xlsx", out.getvalue()))
    assert [(p.code, p.row) for p in result.report.errors] == [("example_row", 2)]
    assert result.survey is not None and len(result.survey.responses) == 2


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_filled_template_ingests_cleanly(lang: str) -> None:
    result = ingest(SourceFile("campagne.xlsx", _filled(lang, _answers(lang))))
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
    data = _filled(
        "fr",
        _answers("fr"),
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
    headers = _header_row(openpyxl.load_workbook(io.BytesIO(template_xlsx("en"))).worksheets[0])
    last = date.today().year - 1
    assert f"EU proposals submitted {last}" in headers
    assert f"EU proposals submitted {last + 1}" not in headers


def test_file_names() -> None:
    assert template_name("fr").endswith(".xlsx") and template_name("en").endswith(".xlsx")
    assert template_name("fr") != template_name("en")


# --- The initiatives sheet (applications to the award "Les pôles pour l'Europe") ---

CATEGORY_NAMES = {
    "fr": ["Meilleure initiative collaborative", "Impact", "Success story"],
    "en": ["Best collaborative initiative", "Impact", "Success story"],
}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_initiatives_sheet_headers_example_row_and_category_list(lang: str) -> None:
    ws = _book(lang)["Initiatives"]
    headers = [cell.value for cell in ws[1]]
    assert headers == list(INITIATIVE_HEADERS[lang].values())
    assert headers[:4] == (
        ["Pôle", "Titre", "Catégorie", "Date de début"]
        if lang == "fr"
        else ["Cluster", "Title", "Category", "Start date"]
    )
    assert headers[-1] == ("Date de candidature" if lang == "fr" else "Submission date")
    assert ws.max_row == 2  # the headers and one example
    example = dict(zip(headers, ws[2], strict=True))
    pole, category, start = headers[0], headers[2], headers[3]
    assert example[pole].value == EXAMPLE_POLE[lang]
    assert all(cell.font.italic for cell in ws[2])
    assert all(cell.fill.fgColor.rgb.endswith("FFF2CC") for cell in ws[2])
    assert example[category].value == CATEGORY_NAMES[lang][0]
    assert example[start].value == datetime(2022, 3, 1)  # a date cell, shown in the language's form
    assert example[start].number_format == ("DD/MM/YYYY" if lang == "fr" else "YYYY-MM-DD")
    assert example[headers[-1]].value == datetime(2023, 9, 1)  # before the 2023 deadline
    (rule,) = ws.data_validations.dataValidation
    assert rule.type == "list" and rule.showErrorMessage
    assert rule.formula1 == '"' + ",".join(CATEGORY_NAMES[lang]) + '"'
    assert str(rule.sqref) == "C2:C1001"


NOTES_WANTED = {
    "fr": {
        "heading": "Feuille Initiatives (facultative) : candidatures au prix « Les pôles pour",
        "windows": {
            "Meilleure initiative collaborative": (
                "dans les 2 dernières années",
                "le 14 septembre 2021 ou après",
            ),
            "Impact": ("dans les 4 dernières années", "le 14 septembre 2019 ou après"),
            "Success story": ("dans les 2 dernières années", "le 14 septembre 2021 ou après"),
        },
        "dates": ("Dates", ("14/05/2023", "14 mai 2023", "2023-05-14", "ISO")),
        "who": (
            "Qui peut candidater",
            ("dernière phase de labellisation", "phase V", "closes le 14 septembre 2023"),
        ),
    },
    "en": {
        "heading": 'Sheet Initiatives (optional): applications to the award "Les pôles pour',
        "windows": {
            "Best collaborative initiative": (
                "within the last 2 years",
                "on or after 14 September 2021",
            ),
            "Impact": ("within the last 4 years", "on or after 14 September 2019"),
            "Success story": ("within the last 2 years", "on or after 14 September 2021"),
        },
        "dates": ("Dates", ("14/05/2023", "14 mai 2023", "2023-05-14", "ISO")),
        "who": (
            "Who may apply",
            ("last labelling phase", "Phase V", "close on 14 September 2023"),
        ),
    },
}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_notes_explain_the_initiatives_sheet(lang: str) -> None:
    rows = list(_book(lang)[NOTES_SHEET].iter_rows(values_only=True))
    wanted = NOTES_WANTED[lang]
    (start,) = [i for i, row in enumerate(rows) if str(row[0]).startswith(wanted["heading"])]
    part = rows[start + 1 :]
    by_name = {row[0]: row for row in part}
    # every column of the sheet, what it holds and the answer expected
    for key, header in INITIATIVE_HEADERS[lang].items():
        assert by_name[header][1] and by_name[header][2], key
    required = "Obligatoire." if lang == "fr" else "Required."
    headers = INITIATIVE_HEADERS[lang]
    assert by_name[headers["pole"]][1].endswith(required)
    assert by_name[headers["category"]][1].endswith(required)
    assert not by_name[headers["title"]][1].endswith(required)
    assert "Success story" in by_name[headers["category"]][2]
    assert "14/05/2023" in by_name[headers["start_date"]][2]
    # the categories: what each rewards and its window, for the 2023 edition
    for name, (window, edge) in wanted["windows"].items():
        rewards, text = by_name[name][1], by_name[name][2]
        assert rewards.startswith("Récompense " if lang == "fr" else "Rewards ")
        assert window in text and edge in text and "2023" in text
    # the date forms and who may apply
    label, forms = wanted["dates"]
    assert all(form in by_name[label][1] for form in forms)
    label, facts = wanted["who"]
    assert all(fact in by_name[label][1] for fact in facts)
    # and that the example application is to be deleted
    last = str(part[-1][0])
    assert "Initiatives" in last and EXAMPLE_POLE[lang] in last


@pytest.mark.parametrize(
    ("lang", "category", "start", "submitted"),
    [
        ("fr", "Impact", "14/05/2020", "10 septembre 2023"),
        ("en", "Success story", "2022-05-14", datetime(2023, 9, 10)),
    ],
)
def test_the_filled_template_reads_the_initiative_back(
    lang: str, category: str, start: str, submitted: object
) -> None:
    countries = "Espagne, Portugal" if lang == "fr" else "Spain, Portugal"
    data = _filled(
        lang,
        _answers(lang),
        Initiatives=[
            [
                "Aerospace Valley",
                "Guichet Europe",
                category,
                start,
                "Un guichet" if lang == "fr" else "A help desk",
                countries,
                "europe@av.example",
                submitted,
            ]
        ],
    )
    result = ingest(SourceFile("campagne.xlsx", data))
    assert result.report.problems == (), result.report.to_text("en")
    assert result.ok
    initiatives = result.survey.initiatives  # type: ignore[union-attr]
    assert len(initiatives) == 1
    row = initiatives.iloc[0]
    assert (row["pole"], row["title"]) == ("Aerospace Valley", "Guichet Europe")
    assert row["category"] == ("impact" if lang == "fr" else "success_story")
    assert row["start_date"] == pd.Timestamp(2020 if lang == "fr" else 2022, 5, 14)
    assert row["submitted_on"] == pd.Timestamp(2023, 9, 10)
    assert row["partner_countries"] == countries
    assert row["source_row"] == 2  # the example's row, now the first application


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_forgotten_initiatives_example_is_refused_and_not_read(lang: str) -> None:
    real = ["Minalogic", "Espace de données", "Impact", "2021-01-15"]
    data = _filled(lang, _answers(lang), keep_initiative_example=True, Initiatives=[real])
    result = ingest(SourceFile("campagne.xlsx", data))
    assert [(p.code, p.sheet, p.cell) for p in result.report.errors] == [
        ("initiative_example_row", "Initiatives", "A2")
    ]
    assert result.report.warnings == ()  # not also an unknown pole
    assert not result.ok
    message = result.report.errors[0].message(lang)  # type: ignore[arg-type]
    assert EXAMPLE_POLE[lang] in message
    assert ("supprimez cette ligne avant l'envoi" if lang == "fr" else "delete this row") in message
    initiatives = result.survey.initiatives  # type: ignore[union-attr]
    assert initiatives[["pole", "category", "source_row"]].values.tolist() == [
        ["Minalogic", "impact", 3]
    ]


def test_the_initiatives_example_is_recognised_in_either_language_even_alone() -> None:
    """In a hand-made sheet: the English example's name in any case, alone on its row (which
    would otherwise be skipped as a note), is still refused as the template's example."""
    header = ["Pôle", "Titre", "Catégorie", "Date de début"]
    data = xlsx_bytes(
        [["Pôle", "Région", "Projets déposés 2021"], ["Cap Digital", "Île-de-France", 3]],
        extra_sheets={
            "Candidatures": [
                header,
                ["Cap Digital", "Consortium", "Success story", "07/11/2022"],
                ["example — DELETE this row"],
                [EXAMPLE_POLE["fr"], "Réseau", "Impact", "01/03/2022"],
            ]
        },
    )
    result = ingest(SourceFile("t.xlsx", data))
    assert [(p.code, p.sheet, p.cell) for p in result.report.problems] == [
        ("initiative_example_row", "Candidatures", "A3"),
        ("initiative_example_row", "Candidatures", "A4"),
    ]
    initiatives = result.survey.initiatives  # type: ignore[union-attr]
    assert initiatives["pole"].tolist() == ["Cap Digital"]
