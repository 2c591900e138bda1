"""Streamlit's own widget texts in the interface language.

Streamlit 1.67 writes a few texts in English in its front end, with no parameter to change
them: the file uploader's "Upload" button, its "20MB per file • PPTX" line, its "Drag and
drop a file here" (while a file is dragged over it), the chosen file's size ("12.3KB"),
and the date field's "dd/mm/yyyy"
placeholder (react-aria's, whose locale Streamlit fixes to en-US). An API is asked for
upstream (streamlit/streamlit#13500, open). Where a parameter exists it is used instead:
`select_all=False` on every multiselect ("Select all"), `format=` on every date field.

Until then a style sheet replaces the texts (the fallback kept for when nothing better
exists): the original text is hidden (`display: none` also takes it out of the
accessibility tree, so a screen reader says the button's name in the language) and the
catalogue's text is drawn by its parent's `::after`, scoped to one keyed widget through
the `st-key-<key>` class Streamlit documents for styling. The replacement is drawn in both
languages, so the English interface goes through the same path. A browser test
(`tests/browser/test_french_widgets.py`) checks the rendered page. What a style sheet
cannot change (accessible names, live announcements, tooltips) is `ui.aria_text`'s.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import streamlit as st

from analysis.core.i18n import Lang, fmt_number, t
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


def _replace(parent: str, child: str, text: str) -> str:
    """Hide `child` (out of the layout and of the accessibility tree) and draw `text` after
    it in `parent`, whose accessible name (a button's) then is `text`."""
    return (
        f"{parent} > {child} {{ display: none; }}\n"
        f"{parent}::after {{ content: {css_string(text)}; {_FONT} }}\n"
    )


def _redraw_button(parent: str, child: str, text: str) -> str:
    """A button's label: Streamlit's text only shrinks to nothing (still in the
    accessibility tree, where axe-core reads the button's name: generated `::after` text
    is no name for it) and `text` is drawn after it. A screen reader may read both."""
    return (
        f"{parent} > {child} {{ font-size: 0; }}\n"
        f"{parent}::after {{ content: {css_string(text)}; {_FONT} }}\n"
    )


def _redraw_placeholder(selector: str, text: str) -> str:
    """A date part's placeholder: focus needs the element displayed and visible, so its own
    text only shrinks to nothing; its accessible name is its `aria-label` anyway."""
    return (
        f"{selector} {{ font-size: 0; }}\n"
        f"{selector}::after {{ content: {css_string(text)}; {_FONT} }}\n"
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
        + _redraw_button(
            f'{scope} button [data-testid="stMarkdownContainer"]',
            "p",
            t("ui.uploader_button", language),
        )
        + _replace(
            f'{scope} [data-testid="stFileUploaderDropzoneInstructions"] > div', "span", limit
        )
        + _replace(f"{scope} > div:not([data-testid])", "span", t("ui.uploader_drop", language))
        + "</style>"
    )


def file_size(size: int, language: Lang) -> str:
    """`size` bytes as Streamlit's file row counts them (1024 to the next unit, one
    decimal), in the language: "12.3 KB", "12,3 Ko"."""
    value: float = size
    units = ("bytes", "kb", "mb", "gb")
    step = 0
    while value >= 1024 and step < len(units) - 1:
        value /= 1024
        step += 1
    unit = units[step]
    return t(f"ui.file_size_{unit}", language, value=fmt_number(value, language))


def uploaded_css(key: str, language: Lang, size: int) -> str:
    """The style sheet that writes the size of the file chosen in the single-file uploader
    `key` in `language` (its English "12.3KB" shrunk to nothing, the size drawn after it).
    The chip's accessible names ("Remove …") are attributes CSS cannot reach: `ui.aria_text`
    translates them."""
    size_box = f'.{key_class(key)} [data-testid="stFileChipName"] + div'
    return (
        "<style>\n"
        f"{size_box} {{ font-size: 0; }}\n"
        f"{size_box}::after {{ content: {css_string(file_size(size, language))}; "
        "font-size: 12px; line-height: 15px; }\n"
        "</style>"
    )


def date_css(language: Lang) -> str:
    """The style sheet that writes every empty date field's placeholders in `language`."""
    rules = "".join(
        _redraw_placeholder(
            f'[data-testid="stDateInputField"] [data-placeholder="true"][data-type="{part}"]',
            t(f"ui.date_placeholder_{part}", language),
        )
        for part in ("day", "month", "year")
    )
    return "<style>\n" + rules + "</style>"


def uploader_texts(key: str, *, megabytes: int, types: Sequence[str]) -> None:
    """Write the texts of the uploader `key` (called just before `st.file_uploader`)."""
    st.html(uploader_css(key, lang(), megabytes=megabytes, types=types))


def uploaded_texts(key: str, size: int) -> None:
    """Write the size of the file chosen in the uploader `key` (called once it has one)."""
    st.html(uploaded_css(key, lang(), size))


def date_texts() -> str:
    """Write the empty date fields' placeholders in the session's language; the `format=`
    to give `st.date_input` (the language's order of day, month and year)."""
    language = lang()
    st.html(date_css(language))
    return DATE_FORMAT[language]
