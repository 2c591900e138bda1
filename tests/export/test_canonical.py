"""The canonical writer: headers ingestion recognises, blanks kept blank, text guarded, and a
round that survives write → ingest unchanged."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from datetime import date

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal
from python_calamine import CalamineWorkbook

from analysis.core.model import RoundInfo, SourceFile, SurveyRound
from analysis.core.schema import PROJECT_COLUMNS, ROUND_SHEET_KEYS
from analysis.core.text import normalise
from analysis.export.canonical import (
    PROJECT_HEADERS,
    RESPONSES_SHEET,
    ROUND_KEYS,
    projects_table,
    responses_table,
    round_to_csv,
    round_to_xlsx,
)
from analysis.ingest.mapping.columns import map_columns

HYPERLINK = '=HYPERLINK("http://x","y")'
INFO = RoundInfo("Test round", 2020, 2021, 12, date(2023, 3, 31), synthetic=False)


def _round(more_extras: list[tuple[str, str, str]] | None = None) -> SurveyRound:
    """Three poles, one named like a formula (unknown to the registry); blanks; extras."""
    responses = pd.DataFrame(
        {
            "pole": ["Cap Digital", HYPERLINK, "Qualitropic"],
            "region": ["Île-de-France", None, "La Réunion"],
            # Ingestion fills a registry pole's blank region or sector from the registry,
            # so the blanks that must survive the round trip belong to the unknown pole.
            "sector": ["Digital", "-minus sector", "Agri-food"],
            "europe_team_recruitments": [3, None, 0],
            "coordinator_members": [5, 1, None],
            "plans_to_recruit": [True, None, False],
            "europe_team_fte": [2.5, None, 0.5],
            "members": [None, 40, 60],
        }
    )
    yearly = pd.DataFrame(
        {
            "pole": ["Cap Digital"] * 2 + [HYPERLINK] * 2 + ["Qualitropic"] * 2,
            "year": [2020, 2021] * 3,
            "projects_submitted": [10, 12, None, 4, 0, 1],
            "projects_funded": [3, None, None, 1, 0, 1],
        }
    )
    projects = pd.DataFrame(
        {
            "pole": ["Cap Digital", "Cap Digital", "Qualitropic"],
            "year": [2020, 2021, 2021],
            "programme": ["Horizon Europe", "Interreg", "Other"],
            "submitted": [1, 1, 1],
            "funded": [1, None, 1],
            "role": ["coordinator", "partner", None],
        }
    )
    extras = pd.DataFrame(
        {
            "pole": ["Cap Digital", "Qualitropic", "Cap Digital"],
            "column": ["Commentaire", "Commentaire", "Site web"],
            "value": ["+ de projets en 2022", "RAS", "https://capdigital.com"],
        }
    )
    if more_extras:
        extras = pd.concat([extras, pd.DataFrame(more_extras, columns=extras.columns)])
    return SurveyRound.build(INFO, responses, yearly, projects, extras)


def _sheets(content: bytes) -> dict[str, list[list[object]]]:
    book = CalamineWorkbook.from_filelike(io.BytesIO(content))
    return {name: book.get_sheet_by_name(name).to_python() for name in book.sheet_names}


# --- the responses table -------------------------------------------------------------------

EXPECTED_HEADERS = {
    "fr": [
        "Pôle",
        "Région",
        "Thématique",
        "Projets européens déposés 2020",
        "Projets européens déposés 2021",
        "Projets européens retenus 2020",
        "Projets européens retenus 2021",
        "Recrutements équipe Europe",
        "Adhérents coordinateurs de projets",
        "Prévoit de recruter",
        "ETP équipe Europe",
        "Adhérents",
        "Commentaire",
        "Site web",
    ],
    "en": [
        "Pole",
        "Region",
        "Sector",
        "EU proposals submitted 2020",
        "EU proposals submitted 2021",
        "EU projects funded 2020",
        "EU projects funded 2021",
        "Europe team recruitments",
        "Members coordinating EU projects",
        "Plans to recruit",
        "Europe team FTE",
        "Members",
        "Commentaire",
        "Site web",
    ],
}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_responses_table_headers(lang: str) -> None:
    assert list(responses_table(_round(), lang).columns) == EXPECTED_HEADERS[lang]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_header_is_recognised_by_the_mapping(lang: str) -> None:
    mapping = map_columns(list(responses_table(_round(), lang).columns))
    targets = [c.target for c in mapping.columns]
    assert targets == [
        "pole",
        "region",
        "sector",
        "projects_submitted@2020",
        "projects_submitted@2021",
        "projects_funded@2020",
        "projects_funded@2021",
        "europe_team_recruitments",
        "coordinator_members",
        "plans_to_recruit",
        "europe_team_fte",
        "members",
        "extra",
        "extra",
    ]


def test_responses_table_values_are_wide_with_blanks_kept() -> None:
    table = responses_table(_round(), "en")
    assert table["EU proposals submitted 2020"].tolist() == [10, pd.NA, 0]
    assert table["EU projects funded 2021"].tolist() == [pd.NA, 1, 1]
    assert table["Plans to recruit"].tolist() == ["yes", pd.NA, "no"]
    assert table["Europe team FTE"].tolist() == [2.5, pd.NA, 0.5]
    assert table["Commentaire"].tolist() == ["+ de projets en 2022", pd.NA, "RAS"]
    assert table["Site web"].tolist() == ["https://capdigital.com", pd.NA, pd.NA]


def test_a_pole_missing_from_yearly_gets_blank_years() -> None:
    survey = _round()
    survey = survey.with_frames(yearly=survey.yearly[survey.yearly["pole"] != "Qualitropic"])
    table = responses_table(survey, "fr")
    assert table.loc[2, "Projets européens déposés 2021"] is pd.NA


def test_projects_table_leaves_out_columns_blank_throughout() -> None:
    table = projects_table(_round(), "fr")
    assert list(table.columns) == ["Pôle", "Année", "Programme", "Déposés", "Retenus", "Rôle"]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_projects_and_round_headers_are_accepted_spellings(lang: str) -> None:
    for column, header in PROJECT_HEADERS[lang].items():
        assert normalise(header) in {normalise(a) for a in PROJECT_COLUMNS[column]}, header
    for key, spelling in ROUND_KEYS[lang].items():
        assert normalise(spelling) in {normalise(a) for a in ROUND_SHEET_KEYS[key]}, spelling


# --- the workbook --------------------------------------------------------------------------


def test_workbook_sheets_banner_and_cells() -> None:
    sheets = _sheets(round_to_xlsx(_round(), "fr", banner="DONNÉES SYNTHÉTIQUES"))
    assert list(sheets) == ["Réponses", "Projets", "Enquête"]
    responses = sheets["Réponses"]
    assert responses[0][0] == "DONNÉES SYNTHÉTIQUES"
    assert all(cell == "" for cell in responses[0][1:])
    assert responses[1] == EXPECTED_HEADERS["fr"]
    first, second, third = responses[2:]
    assert first[:4] == ["Cap Digital", "Île-de-France", "Digital", 10]
    assert second[0] == "'" + HYPERLINK  # shown as text, never run
    assert second[2] == "'-minus sector"
    assert second[3] == ""  # blank stays blank, not 0
    assert third[3] == 0  # an answered 0 stays 0
    assert first[9:11] == ["oui", 2.5]
    assert sheets["Enquête"] == [
        ["libellé", "Test round"],
        ["début de période", 2020],
        ["fin de période", 2021],
        ["pôles interrogés", 12],
        ["date de collecte", date(2023, 3, 31)],
        ["synthétique", "non"],
    ]
    assert sheets["Projets"][1] == ["Cap Digital", 2020, "Horizon Europe", 1, 1, "coordinator"]
    assert sheets["Projets"][2][4] == ""


def test_workbook_without_banner_starts_with_the_headers_and_has_no_projects_sheet() -> None:
    survey = _round().with_frames(projects=_round().projects.iloc[0:0])
    sheets = _sheets(round_to_xlsx(survey, "en"))
    assert list(sheets) == ["Responses", "Round"]
    assert sheets["Responses"][0] == EXPECTED_HEADERS["en"]
    assert ["synthetic", "no"] in sheets["Round"]


def test_unknown_metadata_is_left_out_of_the_round_sheet() -> None:
    survey = SurveyRound.build(RoundInfo("Only a label"), _round().responses, _round().yearly)
    assert _sheets(round_to_xlsx(survey, "en"))["Round"] == [
        ["label", "Only a label"],
        ["synthetic", "no"],
    ]


def test_workbook_holds_no_formula_and_stores_text_as_text() -> None:
    content = round_to_xlsx(_round(), "en")
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
        xml = "".join(archive.read(name).decode("utf-8") for name in sheets)
    assert "<f>" not in xml and "<f " not in xml
    cell = re.search(r'<c r="A3"[^>]*>(.*?)</c>', xml)
    assert cell is not None
    assert 't="inlineStr"' in cell.group(0) or 't="s"' in cell.group(0)


def test_control_characters_a_workbook_cannot_hold_are_dropped() -> None:
    survey = _round()
    sector = survey.responses["sector"].copy()
    sector[0] = "Digi\x01tal\x0b"
    survey = survey.with_frames(responses=survey.responses.assign(sector=sector))
    assert _sheets(round_to_xlsx(survey, "en"))["Responses"][1][2] == "Digital"


def test_the_same_round_gives_the_same_bytes() -> None:
    assert round_to_xlsx(_round(), "fr", banner="x") == round_to_xlsx(_round(), "fr", banner="x")


def test_writing_does_not_mutate_the_round() -> None:
    survey = _round()
    before = {n: getattr(survey, n).copy() for n in ("responses", "yearly", "projects", "extras")}
    round_to_xlsx(survey, "fr", banner="x")
    round_to_csv(survey, "fr")
    for name, frame in before.items():
        assert_frame_equal(getattr(survey, name), frame)


# --- CSV -----------------------------------------------------------------------------------


def test_csv_in_french_uses_semicolons_decimal_comma_and_a_bom() -> None:
    content = round_to_csv(_round(), "fr")
    assert content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == EXPECTED_HEADERS["fr"]
    assert rows[1][:4] == ["Cap Digital", "Île-de-France", "Digital", "10"]
    assert rows[1][9:11] == ["oui", "2,5"]
    assert rows[2][0] == "'" + HYPERLINK
    assert rows[2][3] == ""
    assert len(rows) == 4


def test_csv_in_english_uses_commas_and_a_decimal_point() -> None:
    text = round_to_csv(_round(), "en").decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == EXPECTED_HEADERS["en"]
    assert rows[1][9:11] == ["yes", "2.5"]
    assert rows[3][9] == "no"


# --- round trip through ingestion ----------------------------------------------------------


def _comparable(survey: SurveyRound) -> dict[str, pd.DataFrame]:
    """The frames without the spreadsheet rows they came from, in a stable order."""
    return {
        "responses": survey.responses.drop(columns="source_row"),
        "yearly": survey.yearly.sort_values(["pole", "year"]).reset_index(drop=True),
        "projects": survey.projects.drop(columns="source_row"),
        "extras": survey.extras.sort_values(["pole", "column"]).reset_index(drop=True),
    }


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_workbook_round_trip_through_ingest(lang: str) -> None:
    from analysis.ingest.pipeline import ingest

    survey = _round()
    result = ingest(SourceFile("round.xlsx", round_to_xlsx(survey, lang, banner="SYNTHETIC")))
    assert not result.report.errors, result.report.to_text("en")
    assert result.survey is not None
    assert result.info == survey.info
    got, expected = _comparable(result.survey), _comparable(survey)
    for name in expected:
        assert_frame_equal(got[name], expected[name], obj=name)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_csv_round_trip_through_ingest(lang: str) -> None:
    from analysis.ingest.pipeline import ingest

    survey = _round()
    result = ingest(SourceFile("round.csv", round_to_csv(survey, lang)))
    assert not result.report.errors, result.report.to_text("en")
    assert result.survey is not None
    got, expected = _comparable(result.survey), _comparable(survey)
    for name in ("responses", "yearly", "extras"):
        assert_frame_equal(got[name], expected[name], obj=name)


#: Issue 15: a negative number in an extra column came back from every export as `'-5`.
NUMBER_EXTRAS = [
    ("Cap Digital", "Croissance", "-5"),
    ("Qualitropic", "Croissance", "12"),
    ("Cap Digital", "Code", "007"),
    ("Cap Digital", "Évolution", "-2.5"),
]


def test_numbers_in_extra_columns_stay_numbers_in_the_workbook() -> None:
    survey = _round(NUMBER_EXTRAS)
    rows = _sheets(round_to_xlsx(survey, "en"))[RESPONSES_SHEET["en"]]
    header = rows[0]
    cap = next(row for row in rows if row[0] == "Cap Digital")
    assert cap[header.index("Croissance")] == -5  # a number cell, no apostrophe
    assert cap[header.index("Code")] == "007"  # a code stays text
    assert cap[header.index("Évolution")] == "-2.5"  # text, but no apostrophe either


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_numbers_in_extra_columns_have_no_apostrophe_in_the_csv(lang: str) -> None:
    text = round_to_csv(_round(NUMBER_EXTRAS), lang).decode("utf-8-sig")
    assert "'-5" not in text and "'-2.5" not in text
    assert "-5" in text and "-2.5" in text


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_numbers_in_extra_columns_round_trip(fmt: str) -> None:
    from analysis.ingest.pipeline import ingest

    survey = _round(NUMBER_EXTRAS)
    content = round_to_xlsx(survey, "fr") if fmt == "xlsx" else round_to_csv(survey, "en")
    result = ingest(SourceFile(f"round.{fmt}", content))
    assert result.survey is not None
    got = _comparable(result.survey)["extras"]
    assert_frame_equal(got, _comparable(survey)["extras"])
