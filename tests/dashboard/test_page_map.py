"""AppTest of the map page: values by region against the sample, filters, links, selection."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from analysis.core.model import SurveyRound
from analysis.ingest.pipeline import ingest_path
from tests.support.apptest import REPO_ROOT, figures, metric_values, open_app, texts, trace_values

pytestmark = pytest.mark.usefixtures("app_db")

PAGE = "pages/map.py"
SAMPLE = Path(REPO_ROOT) / "data" / "sample" / "phase4_survey_sample.xlsx"
METROPOLITAN = {
    "Île-de-France",
    "Centre-Val de Loire",
    "Bourgogne-Franche-Comté",
    "Normandie",
    "Hauts-de-France",
    "Grand Est",
    "Pays de la Loire",
    "Bretagne",
    "Nouvelle-Aquitaine",
    "Occitanie",
    "Auvergne-Rhône-Alpes",
    "Provence-Alpes-Côte d'Azur",
    "Corse",
}
NNBSP = "\u202f"


@cache
def sample() -> SurveyRound:
    """The shipped sample round, read straight from the file (not through the page)."""
    survey = ingest_path(SAMPLE).survey
    assert survey is not None
    return survey


def expected_totals(
    column: str,
    *,
    regions: tuple[str, ...] = (),
    years: tuple[int, int] | None = None,
) -> pd.DataFrame:
    """Per region: `total` of a per-year or per-pole column and `n` answering poles."""
    survey = sample()
    responses = survey.responses
    if regions:
        responses = responses[responses["region"].isin(regions)]
    if column in ("projects_submitted", "projects_funded"):
        yearly = survey.yearly[survey.yearly["pole"].isin(responses["pole"])]
        if years:
            yearly = yearly[yearly["year"].between(*years)]
        per_pole = yearly.dropna(subset=[column]).groupby("pole")[column].sum()
    else:
        per_pole = responses.set_index("pole")[column].dropna()
    region_of = responses.set_index("pole")["region"]
    frame = pd.DataFrame(
        {"value": per_pole.astype(float), "region": region_of.reindex(per_pole.index)}
    )
    return frame.groupby("region").agg(total=("value", "sum"), n=("value", "count"))


def coloured(figure: dict[str, Any]) -> dict[str, float]:
    """Region -> value of the coloured (shown) trace."""
    trace = figure["data"][1]
    return dict(zip(trace["locations"], trace_values(figure, 1, "z"), strict=True))


def greyed(figure: dict[str, Any]) -> set[str]:
    return set(figure["data"][0]["locations"])


def table(at: AppTest) -> pd.DataFrame:
    return at.dataframe[0].value


def select_regions(at: AppTest, *regions: str) -> AppTest:
    """Send a map selection as the browser does after a click, then rerun."""
    (chart,) = at.get("plotly_chart")
    states = at._tree.get_widget_states()
    state = states.widgets.add()
    state.id = chart.proto.id
    points = [{"customdata": r, "location": r, "curve_number": 1} for r in regions]
    state.string_value = json.dumps(
        {"selection": {"points": points, "point_indices": [], "box": [], "lasso": []}}
    )
    return at._run(states)


def test_map_shows_each_regions_total_from_the_sample_in_english() -> None:
    at = open_app(PAGE, lang="en")
    (figure,) = figures(at)
    expected = expected_totals("projects_submitted")
    big = expected[(expected["n"] >= 3) & expected.index.isin(METROPOLITAN)]
    assert coloured(figure) == big["total"].to_dict()
    assert sum(big["total"]) < 1548  # regions of 1–2 poles are left out of the map
    small = set(expected.index[expected["n"] < 3]) & METROPOLITAN
    assert small == {"Centre-Val de Loire", "Normandie"}
    assert greyed(figure) == small | {"Corse"}
    assert metric_values(at) == {"EU proposals submitted (total), all poles of the view": "1,548"}
    page = texts(at)
    assert "Region outlines: IGN – Admin Express COG 2018" in page
    assert "**La Réunion**: fewer than 3 poles (n = 1)" in page
    assert figure["layout"]["annotations"][0]["text"].startswith(
        "Source: survey round 2023, n = 40"
    )


def test_regional_table_lists_every_region_with_its_n() -> None:
    at = open_app(PAGE, lang="en")
    rows = table(at).set_index("Region")
    expected = expected_totals("projects_submitted")
    assert set(rows.index) == set(expected.index)
    assert rows["n (answers)"].to_dict() == expected["n"].to_dict()
    occitanie = int(expected.loc["Occitanie", "total"])
    assert rows.loc["Occitanie", "EU proposals submitted (total)"] == f"{occitanie:,}"
    assert rows.loc["Normandie", "EU proposals submitted (total)"] == "fewer than 3 poles"
    assert rows.loc["Occitanie", "Note"] == "⚠ small base (fewer than 5 answers)"
    assert rows.loc["Île-de-France", "Note"] == ""
    assert rows.loc["La Réunion", "Note"] == "overseas, not on the map"


def test_french_page_writes_labels_and_numbers_in_french() -> None:
    at = open_app(PAGE, lang="fr")
    assert metric_values(at) == {
        "Projets européens déposés (total), tous les pôles de la vue": f"1{NNBSP}548"
    }
    page = texts(at)
    assert "Contours des régions : IGN – Admin Express COG 2018" in page
    assert "**La Réunion** : moins de 3 pôles" in page
    rows = table(at).set_index("Région")
    total = int(expected_totals("projects_submitted").loc["Île-de-France", "total"])
    assert rows.loc["Île-de-France", "Projets européens déposés (total)"] == (
        f"{total:,}".replace(",", NNBSP)
    )
    (figure,) = figures(at)
    assert figure["layout"]["annotations"][0]["text"].startswith("Source : campagne 2023")


def test_figure_selector_changes_the_mapped_values() -> None:
    at = open_app(PAGE, lang="en")
    at.selectbox(key="map_figure").set_value("members").run()
    assert not at.exception
    (figure,) = figures(at)
    expected = expected_totals("members")
    big = expected[(expected["n"] >= 3) & expected.index.isin(METROPOLITAN)]
    assert coloured(figure) == big["total"].to_dict()
    total = int(sample().responses["members"].sum())
    assert metric_values(at) == {"Members (total), all poles of the view": f"{total:,}"}
    assert "n = 37 poles" in texts(at)


def test_share_is_shown_as_a_percentage() -> None:
    at = open_app(PAGE, lang="en")
    at.selectbox(key="map_figure").set_value("plans_share").run()
    (figure,) = figures(at)
    plans = sample().responses[["region", "plans_to_recruit"]].dropna()
    share = plans.groupby("region")["plans_to_recruit"].agg(["mean", "count"])
    expected = {
        region: pytest.approx(100 * row["mean"])
        for region, row in share.iterrows()
        if row["count"] >= 3 and region in METROPOLITAN
    }
    assert coloured(figure) == expected
    assert metric_values(at) == {"Share of poles planning to recruit, all poles of the view": "60%"}


def test_region_and_year_filters_change_the_figures() -> None:
    at = open_app(PAGE, lang="en")
    at.multiselect(key="f_regions").set_value(["Occitanie", "Île-de-France"]).run()
    at.select_slider(key="f_years").set_range(2020, 2021).run()
    assert not at.exception
    expected = expected_totals(
        "projects_submitted", regions=("Occitanie", "Île-de-France"), years=(2020, 2021)
    )
    (figure,) = figures(at)
    assert coloured(figure) == expected["total"].to_dict()
    total = int(expected["total"].sum())
    assert list(metric_values(at).values()) == [f"{total:,}"]
    assert at.query_params["region"] == ["Occitanie", "Île-de-France"]
    assert "Round 2023, years 2020–2021." in texts(at)


def test_shared_link_restores_the_filtered_map() -> None:
    query = {"region": ["Occitanie", "Île-de-France"], "from": "2020", "to": "2021"}
    linked = open_app(PAGE, lang="en", query=query)
    assert linked.multiselect(key="f_regions").value == ["Occitanie", "Île-de-France"]
    direct = open_app(PAGE, lang="en")
    direct.multiselect(key="f_regions").set_value(["Occitanie", "Île-de-France"]).run()
    direct.select_slider(key="f_years").set_range(2020, 2021).run()
    assert coloured(figures(linked)[0]) == coloured(figures(direct)[0])
    assert metric_values(linked) == metric_values(direct)


def test_two_poles_are_not_shown_unless_one_pole_is_chosen() -> None:
    at = open_app(PAGE, lang="en")
    at.multiselect(key="f_poles").set_value(["Aerospace Valley", "Cap Digital"]).run()
    (figure,) = figures(at)
    assert coloured(figure) == {}
    assert list(metric_values(at).values()) == ["–"]
    assert "Not shown: fewer than 3 poles answered in this selection." in texts(at)

    at.multiselect(key="f_poles").set_value(["Aerospace Valley"]).run()
    (figure,) = figures(at)
    yearly = sample().yearly
    own = int(yearly.loc[yearly["pole"] == "Aerospace Valley", "projects_submitted"].sum())
    assert coloured(figure) == {"Occitanie": own}
    assert list(metric_values(at).values()) == [str(own)]
    assert "small base" in texts(at)


def test_clicking_a_region_narrows_the_figure_and_the_table_until_cleared() -> None:
    at = open_app(PAGE, lang="en")
    select_regions(at, "Occitanie", "Bretagne")
    assert not at.exception
    expected = expected_totals("projects_submitted", regions=("Occitanie", "Bretagne"))
    assert metric_values(at) == {
        "EU proposals submitted (total), selected regions": f"{int(expected['total'].sum()):,}"
    }
    assert sorted(table(at)["Region"]) == ["Bretagne", "Occitanie"]
    assert "Selection on the chart: region Occitanie, Bretagne" in texts(at)

    at.button(key="map_chart_clear").click().run()
    assert not at.exception
    assert metric_values(at) == {"EU proposals submitted (total), all poles of the view": "1,548"}
    assert len(table(at)) == 13
    assert "Selection on the chart" not in texts(at)
    # The chart is drawn anew under another key, so the browser forgets the old selection.
    assert at.get("plotly_chart")[0].proto.id.endswith("map_chart_v1")


def test_selecting_a_region_without_poles_explains_itself() -> None:
    at = open_app(PAGE, lang="en")
    select_regions(at, "Corse")
    assert not at.exception
    assert "No responding pole in the selected regions." in texts(at)
    assert not at.dataframe


def test_filters_matching_nothing_show_a_message_not_a_map() -> None:
    at = open_app(PAGE, lang="en")
    at.multiselect(key="f_regions").set_value(["La Réunion"]).run()
    at.multiselect(key="f_sectors").set_value(["Health"]).run()
    assert not at.exception
    assert "No pole matches these filters" in texts(at)
    assert not figures(at)


def test_overseas_only_view_lists_the_pole_beside_an_empty_map() -> None:
    at = open_app(PAGE, lang="en", query={"pole": "Qualitropic"})
    assert not at.exception
    (figure,) = figures(at)
    assert coloured(figure) == {}
    assert greyed(figure) == METROPOLITAN
    members = int(sample().responses.set_index("pole").loc["Qualitropic", "members"])
    at.selectbox(key="map_figure").set_value("members").run()
    assert f"**La Réunion**: {members} (n = 1)" in texts(at)


def test_a_link_restores_the_mapped_figure() -> None:
    at = open_app(PAGE, lang="en", query={"map_figure": "members"})
    assert at.selectbox(key="map_figure").value == "members"
    expected = expected_totals("members")
    big = expected[(expected["n"] >= 3) & expected.index.isin(METROPOLITAN)]
    (figure,) = figures(at)
    assert coloured(figure) == big["total"].to_dict()
    at.selectbox(key="map_figure").set_value("plans_share").run()
    assert at.query_params["map_figure"] == "plans_share"
    unknown = open_app(PAGE, lang="en", query={"map_figure": "rainfall"})
    assert not unknown.exception
    assert unknown.selectbox(key="map_figure").value == "submitted"
    assert "map_figure" not in unknown.query_params


def test_a_selection_lives_in_the_link_and_a_link_restores_it_until_cleared() -> None:
    at = open_app(PAGE, lang="en")
    select_regions(at, "Occitanie", "Bretagne")
    assert at.query_params["map_chart_pick"] == ["Occitanie", "Bretagne"]
    shared = open_app(PAGE, lang="en", query={"map_chart_pick": ["Occitanie", "Bretagne"]})
    assert metric_values(shared) == metric_values(at)
    assert sorted(table(shared)["Region"]) == ["Bretagne", "Occitanie"]
    assert "Selection on the chart: region Occitanie, Bretagne" in texts(shared)
    shared.run()  # a rerun without a click keeps the link's selection
    assert sorted(table(shared)["Region"]) == ["Bretagne", "Occitanie"]
    shared.button(key="map_chart_clear").click().run()
    assert "map_chart_pick" not in shared.query_params
    assert len(table(shared)) == 13
    unknown = open_app(PAGE, lang="en", query={"map_chart_pick": "Atlantis"})
    assert not unknown.exception and len(table(unknown)) == 13
    assert "map_chart_pick" not in unknown.query_params


def test_a_selection_undone_in_the_browser_leaves_the_link_too() -> None:
    at = open_app(PAGE, lang="en")
    select_regions(at, "Occitanie")
    assert at.query_params["map_chart_pick"] == "Occitanie"
    select_regions(at)  # plotly's double click: an empty selection
    assert "map_chart_pick" not in at.query_params
    assert len(table(at)) == 13


@pytest.mark.parametrize(
    ("lang", "one", "many"),
    [("fr", "année 2022.", "années 2022"), ("en", "year 2022.", "years 2022")],
)
def test_a_single_year_is_one_year(lang: str, one: str, many: str) -> None:
    at = open_app(PAGE, lang=lang, query={"from": "2022", "to": "2022"})
    shown = " ".join(c.value for c in at.caption) + " " + texts(at)
    assert one in shown and many not in shown, shown
