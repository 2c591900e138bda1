"""The new round against the previous one, cell by cell: poles in and out, the years both
rounds cover, changed cells located in the file, outliers flagged by a stated rule."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest

from analysis.analytics.diff import ANSWER, MIN_FOR_FENCES, YEAR, diff_rounds
from analysis.analytics.diff_display import (
    changed_display,
    figure_label,
    flagged_display,
    headline_display,
    rule_sentence,
    years_sentence,
)
from analysis.ingest.mapping.columns import ColumnMapping, ColumnMatch
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
        (10, 31, True),  # more than 3× its only other answer (few poles: history decides)
        (10, 30, False),  # exactly 3× is not "more than"
        (9, 2, True),  # under a third
        (9, 3, False),  # exactly a third
        (0, 2, True),  # from nothing to something
        (0, 0, False),  # unchanged: never flagged
        (2, 2, False),
        (4, 0, True),  # something to nothing
    ],
)
def test_own_history_flag(before: int, after: int, flagged: bool) -> None:
    previous = make_round([_pole("A", members=before)])
    new = make_round([_pole("A", members=after)])
    row = _change(diff_rounds(new, previous), "A", "members")
    assert bool(row["by_history"]) is flagged
    assert bool(row["flagged"]) is flagged
    assert bool(row["changed"]) is (before != after)
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


def test_an_outlier_must_also_be_outside_its_peers_changes() -> None:
    """Ten poles all roughly quadrupled their members: not one of them is an outlier."""
    names = [f"P{i}" for i in range(10)]
    previous = make_round([_pole(n, members=10) for n in names])
    new = make_round([_pole(n, members=40 + i) for i, n in enumerate(names)])
    diff = diff_rounds(new, previous)
    assert diff.changes["by_history"].all()  # each is > 3× its own past
    assert not diff.changes["by_peers"].any()  # but all moved alike
    assert diff.flagged.empty


def test_an_unchanged_value_is_never_flagged_even_when_every_peer_moved() -> None:
    """ "2 → 2, far from other poles' changes" was flagged once: not any more."""
    names = [f"P{i}" for i in range(10)]
    previous = make_round([_pole(n, coordinator_members=2) for n in names])
    new = make_round(
        [_pole(n, coordinator_members=2 if n == "P0" else 20 + i) for i, n in enumerate(names)]
    )
    diff = diff_rounds(new, previous)
    unchanged = _change(diff, "P0", "coordinator_members")
    assert not unchanged["changed"] and not unchanged["flagged"]
    assert "P0" not in changed_display(diff, "en")["pole"].tolist()


def test_fences_need_enough_poles() -> None:
    count = MIN_FOR_FENCES - 1
    names = [f"P{i}" for i in range(count)]
    previous = make_round([_pole(n, members=100) for n in names])
    new = make_round([_pole(n, members=101) for n in names])
    diff = diff_rounds(new, previous)
    assert diff.changes["peers_low"].isna().all()  # too few poles for fences
    assert not diff.changes["flagged"].any()  # and 1.01× is no outlier of its own history


def _ten_poles_one_typo() -> tuple[Any, Any]:
    """Ten poles answer 2019-2022, then a file 2020-2023; P3's 2021 count 17 is typed 170."""
    old_years, new_years = (2019, 2020, 2021, 2022), (2020, 2021, 2022, 2023)
    poles_before, poles_after = [], []
    for i in range(10):
        before = {y: 14 + (y - 2019) + i for y in old_years}
        after = {y: 14 + (y - 2019) + i for y in new_years}
        if i == 3:
            before[2021], after[2021] = 17, 170
        poles_before.append(_pole(f"P{i}", members=2, submitted=before))
        poles_after.append(_pole(f"P{i}", members=2, submitted=after))
    previous = make_round(poles_before, label="2023", years=old_years)
    new = make_round(poles_after, label="new", years=new_years)
    return new, previous


def _mapping() -> ColumnMapping:
    columns = [
        ColumnMatch(0, "A", "Pôle", "pole", None),
        ColumnMatch(1, "B", "Adhérents", "members", None),
    ]
    columns += [
        ColumnMatch(i + 2, "CDEF"[i], f"Projets déposés {y}", "projects_submitted", y)
        for i, y in enumerate((2020, 2021, 2022, 2023))
    ]
    return ColumnMapping(sheet="Réponses", header_row=1, columns=tuple(columns))


def test_a_tenfold_typo_is_named_at_its_cell() -> None:
    new, previous = _ten_poles_one_typo()
    diff = diff_rounds(new, previous, mapping=_mapping())
    assert diff.flagged[["pole", "year", "before", "after"]].values.tolist() == [
        ["P3", 2021, 17, 170]
    ]
    typo = diff.flagged.iloc[0]
    assert (typo["column"], typo["row"], typo["header"]) == ("D", 5, "Projets déposés 2021")
    assert typo["by_history"] and typo["by_peers"]
    shown = flagged_display(diff, "en").iloc[0]
    assert (shown["cell"], shown["pole"], shown["figure"]) == (
        "D5",
        "P3",
        "EU proposals submitted 2021",
    )
    assert (shown["before"], shown["after"]) == ("17", "170")
    assert shown["why"].startswith("170 is more than 3× the pole's other answers (17 to 21)")
    assert "is outside the other poles' (×" in shown["why"]
    french = flagged_display(diff, "fr").iloc[0]["why"]
    assert french.startswith("170 dépasse 3× les autres réponses du pôle (17 à 21)")


def test_a_shifted_period_compares_only_the_years_both_cover_and_says_so() -> None:
    new, previous = _ten_poles_one_typo()
    diff = diff_rounds(new, previous)
    assert diff.years == (2020, 2021, 2022)
    assert (diff.previous_only_years, diff.new_only_years) == ((2019,), (2023,))
    yearly = diff.changes[diff.changes["measure"] == YEAR]
    assert sorted(set(yearly["year"].tolist())) == [2020, 2021, 2022]
    assert years_sentence(diff, "en") == (
        "Compared: the same pole, the same question and the same year, over 2020–2022 (the "
        "years this file and round 2023 both cover). Not compared: 2019, only in round 2023. "
        "Not compared: 2023, only in this file."
    )
    assert "2020–2022" in years_sentence(diff, "fr")
    # Every unchanged answer (members 2 → 2, the other years) is listed nowhere.
    changed = changed_display(diff, "en")
    assert changed["figure"].tolist() == ["EU proposals submitted 2021"]
    assert changed[["before", "after"]].values.tolist() == [["17", "170"]]


def test_the_rule_is_stated_in_both_languages() -> None:
    assert "An unchanged value is never flagged." in rule_sentence("en")
    assert "Une valeur inchangée n'est jamais signalée." in rule_sentence("fr")


def test_per_year_values_of_shared_years_only() -> None:
    previous = make_round(
        [_pole("A", submitted={2019: 10, 2020: 12}, funded={2019: 2})],
        years=(2019, 2020),
    )
    new = make_round(
        [_pole("A", submitted={2020: 50, 2021: 14}, funded={2021: 3})],
        years=(2020, 2021),
    )
    diff = diff_rounds(new, previous)
    year_2020 = _change(diff, "A", "projects_submitted", YEAR, 2020)
    assert (year_2020["before"], year_2020["after"]) == (12, 50)
    # History: 10 (2019) and 12 (2020) before, 14 (2021) in the file: 50 > 3 × 14.
    assert (year_2020["history_low"], year_2020["history_high"]) == (10, 14)
    assert year_2020["by_history"] and year_2020["flagged"]
    assert _change(diff, "A", "projects_submitted", YEAR, 2019) is None  # not in the new file
    assert _change(diff, "A", "projects_submitted", YEAR, 2021) is None  # not in the old one
    assert set(diff.changes["measure"]) <= {ANSWER, YEAR}  # no averages over other years


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
    assert shown.columns.tolist() == ["cell", "pole", "figure", "before", "after", "why"]
    assert shown["cell"].tolist() == ["4", "3", "2", "5"]  # rows; no mapping, no letter
    assert shown["why"].iloc[1] == (
        "100 is more than 3× the pole's other answers (10 to 10)"
        " · fewer than 8 poles to compare its change with"
    )
    assert shown["figure"].tolist() == ["Members"] * 4
    assert shown.iloc[1][["before", "after"]].tolist() == ["10", "100"]


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
        ("projects_funded", 2019, YEAR, "fr", "Projets européens retenus 2019"),
    ],
)
def test_figure_label(field: str, year: int | None, measure: str, lang: str, expected: str) -> None:
    assert figure_label(field, year, measure, lang) == expected  # type: ignore[arg-type]
