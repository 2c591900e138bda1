"""The new round against the previous one: poles in and out, flagged moves, headline."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest

from analysis.analytics.diff import (
    ANSWER,
    MIN_FOR_FENCES,
    YEAR,
    YEARLY_MEAN,
    diff_rounds,
    figure_label,
    flagged_display,
    headline_display,
)
from tests.support.builders import make_round


def _pole(name: str, **fields: Any) -> dict[str, Any]:
    return {"pole": name, **fields}


def _change(diff: Any, pole: str, field: str, measure: str = ANSWER, year: int | None = None):
    rows = diff.changes[
        (diff.changes["pole"] == pole)
        & (diff.changes["field"] == field)
        & (diff.changes["measure"] == measure)
    ]
    if year is not None:
        rows = rows[rows["year"] == year]
    assert len(rows) <= 1
    return None if rows.empty else rows.iloc[0]


def test_poles_new_missing_and_common_match_by_name_ignoring_case_and_accents() -> None:
    previous = make_round(
        [_pole("Aerospace Valley"), _pole("Pôle Mer Méditerranée"), _pole("Vitagora")],
        label="2023",
    )
    new = make_round(
        [_pole("AEROSPACE VALLEY"), _pole("pole mer mediterranee"), _pole("Cap Digital")]
    )
    diff = diff_rounds(new, previous)
    assert diff.common_poles == ("AEROSPACE VALLEY", "pole mer mediterranee")
    assert diff.new_poles == ("Cap Digital",)
    assert diff.missing_poles == ("Vitagora",)
    assert diff.previous_label == "2023"


@pytest.mark.parametrize(
    ("before", "after", "flagged"),
    [
        (10, 31, True),  # more than 3×
        (10, 30, False),  # exactly 3× is not "more than"
        (9, 2, True),  # under a third
        (9, 3, False),  # exactly a third
        (0, 2, True),  # from nothing to something
        (0, 0, False),
        (4, 0, True),  # something to nothing
    ],
)
def test_ratio_flag(before: int, after: int, flagged: bool) -> None:
    previous = make_round([_pole("A", members=before)])
    new = make_round([_pole("A", members=after)])
    row = _change(diff_rounds(new, previous), "A", "members")
    assert bool(row["by_ratio"]) is flagged
    assert bool(row["flagged"]) is flagged
    assert row["change"] == after - before
    if before:
        assert row["ratio"] == pytest.approx(after / before)
    else:
        assert pd.isna(row["ratio"])


def test_blank_answers_are_never_compared_as_zero() -> None:
    previous = make_round(
        [_pole("A", members=100, europe_team_fte=None), _pole("B", members=None)],
    )
    new = make_round([_pole("A", members=None, europe_team_fte=2.0), _pole("B", members=50)])
    diff = diff_rounds(new, previous)
    assert _change(diff, "A", "members") is None
    assert _change(diff, "A", "europe_team_fte") is None
    assert _change(diff, "B", "members") is None
    assert diff.flagged.empty


def test_tukey_fences_flag_the_outlying_change_among_many_poles() -> None:
    names = [f"P{i}" for i in range(10)]
    previous = make_round([_pole(n, coordinator_members=20) for n in names])
    # Nine poles gain 1 or 2 coordinators; P9 gains 12: only 1.6× (no ratio flag), but far
    # outside the fences (Q1 = 1, Q3 = 2, IQR = 1 -> upper fence 3.5).
    gains = [1, 2, 1, 2, 1, 2, 1, 2, 1, 12]
    new = make_round(
        [_pole(n, coordinator_members=20 + g) for n, g in zip(names, gains, strict=True)]
    )
    diff = diff_rounds(new, previous)
    outlier = _change(diff, "P9", "coordinator_members")
    assert not outlier["by_ratio"]
    assert outlier["by_fences"] and outlier["flagged"]
    others = diff.changes[(diff.changes["pole"] != "P9")]
    assert not others["flagged"].any()
    assert diff.flagged["pole"].tolist() == ["P9"]


def test_fences_need_enough_poles() -> None:
    count = MIN_FOR_FENCES - 1
    names = [f"P{i}" for i in range(count)]
    previous = make_round([_pole(n, members=100) for n in names])
    gains = [1] * (count - 1) + [50]  # 1.5×: no ratio flag; fences not applied to so few
    new = make_round([_pole(n, members=100 + g) for n, g in zip(names, gains, strict=True)])
    diff = diff_rounds(new, previous)
    assert not diff.changes["flagged"].any()


def test_per_year_values_of_shared_years_and_yearly_averages_are_compared() -> None:
    previous = make_round(
        [_pole("A", submitted={2019: 10, 2020: 12}, funded={2019: 2})],
        years=(2019, 2020),
    )
    new = make_round(
        [_pole("A", submitted={2020: 40, 2021: 14}, funded={2021: 3})],
        years=(2020, 2021),
    )
    diff = diff_rounds(new, previous)
    year_2020 = _change(diff, "A", "projects_submitted", YEAR, 2020)
    assert (year_2020["before"], year_2020["after"]) == (12, 40)
    assert year_2020["by_ratio"]
    assert _change(diff, "A", "projects_submitted", YEAR, 2019) is None  # not in the new file
    assert _change(diff, "A", "projects_submitted", YEAR, 2021) is None  # not in the old one
    mean = _change(diff, "A", "projects_submitted", YEARLY_MEAN)
    assert (mean["before"], mean["after"]) == (11, 27)  # blanks left out of the averages
    funded = _change(diff, "A", "projects_funded", YEARLY_MEAN)
    assert (funded["before"], funded["after"]) == (2, 3)


def test_flagged_are_ordered_by_relative_size_and_explained() -> None:
    previous = make_round(
        [
            _pole("A", members=10),
            _pole("B", members=10),
            _pole("C", members=0),
            _pole("D", members=10),
        ]
    )
    new = make_round(
        [
            _pole("A", members=40),
            _pole("B", members=100),
            _pole("C", members=5),
            _pole("D", members=0),
        ]
    )
    diff = diff_rounds(new, previous)
    assert diff.flagged["pole"].tolist() == ["C", "B", "A", "D"]
    shown = flagged_display(diff, "en")
    assert shown.columns.tolist() == ["pole", "figure", "before", "after", "why"]
    assert shown["why"].tolist() == ["from 0", "×10", "×4", "down to 0"]
    assert shown["figure"].tolist() == ["Members"] * 4
    assert shown.iloc[1][["before", "after"]].tolist() == ["10", "100"]
    assert flagged_display(diff, "fr")["why"].tolist() == ["depuis 0", "×10", "×4", "tombé à 0"]


def test_headline_before_and_after_come_from_the_summary() -> None:
    previous = make_round(
        [
            _pole("A", europe_team_recruitments=2, submitted={2019: 10, 2020: 20}),
            _pole("B", europe_team_recruitments=None, submitted={2019: 5}),
        ],
        poles_surveyed=4,
    )
    new = make_round([_pole("A", europe_team_recruitments=3, submitted={2019: 8, 2020: 9})])
    diff = diff_rounds(new, previous)
    table = diff.headline.set_index("key")
    assert table.loc["respondents", "before"] == 2 and table.loc["respondents", "after"] == 1
    assert table.loc["poles_surveyed", "before"] == 4
    assert pd.isna(table.loc["poles_surveyed", "after"])
    assert table.loc["response_rate", "before"] == pytest.approx(0.5)
    assert table.loc["projects_submitted_total", "before"] == 35
    assert table.loc["projects_submitted_total", "after"] == 17
    assert table.loc["europe_team_recruitments_total", "n_before"] == 1
    shown = headline_display(diff, "en").set_index("figure")
    assert shown.loc["Recruitments in Europe teams"].tolist() == ["2 (n = 1)", "3 (n = 1)"]
    assert shown.loc["Response rate"].tolist() == ["50% (n = 2)", "– (n = 1)"]


def test_a_new_round_with_no_pole_in_common_compares_nothing() -> None:
    diff = diff_rounds(make_round([_pole("A", members=1)]), make_round([_pole("B", members=1)]))
    assert diff.changes.empty and diff.flagged.empty
    assert list(diff.changes.columns)[:4] == ["pole", "field", "year", "measure"]


def test_inputs_are_not_mutated() -> None:
    previous = make_round([_pole("A", members=10)])
    new = make_round([_pole("A", members=40)])
    before = (previous.responses.copy(), new.responses.copy(), new.yearly.copy())
    diff_rounds(new, previous)
    pd.testing.assert_frame_equal(previous.responses, before[0])
    pd.testing.assert_frame_equal(new.responses, before[1])
    pd.testing.assert_frame_equal(new.yearly, before[2])


@pytest.mark.parametrize(
    ("field", "year", "measure", "lang", "expected"),
    [
        ("members", None, ANSWER, "en", "Members"),
        ("projects_submitted", 2021, YEAR, "en", "EU proposals submitted 2021"),
        ("projects_funded", None, YEARLY_MEAN, "fr", "Projets européens retenus, moyenne annuelle"),
    ],
)
def test_figure_label(field: str, year: int | None, measure: str, lang: str, expected: str) -> None:
    assert figure_label(field, year, measure, lang) == expected  # type: ignore[arg-type]
