"""Small, readable rounds built in code, for unit tests of pure functions."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from analysis.core.model import RoundInfo, SurveyRound


def make_round(
    poles: Sequence[dict[str, Any]],
    *,
    label: str = "test",
    years: Sequence[int] = (2019, 2020),
    poles_surveyed: int | None = None,
    synthetic: bool = False,
    projects: Sequence[dict[str, Any]] = (),
) -> SurveyRound:
    """A round from one dict per pole.

    Per-year answers go under `submitted` and `funded` as `{year: count}` dicts; a year
    missing from the dict is a blank answer. Other keys are per-pole fields.
    """
    responses = []
    yearly = []
    for number, pole in enumerate(poles, start=2):
        row = {k: v for k, v in pole.items() if k not in ("submitted", "funded")}
        row.setdefault("source_row", number)
        responses.append(row)
        for year in years:
            yearly.append(
                {
                    "pole": pole["pole"],
                    "year": year,
                    "projects_submitted": pole.get("submitted", {}).get(year, pd.NA),
                    "projects_funded": pole.get("funded", {}).get(year, pd.NA),
                }
            )
    info = RoundInfo(
        label=label,
        period_start=min(years) if years else None,
        period_end=max(years) if years else None,
        poles_surveyed=poles_surveyed,
        synthetic=synthetic,
    )
    return SurveyRound.build(
        info,
        pd.DataFrame(responses),
        pd.DataFrame(yearly),
        pd.DataFrame(list(projects)) if projects else None,
    )


def three_poles() -> SurveyRound:
    """Three poles in two regions and two sectors over 2019-2021, one blank answer."""
    return make_round(
        [
            {
                "pole": "Aerospace Valley",
                "region": "Occitanie",
                "sector": "Mobility",
                "europe_team_recruitments": 4,
                "plans_to_recruit": True,
                "submitted": {2019: 10, 2020: 12, 2021: 15},
                "funded": {2019: 3, 2020: 4, 2021: 5},
            },
            {
                "pole": "Agri Sud-Ouest Innovation",
                "region": "Occitanie",
                "sector": "Agri-food",
                "europe_team_recruitments": 1,
                "plans_to_recruit": False,
                "submitted": {2019: 2, 2020: 3},
                "funded": {2019: 1},
            },
            {
                "pole": "Cap Digital",
                "region": "Île-de-France",
                "sector": "Digital",
                "europe_team_recruitments": None,
                "plans_to_recruit": None,
                "submitted": {2019: 8, 2020: 9, 2021: 11},
                "funded": {2019: 2, 2020: 2, 2021: 3},
            },
        ],
        years=(2019, 2020, 2021),
        poles_surveyed=5,
    )


YEARS = (2019, 2020, 2021, 2022)


def forty_poles_two_late(label: str = "test") -> SurveyRound:
    """40 poles over 2019-2022; two of them (P39, P40) left 2019 blank.

    The 38 others submitted 10 each in 2019 and 598 together in 2022: (598/380)^(1/3) - 1 =
    16.3 % a year. The two late poles add 21 each in 2022, so the all-respondent totals go
    from 380 (38 poles) to 640 (40 poles): (640/380)^(1/3) - 1 = 19.0 % a year.
    """
    poles = []
    for i in range(1, 39):
        last = 16 if i <= 28 else 15  # 28 × 16 + 10 × 15 = 598
        poles.append({"pole": f"P{i:02d}", "submitted": {2019: 10, 2020: 11, 2021: 13, 2022: last}})
    for i in (39, 40):
        poles.append({"pole": f"P{i:02d}", "submitted": {2020: 15, 2021: 18, 2022: 21}})
    return make_round(poles, label=label, years=YEARS)
