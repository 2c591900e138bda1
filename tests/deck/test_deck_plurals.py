"""The deck's grammar around counts of poles, and its response rate as the overview states it.

One pole selected must read "1 responding pole" / "1 pôle répondant", never "1 poles"; the
small-base note is a sentence; the rate has the overview's tenth of a percent.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from analysis.analytics import metrics
from analysis.analytics.filters import Filters
from analysis.core.i18n import Lang, fmt_percent
from analysis.deck import deck_content
from analysis.deck.spec import DeckContent, SlideContent
from analysis.deck.wording import counted_key
from analysis.sample.round import generate
from tests.support.builders import make_round, three_poles

NBSP = "\xa0"
CATALOGUE = Path(__file__).resolve().parents[2] / "analysis" / "locales" / "deck.toml"
#: "1 poles", "1 pôles", "1 responding poles", "1 pôles répondants" (not "11 poles").
ONE_PLURAL = re.compile(r"(?<![\d.,])1 (?:responding )?(?:poles|pôles)")


def every_text(slide: SlideContent) -> list[str]:
    return [
        slide.title,
        slide.subtitle,
        slide.big,
        slide.meaning,
        *slide.lines,
        slide.source,
        slide.footnote,
        slide.notes,
    ]


def deck_of_one_pole(lang: Lang) -> DeckContent:
    return deck_content(three_poles(), Filters(poles=("Cap Digital",)), lang)


@pytest.mark.parametrize(
    ("lang", "n", "key"),
    [
        ("en", 0, "k"),
        ("en", 1, "k_one"),
        ("en", 2, "k"),
        ("fr", 0, "k_one"),  # French says "0 pôle"
        ("fr", 1, "k_one"),
        ("fr", 2, "k"),
        ("fr", 40, "k"),
    ],
)
def test_counted_key_follows_the_language_plural_rule(lang: Lang, n: int, key: str) -> None:
    assert counted_key("k", n, lang) == key


def test_every_singular_message_matches_its_plural() -> None:
    with CATALOGUE.open("rb") as handle:
        messages = tomllib.load(handle)
    singular = [key for key in messages if key.endswith("_one")]
    assert len(singular) >= 12
    for key in singular:
        plural = messages[key.removesuffix("_one")]
        for lang in ("en", "fr"):
            fields = set(re.findall(r"\{(\w+)\}", messages[key][lang]))
            assert fields == set(re.findall(r"\{(\w+)\}", plural[lang])), (key, lang)
            assert "n" in fields, key


def test_one_selected_pole_reads_in_the_singular_in_english() -> None:
    content = deck_of_one_pole("en")
    title = content.slide("title")
    assert title is not None
    assert title.lines[0] == "1 responding pole in this scope, of 3 in the round"
    assert "Base: n = 1 pole answered; survey round test." in title.notes.splitlines()
    headline = content.slide("headline_submitted")
    assert headline is not None
    assert headline.subtitle == "n = 1 pole answered"
    assert headline.source == "Source: survey round test, n = 1 pole"
    top = content.slide("top_poles")
    assert top is not None
    assert "Cap Digital: 28 (n = 1 pole)" in top.notes.splitlines()
    submissions = content.slide("submissions")
    assert submissions is not None
    assert "2019: 8 (n = 1 pole)" in submissions.notes.splitlines()
    for slide in content.slides:
        for text in every_text(slide):
            assert not ONE_PLURAL.search(text), (slide.key, text)


def test_one_selected_pole_reads_in_the_singular_in_french() -> None:
    content = deck_of_one_pole("fr")
    title = content.slide("title")
    assert title is not None
    assert title.lines[0] == "1 pôle répondant dans ce périmètre, sur 3 dans l'enquête"
    assert "Base : n = 1 pôle a répondu ; campagne test." in title.notes.splitlines()
    headline = content.slide("headline_submitted")
    assert headline is not None
    assert headline.subtitle == "n = 1 pôle a répondu"
    for slide in content.slides:
        for text in every_text(slide):
            assert not ONE_PLURAL.search(text), (slide.key, text)


def test_a_round_of_one_respondent_says_so_in_the_singular() -> None:
    survey = make_round(
        [{"pole": "Solo", "region": "A", "plans_to_recruit": True, "submitted": {2019: 4}}],
        years=(2019,),
        poles_surveyed=4,
    )
    english = deck_content(survey, Filters(), "en")
    assert english.slides[0].lines[0] == "1 responding pole of 4 surveyed (25.0% response rate)"
    method = english.slide("method")
    assert method is not None
    assert "1 responding pole of 4 surveyed: 25.0% response rate" in method.lines
    french = deck_content(survey, Filters(), "fr")
    assert french.slides[0].lines[0] == (
        f"1 pôle répondant sur 4 interrogés (taux de réponse 25,0{NBSP}%)"
    )


def test_plural_counts_keep_the_plural() -> None:
    content = deck_content(three_poles(), Filters(), "en")
    assert content.slides[0].lines[0] == "3 responding poles of 5 surveyed (60.0% response rate)"
    headline = content.slide("headline_submitted")
    assert headline is not None
    assert headline.subtitle == "n = 3 poles answered"
    french = deck_content(three_poles(), Filters(), "fr").slide("headline_submitted")
    assert french is not None
    assert french.subtitle == "n = 3 pôles ont répondu"


def test_the_small_base_note_is_a_sentence_in_both_languages() -> None:
    for lang, sentence in (
        ("en", "Small base: fewer than 5 poles answered; read with care."),
        ("fr", "Base faible : moins de 5 pôles ont répondu ; à lire avec prudence."),
    ):
        slide = deck_content(three_poles(), Filters(), lang).slide("headline_submitted")  # type: ignore[arg-type]
        assert slide is not None
        lines = slide.notes.splitlines()
        assert sentence in lines
        assert "small base" not in [line.strip().lower() for line in lines]


@pytest.mark.parametrize(("lang", "shown"), [("en", "72.7%"), ("fr", f"72,7{NBSP}%")])
def test_response_rate_has_the_overview_precision(lang: Lang, shown: str) -> None:
    survey = generate()  # 40 of 55 poles answered
    rate = metrics.response_rate(survey).value
    assert rate is not None
    # The overview states it with fmt_percent(rate, lang, 1): the deck says the same.
    assert fmt_percent(rate, lang, 1) == shown
    content = deck_content(survey, Filters(), lang)
    assert shown in content.slides[0].lines[0]
    method = content.slide("method")
    assert method is not None
    assert any(shown in line for line in method.lines)
    assert shown in method.notes
    assert "73" not in content.slides[0].lines[0]
