"""Figures by region: sums and means with their n, the small-group rule, places on the map."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest

from analysis.analytics.metrics import Measure
from analysis.analytics.regions import (
    FIGURES,
    FIGURES_BY_KEY,
    by_region,
    display_table,
    overall,
    pole_values,
    value_text,
)
from analysis.charts.map import region_names
from analysis.core.model import SurveyRound
from tests.support.builders import make_round

NNBSP = "\u202f"


def _pole(name: str, region: str | None, **answers: Any) -> dict[str, Any]:
    return {"pole": name, "region": region, "sector": "Health", **answers}


def _round() -> SurveyRound:
    """Occitanie: 3 poles (one blank FTE); Bretagne: 2; La Réunion: 1; one odd and one blank."""
    return make_round(
        [
            _pole(
                "O1",
                "Occitanie",
                members=100,
                europe_team_fte=1.5,
                plans_to_recruit=True,
                submitted={2019: 10, 2020: 20},
                funded={2019: 2, 2020: 4},
            ),
            _pole(
                "O2",
                "Occitanie",
                members=50,
                europe_team_fte=None,
                plans_to_recruit=False,
                submitted={2019: 5},
                funded={2019: 1, 2020: 3},
            ),
            _pole(
                "O3",
                "Occitanie",
                members=30,
                europe_team_fte=2.0,
                plans_to_recruit=True,
                submitted={2020: 6},
                funded={2020: 3},
            ),
            _pole("B1", "Bretagne", members=10, submitted={2019: 1}, funded={2019: 1}),
            _pole("B2", "Bretagne", members=20, submitted={2019: 2}, funded={2019: 0}),
            _pole("R1", "La Réunion", members=70, submitted={2019: 7}, funded={2019: 7}),
            _pole("X1", "Atlantis", members=5, submitted={2019: 3}),
            _pole("N1", None, members=9),
        ]
    )


def _row(frame: pd.DataFrame, region: str | None) -> dict[str, Any]:
    if region is None:
        match = frame.loc[frame["region"].isna()]
    else:
        match = frame.loc[frame["region"] == region]
    assert len(match) == 1, region
    return match.iloc[0].to_dict()


def test_total_sums_answered_values_and_counts_the_answering_poles() -> None:
    regions = by_region(_round(), "members")
    occitanie = _row(regions, "Occitanie")
    assert (occitanie["value"], occitanie["n"], occitanie["poles"]) == (180, 3, 3)
    assert occitanie["status"] == "ok"


def test_per_year_total_sums_every_year_of_every_pole() -> None:
    regions = by_region(_round(), "submitted")
    assert _row(regions, "Occitanie")["value"] == 10 + 20 + 5 + 6


def test_a_blank_answer_lowers_n_and_hides_a_region_left_with_two_answers() -> None:
    regions = by_region(_round(), "fte")
    occitanie = _row(regions, "Occitanie")
    assert occitanie["n"] == 2
    assert occitanie["poles"] == 3
    assert occitanie["status"] == "too_few"
    assert pd.isna(occitanie["value"])


def test_a_region_of_two_poles_gets_no_value() -> None:
    bretagne = _row(by_region(_round(), "members"), "Bretagne")
    assert (bretagne["n"], bretagne["status"]) == (2, "too_few")
    assert pd.isna(bretagne["value"])


def test_one_pole_chosen_on_purpose_shows_its_value() -> None:
    one = make_round([_pole("B1", "Bretagne", members=10)])
    bretagne = _row(by_region(one, "members", single_pole=True), "Bretagne")
    assert (bretagne["value"], bretagne["n"], bretagne["status"]) == (10, 1, "ok")
    hidden = _row(by_region(one, "members", single_pole=False), "Bretagne")
    assert hidden["status"] == "too_few"


def test_a_region_where_nobody_answered_says_so() -> None:
    survey = make_round([_pole(f"P{i}", "Normandie") for i in range(3)])
    normandie = _row(by_region(survey, "members"), "Normandie")
    assert (normandie["n"], normandie["status"]) == (0, "no_answer")
    assert pd.isna(normandie["value"])


def test_mean_per_pole_is_the_mean_of_each_poles_total_over_the_years() -> None:
    regions = by_region(_round(), "submitted_mean")
    assert _row(regions, "Occitanie")["value"] == pytest.approx((30 + 5 + 6) / 3)


def test_share_yes_counts_only_the_poles_that_answered() -> None:
    survey = make_round(
        [
            _pole("A", "Grand Est", plans_to_recruit=True),
            _pole("B", "Grand Est", plans_to_recruit=True),
            _pole("C", "Grand Est", plans_to_recruit=False),
            _pole("D", "Grand Est", plans_to_recruit=None),
        ]
    )
    grand_est = _row(by_region(survey, "plans_share"), "Grand Est")
    assert grand_est["value"] == pytest.approx(2 / 3)
    assert (grand_est["n"], grand_est["poles"]) == (3, 4)


def test_success_rate_uses_only_years_with_both_answers() -> None:
    # O1: both years (30 submitted, 6 funded); O2: 2019 only (5, 1); O3: 2020 (6, 3).
    occitanie = _row(by_region(_round(), "success_rate"), "Occitanie")
    assert occitanie["value"] == pytest.approx((6 + 1 + 3) / (30 + 5 + 6))
    assert occitanie["n"] == 3


def test_success_rate_of_a_pole_with_nothing_submitted_is_unknown() -> None:
    survey = make_round([_pole("A", "Corse", submitted={2019: 0}, funded={2019: 0})])
    assert pd.isna(pole_values(survey, "success_rate")["value"].iloc[0])


def test_places_map_overseas_and_other_regions_none_dropped() -> None:
    regions = by_region(_round(), "members", map_regions=region_names())
    places = dict(zip(regions["region"].fillna("<blank>"), regions["place"], strict=True))
    assert places == {
        "Bretagne": "map",
        "Occitanie": "map",
        "La Réunion": "overseas",
        "<blank>": "other",
        "Atlantis": "other",
    }
    assert regions["poles"].sum() == 8
    assert _row(regions, "Occitanie")["map_name"] == "Occitanie"
    assert pd.isna(_row(regions, "La Réunion")["map_name"])


def test_map_names_are_matched_ignoring_accents_and_apostrophes() -> None:
    survey = make_round([_pole(f"P{i}", "provence alpes cote d’azur", members=1) for i in range(3)])
    (row,) = by_region(survey, "members", map_regions=region_names()).to_dict("records")
    assert row["place"] == "map"
    assert row["map_name"] == "Provence-Alpes-Côte d'Azur"
    assert row["region"] == "provence alpes cote d’azur"


def test_overall_follows_the_same_small_group_rule() -> None:
    survey = _round()
    assert overall(survey, "members") == Measure(294, 8)
    bretagne = make_round([_pole("B1", "Bretagne", members=10), _pole("B2", "Bretagne")])
    assert overall(bretagne, "members") == Measure(None, 1)
    assert overall(bretagne, "members", single_pole=True) == Measure(10, 1)


def test_every_figure_has_a_label_in_both_languages() -> None:
    for figure in FIGURES:
        assert figure.label("en") != figure.label("fr")
        assert not figure.label("en").startswith("map.")


@pytest.mark.parametrize(
    ("key", "value", "lang", "expected"),
    [
        ("members", 1548, "en", "1,548"),
        ("members", 1548, "fr", f"1{NNBSP}548"),
        ("plans_share", 0.6, "fr", "60\xa0%"),
        ("success_rate", 0.25, "en", "25%"),
        ("fte", 70.8, "fr", "70,8"),
        ("members", None, "en", "–"),
    ],
)
def test_values_are_written_for_the_language(
    key: str, value: float | None, lang: str, expected: str
) -> None:
    assert FIGURES_BY_KEY[key].format(value, lang) == expected  # type: ignore[arg-type]


def test_value_text_says_why_a_region_has_no_value() -> None:
    regions = by_region(_round(), "members", map_regions=region_names())
    texts = dict(
        zip(regions["region"].fillna("-"), value_text(regions, "members", "en"), strict=True)
    )
    assert texts["Occitanie"] == "180"
    assert texts["Bretagne"] == "fewer than 3 poles"
    french = dict(
        zip(regions["region"].fillna("-"), value_text(regions, "members", "fr"), strict=True)
    )
    assert french["Bretagne"] == "moins de 3 pôles"


def test_regions_are_ordered_map_then_overseas_then_other() -> None:
    regions = by_region(_round(), "members", map_regions=region_names())
    assert regions["region"].fillna("<blank>").tolist() == [
        "Bretagne",
        "Occitanie",
        "La Réunion",
        "<blank>",
        "Atlantis",
    ]


def test_display_table_translates_headers_and_flags_small_bases() -> None:
    regions = by_region(_round(), "members", map_regions=region_names())
    table = display_table(regions, "members", "fr")
    assert list(table.columns) == [
        "Région",
        "Adhérents (total)",
        "n (réponses)",
        "Pôles répondants",
        "Remarque",
    ]
    rows = table.set_index("Région")
    assert rows.loc["Occitanie", "Adhérents (total)"] == "180"
    assert rows.loc["Occitanie", "Remarque"] == "⚠ base faible (moins de 5 réponses)"
    assert rows.loc["Bretagne", "Remarque"] == ""
    assert rows.loc["La Réunion", "Remarque"] == "outre-mer, hors carte"
    assert "Région non renseignée" in rows.index
    assert rows.loc["Atlantis", "Remarque"] == "ne correspond à aucune région de la carte"


def test_inputs_are_not_mutated() -> None:
    survey = _round()
    before = survey.responses.copy(), survey.yearly.copy()
    by_region(survey, "success_rate")
    overall(survey, "submitted_mean")
    pd.testing.assert_frame_equal(survey.responses, before[0])
    pd.testing.assert_frame_equal(survey.yearly, before[1])


# --- The map figure built from these rows -------------------------------------------------


def _map(lang: str = "en", single_pole: bool = False) -> dict[str, Any]:
    from analysis.charts.map import region_map

    survey = _round()
    regions = by_region(survey, "members", single_pole=single_pole, map_regions=region_names())
    fig = region_map(regions, FIGURES_BY_KEY["members"], info=survey.info, n=8, lang=lang)  # type: ignore[arg-type]
    return fig.to_plotly_json()


def test_map_draws_every_region_offline_without_a_geo_base_map() -> None:
    figure = _map()
    assert all(trace["type"] == "choroplethmap" for trace in figure["data"])
    assert all("locationmode" not in trace for trace in figure["data"])
    assert figure["layout"]["map"]["style"] == "white-bg"
    grey, coloured = figure["data"]
    drawn = list(grey["locations"]) + list(coloured["locations"])
    assert sorted(drawn) == sorted(region_names())
    assert len(region_names()) == 13
    feature_names = {f["properties"]["nom"] for f in coloured["geojson"]["features"]}
    assert feature_names == set(coloured["locations"])


def test_map_colours_only_regions_with_enough_answers_and_carries_the_region() -> None:
    grey, coloured = _map()["data"]
    assert list(coloured["locations"]) == ["Occitanie"]
    assert list(coloured["z"]) == [180]
    assert list(coloured["customdata"]) == ["Occitanie"]
    assert "Bretagne" in list(grey["customdata"])
    hover = dict(zip(grey["locations"], grey["hovertext"], strict=True))
    assert "fewer than 3 poles" in hover["Bretagne"]
    assert "no responding pole" in hover["Corse"]


def test_map_hover_and_source_line_follow_the_language() -> None:
    figure = _map("fr")
    (hover,) = figure["data"][1]["hovertext"]
    assert hover == "<b>Occitanie</b><br>Adhérents (total) : 180<br>n = 3 sur 3 pôles"
    assert figure["layout"]["annotations"][0]["text"] == "Source : campagne test, n = 8 pôles"
    assert figure["layout"]["separators"] == ", "
