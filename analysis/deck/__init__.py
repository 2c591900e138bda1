"""The event deck: a .pptx of the round's figures with native, editable PowerPoint charts.

`build_deck(survey, filters, lang, template=None) -> bytes` computes the slides once with
`content.deck_content` (shared with the presentation page) and draws them with python-pptx:
no screenshot, no browser. Slides: title; one per headline figure; submissions per year
with growth; by region; by sector; top poles (small-base rules permitting); method. Each
slide's speaker notes hold the exact figures, their base n, the round and the filters.
"""

from __future__ import annotations

import io
import re

from analysis.analytics.filters import Filters
from analysis.core.i18n import Lang
from analysis.core.model import SurveyRound
from analysis.deck.content import deck_content
from analysis.deck.spec import ChartSpec, DeckContent, SlideContent
from analysis.deck.template import MAX_TEMPLATE_BYTES, TemplateError, check_template

__all__ = [
    "MAX_TEMPLATE_BYTES",
    "ChartSpec",
    "DeckContent",
    "SlideContent",
    "TemplateError",
    "build_deck",
    "check_template",
    "deck_content",
    "deck_filename",
    "render_deck",
]

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def render_deck(content: DeckContent, template: bytes | None = None) -> bytes:
    """Draw already computed slides into a .pptx (built-in look, or `template`'s layouts)."""
    # python-pptx and the chart theme load only when a deck is drawn, not on every CLI start.
    from analysis.deck.layout import open_presentation
    from analysis.deck.slides import Painter

    prs, branded = open_presentation(template)
    painter = Painter(prs, content.lang, branded=branded)
    for number, slide in enumerate(content.slides, start=1):
        painter.add(slide, number)
    title = content.slides[0].title if content.slides else ""
    prs.core_properties.title = f"{title} – {content.label}"
    prs.core_properties.language = "fr-FR" if content.lang == "fr" else "en-GB"
    prs.core_properties.subject = content.slides[0].subtitle if content.slides else ""
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def build_deck(
    survey: SurveyRound,
    filters: Filters,
    lang: Lang,
    template: bytes | None = None,
    *,
    view: SurveyRound | None = None,
) -> bytes:
    """The deck of `survey` seen through `filters`, in `lang`, as .pptx bytes.

    `template` is a user's branded .pptx (its layouts and size are used; its own slides are
    dropped); it raises `TemplateError` when the template cannot be used. `view` is
    `filters.apply(survey)` when the caller already holds it.
    """
    return render_deck(deck_content(survey, filters, lang, view=view), template)


def deck_filename(label: str, lang: Lang, filters: Filters) -> str:
    """`poles_europe_2023_en.pptx`, with `_filtered` when filters narrow the view."""
    stem = _UNSAFE.sub("-", f"poles_europe_{label}_{lang}").strip("-") or "poles_europe"
    if not filters.is_unrestricted:
        stem += "_filtered" if lang == "en" else "_filtre"
    return f"{stem}.pptx"
