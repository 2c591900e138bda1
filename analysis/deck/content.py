"""The texts and numbers of every slide, computed once from `analysis.analytics.metrics`.

`deck_content(survey, filters, lang)` is pure: the .pptx builder and the presentation page
both render its result, so the page and the downloaded deck always say the same thing.
Slide order: title; one slide per headline figure; submissions per year with growth; by
region; by sector; top poles; method. A slide the small-base rules forbid is left out and
named on the method slide.
"""

from __future__ import annotations

from analysis.analytics import metrics
from analysis.analytics.filters import Filters
from analysis.core import policy
from analysis.core.i18n import Lang, fmt_date, fmt_percent
from analysis.core.model import SurveyRound
from analysis.deck.chart_content import group_slide, submissions_slide, top_poles_slide
from analysis.deck.headlines import headline_slides, title_slide
from analysis.deck.spec import RATE_DIGITS, Context, DeckContent, SlideContent
from analysis.deck.wording import filters_in_words, period_of
from analysis.sample.notice import synthetic_notice


def deck_content(
    survey: SurveyRound,
    filters: Filters,
    lang: Lang,
    *,
    view: SurveyRound | None = None,
) -> DeckContent:
    """Every slide of the deck for `survey` seen through `filters`, in `lang`.

    `view` is `filters.apply(survey)` when the caller already has it (the dashboard caches
    it); `survey` stays the whole round so the title and method slides can state the
    response rate of the round itself.
    """
    view = filters.apply(survey) if view is None else view
    ctx = Context(
        survey=survey,
        view=view,
        filters=filters,
        lang=lang,
        period=period_of(view.years),
        filters_text=filters_in_words(filters, lang),
    )
    slides: list[SlideContent] = [title_slide(ctx)]
    if ctx.may_show(metrics.respondents(view)):
        figures, omitted = _figure_slides(ctx)
        slides += figures
    else:
        # One or two poles in scope: any figure would be theirs, so none is shown.
        omitted = [ctx.t("deck.omitted_scope", min=policy.MIN_GROUP_POLES)]
    slides.append(method_slide(ctx, omitted))
    return DeckContent(
        lang=lang,
        label=survey.info.label,
        synthetic=survey.info.synthetic,
        filters=filters,
        slides=tuple(slides),
        omitted=tuple(omitted),
    )


def _figure_slides(ctx: Context) -> tuple[list[SlideContent], list[str]]:
    """Headline and chart slides, and why any was left out."""
    slides, omitted = headline_slides(ctx)
    submissions = submissions_slide(ctx)
    if submissions is not None:
        slides.append(submissions)
    for column in ("region", "sector"):
        grouped = group_slide(ctx, column)
        if grouped is None:
            what = ctx.t(f"deck.omitted_what_{column}")
            omitted.append(ctx.t("deck.omitted_groups", what=what))
        else:
            slides.append(grouped)
    ranking = top_poles_slide(ctx)
    if ranking is None:
        omitted.append(ctx.t("deck.omitted_top", min=policy.MIN_GROUP_POLES))
    else:
        slides.append(ranking)
    return slides, omitted


def method_slide(ctx: Context, omitted: list[str]) -> SlideContent:
    """Round, respondents, response rate, period, scope, what n means, what was left out."""
    info = ctx.survey.info
    lang = ctx.lang
    lines = [
        ctx.t("deck.method_round", label=info.label, date=fmt_date(info.collected_on, lang))
        if info.collected_on
        else ctx.t("deck.method_round_undated", label=info.label),
        _respondents_line(ctx),
        ctx.t("deck.method_period", period=ctx.period),
        ctx.t("deck.scope", filters=ctx.filters_text),
        ctx.t("deck.method_n"),
        ctx.t("deck.method_small", small=policy.SMALL_BASE, min=policy.MIN_GROUP_POLES),
    ]
    if omitted:
        lines.append(ctx.t("deck.method_omitted", slides="; ".join(omitted)))
    notice = synthetic_notice(ctx.survey, ctx.lang)
    if notice:
        lines.append(notice)
    in_view = metrics.respondents(ctx.view)
    return SlideContent(
        kind="method",
        key="method",
        title=ctx.t("deck.method_title"),
        lines=tuple(lines),
        source=ctx.source(in_view),
        notes=ctx.notes(in_view, *lines),
        n=in_view,
    )


def _respondents_line(ctx: Context) -> str:
    """Respondents of the whole round and its response rate, to the overview's precision."""
    rate = metrics.response_rate(ctx.survey)
    respondents = metrics.respondents(ctx.survey)
    if rate.value is None:
        return ctx.counted("deck.method_respondents", respondents)
    return ctx.counted(
        "deck.method_respondents_rate",
        respondents,
        surveyed=ctx.survey.info.poles_surveyed,
        rate=fmt_percent(rate.value, ctx.lang, RATE_DIGITS),
    )
