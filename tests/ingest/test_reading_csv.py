"""CSV uploads: encodings, delimiters (French decimal commas), quotes and ragged records."""

from __future__ import annotations

import csv
import io

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.core.model import SourceFile
from analysis.ingest.pipeline import ingest
from analysis.ingest.reading.csv_files import decode, detect_delimiter
from analysis.ingest.reading.errors import UnreadableFile
from analysis.ingest.reading.workbook import read_workbook
from tests.support.files import csv_bytes

ROWS = [["Pôle", "ETP", "Membres"], ["Aerospace Valley", "2,5", "120"], ["Pôle Mer", None, "80"]]


def cells(content: bytes, name: str = "réponses 2023.csv") -> pd.DataFrame:
    workbook = read_workbook(SourceFile(name, content))
    assert workbook.format == "csv"
    assert len(workbook.sheets) == 1
    return workbook.sheets[0].cells


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [
        ("cp1252", False),
        ("utf-8", False),
        ("utf-8", True),
        ("utf-16-le", True),
        ("utf-16-be", True),
    ],
)
def test_encodings_are_recognised(encoding: str, bom: bool) -> None:
    frame = cells(csv_bytes(ROWS, encoding=encoding, bom=bom))
    assert frame.at[1, 0] == "Pôle"  # no BOM left in the first cell, accents intact
    assert frame.at[3, 0] == "Pôle Mer"


def test_undefined_cp1252_bytes_still_decode() -> None:
    assert decode(b"caf\xe9 \x81", file="x.csv") == "café \x81"


@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
def test_delimiters_are_detected(delimiter: str) -> None:
    frame = cells(csv_bytes(ROWS, delimiter=delimiter))
    assert frame.shape == (3, 3)
    assert frame.at[2, 1] == "2,5"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Pôle;ETP\nA;2,5\nB;1,5\n", ";"),
        ("A;2,5\nB;1,5\nC;3,25\n", ";"),  # same width both ways: `;` wins the tie
        ("Pôle;ETP;Membres\nA;2,5;3\nB;1;4\n", ";"),
        ('name,comment\nA,"x; y; z"\nB,"u; v"\n', ","),  # delimiters inside quotes ignored
        ("a\tb\tc\n1\t2,5\t3\n", "\t"),
        ("seul\nune colonne\n", ","),
    ],
)
def test_delimiter_detection_prefers_a_consistent_width(text: str, expected: str) -> None:
    assert detect_delimiter(text) == expected


def test_all_cells_are_text_and_blanks_are_missing() -> None:
    frame = cells(csv_bytes(ROWS))
    assert frame.at[2, 2] == "120"
    assert pd.isna(frame.at[3, 1])
    assert all(isinstance(v, str) for v in frame.stack().dropna().tolist())
    assert all(dtype == object for dtype in frame.dtypes)  # noqa: E721


def test_index_counts_records_from_one_and_sheet_is_the_stem() -> None:
    workbook = read_workbook(SourceFile("réponses 2023.csv", csv_bytes(ROWS)))
    assert workbook.sheets[0].name == "réponses 2023"
    assert list(workbook.sheets[0].cells.index) == [1, 2, 3]
    assert list(workbook.sheets[0].cells.columns) == [0, 1, 2]


def test_quoted_fields_keep_newlines_and_delimiters() -> None:
    content = 'Pôle;Note\r\n"Pôle Mer";"ligne 1\r\nligne 2; suite"\r\nB;x\r\n'.encode()
    frame = cells(content)
    assert frame.shape == (3, 2)
    assert frame.at[2, 1] == "ligne 1\r\nligne 2; suite"
    assert frame.at[3, 0] == "B"


def test_ragged_records_are_padded_with_missing() -> None:
    frame = cells(b"a;b;c\n1;2\n1;2;3;4\n\n5\n")
    assert frame.shape == (5, 4)
    assert frame.loc[2].tolist()[:2] == ["1", "2"]
    assert pd.isna(frame.at[2, 2]) and pd.isna(frame.at[2, 3])
    assert frame.at[3, 3] == "4"
    assert frame.loc[4].isna().all()  # a blank line in the middle is a blank row
    assert frame.at[5, 0] == "5"


def test_trailing_empty_lines_are_dropped_and_crlf_is_handled() -> None:
    frame = cells(b"a;b\r\n1;2\r\n\r\n\r\n")
    assert frame.shape == (2, 2)
    assert frame.at[2, 1] == "2"


def test_excel_sep_hint_line_names_the_delimiter() -> None:
    frame = cells(b"sep=,\r\na,b;c\r\n1,2;3\r\n")
    assert frame.loc[1].tolist() == ["a", "b;c"]


def test_error_texts_exported_to_csv_stay_text() -> None:
    frame = cells(b"P\xf4le;Ratio\nA;#N/A\nB;#DIV/0!\n")
    assert frame.at[2, 1] == "#N/A"
    assert frame.at[3, 1] == "#DIV/0!"


def test_nul_bytes_are_refused_as_binary() -> None:
    with pytest.raises(UnreadableFile) as caught:
        read_workbook(SourceFile("a.csv", b"a;b\n" * 100 + b"1;\x002\n"))
    assert caught.value.code in {"binary_text", "not_spreadsheet"}


def test_a_bare_utf16_file_with_a_bom_but_broken_text_is_refused() -> None:
    with pytest.raises(UnreadableFile) as caught:
        read_workbook(SourceFile("a.csv", b"\xff\xfea\x00;\x00\x00\xd8"))
    assert caught.value.code == "binary_text"


# --- line endings (issue 15, finding 6) ----------------------------------------------------


@pytest.mark.parametrize("ending", ["\r", "\n", "\r\n"])
def test_every_line_ending_reads_the_same(ending: str) -> None:
    # "\r" alone is Excel's "CSV (Macintosh)": it used to raise csv.Error (a traceback).
    text = ending.join(["Pôle;ETP;Membres", "Aerospace Valley;2,5;120", "Pôle Mer;;80"]) + ending
    frame = cells(text.encode("utf-8"))
    assert frame.shape == (3, 3)
    assert frame.at[2, 0] == "Aerospace Valley"
    assert frame.at[3, 2] == "80"


def test_a_carriage_return_inside_a_quoted_cell_is_kept() -> None:
    content = 'Pôle;Commentaire\r"Pôle Mer";"ligne 1\rligne 2"\r"A\r\nB";x\r'.encode()
    frame = cells(content)
    assert frame.at[2, 1] == "ligne 1\rligne 2"
    assert frame.at[3, 0] == "A\r\nB"


_CELL_TEXT = st.text(
    alphabet=st.sampled_from(list("ab é1,;\t\"'\r\n=-"))
    | st.characters(codec="utf-8", exclude_categories=("Cc", "Cs")),
    max_size=12,
).filter(lambda text: "\x00" not in text and not text.startswith("\ufeff"))


@settings(max_examples=150, deadline=None)
@given(
    rows=st.lists(st.lists(_CELL_TEXT, min_size=1, max_size=5), min_size=1, max_size=6),
    delimiter=st.sampled_from([";", ",", "\t"]),
    ending=st.sampled_from(["\r", "\n", "\r\n"]),
    hinted=st.booleans(),
)
def test_any_csv_reads_or_is_refused_in_one_sentence(
    rows: list[list[str]], delimiter: str, ending: str, hinted: bool
) -> None:
    buffer = io.StringIO(newline="")
    if hinted:
        buffer.write(f"sep={delimiter}{ending}")
    # Python's writer leaves a "\n" unquoted when lines end in "\r": quote everything when
    # the cells must round-trip, write minimally (and ambiguously) otherwise.
    quoting = csv.QUOTE_ALL if hinted else csv.QUOTE_MINIMAL
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=ending, quoting=quoting)
    writer.writerows(rows)
    content = buffer.getvalue().encode("utf-8")
    result = ingest(SourceFile("answers.csv", content))  # never raises
    assert result.report.problems or result.survey is not None
    if not hinted:
        return
    # The delimiter is named: every cell comes back as written (blanks as missing).
    try:
        frame = cells(content)
    except UnreadableFile as error:
        assert error.code in {"empty", "not_spreadsheet"}
        return
    for number, row in enumerate(rows, start=1):
        for column, value in enumerate(row):
            read = (
                frame.at[number, column]
                if (number in frame.index and column in frame.columns)
                else None
            )
            assert read == (value or None)
