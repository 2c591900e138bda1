"""Messages are filled and numbers, percentages and dates follow each language (the
catalogue's own checks are in `test_catalogue.py`)."""

from __future__ import annotations

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


def test_catalogue_is_not_empty() -> None:
    assert "validation.summary" in catalogue()


def test_t_fills_placeholders_and_formats_numbers_per_language() -> None:
    assert t("validation.summary", "en", errors=1200, warnings=0) == "1,200 errors, 0 warnings."
    assert t("validation.summary", "fr", errors=1200, warnings=0) == (
        f"1{NNBSP}200 erreurs, 0 avertissement."
    )
    assert t("validation.summary", "en", errors=1, warnings=2) == "1 error, 2 warnings."


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
