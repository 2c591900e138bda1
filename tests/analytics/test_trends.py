"""Yearly series by group: the small-group guard, blanks, indexing, rates and programmes."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.analytics import trends
from analysis.analytics.trends import ALL, OTHERS
from tests.support.builders import make_round
from tests.support.trends_round import NNBSP, PROJECTS, eight_poles, groups_of, series_dict


@pytest.mark.parametrize(
    ("submitted", "funded", "expected"),
    [
        ({2019: 3}, {2019: 1}, ("submitted", "funded", "rate")),
        ({2019: 3}, {}, ("submitted",)),
        ({}, {}, ()),
        ({2019: 3}, {2020: 1}, ("submitted", "funded")),  # never both in one year: no rate
    ],
)
def test_available_measures_follow_what_was_answered(
    submitted: dict, funded: dict, expected: tuple[str, ...]
) -> None:
    survey = make_round([{"pole": "A", "submitted": submitted, "funded": funded}])
    assert trends.available_measures(survey) == expected


def test_region_split_merges_small_groups_and_then_the_smallest_shown_group() -> None:
    grouping = trends.assign_groups(eight_poles(), "region")
    # East (1) and the blank region (1) make an "Others" of 2, which would give them away:
    # North (3 poles, fewer submissions than South) joins it.
    assert groups_of(grouping) == {
        "P1": OTHERS,
        "P2": OTHERS,
        "P3": OTHERS,
        "P4": "South",
        "P5": "South",
        "P6": "South",
        "P7": OTHERS,
        "P8": OTHERS,
    }
    assert grouping.order == ("South", OTHERS)
    assert grouping.merged == ("East", "North")


def test_sector_split_keeps_groups_of_three_or_more() -> None:
    grouping = trends.assign_groups(eight_poles(), "sector")
    assert grouping.order == ("Health", OTHERS)
    assert set(grouping.assignment.loc[grouping.assignment["group"] == OTHERS, "pole"]) == {
        "P5",
        "P6",
        "P7",
        "P8",
    }
    assert grouping.merged == ("Digital", "Sea")


def test_a_pole_chosen_on_purpose_reveals_small_groups() -> None:
    grouping = trends.assign_groups(eight_poles(), "region", reveal=True)
    assert grouping.order == ("South", "North", "East", OTHERS)  # OTHERS: the blank region
    assert groups_of(grouping)["P7"] == "East"
    assert grouping.merged == ()


@pytest.mark.parametrize(
    ("measure", "top_n", "shown"),
    [
        ("submitted", 2, ("P4", "P1")),
        ("submitted", 3, ("P4", "P1", "P5")),  # P5 and P7 tie at 16: by name
        ("funded", 1, ("P4",)),
        ("funded", 8, ("P4", "P5", "P7", "P1", "P3", "P2", "P6", "P8")),
    ],
)
def test_pole_split_keeps_the_top_n_when_revealed(
    measure: str, top_n: int, shown: tuple[str, ...]
) -> None:
    grouping = trends.assign_groups(
        eight_poles(), "pole", measure=measure, top_n=top_n, reveal=True
    )
    rest = (OTHERS,) if top_n < 8 else ()
    assert grouping.order == shown + rest
    assert set(grouping.assignment["group"]) == set(shown) | set(rest)


def test_pole_split_without_a_chosen_pole_shows_no_pole_alone() -> None:
    grouping = trends.assign_groups(eight_poles(), "pole", top_n=8)
    assert grouping.order == (ALL,)
    assert set(grouping.assignment["group"]) == {ALL}


def test_no_split_is_one_group_of_everyone() -> None:
    grouping = trends.assign_groups(eight_poles(), "none")
    assert grouping.order == (ALL,)
    assert len(grouping.assignment) == 8


def test_unknown_split_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown split"):
        trends.assign_groups(eight_poles(), "planet")


@pytest.mark.parametrize(
    ("measure", "expected"),
    [
        (
            "submitted",
            {
                ("South", 2019): (28, 3),
                ("South", 2020): (36, 3),
                (OTHERS, 2019): (27, 5),
                (OTHERS, 2020): (29, 4),  # P2 left 2020 blank
            },
        ),
        (
            "funded",
            {
                ("South", 2019): (7, 3),
                ("South", 2020): (10, 3),
                (OTHERS, 2019): (6, 3),  # P3 and P8 blank
                (OTHERS, 2020): (8, 3),  # P2 and P8 blank
            },
        ),
        (
            "rate",
            {
                ("South", 2019): (7 / 28, 3),
                ("South", 2020): (10 / 36, 3),
                (OTHERS, 2019): (6 / 22, 3),  # P1, P2, P7 answered both
                (OTHERS, 2020): (8 / 27, 3),  # P1, P3, P7 answered both
            },
        ),
    ],
)
def test_yearly_series_sums_answers_and_counts_the_base(
    measure: str, expected: dict[tuple[str, int], tuple[float, int]]
) -> None:
    survey = eight_poles()
    series = trends.yearly_series(survey, trends.assign_groups(survey, "region"), measure)
    assert list(series.columns) == ["group", "year", "value", "n"]
    assert list(zip(series["group"], series["year"], strict=True)) == list(expected)
    values, counts = series_dict(series), series_dict(series, "n")
    for key, (value, n) in expected.items():
        assert values[key] == pytest.approx(value)
        assert counts[key] == n


def test_a_year_nobody_in_a_group_answered_is_unknown_not_zero() -> None:
    survey = eight_poles()
    grouping = trends.assign_groups(survey, "pole", reveal=True, top_n=8)
    series = trends.yearly_series(survey, grouping, "funded")
    assert series_dict(series)[("P8", 2019)] is None
    assert series_dict(series, "n")[("P8", 2019)] == 0
    assert series_dict(series)[("P6", 2019)] == 0  # a real zero stays zero


def test_indexing_divides_by_the_first_year() -> None:
    survey = eight_poles()
    grouping = trends.assign_groups(survey, "pole", reveal=True, top_n=8)
    indexed = series_dict(
        trends.to_first_year(trends.yearly_series(survey, grouping, "submitted")), "index"
    )
    assert indexed[("P4", 2019)] == pytest.approx(100)
    assert indexed[("P4", 2020)] == pytest.approx(125)
    assert indexed[("P2", 2020)] is None  # blank year
    assert indexed[("P6", 2020)] is None  # first year was 0: nothing to index on
    funded = trends.to_first_year(trends.yearly_series(survey, grouping, "funded"))
    assert series_dict(funded, "index")[("P3", 2020)] is None  # first year blank


@pytest.mark.parametrize(
    ("measure", "expected"),
    [
        ("submitted", [("South", 3, 3, 64), (OTHERS, 5, 5, 56)]),
        ("funded", [("South", 3, 3, 17), (OTHERS, 5, 4, 14)]),
        ("rate", [("South", 3, 3, 17 / 64), (OTHERS, 5, 4, 14 / 49)]),
    ],
)
def test_summary_gives_poles_base_and_total(measure: str, expected: list[tuple]) -> None:
    survey = eight_poles()
    table = trends.summary(survey, trends.assign_groups(survey, "region"), measure)
    assert list(table.columns) == ["group", "poles", "n", "total"]
    got = [
        (g, int(p), int(n), float(t))
        for g, p, n, t in table[["group", "poles", "n", "total"]].itertuples(index=False)
    ]
    assert [row[:3] for row in got] == [row[:3] for row in expected]
    assert [row[3] for row in got] == pytest.approx([row[3] for row in expected])


def test_selected_others_stands_for_its_poles() -> None:
    grouping = trends.assign_groups(eight_poles(), "region")
    assert trends.selected_poles(grouping, ("South",)) == ("P4", "P5", "P6")
    assert set(trends.selected_poles(grouping, (OTHERS,))) == {"P1", "P2", "P3", "P7", "P8"}
    assert trends.selected_poles(grouping, ("Nowhere",)) == ()


@pytest.mark.parametrize(
    ("poles", "reveal", "expected"),
    [(2, False, True), (2, True, False), (3, False, False), (1, True, False)],
)
def test_a_view_of_one_or_two_poles_is_withheld_unless_chosen(
    poles: int, reveal: bool, expected: bool
) -> None:
    survey = make_round([{"pole": f"P{i}"} for i in range(poles)])
    assert trends.withheld(survey, reveal=reveal) is expected


@pytest.mark.parametrize(
    ("measure", "expected"),
    [
        (
            "submitted",
            [(2019, "Horizon Europe", 3, 2), (2019, "Interreg", 1, 1), (2020, "Other", 1, 1)],
        ),
        (
            "funded",
            [(2019, "Horizon Europe", 0, 1), (2019, "Interreg", 1, 1), (2020, "Other", 1, 1)],
        ),
        ("rate", [(2019, "Horizon Europe", 0, 1), (2019, "Interreg", 1, 1), (2020, "Other", 1, 1)]),
    ],
)
def test_by_programme_sums_per_year_in_schema_order(measure: str, expected: list[tuple]) -> None:
    frame = trends.by_programme(eight_poles(PROJECTS), measure)
    got = [(int(y), p, float(v), int(n)) for y, p, v, n in frame.itertuples(index=False)]
    assert got == expected


def test_by_programme_of_a_round_without_projects_is_empty() -> None:
    frame = trends.by_programme(eight_poles(), "submitted")
    assert frame.empty
    assert list(frame.columns) == ["year", "programme", "value", "n"]


def test_functions_do_not_mutate_the_round() -> None:
    survey = eight_poles(PROJECTS)
    before = (survey.responses.copy(), survey.yearly.copy(), survey.projects.copy())
    grouping = trends.assign_groups(survey, "region", measure="rate")
    trends.to_first_year(trends.yearly_series(survey, grouping, "rate"))
    trends.summary(survey, grouping, "rate")
    trends.by_programme(survey, "rate")
    pd.testing.assert_frame_equal(survey.responses, before[0])
    pd.testing.assert_frame_equal(survey.yearly, before[1])
    pd.testing.assert_frame_equal(survey.projects, before[2])


@pytest.mark.parametrize(
    ("value", "measure", "lang", "expected"),
    [
        (1548, "submitted", "en", "1,548"),
        (1548, "funded", "fr", f"1{NNBSP}548"),
        (0.25, "rate", "en", "25%"),
        (0.25, "rate", "fr", "25\xa0%"),
        (pd.NA, "submitted", "en", "–"),
        (None, "rate", "fr", "–"),
    ],
)
def test_format_value(value: object, measure: str, lang: str, expected: str) -> None:
    assert trends.format_value(value, measure, lang) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("group", "split", "lang", "expected"),
    [
        (OTHERS, "region", "fr", "Autres"),
        (ALL, "none", "en", "All poles"),
        ("Health", "sector", "fr", "Santé"),
        ("Health", "region", "fr", "Health"),
        ("Made-up theme", "sector", "fr", "Made-up theme"),
    ],
)
def test_group_label(group: str, split: str, lang: str, expected: str) -> None:
    assert trends.group_label(group, split, lang) == expected  # type: ignore[arg-type]


def test_programme_label_translates_only_the_catch_all() -> None:
    assert trends.programme_label("Other", "fr") == "Autre"
    assert trends.programme_label("Horizon Europe", "fr") == "Horizon Europe"


def test_display_table_flags_small_bases_in_both_languages() -> None:
    survey = eight_poles()
    grouping = trends.assign_groups(survey, "region")
    series = trends.yearly_series(survey, grouping, "submitted")
    totals = trends.summary(survey, grouping, "submitted")
    french = trends.display_table(series, totals, split="region", measure="submitted", lang="fr")
    assert list(french.columns) == ["Région", "2019", "2020", "Total", "n (pôles)"]
    assert french.to_numpy().tolist() == [
        ["South", "28 ⚠", "36 ⚠", "64 ⚠", "3 sur 3"],
        ["Autres", "27", "29 ⚠", "56", "5 sur 5"],
    ]
    english = trends.display_table(series, totals, split="none", measure="submitted", lang="en")
    assert english.columns[0] == "Group"
    assert english.iloc[1, -1] == "5 of 5"
