"""The message catalogue is complete in both languages, and numbers follow each language."""

from __future__ import annotations

import string
from datetime import date

import pytest

from analysis.core.i18n import (
    as_lang,
    catalogue,
    fmt_date,
    fmt_int,
    fmt_number,
    fmt_percent,
    fmt_plus,
    fmt_signed_percent,
    t,
)

NNBSP = "\u202f"
NBSP = "\xa0"


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_message_has_both_languages_with_the_same_placeholders() -> None:
    problems = []
    for key, texts in catalogue().items():
        if set(texts) != {"fr", "en"} or not texts["fr"].strip() or not texts["en"].strip():
            problems.append(f"{key}: languages {sorted(texts)}")
        elif _placeholders(texts["fr"]) != _placeholders(texts["en"]):
            problems.append(f"{key}: placeholders differ")
    assert not problems, "\n".join(problems)


def test_catalogue_is_not_empty() -> None:
    assert "validation.summary" in catalogue()


def test_t_fills_placeholders_and_formats_numbers_per_language() -> None:
    assert t("validation.summary", "en", errors=1200, warnings=0) == "1,200 error(s), 0 warning(s)."
    assert t("validation.summary", "fr", errors=1200, warnings=0) == (
        f"1{NNBSP}200 erreur(s), 0 avertissement(s)."
    )


def test_unknown_key_is_shown_not_raised() -> None:
    assert t("nowhere.nothing", "fr") == "nowhere.nothing"


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [
        (1548, "en", "1,500+"),
        (1548, "fr", f"1{NNBSP}500+"),
        (123, "en", "120+"),
        (120, "en", "120"),
        (1500, "en", "1,500"),
        (99, "en", "99"),
        (None, "en", "–"),
    ],
)
def test_fmt_plus_floors_like_an_event_slide(value: int | None, lang: str, expected: str) -> None:
    assert fmt_plus(value, lang) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("func", "args", "expected"),
    [
        (fmt_int, (1548, "en"), "1,548"),
        (fmt_int, (1548, "fr"), f"1{NNBSP}548"),
        (fmt_int, (float("nan"), "fr"), "–"),
        (fmt_number, (2.5, "fr"), "2,5"),
        (fmt_number, (2.5, "en"), "2.5"),
        (fmt_percent, (0.6, "en"), "60%"),
        (fmt_percent, (0.6, "fr"), f"60{NBSP}%"),
        (fmt_percent, (0.1498, "en", 1), "15.0%"),
        (fmt_signed_percent, (0.15, "en"), "+15%"),
        (fmt_signed_percent, (-0.03, "fr"), f"−3{NBSP}%"),
        (fmt_date, (date(2023, 3, 31), "en"), "31 Mar 2023"),
        (fmt_date, (date(2023, 3, 31), "fr"), "31 mars 2023"),
    ],
)
def test_formatters(func, args, expected) -> None:  # type: ignore[no-untyped-def]
    assert func(*args) == expected


@pytest.mark.parametrize(
    ("raw", "expected"), [("EN", "en"), ("fr-FR", "fr"), ("de", "fr"), (None, "fr")]
)
def test_as_lang(raw: object, expected: str) -> None:
    assert as_lang(raw) == expected


def test_pandas_missing_values_format_as_a_dash() -> None:
    import pandas as pd

    from analysis.core.i18n import fmt_int, fmt_percent, fmt_signed_percent

    for fmt in (fmt_int, fmt_percent, fmt_signed_percent):
        assert fmt(pd.NA, "en") == "–"  # type: ignore[arg-type]
