"""Decks built from a user's branded template: its size and layouts are used, bad files refused."""

from __future__ import annotations

import io
import zipfile
from functools import cache
from typing import Any

import pytest
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.util import Inches

from analysis.analytics.filters import Filters
from analysis.deck import MAX_TEMPLATE_BYTES, TemplateError, build_deck, check_template
from analysis.sample.round import generate
from tests.support.builders import three_poles

BRAND = RGBColor(0x12, 0x34, 0x56)


def branded_template(width: float = 12, height: float = 6.75) -> bytes:
    """python-pptx's default template, resized, with a coloured master and one sample slide."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(width), Inches(height)
    fill = prs.slide_masters[0].background.fill
    fill.solid()
    fill.fore_color.rgb = BRAND
    sample = prs.slides.add_slide(prs.slide_layouts[1])
    sample.shapes.title.text = "Our sample slide, to be dropped"
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


@cache
def branded_deck() -> Any:
    data = build_deck(generate(), Filters(), "fr", branded_template())
    return Presentation(io.BytesIO(data))


def test_the_template_size_and_master_are_kept() -> None:
    prs = branded_deck()
    assert (prs.slide_width, prs.slide_height) == (Inches(12), Inches(6.75))
    master_fill = prs.slide_masters[0].background.fill
    assert master_fill.fore_color.rgb == BRAND


def test_the_template_layouts_are_used_and_its_own_slides_dropped() -> None:
    prs = branded_deck()
    layouts = [slide.slide_layout.name for slide in prs.slides]
    assert layouts[0] == "Title Slide"
    assert set(layouts[1:]) == {"Title Only"}
    assert len(prs.slides) == 10
    every_text = " ".join(
        shape.text_frame.text for s in prs.slides for shape in s.shapes if shape.has_text_frame
    )
    assert "Our sample slide" not in every_text


def test_content_titles_go_into_the_layout_title_placeholder() -> None:
    slide = branded_deck().slides[5]
    assert slide.shapes.title is not None
    assert slide.shapes.title.text == "Projets européens déposés par an"
    assert sum(1 for shape in slide.shapes if shape.has_chart) == 2


def test_charts_stay_native_and_on_the_smaller_slide() -> None:
    prs = branded_deck()
    for slide in prs.slides:
        for shape in slide.shapes:
            assert shape.left + shape.width <= prs.slide_width
            assert shape.top + shape.height <= prs.slide_height
    region = prs.slides[6]
    (chart,) = [shape.chart for shape in region.shapes if shape.has_chart]
    assert sum(chart.plots[0].series[0].values) == 1548


def test_an_empty_placeholder_is_never_left_behind() -> None:
    for slide in branded_deck().slides:
        for placeholder in slide.placeholders:
            assert placeholder.text_frame.text.strip()


def test_a_four_by_three_template_also_works() -> None:
    data = build_deck(three_poles(), Filters(), "en", branded_template(10, 7.5))
    prs = Presentation(io.BytesIO(data))
    assert prs.slide_width == Inches(10)
    # Balanced on two lines (a line break, `\v`, between them).
    assert prs.slides[0].shapes.title.text == "The competitiveness\vpoles in Europe"


def _zip(parts: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return out.getvalue()


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"not a zip at all", "template_unreadable"),
        (_zip({"hello.txt": b"a zip, but no presentation"}), "template_unreadable"),
        (_zip({"bomb.xml": b"\0" * (20 * 1024 * 1024)}), "template_unreadable"),
        (b"x" * (MAX_TEMPLATE_BYTES + 1), "template_too_large"),
    ],
)
def test_unusable_templates_are_refused_with_a_reason(content: bytes, code: str) -> None:
    with pytest.raises(TemplateError) as raised:
        build_deck(three_poles(), Filters(), "en", content)
    assert raised.value.code == code
    assert raised.value.message("fr")
    assert raised.value.message("en") != raised.value.message("fr")


def test_check_template_accepts_a_real_template() -> None:
    check_template(branded_template())
