"""The texts the page script replaces (`ui.aria_text.rules`): Streamlit's own words, each
with its French, and nothing in English."""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit

from analysis.core.i18n import t
from ui.aria_text import rules

#: Streamlit's front end as installed: the English the script looks for must be there.
_FRONT_END = Path(streamlit.__file__).parent / "static" / "static" / "js"


@pytest.fixture(scope="module")
def front_end() -> str:
    return "".join(path.read_text("utf-8", errors="replace") for path in _FRONT_END.glob("*.js"))


def test_english_changes_nothing() -> None:
    assert rules("en") == {"active": False}


def test_every_english_text_is_one_streamlit_writes(front_end: str) -> None:
    """An upgrade of Streamlit that renames a text would leave it in English: seen here."""
    french = rules("fr")
    exact = french["exact"]
    assert isinstance(exact, dict) and exact
    missing = [english for english in exact if f"`{english}`" not in front_end]
    prefixes = french["prefix"]
    assert isinstance(prefixes, list) and prefixes
    missing += [english for english, _ in prefixes if english.strip(", ") not in front_end]
    texts = french["texts"]
    assert isinstance(texts, dict) and texts
    missing += [english for english, _ in texts.values() if english not in front_end]
    assert missing == []


def test_every_replacement_is_french() -> None:
    french = rules("fr")
    exact = french["exact"]
    assert isinstance(exact, dict)
    assert exact["Link to heading"] == "Lien vers ce titre"
    assert all(english != local for english, local in exact.items())
    assert ["Remove ", "Retirer "] in french["prefix"]  # type: ignore[operator]
    assert ["September", "septembre"] in french["months"]  # type: ignore[operator]


def test_counts_take_french_plurals() -> None:
    """0 and 1 take the singular in French (CLDR), 2 and more the plural."""
    french = rules("fr")
    assert french["counted"] == [
        [
            "{n} option available.",
            "{n} options available.",
            "{n} option disponible.",
            "{n} options disponibles.",
        ]
    ]
    assert french["singular"] == [0, 1]


def test_the_not_found_dialog_is_recognised_by_streamlit_s_title(front_end: str) -> None:
    found = rules("fr")["notFound"]
    assert isinstance(found, dict)
    assert found["title"] == ["Page not found", "Page introuvable"]
    assert "`Page not found`" in front_end
    assert all(start in front_end for start in found["starts"])
    assert found["text"] == t("ui.not_found_text", "fr")
