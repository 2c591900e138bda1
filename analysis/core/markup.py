"""The one rule that keeps user text from becoming Markdown: `escape_markdown`.

Round labels, pole, region and sector names, initiative titles, file names and column headers
come from uploads or from a user. Streamlit renders captions, banners, headings, buttons and
tab labels as Markdown (with GitHub's extensions, maths and raw HTML stripped), so such text
shown unescaped lets an upload add links, bold text, `$maths$`, or an image that every
visitor's browser fetches. Escaping every punctuation character Markdown can give a meaning to
keeps the visible characters and removes every construct; it lives in `analysis` (not `ui`)
because some captions are worded by the analysis modules themselves.
"""

from __future__ import annotations

import html
import re

#: Every character a CommonMark/GFM/maths renderer can read as syntax; `:` also stops
#: Streamlit's `:material/icon:` and `:red[text]` directives, `&` keeps `&lt;` as typed.
_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:&])")
#: Line breaks would start a new block (a heading, a list, a code block); one space instead.
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
#: Whitespace at the start of a body would make an indented code block (a tab, four spaces);
#: Markdown does not show it anyway.
_LEADING_SPACE = re.compile(r"^[ \t]+")
#: GitHub's autolinks (`http://…`, `www.…`, `a@b.c`) are found in the rendered text, after
#: escapes are undone, so escaping cannot stop them: an invisible WORD JOINER (U+2060) after
#: `http`, `https`, `www` or `@` breaks them apart for the link finder (checked in Chromium by
#: `tests/browser/test_hostile_names.py`) and changes nothing a reader sees.
_WEB_ADDRESS = re.compile(r"(https?(?=:)|www(?=\.)|@)", re.IGNORECASE)


def escape_markdown(text: object) -> str:
    """`text` (anything; `str()` is taken) as inert Markdown that shows the same characters.

    Every Markdown-significant character is backslash-escaped and line breaks become spaces,
    so `**x**` is not bold, `$x$` is not maths, `![](http://…)` fetches nothing and
    `[a](http://…)` or a bare `http://…` is no link. Leading blanks are dropped (they would
    turn a caption into a code block).
    """
    one_line = _LEADING_SPACE.sub("", _LINE_BREAK.sub(" ", str(text)))
    return _SPECIAL.sub(r"\\\1", _WEB_ADDRESS.sub("\\1\u2060", one_line))


def escape_html(text: object) -> str:
    """`text` for the inside of a trusted HTML element rendered by Streamlit's Markdown.

    `<`, `>`, `&` and quotes become entities (no tag, no attribute). Line breaks become
    spaces, so the element stays one HTML block to its end: Markdown (emphasis, maths,
    autolinks) is not read inside an HTML block, and a blank line is what would end it.
    """
    return html.escape(_LINE_BREAK.sub(" ", str(text)), quote=True)
