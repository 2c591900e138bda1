"""Typed values from typed cells: numbers with separators, yes/no, percentages, text."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pandas as pd
import pytest

from analysis.core.text import normalise, normalise_series
from analysis.ingest.cleaning.cells import display_values
from analysis.ingest.cleaning.values import to_count, to_decimal, to_percent, to_text, to_yesno

NBSP, NNBSP = "\u00a0", "\u202f"


def one(converter: Any, value: object) -> tuple[object, object]:
    values, problems = converter(pd.Series([value], dtype=object))
    return values.iloc[0], problems.iloc[0]


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        (12, 12),
        (3.0, 3),
        ("12", 12),
        (" 12 ", 12),
        ("1 500", 1500),
        (f"1{NBSP}500", 1500),
        (f"1{NNBSP}500", 1500),
        ("1 234 567", 1234567),
        ("12'345", 12345),
        ("12’345", 12345),
        ("1,500", 1500),
        ("1.500", 1500),
        ("1.234.567", 1234567),
        ("+7", 7),
        ("0", 0),
        ("3,0", 3),
    ],
)
def test_counts_read(raw: object, value: int) -> None:
    assert one(to_count, raw) == (value, pd.NA)


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("-3", "negative"),
        (-3, "negative"),
        ("−3", "negative"),  # U+2212 minus sign
        ("'-4", "negative"),  # the formula guard is removed first
        ("2.5", "not_whole"),
        ("2,5", "not_whole"),
        (2.5, "not_whole"),
        ("beaucoup", "text_in_number"),
        ("12 projets", "text_in_number"),
        ("1 5", "text_in_number"),
        (True, "text_in_number"),
        (date(2021, 1, 2), "wrong_kind"),  # a date where a count is expected
        ("#DIV/0!", "excel_error"),
        ("#N/A", "excel_error"),
        ("#ref!", "excel_error"),
        (1e20, "too_large"),
    ],
)
def test_counts_that_cannot_be_read_have_a_code_and_no_value(raw: object, code: str) -> None:
    assert one(to_count, raw) == (pd.NA, code)


@pytest.mark.parametrize(
    "raw",
    [
        None,
        float("nan"),
        "",
        "   ",
        NBSP,
        "-",
        "?",
        "n/a",
        "NA",
        "nc",
        "NSP",
        "ne sait pas",
        "N.C.",
    ],
)
def test_blank_and_unknown_answers_are_missing_not_zero_and_not_problems(raw: object) -> None:
    values, problems = to_count(pd.Series([raw], dtype=object))
    assert values.isna().all()
    assert problems.isna().all()


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("2,5", 2.5),
        ("2.5", 2.5),
        (2.5, 2.5),
        ("1,500", 1.5),  # a lone mark in a decimal column is the decimal mark
        ("1 234,5", 1234.5),
        ("1.234,5", 1234.5),
        ("1,234.5", 1234.5),
        ("1.234.567", 1234567.0),
        (",5", 0.5),
        ("3", 3.0),
    ],
)
def test_decimals_read(raw: object, value: float) -> None:
    assert one(to_decimal, raw) == (value, pd.NA)


def test_decimal_problems() -> None:
    values, problems = to_decimal(pd.Series(["-0,5", "deux", "#VALUE!"], dtype=object))
    assert values.isna().all()
    assert problems.tolist() == ["negative", "text_in_number", "excel_error"]


def test_converters_keep_the_index_and_dtypes() -> None:
    raw = pd.Series(["1", None, "x"], index=[14, 15, 17], dtype=object)
    values, problems = to_count(raw)
    assert values.dtype == "Int64"
    assert problems.dtype == "string"
    assert list(values.index) == [14, 15, 17]
    assert problems.loc[17] == "text_in_number"
    assert str(to_decimal(raw)[0].dtype) == "Float64"
    assert str(to_yesno(raw)[0].dtype) == "boolean"
    assert str(to_text(raw)[0].dtype) == "string"


def test_converters_accept_non_object_columns() -> None:
    assert to_count(pd.Series([1, 2, -1]))[1].tolist() == [pd.NA, pd.NA, "negative"]
    assert to_count(pd.Series(["1 000", None]))[0].tolist() == [1000, pd.NA]
    assert to_count(pd.Series([1.0, float("nan")]))[0].tolist() == [1, pd.NA]


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        *[
            (w, True)
            for w in [
                "oui",
                "OUI ",
                "Oui",
                "o",
                "yes",
                "Y",
                "true",
                "VRAI",
                "1",
                "x",
                "X",
                "✓",
                "✔",
            ]
        ],
        *[(w, False) for w in ["non", " NON", "n", "No", "false", "Faux", "0"]],
        (True, True),
        (False, False),
        (1, True),
        (0, False),
        (1.0, True),
    ],
)
def test_yesno_read(raw: object, value: bool) -> None:
    assert one(to_yesno, raw) == (value, pd.NA)


def test_yesno_problems_and_unknowns() -> None:
    values, problems = to_yesno(pd.Series(["peut-être", 2, "?", None, "#N/A", "NSP"], dtype=object))
    assert values.isna().all()
    assert problems.tolist() == [
        "invalid_yesno",
        "invalid_yesno",
        pd.NA,
        pd.NA,
        "excel_error",
        pd.NA,
    ]


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("60 %", 0.6),
        ("60%", 0.6),
        (f"60{NBSP}%", 0.6),
        ("0.6", 0.6),
        ("0,6", 0.6),
        (0.6, 0.6),
        (60, 0.6),
        ("12,5 %", 0.125),
        ("1", 1.0),
    ],
)
def test_percentages_read(raw: object, value: float) -> None:
    got, problem = one(to_percent, raw)
    assert problem is pd.NA
    assert got == pytest.approx(value)


def test_percentage_problems() -> None:
    problems = to_percent(pd.Series(["150 %", "-5 %", "beaucoup"], dtype=object))[1]
    assert problems.tolist() == ["invalid_percent", "negative", "text_in_number"]


def test_text_is_trimmed_and_loses_the_formula_guard() -> None:
    raw = pd.Series(
        [
            "  Aerospace Valley ",
            "'=SUM(A1)",
            "'+33 1 23",
            "'@home",
            "'plain",
            "   ",
            3.0,
            2.5,
            datetime(2023, 3, 31),
            "#REF!",
            None,
        ],
        dtype=object,
    )
    values, problems = to_text(raw)
    assert values.tolist() == [
        "Aerospace Valley",
        "=SUM(A1)",
        "+33 1 23",
        "@home",
        "'plain",
        pd.NA,
        "3",
        "2.5",
        "2023-03-31",
        pd.NA,
        pd.NA,
    ]
    assert problems.tolist()[-2:] == ["excel_error", pd.NA]


def test_display_values_show_cells_as_typed() -> None:
    raw = pd.Series([3.0, 2.5, "1 234", True, None, date(2020, 1, 2)], dtype=object)
    assert display_values(raw).tolist() == ["3", "2.5", "1 234", "True", "", "2020-01-02"]


def test_a_large_column_is_converted_at_once() -> None:
    raw = pd.Series([f"1{NBSP}{i % 1000:03d}" for i in range(20_000)] + ["x"], dtype=object)
    values, problems = to_count(raw)
    assert values.iloc[:20_000].sum() == sum(1000 + i % 1000 for i in range(20_000))
    assert problems.notna().sum() == 1


def test_normalise_series_matches_normalise_on_awkward_text() -> None:
    """Guards the Arrow-only `text.normalise_series` against the scalar `normalise`."""
    samples = [
        "Pôle Mer Méditerranée",
        "Cœur ŒUVRE",
        "Straße",
        "Mov’eo « Île-de-France »",
        "ﬁlière ſ ²",
        "İstanbul",
        "e\u0301te\u0301",
        f"1{NBSP}234{NNBSP}5",
        "  ",
        "Team²",
        "Nov@log",
    ]
    series = pd.Series([*samples, None], dtype=object)
    expected = [normalise(s) for s in samples] + [""]
    assert normalise_series(series).tolist() == expected
