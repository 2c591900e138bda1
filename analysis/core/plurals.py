"""Plural forms in messages, chosen by the language's CLDR rules (through Babel).

A message says `{n, plural, one {# pôle} other {# pôles}}` where a count decides the
wording, the subset of ICU MessageFormat that translators already know. The variant is
picked by Babel's CLDR plural rules, so French says "0 pôle" and "1 pôle" (one covers 0
and 1) while English says "0 poles"; an exact selector such as `=0 {aucun pôle}` wins
over the category. Inside a variant, `#` stands for the count (formatted for the language
like any other number) and other `{placeholders}` stay as they are for `str.format`.

This avoids the "pôle(s)" workaround, which reads badly and cannot agree the verb or the
adjective ("1 candidature(s) sont arrivées").
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from functools import cache
from numbers import Real
from typing import Any

from babel import Locale

#: The start of a plural block: `{name, plural,`.
_HEAD = re.compile(r"\{\s*(\w+)\s*,\s*plural\s*,")
_SELECTOR = re.compile(r"\s*(=\d+|zero|one|two|few|many|other)\s*\{")


class PluralSyntaxError(ValueError):
    """A plural block that cannot be read (a catalogue mistake, caught by the tests)."""


def has_plural(template: str) -> bool:
    """Whether `template` holds at least one plural block."""
    return _HEAD.search(template) is not None


def blocks(template: str) -> list[tuple[str, dict[str, str]]]:
    """Each plural block of `template` as (count name, {selector: variant}), in order."""
    found = []
    for _, name, variants, _ in _scan(template):
        found.append((name, variants))
    return found


def flatten(template: str) -> list[str]:
    """`template` cut into its plain text and each variant's text (for checks on wording)."""
    pieces: list[str] = []
    position = 0
    for start, _, variants, end in _scan(template):
        pieces.append(template[position:start])
        pieces.extend(variants.values())
        position = end
    pieces.append(template[position:])
    return pieces


def expand(template: str, locale: str, params: Mapping[str, Any]) -> str:
    """`template` with every plural block replaced by the variant its count calls for.

    The count is read from `params` before numbers are formatted (a missing count raises
    `KeyError`, a count that is not a number `TypeError`); `#` becomes `{name}` so the
    count is then formatted like every other number.
    """
    if not has_plural(template):
        return template
    pieces: list[str] = []
    position = 0
    for start, name, variants, end in _scan(template):
        pieces.append(template[position:start])
        chosen = _choose(variants, params[name], locale)
        pieces.append(chosen.replace("#", "{" + name + "}"))
        position = end
    pieces.append(template[position:])
    return "".join(pieces)


def category(count: Any, locale: str) -> str:
    """The CLDR plural category of `count` in `locale` ("one", "many", "other"…)."""
    if isinstance(count, bool) or not isinstance(count, Real):
        raise TypeError(f"plural count must be a number, not {type(count).__name__}")
    number = float(count)
    return str(_rule(locale)(abs(int(number)) if number.is_integer() else abs(number)))


def _choose(variants: dict[str, str], count: Any, locale: str) -> str:
    form = category(count, locale)  # checks that the count is a number
    number = float(count)
    if number.is_integer() and f"={int(number)}" in variants:
        return variants[f"={int(number)}"]
    return variants.get(form, variants["other"])


@cache
def _rule(locale: str) -> Any:
    return Locale.parse(locale).plural_form


def _scan(template: str) -> list[tuple[int, str, dict[str, str], int]]:
    """Every plural block: (start, count name, variants, end just after its brace)."""
    found = []
    position = 0
    while (head := _HEAD.search(template, position)) is not None:
        variants, end = _variants(template, head.end())
        if "other" not in variants:
            raise PluralSyntaxError(f"plural block on {head.group(1)!r} has no 'other'")
        found.append((head.start(), head.group(1), variants, end))
        position = end
    return found


def _variants(template: str, position: int) -> tuple[dict[str, str], int]:
    """The `selector {text}` pairs from `position` up to the block's closing brace."""
    variants: dict[str, str] = {}
    while True:
        while position < len(template) and template[position].isspace():
            position += 1
        if position >= len(template):
            raise PluralSyntaxError("plural block not closed")
        if template[position] == "}":
            return variants, position + 1
        selector = _SELECTOR.match(template, position)
        if selector is None:
            raise PluralSyntaxError(f"bad plural selector at {template[position:][:20]!r}")
        body_start = selector.end()
        depth = 1
        position = body_start
        while depth:
            if position >= len(template):
                raise PluralSyntaxError("plural variant not closed")
            depth += {"{": 1, "}": -1}.get(template[position], 0)
            position += 1
        variants[selector.group(1)] = template[body_start : position - 1]


def parameters(template: str) -> set[str]:
    """Every parameter `template` needs: the plural counts and each `{placeholder}`."""
    names = {name for name, _ in blocks(template)}
    for piece in flatten(template):
        names |= {field for _, field, _, _ in string.Formatter().parse(piece) if field}
    return names
