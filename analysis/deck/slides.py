"""Drawing each kind of slide (title, headline, chart, method) onto a python-pptx slide.

The built-in look places every shape in the zones of `layout.Geometry`; with a branded
template the layout's title placeholder takes the title and colours and fonts come from the
template's theme, so the deck looks like the organisation's own.
"""

from __future__ import annotations

from typing import Any

from pptx.enum.dml import MSO_THEME_COLOR
from pptx.enum.lang import MSO_LANGUAGE_ID
from pptx.enum.shapes import MSO_SHAPE, PP_PLACEHOLDER
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Pt

from analysis.core.i18n import Lang
from analysis.deck import layout
from analysis.deck.layout import Box, Geometry
from analysis.deck.native_charts import add_chart
from analysis.deck.spec import SlideContent

#: The bullet of the Method slide's lines (drawn by PowerPoint, hanging in the indent).
BULLET = "•"
_LANGUAGE = {"en": MSO_LANGUAGE_ID.ENGLISH_UK, "fr": MSO_LANGUAGE_ID.FRENCH}
#: Colour roles: an explicit colour in the built-in look, the theme's colour in a template.
_ROLES = {
    "ink": (layout.INK, MSO_THEME_COLOR.TEXT_1),
    "accent": (layout.ACCENT, MSO_THEME_COLOR.ACCENT_1),
    "muted": (layout.GREY, MSO_THEME_COLOR.TEXT_1),
    "white": (layout.WHITE, MSO_THEME_COLOR.BACKGROUND_1),
}


class Painter:
    """Writes shapes on slides in one language, with the built-in look or a template's."""

    def __init__(self, prs: Any, lang: Lang, *, branded: bool) -> None:
        self.prs = prs
        self.lang = lang
        self.branded = branded
        self.title_layout = layout.title_layout(prs, branded)
        self.content_layout = layout.content_layout(prs, branded)
        self.geometry = Geometry(int(prs.slide_width), int(prs.slide_height))
        #: Whether the layouts' title and subtitle placeholders lie on the slide (a template's
        #: layouts drawn for another size do not: the deck then draws its own text boxes).
        self.title_fits = layout.fits(self.title_layout, self.geometry)
        self.content_fits = layout.fits(self.content_layout, self.geometry)
        self.content_geometry = self._content_geometry()
        #: Font sizes are set for a 7.5 in high slide and follow a template's height.
        self.scale = min(1.5, max(0.6, int(prs.slide_height) / int(layout.SLIDE_HEIGHT)))

    def _content_geometry(self) -> Geometry:
        """The zones, with the content pushed below a template's title placeholder."""
        if not self.branded or not self.content_fits:
            return self.geometry
        title = layout.title_placeholder(self.content_layout)
        if title is None:
            return self.geometry
        bottom = (int(title.top) + int(title.height)) / self.geometry.height
        return Geometry(self.geometry.width, self.geometry.height, min(0.6, bottom + 0.1))

    # --- text -----------------------------------------------------------------------------

    def text(
        self,
        slide: Any,
        box: Box,
        lines: str | tuple[str, ...],
        *,
        size: int,
        role: str = "ink",
        bold: bool = False,
        align: PP_ALIGN = PP_ALIGN.LEFT,
        anchor: MSO_ANCHOR = MSO_ANCHOR.TOP,
        bullet: bool = False,
        spacing: int = 0,
    ) -> Any:
        """A text box holding one paragraph per line."""
        shape = slide.shapes.add_textbox(*box.args)
        frame = shape.text_frame
        frame.word_wrap = True
        frame.auto_size = MSO_AUTO_SIZE.NONE
        frame.vertical_anchor = anchor
        frame.margin_left = frame.margin_right = 0
        self.fill(frame, lines, size=size, role=role, bold=bold, align=align, bullet=bullet)
        if spacing:
            for paragraph in frame.paragraphs:
                paragraph.space_after = Pt(spacing)
        return shape

    def fill(
        self,
        frame: Any,
        lines: str | tuple[str, ...],
        *,
        size: int | None,
        role: str | None = "ink",
        bold: bool = False,
        align: PP_ALIGN | None = None,
        bullet: bool = False,
    ) -> None:
        """Replace a text frame's text with `lines`, one paragraph each."""
        items = (lines,) if isinstance(lines, str) else lines
        frame.clear()
        for index, line in enumerate(items):
            paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
            if align is not None:
                paragraph.alignment = align
            if bullet:
                self.hanging_bullet(paragraph, size)
            for part, piece in enumerate(line.split(layout.LINE_BREAK)):
                if part:
                    paragraph.add_line_break()
                run = paragraph.add_run()
                run.text = piece
                font = run.font
                font.language_id = _LANGUAGE[self.lang]
                if size is not None:
                    font.size = Pt(round(size * self.scale))
                font.bold = bold
                if role is not None:
                    self.colour(font, role)

    def hanging_bullet(self, paragraph: Any, size: int | None) -> None:
        """A real bullet with a hanging indent: wrapped lines align with the text, not the dot.

        A typed "•" would sit in the text and wrapped lines would start under it.
        """
        indent = Pt(round((size or 18) * self.scale * 1.1))
        properties = paragraph._p.get_or_add_pPr()
        properties.set("marL", str(int(indent)))
        properties.set("indent", str(-int(indent)))
        for tag in ("a:buNone", "a:buAutoNum", "a:buChar", "a:buFont"):
            for old in properties.findall(qn(tag)):
                properties.remove(old)
        font = properties.makeelement(qn("a:buFont"), {"typeface": "Arial"})
        char = properties.makeelement(qn("a:buChar"), {"char": BULLET})
        properties.append(font)
        properties.append(char)

    def colour(self, font: Any, role: str) -> None:
        """Set a font's colour for its role (theme colour in a template)."""
        explicit, themed = _ROLES[role]
        if self.branded:
            font.color.theme_color = themed
        else:
            font.color.rgb = explicit

    def rectangle(self, slide: Any, box: Box, colour: Any) -> Any:
        """A plain filled rectangle with no outline (decoration of the built-in look)."""
        shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, *box.args)
        shape.fill.solid()
        shape.fill.fore_color.rgb = colour
        shape.line.fill.background()
        shape.shadow.inherit = False
        return shape

    # --- slides ---------------------------------------------------------------------------

    def add(self, content: SlideContent, number: int) -> Any:
        """Draw one slide and its speaker notes; return it."""
        if content.kind == "title":
            slide = self.prs.slides.add_slide(self.title_layout)
            self._title_slide(slide, content)
        else:
            slide = self.prs.slides.add_slide(self.content_layout)
            self._heading(slide, content)
            if content.kind == "headline":
                self._headline(slide, content)
            elif content.kind == "chart":
                self._charts(slide, content)
            else:
                self._method(slide, content)
            self._footer(slide, content, number)
        layout.drop_empty_placeholders(slide)
        slide.notes_slide.notes_text_frame.text = content.notes
        return slide

    def _title_slide(self, slide: Any, content: SlideContent) -> None:
        g = self.geometry
        title_ph = layout.placeholder(slide, *layout.TITLE_TYPES)
        subtitle_ph = layout.placeholder(slide, PP_PLACEHOLDER.SUBTITLE)
        own_look = not self.branded or not self.title_fits
        if own_look:
            subtitle_ph = None  # the subtitle and its lines get the deck's own boxes
        if subtitle_ph is not None:
            self.fill(
                subtitle_ph.text_frame, (content.subtitle, *content.lines), size=16, role=None
            )
            subtitle_ph.text_frame.paragraphs[0].runs[0].font.size = Pt(round(24 * self.scale))
        if not self.branded:
            layout.send_to_back(self.rectangle(slide, g.box(0, 0, 1, 1), layout.ACCENT))
            self.rectangle(slide, g.box(g.margin, 0.2, 0.06, 0.012), layout.WHITE)
        light = "ink" if self.branded else "white"
        # Anchored at the bottom: a title on two lines grows upwards, clear of the subtitle.
        title_box = g.inner(0.23, 0.27)
        if title_ph is None:
            self.text(
                slide,
                title_box,
                self.balanced(content.title, title_box.width, 44),
                size=44,
                bold=True,
                role=light,
                anchor=MSO_ANCHOR.BOTTOM,
            )
        elif own_look:
            title = self.balanced(content.title, title_box.width, 44)
            self.in_placeholder(
                title_ph, title_box, title, size=44, role=light, anchor=MSO_ANCHOR.BOTTOM
            )
        else:
            title = self.balanced(content.title, int(title_ph.width), 40)
            self.fill(title_ph.text_frame, title, size=40, role=None)
        if subtitle_ph is None:
            self.text(slide, g.inner(0.52, 0.08), content.subtitle, size=26, role=light)
            self.text(slide, g.inner(0.62, 0.18), content.lines, size=18, role=light, spacing=6)
        if content.notice:
            self._notice(slide, g.inner(0.86, 0.09), content.notice)

    def balanced(self, text: str, width: int, size: int) -> str:
        """`text` in even lines for a box `width` EMU wide at `size` pt (`layout.balanced`).

        A bold character averages about 0.6 em in the fonts a deck meets (Calibri, or the
        wider DejaVu Sans that LibreOffice puts in its place).
        """
        characters = int(width / 12700 / (size * self.scale * 0.6))
        return layout.balanced(text, max(characters, 8))

    def in_placeholder(
        self,
        placeholder: Any,
        box: Box,
        text: str,
        *,
        size: int,
        role: str,
        anchor: MSO_ANCHOR,
        bold: bool = True,
    ) -> None:
        """The deck's own title look, kept in the layout's title placeholder moved to `box`.

        The placeholder is what PowerPoint's outline, its accessibility checker and screen
        readers take as the slide's title; its position and text style are the deck's.
        """
        layout.place(placeholder, box)
        frame = placeholder.text_frame
        frame.word_wrap = True
        frame.auto_size = MSO_AUTO_SIZE.NONE
        frame.vertical_anchor = anchor
        frame.margin_left = frame.margin_right = 0
        self.fill(frame, text, size=size, role=role, bold=bold, align=PP_ALIGN.LEFT)

    def _notice(self, slide: Any, box: Box, text: str) -> None:
        """The synthetic-data notice, on an orange band that no one can miss."""
        band = self.rectangle(slide, box, layout.WARNING)
        frame = band.text_frame
        frame.word_wrap = True
        frame.margin_left = frame.margin_right = Pt(14)
        frame.vertical_anchor = MSO_ANCHOR.MIDDLE
        self.fill(frame, text, size=16, role="ink", bold=True, align=PP_ALIGN.LEFT)

    def _heading(self, slide: Any, content: SlideContent) -> None:
        g = self.content_geometry
        title_ph = layout.placeholder(slide, *layout.TITLE_TYPES)
        headline = content.kind == "headline"
        size = 26 if headline else 30
        own_look = not self.branded or not self.content_fits
        if own_look and not self.branded:
            self.rectangle(slide, g.accent, layout.ACCENT)
        if title_ph is not None and not own_look:
            self.fill(title_ph.text_frame, content.title, size=size, role=None)
        elif title_ph is not None:
            self.in_placeholder(
                title_ph,
                g.title,
                content.title,
                size=size,
                role="accent" if headline else "ink",
                anchor=MSO_ANCHOR.MIDDLE,
            )
        else:
            self.text(
                slide,
                g.title,
                content.title,
                size=size,
                bold=True,
                role="accent" if headline else "ink",
                anchor=MSO_ANCHOR.MIDDLE,
            )
        if content.subtitle and not headline:
            box = g.subtitle if not self.branded else g.inner(g.content_top - 0.08, 0.07)
            self.text(slide, box, content.subtitle, size=18, role="muted")

    def _headline(self, slide: Any, content: SlideContent) -> None:
        """The big number, its meaning under it, and the base, filling the content zone."""
        g = self.content_geometry
        top = max(g.content_top, 0.24)
        zone = 0.83 - top
        big_h, meaning_h = zone * 0.45, zone * 0.38
        self.text(
            slide,
            g.inner(top, big_h),
            content.big,
            size=120,
            bold=True,
            role="accent",
            anchor=MSO_ANCHOR.BOTTOM,
        )
        self.text(slide, g.inner(top + big_h, meaning_h), content.meaning, size=34, role="ink")
        self.text(
            slide,
            g.inner(top + big_h + meaning_h, zone - big_h - meaning_h),
            content.subtitle,
            size=16,
            role="muted",
            anchor=MSO_ANCHOR.BOTTOM,
        )

    def _charts(self, slide: Any, content: SlideContent) -> None:
        g = self.content_geometry
        area = g.content
        if len(content.charts) == 1:
            add_chart(
                slide, area, content.charts[0], self.lang, branded=self.branded, scale=self.scale
            )
            return
        boxes = area.split((2, 1) if len(content.charts) == 2 else (1,) * len(content.charts))
        for box, spec in zip(boxes, content.charts, strict=False):
            heading = Box(box.left, box.top, box.width, int(g.height * 0.05))
            self.text(slide, heading, spec.title, size=16, bold=True, role="muted")
            body = Box(box.left, box.top + heading.height, box.width, box.height - heading.height)
            add_chart(slide, body, spec, self.lang, branded=self.branded, scale=self.scale)

    def _method(self, slide: Any, content: SlideContent) -> None:
        self.text(
            slide,
            self.content_geometry.content,
            content.lines,
            size=17,
            role="ink",
            bullet=True,
            spacing=8,
        )

    def _footer(self, slide: Any, content: SlideContent, number: int) -> None:
        g = self.geometry
        if content.footnote:
            self.text(
                slide, g.footnote, content.footnote, size=12, role="muted", anchor=MSO_ANCHOR.BOTTOM
            )
        if not self.branded:
            self.rectangle(slide, g.rule, layout.PALE)
        self.text(slide, g.source, content.source, size=11, role="muted", anchor=MSO_ANCHOR.MIDDLE)
        self.text(
            slide,
            g.page_number,
            str(number),
            size=11,
            role="muted",
            align=PP_ALIGN.RIGHT,
            anchor=MSO_ANCHOR.MIDDLE,
        )
