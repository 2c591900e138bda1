"""The one-page fact sheet: the seed's headline figures, one page, fonts embedded, filters."""

from __future__ import annotations

from datetime import date

import pytest

from analysis.analytics.filters import Filters
from analysis.core.i18n import Lang
from analysis.core.model import SurveyRound
from analysis.report import fact_sheet, fact_sheet_filename
from analysis.sample.round import generate
from tests.support.pdf import fonts, page_texts, text

TODAY = date(2026, 12, 6)
NNBSP = "\u202f"


@pytest.fixture(scope="module")
def sample() -> SurveyRound:
    return generate()


def _grouped(value: int, lang: Lang) -> str:
    return f"{value:,}".replace(",", NNBSP if lang == "fr" else ",")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_one_page_with_the_seed_headline_figures(sample: SurveyRound, lang: Lang) -> None:
    pdf = fact_sheet(sample, Filters(), lang, today=TODAY)
    pages = page_texts(pdf)
    assert len(pages) == 1
    body = pages[0].replace(NNBSP, " ")
    yearly = sample.yearly.dropna(subset=["projects_submitted"])
    per_year = yearly.groupby("year")["projects_submitted"].sum()
    for value in per_year:
        assert _grouped(int(value), lang).replace(NNBSP, " ") in body
    # Everyone answered 2019 and 2022 in the seed: the panel's growth is the totals'.
    growth = (per_year.iloc[-1] / per_year.iloc[0]) ** (1 / 3) - 1
    exact = f"+{growth * 100:.2f}".replace(".", "," if lang == "fr" else ".")
    assert exact in body
    coordinators = int(sample.responses["coordinator_members"].sum())
    respondents = sample.responses["pole"].nunique()
    assert str(coordinators) in body and str(respondents) in body
    total = int(per_year.sum())
    assert total == 1548 and ("1 500+" if lang == "fr" else "1,500+") in body
    assert (
        "2023" in body
        and ("Source : campagne 2023" if lang == "fr" else "Source: survey round 2023") in body
    )
    assert fonts(pdf) and all(fonts(pdf).values())


def test_the_sheet_follows_the_filters(sample: SurveyRound) -> None:
    region = "Occitanie"
    filters = Filters(regions=(region,))
    body = text(fact_sheet(sample, filters, "en", today=TODAY))
    view = filters.apply(sample)
    n = view.responses["pole"].nunique()
    assert f"{n} responding poles · region {region}" in body
    per_year = (
        view.yearly.dropna(subset=["projects_submitted"])
        .groupby("year")["projects_submitted"]
        .sum()
    )
    for value in per_year:
        assert str(int(value)) in body
    assert fact_sheet_filename("2023", "en", filters) == "fact-sheet_2023_en_filtered.pdf"
    assert fact_sheet_filename("2023", "fr", Filters()) == "fiche_2023_fr.pdf"


def test_a_figure_too_few_poles_answered_is_withheld(sample: SurveyRound) -> None:
    two = tuple(sample.poles[:2])
    body = text(fact_sheet(sample, Filters(poles=two), "en", today=TODAY))
    assert "fewer than 3 poles answered: not shown" in body
    one = text(fact_sheet(sample, Filters(poles=two[:1]), "en", today=TODAY))
    assert "answered: not shown" not in one  # one pole chosen on purpose: its figures shown


def test_the_embedded_font_is_dejavu_when_debian_ships_it(sample: SurveyRound) -> None:
    from analysis.report.typeset import FONT_DIRS

    if not any(folder.is_dir() for folder in FONT_DIRS):
        pytest.skip("fonts-dejavu-core is not installed: Typst's own fonts are embedded instead")
    used = fonts(fact_sheet(sample, Filters(), "en", today=TODAY))
    assert used and all("DejaVuSans" in name for name in used)
