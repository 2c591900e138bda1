"""Step 2: the validation report in the interface language, and the sheets with the cells
the report names highlighted (errors red, warnings amber): the responses sheet, and each
other sheet the report names (projects, initiatives, round), one at a time."""

from __future__ import annotations

import streamlit as st

from analysis.ingest.pipeline import IngestResult
from analysis.ingest.reading.errors import UnreadableFile
from analysis.ingest.reading.workbook import RawSheet, read_workbook
from analysis.ingest.report import Report
from analysis.ingest.review import (
    ERROR,
    WARNING,
    Preview,
    preview_window,
    problem_sheets,
    report_table,
)
from ui.tables import show_table
from ui.text import lang, md_escape, tr
from ui.upload import state

#: The selectbox choosing the sheet previewed, when several have problems.
K_SHEET = "upload_preview_sheet"

#: Cell styles of the preview.
STYLES: dict[str, str] = {
    ERROR: "background-color: #f4c7c3; color: #5f0000",
    WARNING: "background-color: #fde8b0; color: #4d3800",
    "": "",
}


def styled(preview: Preview) -> object:
    """The preview as a pandas Styler whose marked cells carry their colour."""
    marks = preview.marks.astype(object).fillna("")
    return preview.cells.style.apply(lambda _frame: marks.map(STYLES.get), axis=None)


def render(result: IngestResult) -> None:
    """Counts, the problems table, then the highlighted preview of each sheet with problems."""
    st.header(tr("upload.step_report"))
    report = result.report
    language = lang()
    errors, warnings = len(report.errors), len(report.warnings)
    summary = tr("upload.report_summary", errors=errors, warnings=warnings)
    if report.unreadable:
        st.error(report.problems[0].message(language), icon=":material/block:")
        return
    if errors:
        st.error(summary + " " + tr("upload.report_blocking"), icon=":material/block:")
    elif warnings:
        st.warning(summary + " " + tr("upload.report_storable"), icon=":material/warning:")
    else:
        st.success(tr("upload.report_clean"), icon=":material/check_circle:")
    if result.mapping is not None and result.survey is not None:
        st.caption(
            tr(
                "upload.report_found",
                sheet=md_escape(result.sheet or ""),
                row=result.mapping.header_row,
                poles=len(result.survey.responses),
                years=", ".join(str(y) for y in result.survey.years) or "–",
            )
        )
    if report.problems:
        table = report_table(report, language)
        show_table(
            table,
            language,
            key="upload_report_table",
            labels={c: tr(f"upload.report_col_{c}") for c in table.columns},
        )
    sheets = _sheets(result)
    if sheets:
        _preview(result.report, sheets)


def _sheets(result: IngestResult) -> dict[str, RawSheet]:
    """The sheets to preview by name: the responses sheet, then the others with problems.

    Ingestion keeps only the responses sheet's cells; the other sheets the report names
    are read again from the file, once per file (kept in the session), and only when the
    report names one.
    """
    sheets: dict[str, RawSheet] = {}
    if result.raw is not None and result.sheet is not None:
        sheets[result.sheet] = result.raw
    others = [name for name in problem_sheets(result.report, result.sheet) if name not in sheets]
    kept = state.kept_sheets()
    missing = [name for name in others if name not in kept]
    if missing:
        kept |= _read_sheets(result, missing)
        state.keep_sheets(kept)
    sheets |= {name: sheet for name in others if (sheet := kept.get(name)) is not None}
    return {name: sheet for name, sheet in sheets.items() if not sheet.cells.empty}


def _read_sheets(result: IngestResult, names: list[str]) -> dict[str, RawSheet | None]:
    """The sheets `names` of the file (`None` for one it does not hold)."""
    try:
        with st.spinner(tr("upload.reading", name=md_escape(result.source.name))):
            workbook = read_workbook(result.source)
    except UnreadableFile:  # it was read a moment ago: only a preview is lost
        return dict.fromkeys(names)
    exact = {sheet.name: sheet for sheet in workbook.sheets}
    return {name: exact.get(name) or workbook.sheet(name) for name in names}


def _counts(report: Report, sheet: str) -> tuple[int, int]:
    """Errors and warnings the report places in `sheet`."""
    errors = sum(1 for p in report.errors if p.sheet == sheet)
    return errors, sum(1 for p in report.warnings if p.sheet == sheet)


def _preview(report: Report, sheets: dict[str, RawSheet]) -> None:
    """One sheet as read with its marked cells; a selectbox picks the sheet when several
    have problems (the first with errors is shown first)."""
    names = list(sheets)
    counts = {name: _counts(report, name) for name in names}
    located = any(p.row is not None and p.sheet in sheets for p in report.problems)
    if len(names) == 1:
        title = tr("upload.preview_title", sheet=md_escape(names[0]))
    else:
        title = tr("upload.preview_title_sheets", n=len(names))
    with st.expander(title, expanded=located):
        chosen = names[0]
        if len(names) > 1:
            if st.session_state.get(K_SHEET) not in names:
                st.session_state.pop(K_SHEET, None)  # its sheet has no problem left
            worst = [name for name in names if counts[name][0]] or names
            labels = {
                name: tr("upload.preview_sheet_option", sheet=name, errors=e, warnings=w)
                for name, (e, w) in counts.items()
            }
            chosen = st.selectbox(
                tr("upload.preview_sheet"),
                names,
                index=names.index(worst[0]),
                format_func=labels.__getitem__,  # worded now, in the session's language
                key=K_SHEET,
            )
        preview = preview_window(sheets[chosen].cells, report, chosen)
        st.caption(tr("upload.preview_legend"))
        if preview.hidden_rows:
            st.caption(tr("upload.preview_window", hidden=preview.hidden_rows))
        # Styles need the rows sent at once (lazy loading drops them); the window is bounded.
        st.dataframe(styled(preview), key="upload_preview", width="stretch", lazy=False)
