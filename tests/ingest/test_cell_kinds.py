"""Every kind of value a spreadsheet cell can hold, on every path: a located problem or a
faithful rendering, never an exception (issue 13, item 6).

Durations come from `[h]:mm:ss` cells (a "time to complete" column of a survey tool), which
python-calamine returns as `datetime.timedelta`; they used to crash the cleaning step.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from analysis.analytics.diff import diff_rounds
from analysis.core.model import SourceFile
from analysis.export.canonical import round_to_csv, round_to_xlsx
from analysis.ingest.cleaning.cells import display_value, duration_text
from analysis.ingest.cleaning.values import to_count, to_decimal, to_text, to_yesno
from analysis.ingest.pipeline import IngestResult, ingest
from analysis.ingest.review import preview_window
from tests.support.files import ExcelError, xlsx_bytes
from tests.support.messy import CLEAN_HEADERS, CLEAN_ROWS

ROOT = Path(__file__).resolve().parents[2]
DURATION = timedelta(hours=30, minutes=5, seconds=7)


def run(
    rows: list[list[Any]],
    name: str = "enquete.xlsx",
    overrides: dict[str, str] | None = None,
    **sheets: Any,
) -> IngestResult:
    content = xlsx_bytes(rows, sheet="Responses", extra_sheets=sheets)
    return ingest(SourceFile(name, content), column_overrides=overrides)


def with_column(header: str, values: list[Any]) -> list[list[Any]]:
    """The clean file with one more column at the right."""
    return [[*CLEAN_HEADERS, header]] + [
        [*row, value] for row, value in zip(CLEAN_ROWS, values, strict=True)
    ]


def with_cell(column: str, value: Any, row: int = 0) -> list[list[Any]]:
    """The clean file with the answer of `row` in `column` replaced by `value`."""
    rows = [list(r) for r in CLEAN_ROWS]
    rows[row][CLEAN_HEADERS.index(column)] = value
    return [list(CLEAN_HEADERS), *rows]


def problems(result: IngestResult) -> list[tuple[str, int | None, str | None]]:
    return [(p.code, p.row, p.column) for p in result.report.problems]


def test_a_duration_column_changes_no_figure_and_reads_as_typed() -> None:
    plain = run([list(CLEAN_HEADERS), *CLEAN_ROWS])
    rows = with_column("Temps de réponse", [DURATION, timedelta(minutes=3), None])
    dropped = run(rows)
    # A duration is the survey tool's bookkeeping: left out of the round, and said so.
    assert dropped.survey is not None and dropped.survey.extras.empty
    assert [p.code for p in dropped.report.warnings] == ["metadata_columns_dropped"]
    # Kept on purpose (mapped to an extra column), it is read as typed.
    timed = run(rows, overrides={"Temps de réponse": "extra"})
    assert plain.survey is not None and timed.survey is not None
    assert timed.report.ok
    for result in (timed, dropped):
        assert result.survey is not None
        for key in ("members", "coordinator_members", "europe_team_fte"):
            assert result.survey.responses[key].tolist() == plain.survey.responses[key].tolist()
        assert result.survey.yearly["projects_submitted"].sum() == 40 + 44 + 35 + 37 + 6 + 7
    extras = timed.survey.extras
    assert extras["value"].tolist() == ["30:05:07", "0:03:00"]
    # ... and the exports of the round carry that text (no crash, no "1 day, 6:05:07")
    assert b"30:05:07" in round_to_csv(timed.survey)
    assert round_to_xlsx(timed.survey)[:2] == b"PK"
    assert diff_rounds(timed.survey, plain.survey) is not None


def test_the_preview_shows_durations_times_and_dates_as_cells_show_them() -> None:
    rows = with_column("Temps", [DURATION, time(9, 30), date(2024, 3, 1)])
    result = run(rows)
    assert result.raw is not None
    preview = preview_window(result.raw.cells, result.report, result.sheet)
    assert preview.cells["M"].tolist()[1:] == ["30:05:07", "09:30:00", "2024-03-01"]


@pytest.mark.parametrize(
    ("value", "code"),
    [
        (DURATION, "wrong_kind"),
        (time(10, 0), "wrong_kind"),
        (date(2021, 5, 1), "wrong_kind"),
        (datetime(2021, 5, 1, 12, 0), "wrong_kind"),
        (True, "text_in_number"),
        (10**20, "too_large"),
        (ExcelError("#DIV/0!"), "excel_error"),
        ("1e400", "text_in_number"),
    ],
)
def test_a_value_of_the_wrong_kind_in_a_count_is_a_located_error(value: Any, code: str) -> None:
    result = run(with_cell("Number of members", value, row=1))
    assert (code, 3, "L") in problems(result)
    assert not result.report.ok
    assert result.survey is not None and pd.isna(result.survey.responses["members"].iloc[1])


def test_a_duration_in_a_yes_no_or_text_column_is_located_or_rendered() -> None:
    yesno = run(with_cell("Plans to recruit in 2023", DURATION))
    assert ("invalid_yesno", 2, "J") in problems(yesno)
    text = run(with_cell("Sector", DURATION))
    assert text.survey is not None and text.survey.responses["sector"].iloc[0] == "30:05:07"


def test_the_converters_take_every_kind_calamine_returns() -> None:
    raw = pd.Series(
        [DURATION, time(1, 2), date(2020, 1, 1), datetime(2020, 1, 1, 5), True, 3, 2.5, "x", None],
        dtype=object,
    )
    for convert in (to_count, to_decimal, to_yesno, to_text):
        values, codes = convert(raw)
        assert len(values) == len(codes) == len(raw)
    assert to_count(raw)[1].tolist()[:4] == ["wrong_kind"] * 4


def test_durations_read_as_a_duration_cell_shows_them() -> None:
    assert duration_text(timedelta(days=2, seconds=5)) == "48:00:05"
    assert duration_text(timedelta(seconds=-90)) == "-0:01:30"
    assert display_value(timedelta(minutes=3)) == "0:03:00"


@pytest.mark.parametrize("error", ["#NAME?", "#N/A", "#DIV/0!", "#REF!", "#VALUE!"])
def test_an_excel_error_is_never_a_header(error: str) -> None:
    rows = [[ExcelError(error), *CLEAN_HEADERS]] + [["x", *row] for row in CLEAN_ROWS]
    result = run(rows)
    assert result.mapping is not None
    first = result.mapping.columns[0]
    assert first.field is None and first.duplicate_of is None
    assert result.mapping.by_field["pole"].letter == "B"
    assert result.survey is not None
    assert result.survey.responses["pole"].iloc[0] == "Aerospace Valley"
    assert len(result.survey.responses) == len(CLEAN_ROWS)


def test_an_empty_workbook_is_called_empty() -> None:
    result = run([])
    assert problems(result) == [("empty_workbook", None, None)]
    assert "the file is empty" in result.report.problems[0].message("en")
    assert "le fichier est vide" in result.report.problems[0].message("fr")
    assert result.survey is None


def test_an_empty_responses_sheet_beside_a_side_sheet_is_called_empty() -> None:
    result = run([], Projets=[["Pôle", "Année"], ["Aerospace Valley", 2021]])
    assert problems(result) == [("empty_sheet", None, None)]
    message = result.report.problems[0].message("en")
    assert message.startswith('Sheet "Responses": the sheet is empty')


def test_headers_without_answers_are_located_on_the_header_row() -> None:
    result = run([[], ["Notes"], list(CLEAN_HEADERS)])
    assert ("no_answers", 3, None) in problems(result)
    message = next(p for p in result.report.problems if p.code == "no_answers").message("en")
    assert "row 3" in message and "None" not in message


def test_validate_reads_a_duration_workbook_without_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "export.xlsx"
    path.write_bytes(xlsx_bytes(with_column("Durée", [DURATION, DURATION, DURATION])))
    done = subprocess.run(
        [sys.executable, "-m", "analysis", "validate", str(path), "--lang", "en"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
