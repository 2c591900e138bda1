"""The empty survey workbook staff fill in: the headers ingestion reads best, explained.

`template_xlsx(lang)` gives an .xlsx whose responses sheet carries the canonical headers
(the schema's labels, one column per year of the period for the per-year questions),
one example row, input lists where answers are closed (yes/no, programme, role), a
`projects` sheet, an `initiatives` sheet (applications to the award: one example
application, the categories as an input list; see `template_initiatives`), a `round`
metadata sheet and a notes sheet explaining every field of every sheet.

The example rows are marked in their pole cell (`schema.EXAMPLE_POLE`), in grey italics; if
staff forget to delete one, ingestion refuses it as the template's example (an error
naming the cell) rather than counting its figures as a pole's or its application as one.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from analysis.core.i18n import Lang, t
from analysis.core.schema import EXAMPLE_POLE, FIELDS, PROGRAMMES, Field, Kind
from analysis.export.canonical import (
    INITIATIVES_SHEET,
    PROJECT_HEADERS,
    PROJECTS_SHEET,
    RESPONSES_SHEET,
    ROUND_KEYS,
    ROUND_SHEET,
    YES_NO,
)
from analysis.ingest.sheets.responses import EXPECTED
from analysis.template.initiatives import initiatives_notes, initiatives_sheet
from analysis.template.look import BOLD, EXAMPLE_FILL, EXAMPLE_FONT, WRAP, span

#: How many years the per-year questions cover by default (the last complete ones).
DEFAULT_YEARS = 4
#: The notes sheet's name (the same word in both languages).
NOTES_SHEET = "Notes"
#: Roles as the projects sheet's list offers them (both are read by ingestion).
ROLE_WORDS: dict[str, tuple[str, str]] = {
    "fr": ("coordinateur", "partenaire"),
    "en": ("coordinator", "partner"),
}
#: The example row's answers, by field key (per-year ones: one value per year, cycled).
EXAMPLE_VALUES: dict[str, object] = {
    "region": "Occitanie",
    "sector": None,
    "projects_submitted": (12, 14, 15, 17),
    "projects_funded": (3, 4, 4, 5),
    "europe_team_recruitments": 1,
    "coordinator_members": 6,
    "plans_to_recruit": True,
    "europe_team_fte": 1.5,
    "members": 240,
}


def default_years(today: date | None = None, count: int = DEFAULT_YEARS) -> list[int]:
    """The last `count` complete years before `today` (2025 → 2021 … 2024)."""
    year = (today or date.today()).year
    return list(range(year - count, year))


def responses_headers(lang: Lang, years: Sequence[int]) -> list[tuple[Field, int | None, str]]:
    """`(field, year, header)` of every column of the responses sheet, in order."""
    columns: list[tuple[Field, int | None, str]] = []
    for field in FIELDS:
        if field.per_year:
            columns += [(field, year, f"{field.label(lang)} {year}") for year in years]
        else:
            columns.append((field, None, field.label(lang)))
    return columns


def _example_value(field: Field, year_index: int, lang: Lang) -> object:
    if field.key == "pole":
        return EXAMPLE_POLE[lang]
    value = EXAMPLE_VALUES.get(field.key)
    if isinstance(value, tuple):
        return value[year_index % len(value)]
    if field.kind is Kind.YESNO and isinstance(value, bool):
        return YES_NO[lang][0 if value else 1]
    return value


def _list_validation(values: Sequence[str], lang: Lang, key: str) -> DataValidation:
    """An in-cell drop-down of `values` that refuses anything else (blank allowed)."""
    rule = DataValidation(type="list", formula1='"' + ",".join(values) + '"', allow_blank=True)
    rule.error = t(f"upload.template_{key}_error", lang)
    rule.errorTitle = t("upload.template_input_title", lang)
    rule.showErrorMessage = True
    return rule


def _number_validation(kind: Kind, lang: Lang) -> DataValidation:
    """Whole numbers (counts) or numbers (decimals), 0 or more; blank allowed."""
    rule = DataValidation(
        type="whole" if kind is Kind.COUNT else "decimal",
        operator="greaterThanOrEqual",
        formula1="0",
        allow_blank=True,
    )
    rule.error = t(f"expected.{EXPECTED[kind]}", lang)
    rule.errorTitle = t("upload.template_input_title", lang)
    rule.showErrorMessage = True
    return rule


def _responses_sheet(ws: Worksheet, lang: Lang, years: Sequence[int]) -> None:
    columns = responses_headers(lang, years)
    ws.append([header for _field, _year, header in columns])
    example = [
        _example_value(field, years.index(year) if year is not None else 0, lang)
        for field, year, _header in columns
    ]
    ws.append(example)
    yes_no = _list_validation(YES_NO[lang], lang, "yesno")
    ws.add_data_validation(yes_no)
    numbers = {kind: _number_validation(kind, lang) for kind in (Kind.COUNT, Kind.DECIMAL)}
    for rule in numbers.values():
        ws.add_data_validation(rule)
    for position, (field, _year, header) in enumerate(columns, start=1):
        ws.cell(row=1, column=position).font = BOLD
        cell = ws.cell(row=2, column=position)
        cell.font, cell.fill = EXAMPLE_FONT, EXAMPLE_FILL
        ws.column_dimensions[get_column_letter(position)].width = max(12, min(36, len(header) + 2))
        if field.kind is Kind.YESNO:
            yes_no.add(span(position))
        elif field.kind in numbers:
            numbers[field.kind].add(span(position))
    ws.freeze_panes = "B2"


def _projects_sheet(ws: Worksheet, lang: Lang) -> None:
    headers = PROJECT_HEADERS[lang]
    ws.append(list(headers.values()))
    keys = list(headers)
    for position in range(1, len(keys) + 1):
        ws.cell(row=1, column=position).font = BOLD
        ws.column_dimensions[get_column_letter(position)].width = 18
    programme = _list_validation(PROGRAMMES, lang, "programme")
    role = _list_validation(ROLE_WORDS[lang], lang, "role")
    funded = _list_validation(YES_NO[lang], lang, "funded")
    funded.showErrorMessage = False  # a count is as good as yes/no: the list only suggests
    for rule, key in ((programme, "programme"), (role, "role"), (funded, "funded")):
        ws.add_data_validation(rule)
        rule.add(span(keys.index(key) + 1))
    ws.freeze_panes = "A2"


def _round_sheet(ws: Worksheet, lang: Lang, years: Sequence[int]) -> None:
    keys = ROUND_KEYS[lang]
    ws.append([t("upload.template_round_key", lang), t("upload.template_round_value", lang)])
    values: dict[str, object] = {
        "label": None,
        "period_start": years[0] if years else None,
        "period_end": years[-1] if years else None,
        "poles_surveyed": None,
        "collected_on": None,
        "synthetic": YES_NO[lang][1],
    }
    for key, value in values.items():
        ws.append([keys[key], value, t(f"upload.template_round_{key}", lang)])
    for cell in ws[1]:
        cell.font = BOLD
    synthetic = _list_validation(YES_NO[lang], lang, "yesno")
    ws.add_data_validation(synthetic)
    synthetic.add(f"B{2 + list(values).index('synthetic')}")
    ws.column_dimensions["A"].width = 22
    ws.column_dimensions["B"].width = 18
    ws.column_dimensions["C"].width = 70


def _notes_sheet(ws: Worksheet, lang: Lang, years: Sequence[int]) -> None:
    ws.append([t(f"upload.template_notes_{key}", lang) for key in ("column", "meaning", "answer")])
    for cell in ws[1]:
        cell.font = BOLD
    span = f"{years[0]}…{years[-1]}" if years else ""
    for field in FIELDS:
        header = f"{field.label(lang)} {span}".strip() if field.per_year else field.label(lang)
        required = " " + t("upload.template_required", lang) if field.required else ""
        ws.append(
            [header, field.help(lang) + required, t(f"expected.{EXPECTED[field.kind]}", lang)]
        )
    ws.append([])
    sheets = {
        "responses": RESPONSES_SHEET[lang],
        "projects": PROJECTS_SHEET[lang],
        "round": ROUND_SHEET[lang],
    }
    for key in ("example", "blank", "one_row", "projects", "round", "extra"):
        ws.append([t(f"upload.template_rule_{key}", lang, example=EXAMPLE_POLE[lang], **sheets)])
    initiatives_notes(ws, lang)
    ws.column_dimensions["A"].width = 38
    ws.column_dimensions["B"].width = 80
    ws.column_dimensions["C"].width = 40
    for row in ws.iter_rows(min_row=2, max_col=3):
        for cell in row:
            cell.alignment = WRAP


def template_xlsx(lang: Lang, years: Sequence[int] | None = None) -> bytes:
    """The empty survey workbook in `lang`; per-year columns for `years` (default: the
    last `DEFAULT_YEARS` complete years)."""
    chosen = sorted(set(years)) if years else default_years()
    book = Workbook()
    responses = book.active
    responses.title = RESPONSES_SHEET[lang]
    _responses_sheet(responses, lang, chosen)
    _projects_sheet(book.create_sheet(PROJECTS_SHEET[lang]), lang)
    _round_sheet(book.create_sheet(ROUND_SHEET[lang]), lang, chosen)
    initiatives_sheet(book.create_sheet(INITIATIVES_SHEET[lang]), lang)
    _notes_sheet(book.create_sheet(NOTES_SHEET), lang, chosen)
    book.properties.creator = "Pôles Europe"
    book.properties.title = t("upload.template_title", lang)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def template_name(lang: Lang) -> str:
    """The download's file name: `modele_enquete_europe.xlsx` / `europe_survey_template.xlsx`."""
    return t("upload.template_file", lang)
