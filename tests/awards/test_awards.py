"""The award's rules: window edges per category, labelling, late applications, counts, and the
sample's invented applications."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from analysis.awards.categories import CATEGORIES, CATEGORY_KEYS, match_categories
from analysis.awards.rules import (
    Edition,
    Reason,
    category_counts,
    eligibility,
    explain,
    explanations,
    phase_name,
    select,
    years_before,
)
from analysis.core.model import INITIATIVES_COLUMNS, conform
from analysis.core.registry import Registry
from analysis.sample import round as sample_round

EDITION = Edition.default_2023()
REGISTRY = Registry.default()
LABELLED = "Aerospace Valley"  # Phase IV and Phase V
NOT_IN_PHASE_5 = "PICOM"  # Phase IV only (absorbed during Phase IV)
ONLY_PHASE_5 = "ENTER"  # Phase V only


def applications(*rows: dict[str, object]) -> pd.DataFrame:
    """An `initiatives` frame from a few dicts (dates as ISO text)."""
    frame = pd.DataFrame(list(rows))
    for column in ("start_date", "submitted_on"):
        if column in frame:
            frame[column] = pd.to_datetime(frame[column])
    return conform(frame, INITIATIVES_COLUMNS)


def one(
    start: str | None,
    category: str = "collaborative",
    pole: str = LABELLED,
    edition: Edition = EDITION,
    submitted: str | None = None,
) -> pd.Series:
    """The eligibility row of a single application."""
    frame = applications(
        {
            "pole": pole,
            "title": "T",
            "category": category,
            "start_date": start,
            "submitted_on": submitted,
        }
    )
    return eligibility(frame, edition, REGISTRY).iloc[0]


def codes(row: pd.Series) -> list[str]:
    return [reason.code for reason in row["reasons"]]


def test_the_2023_edition() -> None:
    assert EDITION.year == 2023
    assert EDITION.deadline == date(2023, 9, 14)
    assert EDITION.labelling_phase == 5
    assert [c.key for c in EDITION.categories] == ["collaborative", "impact", "success_story"]
    assert [c.window_years for c in EDITION.categories] == [2, 4, 2]
    assert [c.label("fr") for c in EDITION.categories] == [
        "Meilleure initiative collaborative",
        "Impact",
        "Success story",
    ]
    assert EDITION.category("collaborative").label("en") == "Best collaborative initiative"
    assert EDITION.window_start("impact") == date(2019, 9, 14)
    assert all(len(c.criteria) == 3 for c in CATEGORIES)


# --- window edges --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("category", "start", "eligible"),
    [
        # exactly N years before the deadline: eligible
        ("collaborative", "2021-09-14", True),
        ("success_story", "2021-09-14", True),
        ("impact", "2019-09-14", True),
        # a day more than N years: not eligible
        ("collaborative", "2021-09-13", False),
        ("success_story", "2021-09-13", False),
        ("impact", "2019-09-13", False),
        # a day less than N years: eligible
        ("collaborative", "2021-09-15", True),
        ("success_story", "2021-09-15", True),
        ("impact", "2019-09-15", True),
        # the 4-year window takes what the 2-year ones refuse
        ("impact", "2020-05-01", True),
        ("collaborative", "2020-05-01", False),
        # started on the deadline itself: eligible; the day after: not started yet
        ("collaborative", "2023-09-14", True),
        ("collaborative", "2023-09-15", False),
    ],
)
def test_window_edges_by_category(category: str, start: str, eligible: bool) -> None:
    row = one(start, category)
    assert bool(row["eligible"]) is eligible
    expected = "within_window" if eligible else None
    if expected:
        assert "within_window" in codes(row)
    elif start > "2023-09-14":
        assert codes(row)[0] == "after_deadline"
    else:
        assert "outside_window" in codes(row)


@pytest.mark.parametrize(
    ("start", "eligible"),
    [("2022-02-28", True), ("2022-02-27", False), ("2022-03-01", True)],
)
def test_a_29_february_deadline_starts_the_window_on_28_february(
    start: str, eligible: bool
) -> None:
    leap = Edition(year=2024, deadline=date(2024, 2, 29))
    assert leap.window_start("collaborative") == date(2022, 2, 28)
    assert leap.window_start("impact") == date(2020, 2, 29)  # a leap year again: kept
    assert bool(one(start, "collaborative", edition=leap)["eligible"]) is eligible


@pytest.mark.parametrize(
    ("day", "years", "expected"),
    [
        (date(2023, 9, 14), 2, date(2021, 9, 14)),
        (date(2024, 2, 29), 1, date(2023, 2, 28)),
        (date(2024, 2, 29), 4, date(2020, 2, 29)),
        (date(2023, 1, 1), 0, date(2023, 1, 1)),
    ],
)
def test_years_before(day: date, years: int, expected: date) -> None:
    assert years_before(day, years) == expected


def test_windows_can_be_changed_per_category() -> None:
    wider = EDITION.with_windows({"collaborative": 3})
    assert wider.category("collaborative").window_years == 3
    assert wider.category("impact").window_years == 4
    assert EDITION.category("collaborative").window_years == 2  # the default is untouched
    assert bool(one("2021-01-01", "collaborative", edition=wider)["eligible"])
    assert not bool(one("2021-01-01", "collaborative")["eligible"])


# --- explanations ----------------------------------------------------------------------------


def test_outside_the_window_is_explained_with_the_start_date_and_the_window() -> None:
    row = one("2020-05-01", "collaborative")
    text_en = explain(row["reasons"], "en")
    text_fr = explain(row["reasons"], "fr")
    assert text_en.startswith(
        "started 2020-05-01: outside the 2-year window of the 2023 edition"
        " (it had to start on or after 2021-09-14)"
    )
    assert text_fr.startswith(
        "démarrée le 2020-05-01 : hors de la fenêtre de 2 ans de l'édition 2023"
    )
    assert "Aerospace Valley is labelled in Phase V" in text_en


def test_a_pole_not_labelled_in_the_last_phase_is_ineligible_with_the_reason() -> None:
    row = one("2022-05-01", "collaborative", pole=NOT_IN_PHASE_5)
    assert not row["eligible"]
    assert codes(row) == ["within_window", "not_labelled"]
    assert explain(row["reasons"], "en").startswith(
        "PICOM is not labelled in Phase V, the last labelling phase for the 2023 edition"
    )
    assert explain(row["reasons"], "fr").startswith("PICOM n'est pas labellisé en phase V")


def test_the_labelling_phase_is_configurable() -> None:
    phase_4 = Edition(year=2022, deadline=date(2022, 9, 15), labelling_phase=4)
    assert bool(one("2021-05-01", pole=NOT_IN_PHASE_5, edition=phase_4)["eligible"])
    assert not bool(one("2021-05-01", pole=ONLY_PHASE_5, edition=phase_4)["eligible"])
    assert bool(one("2022-05-01", pole=ONLY_PHASE_5)["eligible"])
    with pytest.raises(ValueError, match="Phase VI"):
        eligibility(
            applications({"pole": LABELLED}),
            Edition(2030, date(2030, 1, 1), labelling_phase=6),
            REGISTRY,
        )


def test_an_unknown_pole_a_missing_date_or_category_are_ineligible() -> None:
    unknown = one("2022-05-01", pole="Pôle Imaginaire")
    assert not unknown["eligible"] and "unknown_pole" in codes(unknown)
    assert "registry" in explain(unknown["reasons"], "en")
    undated = one(None)
    assert not undated["eligible"] and codes(undated)[0] == "no_start_date"
    uncategorised = one("2022-05-01", category=None)  # type: ignore[arg-type]
    assert not uncategorised["eligible"] and codes(uncategorised)[0] == "no_category"
    only_two = Edition(2023, date(2023, 9, 14), categories=CATEGORIES[:2])
    dropped = one("2022-05-01", "success_story", edition=only_two)
    assert codes(dropped)[0] == "category_not_offered"
    assert '"success_story" is not a category of the 2023 edition' in explain(
        dropped["reasons"], "en"
    )


def test_a_late_application_is_flagged_and_stays_eligible_unless_excluded() -> None:
    late = one("2022-05-01", submitted="2023-09-15")
    assert late["late"] and late["eligible"]
    assert "applied on 2023-09-15, after the 2023-09-14 deadline" in explain(late["reasons"], "en")
    on_time = one("2022-05-01", submitted="2023-09-14")
    assert not on_time["late"]
    undated = one("2022-05-01")
    assert not undated["late"]  # no submission date: the rows of the round are on time
    strict = Edition(2023, date(2023, 9, 14), exclude_late=True)
    refused = one("2022-05-01", submitted="2023-09-15", edition=strict)
    assert refused["late"] and not refused["eligible"]


def test_blocking_reasons_come_first_in_an_explanation() -> None:
    reasons = (
        Reason("labelled", False, {"pole": "X", "phase": "V"}),
        Reason("no_start_date", True),
    )
    assert (
        explain(reasons, "en")
        == "no start date: the window cannot be checked; X is labelled in Phase V"
    )


def test_regions_come_from_the_registry_then_from_the_round() -> None:
    frame = applications(
        {"pole": LABELLED, "category": "impact", "start_date": "2022-01-01"},
        {"pole": "Pôle Imaginaire", "category": "impact", "start_date": "2022-01-01"},
    )
    responses = pd.DataFrame({"pole": ["Pôle Imaginaire"], "region": ["Bretagne"]})
    checked = eligibility(frame, EDITION, REGISTRY, responses=responses)
    assert checked["region"].tolist() == ["Occitanie", "Bretagne"]
    assert eligibility(frame, EDITION, REGISTRY)["region"].isna().tolist() == [False, True]


def test_eligibility_keeps_the_input_untouched_and_in_order() -> None:
    frame = applications(
        {"pole": LABELLED, "title": "b", "category": "impact", "start_date": "2022-01-01"},
        {"pole": LABELLED, "title": "a", "category": "impact", "start_date": "2010-01-01"},
    )
    before = frame.copy()
    checked = eligibility(frame, EDITION, REGISTRY)
    pd.testing.assert_frame_equal(frame, before)
    assert checked["title"].tolist() == ["b", "a"]
    assert checked["eligible"].tolist() == [True, False]
    assert checked["window_start"].tolist() == [pd.Timestamp("2019-09-14")] * 2


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("Meilleure initiative collaborative", "collaborative"),
        ("MEILLEURE INITIATIVE COLLABORATIVE", "collaborative"),
        ("Best collaborative initiative", "collaborative"),
        ("impact", "impact"),
        ("Impact ", "impact"),
        ("Success-story", "success_story"),
        ("success story", "success_story"),
        ("Succès", "success_story"),
        ("Prix spécial", None),
        (None, None),
    ],
)
def test_categories_match_in_french_or_english(typed: str | None, key: str | None) -> None:
    found = match_categories(pd.Series([typed], dtype="string")).iloc[0]
    assert (None if pd.isna(found) else found) == key


@pytest.mark.parametrize(("phase", "name"), [(4, "IV"), (5, "V"), (6, "VI"), (9, "IX")])
def test_phase_names(phase: int, name: str) -> None:
    assert phase_name(phase) == name


# --- counts and filters ---------------------------------------------------------------------


def test_counts_per_category_and_filters() -> None:
    frame = applications(
        {"pole": LABELLED, "category": "collaborative", "start_date": "2022-01-01"},
        {"pole": NOT_IN_PHASE_5, "category": "collaborative", "start_date": "2022-01-01"},
        {
            "pole": "Cap Digital",
            "category": "impact",
            "start_date": "2020-01-01",
            "submitted_on": "2023-10-01",
        },
    )
    checked = eligibility(frame, EDITION, REGISTRY)
    counts = category_counts(checked, EDITION).set_index("category")
    assert counts.loc["collaborative"].tolist() == [2, 1, 0]
    assert counts.loc["impact"].tolist() == [1, 1, 1]
    assert counts.loc["success_story"].tolist() == [0, 0, 0]
    assert list(counts.index) == list(CATEGORY_KEYS)
    assert select(checked, regions=["Île-de-France"])["pole"].tolist() == ["Cap Digital"]
    assert len(select(checked, categories=["collaborative"])) == 2
    assert select(checked, categories=["impact"], regions=["Occitanie"]).empty
    assert len(select(checked)) == 3


# --- the synthetic sample -------------------------------------------------------------------


def test_the_sample_carries_invented_applications_with_every_case() -> None:
    survey = sample_round.generate()
    initiatives = survey.initiatives
    assert survey.info.synthetic
    assert 9 <= len(initiatives) <= 12
    assert initiatives["description"].str.startswith("Exemple synthétique").all()
    assert initiatives["contact"].str.endswith(".example").all()
    checked = eligibility(initiatives, EDITION, REGISTRY, responses=survey.responses)
    counts = category_counts(checked, EDITION).set_index("category")
    assert counts["applied"].tolist() == [4, 4, 3]
    assert counts["eligible"].tolist() == [2, 3, 2]
    found = {code for reasons in checked["reasons"] for code in (r.code for r in reasons)}
    assert {"within_window", "outside_window", "not_labelled", "late"} <= found
    assert int(checked["late"].sum()) == 1
    # every pole but the one not labelled in Phase V answered the survey
    outsiders = set(initiatives["pole"]) - set(survey.responses["pole"])
    assert outsiders == {"France Water Team (pôle de compétitivité de la filière de l'eau)"}
    text = explanations(checked, "en")
    assert text.str.contains("outside the 2-year window").sum() == 2
