"""AppTest of the Method page and of the registry's agreement with the overview's tiles."""

from __future__ import annotations

import pytest

from analysis.analytics.figures import by_id, figures_of
from analysis.analytics.filters import Filters
from analysis.sample.round import generate
from tests.support.apptest import metric_values, open_app, texts
from ui.text import md_escape

pytestmark = pytest.mark.usefixtures("app_db")

TILE_IDS = (
    "respondents",
    "projects_submitted_total",
    "projects_submitted_cagr",
    "europe_team_recruitments_total",
    "coordinator_members_total",
    "plans_to_recruit_share",
)


@pytest.mark.parametrize(
    ("lang", "query", "filters"),
    [
        ("en", {}, Filters()),
        ("fr", {}, Filters()),
        (
            "en",
            {"region": "Occitanie", "from": "2020"},
            Filters(regions=("Occitanie",), year_from=2020),
        ),
    ],
    ids=["en", "fr", "en filtered"],
)
def test_every_tile_is_the_registrys_figure_and_links_to_its_entry(
    lang: str, query: dict[str, str], filters: Filters
) -> None:
    at = open_app(lang=lang, query=query)
    expected = by_id(figures_of(filters.apply(generate()), lang))  # type: ignore[arg-type]
    tiles = metric_values(at)
    assert tiles == {expected[i].label: expected[i].display for i in TILE_IDS}
    links = list(at.get("page_link"))
    targets = [link.proto.page for link in links]
    assert len(links) == len(TILE_IDS)
    assert all(target.endswith("method") or "method" in target for target in targets), targets
    asked = [link.proto.query_string for link in links]
    assert asked == [f"figure={i}" for i in TILE_IDS], asked


def test_the_method_page_lists_every_figure_with_its_exact_value() -> None:
    at = open_app("pages/method.py", lang="en")
    assert not at.exception
    page = texts(at)
    for figure in figures_of(generate(), "en"):
        shown = md_escape(figure.display)
        exact = md_escape(figure.exact)
        assert f"**{shown}** · exactly {exact} · n = {figure.n} of 40" in page, figure.id
        assert md_escape(figure.formula) in page, figure.id
        assert md_escape(figure.base) in page, figure.id
    assert md_escape("1,548 → “1,500+”") in page
    headers = [h.value for h in at.header]
    assert headers[0] == "Responding poles"


def test_a_tiles_link_puts_its_figure_first_in_french() -> None:
    at = open_app("pages/method.py", lang="fr", query={"figure": "projects_submitted_cagr"})
    assert not at.exception
    assert at.title[0].value == "Méthode"
    assert at.header[0].value == "Croissance annuelle moyenne"
    assert md_escape("sur les pôles ayant répondu en 2019 et en 2022") in texts(at)


@pytest.mark.parametrize(
    ("lang", "query", "rate", "said"),
    [
        ("fr", {"region": ["Bretagne", "Normandie"]}, "9,1", "Non donné pour une vue restreinte"),
        ("en", {"pole": "Aquimer"}, "1.8", "Not given for a view narrowed"),
    ],
)
def test_a_view_of_some_poles_has_no_response_rate_of_its_own(
    lang: str, query: dict[str, object], rate: str, said: str
) -> None:
    """5 poles of 2 regions over the 55 surveyed in all France is no response rate (9.1%):
    the poles surveyed are known for the whole round only, as the overview says."""
    at = open_app("pages/method.py", lang=lang, query=query)
    shown = texts(at)
    assert rate not in shown, shown
    assert said in shown


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_one_chosen_pole_is_counted_as_one(lang: str) -> None:
    """A single pole chosen in the filters: every base reads "1 pôle" / "1 pole"."""
    at = open_app("pages/method.py", lang=lang, query={"pole": "Aquimer"})
    shown = texts(at)
    assert "1 pôles" not in shown and "1 poles" not in shown and "1 responding poles" not in shown
    assert ("1 pôle" if lang == "fr" else "1 pole") in shown
