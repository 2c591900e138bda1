"""The template's initiatives sheet (applications to the award) and its part of the notes.

The sheet carries the headers `canonical.INITIATIVE_HEADERS` gives in the template's
language (ones `initiatives_sheet` recognises), one example application marked like the
responses' example row (`schema.EXAMPLE_POLE` in its pole cell, grey italics: ingestion
refuses it if left in) and the award's categories as an input list. The notes say what
each column holds, what each category rewards and how recent an initiative must be, the
date forms read, and who may apply, all taken from `awards.Edition.default_2023()` so the
template cannot drift from the eligibility rules the Awards page applies.
"""

from __future__ import annotations

from datetime import date

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from analysis.awards.categories import COLLABORATIVE
from analysis.awards.rules import Edition, phase_name
from analysis.core.i18n import Lang, fmt_date, t
from analysis.core.schema import EXAMPLE_POLE
from analysis.export.canonical import INITIATIVE_HEADERS, INITIATIVES_SHEET
from analysis.template.look import BOLD, EXAMPLE_FILL, EXAMPLE_FONT, span

#: The example application (beside its pole cell), by column key, per language. It started
#: within the collaborative category's window of the 2023 edition and was sent in time.
EXAMPLE_INITIATIVE: dict[str, dict[str, object]] = {
    "fr": {
        "title": "Réseau européen de living labs",
        "category": COLLABORATIVE.label_fr,
        "start_date": date(2022, 3, 1),
        "description": "Trois clusters européens et le pôle testent ensemble les innovations"
        " de leurs adhérents.",
        "partner_countries": "Allemagne, Italie",
        "contact": "europe@pole.example",
        "submitted_on": date(2023, 9, 1),
    },
    "en": {
        "title": "European network of living labs",
        "category": COLLABORATIVE.label_en,
        "start_date": date(2022, 3, 1),
        "description": "Three European clusters and the pole test their members' innovations"
        " together.",
        "partner_countries": "Germany, Italy",
        "contact": "europe@pole.example",
        "submitted_on": date(2023, 9, 1),
    },
}
#: How the example's date cells are shown: day first in French, ISO in English.
DATE_FORMATS: dict[str, str] = {"fr": "DD/MM/YYYY", "en": "YYYY-MM-DD"}
#: What the notes' third column says each initiatives column expects (`expected.*` keys).
_EXPECTED: dict[str, str] = {
    "pole": "pole_name",
    "category": "award_category",
    "start_date": "initiative_date",
    "submitted_on": "initiative_date",
}
_REQUIRED: frozenset[str] = frozenset({"pole", "category"})


def initiatives_sheet(ws: Worksheet, lang: Lang) -> None:
    """Headers, the example application and the categories as an input list."""
    headers = INITIATIVE_HEADERS[lang]
    keys = list(headers)
    ws.append(list(headers.values()))
    example = {"pole": EXAMPLE_POLE[lang], **EXAMPLE_INITIATIVE[lang]}
    ws.append([example.get(key) for key in keys])
    for position, key in enumerate(keys, start=1):
        ws.cell(row=1, column=position).font = BOLD
        cell = ws.cell(row=2, column=position)
        cell.font, cell.fill = EXAMPLE_FONT, EXAMPLE_FILL
        if isinstance(example.get(key), date):
            cell.number_format = DATE_FORMATS[lang]
        ws.column_dimensions[get_column_letter(position)].width = 24
    names = [category.label(lang) for category in Edition.default_2023().categories]
    category = DataValidation(type="list", formula1='"' + ",".join(names) + '"', allow_blank=True)
    category.error = t("expected.award_category", lang)
    category.errorTitle = t("upload.template_input_title", lang)
    category.showErrorMessage = True
    ws.add_data_validation(category)
    category.add(span(keys.index("category") + 1))
    ws.freeze_panes = "A2"


def initiatives_notes(ws: Worksheet, lang: Lang, edition: Edition | None = None) -> None:
    """The notes' rows on the initiatives sheet: a heading, one row per column, per
    category (what it rewards, its window), the date forms, who may apply, the example."""
    rules = edition or Edition.default_2023()
    sheet = INITIATIVES_SHEET[lang]
    ws.append([])
    ws.append([t("upload.template_initiatives_heading", lang, sheet=sheet)])
    ws.cell(row=ws.max_row, column=1).font = BOLD
    for key, header in INITIATIVE_HEADERS[lang].items():
        meaning = t(f"upload.template_initiative_{key}", lang)
        if key in _REQUIRED:
            meaning += " " + t("upload.template_required", lang)
        ws.append([header, meaning, t(f"expected.{_EXPECTED.get(key, 'text')}", lang)])
    edition_year = str(rules.year)
    for category in rules.categories:
        start = rules.window_start(category.key)
        window = t(
            "upload.template_initiatives_window",
            lang,
            years=category.window_years,
            edition=edition_year,
            start=fmt_date(start, lang, "long"),
        )
        rewards = t("upload.template_initiatives_rewards", lang, rewards=category.rewards(lang))
        ws.append([category.label(lang), rewards, window])
    ws.append(
        [
            t("upload.template_initiatives_dates_label", lang),
            t("upload.template_initiatives_dates", lang),
        ]
    )
    who = t(
        "upload.template_initiatives_who",
        lang,
        phase=phase_name(rules.labelling_phase),
        edition=edition_year,
        deadline=fmt_date(rules.deadline, lang, "long"),
    )
    ws.append([t("upload.template_initiatives_who_label", lang), who])
    ws.append(
        [
            t(
                "upload.template_rule_initiatives_example",
                lang,
                initiatives=sheet,
                example=EXAMPLE_POLE[lang],
            )
        ]
    )
