"""The eight-pole round the trends tests share (groups of 3, 3, 1 and a pole without region,
blanks on purpose), its projects, and readers of the series it gives."""

from __future__ import annotations

import pandas as pd

from analysis.analytics import trends
from analysis.core.model import SurveyRound
from tests.support.builders import make_round

NNBSP = "\u202f"


def eight_poles(projects: tuple[dict, ...] = ()) -> SurveyRound:
    """Regions North (3 poles), South (3), East (1) and one pole with no region.

    Sectors Health (4), Digital (3), Sea (1). Blanks: P2 2020 submitted, P3 2019 funded,
    P8 every funded answer. P6 submitted nothing in 2019.
    """
    rows = [
        ("P1", "North", "Health", {2019: 10, 2020: 12}, {2019: 2, 2020: 3}),
        ("P2", "North", "Health", {2019: 5}, {2019: 1}),
        ("P3", "North", "Health", {2019: 4, 2020: 6}, {2020: 2}),
        ("P4", "South", "Health", {2019: 20, 2020: 25}, {2019: 5, 2020: 5}),
        ("P5", "South", "Digital", {2019: 8, 2020: 8}, {2019: 2, 2020: 4}),
        ("P6", "South", "Digital", {2019: 0, 2020: 3}, {2019: 0, 2020: 1}),
        ("P7", "East", "Digital", {2019: 7, 2020: 9}, {2019: 3, 2020: 3}),
        ("P8", None, "Sea", {2019: 1, 2020: 2}, {}),
    ]
    return make_round(
        [
            {"pole": p, "region": r, "sector": s, "submitted": sub, "funded": fund}
            for p, r, s, sub, fund in rows
        ],
        years=(2019, 2020),
        projects=projects,
    )


def groups_of(grouping: trends.Grouping) -> dict[str, str]:
    return dict(zip(grouping.assignment["pole"], grouping.assignment["group"], strict=True))


def series_dict(series: pd.DataFrame, column: str = "value") -> dict[tuple[str, int], object]:
    return {
        (g, int(y)): (None if pd.isna(v) else v)
        for g, y, v in zip(series["group"], series["year"], series[column], strict=True)
    }


PROJECTS = (
    {"pole": "P1", "year": 2019, "programme": "Interreg", "submitted": 1, "funded": 1},
    {"pole": "P1", "year": 2019, "programme": "Horizon Europe", "submitted": 1, "funded": 0},
    {"pole": "P2", "year": 2019, "programme": "Horizon Europe", "submitted": 2, "funded": None},
    {"pole": "P3", "year": 2020, "programme": "Other", "submitted": 1, "funded": 1},
    {"pole": "P3", "year": None, "programme": "LIFE", "submitted": 1, "funded": 1},
)
