"""The filtered answers as files: an XLSX with a notes sheet, and a CSV.

Whoever opens an export weeks later must know what it holds, so the workbook carries a
"Notes" sheet: the round, its period, the filters in words, the base n of every column,
the export date, the synthetic notice when the data is invented, and the source. Text
written into either file goes through `analysis.export.safety`, so a pole named
`=HYPERLINK(...)` stays text in Excel or LibreOffice instead of becoming a formula.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import date

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from analysis.analytics.answers_table import DataTable
from analysis.analytics.figures import Figure
from analysis.analytics.filters import Filters
from analysis.core.i18n import Lang, fmt_date, t
from analysis.core.labels import sector_label
from analysis.core.model import RoundInfo
from analysis.core.text import strip_accents
from analysis.export.delimited import to_delimited
from analysis.export.safety import neutralise, workbook_text

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill(fill_type="solid", start_color="0072B2", end_color="0072B2")
_BOLD = Font(bold=True)
INTEGER_FORMAT = "#,##0"
DECIMAL_FORMAT = "#,##0.0#"
MIN_WIDTH, MAX_WIDTH = 8, 50


@dataclass(frozen=True)
class ExportNotes:
    """What the notes sheet says about an export (texts already in the export's language)."""

    round_label: str
    period: str
    filters: tuple[str, ...]
    exported_on: date
    synthetic: bool = False
    #: The round's synthetic-data notice (`analysis.sample.notice`); empty for real data.
    notice: str = ""
    #: The view's headline figures from the registry (`analysis.analytics.figures`).
    figures: tuple[Figure, ...] = ()


def filters_in_words(filters: Filters, lang: Lang, *, search: str = "") -> tuple[str, ...]:
    """One sentence per restriction (`Regions: Occitanie, Bretagne`); empty when none."""
    parts: list[str] = []
    if filters.regions:
        parts.append(t("data_page.filter_regions", lang, values=", ".join(filters.regions)))
    if filters.sectors:
        names = ", ".join(sector_label(s, lang) for s in filters.sectors)
        parts.append(t("data_page.filter_sectors", lang, values=names))
    if filters.poles:
        parts.append(t("data_page.filter_poles", lang, values=", ".join(filters.poles)))
    if filters.year_from is not None or filters.year_to is not None:
        start = "…" if filters.year_from is None else str(filters.year_from)
        end = "…" if filters.year_to is None else str(filters.year_to)
        parts.append(t("data_page.filter_years", lang, start=start, end=end))
    if search and search.strip():
        parts.append(t("data_page.filter_search", lang, text=search.strip()))
    return tuple(parts)


def export_notes(
    info: RoundInfo,
    filters: Filters,
    lang: Lang,
    exported_on: date,
    *,
    search: str = "",
    notice: str | None = None,
    figures: tuple[Figure, ...] = (),
) -> ExportNotes:
    """The notes of an export of round `info` under `filters` (and the page's search).

    `notice` is the whole round's synthetic notice; a synthetic round given none is only
    said to be synthetic.
    """
    return ExportNotes(
        round_label=info.label,
        period=info.period_label,
        filters=filters_in_words(filters, lang, search=search),
        exported_on=exported_on,
        synthetic=info.synthetic,
        notice=(notice or t("sample.notice_synthetic", lang, label=info.label))
        if info.synthetic
        else "",
        figures=figures,
    )


def export_filename(label: str, extension: str, lang: Lang) -> str:
    """`poles_europe_data_2023.csv`: the round label made safe for a file name."""
    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", strip_accents(label)).strip("._") or "round"
    return f"{t('data_page.file_stem', lang, label=safe)}.{extension}"


def _rows(frame: pd.DataFrame) -> list[list[object]]:
    """Plain Python rows with `None` for blanks, as openpyxl wants them."""
    return frame.astype(object).where(frame.notna(), None).to_numpy().tolist()


def _number_format(values: pd.Series) -> str | None:
    if pd.api.types.is_integer_dtype(values.dtype):
        return INTEGER_FORMAT
    if pd.api.types.is_float_dtype(values.dtype):
        return DECIMAL_FORMAT
    return None


def _width(header: str, values: pd.Series) -> float:
    """A column width fitting the header and the longest cell, within bounds."""
    longest = values.dropna().astype(str).str.len().max() if values.notna().any() else 0
    return float(min(MAX_WIDTH, max(MIN_WIDTH, len(str(header)) + 2, int(longest or 0) + 2)))


def _style_header(ws: Worksheet, columns: int) -> None:
    for cell in ws[1][:columns]:
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")


def _write_data(ws: Worksheet, frame: pd.DataFrame) -> None:
    """Styled header, frozen first row, widths and number formats, then the rows."""
    ws.append([str(neutralise(str(h))) for h in frame.columns])
    for row in _rows(workbook_text(frame)):
        ws.append(row)
    _style_header(ws, frame.shape[1])
    ws.freeze_panes = "A2"
    for position, header in enumerate(frame.columns, start=1):
        letter = get_column_letter(position)
        ws.column_dimensions[letter].width = _width(str(header), frame[header])
        number_format = _number_format(frame[header])
        if number_format and len(frame):
            # Styles are per cell in openpyxl; this walks one column, not the sheet.
            for (cell,) in ws.iter_rows(min_row=2, min_col=position, max_col=position):
                cell.number_format = number_format
    if frame.shape[1]:
        ws.auto_filter.ref = f"A1:{get_column_letter(frame.shape[1])}{len(frame) + 1}"


def notes_rows(table: DataTable, notes: ExportNotes, lang: Lang) -> list[tuple[str, object]]:
    """The notes sheet as label/value rows, then the base n of every column."""
    rows: list[tuple[str, object]] = [
        (t("data_page.notes_round", lang), notes.round_label),
        (t("data_page.notes_period", lang), notes.period or "–"),
    ]
    filters = notes.filters or (t("data_page.notes_no_filter", lang),)
    rows.extend(
        (t("data_page.notes_filters", lang) if i == 0 else "", text)
        for i, text in enumerate(filters)
    )
    rows.append((t("data_page.notes_rows", lang), table.rows))
    rows.append((t("data_page.notes_exported", lang), fmt_date(notes.exported_on, lang, "long")))
    if notes.synthetic:
        notice = notes.notice or t("sample.notice_synthetic", lang, label=notes.round_label)
        rows.append((t("data_page.notes_notice", lang), notice))
    rows.append(
        (
            t("data_page.notes_source", lang),
            t("data_page.source_text", lang, label=notes.round_label),
        )
    )
    headline = [figure for figure in notes.figures if not figure.chart]
    if headline:
        # The registry's figures, as the overview shows them, so the file can be checked.
        rows.append(("", None))
        rows.append((t("data_page.notes_figures", lang), t("data_page.notes_figures_help", lang)))
        rows.extend(
            (
                figure.label,
                t(
                    "data_page.notes_figure",
                    lang,
                    display=figure.display,
                    exact=figure.exact,
                    n=figure.n,
                    formula=figure.formula,
                ),
            )
            for figure in headline
        )
    rows.append(("", None))
    rows.append((t("data_page.notes_base", lang), t("data_page.notes_base_help", lang)))
    rows.extend((str(column), int(n)) for column, n in table.base.items())
    return rows


def _write_notes(ws: Worksheet, table: DataTable, notes: ExportNotes, lang: Lang) -> None:
    frame = pd.DataFrame(notes_rows(table, notes, lang), columns=["label", "value"], dtype=object)
    ws.append([t("data_page.notes_heading", lang), ""])
    for row in _rows(workbook_text(frame)):
        ws.append(row)
    _style_header(ws, 2)
    ws.freeze_panes = "A2"
    for (cell,) in ws.iter_rows(min_row=2, max_col=1):
        cell.font = _BOLD
    ws.column_dimensions["A"].width = _width("", frame["label"])
    ws.column_dimensions["B"].width = MAX_WIDTH + 30
    for (cell,) in ws.iter_rows(min_row=2, min_col=2, max_col=2):
        cell.alignment = Alignment(wrap_text=True, vertical="top", horizontal="left")


def filtered_xlsx(table: DataTable, notes: ExportNotes, lang: Lang) -> bytes:
    """The table as a workbook: a data sheet and a notes sheet, text guarded against formulas."""
    wb = Workbook()
    data = wb.active
    data.title = t("data_page.data_sheet", lang)
    _write_data(data, table.frame)
    _write_notes(wb.create_sheet(t("data_page.notes_sheet", lang)), table, notes, lang)
    wb.properties.creator = "Pôles Europe"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def filtered_csv(table: DataTable, lang: Lang) -> bytes:
    """The table as CSV in the dialect of `lang` (`analysis.export.delimited`)."""
    return to_delimited(table.frame, lang)
