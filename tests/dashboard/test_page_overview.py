"""AppTest of the overview: headline tiles, both languages, filters, shared links."""

from __future__ import annotations

import pytest

from analysis.core.model import SourceFile
from analysis.store import SurveyStore
from tests.support.apptest import figures, metric_values, open_app, texts, trace_values
from tests.support.builders import forty_poles_two_late, make_round

pytestmark = pytest.mark.usefixtures("app_db")


def test_headline_tiles_state_the_published_figures_in_english() -> None:
    at = open_app(lang="en")
    tiles = metric_values(at)
    assert tiles == {
        "Responding poles": "40",
        "EU proposals submitted since 2019": "1,500+",
        "Average yearly growth": "+15%",
        "Recruitments in Europe teams": "120+",
        "Members coordinating EU projects": "116",
        "Poles planning to recruit": "60%",
    }
    page = texts(at)
    assert "Exactly 1,548" in page
    assert "Round 2023 · n = 40 poles" in page
    assert "72.7% response rate (40 of 55 surveyed)" in page
    assert "Synthetic sample data" in page


def test_headline_tiles_in_french_use_french_number_formats() -> None:
    at = open_app(lang="fr")
    tiles = metric_values(at)
    assert tiles["Projets européens déposés depuis 2019"] == "1\u202f500+"
    assert tiles["Pôles prévoyant de recruter"] == "60\xa0%"
    assert "Exactement 1\u202f548" in texts(at)


def test_language_switch_changes_labels_and_numbers() -> None:
    at = open_app(lang="fr")
    at.segmented_control(key="lang").set_value("en").run()
    assert not at.exception
    assert metric_values(at)["EU proposals submitted since 2019"] == "1,500+"
    assert at.query_params["lang"] == "en"


def test_submissions_chart_holds_the_yearly_totals_and_growth_line() -> None:
    at = open_app(lang="en")
    (figure,) = figures(at)
    assert trace_values(figure, 0, "x") == ["2019", "2020", "2021", "2022"]
    assert trace_values(figure, 0, "y") == [310, 357, 410, 471]
    assert figure["data"][1]["name"].startswith("Compound growth: 15.0% per year")
    source = figure["layout"]["annotations"][0]["text"]
    first, note = source.split("<br>")
    assert first == "Source: survey round 2023, n = 40 poles · synthetic sample data"
    assert note.startswith("Changes and growth line: only the poles that answered both years")


def test_region_filter_changes_the_figures_and_the_url() -> None:
    at = open_app(lang="en")
    at.multiselect(key="f_regions").set_value(["Occitanie"]).run()
    assert not at.exception
    tiles = metric_values(at)
    responding = int(tiles["Responding poles"])
    assert 0 < responding < 40
    assert at.query_params["region"] == "Occitanie"
    (figure,) = figures(at)
    assert sum(trace_values(figure, 0, "y")) < 1548
    assert f"n = {responding} poles" in figure["layout"]["annotations"][0]["text"]


def test_shared_link_restores_the_view() -> None:
    at = open_app(lang="en", query={"region": "Occitanie", "from": "2020", "to": "2021"})
    assert at.multiselect(key="f_regions").value == ["Occitanie"]
    assert at.select_slider(key="f_years").value == (2020, 2021)
    (figure,) = figures(at)
    assert trace_values(figure, 0, "x") == ["2020", "2021"]
    direct = open_app(lang="en")
    direct.multiselect(key="f_regions").set_value(["Occitanie"]).run()
    direct.select_slider(key="f_years").set_range(2020, 2021).run()
    assert metric_values(direct) == metric_values(at)


def test_filters_that_match_nothing_explain_themselves() -> None:
    at = open_app(lang="en")
    at.multiselect(key="f_regions").set_value(["La Réunion"]).run()
    at.multiselect(key="f_sectors").set_value(["Health"]).run()
    assert not at.exception
    assert "No pole matches these filters" in texts(at)
    assert not at.metric


def test_a_group_of_fewer_than_three_clusters_is_withheld_unless_one_is_picked() -> None:
    at = open_app(lang="en")
    at.multiselect(key="f_regions").set_value(["La Réunion"]).run()
    assert not at.exception
    assert not at.metric
    assert "Fewer than 3 poles match these filters" in texts(at)
    at.multiselect(key="f_poles").set_value(["Qualitropic"]).run()
    assert metric_values(at)["Responding poles"] == "1"
    assert "⚠ small base" in texts(at)


def test_the_overview_offers_the_event_deck() -> None:
    at = open_app(lang="en")
    buttons = at.get("download_button")
    assert any("deck_download_overview" in str(button.proto.id) for button in buttons)


def _store_older_round_asking_submissions_only(url: str) -> None:
    """Round 2021 (2017–2020), imported after the sample: six poles, submissions only."""
    poles = [
        {"pole": name, "region": "Occitanie", "submitted": {2017: 2, 2018: 3, 2019: 4, 2020: 5}}
        for name in ("A1", "A2", "A3", "A4", "A5", "A6")
    ]
    survey = make_round(poles, label="2021", years=(2017, 2018, 2019, 2020))
    with SurveyStore(url) as store:
        store.import_survey(survey, SourceFile("older.csv", b"pole\n"), actor="tester")


def test_the_newest_period_is_the_default_round_whatever_the_import_order(app_db: str) -> None:
    _store_older_round_asking_submissions_only(app_db)
    at = open_app(lang="en")
    assert at.selectbox(key="f_round").options == ["2021", "2023"]
    assert at.selectbox(key="f_round").value == "2023"
    assert metric_values(at)["Responding poles"] == "40"


def test_a_round_that_did_not_ask_a_question_shows_a_dash_that_says_so(app_db: str) -> None:
    _store_older_round_asking_submissions_only(app_db)
    at = open_app(lang="en", query={"round": "2021"})
    tiles = metric_values(at)
    assert tiles["EU proposals submitted since 2017"] == "84"
    assert tiles["Recruitments in Europe teams"] == "–"
    assert tiles["Poles planning to recruit"] == "–"
    page = texts(at)
    assert page.count("Not asked, or not answered, in round 2021") == 3
    assert "Exactly –" not in page and "n = 0" not in page
    french = open_app(lang="fr", query={"round": "2021"})
    assert "Question non posée, ou sans réponse, dans la campagne 2021" in texts(french)


def test_a_filtered_view_says_whose_response_rate_it_is() -> None:
    at = open_app(lang="en", query={"region": "Occitanie"})
    page = texts(at)
    assert "of the round's 40 respondents; the response rate is the whole round's" in page
    assert "Number of poles surveyed unknown" not in page


def test_growth_is_the_panels_and_the_totals_figure_is_secondary(app_db: str) -> None:
    """40 poles, two blank in 2019: the tile says the 38-pole panel's 16 %, not 19 %."""
    with SurveyStore(app_db) as store:
        store.import_survey(
            forty_poles_two_late("2024"), SourceFile("late.csv", b"pole\n"), actor="tester"
        )
    at = open_app(lang="en", query={"round": "2024"})
    assert not at.exception
    assert metric_values(at)["Average yearly growth"] == "+16%"
    page = texts(at)
    assert "16.3% per year, compounded, on the 38 poles that answered both years" in page
    assert "All respondents' totals give +19.0% a year, but compare different poles." in page
    (figure,) = figures(at)
    assert figure["data"][1]["name"].startswith("Compound growth: 16.3% per year")
    # Year-over-year labels on the same poles: 2020 over 2019 is 418 / 380 (+10 %), not +18 %.
    assert figure["data"][0]["text"][1] == "448 (+10%)"
    assert "+19.0% a year" in figure["layout"]["annotations"][0]["text"]


def test_only_the_shipped_sample_claims_the_published_figures(app_db: str) -> None:
    sample = open_app(lang="en")
    assert "Only their totals reproduce the published Phase 4 figures" in texts(sample)
    other = make_round(
        [{"pole": f"S{i}", "submitted": {2020: i, 2021: i + 1}} for i in range(1, 6)],
        label="mock",
        years=(2020, 2021, 2022, 2023),
        synthetic=True,
    )
    with SurveyStore(app_db) as store:
        store.import_survey(other, SourceFile("mock.csv", b"pole\n"), actor="tester")
    at = open_app(lang="en", query={"round": "mock"})
    page = texts(at)
    assert "Synthetic data: round mock is marked as synthetic." in page
    assert "published" not in page


@pytest.mark.parametrize(
    ("lang", "wrong", "said"),
    [
        ("fr", "Question non posée", "ne couvre que 2022"),
        ("en", "Not asked", "holds 2022 only"),
    ],
)
def test_a_single_year_says_why_there_is_no_growth(lang: str, wrong: str, said: str) -> None:
    """One year in the years filter leaves no growth to compute: the tile says so, not
    that the question was not asked or answered (all 40 poles answered it)."""
    at = open_app(lang=lang, query={"from": "2022", "to": "2022"})
    shown = " ".join(c.value for c in at.caption)
    assert wrong not in shown, shown
    assert said in shown, shown
