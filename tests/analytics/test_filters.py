"""Filters restrict every frame of a round the same way and survive a trip through a URL."""

from __future__ import annotations

import pytest

from analysis.analytics.filters import FilterOptions, Filters
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
