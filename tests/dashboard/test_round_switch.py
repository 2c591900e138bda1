"""AppTest: the years follow the round (switch, delete, link), and every restriction is said.

The sample round covers 2019–2022; the round stored here, 2020–2023. A year range kept from
the first once cut the second to 2020–2022 and the headline to a part of its total.
"""

from __future__ import annotations

import pytest

from analysis.core.model import SourceFile
from analysis.store import SurveyStore
from tests.support.apptest import figures, metric_values, open_app, texts, trace_values
from tests.support.builders import make_round

pytestmark = pytest.mark.usefixtures("app_db")

LATER = (2020, 2021, 2022, 2023)


def _store_later_round(url: str) -> int:
    """A round over 2020–2023 labelled 2024 (10 poles); returns its full total."""
    poles = [
        {
            "pole": f"Pole {i}",
            "region": "Bretagne" if i % 2 else "Occitanie",
            "submitted": {year: 10 * i + (year - 2020) for year in LATER},
        }
        for i in range(1, 11)
    ]
    with SurveyStore(url) as store:
        store.import_survey(
            make_round(poles, label="2024", years=LATER), SourceFile("later.csv", b"pole\n")
        )
    return sum(sum(p["submitted"].values()) for p in poles)


def _exact_total(at) -> str:  # type: ignore[no-untyped-def]
    return next(line for line in texts(at).splitlines() if line.startswith("Exactly "))


def test_switching_rounds_shows_the_new_rounds_whole_period(app_db: str) -> None:
    total = _store_later_round(app_db)
    at = open_app(lang="en", query={"round": "2023"})
    assert at.select_slider(key="f_years").value == (2019, 2022)
    at.selectbox(key="f_round").set_value("2024").run()
    assert not at.exception
    assert at.select_slider(key="f_years").value == (2020, 2023)
    assert "EU proposals submitted since 2020" in metric_values(at)
    assert f"Exactly {total:,}" in texts(at)
    (figure,) = figures(at)
    assert trace_values(figure, 0, "x") == [str(y) for y in LATER]
    assert "Filtered view" not in texts(at)
    assert "from" not in at.query_params and "to" not in at.query_params


def test_a_narrowed_year_range_does_not_follow_into_another_round(app_db: str) -> None:
    total = _store_later_round(app_db)
    at = open_app(lang="en", query={"round": "2023"})
    at.select_slider(key="f_years").set_range(2020, 2021).run()
    assert "Filtered view: 2020–2021 only (40 of 40 poles)." in texts(at)
    at.selectbox(key="f_round").set_value("2024").run()
    assert not at.exception
    assert at.select_slider(key="f_years").value == (2020, 2023)
    assert f"Exactly {total:,}" in texts(at)
    assert "Filtered view" not in texts(at)


def test_deleting_the_shown_round_shows_the_remaining_ones_whole_period(app_db: str) -> None:
    _store_later_round(app_db)
    at = open_app(lang="en", query={"round": "2024"})
    at.select_slider(key="f_years").set_range(2021, 2023).run()
    with SurveyStore(app_db) as store:
        store.delete_round("2024")
    at.run()
    assert not at.exception
    assert at.selectbox(key="f_round").value == "2023"
    assert at.select_slider(key="f_years").value == (2019, 2022)
    assert metric_values(at)["EU proposals submitted since 2019"] == "1,500+"
    assert "Exactly 1,548" in texts(at)


def test_a_link_that_names_years_keeps_them_and_says_so(app_db: str) -> None:
    _store_later_round(app_db)
    at = open_app(lang="en", query={"round": "2024", "from": "2021", "to": "2022"})
    assert at.select_slider(key="f_years").value == (2021, 2022)
    assert "Filtered view: 2021–2022 only (10 of 10 poles)." in texts(at)
    plain = open_app(lang="en", query={"round": "2024"})
    assert plain.select_slider(key="f_years").value == (2020, 2023)


@pytest.mark.parametrize(
    "page", ["pages/overview.py", "pages/trends.py", "pages/map.py", "pages/data.py"]
)
def test_every_restriction_is_said_beside_the_headline(page: str) -> None:
    at = open_app(page, lang="en")
    at.select_slider(key="f_years").set_range(2020, 2022).run()
    at.multiselect(key="f_regions").set_value(["Occitanie", "Bretagne"]).run()
    assert not at.exception
    sentence = [i.value for i in at.info if str(i.value).startswith("Filtered view: ")]
    assert len(sentence) == 1, texts(at)
    assert sentence[0].startswith("Filtered view: 2020–2022 only, 2 regions (")
    french = open_app(page, lang="fr", query={"from": "2020", "to": "2022", "sector": "Santé"})
    said = [i.value for i in french.info if str(i.value).startswith("Vue filtrée")]
    assert said and said[0].startswith("Vue filtrée : 2020–2022 seulement")
