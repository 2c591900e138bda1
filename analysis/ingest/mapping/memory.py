"""Manual column mappings: what can be chosen, how it is named, and remembering it.

On the upload page, any column can be mapped by hand (issue 13, item 4): to a field (or a
field's year, given by hand when the header names none), kept as an extra column, or left
out as ignored, personal data or the tool's bookkeeping (`DROP_TARGETS`). A choice is named
by the column's header, or by its letter when the header is blank or repeated in the row
(`column_key`). The choices are remembered in the store
under the *signature* of the header row, the SHA-256 of its normalised headers (question
numbers, notes in brackets, case, accents and punctuation ignored), so that the next
round sent with the same questionnaire comes pre-filled. This module is pure; the store
keeps the rows (`SurveyStore.saved_mapping` / `save_mapping`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping

from analysis.core.i18n import Lang, t
from analysis.core.schema import FIELDS, FIELDS_BY_KEY
from analysis.ingest.mapping.columns import (
    DROP_TARGETS,
    EXTRA,
    IGNORE,
    ColumnMapping,
    ColumnMatch,
    parse_target,
)
from analysis.ingest.mapping.headers import header_text, header_year, normalise_header
from analysis.ingest.mapping.identify import ColumnIdentity, Role

__all__ = [
    "ROLES",
    "candidates",
    "choice_target",
    "column_key",
    "identity_target",
    "mapping_signature",
    "prefill",
    "signature",
    "target_label",
    "target_years",
    "targets",
    "to_remember",
]


#: The roles a column can be given by hand, in the order offered.
ROLES: tuple[Role, ...] = ("answer", "unknown", "ignored", "personal", "metadata")
#: Role -> the target giving it, for the roles that answer no field.
_ROLE_TARGETS: dict[str, str] = {"unknown": EXTRA} | {r: t for t, r in DROP_TARGETS.items()}


def identity_target(identity: ColumnIdentity) -> str:
    """The target that reads a column as `identify` did (`"members"`, `"extra"`, `"personal"`)."""
    if identity.role == "answer" and identity.target is not None:
        return identity.target
    return _ROLE_TARGETS.get(identity.role, EXTRA)


def choice_target(role: str, field: str | None, year: int | None) -> str | None:
    """The target of a choice made by hand; `None` when it is not complete.

    A column read as an answer needs a field, and a yearly field a year (the header may
    name none: a LimeSurvey code such as `Q2_SQ001`); other roles need neither.
    """
    if role != "answer":
        return _ROLE_TARGETS.get(role, IGNORE)
    if field is None or field not in FIELDS_BY_KEY:
        return None
    if FIELDS_BY_KEY[field].per_year:
        return f"{field}@{int(year)}" if year is not None else None
    return field


def column_key(mapping: ColumnMapping, match: ColumnMatch) -> str:
    """How a choice names a column: its header, or its letter when the header is blank or
    repeated in the row (an override by header would then reach every such column)."""
    same = sum(1 for other in mapping.columns if other.header == match.header)
    return match.header if match.header and same == 1 else match.letter


def signature(headers: Iterable[object]) -> str:
    """SHA-256 (hex) of a header row's normalised headers, trailing blank cells ignored."""
    keys = [normalise_header(header_text(header)) for header in headers]
    while keys and not keys[-1]:
        keys.pop()
    return hashlib.sha256("\x1f".join(keys).encode("utf-8")).hexdigest()


def mapping_signature(mapping: ColumnMapping) -> str:
    """The signature of the header row a mapping was read from."""
    return signature(match.header for match in mapping.columns)


def candidates(mapping: ColumnMapping) -> tuple[ColumnMatch, ...]:
    """Columns offered for manual mapping: headed ones that answer no field (as guessed).

    Columns repeating a field (duplicates) are among them: mapping one to another year
    or field resolves the duplicate. Columns without a header cannot be named in an
    override and are left out.
    """
    return tuple(m for m in mapping.columns if m.field is None and m.header)


def target_years(mapping: ColumnMapping) -> list[int]:
    """Years a per-year target may name: the file's per-year columns' and any candidate's."""
    named = (header_year(m.header) for m in candidates(mapping))
    return sorted(set(mapping.years) | {year for year in named if year is not None})


def targets(years: Iterable[int]) -> list[str]:
    """Every target, in the order offered: extra, each per-pole field, each field's year."""
    options = [EXTRA, *(f.key for f in FIELDS if not f.per_year)]
    for field in FIELDS:
        if field.per_year:
            options += [f"{field.key}@{year}" for year in sorted(set(years))]
    return options


def target_label(target: str, lang: Lang) -> str:
    """`Keep as an extra column`, `Members`, `EU proposals submitted 2021`, `Leave out:
    personal data`."""
    if target in DROP_TARGETS:
        return t(f"upload.map_{target}", lang)
    key, year = parse_target(target)
    if key is None:
        return t("upload.map_extra", lang)
    label = FIELDS_BY_KEY[key].label(lang)
    return f"{label} {year}" if year is not None else label


def _valid(target: str) -> bool:
    try:
        parse_target(target)
    except ValueError:
        return False
    return True


def prefill(saved: Mapping[str, str], mapping: ColumnMapping) -> dict[str, str]:
    """The remembered choices that apply to this file: `column_key` (as written now) -> target.

    Every column may have one, recognised columns included. Headers are matched normalised
    (the signature ignores case and question numbers, so the remembered spelling may
    differ), letters as they are; targets that no longer name a field are dropped.
    """
    wanted = {normalise_header(header): target for header, target in saved.items()}
    chosen = {}
    for match in mapping.columns:
        key = column_key(mapping, match)
        target = saved.get(key) if key == match.letter else wanted.get(normalise_header(key))
        if target is not None and _valid(target):
            chosen[key] = target
    return chosen


def to_remember(
    choices: Mapping[str, str], guessed: Mapping[str, str] | None = None
) -> dict[str, str]:
    """The choices worth remembering: those that change how a column is read.

    `guessed` (column key -> target as identified without any choice) drops the choices
    that only confirm a guess; without it, choices keeping a column as an extra one are
    dropped (what an unrecognised column is anyway).
    """
    if guessed is None:
        return {key: target for key, target in choices.items() if target != EXTRA}
    return {key: target for key, target in choices.items() if guessed.get(key) != target}
