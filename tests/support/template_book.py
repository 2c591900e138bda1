"""The template workbook as the template tests open and fill it: its sheets, header row and
data validations read back, example rows deleted and answers typed in."""

from __future__ import annotations

import io
from typing import Any

import openpyxl

from analysis.export.canonical import INITIATIVES_SHEET
from analysis.template.workbook import (
    template_xlsx,
)

YEARS = [2021, 2022, 2023, 2024]
SHEETS = {
    "fr": ["Réponses", "Projets", "Enquête", "Initiatives", "Notes"],
    "en": ["Responses", "Projects", "Round", "Initiatives", "Notes"],
}


def open_template(lang: str, years: list[int] = YEARS) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(template_xlsx(lang, years)))  # type: ignore[arg-type]


def header_row(ws: Any) -> list[str]:
    return [cell.value for cell in ws[1] if cell.value is not None]


def validations_of(ws: Any) -> dict[str, str]:
    """Cell range (its first cell) -> the list or rule of each data validation."""
    found = {}
    for rule in ws.data_validations.dataValidation:
        for cell_range in rule.sqref.ranges:
            first = cell_range.coord.split(":")[0]
            found[first] = f"{rule.type}:{rule.formula1}"
    return found


def filled_template(
    lang: str,
    rows: list[list[Any]],
    keep_initiative_example: bool = False,
    **extra: list[list[Any]],
) -> bytes:
    """The template with its example rows deleted (the initiatives one kept if asked) and
    `rows` typed in the responses' place, `extra` rows appended to the sheets they name."""
    book = open_template(lang)
    responses = book.worksheets[0]
    responses.delete_rows(2)
    if not keep_initiative_example:
        book[INITIATIVES_SHEET[lang]].delete_rows(2)
    for row in rows:
        responses.append(row)
    for sheet, sheet_rows in extra.items():
        for row in sheet_rows:
            book[sheet].append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def two_answers(lang: str) -> list[list[Any]]:
    yes, no = ("oui", "non") if lang == "fr" else ("yes", "no")
    # pole, region, sector, submitted ×4, funded ×4, recruitments, coordinators, plans, FTE,
    # members
    return [
        ["Aerospace Valley", "Occitanie", None, 10, 11, 12, 13, 2, 3, 4, 5, 1, 4, yes, 2.5, 300],
        ["Minalogic", None, None, 5, None, 7, 8, 1, None, 2, 2, 0, None, no, None, None],
    ]
