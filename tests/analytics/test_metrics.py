"""Headline figures from small hand-built rounds: blanks are unknown, every figure has its n."""

from __future__ import annotations

import json
from datetime import date

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from analysis.analytics import metrics
from analysis.analytics.metrics import Measure
from analysis.core.model import RoundInfo, SurveyRound
from tests.support.builders import make_round, three_poles


def _by_year_frame(rows: list[tuple[int, int | None, int]]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "year": pd.Series([r[0] for r in rows], dtype="int64"),
            "total": pd.Series([r[1] for r in rows], dtype="Int64"),
            "n": pd.Series([r[2] for r in rows], dtype="int64"),
        }
    )


def _blanks_round() -> SurveyRound:
    """Four poles: blanks here and there, one pole with no per-year answer at all."""
    return make_round(
        [
            {
                "pole": "A",
                "europe_team_recruitments": 3,
                "coordinator_members": 2,
                "members": 100,
                "europe_team_fte": 1.5,
                "plans_to_recruit": True,
                "submitted": {2019: 10, 2020: 12},
                "funded": {2019: 2, 2020: 3},
            },
            {
                "pole": "B",
                "europe_team_recruitments": None,
                "coordinator_members": 0,
                "members": None,
                "europe_team_fte": 0.5,
                "plans_to_recruit": False,
                "submitted": {2020: 6},
                "funded": {2019: 1},
            },
            {
                "pole": "C",
                "europe_team_recruitments": 1,
                "coordinator_members": None,
                "members": 40,
                "europe_team_fte": None,
                "plans_to_recruit": None,
                "submitted": {2019: 5, 2020: 4},
                "funded": {2019: 5},
            },
            {"pole": "D (no per-year answer)", "plans_to_recruit": True},
        ],
        years=(2019, 2020, 2021),
        poles_surveyed=8,
    )


def _empty_round() -> SurveyRound:
    return make_round([], years=(), poles_surveyed=55)


# --- by_year -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        # 2021 has a column but nobody answered it: unknown, not 0.
        ("projects_submitted", [(2019, 15, 2), (2020, 22, 3), (2021, None, 0)]),
        ("projects_funded", [(2019, 8, 3), (2020, 3, 1), (2021, None, 0)]),
    ],
)
def test_by_year_sums_answers_and_counts_who_answered(
    field: str, expected: list[tuple[int, int | None, int]]
) -> None:
    assert_frame_equal(metrics.by_year(_blanks_round(), field), _by_year_frame(expected))


def test_by_year_of_an_empty_round_is_an_empty_frame_with_its_columns() -> None:
    assert_frame_equal(metrics.by_year(_empty_round()), _by_year_frame([]))


def test_by_year_rejects_a_field_that_is_not_per_year() -> None:
    with pytest.raises(ValueError, match="members"):
        metrics.by_year(_blanks_round(), "members")


# --- growth --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rows", "growth"),
    [
        ([(2019, 100, 3), (2020, 110, 3), (2021, 99, 3)], [None, 0.10, -0.10]),
        ([(2019, 0, 2), (2020, 5, 2)], [None, None]),  # growth from 0 is undefined
        ([(2019, None, 0), (2020, 5, 2), (2021, 10, 2)], [None, None, 1.0]),
        ([(2019, 7, 1)], [None]),
    ],
)
def test_year_over_year(rows: list[tuple[int, int | None, int]], growth: list) -> None:
    frame = _by_year_frame(rows)
    expected = pd.DataFrame(
        {
            "year": frame["year"],
            "total": frame["total"],
            "growth": pd.Series(growth, dtype="Float64"),
        }
    )
    assert_frame_equal(metrics.year_over_year(frame), expected)


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ([(2019, 100, 4), (2020, 110, 5), (2021, 121, 3)], Measure(pytest.approx(0.10), 3)),
        ([(2019, 100, 4), (2021, 121, 4)], Measure(pytest.approx(0.10), 4)),  # a gap year
        ([(2019, 310, 40), (2022, 471, 40)], Measure(pytest.approx(0.149617, abs=1e-6), 40)),
        ([(2019, 200, 2), (2020, 100, 2)], Measure(pytest.approx(-0.5), 2)),
        ([(2019, 0, 2), (2020, 5, 2)], Measure(None, 2)),  # zero first year
        ([(2019, 7, 1)], Measure(None, 1)),  # a single year
        ([], Measure(None, 0)),  # no year at all
        ([(2019, None, 0), (2020, 5, 2)], Measure(None, 0)),  # first year unanswered
    ],
)
def test_cagr(rows: list[tuple[int, int | None, int]], expected: Measure) -> None:
    assert metrics.cagr(_by_year_frame(rows)) == expected


# --- per-pole figures ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        ("europe_team_recruitments", Measure(4, 2)),
        ("coordinator_members", Measure(2, 2)),  # an answered 0 counts in n
        ("members", Measure(140, 2)),
        ("europe_team_fte", Measure(pytest.approx(2.0), 2)),
    ],
)
def test_total_leaves_blanks_out(field: str, expected: Measure) -> None:
    assert metrics.total(_blanks_round(), field) == expected


def test_total_types_are_plain_python_numbers() -> None:
    assert type(metrics.total(_blanks_round(), "members").value) is int
    assert type(metrics.total(_blanks_round(), "europe_team_fte").value) is float


def test_total_of_a_field_nobody_answered_is_unknown() -> None:
    survey = make_round([{"pole": "A"}, {"pole": "B"}])
    assert metrics.total(survey, "coordinator_members") == Measure(None, 0)


def test_total_rejects_a_text_field() -> None:
    with pytest.raises(ValueError, match="region"):
        metrics.total(_blanks_round(), "region")


@pytest.mark.parametrize(
    ("answers", "share", "yes"),
    [
        ([True, False, None, True], Measure(pytest.approx(2 / 3), 3), Measure(2, 3)),
        ([False, False], Measure(0.0, 2), Measure(0, 2)),
        ([None, None], Measure(None, 0), Measure(None, 0)),
    ],
)
def test_share_and_count_of_yes(answers: list, share: Measure, yes: Measure) -> None:
    survey = make_round([{"pole": f"P{i}", "plans_to_recruit": a} for i, a in enumerate(answers)])
    assert metrics.share_yes(survey) == share
    assert metrics.count_yes(survey) == yes


@pytest.mark.parametrize(
    ("poles_surveyed", "expected"),
    [(8, Measure(0.5, 4)), (None, Measure(None, 4)), (0, Measure(None, 4))],
)
def test_response_rate(poles_surveyed: int | None, expected: Measure) -> None:
    survey = _blanks_round()
    survey = SurveyRound.build(
        RoundInfo("t", poles_surveyed=poles_surveyed), survey.responses, survey.yearly
    )
    assert metrics.respondents(survey) == 4
    assert metrics.response_rate(survey) == expected


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        ("projects_submitted", Measure(37, 3)),  # D answered no year: not in n
        ("projects_funded", Measure(11, 3)),
    ],
)
def test_yearly_total(field: str, expected: Measure) -> None:
    assert metrics.yearly_total(_blanks_round(), field) == expected


# --- success rate --------------------------------------------------------------------------


def test_success_rate_uses_only_poles_that_answered_both() -> None:
    # 2019: A (10, 2) and C (5, 5); B gave funded but not submitted. 2020: only A has both.
    expected = pd.DataFrame(
        {
            "year": pd.Series([2019, 2020, 2021], dtype="int64"),
            "submitted": pd.Series([15, 12, None], dtype="Int64"),
            "funded": pd.Series([7, 3, None], dtype="Int64"),
            "rate": pd.Series([7 / 15, 3 / 12, None], dtype="Float64"),
            "n": pd.Series([2, 1, 0], dtype="int64"),
        }
    )
    assert_frame_equal(metrics.success_rate(_blanks_round()), expected)


def test_success_rate_with_nothing_submitted_is_unknown() -> None:
    survey = make_round([{"pole": "A", "submitted": {2019: 0}, "funded": {2019: 0}}], years=[2019])
    rate = metrics.success_rate(survey)
    assert rate["n"].tolist() == [1]
    assert rate["rate"].isna().all()


# --- headline and summary ------------------------------------------------------------------


def test_headline_of_three_poles() -> None:
    h = metrics.headline(three_poles())
    assert h.respondents == 3
    assert h.response_rate == Measure(pytest.approx(0.6), 3)
    assert h.projects_submitted_by_year == (
        (2019, Measure(20, 3)),
        (2020, Measure(24, 3)),
        (2021, Measure(26, 2)),
    )
    assert h.projects_submitted == Measure(70, 3)
    # Growth on the two poles that answered 2019 and 2021 (26 / 18), not 26 / 20.
    assert h.projects_submitted_cagr == Measure(pytest.approx((26 / 18) ** 0.5 - 1), 2)
    assert h.projects_submitted_cagr_all == Measure(pytest.approx((26 / 20) ** 0.5 - 1), 2)
    assert h.europe_team_recruitments == Measure(5, 2)
    assert h.plans_to_recruit == Measure(0.5, 2)


SUMMARY_KEYS = {
    "respondents",
    "poles_surveyed",
    "response_rate",
    "projects_submitted_by_year",
    "projects_submitted_total",
    "projects_submitted_cagr",
    "europe_team_recruitments_total",
    "coordinator_members_total",
    "plans_to_recruit_share",
    "plans_to_recruit_n",
}


def test_summary_dict_has_the_contract_keys_and_is_json() -> None:
    summary = metrics.summary_dict(_blanks_round())
    assert summary.keys() >= SUMMARY_KEYS | {"round", "period", "synthetic"}
    assert json.loads(json.dumps(summary)) == summary
    assert summary == {
        "round": "test",
        "period": "2019–2021",
        "synthetic": False,
        "respondents": 4,
        "poles_surveyed": 8,
        "response_rate": 0.5,
        "projects_submitted_by_year": {"2019": 15, "2020": 22, "2021": None},
        "projects_submitted_by_year_n": {"2019": 2, "2020": 3, "2021": 0},
        "projects_submitted_total": 37,
        "projects_submitted_n": 3,
        "projects_submitted_cagr": None,  # the last year is unknown
        "projects_submitted_cagr_n": 0,
        "projects_submitted_cagr_all": None,
        "projects_submitted_cagr_all_n": 0,
        "projects_funded_total": 11,
        "projects_funded_n": 3,
        "europe_team_recruitments_total": 4,
        "europe_team_recruitments_n": 2,
        "coordinator_members_total": 2,
        "coordinator_members_n": 2,
        "plans_to_recruit_share": pytest.approx(2 / 3),
        "plans_to_recruit_yes": 2,
        "plans_to_recruit_n": 3,
    }


def test_summary_dict_of_an_empty_round_is_all_unknown() -> None:
    summary = metrics.summary_dict(_empty_round())
    assert summary["respondents"] == 0
    assert summary["response_rate"] == 0.0  # 0 of 55 answered: known, and zero
    assert summary["projects_submitted_by_year"] == {}
    for key in (
        "projects_submitted_total",
        "projects_submitted_cagr",
        "europe_team_recruitments_total",
        "coordinator_members_total",
        "plans_to_recruit_share",
    ):
        assert summary[key] is None, key
    assert summary["plans_to_recruit_n"] == 0


def test_summary_dict_carries_round_metadata() -> None:
    survey = SurveyRound.build(
        RoundInfo("2023", 2019, 2022, 55, date(2023, 3, 31), synthetic=True),
        three_poles().responses,
        three_poles().yearly,
    )
    summary = metrics.summary_dict(survey)
    assert (summary["round"], summary["period"], summary["synthetic"]) == (
        "2023",
        "2019–2022",
        True,
    )


def test_metrics_do_not_mutate_the_round() -> None:
    survey = _blanks_round()
    before = {name: getattr(survey, name).copy() for name in ("responses", "yearly")}
    metrics.summary_dict(survey)
    metrics.success_rate(survey)
    metrics.year_over_year(metrics.by_year(survey))
    for name, frame in before.items():
        assert_frame_equal(getattr(survey, name), frame)
