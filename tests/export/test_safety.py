"""The formula-injection guard: risky text gets an apostrophe, everything else is untouched."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal, assert_series_equal

from analysis.export.safety import (
    FORMULA_TRIGGERS,
    neutralise,
    neutralise_frame,
    neutralise_series,
    strip_illegal,
    workbook_text,
)

HYPERLINK = '=HYPERLINK("http://x","y")'


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (HYPERLINK, "'" + HYPERLINK),
        ("+33 1 23 45 67 89", "'+33 1 23 45 67 89"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Cap Digital", "Cap Digital"),
        ("a=b", "a=b"),  # only the first character matters
        (" =1", " =1"),
        ("", ""),
        ("'=already", "'=already"),
        # Plain numbers are no formula (issue 15: `-5` came back as `'-5`).
        ("-5", "-5"),
        ("-2.5", "-2.5"),
        ("-1,5", "-1,5"),
        ("+3", "+3"),
        ("-1e3", "-1e3"),
        ("-5 %", "'-5 %"),
        ("-5+cmd", "'-5+cmd"),
        ("-", "'-"),
    ],
)
def test_neutralise_text(text: str, expected: str) -> None:
    assert neutralise(text) == expected


@pytest.mark.parametrize("value", [-5, -2.5, 0, True, None, date(2023, 3, 31), pd.NA])
def test_neutralise_leaves_non_text_alone(value: object) -> None:
    assert neutralise(value) is value


def test_neutralise_frame_guards_text_and_never_touches_numbers() -> None:
    frame = pd.DataFrame(
        {
            "pole": pd.Series([HYPERLINK, "Cap Digital", None, "-x"], dtype="string"),
            "count": pd.Series([-1, 2, None, 3], dtype="Int64"),
            "fte": pd.Series([-1.5, 0.5, None, 2.0], dtype="Float64"),
            "plain": [-1, 2, 3, 4],
            "mixed": ["+a", -3, None, "ok"],
        }
    )
    before = frame.copy()
    out = neutralise_frame(frame)
    expected = frame.assign(
        pole=pd.Series(["'" + HYPERLINK, "Cap Digital", None, "'-x"], dtype="string"),
        mixed=["'+a", -3, None, "ok"],
    )
    assert_frame_equal(out, expected)
    assert_frame_equal(frame, before)  # the input is not mutated


def test_neutralise_frame_keeps_duplicate_and_odd_column_names() -> None:
    frame = pd.DataFrame([["=1", 1, "=2"]], columns=["a", 0, "a"])
    out = neutralise_frame(frame)
    assert list(out.columns) == ["a", 0, "a"]
    assert out.iloc[0].tolist() == ["'=1", 1, "'=2"]


def test_neutralise_frame_of_empty_frames() -> None:
    assert neutralise_frame(pd.DataFrame()).empty
    empty = pd.DataFrame({"pole": pd.Series([], dtype="string")})
    assert_frame_equal(neutralise_frame(empty), empty)


def test_the_vectorised_guard_agrees_with_the_scalar_one() -> None:
    texts = [c + "x" for c in FORMULA_TRIGGERS] + ["x", "", "#", "'", "1", "é=", "\n=1"]
    texts += ["-5", "+2.5", "-1,5", "-5-5", "-.5", "-5."]
    values = pd.Series(texts, dtype="string")
    expected = pd.Series([neutralise(text) for text in texts], dtype="string")
    assert_series_equal(neutralise_series(values), expected)


def test_workbook_text_drops_control_characters_and_neutralises_formulas() -> None:
    frame = pd.DataFrame(
        {
            "text": pd.array(["a\x01b", "=1+1", None], dtype="string"),
            "mixed": pd.Series(["c\x07d", 3, date(2024, 1, 2)], dtype=object),
            "number": pd.array([1, None, -2], dtype="Int64"),
        }
    )
    out = workbook_text(frame)
    assert out["text"].tolist()[:2] == ["ab", "'=1+1"] and pd.isna(out["text"][2])
    assert out["mixed"].tolist() == ["cd", 3, date(2024, 1, 2)]
    assert_series_equal(out["number"], frame["number"])
    assert frame["text"][0] == "a\x01b"  # the input is not modified


def test_strip_illegal_keeps_tabs_and_line_breaks() -> None:
    values = pd.Series(["line\nbreak\ttab\x0b"], dtype="string")
    assert strip_illegal(values).tolist() == ["line\nbreak\ttab"]
