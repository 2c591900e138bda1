"""Filters restrict every frame of a round the same way and survive a trip through a URL."""

from __future__ import annotations

import pytest

from analysis.analytics.filters import (
    FilterOptions,
    Filters,
    follow_round,
    restriction_sentence,
)
from tests.support.builders import three_poles


def test_unrestricted_filters_keep_everything() -> None:
    survey = three_poles()
    filtered = Filters().apply(survey)
    assert filtered.poles == survey.poles
    assert len(filtered.yearly) == len(survey.yearly) == 9


@pytest.mark.parametrize(
    ("filters", "poles"),
    [
        (Filters(regions=("Occitanie",)), ["Aerospace Valley", "Agri Sud-Ouest Innovation"]),
        (Filters(sectors=("Digital",)), ["Cap Digital"]),
        (Filters(poles=("Cap Digital", "Aerospace Valley")), ["Aerospace Valley", "Cap Digital"]),
        (Filters(regions=("Occitanie",), sectors=("Digital",)), []),
        (Filters(regions=("Bretagne",)), []),
    ],
)
def test_pole_region_and_sector_filters(filters: Filters, poles: list[str]) -> None:
    filtered = filters.apply(three_poles())
    assert filtered.poles == poles
    assert sorted(filtered.yearly["pole"].unique().tolist()) == sorted(poles)


def test_year_range_restricts_per_year_rows_only() -> None:
    filtered = Filters(year_from=2020, year_to=2020).apply(three_poles())
    assert filtered.years == [2020]
    assert len(filtered.responses) == 3
    assert filtered.yearly["projects_submitted"].sum() == 12 + 3 + 9


def test_apply_does_not_mutate_the_input() -> None:
    survey = three_poles()
    before = survey.responses.copy()
    Filters(regions=("Occitanie",), year_from=2021).apply(survey)
    assert survey.responses.equals(before)
    assert len(survey.yearly) == 9


def test_query_round_trip() -> None:
    filters = Filters(
        round="2023",
        poles=("Cap Digital",),
        regions=("Île-de-France", "Occitanie"),
        sectors=(),
        year_from=2019,
        year_to=2021,
    )
    query = filters.to_query()
    assert query == {
        "round": "2023",
        "pole": ["Cap Digital"],
        "region": ["Île-de-France", "Occitanie"],
        "from": "2019",
        "to": "2021",
    }
    assert Filters.from_query(query) == filters


def test_from_query_ignores_malformed_values() -> None:
    filters = Filters.from_query({"from": "twenty", "to": ["2020", "2021"], "pole": ["", "X", "X"]})
    assert filters == Filters(poles=("X",), year_to=2021)


def test_within_drops_what_the_round_lacks_and_clamps_years() -> None:
    options = FilterOptions.of(three_poles(), rounds=("2023",))
    assert options.regions == ("Île-de-France", "Occitanie")
    shared = Filters(round="1999", poles=("Cap Digital", "Nowhere"), year_from=2010, year_to=2030)
    assert shared.within(options) == Filters(poles=("Cap Digital",), year_from=2019, year_to=2021)


def test_narrowed_replaces_only_what_is_given() -> None:
    base = Filters(round="2023", regions=("Occitanie",))
    assert base.narrowed(poles=["Cap Digital"]) == Filters(
        round="2023", regions=("Occitanie",), poles=("Cap Digital",)
    )
    assert base.is_unrestricted is False
    assert Filters(round="2023").is_unrestricted is True


# --- the years follow the round; restrictions in words ---------------------------------------

_NARROW = Filters(round="2023", regions=("Bretagne",), year_from=2020, year_to=2021)


@pytest.mark.parametrize(
    ("wanted", "label", "shown", "expected"),
    [
        # switching, a round just stored, the shown one deleted: years start over
        (_NARROW, "2024", "2023", Filters("2024", regions=("Bretagne",))),
        (Filters("2023", year_from=2019, year_to=2022), "2024", "2023", Filters("2024")),
        # the same round again: the chosen years stay
        (_NARROW, "2023", "2023", _NARROW),
        # a session's first run: the opening link's years stay (or none were named)
        (
            Filters("2024", year_from=2021, year_to=2022),
            "2024",
            None,
            Filters("2024", year_from=2021, year_to=2022),
        ),
        (Filters("2024"), "2024", None, Filters("2024")),
        # a link to a deleted round: the round shown is another, the link's years stay
        (Filters("gone", year_to=2021), "2023", None, Filters("2023", year_to=2021)),
    ],
)
def test_the_years_follow_the_round(
    wanted: Filters, label: str, shown: str | None, expected: Filters
) -> None:
    assert follow_round(wanted, label, shown=shown) == expected


_OPTIONS = FilterOptions(
    rounds=("2023",),
    poles=("A", "B", "C"),
    regions=("Bretagne", "Occitanie"),
    sectors=("Health",),
    years=(2019, 2020, 2021, 2022),
)


@pytest.mark.parametrize(
    ("filters", "expected_en", "expected_fr"),
    [
        (Filters("2023"), None, None),
        (Filters("2023", year_from=2019, year_to=2022), None, None),  # the whole period
        (
            Filters("2023", year_from=2020, year_to=2022, regions=("Bretagne", "Occitanie")),
            "Filtered view: 2020–2022 only, 2 regions (7 of 40 poles).",
            "Vue filtrée : 2020–2022 seulement, 2 régions (7 pôles sur 40).",
        ),
        (
            Filters("2023", year_from=2021, year_to=2021, sectors=("Health",), poles=("A",)),
            "Filtered view: 2021 only, 1 sector, 1 pole (7 of 40 poles).",
            "Vue filtrée : 2021 seulement, 1 thématique, 1 pôle (7 pôles sur 40).",
        ),
        (
            Filters("2023", year_to=2020),
            "Filtered view: 2019–2020 only (7 of 40 poles).",
            "Vue filtrée : 2019–2020 seulement (7 pôles sur 40).",
        ),
    ],
)
def test_restrictions_are_said_in_both_languages(
    filters: Filters, expected_en: str | None, expected_fr: str | None
) -> None:
    assert restriction_sentence(filters, _OPTIONS, "en", n=7, total=40) == expected_en
    assert restriction_sentence(filters, _OPTIONS, "fr", n=7, total=40) == expected_fr
