"""The PDF downloads: the fact sheet (Overview, Presentation) and the pole reports (peers).

Each PDF follows the page: the interface language, the current filters, the pole looked
at. A single PDF is typeset only when its button is clicked (Streamlit calls `data` then),
so showing the button costs nothing on a rerun. Every pole's report at once takes seconds,
so it is prepared on request with a progress bar, then offered as one .zip.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from analysis.core.mime import PDF_MIME, ZIP_MIME
from analysis.core.model import SurveyRound
from ui.awards import all_winners
from ui.shell import PageContext
from ui.text import tr, tr_md

# `analysis.report` is imported where a button is drawn, never at the top: it brings the
# deck's wording (and with it python-pptx and openpyxl), which the Overview's first view
# must not load before its chart (issue 17; `tests/dashboard/test_first_view.py`).
#: Session key of the prepared .zip of every pole's report (with what it was made for).
_ZIP_KEY = "report_all_zip"


def fact_sheet_button(context: PageContext, *, key: str = "report_sheet") -> None:
    """The "Fact sheet (PDF)" button; nothing when there is no data to show."""
    if context.survey is None or context.view is None or context.view.responses.empty:
        return
    from analysis.report import fact_sheet, fact_sheet_filename

    survey, view, filters, language = context.survey, context.view, context.filters, context.lang

    def build() -> bytes:
        return fact_sheet(survey, filters, language, view=view)

    st.download_button(
        tr("report.download_sheet"),
        data=build,
        file_name=fact_sheet_filename(context.label, context.lang, context.filters),
        mime=PDF_MIME,
        key=key,
        icon=":material/picture_as_pdf:",
        help=tr("report.download_sheet_help", language=tr("deck.language_name")),
        on_click="ignore",
    )


def _pole_builder(survey: SurveyRound, pole: str, context: PageContext) -> Callable[[], bytes]:
    from analysis.report import pole_report

    language = context.lang

    def build() -> bytes:
        return pole_report(survey, pole, language, winners=all_winners())

    return build


def pole_report_buttons(context: PageContext, survey: SurveyRound, pole: str) -> None:
    """This pole's report, and every responding pole's as a .zip prepared with progress.

    `survey` is the round the peers page compares within (all poles, the years chosen).
    """
    from analysis.report import pole_filename
    from analysis.report.batch import reports_zip

    one, every = st.columns(2, vertical_alignment="bottom")
    one.download_button(
        tr("report.download_pole"),
        data=_pole_builder(survey, pole, context),
        file_name=pole_filename(pole, context.label, context.lang),
        mime=PDF_MIME,
        key="report_pole",
        icon=":material/picture_as_pdf:",
        help=tr("report.download_pole_help", language=tr("deck.language_name")),
        on_click="ignore",
    )
    made_for = (context.label, context.lang, survey.years, len(survey.responses))
    prepared = st.session_state.get(_ZIP_KEY)
    with every:
        if prepared is not None and prepared[0] == made_for:
            st.download_button(
                tr("report.all_download"),
                data=prepared[1],
                file_name=pole_filename("all", context.label, context.lang).replace(".pdf", ".zip"),
                mime=ZIP_MIME,
                key="report_all_download",
                icon=":material/folder_zip:",
                on_click="ignore",
            )
            return
        if not st.button(tr("report.all_button"), key="report_all", icon=":material/description:"):
            return
        bar = st.progress(0.0)

        def advance(done: int, total: int, name: str) -> None:
            bar.progress(
                done / total, text=tr_md("report.all_progress", done=done, total=total, pole=name)
            )

        content = reports_zip(survey, context.lang, winners=all_winners(), progress=advance)
        st.session_state[_ZIP_KEY] = (made_for, content)
        st.rerun()
