"""Streamlit's own widget texts in the interface language.

Streamlit 1.67 writes a few texts in English in its front end, with no parameter to change
them: the file uploader's "Upload" button, its "20MB per file • PPTX" line, its "Drag and
drop a file here" (while a file is dragged over it), and the date field's "dd/mm/yyyy"
placeholder (react-aria's, whose locale Streamlit fixes to en-US). An API is asked for
upstream (streamlit/streamlit#13500, open). Where a parameter exists it is used instead:
`select_all=False` on every multiselect ("Select all"), `format=` on every date field.

Until then the texts are replaced by a style sheet, as the brief allows when nothing better
exists: the original text is hidden (`visibility: hidden` also takes it out of the
accessibility tree, so a screen reader says the button's French name) and the catalogue's
text is drawn by `::after`, scoped to one keyed
widget through the `st-key-<key>` class Streamlit documents for styling. The replacement is
drawn in both languages, so the English interface is tested through the same path. A
browser test (`tests/browser/test_french_widgets.py`) checks the rendered page.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import streamlit as st

from analysis.core.i18n import Lang, t
from ui.text import lang

#: The date fields' order of day, month and year, per language (the placeholders follow).
DATE_FORMAT: dict[Lang, str] = {"fr": "DD/MM/YYYY", "en": "DD/MM/YYYY"}

_FONT = "font-size: 14px; line-height: 1.6;"  # Streamlit's widget text (measured)


def key_class(key: str) -> str:
    """The class Streamlit gives a keyed element's container (`st-key-` + the key, each
    character outside `[a-zA-Z0-9_-]` replaced by `-`, as the front end does)."""
    return "st-key-" + re.sub(r"[^a-zA-Z0-9_-]", "-", key.strip())


def css_string(text: str) -> str:
    """`text` as a quoted CSS string: letters, digits and plain punctuation as they are,
    anything else (quotes, backslashes, `<`, newlines) as a hexadecimal escape, so that no
    catalogue text can close the string, the rule or the `<style>` element."""
    safe = " .,:;!?'()-–—•·%"
    return '"' + "".join(c if c.isalnum() or c in safe else f"\\{ord(c):X} " for c in text) + '"'


def _replace(selector: str, text: str, *, focusable: bool = False) -> str:
    """Hide the text of `selector` and draw `text` in its place. A focusable element (a
    date part) keeps its visibility, which focus needs; its text is only shrunk to nothing,
    and its accessible name is its `aria-label` anyway."""
    hide = "font-size: 0;" if focusable else "visibility: hidden; font-size: 0;"
    return (
        f"{selector} {{ {hide} }}\n"
        f"{selector}::after {{ visibility: visible; content: {css_string(text)}; {_FONT} }}\n"
    )


def uploader_css(key: str, language: Lang, *, megabytes: int, types: Sequence[str]) -> str:
    """The style sheet that writes the uploader `key`'s texts in `language`."""
    scope = f'.{key_class(key)} [data-testid="stFileUploaderDropzone"]'
    limit = t(
        "ui.uploader_limit",
        language,
        megabytes=megabytes,
        types=", ".join(kind.upper() for kind in types),
    )
    return (
        "<style>\n"
        + _replace(
            f'{scope} button [data-testid="stMarkdownContainer"] p',
            t("ui.uploader_button", language),
        )
        + _replace(f'{scope} [data-testid="stFileUploaderDropzoneInstructions"] span', limit)
        + _replace(f"{scope} > div:not([data-testid]) > span", t("ui.uploader_drop", language))
        + "</style>"
    )


def date_css(language: Lang) -> str:
    """The style sheet that writes every empty date field's placeholders in `language`."""
    rules = "".join(
        _replace(
            f'[data-testid="stDateInputField"] [data-placeholder="true"][data-type="{part}"]',
            t(f"ui.date_placeholder_{part}", language),
            focusable=True,
        )
        for part in ("day", "month", "year")
    )
    return "<style>\n" + rules + "</style>"


def uploader_texts(key: str, *, megabytes: int, types: Sequence[str]) -> None:
    """Write the texts of the uploader `key` (called just before `st.file_uploader`)."""
    st.html(uploader_css(key, lang(), megabytes=megabytes, types=types))


def date_texts() -> str:
    """Write the empty date fields' placeholders in the session's language; the `format=`
    to give `st.date_input` (the language's order of day, month and year)."""
    language = lang()
    st.html(date_css(language))
    return DATE_FORMAT[language]
