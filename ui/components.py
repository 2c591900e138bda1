"""Small rendering helpers that every page uses, so pages read like a description of the UI."""

from __future__ import annotations

from typing import TYPE_CHECKING, NoReturn

import plotly.graph_objects as go
import streamlit as st

from analysis.analytics.filters import restriction_sentence
from analysis.analytics.metrics import Measure
from analysis.charts import describe
from analysis.charts.phone import for_phone
from analysis.charts.plotly_locale import chart_config
from analysis.charts.theme import PLOTLY_CONFIG, TO_IMAGE_OPTIONS
from analysis.core import policy
from ui import phone
from ui.text import lang, md_escape, tr, tr_md

if TYPE_CHECKING:
    from streamlit.elements.plotly_chart import PlotlyState

    from analysis.core.model import SurveyRound
    from ui.shell import PageContext


def chart(
    fig: go.Figure,
    *,
    key: str,
    selectable: bool = False,
    filename: str = "chart",
    alternative: bool = True,
) -> PlotlyState | None:
    """Render a figure with the house modebar (PNG at 3×); return the selection event.

    plotly.js's own texts (the modebar's tooltips and accessible names, its notices) are
    in the interface language through the config's `locale` (`analysis.charts.plotly_locale`).

    On a phone (`ui.phone`), the figure is laid out for the narrow screen
    (`analysis.charts.phone`) and drawn without the modebar.

    With `selectable`, clicking or box-selecting points reruns the page and the returned
    event's `selection.points` says what was picked (used for cross-filtering).
    With `alternative` (the default), the chart's text alternative follows it (`described`).
    """
    config = {
        **PLOTLY_CONFIG,
        **chart_config(lang()),
        "toImageButtonOptions": {**TO_IMAGE_OPTIONS, "filename": filename},
    }
    if phone.is_phone():
        # Laid out for a narrow screen; no toolbar over the title (a tap zooms by mistake).
        fig = for_phone(fig)
        config["displayModeBar"] = False
    event: PlotlyState | None = None
    if selectable:
        event = st.plotly_chart(
            fig,
            key=key,
            on_select="rerun",
            selection_mode=("points", "box"),
            config=config,
            width="stretch",
            theme=None,
        )
    else:
        # theme=None: Streamlit's own chart theme would replace the house template (fonts
        # sized for a projector, the colour-blind-safe palette).
        st.plotly_chart(fig, key=key, config=config, width="stretch", theme=None)
    if alternative:
        described(fig, key=key)
    return event


def described(fig: go.Figure, *, key: str) -> None:
    """A chart's text alternative (WCAG 1.1.1): one sentence saying what it shows, and its
    numbers one click away in a table titled with the chart's title.

    Both come from the figure (`analysis.charts.describe`); names in them are user text,
    escaped for Markdown. The table is drawn only once its expander is opened (the
    documented `on_change="rerun"` and `.open`): closed, it sends nothing, so a first view
    does not make the browser load and run its table code (Arrow, about 0.9 MB) while
    plotly.js is still on its way (issue 17).
    """
    current = lang()
    st.caption(md_escape(describe.summary(fig, current)))
    heading = describe.title(fig)
    label = (
        tr("charts.data_label", title=md_escape(heading))
        if heading
        else tr("charts.data_label_untitled")
    )
    box = st.expander(label, icon=":material/table:", key=f"{key}_data", on_change="rerun")
    if box.open:
        with box:
            st.table(describe.shown_table(fig, current).set_index(tr("charts.table_category")))


def base_caption(measure: Measure, *, label: str, synthetic: bool) -> str:
    """`Round 2023 · n = 40 poles` plus a small-base flag when the base is small (`policy`)."""
    text = tr_md("ui.base", label=label, n=measure.n)
    if policy.is_small_base(measure.n):
        text += " · ⚠ " + tr("ui.small_base", small=policy.SMALL_BASE)
    if synthetic:
        text += " · " + tr("charts.synthetic")
    return text


#: The page that explains every figure (`?figure=<id>` puts that figure first).
METHOD_PAGE = "pages/method.py"


def tile(
    label: str,
    value: str,
    *,
    help: str,
    detail: str,
    base: str,
    figure: str | None = None,
    compact: bool = False,
) -> None:
    """A headline figure in a card: the big value, what it means, and its round and base;
    with `figure` (a registry id), a link to its entry on the Method page.

    `compact` (a phone) keeps the value and its label in the card and moves the rest into
    the value's help, one tap away, so all the headline figures share the first screen.
    """
    with st.container(border=True):
        if compact:
            st.metric(label, value, help="\n\n".join((help, detail, base)))
            return
        st.metric(label, value, help=help)
        st.caption(detail)
        st.caption(base)
        if figure:
            st.page_link(
                METHOD_PAGE, label=tr("figures.how_computed"), query_params={"figure": figure}
            )


def empty_state(message_key: str, **params: object) -> None:
    """A calm, explained empty state instead of a blank page or a traceback."""
    st.info(tr_md(message_key, **params), icon=":material/info:")


def require_round(context: PageContext) -> tuple[SurveyRound, SurveyRound]:
    """The chosen round and its filtered view; with none stored, an empty state and stop."""
    if context.survey is None or context.view is None:
        stop_without_round(context)
    return context.survey, context.view


def stop_without_round(context: PageContext) -> NoReturn:
    """Stop the page: the store holds no round, or could not be read (the banner above
    already says why, so an "upload a round" invitation would mislead)."""
    if not context.error:
        empty_state("ui.empty_store")
    st.stop()


def require_view(
    context: PageContext, subtitle: str | None = None
) -> tuple[SurveyRound, SurveyRound]:
    """Like `require_round`, then the page's subtitle, the sentence stating every active
    restriction (`Filtered view: 2020–2022 only, 2 regions (12 of 40 poles).`), and a stop
    with an explanation when the filters match no pole."""
    survey, view = require_round(context)
    if subtitle:
        st.caption(subtitle)
    restricted = restriction_sentence(
        context.filters,
        context.options,
        context.lang,
        n=len(view.responses),
        total=len(survey.responses),
    )
    if restricted:
        # Beside the headline, not small print: a filtered figure must not pass for the round's.
        st.info(restricted, icon=":material/filter_alt:")
    if view.responses.empty:
        empty_state("ui.no_match")
        st.stop()
    return survey, view
