"""Plural blocks pick the variant CLDR's rules give for the language, and `t` is strict in
tests (unknown key, missing parameter) but lenient for a visitor."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.core import i18n
from analysis.core.i18n import STRICT_ENV, MessageError, t
from analysis.core.plurals import PluralSyntaxError, blocks, expand, parameters

POLES = "{n, plural, one {# pôle} other {# pôles}}"
NNBSP = "\u202f"


@pytest.mark.parametrize(
    ("count", "locale", "expected"),
    [
        (0, "fr_FR", "{n} pôle"),  # French: 0 and 1 are singular
        (1, "fr_FR", "{n} pôle"),
        (2, "fr_FR", "{n} pôles"),
        (1_000_000, "fr_FR", "{n} pôles"),  # CLDR "many", falls back to "other"
        (0, "en_GB", "{n} pôles"),  # English: only 1 is singular
        (1, "en_GB", "{n} pôle"),
        (1.5, "fr_FR", "{n} pôle"),
        (1.5, "en_GB", "{n} pôles"),
    ],
)
def test_the_language_rule_picks_the_variant(count: float, locale: str, expected: str) -> None:
    assert expand(POLES, locale, {"n": count}) == expected


def test_an_exact_selector_wins_over_the_category() -> None:
    template = "{n, plural, =0 {aucun pôle} one {# pôle} other {# pôles}}"
    assert expand(template, "fr_FR", {"n": 0}) == "aucun pôle"
    assert expand(template, "fr_FR", {"n": 1}) == "{n} pôle"


def test_variants_keep_other_placeholders_and_nested_braces() -> None:
    template = "Voir {n, plural, one {la ligne {row}} other {les # lignes dès {row}}}."
    assert expand(template, "fr_FR", {"n": 3, "row": 7}) == "Voir les {n} lignes dès {row}."
    assert blocks(template) == [("n", {"one": "la ligne {row}", "other": "les # lignes dès {row}"})]
    assert parameters(template) == {"n", "row"}


def test_numpy_counts_are_counts() -> None:
    import numpy as np

    assert expand(POLES, "en_GB", {"n": np.int64(1)}) == "{n} pôle"


@pytest.mark.parametrize(
    "template",
    [
        "{n, plural, one {# pôle}}",  # no "other"
        "{n, plural, one {# pôle} other {# pôles}",  # not closed
        "{n, plural, some {# pôle} other {# pôles}}",  # not a CLDR category
        "{n, plural, one {# pôle other {# pôles}}",  # variant not closed
    ],
)
def test_a_broken_block_is_refused(template: str) -> None:
    with pytest.raises(PluralSyntaxError):
        expand(template, "fr_FR", {"n": 1})


def test_a_count_that_is_not_a_number_is_refused() -> None:
    with pytest.raises(TypeError):
        expand(POLES, "fr_FR", {"n": "3"})


@given(st.integers(min_value=0, max_value=10**9))
def test_t_writes_the_count_for_the_language_and_agrees_the_noun(count: int) -> None:
    fr = t("store.cli_deleted", "fr", label="L", respondents=count)
    en = t("store.cli_deleted", "en", label="L", respondents=count)
    assert "(s)" not in fr + en and "{" not in fr + en
    assert ("(1 pole)" in en) == (count == 1)
    assert ("pôle)" in fr) == (count < 2)
    assert f"({count:,} pole" in en
    assert f"({count:,} pôle".replace(",", NNBSP) in fr


def test_strict_mode_raises_on_an_unknown_key_and_a_missing_parameter() -> None:
    with pytest.raises(MessageError, match="unknown message key"):
        t("nowhere.nothing", "fr")
    with pytest.raises(MessageError, match="respondents"):
        t("store.cli_deleted", "fr", label="L")  # the plural count is missing
    with pytest.raises(MessageError, match="label"):
        t("store.cli_deleted", "fr", respondents=2)


def test_a_visitor_sees_the_key_or_the_template_rather_than_a_crash(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(STRICT_ENV)
    assert not i18n.strict()
    assert t("nowhere.nothing", "fr") == "nowhere.nothing"
    assert t("store.cli_deleted", "en", label="L").startswith('Round "{label}" deleted')
    monkeypatch.setenv(STRICT_ENV, "0")
    assert not i18n.strict()


@pytest.mark.parametrize(
    ("count", "lang", "expected"),
    [(0, "fr", True), (1, "fr", True), (0, "en", False), (2, "fr", False)],
)
def test_is_one_follows_the_language_for_key_and_key_one_pairs(
    count: int, lang: str, expected: bool
) -> None:
    from analysis.core.i18n import is_one

    assert is_one(count, lang) is expected  # type: ignore[arg-type]


#: Messages that count the poles behind a view or a figure, with their other parameters.
COUNTED_POLES = {
    "ui.filtered_view": {"parts": "1 région", "total": 40},
    "trends.growth_panel": {"rate": "+26 %", "first": "2019", "last": "2022"},
    "overview.growth_detail": {"first": "2019", "last": "2022", "exact": "26 %"},
    "overview.plans_detail": {"yes": 1},
}


@pytest.mark.parametrize("key", sorted(COUNTED_POLES))
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_view_of_one_pole_says_one_pole(key: str, lang: str) -> None:
    """A single pole chosen (or a region of one pole) never reads "1 pôles" or "1 poles"
    ("1 of 40 poles" is right); in French it reads "1 pôle", and two read "2 pôles"."""
    one = t(key, lang, n=1, **COUNTED_POLES[key])
    two = t(key, lang, n=2, **COUNTED_POLES[key])
    assert "1 pôles" not in one and "1 poles" not in one, one
    if lang == "fr":
        assert "1 pôle" in one and "2 pôles" in two, (one, two)
