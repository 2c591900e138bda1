"""One pole next to its peers: figures per pole, quartiles, rank, percentile, small groups."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.analytics import peers
from analysis.charts.peers import bullet_chart, own_years_chart
from analysis.core.model import SurveyRound
from tests.support.apptest import trace_values
from tests.support.builders import make_round

NNBSP = "\u202f"


def eight_poles() -> SurveyRound:
    """Regions North (3), South (3), East (1), one blank; sectors Health (4), Digital (3), Sea.

    Recruitments: P2 left it blank; nobody answered `members`.
    """
    rows = [
        ("P1", "North", "Health", 4, 1.5, {2019: 10, 2020: 12}, {2019: 2, 2020: 3}),
        ("P2", "North", "Health", None, 0.5, {2019: 5}, {2019: 1}),
        ("P3", "North", "Health", 2, 1.0, {2019: 4, 2020: 6}, {2020: 2}),
        ("P4", "South", "Health", 6, 3.0, {2019: 20, 2020: 25}, {2019: 5, 2020: 5}),
        ("P5", "South", "Digital", 1, 2.0, {2019: 8, 2020: 8}, {2019: 2, 2020: 4}),
        ("P6", "South", "Digital", 3, None, {2019: 0, 2020: 3}, {2019: 0, 2020: 1}),
        ("P7", "East", "Digital", 2, 1.0, {2019: 7, 2020: 9}, {2019: 3, 2020: 3}),
        ("P8", None, "Sea", 0, 0.2, {2019: 1, 2020: 2}, {}),
    ]
    return make_round(
        [
            {
                "pole": p,
                "region": r,
                "sector": s,
                "europe_team_recruitments": rec,
                "europe_team_fte": fte,
                "submitted": sub,
                "funded": fund,
            }
            for p, r, s, rec, fte, sub, fund in rows
        ],
        years=(2019, 2020),
    )


def figures_of(pole: str) -> dict[str, object]:
    table = peers.pole_figures(eight_poles()).set_index("pole")
    row = table.loc[pole]
    return {key: (None if pd.isna(row[key]) else float(row[key])) for key in peers.KINDS}


@pytest.mark.parametrize(
    ("pole", "expected"),
    [
        (
            "P1",
            {
                "projects_submitted_total": 22,
                "projects_submitted_mean": 11,
                "projects_funded_total": 5,
                "projects_funded_mean": 2.5,
                "success_rate": 5 / 22,
                "europe_team_recruitments": 4,
                "europe_team_fte": 1.5,
            },
        ),
        (
            "P2",  # blank 2020 submissions: total and mean over the one year answered
            {
                "projects_submitted_total": 5,
                "projects_submitted_mean": 5,
                "projects_funded_total": 1,
                "success_rate": 1 / 5,
                "europe_team_recruitments": None,
            },
        ),
        ("P3", {"projects_funded_total": 2, "projects_funded_mean": 2, "success_rate": 2 / 6}),
        ("P6", {"projects_submitted_total": 3, "success_rate": 1 / 3}),
        (
            "P8",
            {
                "projects_funded_total": None,
                "projects_funded_mean": None,
                "success_rate": None,
                "europe_team_recruitments": 0,
                "members": None,
            },
        ),
    ],
)
def test_pole_figures(pole: str, expected: dict[str, float | None]) -> None:
    got = figures_of(pole)
    for key, value in expected.items():
        assert got[key] == (None if value is None else pytest.approx(value)), key


def rows_of(comparison: pd.DataFrame, figure: str) -> dict[str, pd.Series]:
    chosen = comparison.loc[comparison["figure"] == figure]
    return {row["group"]: row for _, row in chosen.iterrows()}


def test_comparison_gives_quartiles_rank_and_percentile_per_group() -> None:
    rows = rows_of(peers.compare(eight_poles(), "P3"), "europe_team_recruitments")
    everyone, region, sector = rows["all"], rows["region"], rows["sector"]
    # All: 0 1 2 2 3 4 6 (P2 blank, left out of n).
    assert (everyone["value"], everyone["n"]) == (2, 7)
    assert (everyone["q1"], everyone["median"], everyone["q3"]) == (1.5, 2, 3.5)
    assert everyone["rank"] == 4  # 3, 4 and 6 are higher
    assert everyone["percentile"] == pytest.approx(4 / 7)
    # North: P1 and P3 answered, P2 did not: too few for statistics.
    assert region["name"] == "North"
    assert (region["n"], bool(region["too_few"])) == (2, True)
    assert pd.isna(region["median"]) and pd.isna(region["rank"])
    # Health: 4, 2, 6.
    assert sector["name"] == "Health"
    assert (sector["median"], sector["q1"], sector["q3"], sector["n"]) == (4, 3, 5, 3)
    assert (sector["rank"], sector["percentile"]) == (3, pytest.approx(1 / 3))


@pytest.mark.parametrize(
    ("pole", "figure", "rank", "percentile"),
    [
        ("P4", "europe_team_recruitments", 1, 1.0),
        ("P7", "europe_team_recruitments", 4, 4 / 7),  # tied with P3: same best rank
        ("P8", "europe_team_recruitments", 7, 1 / 7),
        ("P4", "projects_submitted_total", 1, 1.0),
        ("P8", "projects_funded_total", None, None),  # its own answer is blank
    ],
)
def test_rank_is_one_for_the_highest_and_ties_share_it(
    pole: str, figure: str, rank: int | None, percentile: float | None
) -> None:
    row = rows_of(peers.compare(eight_poles(), pole), figure)["all"]
    if rank is None:
        assert pd.isna(row["rank"]) and pd.isna(row["percentile"])
        assert row["n"] == 7  # the others' answers still make the statistics
    else:
        assert (row["rank"], row["percentile"]) == (rank, pytest.approx(percentile))


@pytest.mark.parametrize(("min_peers", "too_few"), [(3, True), (2, False)])
def test_peer_groups_below_the_minimum_get_no_statistics(min_peers: int, too_few: bool) -> None:
    comparison = peers.compare(eight_poles(), "P1", min_peers=min_peers)
    region = rows_of(comparison, "europe_team_recruitments")["region"]
    assert bool(region["too_few"]) is too_few
    assert pd.isna(region["median"]) is too_few
    if not too_few:
        assert region["median"] == 3  # P1 4, P3 2


def test_a_blank_region_is_a_group_of_nobody() -> None:
    comparison = peers.compare(eight_poles(), "P8")
    region = rows_of(comparison, "success_rate")["region"]
    assert pd.isna(region["name"]) and region["n"] == 0 and bool(region["too_few"])
    assert peers.peer_groups(comparison) == (None, "Sea")
    assert peers.identity(comparison, "fr") == "Région : non renseignée · Thématique : Sea"


def test_figures_nobody_answered_are_left_out() -> None:
    comparison = peers.compare(eight_poles(), "P1")
    answered = peers.answered_figures(comparison)
    assert "members" not in answered and "coordinator_members" not in answered
    assert answered[0] == "projects_submitted_total"
    table = peers.display_table(comparison, lang="en")
    assert len(table) == len(answered)


def test_unknown_pole_is_refused() -> None:
    with pytest.raises(KeyError):
        peers.compare(eight_poles(), "Nowhere")


def test_own_years_and_period() -> None:
    survey = eight_poles()
    own = peers.own_years(survey, "P2")
    assert own["year"].tolist() == [2019, 2020]
    assert own["projects_submitted"].tolist()[0] == 5 and pd.isna(own["projects_submitted"][1])
    assert peers.has_answers(own)
    assert not peers.has_answers(peers.own_years(survey, "Nowhere"))
    assert peers.period_of(survey) == "2019–2020"
    assert peers.period_of(make_round([{"pole": "A"}], years=(2021,))) == "2021"
    assert peers.period_of(make_round([{"pole": "A"}], years=())) == "–"


def test_compare_does_not_mutate_the_round() -> None:
    survey = eight_poles()
    before = survey.responses.copy(), survey.yearly.copy()
    peers.compare(survey, "P1")
    pd.testing.assert_frame_equal(survey.responses, before[0])
    pd.testing.assert_frame_equal(survey.yearly, before[1])


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "en",
            [
                "Europe team recruitments",
                "2",
                "4 of 7",
                "57%",
                "2 [1.5–3.5] (n = 7)",
                "too few poles (n = 2)",
                "4 [3–5] (n = 3) ⚠",
            ],
        ),
        (
            "fr",
            [
                "Recrutements équipe Europe",
                "2",
                "4 sur 7",
                "57\xa0%",
                "2 [1,5–3,5] (n = 7)",
                "trop peu de pôles (n = 2)",
                "4 [3–5] (n = 3) ⚠",
            ],
        ),
    ],
)
def test_display_table_row(lang: str, expected: list[str]) -> None:
    table = peers.display_table(peers.compare(eight_poles(), "P3"), lang=lang)  # type: ignore[arg-type]
    row = table.loc[table.iloc[:, 0] == expected[0]]
    assert row.to_numpy().tolist() == [expected]
    assert table.columns[-2].startswith("Région North" if lang == "fr" else "Region North")


@pytest.mark.parametrize(
    ("value", "figure", "statistic", "lang", "expected"),
    [
        (1548.0, "projects_submitted_total", False, "fr", f"1{NNBSP}548"),
        (32.5, "projects_submitted_total", True, "en", "32.5"),
        (32.5, "projects_submitted_mean", False, "fr", "32,5"),
        (0.3, "success_rate", True, "en", "30%"),
        (pd.NA, "members", False, "en", "–"),
    ],
)
def test_format_figure(
    value: object, figure: str, statistic: bool, lang: str, expected: str
) -> None:
    got = peers.format_figure(value, figure, lang, statistic=statistic)  # type: ignore[arg-type]
    assert got == expected


def test_bullet_chart_draws_each_answered_figure_with_one_legend_entry_each() -> None:
    survey = eight_poles()
    comparison = peers.compare(survey, "P4")
    fig = bullet_chart(comparison, pole="P4", info=survey.info, n=8, lang="en").to_plotly_json()
    titles = [a["text"] for a in fig["layout"]["annotations"]]
    assert titles[:2] == [
        "EU proposals submitted (all years)",
        "EU proposals submitted per year (average)",
    ]
    assert titles[-1] == "Source: survey round test, n = 8 poles"
    pole_points = [
        trace_values(fig, i, "x")[0]
        for i, d in enumerate(fig["data"])
        if d["legendgroup"] == "pole"
    ]
    assert pole_points[0] == 45  # P4 submitted 20 + 25
    shown = [d["name"] for d in fig["data"] if d.get("showlegend")]
    assert sorted(shown) == sorted(set(shown))


def test_own_years_chart_leaves_blank_years_without_a_bar() -> None:
    survey = eight_poles()
    own = peers.own_years(survey, "P2")
    fig = own_years_chart(own, pole="P2", info=survey.info, lang="fr").to_plotly_json()
    submitted = trace_values(fig, 0)
    assert submitted[0] == 5 and pd.isna(submitted[1])
    assert list(fig["data"][0]["text"]) == ["5", ""]
    assert fig["data"][1]["name"] == "Projets retenus"
    # Drawn in a side column, its source line is broken into short lines.
    source = fig["layout"]["annotations"][-1]["text"]
    assert source.replace("<br>", " ") == "Source : campagne test, n = 1 pôle"


def test_pole_names_are_not_read_as_html() -> None:
    survey = make_round([{"pole": "<i>X</i>", "submitted": {2019: 1}}])
    fig = own_years_chart(
        peers.own_years(survey, "<i>X</i>"), pole="<i>X</i>", info=survey.info, lang="en"
    ).to_plotly_json()
    assert fig["layout"]["title"]["text"].startswith("&lt;i&gt;X&lt;/i&gt;")
