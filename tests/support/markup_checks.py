"""What a Markdown body or a plotly figure would make active, checked the way a browser would.

Streamlit renders Markdown with GitHub's extensions (bare `http://` and `www.` addresses become
links) and maths; markdown-it-py parses the CommonMark part, and the two extensions are checked
on the rendered text (a bare address or an e-mail, as remark-gfm finds them after escapes are
undone) and on the source (a `$` that no backslash escapes).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from markdown_it import MarkdownIt

_PARSER = MarkdownIt("commonmark")
#: Tokens that would fetch, link or inject something.
_ACTIVE = {"link_open", "image", "html_inline", "html_block", "autolink"}
_EMPHASIS = {"strong_open", "em_open", "s_open"}
#: What GitHub's autolink finder links in the rendered text (escapes no longer count there).
_BARE_ADDRESS = re.compile(r"https?://|www\.|[-.\w+]+@[-\w]+(?:\.[-\w]+)+", re.IGNORECASE)
_UNESCAPED_DOLLAR = re.compile(r"(?<!\\)\$")


def _inline_tokens(body: str) -> Iterator[tuple[str, str]]:
    """(token type, text inside it) for every inline token of `body`."""
    for block in _PARSER.parse(body):
        if block.type == "html_block":
            yield block.type, block.content
        for index, token in enumerate(block.children or []):
            following = (block.children or [])[index + 1 : index + 2]
            inner = following[0].content if following else ""
            yield token.type, inner if token.type in _EMPHASIS else token.content


def visible_text(body: str) -> str:
    """The characters a reader sees once `body` is rendered (text tokens joined)."""
    parts: list[str] = []
    for block in _PARSER.parse(body):
        for token in block.children or []:
            if token.type in ("text", "code_inline"):
                parts.append(token.content)
            elif token.type in ("softbreak", "hardbreak"):
                parts.append(" ")
    return "".join(parts)


def active_markup(body: str, emphasised: tuple[str, ...]) -> list[str]:
    """What in `body` a user's text made active: links, images, HTML, maths, bare addresses,
    and emphasis whose inner text is one of `emphasised` (what a hostile name's own `**x**`
    would bold: the catalogue may bold its own words, or a whole escaped name)."""
    found = [
        f"{kind}: {inner!r}"
        for kind, inner in _inline_tokens(body)
        if kind in _ACTIVE or (kind in _EMPHASIS and inner.strip() in emphasised)
    ]
    if _UNESCAPED_DOLLAR.search(body):
        found.append("maths: unescaped $")
    if _BARE_ADDRESS.search(visible_text(body)):
        found.append("autolink: bare address or e-mail")
    return found


#: Figure keys plotly never draws (values handed back on a click, point identities).
_NOT_SHOWN = frozenset({"customdata", "ids", "meta", "uid"})


def figure_strings(value: Any) -> Iterator[str]:
    """Every string held anywhere in a plotly figure's JSON (titles, ticks, hover, text)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in _NOT_SHOWN:
                yield from figure_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from figure_strings(item)


def raw_html_in_figure(figure: dict[str, Any], user_texts: tuple[str, ...]) -> list[str]:
    """Strings of `figure` in which a user's text still holds a `<` plotly could read as a tag."""
    hits = []
    for text in figure_strings(figure):
        if "<a" in text.lower() or any("<" in user and user in text for user in user_texts):
            hits.append(text)
    return hits


#: The app's own HTML wrapper around a line of slide text (`pages/presentation.py`), with
#: one of its own style classes (`slide-title`, `slide-bullet`) or none.
_OWN_BLOCK = re.compile(r'^<div (?:class="[a-z-]+" )?style="[^"<>]*">(.*)</div>$', re.S)


def markdown_source(body: str) -> str:
    """`body` as Markdown to check; for the app's own slide-text `<div>` (one HTML block, in
    which Markdown is not read), its content when that holds a tag or a line break (which
    the checks then report), else nothing."""
    own = _OWN_BLOCK.match(body)
    if own is None:
        return body
    inner = own.group(1)
    return inner if any(c in inner for c in "<>\r\n") else ""


def figure_json(spec: str) -> dict[str, Any]:
    """A plotly chart element's spec as a dict."""
    loaded: dict[str, Any] = json.loads(spec)
    return loaded
