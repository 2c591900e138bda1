"""Manual column mappings: what can be chosen, how it is named, and remembering it.

On the upload page, a header that was not recognised can be mapped by hand to a field
(or a field's year), or kept as an extra column. The choice is remembered in the store
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
from analysis.ingest.mapping.columns import EXTRA, ColumnMapping, ColumnMatch, parse_target
from analysis.ingest.mapping.headers import header_text, header_year, normalise_header

__all__ = [
    "candidates",
    "mapping_signature",
    "prefill",
    "signature",
    "target_label",
    "target_years",
    "targets",
    "to_remember",
]


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
    """`Keep as an extra column`, `Members`, `EU proposals submitted 2021`."""
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
    """The remembered choices that apply to this file: header (as written now) -> target.

    Headers are matched normalised (the signature ignores case and question numbers, so
    the remembered spelling may differ); targets that no longer name a field are dropped.
    """
    wanted = {normalise_header(header): target for header, target in saved.items()}
    chosen = {}
    for match in candidates(mapping):
        target = wanted.get(normalise_header(match.header))
        if target is not None and _valid(target):
            chosen[match.header] = target
    return chosen


def to_remember(choices: Mapping[str, str]) -> dict[str, str]:
    """The choices worth remembering: those that map a header to a field (not extras)."""
    return {header: target for header, target in choices.items() if target != EXTRA}
