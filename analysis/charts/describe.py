"""A chart in words and as a table: its text alternative and its data (WCAG 2.1 AA).

A screen reader cannot read a plotly SVG, and a projected chart is no use to someone who
cannot see it; so every chart the dashboard draws comes with one sentence saying what it
shows (`summary`) and the numbers behind it (`table`). Both are read from the finished
figure itself, so they can never disagree with what is drawn. The deck writes the same
sentence into each chart's alt text (`analysis.deck.native_charts`).
"""

from __future__ import annotations

import html
import math
import numbers
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from analysis.core.i18n import Lang, fmt_number, fmt_percent, fmt_signed_percent, t


@dataclass(frozen=True)
class Series:
    """One drawn series: its name, categories (as shown) and values (`None` when unknown)."""

    name: str
    categories: tuple[str, ...]
    values: tuple[float | None, ...]
    percent: bool = False
    suffix: str = ""
    #: Percent changes, written with their sign (`+15%`).
    signed: bool = False


def plain(text: object) -> str:
    """Chart text as a reader sees it: `<br>` as spaces, `inert`'s escapes undone."""
    raw = str(text or "").replace("<br>", " ")
    return " ".join(html.unescape(raw).split())


def title(fig: go.Figure) -> str:
    """The figure's title as plain text (empty when it has none)."""
    return plain(fig.layout.title.text) if fig.layout.title and fig.layout.title.text else ""


def _number(value: object) -> float | None:
    if not isinstance(value, numbers.Real | str):  # None, or no number in it (numpy's are Real)
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


def _percent_axis(fig: go.Figure, axis: str) -> bool:
    layout_axis = getattr(fig.layout, axis, None)
    return bool(layout_axis is not None and "%" in str(layout_axis.tickformat or ""))


def _trace_series(fig: go.Figure, trace: object) -> Series | None:
    """The series a bar, line or map trace draws; None for other kinds."""
    name = plain(getattr(trace, "name", "") or "")
    kind = getattr(trace, "type", "")
    if kind == "choroplethmap":
        if getattr(trace, "showscale", None) is False:  # the grey "no value" regions
            return None
        colorbar = getattr(trace, "colorbar", None)
        suffix = str(colorbar.ticksuffix or "") if colorbar is not None else ""
        customdata = getattr(trace, "customdata", None)
        names = customdata if customdata is not None else getattr(trace, "locations", None)
        return Series(
            name,
            tuple(plain(c) for c in names or ()),
            tuple(_number(v) for v in getattr(trace, "z", None) or ()),
            suffix=suffix,
        )
    if kind not in ("bar", "scatter"):
        return None
    horizontal = getattr(trace, "orientation", None) == "h"
    xs, ys = getattr(trace, "x", None), getattr(trace, "y", None)
    categories, values = (ys, xs) if horizontal else (xs, ys)
    if categories is None or values is None:
        return None
    axis = getattr(trace, "xaxis" if horizontal else "yaxis", None) or ("x" if horizontal else "y")
    axis_name = ("xaxis" if axis[0] == "x" else "yaxis") + axis[1:]
    return Series(
        name,
        tuple(plain(c) for c in categories),
        tuple(_number(v) for v in values),
        percent=_percent_axis(fig, axis_name),
    )


def series(fig: go.Figure) -> list[Series]:
    """Every series of the figure that carries data, in drawing order."""
    found = (_trace_series(fig, trace) for trace in fig.data)
    return [s for s in found if s is not None and s.categories]


def _shown(value: float, s: Series, lang: Lang) -> str:
    if s.signed:
        return fmt_signed_percent(value, lang)
    if s.percent:
        return fmt_percent(value, lang)
    digits = 0 if float(value).is_integer() else 1
    return fmt_number(value, lang, digits=digits) + s.suffix


def _is_years(categories: Sequence[str]) -> bool:
    return all(c.isdigit() and len(c) == 4 for c in categories)


def describe(s: Series, lang: Lang) -> str:
    """One sentence on one series: first and last of a yearly series, else its extremes."""
    known = [(c, v) for c, v in zip(s.categories, s.values, strict=False) if v is not None]
    if not known:
        return t("charts.summary_empty", lang)
    if len(known) == 1:
        category, value = known[0]
        return t("charts.summary_one", lang, top=category, top_value=_shown(value, s, lang))
    top = max(known, key=lambda item: item[1])
    if _is_years([c for c, _ in known]):
        (first, first_value), (last, last_value) = known[0], known[-1]
        return t(
            "charts.summary_trend",
            lang,
            first=first,
            first_value=_shown(first_value, s, lang),
            last=last,
            last_value=_shown(last_value, s, lang),
            top=top[0],
            top_value=_shown(top[1], s, lang),
        )
    bottom = min(known, key=lambda item: item[1])
    return t(
        "charts.summary_ranking",
        lang,
        count=len(known),
        top=top[0],
        top_value=_shown(top[1], s, lang),
        bottom=bottom[0],
        bottom_value=_shown(bottom[1], s, lang),
    )


def summary(fig: go.Figure, lang: Lang) -> str:
    """The figure's one-sentence summary, naming the series when there are several."""
    drawn = series(fig)
    if not drawn:
        return t("charts.summary_empty", lang)
    first = drawn[0]
    sentence = describe(first, lang)
    if len(drawn) > 1 and first.name:
        sentence += " " + t("charts.summary_more", lang, name=first.name, count=len(drawn))
    return sentence


def alt_text(chart_title: str, sentence: str) -> str:
    """`Title. Summary` (the title's own final stop kept, not doubled)."""
    head = chart_title.strip()
    if not head:
        return sentence
    return f"{head} {sentence}" if head[-1] in ".!?…" else f"{head}. {sentence}"


def table(fig: go.Figure, lang: Lang) -> pd.DataFrame:
    """The figure's numbers: one row per category, one column per series (blank = unknown)."""
    drawn = series(fig)
    category = t("charts.table_category", lang)
    rows: dict[str, dict[str, float | None]] = {}
    names: list[str] = []
    for position, s in enumerate(drawn):
        name = s.name or t("charts.table_value", lang)
        name = f"{name} (%)" if s.percent else name
        if name in names or name == category:
            name = f"{name} ({position + 1})"
        names.append(name)
        for c, v in zip(s.categories, s.values, strict=False):
            rows.setdefault(c, {})[name] = v if v is None or not s.percent else v * 100
    frame = pd.DataFrame.from_dict(rows, orient="index", columns=names, dtype="Float64")
    return frame.rename_axis(category).reset_index()


def shown_table(fig: go.Figure, lang: Lang) -> pd.DataFrame:
    """`table` with every number written as the language writes it (`1 548`, `7,5`), blank
    cells as an em dash: what the dashboard shows under a chart."""
    frame = table(fig, lang)
    for column in frame.columns[1:]:
        frame[column] = [
            "—"
            if pd.isna(v)
            else fmt_number(float(v), lang, digits=0 if float(v).is_integer() else 1)
            for v in frame[column]
        ]
    return frame
