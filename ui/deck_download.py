"""The deck download button, for the presentation page and the overview.

The deck follows the page: interface language, current filters, and the optional branded
template. It is built only when the button is clicked (Streamlit calls `data` then, on
its own thread), so showing the button costs nothing on every rerun.

`analysis.deck` is imported where it is used, not with this module: the Overview shows the
button on every first view, and the deck's modules are not needed to draw it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import TYPE_CHECKING

import streamlit as st

from analysis.analytics.filters import Filters
from analysis.core.i18n import Lang
from analysis.core.mime import PPTX_MIME
from ui import cached_store
from ui.shell import PageContext
from ui.text import lang, md_escape, tr
from ui.widget_text import uploaded_texts, uploader_texts

if TYPE_CHECKING:
    from analysis.deck import DeckContent

#: Widget key of the template uploader on the presentation page.
TEMPLATE_KEY = "deck_template"


@st.cache_data(show_spinner=False, max_entries=8)
def _template_problem(digest: str, _content: bytes, lang: Lang) -> str | None:
    """Why a template cannot be used (in `lang`), or None; checked once per file (`digest`).

    The leading underscore keeps Streamlit from hashing the bytes again on every rerun.
    """
    from analysis.deck import TemplateError
    from analysis.deck.layout import open_presentation

    try:
        open_presentation(_content)
    except TemplateError as error:
        return error.message(lang)
    return None


def template_uploader() -> bytes | None:
    """A .pptx uploader (size-bounded); returns the template's bytes when it can be used."""
    from analysis.deck import MAX_TEMPLATE_BYTES, TemplateError

    size_mb = MAX_TEMPLATE_BYTES // (1024 * 1024)
    uploader_texts(TEMPLATE_KEY, megabytes=size_mb, types=["pptx"])
    upload = st.file_uploader(
        tr("deck.template_upload"),
        type=["pptx"],
        key=TEMPLATE_KEY,
        help=tr("deck.template_help", size=size_mb),
        max_upload_size=size_mb,
    )
    if upload is None:
        return None
    uploaded_texts(TEMPLATE_KEY, upload.size)
    content = upload.getvalue()
    digest = hashlib.sha256(content).hexdigest()
    problem = (
        TemplateError("template_too_large", size=size_mb).message(lang())
        if len(content) > MAX_TEMPLATE_BYTES
        else _template_problem(digest, content, lang())
    )
    if problem:
        st.error(tr("deck.template_ignored", reason=problem), icon=":material/warning:")
        return None
    st.caption(tr("deck.template_in_use", name=md_escape(upload.name)))
    return content


@st.cache_data(show_spinner=False, max_entries=32)
def _slides(url: str, label: str, version: str, filters: Filters, lang: Lang) -> DeckContent:
    # The deck never reads per-project rows: the round without them is enough.
    from analysis.deck import deck_content

    survey = cached_store.round_core(url, label, version)
    return deck_content(
        survey, filters, lang, view=cached_store.filtered_core(url, label, version, filters)
    )


def deck_slides(context: PageContext) -> DeckContent:
    """The slides of this view in the interface language, cached per round version and filters."""
    return _slides(
        cached_store.database_url(),
        context.label,
        cached_store.data_version(),
        context.filters,
        context.lang,
    )


def deck_builder(context: PageContext, template: bytes | None = None) -> Callable[[], bytes]:
    """A no-argument function building the deck of this view (what the button calls)."""
    survey, view, filters, language = (
        context.survey,
        context.view,
        context.filters,
        context.lang,
    )

    def build() -> bytes:
        from analysis.deck import build_deck

        assert survey is not None
        return build_deck(survey, filters, language, template, view=view)

    return build


def deck_download_button(
    context: PageContext, *, key: str = "deck_download", template: bytes | None = None
) -> None:
    """The "Download the deck (.pptx)" button; nothing when there is no data to show."""
    if context.survey is None or context.view is None or context.view.responses.empty:
        return
    from analysis.deck import deck_filename

    st.download_button(
        tr("deck.download"),
        data=deck_builder(context, template),
        file_name=deck_filename(context.label, context.lang, context.filters),
        mime=PPTX_MIME,
        key=key,
        icon=":material/slideshow:",
        help=tr("deck.download_help", language=tr("deck.language_name")),
        on_click="ignore",
    )
