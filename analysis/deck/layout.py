"""Where things go on a slide, the built-in look, and opening a user's branded template.

python-pptx's default template is 4:3 and its placeholders do not move when the slide size
changes, so the built-in look places every shape itself, in fractions of the slide size:
the same zones then fit a 16:9 deck or any template's size. A template brings its own
layouts (title layout for the title slide, "title only" or blank for content) and size.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.util import Emu, Inches

from analysis.charts.theme import PALETTE, TEXT_MUTED
from analysis.deck.template import TemplateError, check_template

#: 16:9 at PowerPoint's default widescreen size.
SLIDE_WIDTH = Inches(13.333)
SLIDE_HEIGHT = Inches(7.5)
FONT = "Calibri"


def rgb(hex_colour: str) -> RGBColor:
    """`#0072B2` as a python-pptx colour."""
    return RGBColor.from_string(hex_colour.lstrip("#").upper())


#: One look with the dashboard's charts: the Okabe–Ito palette of `analysis.charts.theme`.
ACCENT = rgb(PALETTE[0])
WARNING = rgb(PALETTE[1])
#: Secondary text (subtitles, sources, page numbers) and axis lines: AA contrast on white.
GREY = rgb(TEXT_MUTED)
INK = rgb("#1F1F1F")
WHITE = rgb("#FFFFFF")
PALE = rgb("#E8F1F8")


@dataclass(frozen=True)
class Box:
    """A rectangle in EMU, ready for `shapes.add_*(left, top, width, height)`."""

    left: int
    top: int
    width: int
    height: int

    @property
    def args(self) -> tuple[Emu, Emu, Emu, Emu]:
        """The four values as python-pptx lengths."""
        return Emu(self.left), Emu(self.top), Emu(self.width), Emu(self.height)

    def split(self, fractions: tuple[float, ...], gap: float = 0.03) -> list[Box]:
        """Side-by-side boxes taking `fractions` of this width, `gap` (of the width) apart."""
        usable = self.width * (1 - gap * (len(fractions) - 1))
        boxes, left = [], self.left
        for share in fractions:
            width = int(usable * share / sum(fractions))
            boxes.append(Box(left, self.top, width, self.height))
            left += width + int(self.width * gap)
        return boxes


@dataclass(frozen=True)
class Geometry:
    """The zones of a slide, as fractions of its size so they fit any aspect ratio."""

    width: int
    height: int
    content_top: float = 0.27

    def box(self, x: float, y: float, w: float, h: float) -> Box:
        """A box from fractions of the slide's width and height."""
        return Box(
            int(self.width * x), int(self.height * y), int(self.width * w), int(self.height * h)
        )

    @property
    def margin(self) -> float:
        """Left and right margin, as a fraction of the width (0.6 in on a 13.3 in slide)."""
        return 0.045

    def inner(self, y: float, h: float) -> Box:
        """A full-width box between the margins."""
        return self.box(self.margin, y, 1 - 2 * self.margin, h)

    @property
    def title(self) -> Box:
        return self.inner(0.06, 0.11)

    @property
    def subtitle(self) -> Box:
        return self.inner(0.17, 0.07)

    @property
    def content(self) -> Box:
        return self.inner(self.content_top, 0.83 - self.content_top)

    @property
    def footnote(self) -> Box:
        return self.inner(0.835, 0.065)

    @property
    def source(self) -> Box:
        return self.box(self.margin, 0.915, 0.8, 0.05)

    @property
    def page_number(self) -> Box:
        return self.box(1 - self.margin - 0.08, 0.915, 0.08, 0.05)

    @property
    def accent(self) -> Box:
        return self.box(0, 0.075, 0.012, 0.08)

    @property
    def rule(self) -> Box:
        return self.inner(0.905, 0.002)


def open_presentation(template: bytes | None) -> tuple[Any, bool]:
    """A presentation to fill, and whether it comes from a user's template.

    A template's own slides are removed (only its masters, layouts and size are kept); the
    built-in look starts from python-pptx's default, resized to 16:9.
    """
    if template is None:
        prs = Presentation()
        prs.slide_width, prs.slide_height = SLIDE_WIDTH, SLIDE_HEIGHT
        return prs, False
    check_template(template)
    try:
        prs = Presentation(io.BytesIO(template))
    except Exception as error:  # python-pptx raises many kinds on a damaged package
        raise TemplateError("template_unreadable") from error
    slide_ids = prs.slides._sldIdLst
    for slide_id in list(slide_ids):
        prs.part.drop_rel(slide_id.rId)
        slide_ids.remove(slide_id)
    return prs, True


TITLE_TYPES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
#: The placeholders the deck fills; the others are removed from its slides.
_FILLED = (*TITLE_TYPES, PP_PLACEHOLDER.SUBTITLE)


def _has_title(layout: Any) -> bool:
    return any(ph.placeholder_format.type in TITLE_TYPES for ph in layout.placeholders)


def _by_name(prs: Any, *names: str) -> Any | None:
    wanted = {name.casefold() for name in names}
    return next((lay for lay in prs.slide_layouts if lay.name.casefold() in wanted), None)


def title_layout(prs: Any, branded: bool) -> Any:
    """The title layout ("Title Slide", else the first one, as PowerPoint orders them).

    The built-in look uses python-pptx's default "Title Slide" too, its placeholders moved
    to the deck's zones: PowerPoint's outline and accessibility checker read a slide's
    title from its title placeholder only.
    """
    found = _by_name(prs, "Title Slide", "Diapositive de titre")
    if found is not None or not branded:
        return found or content_layout(prs, branded)
    return prs.slide_layouts[0]


def content_layout(prs: Any, branded: bool) -> Any:
    """ "Title Only" (else the layout with a title and fewest placeholders, else blank).

    `branded` is kept for symmetry: the built-in look and a template pick alike, so every
    slide has a title placeholder whenever the presentation has such a layout.
    """
    found = _by_name(prs, "Title Only", "Titre seul")
    if found is not None:
        return found
    titled = [lay for lay in prs.slide_layouts if _has_title(lay)]
    if titled:
        return min(titled, key=lambda lay: len(lay.placeholders))
    return blank_layout(prs)


def blank_layout(prs: Any) -> Any:
    """The layout with no placeholder ("Blank"), else the one with fewest."""
    return _by_name(prs, "Blank", "Vide") or min(
        prs.slide_layouts, key=lambda lay: len(lay.placeholders)
    )


def placeholder(slide_or_layout: Any, *types: PP_PLACEHOLDER) -> Any | None:
    """The first placeholder of one of `types`, or None."""
    return next(
        (ph for ph in slide_or_layout.placeholders if ph.placeholder_format.type in types), None
    )


def title_placeholder(layout: Any) -> Any | None:
    """A layout's title placeholder, or None."""
    return placeholder(layout, *TITLE_TYPES)


def fits(layout: Any, geometry: Geometry) -> bool:
    """Whether the placeholders the deck fills (title, subtitle) lie within the slide."""
    return all(
        int(ph.left) + int(ph.width) <= geometry.width
        and int(ph.top) + int(ph.height) <= geometry.height
        for ph in layout.placeholders
        if ph.placeholder_format.type in _FILLED
    )


#: A line break inside a paragraph (python-pptx's convention; `Painter.fill` writes `<a:br/>`).
LINE_BREAK = "\v"


def balanced(text: str, width: int) -> str:
    """`text` broken at spaces into as few lines of at most about `width` characters as it
    needs, the lines as even as possible (joined by `LINE_BREAK`).

    PowerPoint fills a line before starting the next, so a title slightly too long for one
    line leaves its last word alone below; balanced lines read as a title.
    """
    words = text.split()
    if len(text) <= width or len(words) < 2:
        return text
    count = min(len(words), -(-len(text) // width))
    best: tuple[int, list[str]] | None = None

    def search(start: int, left: int, lines: list[str]) -> None:
        nonlocal best
        if left == 1:
            candidate = [*lines, " ".join(words[start:])]
            longest = max(len(line) for line in candidate)
            if best is None or longest < best[0]:
                best = (longest, candidate)
            return
        for end in range(start + 1, len(words) - left + 2):
            search(end, left - 1, [*lines, " ".join(words[start:end])])

    search(0, count, [])
    assert best is not None
    return LINE_BREAK.join(best[1])


def place(shape: Any, box: Box) -> None:
    """Move and size a shape (a placeholder keeps its role, only its position changes)."""
    shape.left, shape.top, shape.width, shape.height = box.args


def send_to_back(shape: Any) -> None:
    """Draw `shape` under every other shape of its slide (a background band)."""
    tree = shape._element.getparent()
    tree.remove(shape._element)
    tree.insert(2, shape._element)  # after the group's own nvGrpSpPr and grpSpPr


def drop_empty_placeholders(slide: Any) -> None:
    """Remove placeholders left empty ("Click to add text" would show while editing)."""
    for shape in list(slide.placeholders):
        if not shape.has_text_frame or not shape.text_frame.text.strip():
            element = shape._element
            element.getparent().remove(element)
