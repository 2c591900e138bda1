"""AppTest of the presentation page: one slide at a time, filters, language, deck download."""

from __future__ import annotations

import io

import pytest
from pptx import Presentation
from streamlit.testing.v1 import AppTest

from analysis.analytics.filters import Filters
from analysis.sample.round import generate
from tests.deck.test_deck_template import branded_template
from tests.support.apptest import figures, open_app, texts, trace_values
from ui.deck_download import deck_builder
from ui.shell import PageContext
from ui.text import md_escape

pytestmark = pytest.mark.usefixtures("app_db")
PAGE = "pages/presentation.py"


def counter(at: AppTest) -> str:
    """The "Slide i of n" line."""
    found = [m.value for m in at.markdown if m.value.startswith(("Slide ", "Diapositive "))]
    assert len(found) == 1, found
    return found[0]


def go(at: AppTest, key: str, times: int = 1) -> None:
    for _ in range(times):
        at.button(key=key).click().run()
        assert not at.exception, [e.value for e in at.exception]


def test_opens_on_the_title_slide_in_english() -> None:
    at = open_app(PAGE, lang="en")
    assert counter(at) == "Slide 1 of 10"
    page = texts(at)
    assert "The competitiveness poles in Europe" in page
    assert "Survey round 2023 · 2019–2022" in page
    assert "40 responding poles of 55 surveyed (72.7% response rate)" in page
    assert "→ and ← keys" in page  # the keyboard shortcuts are explained
    assert at.button(key="slide_previous").disabled
    assert not at.button(key="slide_next").disabled


def test_next_and_previous_walk_through_the_slides() -> None:
    at = open_app(PAGE, lang="en")
    go(at, "slide_next")
    assert counter(at) == "Slide 2 of 10"
    page = texts(at)
    assert "1,500+" in page
    assert "projects submitted since 2019, with an increase of around 15% per year" in page
    assert md_escape("Source: survey round 2023, n = 40 poles · synthetic sample data") in page
    go(at, "slide_next", 3)
    assert "60%" in texts(at)
    go(at, "slide_previous")
    assert counter(at) == "Slide 4 of 10"
    assert "116" in texts(at)
    go(at, "slide_next", 6)
    assert counter(at) == "Slide 10 of 10"
    assert at.button(key="slide_next").disabled
    assert "Method" in texts(at)


def test_chart_slides_draw_the_deck_figures() -> None:
    at = open_app(PAGE, lang="en")
    go(at, "slide_next", 5)
    assert counter(at) == "Slide 6 of 10"
    bars, line = figures(at)
    assert trace_values(bars, 0, "x") == ["2019", "2020", "2021", "2022"]
    assert trace_values(bars, 0, "y") == [310, 357, 410, 471]
    assert trace_values(line, 0, "y") == pytest.approx(
        [357 / 310 - 1, 410 / 357 - 1, 471 / 410 - 1]
    )
    go(at, "slide_next")
    (regions,) = figures(at)
    assert trace_values(regions, 0, "y")[-1] == "Other"
    assert sum(trace_values(regions, 0, "x")) == 1548


def test_filters_and_language_change_the_slides() -> None:
    at = open_app(PAGE, lang="fr")
    assert counter(at) == "Diapositive 1 sur 10"
    at.multiselect(key="f_regions").set_value(["Occitanie"]).run()
    assert not at.exception
    assert counter(at) == "Diapositive 1 sur 8"  # no region chart, no sector chart (3 sectors of 1)
    assert "Périmètre : région Occitanie" in texts(at)
    go(at, "slide_next")
    assert "projets déposés depuis 2019" in texts(at)
    assert "n = 3 pôles" in texts(at)


def test_a_shrinking_deck_keeps_the_slide_index_in_range() -> None:
    at = open_app(PAGE, lang="en")
    go(at, "slide_next", 9)
    assert counter(at) == "Slide 10 of 10"
    at.multiselect(key="f_regions").set_value(["Occitanie"]).run()
    assert not at.exception
    assert counter(at) == "Slide 8 of 8"


def test_speaker_notes_and_the_download_button_are_shown() -> None:
    at = open_app(PAGE, lang="en")
    go(at, "slide_next")
    notes = "\n".join(t.value for t in at.text)
    assert "Exact figure: 1,548." in notes
    assert "Filters: all poles of the round" in notes
    button, sheet = at.get("download_button")
    assert button.proto.label == "Download the deck (.pptx)"
    assert "in English" in button.proto.help
    assert sheet.proto.label == "Fact sheet (PDF)" and "in English" in sheet.proto.help


def test_template_upload_is_checked() -> None:
    at = open_app(PAGE, lang="en")
    at.file_uploader(key="deck_template").upload(
        "brand.pptx", b"not a presentation", "application/octet-stream"
    ).run()
    assert not at.exception
    assert "The template was not used" in texts(at)
    fresh = open_app(PAGE, lang="en")
    fresh.file_uploader(key="deck_template").upload("brand.pptx", branded_template()).run()
    assert not fresh.exception
    assert "Template in use: brand\\.pptx" in texts(fresh)
    assert len(fresh.get("download_button")) == 2  # the deck and the fact sheet


def test_the_button_builds_the_deck_of_the_page_view() -> None:
    survey = generate()
    filters = Filters(round="2023", regions=("Occitanie",))
    context = PageContext(lang="fr", survey=survey, filters=filters, view=filters.apply(survey))
    prs = Presentation(io.BytesIO(deck_builder(context)()))
    notes = prs.slides[0].notes_slide.notes_text_frame.text
    assert "Filtres : région Occitanie" in notes
    branded = Presentation(io.BytesIO(deck_builder(context, branded_template())()))
    assert branded.slides[0].slide_layout.name == "Title Slide"


def test_a_link_opens_on_the_slide_it_names() -> None:
    at = open_app(PAGE, lang="en", query={"slide": "6"})
    assert counter(at) == "Slide 6 of 10"
    go(at, "slide_next")
    assert at.query_params["slide"] == "7"
    go(at, "slide_previous", 6)
    assert counter(at) == "Slide 1 of 10"
    assert "slide" not in at.query_params
    beyond = open_app(PAGE, lang="en", query={"slide": "99"})
    assert counter(beyond) == "Slide 1 of 10"
    assert "slide" not in beyond.query_params


def test_the_stage_view_shows_the_slide_alone_and_lives_in_the_link() -> None:
    at = open_app(PAGE, lang="en")
    assert "Presentation" in [t.value for t in at.title]
    at.toggle(key="present_stage").set_value(True).run()
    assert not at.exception
    assert at.query_params["present_stage"] == "1"
    assert not at.title  # no page title on stage
    assert any('data-testid="stSidebar"' in h.proto.body for h in at.get("html"))
    assert not at.get("download_button") and not at.expander  # no downloads, no notes
    assert counter(at) == "Slide 1 of 10"
    go(at, "slide_next")
    assert counter(at) == "Slide 2 of 10"
    shared = open_app(PAGE, lang="en", query={"present_stage": "1", "slide": "2"})
    assert shared.toggle(key="present_stage").value is True
    assert counter(shared) == "Slide 2 of 10"
    at.toggle(key="present_stage").set_value(False).run()
    assert "present_stage" not in at.query_params
    assert at.get("download_button")


def test_the_side_chart_of_a_two_chart_slide_wraps_its_source_line() -> None:
    at = open_app(PAGE, lang="en", query={"slide": "6"})
    bars, side = figures(at)
    assert "<br>" not in bars["layout"]["annotations"][-1]["text"]
    assert "<br>" in side["layout"]["annotations"][-1]["text"]  # narrow: it would be cut
