"""Awards: applications to "Les pôles pour l'Europe", eligibility explained, jury pack, winners."""

import streamlit as st

from analysis.awards.jury import jury_filename, jury_pptx, jury_xlsx
from analysis.awards.rules import category_counts, eligibility, phase_name, select
from analysis.awards.view import (
    REASON_LINES,
    category_label,
    count_lines,
    display_table,
    winners_table,
)
from analysis.core.i18n import fmt_date
from analysis.core.mime import PPTX_MIME, XLSX_MIME
from analysis.core.registry import Registry
from ui import shell
from ui.awards import all_winners, edition_settings, pack_language, record_winner_form
from ui.components import empty_state, stop_without_round
from ui.tables import show_table
from ui.text import tr, tr_md

context = shell.current()
lang = context.lang
st.title(tr("awards.title"))

if context.survey is None:
    stop_without_round(context)
survey = context.survey
if not survey.has_initiatives:
    empty_state("awards.no_initiatives", label=context.label)
    earlier = all_winners()  # the winners of every edition stay in view
    if earlier:
        st.header(tr("awards.winners_all_heading"))
        show_table(winners_table(earlier, lang), lang, key="awards_earlier")
    st.stop()

edition = edition_settings(lang)
st.caption(
    tr_md(
        "awards.edition_caption",
        year=str(edition.year),
        deadline=fmt_date(edition.deadline, lang, "long"),
        phase=tr("awards.phase_label", phase=phase_name(edition.labelling_phase)),
        label=context.label,
    )
)
# Applications come from the round's workbook: the global filters choose poles to look
# at in the survey, not who may apply, so only this page's own filters apply here.
checked = eligibility(survey.initiatives, edition, Registry.default(), responses=survey.responses)

left, right = st.columns(2)
chosen_categories = left.multiselect(
    tr("awards.filter_categories"),
    [c.key for c in edition.categories],
    format_func=lambda key: category_label(key, lang),
    key="awards_categories",
    placeholder=tr("ui.all_feminine"),
    select_all=False,  # empty is all; Streamlit's "Select all" has no French label
)
regions = sorted(checked["region"].dropna().unique().tolist())
chosen_regions = right.multiselect(
    tr("awards.filter_regions"),
    regions,
    key="awards_regions",
    placeholder=tr("ui.all_feminine"),
    select_all=False,
)
shown = select(checked, categories=chosen_categories, regions=chosen_regions)

counts = category_counts(shown, edition)
if chosen_categories:
    counts = counts.loc[counts["category"].isin(chosen_categories)]
tiles = count_lines(counts, edition, lang)
for column, (label, value) in zip(st.columns(max(len(tiles), 1)), tiles, strict=False):
    column.metric(label, value)
late = int(shown["late"].sum())
st.caption(tr("awards.counts_caption", late=late))
if survey.initiatives["submitted_on"].isna().all():
    st.caption(tr("awards.no_submission_dates"))

if shown.empty:
    empty_state("awards.no_match")
else:
    # The verdict first, after the pinned pole: eligible (with the late flag) and why,
    # whose sentences may take five lines so that the table fits at 1280 px, read whole.
    verdict = tuple(tr(f"awards.col_{key}") for key in ("eligible", "why"))
    show_table(
        display_table(shown, lang),
        lang,
        key="awards_table",
        first=verdict,
        max_lines=REASON_LINES,
    )
if late:
    st.warning(
        tr("awards.late_warning", late=late, deadline=fmt_date(edition.deadline, lang, "long"))
    )

st.header(tr("awards.jury_heading"))
pack_lang = pack_language(lang)
# The jury judges every eligible application of the edition: the pack never follows
# this page's filters, or a category left out would read "no eligible application".
eligible_count = int(checked["eligible"].sum())
st.caption(tr("awards.jury_caption", count=eligible_count))
synthetic = survey.info.synthetic
xlsx_column, pptx_column = st.columns(2)
xlsx_column.download_button(
    tr("awards.download_xlsx"),
    data=lambda: jury_xlsx(checked, edition, pack_lang, synthetic=synthetic),
    file_name=jury_filename(edition, pack_lang, "xlsx"),
    mime=XLSX_MIME,
    key="awards_jury_xlsx",
    icon=":material/table:",
    on_click="ignore",
    disabled=eligible_count == 0,
)
pptx_column.download_button(
    tr("awards.download_pptx"),
    data=lambda: jury_pptx(checked, edition, pack_lang, synthetic=synthetic),
    file_name=jury_filename(edition, pack_lang, "pptx"),
    mime=PPTX_MIME,
    key="awards_jury_pptx",
    icon=":material/slideshow:",
    on_click="ignore",
    disabled=eligible_count == 0,
)

st.header(tr("awards.winners_heading", year=str(edition.year)))
with st.expander(tr("awards.record_expander")):
    record_winner_form(edition, checked, lang)
recorded = [w for w in all_winners() if w.edition_year == edition.year]
if recorded:
    show_table(winners_table(recorded, lang), lang, key="awards_recorded")
else:
    empty_state("awards.no_winners", year=str(edition.year))
