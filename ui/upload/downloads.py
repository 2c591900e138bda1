"""The empty template workbook, offered in both languages (the interface's first)."""

from __future__ import annotations

from datetime import date

import streamlit as st

from analysis.core.i18n import LANGS, Lang
from analysis.core.mime import XLSX_MIME
from analysis.template.workbook import template_name, template_xlsx
from ui.text import lang, tr


@st.cache_data(show_spinner=False, max_entries=4)
def _template(language: Lang, year: int) -> bytes:
    """The template's bytes, built once per language and calendar year (its period)."""
    return template_xlsx(language)


def render() -> None:
    """Two download buttons, the interface language first, with what the workbook holds."""
    current = lang()
    with st.expander(tr("upload.template_heading"), icon=":material/download:"):
        st.caption(tr("upload.template_intro"))
        ordered = [current, *(other for other in LANGS if other != current)]
        for column, language in zip(st.columns(len(ordered)), ordered, strict=True):
            column.download_button(
                tr(f"upload.template_button_{language}"),
                data=_template(language, date.today().year),
                file_name=template_name(language),
                mime=XLSX_MIME,
                key=f"upload_template_{language}",
                icon=":material/table_view:",
                # A download changes nothing on the page: no rerun, which would also race
                # the browser's download of the file it just asked for.
                on_click="ignore",
            )
