"""Growth on a balanced panel: only poles that answered both years compared count.

The headline growth once compared the 2019 total of 38 poles with the 2022 total of 40 and
called the newcomers growth. These rounds, built by hand, pin the panel figure, its n, and
the all-respondent figure kept beside it as secondary.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.analytics import metrics
from analysis.analytics.metrics import Measure
from analysis.sample.round import generate
from tests.support.builders import YEARS, forty_poles_two_late, make_round


def test_the_late_answers_are_not_growth() -> None:
    h = metrics.headline(forty_poles_two_late())
    assert h.projects_submitted_cagr.n == 38
    assert h.projects_submitted_cagr.value == pytest.approx((598 / 380) ** (1 / 3) - 1)
    assert round(h.projects_submitted_cagr.value * 100, 1) == 16.3
    assert round(h.projects_submitted_cagr_all.value * 100, 1) == 19.0
    assert h.projects_submitted_cagr_all.n == 38  # the smaller of 38 (2019) and 40 (2022)
    assert metrics.growth_differs(h.projects_submitted_cagr, h.projects_submitted_cagr_all)


def test_summary_json_gives_the_panel_and_the_totals() -> None:
    summary = metrics.summary_dict(forty_poles_two_late())
    assert summary["projects_submitted_cagr"] == pytest.approx(0.163159, abs=1e-6)
    assert summary["projects_submitted_cagr_n"] == 38
    assert summary["projects_submitted_cagr_all"] == pytest.approx((640 / 380) ** (1 / 3) - 1)


def test_the_sample_still_grows_about_15_percent() -> None:
    h = metrics.headline(generate())
    assert h.projects_submitted_cagr == Measure(pytest.approx(0.149617, abs=1e-6), 40)
    assert h.projects_submitted_cagr_all.value == pytest.approx(h.projects_submitted_cagr.value)
    assert not metrics.growth_differs(h.projects_submitted_cagr, h.projects_submitted_cagr_all)


def test_year_over_year_on_the_same_poles() -> None:
    frame = metrics.panel_year_over_year(forty_poles_two_late())
    assert frame["year"].tolist() == list(YEARS)
    assert frame["total"].tolist() == [380, 448, 530, 640]
    assert frame["panel"].tolist() == [0, 38, 40, 40]
    assert frame["growth"].isna().tolist() == [True, False, False, False]
    growth = frame["growth"].tolist()
    # 2019 → 2020 on the 38 poles of both years: 418 / 380, not 448 / 380.
    assert growth[1] == pytest.approx(418 / 380 - 1)
    assert growth[2] == pytest.approx(530 / 448 - 1)
    assert growth[3] == pytest.approx(640 / 530 - 1)


#: (per-pole submissions as {year: value}, expected panel CAGR value or None, expected n)
SHIFTING_PANELS: list[tuple[str, list[dict[int, int]], float | None, int]] = [
    ("everyone answered", [{2019: 10, 2022: 20}, {2019: 10, 2022: 20}], 2 ** (1 / 3) - 1, 2),
    ("a newcomer in 2022", [{2019: 10, 2022: 20}, {2022: 100}], 2 ** (1 / 3) - 1, 1),
    ("a leaver after 2019", [{2019: 10, 2022: 20}, {2019: 100}], 2 ** (1 / 3) - 1, 1),
    ("both gaps", [{2019: 8, 2022: 8}, {2019: 5}, {2022: 50}], 0.0, 1),
    ("no pole answered both years", [{2019: 10}, {2022: 10}], None, 0),
    ("the panel started at zero", [{2019: 0, 2022: 5}, {2022: 9}], None, 1),
    ("a middle-year blank does not matter", [{2019: 10, 2022: 80}, {2019: 10, 2022: 80}], 1.0, 2),
    ("a fall", [{2019: 27, 2022: 8}], 2 / 3 - 1, 1),
]


@pytest.mark.parametrize(
    ("answers", "expected", "n"),
    [case[1:] for case in SHIFTING_PANELS],
    ids=[case[0] for case in SHIFTING_PANELS],
)
def test_panel_cagr_with_blanks(
    answers: list[dict[int, int]], expected: float | None, n: int
) -> None:
    survey = make_round(
        [{"pole": f"P{i}", "submitted": a} for i, a in enumerate(answers)], years=YEARS
    )
    measure = metrics.panel_cagr(survey)
    assert measure.n == n
    if expected is None:
        assert measure.value is None
    else:
        assert measure.value == pytest.approx(expected)


def test_one_year_has_no_growth() -> None:
    survey = make_round([{"pole": "A", "submitted": {2019: 4}}], years=(2019,))
    assert metrics.panel_cagr(survey) == Measure(None, 0)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.lists(st.one_of(st.none(), st.integers(0, 500)), min_size=4, max_size=4),
        min_size=1,
        max_size=12,
    )
)
def test_panel_cagr_is_the_growth_of_the_poles_answering_both_years(rows: list[list[Any]]) -> None:
    """Against a plain-Python restatement; equal to the totals' figure when nobody is blank."""
    poles = [
        {
            "pole": f"P{i}",
            "submitted": {y: v for y, v in zip(YEARS, row, strict=True) if v is not None},
        }
        for i, row in enumerate(rows)
    ]
    survey = make_round(poles, years=YEARS)
    both = [row for row in rows if row[0] is not None and row[-1] is not None]
    start, end = sum(r[0] for r in both), sum(r[-1] for r in both)
    measure = metrics.panel_cagr(survey)
    assert measure.n == len(both)
    if not both or start == 0:
        assert measure.value is None
    else:
        assert measure.value == pytest.approx((end / start) ** (1 / 3) - 1)
    if all(v is not None for row in rows for v in row):
        assert not metrics.growth_differs(measure, metrics.cagr(metrics.by_year(survey)))
