"""The title slide and one slide per headline figure, in the published event style.

Each headline slide carries the big rounded number and its one-line meaning ("1,500+" /
"projects submitted since 2019, with an increase of around 15% per year"); the exact
figures, the growth to two decimals and the base go to the speaker notes.
"""

from __future__ import annotations

from analysis.analytics import metrics
from analysis.analytics.figures import by_id, figures_of
from analysis.core import policy
from analysis.core.i18n import fmt_int, fmt_percent
from analysis.deck.chart_content import (
    panel_growth,
    shown_per_year,
    totals_growth_note,
    year_line,
)
from analysis.deck.spec import RATE_DIGITS, Context, SlideContent
from analysis.deck.wording import (
    Sentence,
    count_sentence,
    percent_sentence,
    submissions_meaning,
    whole_percent,
)
from analysis.sample.notice import synthetic_notice


def title_slide(ctx: Context) -> SlideContent:
    """Title, round and period, who answered, the scope when filtered, the synthetic notice."""
    info = ctx.survey.info
    respondents = metrics.respondents(ctx.view)
    rate = metrics.response_rate(ctx.survey)
    if not ctx.filters.is_unrestricted:
        base = ctx.counted(
            "deck.title_base_filtered", respondents, total=metrics.respondents(ctx.survey)
        )
    elif rate.value is not None:
        base = ctx.counted(
            "deck.title_base_rate",
            respondents,
            surveyed=info.poles_surveyed,
            # To a tenth, as the dashboard's overview states it (72.7%, not 73%).
            rate=fmt_percent(rate.value, ctx.lang, RATE_DIGITS),
        )
    else:
        base = ctx.counted("deck.title_base", respondents)
    lines = [base]
    if not ctx.filters.is_unrestricted:
        lines.append(ctx.t("deck.scope", filters=ctx.filters_text))
    notice = synthetic_notice(ctx.survey, ctx.lang) or ""
    return SlideContent(
        kind="title",
        key="title",
        title=ctx.t("deck.title"),
        subtitle=ctx.t("deck.title_round", label=info.label, period=ctx.period),
        lines=tuple(lines),
        notice=notice,
        notes=ctx.notes(respondents, *lines),
        n=respondents,
    )


def _headline(
    ctx: Context, key: str, kicker: str, said: Sentence, measure: metrics.Measure, *extra: str
) -> SlideContent:
    small = policy.is_small_base(measure.n)
    return SlideContent(
        kind="headline",
        key=f"headline_{key}",
        title=ctx.t(kicker),
        big=said.big,
        meaning=said.meaning,
        subtitle=ctx.counted("deck.headline_base", measure.n),
        source=ctx.source(measure.n),
        footnote=ctx.t("deck.small_base", min=policy.SMALL_BASE) if small else "",
        notes=ctx.notes(
            measure.n,
            ctx.t("deck.notes_said", sentence=said.sentence),
            *extra,
            *([ctx.t("deck.notes_small", min=policy.SMALL_BASE)] if small else []),
        ),
        n=measure.n,
    )


def _withheld(ctx: Context, measure: metrics.Measure, kicker: str) -> str | None:
    """Why a headline figure is left out (nobody answered, or too few to show), or None."""
    what = ctx.t(kicker)
    if measure.value is None:
        return ctx.t("deck.omitted_headline", what=what)
    if not ctx.may_show(measure.n):
        return ctx.t("deck.omitted_few", what=what, min=policy.MIN_GROUP_POLES)
    return None


def headline_slides(ctx: Context) -> tuple[list[SlideContent], list[str]]:
    """The headline slides, and why any of them was left out."""
    lang = ctx.lang
    figures = metrics.headline(ctx.view)
    # The big numbers are the registry's, as the overview's tiles and `figures` show them.
    registry = by_id(figures_of(ctx.view, lang, headline=figures))
    slides: list[SlideContent] = []
    omitted: list[str] = []

    submitted = figures.projects_submitted
    per_year = shown_per_year(ctx)
    growth = panel_growth(ctx)
    years = per_year.loc[per_year["total"].notna(), "year"].astype(int).tolist()
    first, last = (min(years), max(years)) if years else (None, None)
    reason = _withheld(ctx, submitted, "deck.kicker_submitted")
    if reason is None and submitted.value is not None:
        meaning = submissions_meaning(first, last, growth.value, lang)
        extra = [ctx.t("deck.notes_exact", value=fmt_int(submitted.value, lang))]
        extra += [
            year_line(ctx, str(year), total, int(n))
            for year, total, n in per_year[["year", "total", "n"]].itertuples(index=False)
        ]
        if growth.value is not None:
            extra.append(
                ctx.counted(
                    "deck.notes_cagr",
                    growth.n,
                    first=str(first),
                    last=str(last),
                    exact=fmt_percent(growth.value, lang, 2),
                    rounded=fmt_percent(abs(whole_percent(growth.value)), lang),
                )
            )
        extra += totals_growth_note(ctx, growth)
        said = count_sentence(
            int(submitted.value),
            meaning,
            lang,
            shown=registry["projects_submitted_total"].display,
        )
        slides.append(_headline(ctx, "submitted", "deck.kicker_submitted", said, submitted, *extra))
    elif reason is not None:
        omitted.append(reason)

    for key, figure_id, measure, meaning_key in (
        (
            "recruitments",
            "europe_team_recruitments_total",
            figures.europe_team_recruitments,
            "deck.recruitments_meaning",
        ),
        (
            "coordinators",
            "coordinator_members_total",
            figures.coordinator_members,
            "deck.coordinators_meaning",
        ),
    ):
        kicker = f"deck.kicker_{key}"
        reason = _withheld(ctx, measure, kicker)
        if reason is not None or measure.value is None:  # (no reason only when known)
            omitted += [reason] if reason else []
            continue
        said = count_sentence(
            int(measure.value), ctx.t(meaning_key), lang, shown=registry[figure_id].display
        )
        exact = ctx.t("deck.notes_exact", value=fmt_int(measure.value, lang))
        slides.append(_headline(ctx, key, kicker, said, measure, exact))

    plans, yes = figures.plans_to_recruit, figures.plans_to_recruit_yes
    reason = _withheld(ctx, plans, "deck.kicker_plans")
    if reason is None and plans.value is not None:
        said = percent_sentence(
            plans.value,
            ctx.t("deck.plans_meaning"),
            lang,
            shown=registry["plans_to_recruit_share"].display,
        )
        detail = ctx.counted(
            "deck.notes_yes", plans.n, yes=yes.value or 0, exact=fmt_percent(plans.value, lang, 1)
        )
        slides.append(_headline(ctx, "plans", "deck.kicker_plans", said, plans, detail))
    elif reason is not None:
        omitted.append(reason)
    return slides, omitted
