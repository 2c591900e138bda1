"""The trends charts: one line per group with hollow small bases, the index line, group
totals carrying their keys, programmes stacked, and group names kept as text."""

from __future__ import annotations

import math

import pytest

from analysis.analytics import trends
from analysis.analytics.trends import OTHERS
from analysis.charts.trends import group_totals_chart, programme_chart, yearly_chart
from tests.support.apptest import trace_values
from tests.support.builders import make_round
from tests.support.trends_round import PROJECTS, eight_poles


def test_yearly_chart_draws_one_line_per_group_with_hollow_small_bases() -> None:
    survey = eight_poles()
    grouping = trends.assign_groups(survey, "region")
    series = trends.yearly_series(survey, grouping, "submitted")
    fig = yearly_chart(
        series,
        split="region",
        measure="submitted",
        scale="absolute",
        info=survey.info,
        n=8,
        lang="en",
    ).to_plotly_json()
    assert [trace["name"] for trace in fig["data"]] == ["South", "Others"]
    assert trace_values(fig, 0) == [28, 36]
    assert trace_values(fig, 1) == [27, 29]
    assert fig["data"][1]["marker"]["symbol"] == ["circle", "circle-open"]
    assert fig["layout"]["annotations"][-1]["text"] == "Source: survey round test, n = 8 poles"


def test_indexed_chart_plots_the_index_and_marks_100() -> None:
    survey = eight_poles()
    grouping = trends.assign_groups(survey, "region")
    series = trends.to_first_year(trends.yearly_series(survey, grouping, "submitted"))
    fig = yearly_chart(
        series,
        split="region",
        measure="submitted",
        scale="indexed",
        info=survey.info,
        n=8,
        lang="fr",
    ).to_plotly_json()
    assert trace_values(fig, 0) == pytest.approx([100, 36 / 28 * 100])
    assert fig["layout"]["shapes"][0]["y0"] == 100
    assert "indice" in fig["layout"]["title"]["text"]


def test_group_totals_chart_carries_group_keys_and_fades_the_unselected() -> None:
    survey = eight_poles()
    grouping = trends.assign_groups(survey, "region")
    totals = trends.summary(survey, grouping, "submitted")
    fig = group_totals_chart(
        totals,
        split="region",
        measure="submitted",
        selected=("South",),
        info=survey.info,
        n=8,
        lang="en",
    ).to_plotly_json()
    bar = fig["data"][0]
    assert list(bar["customdata"]) == ["South", OTHERS]
    assert trace_values(fig, 0, "x") == [64, 56]
    assert list(bar["y"]) == ["South", "Others"]
    assert bar["marker"]["color"][0] != bar["marker"]["color"][1]


def test_programme_chart_stacks_counts_and_draws_rates_as_lines() -> None:
    survey = eight_poles(PROJECTS)
    stacked = programme_chart(
        trends.by_programme(survey, "submitted"),
        measure="submitted",
        info=survey.info,
        n=3,
        lang="fr",
    ).to_plotly_json()
    assert [trace["name"] for trace in stacked["data"]] == ["Horizon Europe", "Interreg", "Autre"]
    assert {trace["type"] for trace in stacked["data"]} == {"bar"}
    assert stacked["layout"]["barmode"] == "stack"
    lines = programme_chart(
        trends.by_programme(survey, "rate"), measure="rate", info=survey.info, n=3, lang="en"
    ).to_plotly_json()
    assert {trace["type"] for trace in lines["data"]} == {"scatter"}
    assert math.isclose(trace_values(lines, 1)[0], 1.0)


def test_user_text_in_group_names_is_not_read_as_html() -> None:
    survey = make_round(
        [{"pole": f"P{i}", "region": "<b>R</b>", "submitted": {2019: 1}} for i in range(3)]
    )
    grouping = trends.assign_groups(survey, "region")
    fig = yearly_chart(
        trends.yearly_series(survey, grouping, "submitted"),
        split="region",
        measure="submitted",
        scale="absolute",
        info=survey.info,
        n=3,
        lang="en",
    ).to_plotly_json()
    assert fig["data"][0]["name"] == "&lt;b&gt;R&lt;/b&gt;"
