"""Every page and every slide, on a round whose names are Markdown, HTML and formulas.

Issue 15, findings 4 and 5: a round label, a pole, region or sector name or an initiative title
is user text. Each page's Markdown elements must show it as text (no link, image, emphasis or
maths made from it), and each chart must hold it with `<` escaped, so plotly draws no link and
no bold from it.
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from analysis.core.model import SourceFile
from analysis.store import SurveyStore
from tests.support.apptest import figures, open_app
from tests.support.hostile_names import (
    EMPHASISED,
    HOSTILE_LABEL,
    HOSTILE_NAMES,
    TRAP_URL,
    hostile_round,
)
from tests.support.markup_checks import (
    active_markup,
    markdown_source,
    raw_html_in_figure,
    visible_text,
)

USER_TEXTS = (HOSTILE_LABEL, *HOSTILE_NAMES)
#: Element kinds whose body Streamlit renders as Markdown.
MARKDOWN_KINDS = (
    "markdown",
    "caption",
    "info",
    "warning",
    "error",
    "success",
    "title",
    "header",
    "subheader",
)
PAGES = (
    "pages/overview.py",
    "pages/trends.py",
    "pages/map.py",
    "pages/data.py",
    "pages/peers.py",
    "pages/compare.py",
    "pages/awards.py",
    "pages/presentation.py",
    "pages/rounds.py",
    "pages/upload.py",
)


@pytest.fixture
def hostile_db(app_db: str) -> str:
    """The app's store with the hostile round added (beside the shipped sample, for Compare)."""
    with SurveyStore(app_db) as store:
        store.import_survey(
            hostile_round(),
            SourceFile(f"<b>f</b>[f]({TRAP_URL}).csv", b"pole\n"),
            actor="tester",
        )
    return app_db


def markdown_bodies(at: AppTest) -> list[str]:
    """The Markdown source of every element, widget label and metric label of the page."""
    bodies = [str(el.value) for kind in MARKDOWN_KINDS for el in getattr(at, kind)]
    bodies += [str(metric.label) for metric in at.metric]
    for kind in ("button", "selectbox", "multiselect", "radio", "text_input", "toggle", "tabs"):
        bodies += [str(getattr(el, "label", "")) for el in getattr(at, kind)]
    bodies += [str(el.label) for el in at.expander]
    return bodies


def assert_inert(at: AppTest, where: str) -> None:
    assert not at.exception, [e.value for e in at.exception]
    for body in map(markdown_source, markdown_bodies(at)):
        assert not active_markup(body, EMPHASISED), (where, body, active_markup(body, EMPHASISED))
    for figure in figures(at):
        assert not raw_html_in_figure(figure, USER_TEXTS), (
            where,
            raw_html_in_figure(figure, USER_TEXTS),
        )


def test_the_hostile_round_is_the_one_shown(hostile_db: str) -> None:
    at = open_app("pages/overview.py")
    captions = [visible_text(str(c.value)).replace("\u2060", "") for c in at.caption]
    assert any(HOSTILE_LABEL in caption for caption in captions), captions


@pytest.mark.parametrize("page", PAGES)
def test_every_page_shows_user_text_as_text(hostile_db: str, page: str) -> None:
    at = open_app(page)
    assert_inert(at, page)


def test_every_slide_shows_user_text_as_text(hostile_db: str) -> None:
    at = open_app("pages/presentation.py")
    slides = 1
    while not at.button(key="slide_next").disabled:
        assert_inert(at, f"slide {slides}")
        at.button(key="slide_next").click().run()
        slides += 1
    assert_inert(at, f"slide {slides}")
    assert slides > 5


def test_peers_page_of_a_hostile_pole_shows_its_name_as_text(hostile_db: str) -> None:
    for name in HOSTILE_NAMES[:6]:
        at = open_app("pages/peers.py", query={"peers_pole": name})
        assert_inert(at, name)
