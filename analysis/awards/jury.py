"""The jury pack of an award edition: the eligible applications as a scoring workbook and
as a short deck, in French or English.

- `jury_xlsx`: one sheet per category of the edition holding its eligible applications
  (pole, region, title, start date, description, partner countries, contact, why it is
  eligible), then one scoring column per criterion of the category, each limited to a whole
  number from 0 to 5 by a data validation, a total formula and a comments column; a last
  sheet explains the edition, the categories and the scale. Text that came from an upload
  goes through `analysis.export.safety`, so a title typed as `=HYPERLINK(...)` stays text; the only
  formulas in the workbook are the totals written here.
- `jury_pptx`: a title slide, then one slide per eligible application with its facts, its
  category and the reason it is eligible, drawn by the event deck's painter
  (`analysis.deck`) so both decks share one look.

Both take the frame of `awards.eligibility` and keep its eligible rows only.
"""

from __future__ import annotations

import io
import re

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from analysis.awards.categories import Category
from analysis.awards.rules import Edition, explanations, phase_name
from analysis.core.i18n import Lang, fmt_date, t
from analysis.core.text import normalise, strip_accents
from analysis.export.files import HEADER_FILL, HEADER_FONT, MAX_WIDTH, MIN_WIDTH
from analysis.export.safety import neutralise, workbook_text

#: Lowest and highest score a criterion takes.
SCORE_MIN, SCORE_MAX = 0, 5
#: Date cells: day first in French, ISO in English.
DATE_FORMATS: dict[str, str] = {"fr": "dd/mm/yyyy", "en": "yyyy-mm-dd"}
#: Columns of a category sheet before the scores: frame column -> `awards.col_<key>`.
FACT_COLUMNS: tuple[str, ...] = (
    "pole",
    "region",
    "title",
    "start_date",
    "description",
    "partner_countries",
    "contact",
    "eligibility",
)
_WIDTHS: dict[str, int] = {"description": 60, "eligibility": 60}
_BOLD = Font(bold=True)
_WRAP = Alignment(wrap_text=True, vertical="top")
_SHEET_UNSAFE = re.compile(r"[\[\]:*?/\\]")
_FILE_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def eligible_rows(checked: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """The eligible applications, sorted by category, pole and title, with their reason."""
    rows = checked.loc[checked["eligible"].astype(bool)]
    rows = rows.assign(
        eligibility=explanations(rows, lang),
        _pole=rows["pole"].map(normalise),
        _title=rows["title"].map(normalise),
    )
    rows = rows.sort_values(["_pole", "_title"], kind="stable")
    return rows.drop(columns=["_pole", "_title"]).reset_index(drop=True)


def sheet_name(category: Category, lang: Lang) -> str:
    """The category's sheet name: its short name in `lang`, within Excel's 31 characters."""
    key = f"awards.sheet_{category.key}"
    name = t(key, lang)
    if name == key:
        name = category.label(lang)
    return _SHEET_UNSAFE.sub(" ", name)[:31]


def _facts(rows: pd.DataFrame) -> pd.DataFrame:
    """The fact columns of `rows`, text guarded, dates as dates, blanks as `None`."""
    facts = workbook_text(rows[list(FACT_COLUMNS)].drop(columns="start_date"))
    facts.insert(3, "start_date", rows["start_date"].dt.date.astype(object))
    return facts.astype(object).where(facts.notna(), None)


def _header_cells(ws: Worksheet, headers: list[str]) -> None:
    ws.append([str(neutralise(h)) for h in headers])
    for cell in ws[1]:
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    ws.freeze_panes = "D2"


def _validation(lang: Lang) -> DataValidation:
    """Whole numbers from 0 to 5 only, with a prompt and an error in `lang`."""
    rule = DataValidation(
        type="whole",
        operator="between",
        formula1=str(SCORE_MIN),
        formula2=str(SCORE_MAX),
        allow_blank=True,
        showErrorMessage=True,
        showInputMessage=True,
    )
    rule.errorTitle = t("awards.jury_score_error_title", lang)
    rule.error = t("awards.jury_score_error", lang, low=SCORE_MIN, high=SCORE_MAX)
    rule.promptTitle = t("awards.jury_score_prompt_title", lang)
    rule.prompt = t("awards.jury_score_prompt", lang, low=SCORE_MIN, high=SCORE_MAX)
    return rule


def _category_sheet(ws: Worksheet, category: Category, rows: pd.DataFrame, lang: Lang) -> None:
    """Facts, one score column per criterion (0–5), the total formula and comments."""
    criteria = [
        t("awards.jury_score_header", lang, criterion=c.label(lang), low=SCORE_MIN, high=SCORE_MAX)
        for c in category.criteria
    ]
    headers = [t(f"awards.col_{column}", lang) for column in FACT_COLUMNS]
    headers += [*criteria, t("awards.col_total", lang), t("awards.col_comments", lang)]
    _header_cells(ws, headers)
    first_score = len(FACT_COLUMNS) + 1
    last_score = first_score + len(criteria) - 1
    first, last = get_column_letter(first_score), get_column_letter(last_score)
    for number, values in enumerate(_facts(rows).to_numpy().tolist(), start=2):
        total = f"=SUM({first}{number}:{last}{number})" if criteria else None
        ws.append([*values, *([None] * len(criteria)), total, None])
    count = len(rows)
    if count and criteria:
        rule = _validation(lang)
        rule.add(f"{first}2:{last}{count + 1}")
        ws.add_data_validation(rule)
    if not count:
        ws.append([t("awards.jury_none_eligible", lang)])
    date_column = FACT_COLUMNS.index("start_date") + 1
    for (cell,) in ws.iter_rows(min_row=2, min_col=date_column, max_col=date_column):
        cell.number_format = DATE_FORMATS[lang]
    for position, column in enumerate(FACT_COLUMNS, start=1):
        width = _WIDTHS.get(column) or _width(headers[position - 1], rows.get(column))
        ws.column_dimensions[get_column_letter(position)].width = width
    for position in range(first_score, len(headers) + 1):
        ws.column_dimensions[get_column_letter(position)].width = 14
    ws.column_dimensions[get_column_letter(len(headers))].width = 40
    for row in ws.iter_rows(min_row=2, max_col=len(FACT_COLUMNS)):
        for cell in row:
            cell.alignment = _WRAP


def _width(header: str, values: pd.Series | None) -> int:
    longest = 0
    if values is not None and values.notna().any():
        longest = int(values.dropna().astype(str).str.len().max())
    return min(MAX_WIDTH, max(MIN_WIDTH, len(header) + 2, longest + 2))


def _notes_sheet(ws: Worksheet, edition: Edition, lang: Lang, synthetic: bool) -> None:
    """What the pack is: the edition, each category's rule and criteria, the scale."""
    rows: list[tuple[str, str]] = [
        (t("awards.jury_notes_edition", lang), str(edition.year)),
        (t("awards.jury_notes_deadline", lang), fmt_date(edition.deadline, lang, "long")),
        (
            t("awards.jury_notes_phase", lang),
            t("awards.phase_label", lang, phase=phase_name(edition.labelling_phase)),
        ),
        (
            t("awards.jury_notes_scale", lang),
            t("awards.jury_notes_scale_text", lang, low=SCORE_MIN, high=SCORE_MAX),
        ),
    ]
    for category in edition.categories:
        rows.append((category.label(lang), category.rewards(lang)))
        rows.append(("", t("awards.window_rule", lang, years=category.window_years)))
        names = ", ".join(c.label(lang) for c in category.criteria)
        rows.append(("", t("awards.jury_notes_criteria", lang, criteria=names)))
    if synthetic:
        rows.append((t("awards.jury_notes_notice", lang), t("awards.jury_synthetic", lang)))
    ws.append([t("awards.jury_notes_heading", lang), ""])
    ws["A1"].font = HEADER_FONT
    ws["A1"].fill = ws["B1"].fill = HEADER_FILL
    for label, text in rows:
        ws.append([label, text])
    for (cell,) in ws.iter_rows(min_row=2, max_col=1):
        cell.font = _BOLD
    ws.column_dimensions["A"].width = 36
    ws.column_dimensions["B"].width = 100
    for (cell,) in ws.iter_rows(min_row=2, min_col=2, max_col=2):
        cell.alignment = _WRAP


def jury_xlsx(
    checked: pd.DataFrame, edition: Edition, lang: Lang, *, synthetic: bool = False
) -> bytes:
    """The scoring workbook: one sheet per category (eligible applications), then notes."""
    rows = eligible_rows(checked, lang)
    wb = Workbook()
    wb.remove(wb.active)
    for category in edition.categories:
        ws = wb.create_sheet(sheet_name(category, lang))
        _category_sheet(ws, category, rows.loc[rows["category"] == category.key], lang)
    _notes_sheet(wb.create_sheet(t("awards.jury_notes_sheet", lang)), edition, lang, synthetic)
    wb.properties.creator = "Pôles Europe"
    wb.properties.title = t("awards.jury_title", lang, year=str(edition.year))
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def jury_pptx(
    checked: pd.DataFrame,
    edition: Edition,
    lang: Lang,
    *,
    synthetic: bool = False,
    template: bytes | None = None,
) -> bytes:
    """The jury deck: a title slide, then one slide per eligible application."""
    from analysis.awards.jury_slides import jury_content
    from analysis.deck import render_deck  # python-pptx loads only when a deck is drawn

    content = jury_content(eligible_rows(checked, lang), edition, lang, synthetic=synthetic)
    return render_deck(content, template)


def jury_filename(edition: Edition, lang: Lang, extension: str) -> str:
    """`jury_award_2023_en.xlsx` / `jury_prix_2023_fr.pptx`."""
    stem = t("awards.jury_file_stem", lang, year=str(edition.year))
    safe = _FILE_UNSAFE.sub("_", strip_accents(stem)).strip("._") or "jury"
    return f"{safe}_{lang}.{extension}"
