"""Write a round back out as the canonical workbook or CSV, which ingestion reads back as is.

The canonical layout is the one the template documents: one row per pole, the schema's
labels as headers in the chosen language, per-year questions in wide form ("Projets
européens déposés 2019"), answers to unmapped columns restored under their original
headers, blanks left blank (unknown, not zero). Workbooks add a `projects` sheet and an
`initiatives` sheet (applications to the award) when the round has them, and a `round`
sheet of key/value rows for the metadata, so a round survives a write → ingest trip whole.
Text cells go through the formula-injection guard.

Workbooks are written with openpyxl (write-only) and repacked with fixed timestamps, so the
same round always gives the same bytes: a regenerated sample does not churn in git, and the
store's sha256 spots a re-upload of the same export.
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.writer.excel import ExcelWriter

from analysis.awards.categories import CATEGORIES
from analysis.core.i18n import Lang
from analysis.core.labels import sector_label
from analysis.core.model import SurveyRound
from analysis.core.schema import FIELDS, Field, Kind
from analysis.export.delimited import to_delimited
from analysis.export.safety import strip_illegal, workbook_text

#: Sheet names by language; each is one that ingestion recognises.
RESPONSES_SHEET: dict[str, str] = {"fr": "Réponses", "en": "Responses"}
PROJECTS_SHEET: dict[str, str] = {"fr": "Projets", "en": "Projects"}
ROUND_SHEET: dict[str, str] = {"fr": "Enquête", "en": "Round"}
INITIATIVES_SHEET: dict[str, str] = {"fr": "Initiatives", "en": "Initiatives"}

#: Headers of the projects sheet, chosen among `schema.PROJECT_COLUMNS` aliases.
PROJECT_HEADERS: dict[str, dict[str, str]] = {
    "fr": {
        "pole": "Pôle",
        "year": "Année",
        "programme": "Programme",
        "submitted": "Déposés",
        "funded": "Retenus",
        "role": "Rôle",
        "title": "Titre",
    },
    "en": {
        "pole": "Pole",
        "year": "Year",
        "programme": "Programme",
        "submitted": "Submitted",
        "funded": "Funded",
        "role": "Role",
        "title": "Title",
    },
}

#: Headers of the initiatives sheet, chosen among `schema.INITIATIVE_COLUMNS` aliases.
INITIATIVE_HEADERS: dict[str, dict[str, str]] = {
    "fr": {
        "pole": "Pôle",
        "title": "Titre",
        "category": "Catégorie",
        "start_date": "Date de début",
        "description": "Description courte",
        "partner_countries": "Pays partenaires",
        "contact": "Contact",
        "submitted_on": "Date de candidature",
    },
    "en": {
        "pole": "Pole",
        "title": "Title",
        "category": "Category",
        "start_date": "Start date",
        "description": "Short description",
        "partner_countries": "Partner countries",
        "contact": "Contact",
        "submitted_on": "Submission date",
    },
}

#: Key cells of the round sheet, chosen among `schema.ROUND_SHEET_KEYS` spellings.
ROUND_KEYS: dict[str, dict[str, str]] = {
    "fr": {
        "label": "libellé",
        "period_start": "début de période",
        "period_end": "fin de période",
        "poles_surveyed": "pôles interrogés",
        "collected_on": "date de collecte",
        "synthetic": "synthétique",
    },
    "en": {
        "label": "label",
        "period_start": "period start",
        "period_end": "period end",
        "poles_surveyed": "poles surveyed",
        "collected_on": "collected on",
        "synthetic": "synthetic",
    },
}

#: How yes/no answers are written; both are among the answers cleaning accepts.
YES_NO: dict[str, tuple[str, str]] = {"fr": ("oui", "non"), "en": ("yes", "no")}

#: Timestamp written into the workbook's properties and zip entries (reproducible bytes).
FIXED_TIMESTAMP = datetime(2000, 1, 1)
_BOLD = Font(bold=True)
_BANNER = Font(bold=True, color="C00000")


def _yes_no(values: pd.Series, lang: Lang) -> pd.Series:
    yes, no = YES_NO[lang]
    return values.map({True: yes, False: no}).astype("string")


def _year_columns(
    survey: SurveyRound, field: Field, poles: pd.Series, lang: Lang
) -> dict[str, pd.Series]:
    """One column per year of the round (`<label> <year>`), aligned on `poles`, blanks kept."""
    wide = survey.yearly.pivot(index="pole", columns="year", values=field.key)
    columns: dict[str, pd.Series] = {}
    for year in survey.years:
        values = wide[year].reindex(poles.to_numpy()).astype("Int64")
        columns[f"{field.label(lang)} {year}"] = values.reset_index(drop=True)
    return columns


def _wide_extras(survey: SurveyRound, poles: pd.Series) -> dict[str, pd.Series]:
    """Extra columns under their original headers, in the order they first appear."""
    extras = survey.extras.drop_duplicates(["pole", "column"], keep="last")
    if extras.empty:
        return {}
    wide = extras.pivot(index="pole", columns="column", values="value")
    return {
        str(header): _whole_numbers_as_numbers(
            wide[header].reindex(poles.to_numpy()).astype("string").reset_index(drop=True)
        )
        for header in pd.unique(extras["column"])
    }


#: Whole numbers exactly as ingestion renders a number cell (no leading zero, no `+`).
_WHOLE_NUMBER = r"-?(?:0|[1-9]\d{0,14})"


def _whole_numbers_as_numbers(values: pd.Series) -> pd.Series:
    """An extra column of whole numbers only (`-5`, `12`) as numbers, else the text as is.

    Extras are stored as text; written back as numbers, a workbook export keeps `-5` a
    number, and reading it again gives the same text. Codes such as `007` stay text.
    """
    filled = values.dropna()
    if filled.empty or not filled.str.fullmatch(_WHOLE_NUMBER).all():
        return values
    return values.astype("Int64")


def responses_table(survey: SurveyRound, lang: Lang = "en") -> pd.DataFrame:
    """The responses sheet as a frame: display headers, one row per pole, blanks as `<NA>`.

    Text is not yet guarded against formulas; the writers do that.
    """
    responses = survey.responses.reset_index(drop=True)
    poles = responses["pole"]
    columns: dict[str, pd.Series] = {}
    for field in FIELDS:
        if field.per_year:
            columns.update(_year_columns(survey, field, poles, lang))
        elif field.kind is Kind.YESNO:
            columns[field.label(lang)] = _yes_no(responses[field.key], lang)
        elif field.key == "sector":
            # The families in the export's language (read back, either name is recognised).
            columns[field.label(lang)] = responses[field.key].map(
                lambda value: sector_label(value, lang), na_action="ignore"
            )
        else:
            columns[field.label(lang)] = responses[field.key]
    columns.update(_wide_extras(survey, poles))
    return pd.DataFrame(columns, index=responses.index)


def projects_table(survey: SurveyRound, lang: Lang = "en") -> pd.DataFrame:
    """The projects sheet as a frame with display headers (no `source_row`).

    Optional columns that are blank throughout (often `title`) are left out: reading the
    sheet back gives them as blank all the same.
    """
    projects = survey.projects
    kept = [
        column
        for column in PROJECT_HEADERS[lang]
        if column in ("pole", "year") or projects[column].notna().any()
    ]
    return projects[kept].rename(columns=PROJECT_HEADERS[lang]).reset_index(drop=True)


def initiatives_table(survey: SurveyRound, lang: Lang = "en") -> pd.DataFrame:
    """The initiatives sheet as a frame: display headers, categories by their name in `lang`,
    dates as dates; a submission date column only when some application has one."""
    initiatives = survey.initiatives
    names = {c.key: c.label(lang) for c in CATEGORIES}
    kept = [
        column
        for column in INITIATIVE_HEADERS[lang]
        if column != "submitted_on" or initiatives[column].notna().any()
    ]
    table = initiatives[kept].assign(
        category=initiatives["category"].map(names).fillna(initiatives["category"]),
        **{
            column: initiatives[column].dt.date.astype(object)
            for column in ("start_date", "submitted_on")
            if column in kept
        },
    )
    return table.rename(columns=INITIATIVE_HEADERS[lang]).reset_index(drop=True)


def round_table(survey: SurveyRound, lang: Lang = "en") -> list[tuple[str, object]]:
    """Key/value rows of the round sheet; unknown values are left out."""
    info = survey.info
    yes, no = YES_NO[lang]
    values: dict[str, object] = {
        "label": info.label,
        "period_start": info.period_start,
        "period_end": info.period_end,
        "poles_surveyed": info.poles_surveyed,
        "collected_on": info.collected_on,
        "synthetic": yes if info.synthetic else no,
    }
    keys = ROUND_KEYS[lang]
    return [(keys[key], value) for key, value in values.items() if value is not None]


def _rows(frame: pd.DataFrame) -> list[list[object]]:
    """Plain Python rows with `None` for blanks, as openpyxl wants them."""
    objects = frame.astype(object)
    return objects.where(frame.notna(), None).to_numpy().tolist()


def _write_table(ws: WriteOnlyWorksheet, frame: pd.DataFrame, banner: str | None = None) -> None:
    """Banner row (optional), bold header row, then the rows of `frame` (text and headers
    neutralised: an extra column may be named `=HYPERLINK(...)` or `-5 growth %`)."""
    frame = workbook_text(frame)
    for position, header in enumerate(frame.columns, start=1):
        width = max(10, min(40, len(str(header)) + 2))
        ws.column_dimensions[get_column_letter(position)].width = width
    header_row = 2 if banner else 1
    ws.freeze_panes = f"B{header_row + 1}"
    if banner:
        ws.append([_styled(ws, banner, _BANNER)])
    ws.append([_styled(ws, str(h), _BOLD) for h in frame.columns])
    for row in _rows(frame):
        ws.append(row)


def _styled(ws: WriteOnlyWorksheet, value: object, font: Font) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=value)
    cell.font = font
    return cell


def round_to_xlsx(survey: SurveyRound, lang: Lang = "en", banner: str | None = None) -> bytes:
    """The round as an .xlsx workbook: responses, projects and initiatives (when any), round.

    `banner`, when given, is written in the first row above the headers of the responses
    and initiatives sheets (the synthetic notice of the sample); ingestion finds the header
    row below it.
    """
    wb = Workbook(write_only=True)
    wb.properties.creator = "Pôles Europe"
    wb.properties.created = wb.properties.modified = FIXED_TIMESTAMP
    responses = wb.create_sheet(RESPONSES_SHEET[lang])
    _write_table(responses, responses_table(survey, lang), banner)
    if survey.has_projects:
        _write_table(wb.create_sheet(PROJECTS_SHEET[lang]), projects_table(survey, lang))
    if survey.has_initiatives:
        sheet = wb.create_sheet(INITIATIVES_SHEET[lang])
        _write_table(sheet, initiatives_table(survey, lang), banner)
    meta = wb.create_sheet(ROUND_SHEET[lang])
    meta.column_dimensions["A"].width = 22
    meta.column_dimensions["B"].width = 16
    rows = pd.DataFrame(round_table(survey, lang), columns=["key", "value"], dtype=object)
    for key, value in _rows(workbook_text(rows)):
        meta.append([_styled(meta, key, _BOLD), value])
    buffer = io.BytesIO()
    ExcelWriter(wb, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED)).save()
    return _with_fixed_timestamps(buffer.getvalue())


def _with_fixed_timestamps(data: bytes) -> bytes:
    """The same zip with every entry dated `FIXED_TIMESTAMP`, so equal rounds give equal bytes."""
    stamp = FIXED_TIMESTAMP.timetuple()[:6]
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, source.read(entry.filename))
    return out.getvalue()


def round_to_csv(survey: SurveyRound, lang: Lang = "en") -> bytes:
    """The responses as CSV in the dialect of `lang` (`analysis.export.delimited`).

    CSV holds one table only, so it cannot carry the projects sheet or the round's metadata
    (label, period, poles surveyed, synthetic flag): use the workbook to keep those.
    """
    return to_delimited(responses_table(survey, lang).apply(strip_illegal), lang)
