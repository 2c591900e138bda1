"""Compare rounds: headline figures side by side and each round's yearly series, of all
respondents or of the same panel, with the base of each round stated.

The work is `analysis/analytics/comparison.py` (figures) and `analysis/charts/comparison.py`
(chart); this file keeps the short name because it is the page's URL (`/compare`)."""

from functools import partial

import streamlit as st

from analysis.analytics import comparison
from analysis.charts.comparison import rounds_by_year_chart
from analysis.core import policy
from analysis.core.i18n import Lang, t
from ui import cached_store, shell, view_options
from ui.components import chart, empty_state, stop_without_round
from ui.tables import show_table
from ui.text import md_escape, tr

context = shell.current()
lang = context.lang
st.title(tr("comparison.title"))
st.caption(tr("comparison.subtitle"))

records = list(context.rounds)
if context.survey is None or not records:
    stop_without_round(context)
if len(records) < 2:
    empty_state("comparison.too_few_rounds", n=len(records))
    st.stop()

labels = comparison.chronological(records)
periods = {record.label: record.period_label for record in records}


def round_option(label: str, language: Lang, known: dict[str, str]) -> str:
    """`Round 2023 (2019–2022)` (bound to the language: AppTest calls it outside the run)."""
    period = known.get(label)
    if period:
        return t("comparison.round_option", language, label=label, period=period)
    return t("comparison.round_option_no_period", language, label=label)


def option_label(prefix: str, value: str, language: Lang) -> str:
    """A translated option name."""
    return t(f"comparison.{prefix}_{value}", language)


newest = comparison.newest_labels(records)
chosen = st.multiselect(
    tr("comparison.choose"),
    labels,
    format_func=partial(round_option, language=lang, known=periods),
    key="compare_rounds",
    select_all=False,  # Streamlit's "Select all" has no French label
    **view_options.start("compare_rounds", labels, newest, many=True),
)
left, right = st.columns(2)
mode = left.radio(
    tr("comparison.population"),
    comparison.MODES,
    format_func=partial(option_label, "mode_option", language=lang),
    horizontal=True,
    key="compare_panel",
    **view_options.start("compare_panel", comparison.MODES, "all", keyword="index"),
)
measure = right.segmented_control(
    tr("comparison.measure"),
    comparison.MEASURES,
    format_func=partial(option_label, "measure_option", language=lang),
    selection_mode="single",
    required=True,
    key="compare_measure",
    **view_options.start("compare_measure", comparison.MEASURES, comparison.MEASURES[0]),
)
view_options.keep("compare_rounds", chosen, newest)
view_options.keep("compare_panel", mode, "all")
view_options.keep("compare_measure", measure, comparison.MEASURES[0])

chosen = comparison.in_order(chosen, records)
if len(chosen) < 2:
    empty_state("comparison.choose_two")
    st.stop()

url, version = cached_store.database_url(), cached_store.data_version()
rounds = [
    cached_store.filtered_round(url, label, version, context.filters.narrowed(round=label))
    for label in chosen
]
result = comparison.compare(rounds, panel=mode == "panel")

if not context.filters.is_unrestricted:
    st.caption(tr("comparison.filtered_note"))
st.info(comparison.base_text(result, lang, quote=md_escape), icon=":material/groups:")
st.caption(comparison.mode_text(result, lang))

if result.panel and not result.panel_poles:
    empty_state("comparison.empty_panel")
    st.stop()
too_small = any(0 < base.compared < policy.MIN_GROUP_POLES for base in result.bases)
if too_small and len(context.filters.poles) != 1:
    empty_state("comparison.withheld")
    st.stop()

st.header(tr("comparison.table_title"))
show_rate = context.filters.is_unrestricted and not result.panel
show_table(comparison.display_table(result, lang, show_rate=show_rate), lang, key="compare_table")
st.caption(tr("comparison.table_caption"))
if not show_rate:
    st.caption(tr("comparison.rate_hidden"))

st.header(tr("comparison.chart_title"))
series = comparison.yearly_series(result.rounds, measure)
if series.empty or series["total"].isna().all():
    empty_state("comparison.no_yearly")
else:
    fig = rounds_by_year_chart(
        series,
        bases=result.bases,
        field=measure,
        synthetic=any(survey.info.synthetic for survey in result.rounds),
        lang=lang,
    )
    chart(fig, key="compare_chart", filename="compare_" + "_".join(chosen))
    overlap = comparison.overlapping_years(series)
    if overlap:
        st.caption(tr("comparison.overlap_note", years=", ".join(str(y) for y in overlap)))
