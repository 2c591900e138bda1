"""The one CSV writer: the French and English dialects, quoting, and formula neutralisation."""

from __future__ import annotations

import ast
import csv
import io
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.analytics.answers_table import data_table
from analysis.export.canonical import responses_table, round_to_csv
from analysis.export.delimited import SEPARATOR, to_delimited
from analysis.export.files import filtered_csv
from analysis.export.safety import neutralise, strip_illegal
from tests.support.builders import make_round

ROOT = Path(__file__).resolve().parents[2]


def _frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Pôle": pd.array(["Alpha", "=HYPERLINK(1)", None], dtype="string"),
            "ETP": pd.array([1.5, None, -2.25], dtype="Float64"),
            "Adhérents": pd.array([1200, 3, None], dtype="Int64"),
        }
    )


def _rows(data: bytes, sep: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=sep))


@pytest.mark.parametrize(
    ("lang", "sep", "fte"), [("fr", ";", ["1,5", "", "-2,25"]), ("en", ",", ["1.5", "", "-2.25"])]
)
def test_each_language_has_its_separator_and_decimal_mark(lang: str, sep: str, fte: list) -> None:
    data = to_delimited(_frame(), lang)  # type: ignore[arg-type]
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.count(b"\r\n") == 4 and data.count(b"\n") == 4
    rows = _rows(data, sep)
    assert rows[0] == ["Pôle", "ETP", "Adhérents"]
    assert [row[1] for row in rows[1:]] == fte
    assert [row[2] for row in rows[1:]] == ["1200", "3", ""]


def test_formulas_in_text_and_headers_are_neutralised_numbers_are_not() -> None:
    frame = _frame().rename(columns={"Pôle": "=Pôle"})
    rows = _rows(to_delimited(frame, "en"), ",")
    assert rows[0][0] == "'=Pôle"
    assert rows[2][0] == "'=HYPERLINK(1)"
    assert rows[3][1] == "-2.25"  # a negative number is a number, not a formula


def test_the_input_frame_is_not_modified() -> None:
    frame = _frame()
    to_delimited(frame.rename(columns={"Pôle": "=x"}), "fr")
    pd.testing.assert_frame_equal(frame, _frame())


_TEXT = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=12
)


@given(st.lists(st.tuples(_TEXT, _TEXT), min_size=1, max_size=5), st.sampled_from(["fr", "en"]))
def test_any_text_reads_back_through_a_csv_reader(rows: list, lang: str) -> None:
    """Separators, quotes and line breaks inside cells are quoted, so every cell survives."""
    frame = pd.DataFrame(rows, columns=["a", "b"], dtype="string")
    read = _rows(to_delimited(frame, lang), SEPARATOR[lang])  # type: ignore[arg-type]
    assert read[0] == ["a", "b"]
    for (a, b), got in zip(rows, read[1:], strict=True):
        expected = [neutralise(v) for v in (a, b)]
        # pandas writes a lone "\r" line ending inside a quoted cell as is; csv reads it back.
        assert got == expected


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_both_exports_write_through_the_one_writer(lang: str) -> None:
    survey = make_round([{"pole": "=P1", "region": "Occitanie", "members": 3}])
    table = data_table(survey, lang)  # type: ignore[arg-type]
    assert filtered_csv(table, lang) == to_delimited(table.frame, lang)  # type: ignore[arg-type]
    responses = responses_table(survey, lang).apply(strip_illegal)  # type: ignore[arg-type]
    assert round_to_csv(survey, lang) == to_delimited(responses, lang)  # type: ignore[arg-type]


def _is_csv(node: ast.expr) -> bool:
    return isinstance(node, ast.Name) and node.id == "csv"


def test_no_other_module_writes_csv() -> None:
    """`DataFrame.to_csv` is called in `delimited.py` only: one home for the dialect."""
    offenders = []
    for path in (ROOT / "analysis").rglob("*.py"):
        if path.name == "delimited.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Attribute):
                continue
            if node.attr == "to_csv" or (node.attr == "writer" and _is_csv(node.value)):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []
