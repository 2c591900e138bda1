"""The initiatives sheet: French and English headers, dates as people type them, categories in
either language, every problem located, and the canonical workbook reading back whole."""

from __future__ import annotations

import io
from datetime import date, datetime

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal
from python_calamine import CalamineWorkbook

from analysis.core.model import INITIATIVES_COLUMNS, RoundInfo, SourceFile, SurveyRound, conform
from analysis.export.canonical import INITIATIVE_HEADERS, INITIATIVES_SHEET, round_to_xlsx
from analysis.ingest.pipeline import IngestResult, ingest
from analysis.ingest.report import Problem
from tests.support.files import ExcelError, ods_bytes, xlsx_bytes

RESPONSES = [
    ["Pôle", "Région", "Projets déposés 2021"],
    ["Aerospace Valley", "Occitanie", 3],
    ["Cap Digital", "Île-de-France", 5],
]
FR_HEADER = [
    "Pôle",
    "Titre",
    "Catégorie",
    "Date de début",
    "Description courte",
    "Pays partenaires",
    "Contact",
]
EN_HEADER = [
    "Cluster",
    "Title",
    "Category",
    "Start date",
    "Short description",
    "Partner countries",
    "Contact",
    "Submission date",
]


def read(rows: list[list[object]], sheet: str = "Initiatives Europe") -> IngestResult:
    content = xlsx_bytes(RESPONSES, extra_sheets={sheet: rows})
    return ingest(SourceFile("survey.xlsx", content))


def problems(result: IngestResult, code: str) -> list[Problem]:
    return [p for p in result.report.problems if p.code == code]


def test_french_headers_french_dates_and_categories() -> None:
    result = read(
        [
            ["Candidatures au prix 2023"],
            [],
            FR_HEADER,
            [
                "AEROSPACE VALLEY",
                "Réseau de living labs",
                "Meilleure initiative collaborative",
                "14 mai 2022",
                "Un réseau",
                "Allemagne, Italie",
                "europe@av.example",
            ],
            [None, "Guichet Europe", "impact", "14/05/2020", None, "Espagne", None],
            [
                "Cap Digital",
                "Consortium",
                "Success story",
                date(2022, 11, 7),
                "Un succès",
                None,
                None,
            ],
        ]
    )
    assert result.ok, result.report.to_text("en")
    assert result.report.problems == ()
    frame = result.survey.initiatives
    expected = conform(
        pd.DataFrame(
            {
                "pole": ["Aerospace Valley", "Aerospace Valley", "Cap Digital"],
                "title": ["Réseau de living labs", "Guichet Europe", "Consortium"],
                "category": ["collaborative", "impact", "success_story"],
                "start_date": pd.to_datetime(["2022-05-14", "2020-05-14", "2022-11-07"]),
                "description": ["Un réseau", None, "Un succès"],
                "partner_countries": ["Allemagne, Italie", "Espagne", None],
                "contact": ["europe@av.example", None, None],
                "source_row": [4, 5, 6],
            }
        ),
        INITIATIVES_COLUMNS,
    )
    assert_frame_equal(frame, expected)


def test_english_headers_with_a_submission_date() -> None:
    result = read(
        [
            EN_HEADER,
            [
                "Cap Digital",
                "Data space",
                "Best collaborative initiative",
                "2022-03-01",
                "A data space",
                "Germany",
                "x@cd.example",
                "2023-09-20",
            ],
        ],
        sheet="Initiatives",
    )
    assert result.ok, result.report.to_text("en")
    row = result.survey.initiatives.iloc[0]
    assert (row["pole"], row["category"]) == ("Cap Digital", "collaborative")
    assert row["start_date"] == pd.Timestamp("2022-03-01")
    assert row["submitted_on"] == pd.Timestamp("2023-09-20")
    assert row["source_row"] == 2


def test_an_unknown_category_is_an_error_naming_the_allowed_ones() -> None:
    result = read([FR_HEADER, ["Cap Digital", "X", "Prix spécial", "2022-01-01"]])
    assert not result.ok
    (problem,) = problems(result, "initiative_unknown_category")
    assert (problem.sheet, problem.row, problem.column, problem.header) == (
        "Initiatives Europe",
        2,
        "C",
        "Catégorie",
    )
    english, french = problem.message("en"), problem.message("fr")
    assert english.startswith('Sheet "Initiatives Europe", row 2, column C ("Catégorie"): ')
    assert '"Prix spécial" is not a category of the award' in english
    for name in ("Best collaborative initiative", "Impact", "Success story"):
        assert name in english
    assert "« Prix spécial » n'est pas une catégorie du prix" in french
    assert "Meilleure initiative collaborative" in french
    assert pd.isna(result.survey.initiatives.iloc[0]["category"])


def test_cell_problems_are_located_and_sorted() -> None:
    result = read(
        [
            FR_HEADER,
            ["Cap Digital", "Sans catégorie", None, "2022-01-01"],
            ["Cap Digital", "Date fausse", "impact", "31/02/2023"],
            ["Cap Digital", "Mois seul", "impact", "mai 2020"],
            ["Cap Digital", "Sans date", "impact", None],
            ["Pôle Imaginaire", "Inconnu", "impact", "2021-01-01"],
            ["Cap Digital", None, "impact", "2021-01-01"],
            ["Cap Digital", "Mois seul", "Impact", "2021-01-01"],
            ["Cap Digital", ExcelError("#N/A"), "impact", "2021-01-01"],
            ["Note : liste provisoire"],
        ]
    )
    found = [(p.code, p.severity.value, p.row, p.column) for p in result.report.problems]
    assert found == [
        ("initiative_missing_category", "error", 2, "C"),
        ("invalid_date", "error", 3, "D"),
        ("initiative_month_only", "warning", 4, "D"),
        ("initiative_missing_start", "warning", 5, "D"),
        ("initiative_unknown_pole", "warning", 6, "A"),
        ("initiative_missing_title", "warning", 7, "B"),
        ("initiative_duplicate", "warning", 8, "B"),
        ("excel_error", "error", 9, "B"),
        ("ignored_row", "warning", 10, "A"),
    ]
    month = problems(result, "initiative_month_only")[0]
    assert "read as 2020-05-01, the first of the month" in month.message("en")
    assert "lue comme le 2020-05-01" in month.message("fr")
    assert "14 May 2023" in problems(result, "invalid_date")[0].message("en")
    assert "first in row 4" in problems(result, "initiative_duplicate")[0].message("en")
    unknown = problems(result, "initiative_unknown_pole")[0].message("en")
    assert '"Pôle Imaginaire" is not in the registry of poles' in unknown
    frame = result.survey.initiatives
    assert len(frame) == 8  # the note row is not an initiative
    assert frame["start_date"].isna().tolist() == [False, True, False, True] + [False] * 4
    assert frame.loc[2, "start_date"] == pd.Timestamp("2020-05-01")


def test_a_blank_pole_cell_takes_the_pole_above_and_the_first_cannot() -> None:
    result = read(
        [
            FR_HEADER,
            [None, "Orpheline", "impact", "2021-01-01", "sans pôle"],
            ["Cap Digital", "A", "impact", "2021-01-01"],
            [None, "B", "impact", "2021-02-01"],
        ]
    )
    (problem,) = problems(result, "initiative_blank_pole")
    assert (problem.row, problem.column) == (2, "A")
    assert result.survey.initiatives["pole"].tolist()[1:] == ["Cap Digital", "Cap Digital"]


def test_a_sheet_without_pole_and_category_headers_is_ignored_with_a_warning() -> None:
    result = read([["Titre", "Date de début"], ["X", "2021-01-01"]])
    assert result.ok
    (problem,) = problems(result, "initiatives_unusable")
    assert "pole and the category" in problem.message("en")
    assert result.survey.initiatives.empty


def test_a_workbook_without_the_sheet_has_no_initiatives() -> None:
    result = ingest(SourceFile("survey.xlsx", xlsx_bytes(RESPONSES)))
    assert result.ok and result.report.problems == ()
    assert result.survey.initiatives.empty
    assert list(result.survey.initiatives.columns) == list(INITIATIVES_COLUMNS)
    assert not result.survey.has_initiatives


def test_the_initiatives_sheet_is_never_taken_for_the_responses() -> None:
    rows = [FR_HEADER, ["Cap Digital", "A", "impact", "2021-01-01"]]
    content = xlsx_bytes(rows, sheet="Initiatives", extra_sheets={"Réponses": RESPONSES})
    result = ingest(SourceFile("survey.xlsx", content))
    assert result.sheet == "Réponses"
    assert len(result.survey.initiatives) == 1


def test_an_ods_sheet_with_date_cells() -> None:
    content = ods_bytes(
        RESPONSES,
        extra_sheets={
            "initiatives": [FR_HEADER, ["Cap Digital", "A", "impact", datetime(2021, 3, 4)]]
        },
    )
    result = ingest(SourceFile("survey.ods", content))
    assert result.ok, result.report.to_text("en")
    assert result.survey.initiatives.loc[0, "start_date"] == pd.Timestamp("2021-03-04")


# --- the canonical workbook ------------------------------------------------------------------

HYPERLINK = '=HYPERLINK("http://x","y")'


def _round() -> SurveyRound:
    responses = pd.DataFrame(
        {"pole": ["Cap Digital", "Minalogic"], "region": ["Île-de-France", None]}
    )
    yearly = pd.DataFrame(
        {"pole": ["Cap Digital", "Minalogic"], "year": [2021, 2021], "projects_submitted": [1, 2]}
    )
    initiatives = pd.DataFrame(
        {
            "pole": ["Cap Digital", "Minalogic", "Cap Digital"],
            "title": ["Espace de données", HYPERLINK, None],
            "category": ["collaborative", "impact", "success_story"],
            "start_date": pd.to_datetime(["2022-03-01", "2020-02-29", None]),
            "description": ["Une description", None, "Texte"],
            "partner_countries": ["Allemagne", "Italie, Grèce", None],
            "contact": ["a@cd.example", None, None],
            "submitted_on": pd.to_datetime(["2023-09-01", None, "2023-09-20"]),
        }
    )
    return SurveyRound.build(
        RoundInfo("Test", 2021, 2021), responses, yearly, initiatives=initiatives
    )


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_canonical_workbook_reads_back_to_the_same_initiatives(lang: str) -> None:
    survey = _round()
    content = round_to_xlsx(survey, lang=lang)  # type: ignore[arg-type]
    book = CalamineWorkbook.from_filelike(io.BytesIO(content))
    rows = book.get_sheet_by_name(INITIATIVES_SHEET[lang]).to_python()
    assert rows[0] == list(INITIATIVE_HEADERS[lang].values())
    assert rows[1][2] == (
        "Meilleure initiative collaborative" if lang == "fr" else ("Best collaborative initiative")
    )
    assert rows[2][1] == "'" + HYPERLINK  # user text stays text in Excel
    result = ingest(SourceFile(f"round.{lang}.xlsx", content))
    assert result.ok, result.report.to_text("en")
    assert_frame_equal(
        result.survey.initiatives.drop(columns="source_row"),
        survey.initiatives.drop(columns="source_row"),
    )


def test_the_submission_column_is_left_out_when_no_application_has_a_date() -> None:
    survey = _round()
    undated = survey.with_frames(
        initiatives=survey.initiatives.assign(submitted_on=pd.NaT).astype(
            {"submitted_on": "datetime64[us]"}
        )
    )
    book = CalamineWorkbook.from_filelike(io.BytesIO(round_to_xlsx(undated, lang="en")))
    header = book.get_sheet_by_name("Initiatives").to_python()[0]
    assert "Submission date" not in header and "Start date" in header


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_template_has_an_initiatives_sheet_that_ingestion_reads(lang: str) -> None:
    import openpyxl

    from analysis.template.workbook import template_xlsx

    book = openpyxl.load_workbook(io.BytesIO(template_xlsx(lang)))  # type: ignore[arg-type]
    sheet = book[INITIATIVES_SHEET[lang]]
    assert [cell.value for cell in sheet[1]] == list(INITIATIVE_HEADERS[lang].values())
    (rule,) = sheet.data_validations.dataValidation
    names = (
        "Meilleure initiative collaborative,Impact,Success story"
        if lang == "fr"
        else "Best collaborative initiative,Impact,Success story"
    )
    assert rule.formula1 == f'"{names}"' and str(rule.sqref).startswith("C2:")
    responses = book.worksheets[0]
    responses.delete_rows(2)  # the example row
    responses.append(["Cap Digital"])
    sheet.delete_rows(2)  # the example application
    sheet.append(["Cap Digital", "Espace de données", names.split(",")[0], "14/05/2022"])
    buffer = io.BytesIO()
    book.save(buffer)
    result = ingest(SourceFile("filled.xlsx", buffer.getvalue()))
    assert not result.report.errors, result.report.to_text("en")
    row = result.survey.initiatives.iloc[0]
    assert (row["pole"], row["category"]) == ("Cap Digital", "collaborative")
    assert row["start_date"] == pd.Timestamp("2022-05-14")
