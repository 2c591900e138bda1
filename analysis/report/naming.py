"""File names of the reports: the pole's name in them, safe on every file system.

A pole is named by people (`Pôle = Mer <Bretagne>`, 300 characters, `../x`): the name is
reduced to ASCII letters, digits and dashes, cut to a length every system accepts, and
never empty. Two poles that reduce to the same name get `-2`, `-3`… in a batch.
"""

from __future__ import annotations

import re
import unicodedata

from analysis.core.i18n import Lang

#: Longest pole part of a file name (the whole name stays far below 255 bytes).
MAX_NAME_CHARS = 60
_UNSAFE = re.compile(r"[^A-Za-z0-9]+")


def slug(text: str, fallback: str = "pole") -> str:
    """`Pôle Mer Bretagne` -> `Pole-Mer-Bretagne`; accents dropped, anything else a dash."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    cleaned = _UNSAFE.sub("-", ascii_text).strip("-")[:MAX_NAME_CHARS].strip("-")
    return cleaned or fallback


def report_stem(kind: str, label: str, lang: Lang, name: str | None = None) -> str:
    """`report_2023_en_Aerospace-Valley`, `rapport_2023_fr`, `fact-sheet_2023_en`…"""
    parts = [kind, slug(label, "round"), lang]
    if name is not None:
        parts.append(slug(name))
    return "_".join(parts)


def unique(stem: str, taken: set[str]) -> str:
    """`stem`, or `stem-2`, `stem-3`… the first not in `taken` (which it joins)."""
    candidate, number = stem, 1
    while candidate.lower() in taken:
        number += 1
        candidate = f"{stem}-{number}"
    taken.add(candidate.lower())
    return candidate
