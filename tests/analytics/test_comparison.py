"""Comparing rounds: the panel, the bases, headline figures side by side, per-year series."""

from __future__ import annotations

from datetime import datetime

import pandas as pd
import pytest

from analysis.analytics import comparison
from analysis.analytics.comparison import RoundBase
from analysis.charts.comparison import rounds_by_year_chart, source_line
from analysis.core.i18n import fmt_int
from analysis.core.model import SurveyRound
from analysis.store.records import RoundRecord
from tests.support.builders import forty_poles_two_late, make_round


def older() -> SurveyRound:
    """Round 2021 over 2019-2021: three poles, one blank year."""
    return make_round(
        [
            {
                "pole": "Aerospace Valley",
                "region": "Occitanie",
                "sector": "Mobility",
                "europe_team_recruitments": 4,
                "coordinator_members": 3,
                "plans_to_recruit": True,
                "submitted": {2019: 10, 2020: 12, 2021: 15},
                "funded": {2019: 3, 2020: 4, 2021: 5},
            },
            {
                "pole": "Cap Digital",
                "region": "Île-de-France",
                "sector": "Digital",
                "europe_team_recruitments": 2,
                "plans_to_recruit": False,
                "submitted": {2019: 8, 2020: 9, 2021: 11},
                "funded": {2019: 2, 2020: 2},
            },
            {
                "pole": "Minalogic",
                "region": "Auvergne-Rhône-Alpes",
                "sector": "Digital",
                "europe_team_recruitments": None,
                "plans_to_recruit": None,
                "submitted": {2019: 5, 2021: 7},
            },
        ],
        label="2021",
        years=(2019, 2020, 2021),
        poles_surveyed=6,
    )


def newer() -> SurveyRound:
    """Round 2023 over 2021-2023: two poles of the older round (spelt differently) and one new."""
    return make_round(
        [
            {
                "pole": "AEROSPACE VALLEY",
                "region": "Occitanie",
                "sector": "Mobility",
                "europe_team_recruitments": 6,
                "plans_to_recruit": True,
                "submitted": {2021: 16, 2022: 18, 2023: 20},
                "funded": {2021: 5, 2022: 6, 2023: 7},
            },
            {
                "pole": "Minalogic",
                "region": "Auvergne-Rhône-Alpes",
                "sector": "Digital",
                "europe_team_recruitments": 1,
                "plans_to_recruit": True,
                "submitted": {2021: 6, 2022: 8, 2023: 9},
            },
            {
                "pole": "Vitagora",
                "region": "Bourgogne-Franche-Comté",
                "sector": "Agri-food",
                "europe_team_recruitments": 3,
                "plans_to_recruit": False,
                "submitted": {2022: 4, 2023: 5},
            },
        ],
        label="2023",
        years=(2021, 2022, 2023),
        poles_surveyed=5,
    )


def test_panel_keeps_the_poles_of_every_round_by_canonical_name() -> None:
    assert comparison.panel_poles([older(), newer()]) == ("Aerospace Valley", "Minalogic")
    assert comparison.panel_poles([newer(), older()]) == ("AEROSPACE VALLEY", "Minalogic")
    assert comparison.panel_poles([older()]) == ("Aerospace Valley", "Cap Digital", "Minalogic")
    assert comparison.panel_poles([]) == ()


def test_same_panel_restricts_every_frame_of_every_round() -> None:
    first, second = comparison.same_panel([older(), newer()])
    assert first.responses["pole"].tolist() == ["Aerospace Valley", "Minalogic"]
    assert second.responses["pole"].tolist() == ["AEROSPACE VALLEY", "Minalogic"]
    assert set(first.yearly["pole"]) == {"Aerospace Valley", "Minalogic"}
    assert set(second.yearly["pole"]) == {"AEROSPACE VALLEY", "Minalogic"}
    assert first.info.label == "2021" and second.info.label == "2023"


def test_no_common_pole_gives_empty_rounds_not_unrestricted_ones() -> None:
    lonely = make_round([{"pole": "Pôle Mer Bretagne", "submitted": {2023: 3}}], years=(2023,))
    result = comparison.compare([older(), lonely], panel=True)
    assert result.panel_poles == ()
    assert [len(r.responses) for r in result.rounds] == [0, 0]
    assert [b.respondents for b in result.bases] == [3, 1]
    assert result.headlines[0].projects_submitted.value is None


@pytest.mark.parametrize(
    ("panel", "compared", "submitted", "submitted_n", "recruitments", "recruitments_n"),
    [
        # all respondents: 10+12+15 + 8+9+11 + 5+7 = 77 (n 3); 16+18+20 + 6+8+9 + 4+5 = 86
        (False, (3, 3), (77, 86), (3, 3), (6, 10), (2, 3)),
        # same panel (Aerospace Valley, Minalogic): 37 + 12 = 49; 54 + 23 = 77
        (True, (2, 2), (49, 77), (2, 2), (4, 7), (1, 2)),
    ],
)
def test_headline_figures_side_by_side(
    panel: bool,
    compared: tuple[int, int],
    submitted: tuple[int, int],
    submitted_n: tuple[int, int],
    recruitments: tuple[int, int],
    recruitments_n: tuple[int, int],
) -> None:
    result = comparison.compare([older(), newer()], panel=panel)
    assert result.labels == ("2021", "2023")
    assert result.bases == (
        RoundBase("2021", respondents=3, compared=compared[0]),
        RoundBase("2023", respondents=3, compared=compared[1]),
    )
    rows = comparison.headline_rows(result).set_index(["figure", "round"])
    for figure, values, counts in (
        ("projects_submitted", submitted, submitted_n),
        ("europe_team_recruitments", recruitments, recruitments_n),
        ("respondents", compared, compared),
    ):
        assert [rows.loc[(figure, label), "value"] for label in ("2021", "2023")] == list(values)
        assert [rows.loc[(figure, label), "n"] for label in ("2021", "2023")] == list(counts)


def test_headline_rows_leave_the_rate_out_on_request() -> None:
    result = comparison.compare([older(), newer()])
    with_rate = comparison.headline_rows(result)
    rate = with_rate.loc[with_rate["figure"] == "response_rate", "value"].tolist()
    assert rate == [pytest.approx(3 / 6), pytest.approx(3 / 5)]
    without = comparison.headline_rows(result, show_rate=False)
    assert "response_rate" not in set(without["figure"])
    assert len(without) == len(with_rate) - 2


def test_yearly_series_keeps_each_rounds_own_overlapping_years() -> None:
    series = comparison.yearly_series([older(), newer()])
    expected = pd.DataFrame(
        {
            "round": ["2021", "2021", "2021", "2023", "2023", "2023"],
            "year": [2019, 2020, 2021, 2021, 2022, 2023],
            # 2021: the older round says 15+11+7 = 33, the newer 16+6 = 22 (Vitagora blank)
            "total": [23, 21, 33, 22, 30, 34],
            "n": [3, 2, 3, 2, 3, 3],
        }
    ).astype({"round": "string", "year": "int64", "total": "Int64", "n": "int64"})
    pd.testing.assert_frame_equal(series, expected)
    assert comparison.overlapping_years(series) == (2021,)


def test_yearly_series_of_funded_and_of_nothing() -> None:
    funded = comparison.yearly_series([older()], "projects_funded")
    assert funded["total"].tolist() == [5, 6, 5]
    assert funded["n"].tolist() == [2, 2, 1]
    empty = comparison.yearly_series([])
    assert list(empty.columns) == ["round", "year", "total", "n"] and empty.empty


def test_display_table_in_both_languages() -> None:
    result = comparison.compare([older(), newer()], panel=True)
    english = comparison.display_table(result, "en", show_rate=False)
    assert list(english.columns) == ["Figure", "2021", "2021 · n", "2023", "2023 · n"]
    table = english.set_index("Figure")
    assert table.loc["Period covered", "2021"] == "2019–2021"
    assert table.loc["Period covered", "2023"] == "2021–2023"
    assert table.loc["Period covered", "2021 · n"] == "–"  # not Python's "None"
    submitted = "EU proposals submitted (all years of the round)"
    assert table.loc[submitted, "2021"] == "49" and table.loc[submitted, "2023"] == "77"
    assert table.loc[submitted, "2023 · n"] == "2"
    assert table.loc["Poles planning to recruit", "2023"] == "100%"
    assert "Response rate" not in table.index
    french = comparison.display_table(result, "fr").set_index("Indicateur")
    assert french.loc["Taux de réponse", "2021"] == "33,3\xa0%"
    assert french.loc["Pôles prévoyant de recruter", "2021"] == "100\xa0%"


def test_bases_in_words() -> None:
    result = comparison.compare([older(), newer()])
    assert comparison.base_text(result, "en") == (
        "Round 2021: n = 3 poles; Round 2023: n = 3 poles; same panel: 2 poles"
    )
    assert comparison.base_text(result, "fr") == (
        "Campagne 2021 : n = 3 pôles ; Campagne 2023 : n = 3 pôles ; même panel : 2 pôles"
    )
    assert comparison.mode_text(result, "en").startswith("Figures of all respondents")
    panel = comparison.compare([older(), newer()], panel=True)
    assert "the 2 poles that answered every compared round" in comparison.mode_text(panel, "en")
    quoted = comparison.base_text(result, "en", quote=lambda label: f"<{label}>")
    assert quoted.startswith("Round <2021>: n = 3 poles")


def test_one_pole_bases_are_singular() -> None:
    single = make_round([{"pole": "Minalogic", "submitted": {2023: 3}}], label="x", years=(2023,))
    result = comparison.compare([single, newer()])
    assert comparison.base_text(result, "en") == (
        "Round x: n = 1 pole; Round 2023: n = 3 poles; same panel: 1 pole"
    )


def test_inputs_are_not_mutated() -> None:
    first, second = older(), newer()
    before = [frame.copy() for frame in (first.responses, first.yearly, second.responses)]
    comparison.compare([first, second], panel=True)
    comparison.yearly_series([first, second])
    for original, now in zip(
        before, (first.responses, first.yearly, second.responses), strict=True
    ):
        pd.testing.assert_frame_equal(original, now)


def record(label: str, start: int | None, end: int | None) -> RoundRecord:
    return RoundRecord(
        label=label,
        version_id=1,
        period_start=start,
        period_end=end,
        poles_surveyed=None,
        collected_on=None,
        synthetic=False,
        respondents=1,
        years=(),
        yearly_rows=0,
        project_rows=0,
        extra_rows=0,
        uploaded_at=datetime(2026, 1, 1),
        uploaded_by=None,
        file_name=None,
        sha256=None,
        size=None,
    )


def test_rounds_in_chronological_order_and_the_newest_two() -> None:
    # Import order: 2025 first, then 2023, an undated round, and 2019.
    records = [
        record("2025", 2021, 2024),
        record("2023", 2019, 2022),
        record("pilot", None, None),
        record("2019", 2016, 2018),
    ]
    assert comparison.chronological(records) == ["pilot", "2019", "2023", "2025"]
    assert comparison.newest_labels(records) == ["2023", "2025"]
    assert comparison.newest_labels(records, 3) == ["2019", "2023", "2025"]
    assert comparison.in_order(["2025", "pilot", "gone"], records) == ["pilot", "2025"]


def test_chart_draws_one_line_per_round_with_its_base() -> None:
    result = comparison.compare([older(), newer()], panel=False)
    series = comparison.yearly_series(result.rounds)
    fig = rounds_by_year_chart(
        series, bases=result.bases, field="projects_submitted", synthetic=False, lang="en"
    )
    assert [trace.name for trace in fig.data] == [
        "Round 2021 (n = 3 poles)",
        "Round 2023 (n = 3 poles)",
    ]
    assert list(fig.data[0].x) == ["2019", "2020", "2021"]
    assert list(fig.data[1].y) == [22.0, 30.0, 34.0]
    assert list(fig.layout.xaxis.categoryarray) == ["2019", "2020", "2021", "2022", "2023"]
    assert fig.layout.annotations[-1].text == (
        "Source: survey rounds 2021 (n = 3 poles), 2023 (n = 3 poles)"
    )
    assert fig.layout.title.text == "EU proposals submitted per year, by survey round"


def test_chart_source_line_in_french_with_panel_bases_and_synthetic_notice() -> None:
    bases = (RoundBase("2021", 3, 2), RoundBase("<b>x</b>", 3, 1))
    text = source_line(bases, synthetic=True, lang="fr")
    assert text == (
        "Source : campagnes 2021 (n = 2 pôles), &lt;b&gt;x&lt;/b&gt; (n = 1 pôle)"
        " · données synthétiques d'exemple"
    )


def test_chart_hover_says_the_base_and_flags_small_ones() -> None:
    result = comparison.compare([older(), newer()], panel=True)
    series = comparison.yearly_series(result.rounds, "projects_funded")
    fig = rounds_by_year_chart(
        series, bases=result.bases, field="projects_funded", synthetic=False, lang="en"
    )
    hover = list(fig.data[0].hovertext)
    assert hover[0] == "Round 2021 · 2019: 3 (answered by 1 pole) · ⚠ small base"
    assert fmt_int(3, "en") in hover[0]
    assert fig.layout.yaxis.title.text == "Projects funded"


def test_compared_growth_is_each_rounds_panel_with_the_totals_beside_it() -> None:
    late = forty_poles_two_late("2024")
    rows = comparison.compare([late]).headlines[0]
    assert rows.projects_submitted_cagr.n == 38
    assert round(rows.projects_submitted_cagr.value * 100, 1) == 16.3
    table = comparison.headline_rows(comparison.compare([late]))
    figures = dict(zip(table["figure"], table["value"], strict=True))
    assert round(figures["projects_submitted_cagr"] * 100, 1) == 16.3
    assert round(figures["projects_submitted_cagr_all"] * 100, 1) == 19.0
