"""User text on screen: translated labels, and escaping of anything a user typed.

Pole names, headers and file names come from uploads; they are shown as text, never as
HTML, and are escaped before they reach Markdown so that `[x](http://…)` or `![](…)` in a
cell cannot become a link or fetch an image.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from analysis.core.i18n import DEFAULT_LANG, Lang, as_lang, t
from analysis.core.markup import escape_markdown

#: The Markdown rule under its short name (`analysis.core.markup.escape_markdown`).
md_escape = escape_markdown


#: Session-state key of the interface language (kept apart from the switch widget's own key).
LANG_KEY = "_lang"


def lang() -> Lang:
    """The interface language of this session."""
    return as_lang(st.session_state.get(LANG_KEY, DEFAULT_LANG))


def tr(key: str, **params: Any) -> str:
    """`analysis.core.i18n.t` in the session's language."""
    return t(key, lang(), **params)


def tr_md(key: str, **params: Any) -> str:
    """`tr` for text shown as Markdown: the catalogue's own wording keeps its formatting, and
    every parameter (a round label, a pole name, a number) is escaped, so nothing a user typed
    can become a link, an image, emphasis or maths. Numbers are left to the catalogue, which
    formats them for the language and holds no markup in them."""
    escaped = {k: md_escape(v) if isinstance(v, str) else v for k, v in params.items()}
    return tr(key, **escaped)
