"""What each survey tool writes around the answers, so that its columns are never read as answers.

Every tool adds columns of its own (a timestamp, a response ID, an IP address, the
respondent's e-mail...) and some mark unfinished responses. A `Profile` lists, as
normalised headers (`analysis.core.text.normalise`: case, accents, punctuation ignored),
the columns that identify the tool (`signature`), those that are the tool's bookkeeping
(`metadata`) and those that name a person (`personal`), the column holding the time of
submission (used to offer keeping a pole's latest response) and how an incomplete
response is marked. The headers are those of each tool's documented export (see
`tests/corpus/tools/SOURCES.md`); a file is said to come from a tool when at least two of
its signature headers are there, so that one "Timestamp" column proves nothing.

The tools differ only in their headers, so each is described as data, a table of
`tools.toml` read by one function (`_profile`): adding a tool, or a header a tool's new
version writes, is an edit of that file, with no code to copy.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from analysis.core.text import normalise

__all__ = ["PROFILES", "Profile", "detect", "generic_role", "profile"]


@dataclass(frozen=True)
class Profile:
    """One survey tool's export: its own columns and how it marks unfinished responses.

    `incomplete_when_blank`: a response whose cell in one of these columns is blank was not
    submitted (LimeSurvey's `submitdate`). `incomplete_when_value`: `(column, values)`, a
    response whose cell holds one of these (normalised) values is unfinished. `submitted_at`:
    columns holding the time of submission, first present wins. `group_paths`: headers may be
    `group/question` paths (KoboToolbox), read by their last part. `sub_header_words`: the
    words of a second header row that only say "the answer" (SurveyMonkey's `Response`).
    """

    key: str
    name: str
    signature: frozenset[str]
    metadata: frozenset[str] = frozenset()
    personal: frozenset[str] = frozenset()
    submitted_at: tuple[str, ...] = ()
    incomplete_when_blank: tuple[str, ...] = ()
    incomplete_when_value: tuple[str, frozenset[str]] | None = None
    group_paths: bool = False
    sub_header_words: frozenset[str] = frozenset()


#: The tools' descriptions, one table each (the differences between tools are data).
TABLE = Path(__file__).with_name("tools.toml")


def _keys(headers: Iterable[str]) -> frozenset[str]:
    return frozenset(normalise(h) for h in headers)


def _ordered(headers: Iterable[str]) -> tuple[str, ...]:
    """Normalised headers in the order written (`submitted_at`: first present wins)."""
    return tuple(dict.fromkeys(normalise(h) for h in headers))


def _profile(table: dict[str, Any]) -> Profile:
    """One tool's `Profile` from its table in `tools.toml`.

    A signature header is the tool's bookkeeping unless it names a person, so the table
    lists under `metadata` only the bookkeeping columns that are not in the signature. An
    unknown key is refused (a misspelt field would otherwise be ignored silently).
    """
    fields = dict(table)
    unknown = set(fields) - set(Profile.__dataclass_fields__)
    if unknown:
        raise ValueError(f"{TABLE.name}: unknown fields {sorted(unknown)} for {fields.get('key')}")
    signature = _keys(fields.pop("signature"))
    personal = _keys(fields.pop("personal", ()))
    marked = fields.pop("incomplete_when_value", None)
    return Profile(
        fields.pop("key"),
        fields.pop("name"),
        signature=signature,
        metadata=(signature - personal) | _keys(fields.pop("metadata", ())),
        personal=personal,
        submitted_at=_ordered(fields.pop("submitted_at", ())),
        incomplete_when_blank=_ordered(fields.pop("incomplete_when_blank", ())),
        incomplete_when_value=(
            None if marked is None else (normalise(marked["column"]), _keys(marked["values"]))
        ),
        group_paths=bool(fields.pop("group_paths", False)),
        sub_header_words=_keys(fields.pop("sub_header_words", ())),
    )


with TABLE.open("rb") as _handle:
    _DESCRIPTIONS = tomllib.load(_handle)

#: Every tool, in the order they are tried (the first wins a tie).
PROFILES: tuple[Profile, ...] = tuple(_profile(table) for table in _DESCRIPTIONS["tool"])
#: Bookkeeping columns whatever the tool: times, identifiers, durations, addresses.
GENERIC_METADATA: frozenset[str] = _keys(_DESCRIPTIONS["generic"]["metadata"])
#: Columns naming a person whatever the tool.
GENERIC_PERSONAL: frozenset[str] = _keys(_DESCRIPTIONS["generic"]["personal"])


def detect(headers: Iterable[str]) -> Profile | None:
    """The tool whose signature headers the row holds most (at least two), else `None`."""
    keys = {normalise(h) for h in headers}
    best, best_count = None, 1
    for candidate in PROFILES:
        count = len(keys & candidate.signature)
        if count > best_count:
            best, best_count = candidate, count
    return best


def profile(key: str) -> Profile | None:
    """The profile called `key` (`"limesurvey"`), if any."""
    return next((p for p in PROFILES if p.key == key), None)


def generic_role(key: str, tool: Profile | None) -> Literal["personal", "metadata"] | None:
    """`"metadata"` or `"personal"` for a normalised header the tool (or any tool) adds."""
    if tool is not None and key in tool.personal:
        return "personal"
    if tool is not None and key in tool.metadata:
        return "metadata"
    if key in GENERIC_PERSONAL:
        return "personal"
    if key in GENERIC_METADATA:
        return "metadata"
    return None
