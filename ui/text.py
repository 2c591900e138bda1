"""User text on screen: translated labels, and escaping of anything a user typed.

Pole names, headers and file names come from uploads; they are shown as text, never as
HTML, and are escaped before they reach Markdown so that `[x](http://…)` or `![](…)` in a
cell cannot become a link or fetch an image.
"""

from __future__ import annotations

import re
from typing import Any

import streamlit as st

from analysis.core.i18n import DEFAULT_LANG, Lang, as_lang, t

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:])")


def md_escape(text: object) -> str:
    """`text` with every Markdown-significant character escaped."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(text))


#: Session-state key of the interface language (kept apart from the switch widget's own key).
LANG_KEY = "_lang"


def lang() -> Lang:
    """The interface language of this session."""
    return as_lang(st.session_state.get(LANG_KEY, DEFAULT_LANG))


def tr(key: str, **params: Any) -> str:
    """`analysis.core.i18n.t` in the session's language."""
    return t(key, lang(), **params)
