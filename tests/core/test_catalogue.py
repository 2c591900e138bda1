"""Every catalogue message is well formed in both languages: the same keys and parameters,
plural blocks the language's rules can use, and no "(s)"-style workaround anywhere."""

from __future__ import annotations

import re

import pytest
from babel import Locale

from analysis.core.i18n import LANGS, catalogue, locale_of, t
from analysis.core.plurals import blocks, flatten, parameters

#: "pôle(s)", "éligible(s)", "nouveau(x)", "signalée(s)", "Connecté(e)": a plural or a
#: gender written as a bracketed ending instead of the form the count calls for.
WORKAROUND = re.compile(r"\w\((?:s|es|e|x|nt|les?)\)", re.IGNORECASE)


def test_every_message_has_both_languages() -> None:
    problems = [
        f"{key}: {sorted(texts)}"
        for key, texts in catalogue().items()
        if set(texts) != set(LANGS) or not all(str(texts[lang]).strip() for lang in texts)
    ]
    assert not problems, "\n".join(problems)


def test_both_languages_take_the_same_parameters() -> None:
    problems = [
        f"{key}: fr {sorted(parameters(texts['fr']))} en {sorted(parameters(texts['en']))}"
        for key, texts in catalogue().items()
        if parameters(texts["fr"]) != parameters(texts["en"])
    ]
    assert not problems, "\n".join(problems)


def test_no_message_writes_a_bracketed_plural() -> None:
    problems = [
        f"{key} ({lang}): {match.group(0)!r}"
        for key, texts in catalogue().items()
        for lang in LANGS
        for piece in flatten(texts[lang])
        for match in WORKAROUND.finditer(piece)
    ]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("text", ["1 pôle(s)", "Les nouveau(x)", "signalée(s)", "Connecté(e)"])
def test_the_workaround_pattern_sees_each_form(text: str) -> None:
    assert WORKAROUND.search(text)


@pytest.mark.parametrize("text", ["les pôles (n)", "(s’il y a lieu)", "SHA-256 (sha)"])
def test_the_workaround_pattern_spares_ordinary_brackets(text: str) -> None:
    assert not WORKAROUND.search(text)


def test_plural_blocks_use_the_languages_own_categories() -> None:
    problems = []
    for key, texts in catalogue().items():
        for lang in LANGS:
            allowed = Locale.parse(locale_of(lang)).plural_form.tags | {"other"}
            for name, variants in blocks(texts[lang]):
                wrong = {s for s in variants if not s.startswith("=")} - allowed
                if wrong:
                    problems.append(f"{key} ({lang}) on {name}: {sorted(wrong)}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("count", [0, 1, 2, 1548])
def test_every_message_formats_with_its_parameters(count: int) -> None:
    """With numbers for the plural counts and text for the rest, every message in both
    languages formats in strict mode and leaves no brace or plural syntax behind."""
    for key, texts in catalogue().items():
        counts = {name for lang in LANGS for name, _ in blocks(texts[lang])}
        params: dict[str, object] = dict.fromkeys(parameters(texts["en"]), "x")
        params.update(dict.fromkeys(counts, count))
        for lang in LANGS:
            text = t(key, lang, **params)
            assert "plural," not in text, (key, lang, text)
