"""Data: the filtered answers as a sortable, searchable table, with CSV and XLSX downloads.

The table opens on the columns that fit the screen (`compact_columns`); a picker adds the
others. The downloads hold every column of the rows shown, and say so.
"""

from datetime import date

import streamlit as st

from analysis.analytics.answers_table import (
    base_frame,
    compact_columns,
    data_table,
    search,
    shown_columns,
    small_base_columns,
)
from analysis.analytics.figures import figures_of
from analysis.core import policy
from analysis.core.mime import CSV_MIME, XLSX_MIME
from analysis.export.files import (
    export_filename,
    export_notes,
    filtered_csv,
    filtered_xlsx,
)
from analysis.sample.notice import synthetic_notice
from ui import cached_store, shell, tables, view_options
from ui.components import empty_state, require_round, require_view
from ui.text import tr, tr_md

context = shell.current()
lang = context.lang
st.title(tr("data_page.title"))

survey, view = require_round(context)
info = survey.info
require_view(context, tr_md("data_page.subtitle", label=info.label, n=len(view.responses)))
# Each row is one pole's answers: a group of one or two poles is never shown unless
# exactly one pole was chosen on purpose in the global filters.
if len(view.responses) < policy.MIN_GROUP_POLES and len(context.filters.poles) != 1:
    empty_state("data_page.too_few_poles", n=len(view.responses), min=policy.MIN_GROUP_POLES)
    st.stop()

table = data_table(view, lang)
text = st.text_input(
    tr("data_page.search"),
    key="data_search",
    placeholder=tr("data_page.search_placeholder"),
    max_chars=view_options.MAX_TEXT,
    **view_options.start("data_search", None, "", keyword="value"),
)
view_options.keep("data_search", (text or "").strip(), "")
shown = search(table, text)
if shown.rows == 0:
    empty_state("data_page.search_none", text=text.strip())
    st.stop()
if shown.rows != table.rows:
    st.caption(tr("data_page.rows_shown", n=shown.rows, total=table.rows))

# The compact view: the columns that fit the screen whole; the picker adds the others.
others = [str(column) for column in table.frame.columns[1:]]
picked = tables.column_picker(
    "data_columns",
    others,
    compact_columns(table, lang, tables.room())[1:],
    label=tr("data_page.columns"),
    help=tr("data_page.columns_help"),
    empty=tr("data_page.columns_placeholder"),
)
visible = shown_columns(shown, picked)
st.caption(
    tr("data_page.columns_shown", shown=len(visible.frame.columns), total=len(table.frame.columns))
)

# The n row reuses the table's widths, so each count sits under its own column.
counts = base_frame(visible, lang)
layout = tables.layout_of(visible.frame, lang, under=counts)
tables.show_table(visible.frame, lang, key="data_table", layout=layout)
st.caption(tr("data_page.base_caption"))
tables.show_table(counts, lang, key="data_base", layout=layout.one_line())
flagged = small_base_columns(visible)
if flagged:
    st.caption(
        tr_md("data_page.small_columns", columns=", ".join(flagged), small=policy.SMALL_BASE)
    )

headline, per_year = cached_store.headline(
    cached_store.database_url(), context.label, context.version, context.filters
)
notes = export_notes(
    info,
    context.filters,
    lang,
    date.today(),
    search=text,
    notice=synthetic_notice(survey, lang),
    figures=figures_of(
        view,
        lang,
        headline=headline,
        per_year=per_year,
        whole_round=not context.filters.narrows_poles,
    ),
)
# The downloads keep every column (the canonical layout, which ingestion reads back).
st.caption(tr("data_page.download_columns", total=len(table.frame.columns)))
csv_column, xlsx_column = st.columns(2)
csv_column.download_button(
    tr("data_page.download_csv"),
    data=filtered_csv(shown, lang),
    file_name=export_filename(info.label, "csv", lang),
    mime=CSV_MIME,
    key="data_csv",
    on_click="ignore",
    icon=":material/download:",
)
xlsx_column.download_button(
    tr("data_page.download_xlsx"),
    data=filtered_xlsx(shown, notes, lang),
    file_name=export_filename(info.label, "xlsx", lang),
    mime=XLSX_MIME,
    key="data_xlsx",
    help=tr("data_page.download_help"),
    on_click="ignore",
    icon=":material/download:",
)
