"""The chart slides' data: submissions per year with growth, by region, by sector, top poles.

Each builder returns a `SlideContent` holding `ChartSpec`s (categories and values exactly as
the metrics give them, `None` where unknown) or `None` when the small-base rules forbid
the slide; the reason then goes to the method slide.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from analysis.analytics import metrics
from analysis.core import policy
from analysis.core.i18n import fmt_int, fmt_percent, fmt_signed_percent
from analysis.core.labels import sector_label
from analysis.deck.groups import (
    OTHER,
    UNKNOWN,
    Grouped,
    ranking_allowed,
    submitted_by,
    submitted_per_pole,
    top_poles,
)
from analysis.deck.spec import ChartSpec, Context, SlideContent
from analysis.deck.wording import growth_subtitle, whole_percent


def _value(value: float | None) -> float | None:
    """A pandas scalar as a float for a chart, `None` when unknown (also NaN and `pd.NA`)."""
    return None if value is None or pd.isna(value) else float(value)


def _marked(name: str, n: int) -> str:
    """A category name, starred when its base is small."""
    return f"{name}*" if policy.is_small_base(n) else name


def shown_per_year(ctx: Context) -> pd.DataFrame:
    """`metrics.by_year` with the totals of years too few poles answered withheld (`<NA>`)."""
    per_year = metrics.by_year(ctx.view, "projects_submitted")
    allowed = per_year["n"].map(ctx.may_show).astype(bool)
    return per_year.assign(total=per_year["total"].where(allowed))


def panel_growth(ctx: Context) -> metrics.Measure:
    """The headline growth: on the poles that answered the first and the last year.

    Withheld (value None) when that panel is too small to show.
    """
    growth = metrics.panel_cagr(ctx.view, "projects_submitted")
    return growth if ctx.may_show(growth.n) else metrics.Measure(None, growth.n)


def panel_changes(ctx: Context, per_year: pd.DataFrame) -> pd.DataFrame:
    """`per_year` with `growth`: each year's change on the poles that answered both years,
    `<NA>` where either year's total is withheld or the panel is too small to show."""
    panel = metrics.panel_year_over_year(ctx.view, "projects_submitted")
    shown = per_year["total"].notna() & per_year["total"].shift(1).notna()
    allowed = panel["panel"].map(ctx.may_show).astype(bool)
    return per_year.assign(growth=panel["growth"].where(shown & allowed))


def totals_growth_note(ctx: Context, growth: metrics.Measure) -> list[str]:
    """The all-respondent totals' growth for the notes, when it tells another story."""
    everyone = metrics.cagr(shown_per_year(ctx))
    if not metrics.growth_differs(growth, everyone) or everyone.value is None:
        return []
    exact = fmt_percent(everyone.value, ctx.lang, 2)
    return [ctx.t("deck.notes_cagr_all", exact=exact)]


def year_line(
    ctx: Context, year: str, total: float | None, n: int, change: float | None = None
) -> str:
    """One year in the notes: its total and base, its change, or why it is withheld."""
    if not ctx.may_show(n) and n > 0:
        return ctx.t("deck.notes_withheld", name=year, n=n, min=policy.MIN_GROUP_POLES)
    value = fmt_int(_value(total), ctx.lang)
    if change is None or pd.isna(change):
        return ctx.counted("deck.notes_item", n, name=year, value=value)
    signed = fmt_signed_percent(float(change), ctx.lang, 1)
    return ctx.counted("deck.notes_item_growth", n, name=year, value=value, change=signed)


def submissions_slide(ctx: Context) -> SlideContent | None:
    """Columns of proposals per year, and a line of the change on the previous year."""
    lang = ctx.lang
    per_year = shown_per_year(ctx)
    if per_year["total"].notna().sum() == 0:
        return None
    changes = panel_changes(ctx, per_year)
    growth = panel_growth(ctx)
    base = metrics.yearly_total(ctx.view, "projects_submitted").n
    years = [str(int(y)) for y in per_year["year"]]
    counts = per_year["n"].astype(int).tolist()
    charts = [
        ChartSpec(
            kind="column",
            title=ctx.t("deck.submissions_series"),
            categories=tuple(_marked(y, n) for y, n in zip(years, counts, strict=True)),
            series_name=ctx.t("deck.submissions_series"),
            values=tuple(_value(v) for v in per_year["total"]),
        )
    ]
    change_values = tuple(_value(v) for v in changes["growth"].iloc[1:])
    if any(v is not None for v in change_values):
        charts.append(
            ChartSpec(
                kind="line",
                title=ctx.t("deck.growth_chart"),
                categories=tuple(years[1:]),
                series_name=ctx.t("deck.growth_chart"),
                values=change_values,
                value_kind="signed_percent",
            )
        )
    lines = [
        year_line(ctx, year, total, n, change)
        for year, total, n, change in zip(
            years, per_year["total"], counts, changes["growth"], strict=True
        )
    ]
    subtitle = ctx.t("deck.period_only", period=ctx.period)
    if growth.value is not None:
        subtitle = growth_subtitle(growth.value, ctx.period, lang)
        lines.append(
            ctx.counted(
                "deck.notes_cagr",
                growth.n,
                first=years[0],
                last=years[-1],
                exact=fmt_percent(growth.value, lang, 2),
                rounded=fmt_percent(abs(whole_percent(growth.value)), lang),
            )
        )
    lines += totals_growth_note(ctx, growth)
    small = min(counts) < policy.SMALL_BASE
    return SlideContent(
        kind="chart",
        key="submissions",
        title=ctx.t("charts.submissions_title"),
        subtitle=subtitle,
        charts=tuple(charts),
        source=ctx.source(base),
        footnote=ctx.t("deck.small_base_mark", min=policy.SMALL_BASE) if small else "",
        notes=ctx.notes(base, *lines),
        n=base,
    )


def _group_names(grouped: Grouped, name: Callable[[str], str], ctx: Context) -> list[str]:
    def display(group: str) -> str:
        if group == OTHER:
            return ctx.t("deck.other")
        if group == UNKNOWN:
            return ctx.t("deck.unknown_group")
        return name(group)

    return [display(g) for g in grouped.frame["group"]]


def group_slide(ctx: Context, column: str) -> SlideContent | None:
    """Proposals over the period per region or sector; `None` with fewer than two groups."""
    grouped = submitted_by(ctx.view, column)
    frame = grouped.frame
    if len(frame) < 2:
        return None
    name: Callable[[str], str] = (
        (lambda s: sector_label(s, ctx.lang)) if column == "sector" else (lambda s: s)
    )
    names = _group_names(grouped, name, ctx)
    counts = frame["n"].astype(int).tolist()
    base = int(sum(counts))
    other = ctx.t("deck.other")
    lines = [
        ctx.counted("deck.notes_item", n, name=label, value=fmt_int(_value(total), ctx.lang))
        for label, total, n in zip(names, frame["total"], counts, strict=True)
    ]
    subtitle = ctx.t("deck.period_only", period=ctx.period)
    notes_below: list[str] = []
    if grouped.merged:
        merged = [ctx.t("deck.unknown_group") if g == UNKNOWN else name(g) for g in grouped.merged]
        other_n = int(frame.loc[frame["group"] == OTHER, "n"].sum())
        lines.append(
            ctx.counted("deck.notes_merged", other_n, other=other, names=", ".join(merged))
        )
        notes_below.append(ctx.t("deck.merged_note", min=policy.MIN_GROUP_POLES, other=other))
    small = min(counts) < policy.SMALL_BASE
    if small:
        notes_below.append(ctx.t("deck.small_base_mark", min=policy.SMALL_BASE))
    chart = ChartSpec(
        kind="bar",
        title=ctx.t(f"deck.{column}_title"),
        categories=tuple(_marked(label, n) for label, n in zip(names, counts, strict=True)),
        series_name=ctx.t("deck.submissions_series"),
        values=tuple(_value(v) for v in frame["total"]),
        muted=tuple(g == OTHER for g in frame["group"]),
    )
    return SlideContent(
        kind="chart",
        key=f"by_{column}",
        title=ctx.t(f"deck.{column}_title"),
        subtitle=subtitle,
        charts=(chart,),
        source=ctx.source(base),
        footnote=" · ".join(notes_below),
        notes=ctx.notes(base, *lines),
        n=base,
    )


def top_poles_slide(ctx: Context) -> SlideContent | None:
    """The poles that submitted most; only with enough poles, or one pole chosen on purpose."""
    single = len(ctx.filters.poles) == 1
    if not ranking_allowed(ctx.view, single):
        return None
    ranked = top_poles(ctx.view)
    poles = ranked["pole"].tolist()
    title = (
        ctx.t("deck.top_title_chosen")
        if single and len(poles) == 1
        else ctx.t("deck.top_title", k=len(poles))
    )
    lines = [
        ctx.counted("deck.notes_item", 1, name=pole, value=fmt_int(_value(total), ctx.lang))
        for pole, total in zip(poles, ranked["total"], strict=True)
    ]
    chart = ChartSpec(
        kind="bar",
        title=title,
        categories=tuple(poles),
        series_name=ctx.t("deck.submissions_series"),
        values=tuple(_value(v) for v in ranked["total"]),
    )
    base = int(submitted_per_pole(ctx.view)["total"].notna().sum())
    return SlideContent(
        kind="chart",
        key="top_poles",
        title=title,
        subtitle=ctx.t("deck.period_only", period=ctx.period),
        charts=(chart,),
        source=ctx.source(base),
        notes=ctx.notes(base, *lines),
        n=base,
    )
