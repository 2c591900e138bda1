"""The escaping rules: user text shown through Markdown or plotly keeps its characters and loses
every construct (issue 15, findings 4 and 5)."""

from __future__ import annotations

import html
import re

from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from analysis.charts.theme import inert
from analysis.core.markup import escape_html, escape_markdown
from tests.support.hostile_names import EMPHASISED, HOSTILE_LABEL, HOSTILE_NAMES
from tests.support.markup_checks import active_markup, visible_text

#: Text made mostly of the characters Markdown and HTML give a meaning to.
MARKUP_ALPHABET = st.sampled_from([*"*_[]()!<>$`~#|\\&:/.=+-@ \tab1", "http://", "www."])
hostile_text = st.one_of(
    st.lists(MARKUP_ALPHABET, max_size=40).map("".join),
    st.text(max_size=60),
    st.sampled_from([*HOSTILE_NAMES, HOSTILE_LABEL]),
)


#: The invisible character the rules put inside web addresses and e-mails (no autolink).
JOINER = "\u2060"


def _one_line(text: str) -> str:
    return re.sub(r"\r\n|\r|\n", " ", text)


def _compact(text: str) -> str:
    """`text` without whitespace (Markdown trims and folds it) and with NUL as markdown-it shows
    it (U+FFFD): the characters a reader must still see."""
    return "".join(text.replace("\0", "\ufffd").replace(JOINER, "").split())


@given(hostile_text)
def test_escaped_markdown_shows_the_same_characters_and_nothing_active(text: str) -> None:
    escaped = escape_markdown(text)
    assert not active_markup(escaped, EMPHASISED)
    assert _compact(visible_text(escaped)) == _compact(text)


@given(hostile_text)
def test_escaped_markdown_inside_a_sentence_stays_inert(text: str) -> None:
    body = f"Round **{escape_markdown(text)}** · n = 4"
    assert not active_markup(body, ())  # the sentence's own bold is no finding
    assert _compact(text) in _compact(visible_text(body))


def test_the_reported_shapes_are_inert() -> None:
    for text in ("**x**", "$x$", "![](http://127.0.0.1:9/x.png)", "[a](http://127.0.0.1:9/)"):
        assert not active_markup(escape_markdown(text), ("x", "a")), text
        assert visible_text(escape_markdown(text)).replace(JOINER, "") == text


@given(hostile_text)
def test_plotly_labels_hold_no_unescaped_angle_bracket(text: str) -> None:
    label = inert(text)
    assert "<" not in label and ">" not in label
    assert html.unescape(label) == text


def test_addresses_and_e_mails_are_no_autolinks() -> None:
    for text in ("http://127.0.0.1:9/x", "see www.example.org", "alice@example.org"):
        assert not active_markup(escape_markdown(text), ()), text
        assert visible_text(escape_markdown(text)).replace(JOINER, "") == text


@given(hostile_text)
def test_text_inside_trusted_html_holds_no_tag_and_no_markdown(text: str) -> None:
    escaped = escape_html(text)
    assert not re.search(r"[<>\r\n]", escaped)
    assert html.unescape(escaped) == _one_line(text)
    body = f'<div style="font-size:2rem">{escaped}</div>'
    assert [token.type for token in MarkdownIt("commonmark").parse(body)] == ["html_block"]
