"""The template's initiatives sheet (applications to the award "Les pôles pour l'Europe"):
its headers, example row and category list, its notes, and what ingesting it gives back."""

from __future__ import annotations

from datetime import datetime

import pandas as pd
import pytest

from analysis.core.model import SourceFile
from analysis.core.schema import EXAMPLE_POLE
from analysis.export.canonical import INITIATIVE_HEADERS
from analysis.ingest.pipeline import ingest
from analysis.template.workbook import NOTES_SHEET
from tests.support.files import xlsx_bytes
from tests.support.template_book import filled_template, open_template, two_answers

# --- The initiatives sheet (applications to the award "Les pôles pour l'Europe") ---

CATEGORY_NAMES = {
    "fr": ["Meilleure initiative collaborative", "Impact", "Success story"],
    "en": ["Best collaborative initiative", "Impact", "Success story"],
}


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
def test_initiatives_sheet_headers_example_row_and_category_list(lang: str) -> None:
    ws = open_template(lang)["Initiatives"]
    headers = [cell.value for cell in ws[1]]
    assert headers == list(INITIATIVE_HEADERS[lang].values())
    assert headers[:4] == (
        ["Pôle", "Titre", "Catégorie", "Date de début"]
        if lang == "fr"
        else ["Pole", "Title", "Category", "Start date"]
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


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_notes_explain_the_initiatives_sheet(lang: str) -> None:
    rows = list(open_template(lang)[NOTES_SHEET].iter_rows(values_only=True))
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
    data = filled_template(
        lang,
        two_answers(lang),
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
    data = filled_template(
        lang, two_answers(lang), keep_initiative_example=True, Initiatives=[real]
    )
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
