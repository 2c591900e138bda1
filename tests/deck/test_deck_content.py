"""Slide content from small hand-built rounds: small-base rules, blanks, wording, filters."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.analytics.filters import Filters
from analysis.core.model import SurveyRound
from analysis.deck import deck_content
from analysis.deck.groups import OTHER, UNKNOWN, ranking_allowed, submitted_by, top_poles
from analysis.deck.wording import (
    count_sentence,
    filters_in_words,
    submissions_meaning,
    whole_percent,
)
from tests.support.builders import forty_poles_two_late, make_round, three_poles

NNBSP = "\u202f"
NBSP = "\xa0"


def regional_round() -> SurveyRound:
    """Nine poles: region A has 4, B 2, C 1, D 2 (one of them blank on every year)."""
    poles = []
    for index, (region, submitted) in enumerate(
        [
            ("A", 10),
            ("A", 20),
            ("A", 30),
            ("A", 40),
            ("B", 5),
            ("B", 6),
            ("C", 7),
            ("D", 8),
            ("D", None),
        ]
    ):
        poles.append(
            {
                "pole": f"P{index}",
                "region": region,
                "sector": "Health" if index % 2 else "Sea and water",
                "europe_team_recruitments": index,
                "coordinator_members": 2,
                "plans_to_recruit": index % 3 == 0,
                "submitted": {} if submitted is None else {2019: submitted, 2020: submitted + 1},
            }
        )
    return make_round(poles, years=(2019, 2020), poles_surveyed=10)


def test_groups_of_fewer_than_three_answering_poles_are_merged() -> None:
    grouped = submitted_by(regional_round(), "region")
    frame = grouped.frame
    assert frame["group"].tolist() == ["A", OTHER]
    # Each pole answered s in 2019 and s + 1 in 2020.
    assert frame["total"].tolist() == [2 * (10 + 20 + 30 + 40) + 4, 2 * (5 + 6 + 7 + 8) + 4]
    assert frame["n"].tolist() == [4, 4]  # D's blank pole is not counted as answering
    assert frame["poles"].tolist() == [4, 5]
    assert set(grouped.merged) == {"B", "C", "D"}


def test_a_too_small_other_group_takes_in_the_smallest_shown_group() -> None:
    survey = make_round(
        [
            *({"pole": f"A{i}", "region": "A", "submitted": {2019: 50}} for i in range(3)),
            *({"pole": f"B{i}", "region": "B", "submitted": {2019: 5}} for i in range(3)),
            {"pole": "C0", "region": "C", "submitted": {2019: 9}},
        ],
        years=(2019,),
    )
    frame = submitted_by(survey, "region").frame
    # C alone (1 pole) would reveal its value: B, the smallest shown group, joins it.
    assert frame["group"].tolist() == ["A", OTHER]
    assert frame["total"].tolist() == [150, 24]
    assert frame["n"].tolist() == [3, 4]


def test_blank_region_is_its_own_group_not_a_missing_row() -> None:
    survey = make_round(
        [{"pole": f"P{i}", "region": None, "submitted": {2019: 1}} for i in range(3)]
        + [{"pole": f"Q{i}", "region": "A", "submitted": {2019: 2}} for i in range(3)],
        years=(2019,),
    )
    frame = submitted_by(survey, "region").frame
    assert dict(zip(frame["group"], frame["total"], strict=True)) == {"A": 6, UNKNOWN: 3}
    slide = deck_content(survey, Filters(), "en").slide("by_region")
    assert slide is not None
    assert slide.charts[0].categories == ("A*", "Not answered*")


def test_ranking_needs_three_answering_poles_or_one_chosen_pole() -> None:
    survey = three_poles()
    assert ranking_allowed(survey, single_pole_chosen=False)
    two = Filters(poles=("Aerospace Valley", "Cap Digital"))
    assert not ranking_allowed(two.apply(survey), single_pole_chosen=False)
    assert deck_content(survey, two, "en").slide("top_poles") is None
    one = Filters(poles=("Cap Digital",))
    chosen = deck_content(survey, one, "en").slide("top_poles")
    assert chosen is not None
    assert chosen.title == "Proposals submitted by the selected pole"
    assert chosen.charts[0].categories == ("Cap Digital",)
    assert chosen.charts[0].values == (28.0,)


def test_top_poles_leave_out_poles_that_answered_nothing() -> None:
    ranked = top_poles(regional_round(), k=20)
    assert "P8" not in ranked["pole"].tolist()
    assert ranked["total"].tolist() == sorted(ranked["total"].tolist(), reverse=True)
    assert ranked["pole"].iloc[0] == "P3"


def test_an_unanswered_figure_leaves_its_slide_out_and_says_so() -> None:
    survey = make_round(
        [
            {"pole": f"P{i}", "region": "A", "sector": "Health", "submitted": {2019: i + 1}}
            for i in range(4)
        ],
        years=(2019,),
    )
    content = deck_content(survey, Filters(), "en")
    keys = [s.key for s in content.slides]
    assert "headline_recruitments" not in keys  # nobody answered: unknown, not 0
    assert "headline_submitted" in keys
    method = content.slide("method")
    assert method is not None
    assert any("“Europe teams” (nobody answered)" in line for line in method.lines)


def test_a_year_nobody_answered_stays_empty_in_the_chart() -> None:
    survey = make_round(
        [{"pole": f"P{i}", "region": "A", "submitted": {2019: 10, 2021: 12}} for i in range(5)],
        years=(2019, 2020, 2021),
    )
    slide = deck_content(survey, Filters(), "en").slide("submissions")
    assert slide is not None
    column = slide.charts[0]
    assert column.values == (50.0, None, 60.0)
    assert column.categories == ("2019", "2020*", "2021")  # 2020 rests on 0 answers
    assert "2020: – (n = 0 poles)" in slide.notes


def test_small_base_headline_is_flagged() -> None:
    content = deck_content(three_poles(), Filters(), "en")
    slide = content.slide("headline_submitted")
    assert slide is not None
    assert slide.n == 3
    assert slide.footnote == "Small base (fewer than 5 answers): read with care"
    assert "Small base: fewer than 5 poles answered; read with care." in slide.notes.splitlines()


def test_a_figure_two_poles_answered_is_withheld() -> None:
    content = deck_content(three_poles(), Filters(), "en")
    # Recruitments: two poles answered, so their sum would reveal them.
    assert content.slide("headline_recruitments") is None
    assert "“Europe teams” (fewer than 3 poles answered)" in content.omitted
    # The same figure for a pole chosen on purpose is shown.
    chosen = deck_content(three_poles(), Filters(poles=("Aerospace Valley",)), "en")
    slide = chosen.slide("headline_recruitments")
    assert slide is not None
    assert slide.big == "4"


def test_a_scope_of_one_or_two_poles_shows_no_figure() -> None:
    survey = regional_round()
    content = deck_content(survey, Filters(regions=("B",)), "en")
    assert [s.key for s in content.slides] == ["title", "method"]
    method = content.slide("method")
    assert method is not None
    assert any("fewer than 3 poles in this scope" in line for line in method.lines)
    assert all("11" not in s.notes for s in content.slides)  # P4's own 2019 + 2020 = 5 + 6


def test_a_year_too_few_poles_answered_is_withheld() -> None:
    survey = make_round(
        [{"pole": f"P{i}", "region": "A", "submitted": {2019: 10, 2020: 12}} for i in range(4)]
        + [{"pole": "Q", "region": "A", "submitted": {2021: 7}}]
        + [{"pole": "R", "region": "A", "submitted": {2021: 8}}],
        years=(2019, 2020, 2021),
    )
    content = deck_content(survey, Filters(), "en")
    slide = content.slide("submissions")
    assert slide is not None
    assert slide.charts[0].values == (40.0, 48.0, None)
    assert slide.charts[1].values == (pytest.approx(0.2), None)
    assert "2021: not shown, fewer than 3 poles answered (n = 2)" in slide.notes
    assert "15" not in slide.notes  # 7 + 8, the two poles' sum, appears nowhere
    headline = content.slide("headline_submitted")
    assert headline is not None
    assert "Exact figure: 103." in headline.notes  # the total rests on all six poles


def test_real_data_has_no_synthetic_notice() -> None:
    content = deck_content(three_poles(), Filters(), "en")
    assert content.slides[0].notice == ""
    assert all("synthetic" not in s.source for s in content.slides)
    assert all("synthetic" not in s.notes for s in content.slides)


@pytest.mark.parametrize(
    ("value", "expected"),
    [(0.1496, 0.15), (0.145, 0.15), (0.144, 0.14), (-0.035, -0.04), (0.004, 0.0)],
)
def test_growth_is_said_to_the_nearest_whole_percent(value: float, expected: float) -> None:
    assert whole_percent(value) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("first", "last", "growth", "lang", "expected"),
    [
        (
            2019,
            2022,
            0.1496,
            "en",
            "projects submitted since 2019, with an increase of around 15% per year",
        ),
        (
            2019,
            2022,
            -0.032,
            "fr",
            f"projets déposés depuis 2019, avec une baisse d'environ 3{NBSP}% par an",
        ),
        (
            2019,
            2022,
            0.003,
            "en",
            "projects submitted since 2019, a stable number from year to year",
        ),
        (2021, 2021, None, "en", "projects submitted in 2021"),
        (2019, 2022, None, "fr", "projets déposés depuis 2019"),
    ],
)
def test_submissions_meaning(
    first: int, last: int, growth: float | None, lang: str, expected: str
) -> None:
    assert submissions_meaning(first, last, growth, lang) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "lang", "rounded", "big", "sentence"),
    [
        (1548, "en", True, "1,500+", "1,500+ things"),
        (1548, "fr", True, f"1{NNBSP}500+", f"Plus de 1{NNBSP}500 things"),
        (116, "en", False, "116", "116 things"),
        (116, "fr", True, "110+", "Plus de 110 things"),
        (87, "fr", True, "87", "87 things"),
        (1500, "en", True, "1,500", "1,500 things"),
    ],
)
def test_count_sentences(value: int, lang: str, rounded: bool, big: str, sentence: str) -> None:
    said = count_sentence(value, "things", lang, rounded=rounded)  # type: ignore[arg-type]
    assert (said.big, said.sentence) == (big, sentence)


@pytest.mark.parametrize(
    ("filters", "lang", "expected"),
    [
        (Filters(), "en", "all poles of the round"),
        (
            Filters(regions=("Occitanie",), year_from=2019, year_to=2022),
            "en",
            "region Occitanie; years 2019–2022",
        ),
        (Filters(sectors=("Health", "Sea and water")), "fr", "thématiques Santé, Mer et eau"),
        (
            Filters(poles=("Cap Digital",), year_from=2021),
            "fr",
            "pôle Cap Digital ; années à partir de 2021",
        ),
        (Filters(year_from=2020, year_to=2020), "en", "year 2020"),
    ],
)
def test_filters_in_words(filters: Filters, lang: str, expected: str) -> None:
    assert filters_in_words(filters, lang) == expected  # type: ignore[arg-type]


def test_content_is_pure_and_leaves_the_round_untouched() -> None:
    survey = regional_round()
    before = (survey.responses.copy(), survey.yearly.copy())
    first = deck_content(survey, Filters(regions=("A", "B")), "fr")
    second = deck_content(survey, Filters(regions=("A", "B")), "fr")
    assert first == second
    pd.testing.assert_frame_equal(survey.responses, before[0])
    pd.testing.assert_frame_equal(survey.yearly, before[1])


def test_the_deck_quotes_the_panels_growth_and_notes_the_totals() -> None:
    """Two poles blank in 2019: 16 % on the 38 that answered both years, not 19 %."""
    deck = deck_content(forty_poles_two_late(), Filters(), "en")
    submissions = deck.slide("submissions")
    assert submissions is not None
    assert submissions.subtitle.startswith("+16% per year")
    assert "16.32%" in submissions.notes and "n = 38 poles answered both years" in submissions.notes
    assert "All respondents' totals give 18.98% a year" in submissions.notes
    changes = submissions.charts[1].values
    assert changes[0] == pytest.approx(418 / 380 - 1)  # on the 38 poles of 2019 and 2020
    headline = deck.slide("headline_submitted")
    assert headline is not None
    assert "16.32%" in headline.notes and "18.98%" in headline.notes


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize(
    "filters", [Filters(), Filters(regions=("Occitanie", "Bretagne"))], ids=["all", "two regions"]
)
def test_every_headline_slide_says_the_registrys_figure(lang: str, filters: Filters) -> None:
    from analysis.analytics.figures import by_id, figures_of
    from analysis.sample.round import generate

    survey = generate()
    registry = by_id(figures_of(filters.apply(survey), lang))  # type: ignore[arg-type]
    deck = deck_content(survey, filters, lang)  # type: ignore[arg-type]
    for key, figure_id in (
        ("headline_submitted", "projects_submitted_total"),
        ("headline_recruitments", "europe_team_recruitments_total"),
        ("headline_coordinators", "coordinator_members_total"),
        ("headline_plans", "plans_to_recruit_share"),
    ):
        slide = deck.slide(key)
        assert slide is not None, key
        assert slide.big == registry[figure_id].display, key
        assert slide.n == registry[figure_id].n, key
    growth = registry["projects_submitted_cagr"]
    submissions = deck.slide("submissions")
    assert submissions is not None
    assert growth.exact.lstrip("+") in submissions.notes
