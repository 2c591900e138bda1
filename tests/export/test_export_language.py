"""Exports speak the language asked for: the thematic families in French in a French
export (the data page's and the canonical one), and a French export read back still shows
its families in English."""

from __future__ import annotations

import csv
import io

import pytest

from analysis.analytics.answers_table import data_table
from analysis.core.labels import sector_label
from analysis.core.model import SourceFile
from analysis.export.canonical import round_to_csv, round_to_xlsx
from analysis.export.files import filtered_csv
from analysis.ingest.pipeline import ingest
from analysis.sample import round as sample

SURVEY = sample.generate()
FAMILIES = {
    "Energy and environment": "Énergie et environnement",
    "Health": "Santé",
    "Mobility, aerospace and logistics": "Mobilité, aéronautique et logistique",
}


def _column(data: bytes, header: str, sep: str) -> list[str]:
    rows = csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=sep)
    return [row[header] for row in rows]


def test_the_sample_has_the_families_this_test_reads() -> None:
    assert set(FAMILIES) <= set(SURVEY.responses["sector"].dropna())


@pytest.mark.parametrize(
    "export",
    [
        lambda lang: round_to_csv(SURVEY, lang),
        lambda lang: filtered_csv(data_table(SURVEY, lang), lang),
    ],
    ids=["canonical", "data page"],
)
def test_a_french_csv_names_the_families_in_french(export) -> None:  # type: ignore[no-untyped-def]
    french = set(_column(export("fr"), "Thématique", ";"))
    english = set(_column(export("en"), "Sector", ","))
    assert set(FAMILIES.values()) <= french and not set(FAMILIES) & french
    assert set(FAMILIES) <= english and not set(FAMILIES.values()) & english


@pytest.mark.parametrize("name", ["round.csv", "round.xlsx"])
def test_a_french_export_read_back_keeps_its_families_in_both_languages(name: str) -> None:
    data = round_to_csv(SURVEY, "fr") if name.endswith("csv") else round_to_xlsx(SURVEY, "fr")
    result = ingest(SourceFile(name, data))
    assert result.survey is not None, [p.code for p in result.report.problems]
    stored = set(result.survey.responses["sector"].dropna())
    assert {sector_label(value, "en") for value in stored} == {
        sector_label(value, "en") for value in SURVEY.responses["sector"].dropna()
    }
    assert "Santé" in stored and sector_label("Santé", "en") == "Health"


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [
        ("Mer et eau", "en", "Sea and water"),
        ("SEA AND WATER", "fr", "Mer et eau"),
        ("mobilite, aeronautique et logistique", "en", "Mobility, aerospace and logistics"),
        ("Robotique", "en", "Robotique"),  # typed freely: shown as it is
    ],
)
def test_a_family_is_recognised_by_its_name_in_either_language(
    value: str, lang: str, expected: str
) -> None:
    assert sector_label(value, lang) == expected  # type: ignore[arg-type]
