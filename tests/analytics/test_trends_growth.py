"""The trends page's growth sentence: the panel's rate first, the totals' figure as a caveat."""

from __future__ import annotations

from analysis.analytics import trends
from tests.support.builders import forty_poles_two_late, make_round


def test_the_growth_sentence_is_the_panels() -> None:
    text = trends.growth_sentence(forty_poles_two_late(), "en")
    assert text == (
        "Submissions grew +16.3% a year from 2019 to 2022 on the 38 poles that answered both"
        " years. All respondents' totals give +19.0%, but compare different poles."
    )
    one_year = make_round([{"pole": "A", "submitted": {2019: 3}}], years=(2019,))
    assert trends.growth_sentence(one_year, "fr") is None
