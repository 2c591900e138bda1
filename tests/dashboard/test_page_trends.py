"""AppTest of the trends page: numbers checked against the sample read with pandas."""

from __future__ import annotations

import dataclasses
import html
from typing import Any

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from analysis.core.model import PROJECTS_COLUMNS, SurveyRound, empty_frame
from analysis.ingest.pipeline import ingest_path
from analysis.store import SurveyStore
from analysis.store.seed import SAMPLE_PATH
from tests.support.apptest import figures, open_app, texts, trace_values

pytestmark = pytest.mark.usefixtures("app_db")
PAGE = "pages/trends.py"
NNBSP = "\u202f"


@pytest.fixture(scope="module")
def sample() -> SurveyRound:
    """The shipped sample, read straight from the workbook (not through the page)."""
    survey = ingest_path(SAMPLE_PATH).survey
    assert survey is not None
    return survey


def chart(at: AppTest, title_start: str) -> dict[str, Any]:
    """The one figure whose title (as read, line breaks as spaces) starts with `title_start`."""

    def title(figure: dict[str, Any]) -> str:
        return figure["layout"]["title"]["text"].replace("<br>", " ")

    found = [f for f in figures(at) if title(f).startswith(title_start)]
    assert len(found) == 1, [title(f) for f in figures(at)]
    return found[0]


def lines(figure: dict[str, Any]) -> dict[str, list[Any]]:
    """Trace name (as plotly shows it: entities decoded) -> y values."""
    return {
        html.unescape(trace["name"]): trace_values(figure, i)
        for i, trace in enumerate(figure["data"])
    }


def yearly_sums(
    survey: SurveyRound, poles: set[str] | None = None, field: str = "projects_submitted"
):
    rows = survey.yearly if poles is None else survey.yearly[survey.yearly["pole"].isin(poles)]
    return rows.groupby("year")[field].sum().astype(int).tolist()


def region_members(survey: SurveyRound) -> tuple[dict[str, set[str]], set[str]]:
    """Regions of at least 3 poles with their poles, and the poles of the smaller ones."""
    responses = survey.responses
    sizes = responses["region"].value_counts()
    big = {r: set(responses.loc[responses["region"] == r, "pole"]) for r in sizes.index[sizes >= 3]}
    small = set(responses.loc[responses["region"].isin(sizes.index[sizes < 3]), "pole"])
    return big, small


def test_whole_round_in_english(sample: SurveyRound) -> None:
    at = open_app(PAGE, lang="en")
    main = chart(at, "EU proposals submitted per year")
    assert trace_values(main, 0, "x") == ["2019", "2020", "2021", "2022"]
    assert lines(main) == {"All poles": yearly_sums(sample)}
    assert main["layout"]["annotations"][-1]["text"] == (
        "Source: survey round 2023, n = 40 poles · synthetic sample data"
    )
    table = at.dataframe[0].value
    total = int(sample.yearly["projects_submitted"].sum())
    assert table.to_numpy().tolist() == [
        ["All poles", *[str(v) for v in yearly_sums(sample)], f"{total:,}", "40 of 40"]
    ]
    # The selectable totals by region, small regions counted in "Others".
    big, small = region_members(sample)
    bars = chart(at, "Proposals submitted, 2019–2022, by region")
    got = dict(zip(bars["data"][0]["y"], trace_values(bars, 0, "x"), strict=True))
    expected = {r: sum(yearly_sums(sample, poles)) for r, poles in big.items()}
    expected["Others"] = sum(yearly_sums(sample, small))
    assert got == expected
    assert "Groups of fewer than 3 poles are counted in “Others”" in texts(at)


def test_programme_breakdown_matches_the_projects_sheet(sample: SurveyRound) -> None:
    at = open_app(PAGE, lang="en")
    figure = chart(at, "Proposals submitted per year, by EU programme")
    sums = sample.projects.groupby(["programme", "year"])["submitted"].sum()
    for index, trace in enumerate(figure["data"]):
        programme = trace["name"]
        years = [int(y) for y in trace_values(figure, index, "x")]
        assert trace_values(figure, index) == [int(sums[(programme, y)]) for y in years]
    stacked = sum(sum(trace_values(figure, i)) for i in range(len(figure["data"])))
    assert stacked == int(sample.projects["submitted"].sum())


def test_french_labels_and_numbers(sample: SurveyRound) -> None:
    at = open_app(PAGE, lang="fr")
    main = chart(at, "Projets européens déposés par an")
    assert lines(main) == {"Tous les pôles": yearly_sums(sample)}
    table = at.dataframe[0].value
    assert list(table.columns) == ["Groupe", "2019", "2020", "2021", "2022", "Total", "n (pôles)"]
    total = int(sample.yearly["projects_submitted"].sum())
    assert table.iloc[0, 5] == f"{total // 1000}{NNBSP}{total % 1000:03d}"
    assert table.iloc[0, 6] == "40 sur 40"
    assert "Par programme européen" in texts(at)
    assert main["layout"]["annotations"][-1]["text"].startswith("Source : campagne 2023, n = 40")


def test_split_by_region_draws_big_regions_and_others(sample: SurveyRound) -> None:
    at = open_app(PAGE, lang="en")
    at.segmented_control(key="trends_split").set_value("region").run()
    assert not at.exception
    big, small = region_members(sample)
    expected = {r: yearly_sums(sample, poles) for r, poles in big.items()}
    expected["Others"] = yearly_sums(sample, small)
    got = lines(chart(at, "EU proposals submitted per year, by region"))
    assert got == expected
    assert list(got)[-1] == "Others"
    # Regions of exactly 3 poles are flagged as small bases in the table.
    table = at.dataframe[0].value.set_index("Region")
    three = next(r for r, poles in big.items() if len(poles) == 3)
    assert table.loc[three, "Total"].endswith("⚠")
    assert not table.loc["Others", "Total"].endswith("⚠")  # 5 poles


def test_split_by_sector_in_french_uses_translated_names(sample: SurveyRound) -> None:
    at = open_app(PAGE, lang="fr")
    at.segmented_control(key="trends_split").set_value("sector").run()
    got = lines(chart(at, "Projets européens déposés par an, par thématique"))
    health = set(sample.responses.loc[sample.responses["sector"] == "Health", "pole"])
    assert got["Santé"] == yearly_sums(sample, health)
    assert sum(sum(v) for v in got.values()) == int(sample.yearly["projects_submitted"].sum())


def test_success_rate_and_index(sample: SurveyRound) -> None:
    at = open_app(PAGE, lang="en")
    at.segmented_control(key="trends_measure").set_value("rate").run()
    both = sample.yearly.dropna(subset=["projects_submitted", "projects_funded"])
    sums = both.groupby("year")[["projects_submitted", "projects_funded"]].sum()
    rates = (sums["projects_funded"] / sums["projects_submitted"]).tolist()
    main = chart(at, "Success rate of EU proposals per year")
    assert trace_values(main, 0) == pytest.approx(rates)
    assert "counting only the poles that answered both" in texts(at)
    at.segmented_control(key="trends_measure").set_value("submitted").run()
    at.segmented_control(key="trends_scale").set_value("indexed").run()
    totals = yearly_sums(sample)
    main = chart(at, "EU proposals submitted per year (index")
    assert trace_values(main, 0) == pytest.approx([100 * v / totals[0] for v in totals])


def test_global_filters_change_the_numbers(sample: SurveyRound) -> None:
    at = open_app(PAGE, lang="en")
    at.multiselect(key="f_regions").set_value(["Île-de-France"]).run()
    at.select_slider(key="f_years").set_range(2020, 2022).run()
    assert not at.exception
    poles = set(sample.responses.loc[sample.responses["region"] == "Île-de-France", "pole"])
    main = chart(at, "EU proposals submitted per year")
    assert trace_values(main, 0, "x") == ["2020", "2021", "2022"]
    assert trace_values(main, 0) == yearly_sums(sample, poles)[1:]
    assert f"n = {len(poles)} poles" in main["layout"]["annotations"][-1]["text"]
    assert at.dataframe[0].value.iloc[0, -1] == f"{len(poles)} of {len(poles)}"


def test_shared_link_restores_the_filters(sample: SurveyRound) -> None:
    at = open_app(PAGE, lang="en", query={"region": "Occitanie", "from": "2021"})
    assert at.multiselect(key="f_regions").value == ["Occitanie"]
    assert at.select_slider(key="f_years").value == (2021, 2022)
    poles = set(sample.responses.loc[sample.responses["region"] == "Occitanie", "pole"])
    main = chart(at, "EU proposals submitted per year")
    assert trace_values(main, 0) == yearly_sums(sample, poles)[2:]


def test_selecting_bars_narrows_the_page_until_cleared(sample: SurveyRound) -> None:
    at = open_app(PAGE, lang="en")
    at.segmented_control(key="trends_split").set_value("region").run()
    picked = [{"customdata": "Île-de-France"}, {"customdata": "Occitanie"}]
    at.session_state["trends_groups_region"] = {"selection": {"points": picked}}
    at.run()
    assert not at.exception
    responses = sample.responses
    got = lines(chart(at, "EU proposals submitted per year, by region"))
    assert got == {
        r: yearly_sums(sample, set(responses.loc[responses["region"] == r, "pole"]))
        for r in ("Île-de-France", "Occitanie")
    }
    assert at.dataframe[0].value["Region"].tolist() == ["Île-de-France", "Occitanie"]
    assert "Selection on the chart: region" in texts(at)
    at.button(key="trends_groups_region_clear").click().run()
    assert "Selection on the chart" not in texts(at)
    assert len(lines(chart(at, "EU proposals submitted per year, by region"))) > 2


def test_pole_split_ranks_the_top_clusters_and_groups_the_rest(sample: SurveyRound) -> None:
    at = open_app(PAGE, lang="en")
    at.segmented_control(key="trends_split").set_value("pole").run()
    got = lines(chart(at, "EU proposals submitted per year, by pole"))
    totals = sample.yearly.groupby("pole")["projects_submitted"].sum()
    top = set(totals.sort_values(ascending=False, kind="stable").index[:8])
    assert set(got) == top | {"Others"}
    for pole in top:
        assert got[pole] == yearly_sums(sample, {pole})
    assert got["Others"] == yearly_sums(sample, set(totals.index) - top)


def test_single_clusters_only_when_one_is_chosen(sample: SurveyRound) -> None:
    at = open_app(PAGE, lang="en")
    at.segmented_control(key="trends_split").set_value("pole").run()
    at.multiselect(key="f_regions").set_value(["Bretagne"]).run()
    bretagne = set(sample.responses.loc[sample.responses["region"] == "Bretagne", "pole"])
    assert len(bretagne) >= 3
    assert set(lines(chart(at, "EU proposals submitted per year, by pole"))) == bretagne
    at.multiselect(key="f_regions").set_value([]).run()
    at.multiselect(key="f_poles").set_value(["Cap Digital"]).run()
    assert lines(chart(at, "EU proposals submitted per year, by pole")) == {
        "Cap Digital": yearly_sums(sample, {"Cap Digital"})
    }


def test_a_view_of_one_region_pole_is_withheld() -> None:
    at = open_app(PAGE, lang="en")
    at.multiselect(key="f_regions").set_value(["La Réunion"]).run()
    assert not at.exception
    assert "This view holds fewer than 3 poles (n = 1)" in texts(at)
    assert not figures(at)
    # Nor its growth: one pole's growth is its own answers (a sentence, not a chart).
    assert "a year from" not in texts(at)


@pytest.mark.parametrize("region", ["La Réunion", "Normandie"])
def test_a_withheld_view_says_no_growth_rate(region: str) -> None:
    at = open_app(PAGE, lang="fr", query={"region": region})
    assert "moins de 3 pôles" in texts(at)
    assert "par an de" not in texts(at)


def test_filters_that_match_nothing_explain_themselves() -> None:
    at = open_app(PAGE, lang="fr")
    at.multiselect(key="f_regions").set_value(["La Réunion"]).run()
    at.multiselect(key="f_sectors").set_value(["Health"]).run()
    assert not at.exception
    assert "Aucun pôle ne correspond à ces filtres" in texts(at)
    assert not figures(at)


def test_a_round_without_funded_answers_or_projects(app_db: str, sample: SurveyRound) -> None:
    bare = sample.with_frames(
        yearly=sample.yearly.assign(projects_funded=pd.Series(pd.NA, dtype="Int64")),
        projects=empty_frame(PROJECTS_COLUMNS),
    )
    store = SurveyStore(app_db)
    store.import_survey(bare, info=dataclasses.replace(sample.info, label="bare"))
    store.close()
    at = open_app(PAGE, lang="en")
    at.selectbox(key="f_round").set_value("2023").run()
    at.segmented_control(key="trends_measure").set_value("funded").run()
    at.selectbox(key="f_round").set_value("bare").run()
    assert not at.exception
    assert at.segmented_control(key="trends_measure").options == ["Proposals submitted"]
    assert at.segmented_control(key="trends_measure").value == "submitted"
    page = texts(at)
    assert "This round has no answers about funded projects" in page
    assert "This round has no per-project sheet" in page
    assert lines(chart(at, "EU proposals submitted per year")) == {"All poles": yearly_sums(sample)}


def test_a_link_restores_the_page_options_and_changes_rewrite_it(sample: SurveyRound) -> None:
    query = {"trends_split": "region", "trends_scale": "indexed"}
    at = open_app(PAGE, lang="en", query=query)
    assert at.segmented_control(key="trends_split").value == "region"
    assert at.segmented_control(key="trends_scale").value == "indexed"
    got = lines(chart(at, "EU proposals submitted per year, by region (index"))
    big, _ = region_members(sample)
    for region, poles in big.items():
        sums = yearly_sums(sample, poles)
        assert got[region] == pytest.approx([100 * v / sums[0] for v in sums])
    at.segmented_control(key="trends_split").set_value("sector").run()
    assert at.query_params["trends_split"] == "sector"
    at.segmented_control(key="trends_scale").set_value("absolute").run()
    assert "trends_scale" not in at.query_params  # the default is left out of the link


def test_a_link_restores_the_top_n_of_the_pole_split(sample: SurveyRound) -> None:
    at = open_app(PAGE, lang="en", query={"trends_split": "pole", "trends_top": "3"})
    assert at.number_input(key="trends_top").value == 3
    got = lines(chart(at, "EU proposals submitted per year, by pole"))
    totals = sample.yearly.groupby("pole")["projects_submitted"].sum()
    assert set(got) == set(totals.sort_values(ascending=False, kind="stable").index[:3]) | {
        "Others"
    }
    at.number_input(key="trends_top").set_value(5).run()
    assert at.query_params["trends_top"] == "5"


def test_a_hand_edited_link_falls_back_to_the_defaults() -> None:
    query = {"trends_split": "planet", "trends_top": "many", "trends_measure": "rate"}
    at = open_app(PAGE, lang="en", query=query)
    assert not at.exception
    assert at.segmented_control(key="trends_split").value == "none"
    assert at.segmented_control(key="trends_measure").value == "rate"
    assert "trends_split" not in at.query_params
    assert "trends_top" not in at.query_params
    assert at.query_params["trends_measure"] == "rate"


def test_a_link_restores_the_selected_bars(sample: SurveyRound) -> None:
    query = {"trends_split": "region", "trends_groups_region_pick": ["Occitanie", "Bretagne"]}
    at = open_app(PAGE, lang="en", query=query)
    got = lines(chart(at, "EU proposals submitted per year, by region"))
    responses = sample.responses
    assert got == {
        r: yearly_sums(sample, set(responses.loc[responses["region"] == r, "pole"]))
        for r in ("Occitanie", "Bretagne")
    }
    assert "Selection on the chart: region" in texts(at)
    at.button(key="trends_groups_region_clear").click().run()
    assert "trends_groups_region_pick" not in at.query_params
    assert len(lines(chart(at, "EU proposals submitted per year, by region"))) > 2


@pytest.mark.parametrize(
    ("lang", "title", "wrong"),
    [
        ("fr", "Projets déposés, 2022, par région", "toute la période"),
        ("en", "Proposals submitted, 2022, by region", "whole period"),
    ],
)
def test_group_totals_name_the_years_they_add_up(lang: str, title: str, wrong: str) -> None:
    """With 2022 alone in the years filter the bars are 2022's totals: the title says
    2022, not the whole period (2019–2022) the page's subtitle names."""
    at = open_app(PAGE, lang=lang, query={"from": "2022", "to": "2022"})
    bars = chart(at, title)
    assert wrong not in bars["layout"]["title"]["text"]
