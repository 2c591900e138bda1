"""Rows left out by hand, with a reason (issue 13, item 8): gone from the report, the
preview and the round; an exclusion that cannot apply is an error and changes nothing."""

from __future__ import annotations

from typing import Any

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.core.model import SourceFile
from analysis.core.registry import Registry
from analysis.ingest.exclusions import (
    MAX_REASON,
    ExcludedRow,
    answer_rows,
    clean_reason,
    exclude_rows,
)
from analysis.ingest.mapping.columns import locate_header
from analysis.ingest.pipeline import IngestResult, ingest
from analysis.ingest.reading.workbook import RawSheet
from tests.support.files import csv_bytes, xlsx_bytes
from tests.support.messy import CLEAN_HEADERS, CLEAN_ROWS, clean_grid

POLES = sorted(Registry.default().poles)


def run(grid: list[list[Any]], excluded: dict[int, str] | None = None) -> IngestResult:
    return ingest(SourceFile("round.xlsx", xlsx_bytes(grid)), excluded_rows=excluded)


def codes(result: IngestResult) -> list[str]:
    return [p.code for p in result.report.problems]


def test_an_excluded_row_is_left_out_of_the_round_with_its_pole_and_reason() -> None:
    kept = run(clean_grid())
    result = run(clean_grid(), {3: "  Test answer,   sent twice  "})
    assert result.report.ok
    assert codes(result) == codes(kept)
    assert result.excluded == (ExcludedRow(3, "Systematic", "Test answer, sent twice"),)
    assert result.survey is not None
    responses = result.survey.responses
    assert responses["pole"].tolist() == ["Aerospace Valley", "Vitagora"]
    assert responses["source_row"].tolist() == [2, 4]
    # Figures are the sums of the rows left: submitted 2021 is column D of rows 2 and 4.
    yearly = result.survey.yearly.set_index(["pole", "year"])
    assert yearly["projects_submitted"].xs(2021, level="year").sum() == 40 + 6
    assert set(yearly.index.get_level_values("pole")) == {"Aerospace Valley", "Vitagora"}
    assert responses["members"].sum() == 800 + 150
    # The preview (the sheet as read) no longer holds the row.
    assert result.raw is not None
    assert 3 not in result.raw.cells.index
    assert {2, 4} <= set(result.raw.cells.index)


def test_excluding_the_row_with_an_error_lets_the_round_be_stored() -> None:
    grid = [list(row) for row in clean_grid()]  # the module's rows are shared: copied
    grid[2][3] = "beaucoup"  # Systematic's submitted 2021: not a number
    broken = run(grid)
    assert not broken.ok
    assert [p.row for p in broken.report.errors] == [3]
    fixed = run(grid, {3: "answer withdrawn"})
    assert fixed.ok
    assert not fixed.report.errors


def test_a_row_that_is_not_an_answer_row_is_an_error_and_nothing_changes() -> None:
    grid = [*clean_grid(), [], ["Valorial", "Bretagne"]]  # row 5 blank, row 6 an answer
    whole = run(grid)
    for row in (1, 5, 99, -3):  # the header row, a blank row, past the end, nonsense
        result = run(grid, {row: "a reason"})
        assert codes(result) == ["excluded_row_not_answer", *codes(whole)]
        assert result.report.errors[0].row == row
        assert result.excluded == ()
        assert result.survey is not None and whole.survey is not None
        pd.testing.assert_frame_equal(result.survey.responses, whole.survey.responses)


def test_a_blank_reason_is_an_error_and_the_row_stays() -> None:
    for reason in ("", "   ", "\n\t"):
        result = run(clean_grid(), {3: reason})
        assert not result.ok
        assert [(p.code, p.row) for p in result.report.errors] == [("excluded_row_no_reason", 3)]
        assert result.survey is not None
        assert result.survey.responses["source_row"].tolist() == [2, 3, 4]
        message = result.report.errors[0].message("fr")
        assert "ligne 3" in message and "motif" in message


def test_clean_reason_keeps_one_line_of_bounded_length() -> None:
    assert clean_reason(" a\n b\t c ") == "a b c"
    assert clean_reason(None) == ""
    assert len(clean_reason("x" * (MAX_REASON + 50))) == MAX_REASON


def test_the_sheet_given_is_not_changed_and_answer_rows_skip_blanks() -> None:
    cells = pd.DataFrame(
        {0: ["Pôle", None, "Minalogic", None, "Valorial"], 1: ["Membres", None, 3, None, 4]},
        index=[1, 2, 3, 4, 5],
        dtype=object,
    )
    sheet = RawSheet("Réponses", cells)
    mapping = locate_header(sheet)
    assert mapping is not None
    assert answer_rows(sheet, mapping.header_row).tolist() == [3, 5]
    remaining, excluded, problems = exclude_rows(sheet, mapping, {5: "doublon"})
    assert remaining.cells.index.tolist() == [1, 2, 3, 4]
    assert excluded == (ExcludedRow(5, "Valorial", "doublon"),)
    assert problems == []
    assert sheet.cells.index.tolist() == [1, 2, 3, 4, 5]


def test_a_csv_row_is_excluded_the_same_way() -> None:
    content = csv_bytes(clean_grid(), delimiter=";")
    result = ingest(SourceFile("round.csv", content), excluded_rows={2: "test row"})
    assert result.survey is not None
    assert result.survey.responses["source_row"].tolist() == [3, 4]
    assert result.excluded[0].pole == "Aerospace Valley"


# --- any set of rows left out: the figures are the sums of the rows kept -----------------

MEMBERS = CLEAN_HEADERS.index("Number of members")


@settings(max_examples=25, deadline=None, derandomize=True)
@given(
    members=st.lists(st.integers(0, 5000), min_size=1, max_size=8),
    data=st.data(),
)
def test_any_rows_left_out_give_the_sums_of_the_rows_kept(
    members: list[int], data: st.DataObject
) -> None:
    poles = POLES[: len(members)]
    grid: list[list[Any]] = [["Pôle", "Nombre d'adhérents"]]
    grid += [[pole, count] for pole, count in zip(poles, members, strict=True)]
    rows = list(range(2, 2 + len(members)))
    left_out = data.draw(st.sets(st.sampled_from(rows)))
    reasons = data.draw(
        st.lists(st.text(min_size=1, max_size=30).filter(str.strip), min_size=9, max_size=9)
    )
    result = run(grid, {row: reasons[i] for i, row in enumerate(sorted(left_out))})
    kept = [row for row in rows if row not in left_out]
    assert [e.row for e in result.excluded] == sorted(left_out)
    assert [e.pole for e in result.excluded] == [poles[row - 2] for row in sorted(left_out)]
    if not kept:
        assert result.survey is None
        assert "no_answers" in codes(result)
        return
    assert result.survey is not None
    assert result.survey.responses["source_row"].tolist() == kept
    assert result.survey.responses["members"].sum() == sum(members[row - 2] for row in kept)


@settings(
    max_examples=20, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
@given(rows=st.dictionaries(st.integers(-5, 12), st.text(max_size=12), max_size=5))
def test_any_exclusion_gives_a_report_never_an_exception(rows: dict[int, str]) -> None:
    result = run(clean_grid(), rows)
    answer = {2, 3, 4}
    applied = {row for row, reason in rows.items() if row in answer and reason.strip()}
    assert {e.row for e in result.excluded} == applied
    refused = {p.row for p in result.report.errors if p.code.startswith("excluded_row_")}
    assert refused == set(rows) - applied
    assert len(CLEAN_ROWS) - len(applied) == (
        len(result.survey.responses) if result.survey is not None else 0
    )
