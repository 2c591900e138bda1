"""Step 2: the validation report in the interface language, and the sheet with the cells
the report names highlighted (errors red, warnings amber)."""

from __future__ import annotations

import streamlit as st

from analysis.ingest import IngestResult
from analysis.upload_review import ERROR, WARNING, Preview, preview_window, report_table
from ui.text import lang, md_escape, tr

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
    """Counts, the problems table, then the highlighted preview of the responses sheet."""
    st.subheader(tr("upload.step_report"))
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
        st.dataframe(
            table,
            key="upload_report_table",
            hide_index=True,
            width="stretch",
            column_config={c: tr(f"upload.report_col_{c}") for c in table.columns},
        )
    if result.raw is not None and not result.raw.cells.empty:
        _preview(result)


def _preview(result: IngestResult) -> None:
    preview = preview_window(result.raw.cells, result.report, result.sheet)  # type: ignore[union-attr]
    marked = preview.marks.isin([ERROR, WARNING]).to_numpy().sum()
    title = tr("upload.preview_title", sheet=md_escape(result.sheet or ""))
    with st.expander(title, expanded=bool(marked)):
        st.caption(tr("upload.preview_legend"))
        if preview.hidden_rows:
            st.caption(tr("upload.preview_window", hidden=preview.hidden_rows))
        # Styles need the rows sent at once (lazy loading drops them); the window is bounded.
        st.dataframe(styled(preview), key="upload_preview", width="stretch", lazy=False)
