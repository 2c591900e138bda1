"""The personal report of a pole, read back from the PDF and checked against pandas sums."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from analysis.core.i18n import Lang
from analysis.core.model import SurveyRound
from analysis.report import pole_filename, pole_report, responding_poles
from analysis.report.pole import report_data
from analysis.sample.round import generate
from tests.support.builders import make_round
from tests.support.pdf import fonts, page_texts, text

TODAY = date(2026, 12, 6)


@pytest.fixture(scope="module")
def sample() -> SurveyRound:
    return generate()


def _number(value: float, lang: Lang) -> str:
    """A statistic as the report writes it: at most one decimal, the language's mark."""
    shown = f"{value:.1f}".removesuffix(".0")
    return shown.replace(".", ",") if lang == "fr" else shown


def _independent(survey: SurveyRound, pole: str) -> dict[str, object]:
    """The pole's submissions total, the median of all poles' totals, its rank: by hand."""
    answered = survey.yearly.dropna(subset=["projects_submitted"])
    totals = {
        p: float(answered.loc[answered["pole"] == p, "projects_submitted"].sum())
        for p in answered["pole"].unique()
    }
    values = sorted(totals.values())
    middle = len(values) // 2
    median = values[middle] if len(values) % 2 else (values[middle - 1] + values[middle]) / 2
    own = totals[pole]
    return {
        "own": own,
        "median": median,
        "n": len(values),
        "rank": sum(v > own for v in values) + 1,
        "years": answered.loc[answered["pole"] == pole]
        .set_index("year")["projects_submitted"]
        .to_dict(),
        "network": answered.groupby("year")["projects_submitted"].sum().to_dict(),
    }


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("index", [0, 17, 39])
def test_the_report_states_the_pole_figures_computed_independently(
    sample: SurveyRound, lang: Lang, index: int
) -> None:
    pole = responding_poles(sample)[index]
    pdf = pole_report(sample, pole, lang, today=TODAY)
    body = text(pdf)
    facts = _independent(sample, pole)
    of = "sur" if lang == "fr" else "of"
    assert pole in body
    assert f"{int(facts['own'])} {facts['rank']} {of} {facts['n']}" in body
    assert f"{_number(facts['median'], lang)} [" in body
    assert f"(n = {facts['n']})" in body
    for year, value in facts["years"].items():
        assert str(year) in body and str(int(value)) in body
    for value in facts["network"].values():
        assert str(int(value)) in body
    assert ("Synthetic sample data" if lang == "en" else "Données synthétiques") in body


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_page_carries_round_date_and_source(sample: SurveyRound, lang: Lang) -> None:
    pdf = pole_report(sample, responding_poles(sample)[0], lang, today=TODAY)
    pages = page_texts(pdf)
    printed = "6 déc. 2026" if lang == "fr" else "6 Dec 2026"
    source = "Source : campagne 2023, n = 40 pôles" if lang == "fr" else "Source: survey round 2023"
    assert len(pages) >= 1
    for page in pages:
        assert printed in page and source in page and "2023" in page
    assert all(embedded for embedded in fonts(pdf).values())
    assert fonts(pdf)


def test_a_blank_answer_stays_blank_and_a_small_group_is_not_shown() -> None:
    survey = make_round(
        [
            {
                "pole": "Alpha",
                "region": "Bretagne",
                "sector": "Health",
                "submitted": {2019: 4, 2020: 6},
            },
            {"pole": "Beta", "region": "Bretagne", "sector": "Health", "submitted": {2019: 2}},
            {
                "pole": "Gamma",
                "region": "Occitanie",
                "sector": "Health",
                "submitted": {2019: 8, 2020: 10},
            },
            {
                "pole": "Delta",
                "region": "Occitanie",
                "sector": "Health",
                "submitted": {2019: 3, 2020: 3},
            },
        ]
    )
    data = report_data(survey, "Beta", "en", today=TODAY)
    own = {item["label"]: item["value"] for item in data["own_years"]}
    assert own == {"2019": 2.0, "2020": None}  # blank, never 0
    body = text(pole_report(survey, "Beta", "en", today=TODAY))
    assert "too few poles (n = 2)" in body  # Bretagne: two poles, below the minimum of 3
    assert "cannot be computed" in body  # Beta left 2020 blank: no growth on the panel's basis
    assert "on the 3 poles that answered both years" in body


def test_an_unknown_pole_is_a_key_error(sample: SurveyRound) -> None:
    with pytest.raises(KeyError):
        pole_report(sample, "Nobody", "en")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Pôle Mer Bretagne Atlantique", "report_2023_en_Pole-Mer-Bretagne-Atlantique.pdf"),
        ("../../etc/passwd", "report_2023_en_etc-passwd.pdf"),
        ("=HYPERLINK()", "report_2023_en_HYPERLINK.pdf"),
        ("###", "report_2023_en_pole.pdf"),
    ],
)
def test_file_names_carry_the_pole_name_sanitised(name: str, expected: str) -> None:
    assert pole_filename(name, "2023", "en") == expected


def test_a_very_long_name_is_cut_in_the_file_name() -> None:
    assert len(pole_filename("P" * 300, "2023", "fr")) < 100


def test_growth_matches_the_balanced_panel(sample: SurveyRound) -> None:
    pole = responding_poles(sample)[3]
    rows = sample.yearly.loc[sample.yearly["pole"] == pole].set_index("year")["projects_submitted"]
    first, last = rows.loc[2019], rows.loc[2022]
    expected = (float(last) / float(first)) ** (1 / 3) - 1
    body = text(pole_report(sample, pole, "en", today=TODAY))
    sign = "+" if expected >= 0 else "−"
    assert f"changed by {sign}{abs(expected) * 100:.1f}% a year" in body.replace("-", "−")
    assert not pd.isna(first)
