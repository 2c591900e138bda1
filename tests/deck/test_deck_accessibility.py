"""What PowerPoint's outline, its accessibility checker and screen readers read in the deck.

Each slide's title lies in its layout's title placeholder (not in a loose text box), each
chart carries alt text (its title and the one-sentence summary of its data), and the
Method slide's lines are real bullets with a hanging indent. Checked in both languages,
with the built-in look and with a branded template (also one drawn for another size,
whose placeholders the deck moves).
"""

from __future__ import annotations

import io
from functools import cache
from typing import Any

import pytest
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.oxml.ns import qn
from pptx.util import Inches

from analysis.analytics.filters import Filters
from analysis.charts.describe import Series, alt_text, describe
from analysis.core.i18n import Lang
from analysis.deck import deck_content, layout, render_deck
from analysis.deck.spec import DeckContent
from analysis.sample.round import generate
from tests.deck.test_deck_template import branded_template

TITLE_TYPES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
LOOKS = ["built-in", "branded", "branded-4:3"]


@cache
def content(lang: Lang) -> DeckContent:
    return deck_content(generate(), Filters(), lang)


@cache
def deck(lang: Lang, look: str) -> Any:
    template = {
        "built-in": None,
        "branded": branded_template(),
        "branded-4:3": branded_template(10, 7.5),
    }[look]
    return Presentation(io.BytesIO(render_deck(content(lang), template)))


def title_of(slide: Any) -> str | None:
    """The text of the slide's title placeholder (what the outline lists), or None."""
    for shape in slide.placeholders:
        if shape.placeholder_format.type in TITLE_TYPES:
            # A balanced title's line breaks (`\v`) read as spaces.
            return str(shape.text_frame.text).replace("\v", " ")
    return None


@pytest.mark.parametrize("look", LOOKS)
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_slide_title_is_in_its_title_placeholder(lang: Lang, look: str) -> None:
    prs = deck(lang, look)
    expected = [slide.title for slide in content(lang).slides]
    assert [title_of(slide) for slide in prs.slides] == expected
    assert all(expected)
    for slide in prs.slides:
        title = next(s for s in slide.placeholders if s.placeholder_format.type in TITLE_TYPES)
        # On the slide, whatever size the layout was drawn for.
        assert title.left >= 0 and title.left + title.width <= prs.slide_width
        assert title.top >= 0 and title.top + title.height <= prs.slide_height


@pytest.mark.parametrize("look", LOOKS)
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_chart_has_alt_text_from_its_data(lang: Lang, look: str) -> None:
    prs = deck(lang, look)
    seen = 0
    for slide, spec_slide in zip(prs.slides, content(lang).slides, strict=True):
        frames = [shape for shape in slide.shapes if shape.has_chart]
        assert len(frames) == len(spec_slide.charts)
        for frame, spec in zip(frames, spec_slide.charts, strict=True):
            descr = frame._element.xpath("./*[1]/p:cNvPr")[0].get("descr")
            assert descr.startswith(spec.title)
            values = [v for v in spec.values if v is not None]
            assert values, spec.title
            seen += 1
            series = Series(
                spec.series_name,
                spec.categories,
                spec.values,
                percent=spec.value_kind != "count",
                signed=spec.value_kind == "signed_percent",
            )
            assert descr == alt_text(spec.title, describe(series, lang))
    assert seen >= 4


def test_alt_text_names_the_extremes_in_each_language() -> None:
    by_region = {lang: content(lang).slide("by_region") for lang in ("fr", "en")}
    for lang, slide in by_region.items():
        assert slide is not None
        spec = slide.charts[0]
        known = [(c, v) for c, v in zip(spec.categories, spec.values, strict=True) if v is not None]
        top = max(known, key=lambda item: item[1])[0]
        index = [s.key for s in content(lang).slides].index("by_region")
        frame = next(s for s in deck(lang, "built-in").slides[index].shapes if s.has_chart)
        descr = frame._element.xpath("./*[1]/p:cNvPr")[0].get("descr")
        assert top in descr
        assert ("highest" in descr) == (lang == "en")
        assert ("la plus élevée" in descr) == (lang == "fr")


@pytest.mark.parametrize("look", LOOKS)
def test_method_lines_are_bullets_with_a_hanging_indent(look: str) -> None:
    prs = deck("en", look)
    method = content("en").slide("method")
    assert method is not None
    slide = prs.slides[[s.key for s in content("en").slides].index("method")]
    body = next(
        shape
        for shape in slide.shapes
        if shape.has_text_frame and shape.text_frame.text.startswith(method.lines[0])
    )
    paragraphs = body.text_frame.paragraphs
    assert [p.text for p in paragraphs] == list(method.lines)
    for paragraph in paragraphs:
        properties = paragraph._p.pPr
        margin, indent = int(properties.get("marL")), int(properties.get("indent"))
        assert margin > 0 and indent == -margin  # the bullet hangs in the margin
        assert properties.find(qn("a:buChar")).get("char") == "•"
    assert Inches(0.1) < margin < Inches(0.6)


@pytest.mark.parametrize(
    ("text", "width", "expected"),
    [
        ("Les pôles de compétitivité en Europe", 33, ["Les pôles de", "compétitivité en Europe"]),
        (
            "The competitiveness clusters in Europe",
            33,
            ["The competitiveness", "clusters in Europe"],
        ),
        ("Short title", 33, ["Short title"]),
        ("Unbreakable-title-that-is-far-too-long", 10, ["Unbreakable-title-that-is-far-too-long"]),
        ("a b c d e f", 4, ["a b", "c d", "e f"]),
    ],
)
def test_balanced_title_lines(text: str, width: int, expected: list[str]) -> None:
    lines = layout.balanced(text, width).split(layout.LINE_BREAK)
    assert lines == expected
    assert " ".join(lines) == text


@pytest.mark.parametrize("look", LOOKS)
def test_the_deck_title_leaves_no_word_alone(look: str) -> None:
    for lang in ("fr", "en"):
        title = next(
            s
            for s in deck(lang, look).slides[0].placeholders
            if s.placeholder_format.type in TITLE_TYPES
        )
        lines = title.text_frame.text.split("\v")
        assert len(lines) == 2, lines
        assert all(len(line.split()) >= 2 for line in lines), lines
