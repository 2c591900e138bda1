"""A page's own options in the address bar, beside the global filters.

The shell writes the global filters into the query string; a page adds its options (the
trends split, the map's figure, the pole looked at, the slide shown), so that a copied
link restores the page as it was seen, not only its filters. Each option is kept under
its widget's key, as a stable code (`region`, not "Région"), so a link works in either
language; an option at its default is left out to keep links short.

Streamlit clears the query string on a page switch, and a page's widgets lose their state
when it is left: a page opened from the sidebar starts from its defaults, a page opened
from a link starts from the link.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import streamlit as st

#: Longest free text taken from a link (a search box's words, not a document).
MAX_TEXT = 200

#: What an option's `parse` makes of the link's text (`str`, `int`, a code).
T = TypeVar("T")


def linked(key: str, allowed: Sequence[T] | None, *, parse: Callable[[str], T]) -> list[T]:
    """The values the link gives for option `key` that this page offers (hand-edited or
    stale values are dropped: the default applies); `allowed=None` takes any short text."""
    values = _parsed(st.query_params.get_all(key), parse)
    if allowed is None:
        return [value for value in values if len(str(value)) <= MAX_TEXT]
    return [value for value in values if value in allowed]


def start(
    key: str,
    allowed: Sequence[object] | None,
    default: object,
    *,
    keyword: str = "default",
    parse: Callable[[str], object] = str,
    many: bool = False,
) -> dict[str, Any]:
    """The starting-value keyword for widget `key`: from the link on its first creation.

    Typed `Any` because it is spread into a Streamlit widget call, whose keyword's type
    depends on the widget (`index` an int, `default` a list, `value` the widget's own).

    A value the widget already holds is kept, unless this page no longer offers it; a
    valid value in the link goes through session state (so the widget is not also given a
    default, which Streamlit warns about); otherwise the widget starts from `default`,
    given as `keyword` (`default`, `index` or `value`, as the widget names it).
    """
    if key in st.session_state:
        held = st.session_state[key]
        values = held if many and isinstance(held, list | tuple) else [held]
        if allowed is None or all(value in allowed for value in values):
            return {}
        del st.session_state[key]
    chosen = linked(key, allowed, parse=parse)
    if chosen and (many or len(chosen) == 1):
        st.session_state[key] = chosen if many else chosen[0]
        return {}
    if keyword == "index" and allowed is not None:
        return {"index": list(allowed).index(default)}
    return {keyword: default}


def _parsed(texts: list[str], parse: Callable[[str], T]) -> list[T]:
    values = []
    for text in texts:
        try:
            values.append(parse(text))
        except ValueError:
            continue  # a hand-edited link: ignored, the default applies
    return values


def keep(key: str, value: object, default: object) -> None:
    """Write option `key` into the query string, or take it out when at its default."""
    if value is None or value == default or value == []:
        if key in st.query_params:
            del st.query_params[key]
        return
    wanted = [str(v) for v in value] if isinstance(value, list | tuple) else [str(value)]
    if st.query_params.get_all(key) != wanted:
        st.query_params[key] = wanted if len(wanted) > 1 else wanted[0]
