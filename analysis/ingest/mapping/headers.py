"""What one header means: question numbers and notes dropped, aliases, per-year rules.

Per-year columns: a header that holds one year (1990–2100) and a project word (projet,
project, proposal, proposition, candidature, dossier) or a funded word (retenu, financé,
lauréat, funded, selected, granted, accepté, gagné) is a per-year column, funded when a
funded word is there, submitted otherwise. The year is looked for in the header *without*
its bracketed notes first; only when that holds no year is a note looked at, and then only a
note naming exactly one year: `Projets déposés (2019)` is submitted 2019, while
`Projets déposés (2019-2022)` or `Projets déposés 2019-2022` name a period, so the column
is a total over years and is kept as an extra. Headers about rates or money (`taux`,
`montant`, `budget`, `%`, `€`) and about recruitment are never per-year project counts.

Keyword rules are a fallback for headers that match no alias exactly, tried in order
(`recrut` + `prévoi`/`plan` -> plans_to_recruit before `recrut` alone ->
europe_team_recruitments, `coordin`/`coordon` ("adhérents qui coordonnent"), `etp`/`fte`,
`adhérent`/`member`, `région`, `secteur`/`thème`, then `nom ... pôle`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time
from functools import cache, lru_cache

import pandas as pd

from analysis.core.schema import EXCEL_ERRORS, POLE_FIELDS, YEAR_MAX, YEAR_MIN
from analysis.core.text import normalise
from analysis.export.safety import undo

_QUESTION_NUMBER = re.compile(
    r"^\s*(?:(?:q|question)\s*\d{1,3}[a-z]?\s*[-–—.:)]?|\d{1,3}[a-z]?\s*[-–—.:)])\s*",
    re.IGNORECASE,
)
_TRAILING_NOTE = re.compile(r"\s*[(\[{]([^()\[\]{}]*)[)\]}][\s?:.]*$")
_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")
_PROJECT_WORD = re.compile(r"\b(projet|project|proposal|proposition|candidature|dossier)")
_FUNDED_WORD = re.compile(
    r"\b(retenue?s?|financee?s?|laureate?s?|funded|selected|granted|acceptee?s?|accepted"
    r"|gagnee?s?|selectionnee?s?|won|awarded|successful)\b"
)
_NOT_A_COUNT = re.compile(
    r"\b(taux|rate|ratio|pourcentage|percent|percentage|montant|amount|budget|euros?|eur|"
    r"keur|meur)\b|\b(recrut|recruit|embauch|hire|hiring)"
)
_MONEY_OR_RATE_SIGN = re.compile(r"[%€$£]")

_RECRUIT = r"\b(recrut|recruit|embauch|hire|hires|hiring)"
_PLANNED = r"\b(prevoi|prevu|prevoy|plan|intend|envisag|compte|souhait|projet)"
_HOW_MANY = r"\b(nombre|number|nb|combien|how many)\b"

#: Keyword fallbacks, tried in order on headers that matched no alias exactly:
#: (field key, patterns that must all be found, pattern that must not be found).
#: "Nombre de recrutements prévus" is neither a yes/no plan nor past recruitments: extra.
_KEYWORD_RULES: tuple[tuple[str, tuple[re.Pattern[str], ...], re.Pattern[str] | None], ...] = tuple(
    (key, tuple(re.compile(p) for p in patterns), re.compile(never) if never else None)
    for key, patterns, never in (
        ("plans_to_recruit", (_RECRUIT, _PLANNED), _HOW_MANY),
        ("europe_team_recruitments", (_RECRUIT,), _PLANNED),
        ("coordinator_members", (r"\bcoord(in|on)",), None),
        (
            "europe_team_fte",
            (r"\b(etp|fte)\b|equivalents? temps plein|full time equivalent",),
            None,
        ),
        ("members", (r"\b(adherent|member|membre)",), None),
        ("region", (r"\bregion",), None),
        (
            "sector",
            (r"\b(secteur|thematique|domaine|filiere|sector|theme|thematic|domain)",),
            None,
        ),
        (
            "pole",
            (
                r"^(pole|cluster)s?\b|\b(nom|name|denomination|intitule|libelle)\b.*"
                r"\b(pole|cluster)s?\b",
            ),
            None,
        ),
    )
)


def header_text(value: object) -> str:
    """A header cell as text: numbers without a spurious `.0`, dates as ISO, blank as `""`,
    and the apostrophe an export put before a formula-like header (`'-5 growth %`) removed."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return undo(str(value).strip())


def _strip_question_number(text: str) -> str:
    return _QUESTION_NUMBER.sub("", text, count=1)


def _split_notes(text: str) -> tuple[str, list[str]]:
    """`"Projets (nombre) [2019]"` -> `("Projets", ["2019", "nombre"])`: trailing notes off."""
    notes: list[str] = []
    while True:
        found = _TRAILING_NOTE.search(text)
        if not found or found.start() == 0:
            return text, notes
        notes.append(found.group(1))
        text = text[: found.start()]


def normalise_header(text: object) -> str:
    """`"Q3 - Projets déposés 2019 (nombre)"` -> `"projets deposes 2019"`.

    `analysis.core.text.normalise` (case, accents, punctuation, typographic quotes, white space)
    after dropping a leading question number and any trailing bracketed notes.
    """
    if not isinstance(text, str):
        text = header_text(text)
    main, _notes = _split_notes(_strip_question_number(text))
    return normalise(main)


def _years(text: str) -> list[int]:
    found = {int(y) for y in _YEAR.findall(text)}
    return sorted(y for y in found if YEAR_MIN <= y <= YEAR_MAX)


def header_year(text: str) -> int | None:
    """The single year a header names, or `None` (no year, or a period of several years)."""
    main, notes = _split_notes(_strip_question_number(text))
    years = _years(main)
    if not years:
        note_years = [_years(note) for note in notes]
        years = [y for ys in note_years for y in ys]
        if any(len(ys) > 1 for ys in note_years):
            return None
    return years[0] if len(set(years)) == 1 else None


@cache
def _alias_index() -> dict[str, str]:
    """Normalised alias -> field key, for the one-value-per-pole fields."""
    index: dict[str, str] = {}
    for field in POLE_FIELDS:
        for alias in (*field.aliases, field.label_en, field.label_fr, field.key):
            index.setdefault(normalise_header(alias.replace("_", " ")), field.key)
    index.pop("", None)
    return index


def _per_year_field(text: str, key: str) -> tuple[str, int] | None:
    """`("projects_funded", 2019)` when the header is a per-year project count."""
    if _MONEY_OR_RATE_SIGN.search(text) or _NOT_A_COUNT.search(key):
        return None
    funded = bool(_FUNDED_WORD.search(key))
    if not funded and not _PROJECT_WORD.search(key):
        return None
    year = header_year(text)
    if year is None:
        return None
    return ("projects_funded" if funded else "projects_submitted", year)


def keyword_fields(key: str) -> list[str]:
    """Every field whose keyword rule matches the normalised header `key`, in rule order."""
    return [
        field
        for field, patterns, never in _KEYWORD_RULES
        if all(p.search(key) for p in patterns) and not (never and never.search(key))
    ]


def _keyword_field(key: str) -> str | None:
    found = keyword_fields(key)
    return found[0] if found else None


@dataclass(frozen=True)
class Guess:
    field: str | None
    year: int | None
    exact: bool  # alias, per-year rule or manual override (collisions are errors)


@lru_cache(maxsize=8192)
def guess(text: str) -> Guess:
    """What a header asks; an Excel error value (`#NAME?` reads as "name") asks nothing."""
    key = normalise_header(text)
    if not key or text.strip().upper() in EXCEL_ERRORS:
        return Guess(None, None, exact=False)
    exact = _alias_index().get(key)
    if exact is not None:
        return Guess(exact, None, exact=True)
    per_year = _per_year_field(text, normalise(_strip_question_number(text)))
    if per_year is not None:
        return Guess(per_year[0], per_year[1], exact=True)
    return Guess(_keyword_field(key), None, exact=False)
