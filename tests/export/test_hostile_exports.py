"""Every export path, fed the hostile-name table as values and as extra-column headers
(issue 15, finding 3): no cell and no header starts a formula, numbers stay numbers, and a
re-imported export keeps its columns' names.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from analysis.analytics.answers_table import data_table
from analysis.analytics.filters import Filters
from analysis.awards.jury import jury_xlsx
from analysis.awards.rules import Edition, eligibility
from analysis.cli import main
from analysis.core.model import SourceFile
from analysis.core.registry import Registry
from analysis.export.canonical import round_to_csv, round_to_xlsx
from analysis.export.files import export_notes, filtered_csv, filtered_xlsx
from analysis.export.safety import FORMULA_TRIGGERS
from analysis.ingest.pipeline import ingest
from analysis.sample import round as sample
from analysis.store import SurveyStore
from analysis.template.workbook import template_xlsx
from tests.support.hostile_names import FORMULA_NAMES, HOSTILE_LABEL, HOSTILE_NAMES, hostile_round

SURVEY = hostile_round(label="hostile")
#: A spreadsheet reads these as numbers, never formulas: they may start with `+` or `-`.
PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?")


def risky(value: str) -> bool:
    """Text a spreadsheet would read as a formula."""
    return value.startswith(FORMULA_TRIGGERS) and not PLAIN_NUMBER.fullmatch(value)


def written(name: str) -> str:
    """How an export must write `name`: with the apostrophe when it is risky."""
    return "'" + name if risky(name) else name


#: The one formula an export writes itself: the jury workbook's total of a row's scores.
OWN_FORMULA = re.compile(r"=SUM\([A-Z]+[0-9]+:[A-Z]+[0-9]+\)")


def assert_workbook_inert(data: bytes) -> int:
    """No formula, no hyperlink, no text starting with a trigger in any cell; the cells read."""
    book = load_workbook(io.BytesIO(data))
    seen = 0
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                seen += 1
                if cell.data_type == "f":  # only the jury's own score total may be a formula
                    assert OWN_FORMULA.fullmatch(str(cell.value)), (sheet.title, cell.value)
                    continue
                assert cell.hyperlink is None, (sheet.title, cell.coordinate)
                if isinstance(cell.value, str):
                    assert not risky(cell.value), (
                        sheet.title,
                        cell.coordinate,
                        cell.value,
                    )
    return seen


def assert_csv_inert(data: bytes, sep: str) -> list[list[str]]:
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=sep))
    for row in rows:
        for value in row:
            assert not risky(value), value
    return rows


def hostile_headers_written(rows: list[list[str]]) -> None:
    """The extra columns are there, under their neutralised names."""
    for name in FORMULA_NAMES:
        assert written(name) in rows[0], (name, rows[0])


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_canonical_exports_neutralise_headers_and_cells(lang: str) -> None:
    assert_workbook_inert(round_to_xlsx(SURVEY, lang))  # type: ignore[arg-type]
    rows = assert_csv_inert(round_to_csv(SURVEY, lang), ";" if lang == "fr" else ",")  # type: ignore[arg-type]
    hostile_headers_written(rows)


def test_a_canonical_export_reimports_with_the_same_extra_columns() -> None:
    result = ingest(SourceFile("back.xlsx", round_to_xlsx(SURVEY, "en")))
    assert result.survey is not None, [p.code for p in result.report.problems]
    assert set(FORMULA_NAMES) <= set(result.survey.extras["column"])


def test_a_csv_export_reimports_with_the_same_extra_columns() -> None:
    # A carriage return inside a quoted CSV header is the input half's finding 6 (CSV
    # reading); this half checks the neutralisation prefix is recognised and undone.
    names = tuple(n for n in FORMULA_NAMES if "\r" not in n)
    survey = SURVEY.with_frames(extras=SURVEY.extras.loc[SURVEY.extras["column"].isin(names)])
    result = ingest(SourceFile("back.csv", round_to_csv(survey, "en")))
    assert result.survey is not None, [p.code for p in result.report.problems]
    columns = {c.strip() for c in result.survey.extras["column"]}
    assert {n.strip() for n in names} <= columns, columns


def test_the_cli_export_is_neutralised(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 's.db'}"
    with SurveyStore(url) as store:
        store.import_survey(SURVEY, SourceFile("x.csv", b"pole\n"), actor="tester")
    for fmt in ("xlsx", "csv"):
        out = tmp_path / f"out.{fmt}"
        assert (
            main(
                [
                    "export",
                    "--db",
                    url,
                    "--round",
                    "hostile",
                    "--format",
                    fmt,
                    "--out",
                    str(out),
                    "--lang",
                    "en",
                ]
            )
            == 0
        )
        if fmt == "xlsx":
            assert_workbook_inert(out.read_bytes())
        else:
            hostile_headers_written(assert_csv_inert(out.read_bytes(), ","))


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_page_downloads_are_neutralised(lang: str) -> None:
    table = data_table(SURVEY, lang)  # type: ignore[arg-type]
    notes = export_notes(SURVEY.info, Filters(round="hostile"), lang, date(2026, 1, 1))  # type: ignore[arg-type]
    assert_workbook_inert(filtered_xlsx(table, notes, lang))  # type: ignore[arg-type]
    rows = assert_csv_inert(filtered_csv(table, lang), ";" if lang == "fr" else ",")  # type: ignore[arg-type]
    hostile_headers_written(rows)


def test_a_hostile_round_label_is_neutralised_in_the_notes() -> None:
    survey = hostile_round(label="=" + HOSTILE_LABEL)
    table = data_table(survey, "en")
    notes = export_notes(survey.info, Filters(round=survey.info.label), "en", date(2026, 1, 1))
    assert_workbook_inert(filtered_xlsx(table, notes, "en"))
    assert_workbook_inert(round_to_xlsx(survey, "en"))


def test_the_jury_workbook_is_neutralised() -> None:
    survey = sample.generate()  # poles of the registry, so applications are eligible
    names = [HOSTILE_NAMES[i % len(HOSTILE_NAMES)] for i in range(len(survey.initiatives))]
    initiatives = survey.initiatives.assign(title=names, description=names, contact=names)
    checked = eligibility(
        initiatives, Edition.default_2023(), Registry.default(), responses=survey.responses
    )
    assert checked["eligible"].any()
    assert assert_workbook_inert(jury_xlsx(checked, Edition.default_2023(), "en")) > 0


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_template_holds_no_formula(lang: str) -> None:
    assert assert_workbook_inert(template_xlsx(lang)) > 0  # type: ignore[arg-type]
