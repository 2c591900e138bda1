"""The catalogues use the glossary's terms: no message uses a variant `docs/GLOSSARY.md`
forbids (its machine-readable table), except where the glossary allows it by key."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from analysis.core.i18n import LANGS, catalogue
from analysis.core.plurals import flatten

GLOSSARY = Path(__file__).resolve().parents[2] / "docs" / "GLOSSARY.md"


@dataclass(frozen=True)
class Forbidden:
    lang: str
    pattern: re.Pattern[str]
    instead: str
    allowed: frozenset[str]


def forbidden_variants(text: str) -> list[Forbidden]:
    """The rows of the table under "## Forbidden variants"."""
    section = text.split("## Forbidden variants", 1)[1].split("\n## ", 1)[0]
    rows = []
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) != 4 or not cells[1].startswith("`"):
            continue
        lang, pattern, instead, allowed = cells
        rows.append(
            Forbidden(
                lang,
                re.compile(pattern.strip("`"), re.IGNORECASE),
                instead,
                frozenset(key.strip() for key in allowed.split(",") if key.strip()),
            )
        )
    return rows


def violations(rows: list[Forbidden], messages: dict[str, dict[str, str]]) -> list[str]:
    """`key (lang): "found" -> use instead` for every forbidden variant a message uses."""
    found = []
    for row in rows:
        for key, texts in messages.items():
            if key in row.allowed or row.lang not in texts:
                continue
            for piece in flatten(texts[row.lang]):
                for match in row.pattern.finditer(piece):
                    found.append(f'{key} ({row.lang}): "{match.group(0)}" -> {row.instead}')
    return found


def test_the_glossary_lists_forbidden_variants_for_both_languages() -> None:
    rows = forbidden_variants(GLOSSARY.read_text(encoding="utf-8"))
    assert {row.lang for row in rows} == set(LANGS)
    assert any(row.pattern.search("clusters") for row in rows if row.lang == "en")


def test_every_key_the_glossary_allows_exists() -> None:
    rows = forbidden_variants(GLOSSARY.read_text(encoding="utf-8"))
    assert {key for row in rows for key in row.allowed} <= set(catalogue())


def test_no_catalogue_message_uses_a_forbidden_variant() -> None:
    rows = forbidden_variants(GLOSSARY.read_text(encoding="utf-8"))
    problems = violations(rows, catalogue())
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Responding clusters"),
        ("fr", "Projets européens financés"),
        ("fr", "Connecté en tant que éditeur"),
        ("fr", "Enquête {label} : n = {n} pôles"),
        ("fr", "Source : enquêtes {rounds}"),
        ("fr", "L'enquête « {label} » n'a pas de version {version}."),
        ("fr", "{n, plural, one {# projet financé} other {# projets financés}}"),
    ],
)
def test_a_forbidden_variant_would_be_seen(lang: str, text: str) -> None:
    rows = forbidden_variants(GLOSSARY.read_text(encoding="utf-8"))
    assert violations(rows, {"area.key": {lang: text}})


def test_an_allowed_key_and_the_other_language_are_spared() -> None:
    rows = forbidden_variants(GLOSSARY.read_text(encoding="utf-8"))
    assert not violations(rows, {"expected.pole_column": {"en": "a header such as Cluster"}})
    assert not violations(rows, {"area.key": {"en": "Projects financés"}})
