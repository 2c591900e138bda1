"""A round's description is checked before it is stored: no response rate above 100 %,
no period running backwards or in another century."""

from __future__ import annotations

import pytest

from analysis.core.model import RoundInfo
from analysis.ingest.validation.round_info import info_problems


@pytest.mark.parametrize(
    ("surveyed", "start", "end", "respondents", "keys"),
    [
        (55, 2019, 2022, 40, []),
        (40, 2019, 2022, 40, []),  # everyone answered
        (None, None, None, 40, []),  # unknown is not wrong
        (39, 2019, 2022, 40, ["surveyed_below_respondents"]),
        (0, None, None, 0, ["surveyed_below_respondents"]),
        (55, 2022, 2019, 40, ["period_reversed"]),
        (55, 1800, 1900, 40, ["period_out_of_range"]),
        (55, 2019, 2200, 40, ["period_out_of_range"]),
        (
            5,
            2200,
            2019,
            40,
            ["surveyed_below_respondents", "period_out_of_range", "period_reversed"],
        ),
        (55, 2023, None, 40, []),
    ],
)
def test_info_problems(
    surveyed: int | None, start: int | None, end: int | None, respondents: int, keys: list[str]
) -> None:
    info = RoundInfo(label="X", period_start=start, period_end=end, poles_surveyed=surveyed)
    assert [p.key for p in info_problems(info, respondents)] == keys


def test_messages_in_both_languages() -> None:
    info = RoundInfo(label="X", period_start=2022, period_end=2019, poles_surveyed=30)
    below, reversed_ = info_problems(info, 1040)
    assert below.message("en") == (
        "30 poles surveyed is fewer than the 1,040 that answered: the response rate would "
        "exceed 100%. Give the number of poles the survey was sent to."
    )
    assert below.message("fr").startswith("30 pôles interrogés, c'est moins que les 1\u202f040")
    assert reversed_.message("fr") == (
        "La période commence en 2022 mais finit en 2019 : le début doit venir en premier."
    )
