"""Trends: how submissions, funded projects and success rates moved year by year, by group."""

from collections.abc import Sequence
from functools import partial

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from analysis.analytics import trends
from analysis.analytics.peers import period_of
from analysis.charts.trends import group_totals_chart, programme_chart, yearly_chart
from analysis.core import policy
from analysis.core.i18n import Lang, t
from ui import crossfilter, shell, view_options
from ui.components import chart, empty_state, require_round, require_view
from ui.tables import show_table
from ui.text import tr, tr_md

context = shell.current(projects=True)  # the programme breakdown reads per-project rows
lang = context.lang
st.title(tr("trends.title"))

survey, view = require_round(context)
info = survey.info
require_view(context, tr_md("trends.subtitle", label=info.label, period=info.period_label or "–"))

measures = trends.available_measures(survey)
if not measures:
    empty_state("trends.no_yearly")
    st.stop()
#: A single pole chosen in the global filters may be shown on its own.
reveal = len(context.filters.poles) == 1
#: Poles are ranked by name (top N) in a view of at least 3 poles: a ranking is what the
#: pole split is for. Region and sector groups of fewer than 3 still merge into "Others".
reveal_poles = reveal or len(view.responses) >= policy.MIN_GROUP_POLES
#: How many poles the pole split may name before "Others".
TOP_CHOICES = range(1, 21)


def option_label(prefix: str, value: str, language: Lang) -> str:
    """A translated option name (bound to the language: AppTest calls it outside the run)."""
    return t(f"trends.{prefix}_{value}", language)


def choice(where: DeltaGenerator, kind: str, options: Sequence[str], default: str) -> str:
    """One of the chart's choices (`measure`, `split`, `scale`): a segmented control that
    always holds one option, its label and options from `trends.{kind}*`, kept in the
    address under `trends_{kind}`."""
    chosen = where.segmented_control(
        tr(f"trends.{kind}"),
        options,
        format_func=partial(option_label, kind, language=lang),
        selection_mode="single",
        required=True,
        key=f"trends_{kind}",
        **view_options.start(f"trends_{kind}", options, default),
    )
    return str(chosen)


top = st.columns(2)
bottom = st.columns(2)
measure = choice(top[0], "measure", measures, measures[0])
split = choice(top[1], "split", trends.SPLITS, "none")
scale = choice(bottom[0], "scale", trends.SCALES, "absolute")
top_n = trends.DEFAULT_TOP_N
if split == "pole":
    top_n = int(
        bottom[1].number_input(
            tr("trends.top_n"),
            min_value=TOP_CHOICES[0],
            max_value=TOP_CHOICES[-1],
            step=1,
            key="trends_top",
            **view_options.start(
                "trends_top", TOP_CHOICES, trends.DEFAULT_TOP_N, keyword="value", parse=int
            ),
        )
    )
view_options.keep("trends_measure", measure, measures[0])
view_options.keep("trends_split", split, "none")
view_options.keep("trends_scale", scale, "absolute")
view_options.keep("trends_top", top_n, trends.DEFAULT_TOP_N)
if "funded" not in measures:
    st.caption(tr("trends.no_funded"))

if trends.withheld(view, reveal=reveal):
    empty_state("trends.withheld", n=len(view.responses), min=policy.MIN_GROUP_POLES)
    st.stop()
# After the small-group stop: the growth of one or two poles is their own answers.
if measure == "submitted" and (growth := trends.growth_sentence(view, lang)) is not None:
    st.caption(growth)

# Cross-filter: the group totals (by the split when it is a region or sector, else by
# region) are selectable; a selection narrows the yearly chart, the table and programmes.
field = split if split in ("region", "sector") else "region"
totals_base = f"trends_groups_{field}"
totals_key = crossfilter.chart_key(totals_base)
cf_grouping = trends.assign_groups(view, field, measure=measure, reveal=reveal)
picked = crossfilter.selection(
    totals_base, st.session_state.get(totals_key), tuple(cf_grouping.order)
)
narrowed = view
if picked:
    narrowed = crossfilter.narrow(view, "pole", trends.selected_poles(cf_grouping, picked))
    crossfilter.show_selection(
        totals_base, field, tuple(trends.group_label(g, field, lang) for g in picked)
    )

grouping = trends.assign_groups(
    narrowed,
    split,
    measure=measure,
    top_n=top_n,
    reveal=reveal_poles if split == "pole" else reveal,
)
series = trends.yearly_series(narrowed, grouping, measure)
if scale == "indexed":
    series = trends.to_first_year(series)

main, side = st.columns([3, 2])
with side:
    totals = trends.summary(view, cf_grouping, measure)
    fig = group_totals_chart(
        totals,
        split=field,
        measure=measure,
        selected=picked,
        info=info,
        n=len(view.responses),
        lang=lang,
        # The years the totals add up: the years filter's, not always the whole period.
        period=period_of(view),
    )
    chart(fig, key=totals_key, selectable=True, filename=f"trends_totals_{info.label}")
    st.caption(tr("crossfilter.hint"))
    if cf_grouping.merged:
        names = ", ".join(trends.group_label(g, field, lang) for g in cf_grouping.merged)
        st.caption(tr_md("trends.merged_note", groups=names, min=policy.MIN_GROUP_POLES))

with main:
    if series["value"].isna().all():
        empty_state("trends.no_yearly")
    else:
        fig = yearly_chart(
            series,
            split=split,
            measure=measure,
            scale=scale,
            info=info,
            n=len(narrowed.responses),
            lang=lang,
        )
        chart(fig, key="trends_main", filename=f"trends_{info.label}")
        if split == "pole" and not reveal_poles:
            st.info(
                tr("trends.pole_split_hidden", n=len(narrowed.responses)), icon=":material/lock:"
            )
        if grouping.merged and split != field:
            names = ", ".join(trends.group_label(g, split, lang) for g in grouping.merged)
            st.caption(tr_md("trends.merged_note", groups=names, min=policy.MIN_GROUP_POLES))
        if (series["n"] < policy.SMALL_BASE).any():
            st.caption("⚠ " + tr("trends.small_base_note", small=policy.SMALL_BASE))
        if scale == "indexed":
            st.caption(tr("trends.index_note", year=str(series["year"].min())))
        if measure == "rate":
            st.caption(tr("trends.rate_note"))

st.header(tr("trends.table_title"))
summary = trends.summary(narrowed, grouping, measure)
show_table(
    trends.display_table(series, summary, split=split, measure=measure, lang=lang),
    lang,
    key="trends_table",
)
st.caption(tr("trends.table_caption", small=policy.SMALL_BASE))

st.header(tr("trends.programmes"))
if not survey.has_projects:
    empty_state("trends.no_projects")
elif narrowed.projects.empty:
    empty_state("trends.no_projects_view")
else:
    programmes = trends.by_programme(narrowed, measure)
    if programmes.empty or programmes["value"].isna().all():
        empty_state("trends.programme_no_measure")
    else:
        fig = programme_chart(
            programmes, measure=measure, info=info, n=len(narrowed.responses), lang=lang
        )
        chart(fig, key="trends_programmes", filename=f"trends_programmes_{info.label}")
