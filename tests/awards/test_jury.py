"""The jury pack: the scoring workbook and the deck hold exactly the eligible applications."""

from __future__ import annotations

import io
from datetime import date, datetime

import pandas as pd
import pytest
from openpyxl import load_workbook
from pptx import Presentation

from analysis.awards.jury import jury_filename, jury_pptx, jury_xlsx, sheet_name
from analysis.awards.rules import Edition, eligibility
from analysis.core.model import INITIATIVES_COLUMNS, conform
from analysis.core.registry import Registry
from analysis.sample import round as sample_round

EDITION = Edition.default_2023()
HYPERLINK = '=HYPERLINK("http://evil","click")'


@pytest.fixture(scope="module")
def checked() -> pd.DataFrame:
    """Five applications: three eligible (one late), one too old, one from a pole not in Phase V."""
    frame = pd.DataFrame(
        {
            "pole": ["Minalogic", "Aerospace Valley", "Cap Digital", "PICOM", "Valorial"],
            "title": ["Guichet", "Living labs", HYPERLINK, "Retail", "Vieux club"],
            "category": ["impact", "collaborative", "collaborative", "collaborative", "impact"],
            "start_date": pd.to_datetime(
                ["2020-01-01", "2022-03-01", "2021-09-14", "2022-01-01", "2018-01-01"]
            ),
            "description": ["Un guichet", "Des labs", "@SUM(A1)", "x", "y"],
            "partner_countries": ["Italie", "Allemagne", None, None, None],
            "contact": ["m@x.example", "a@x.example", "c@x.example", None, None],
            "submitted_on": pd.to_datetime([None, None, "2023-09-20", None, None]),
        }
    )
    return eligibility(conform(frame, INITIATIVES_COLUMNS), EDITION, Registry.default())


def test_the_fixture_has_three_eligible_applications(checked: pd.DataFrame) -> None:
    assert checked["eligible"].tolist() == [True, True, True, False, False]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_workbook_has_one_sheet_per_category_with_the_eligible_rows(
    checked: pd.DataFrame, lang: str
) -> None:
    book = load_workbook(io.BytesIO(jury_xlsx(checked, EDITION, lang)))  # type: ignore[arg-type]
    names = [sheet_name(c, lang) for c in EDITION.categories]  # type: ignore[arg-type]
    assert book.sheetnames == [*names, "Notes"]
    collaborative, impact, success = (book[name] for name in names)
    header = [cell.value for cell in collaborative[1]]
    pole, title, start = (header.index(h) for h in (header[0], header[2], header[3]))
    rows = [[cell.value for cell in row] for row in collaborative.iter_rows(min_row=2)]
    assert [r[pole] for r in rows] == ["Aerospace Valley", "Cap Digital"]
    assert rows[1][title] == "'" + HYPERLINK  # user text never becomes a formula
    assert rows[1][header.index(header[4])] == "'@SUM(A1)"
    assert rows[0][start] == datetime(2022, 3, 1)
    assert rows[0][1] == "Occitanie"
    impact_rows = [[c.value for c in row] for row in impact.iter_rows(min_row=2)]
    assert [r[0] for r in impact_rows] == ["Minalogic"]
    assert success.max_row == 2
    assert success["A2"].value == (
        "Aucune candidature éligible dans cette catégorie."
        if lang == "fr"
        else "No eligible application in this category."
    )
    assert not success.data_validations.dataValidation


def test_scoring_columns_have_a_0_to_5_validation_and_a_total(checked: pd.DataFrame) -> None:
    book = load_workbook(io.BytesIO(jury_xlsx(checked, EDITION, "en")))
    sheet = book["Collaborative initiative"]
    header = [cell.value for cell in sheet[1]]
    assert header == [
        "Pole",
        "Region",
        "Initiative",
        "Start date",
        "Short description",
        "Partner countries",
        "Contact",
        "Why it is eligible",
        "Quality of the collaboration (0–5)",
        "European reach (0–5)",
        "Innovation (0–5)",
        "Total",
        "Jury comments",
    ]
    (rule,) = sheet.data_validations.dataValidation
    assert (rule.type, rule.operator, rule.formula1, rule.formula2) == (
        "whole",
        "between",
        "0",
        "5",
    )
    assert str(rule.sqref) == "I2:K3"
    assert sheet["L2"].value == "=SUM(I2:K2)" and sheet["L3"].value == "=SUM(I3:K3)"
    assert sheet["D2"].number_format == "yyyy-mm-dd"
    # why each one is eligible, with the late flag of the one sent after the deadline
    assert sheet["H2"].value.startswith("started 2022-03-01: within the 2-year window")
    assert "after the 2023-09-14 deadline (late application)" in sheet["H3"].value
    impact = book["Impact"]
    assert [c.value for c in impact[1]][8:11] == [
        "Impact on the members (0–5)",
        "Impact on the territory (0–5)",
        "Measurable results (0–5)",
    ]


def test_french_workbook_and_notes(checked: pd.DataFrame) -> None:
    book = load_workbook(io.BytesIO(jury_xlsx(checked, EDITION, "fr", synthetic=True)))
    sheet = book["Initiative collaborative"]
    assert [c.value for c in sheet[1]][:3] == ["Pôle", "Région", "Initiative"]
    assert sheet["D2"].number_format == "dd/mm/yyyy"
    notes = {row[0]: row[1] for row in book["Notes"].iter_rows(min_row=2, values_only=True)}
    assert notes["Édition"] == "2023"
    assert notes["Clôture des candidatures"] == "14 septembre 2023"
    assert notes["Pôles éligibles"] == "phase V"
    assert notes["Avertissement"].startswith("DONNÉES SYNTHÉTIQUES")


def _slide_texts(prs: Presentation) -> list[str]:
    return [
        "\n".join(
            shape.text_frame.text
            for shape in slide.shapes
            if shape.has_text_frame and shape.text_frame.text.strip()
        )
        for slide in prs.slides
    ]


@pytest.mark.parametrize(
    ("lang", "title", "category", "why"),
    [
        (
            "en",
            "jury pack",
            "Category: Best collaborative initiative",
            "Eligibility: started 2022-03-01: within the 2-year window",
        ),
        (
            "fr",
            "dossier du jury",
            "Catégorie : Meilleure initiative collaborative",
            "Éligibilité : démarrée le 2022-03-01 : dans la fenêtre de 2 ans",
        ),
    ],
)
def test_the_deck_has_a_title_slide_and_one_slide_per_eligible_application(
    checked: pd.DataFrame, lang: str, title: str, category: str, why: str
) -> None:
    prs = Presentation(io.BytesIO(jury_pptx(checked, EDITION, lang)))  # type: ignore[arg-type]
    texts = _slide_texts(prs)
    assert len(texts) == 1 + 3
    assert title in texts[0]
    titles = [text.splitlines()[0] for text in texts[1:]]
    assert titles == ["Living labs", HYPERLINK, "Guichet"]
    living_labs = texts[1]
    assert "Aerospace Valley · Occitanie" in living_labs
    assert category in living_labs and why in living_labs
    assert "Retail" not in "".join(texts) and "Vieux club" not in "".join(texts)
    notes = prs.slides[1].notes_slide.notes_text_frame.text
    assert (
        "Quality of the collaboration" if lang == "en" else "Qualité de la collaboration"
    ) in notes


def test_the_synthetic_notice_is_on_the_title_slide(checked: pd.DataFrame) -> None:
    prs = Presentation(io.BytesIO(jury_pptx(checked, EDITION, "en", synthetic=True)))
    assert "SYNTHETIC SAMPLE DATA" in _slide_texts(prs)[0]


def test_the_sample_gives_a_pack_of_its_eligible_applications() -> None:
    survey = sample_round.generate()
    checked = eligibility(
        survey.initiatives, EDITION, Registry.default(), responses=survey.responses
    )
    prs = Presentation(io.BytesIO(jury_pptx(checked, EDITION, "fr", synthetic=True)))
    assert len(prs.slides) == 1 + int(checked["eligible"].sum()) == 8
    book = load_workbook(io.BytesIO(jury_xlsx(checked, EDITION, "fr", synthetic=True)))
    counts = [book[name].max_row - 1 for name in book.sheetnames[:3]]
    assert counts == [2, 3, 2]


def test_file_names() -> None:
    assert jury_filename(EDITION, "fr", "xlsx") == "jury_prix_2023_fr.xlsx"
    assert jury_filename(Edition(2024, date(2024, 9, 1)), "en", "pptx") == (
        "jury_award_2024_en.pptx"
    )
