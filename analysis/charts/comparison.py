"""The round comparison's chart: one line per round over the years, each with its base.

Drawn on the page `pages/compare.py` from `analysis/analytics/comparison.py`'s series.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from analysis.analytics.comparison import RoundBase
from analysis.charts.theme import PALETTE, finish, inert
from analysis.core import policy
from analysis.core.i18n import Lang, fmt_int, is_one, t
from analysis.core.model import RoundInfo


def _poles(key: str, n: int, lang: Lang, **params: object) -> str:
    return t(f"{key}_one" if is_one(n, lang) else key, lang, n=n, **params)


def source_line(bases: Sequence[RoundBase], *, synthetic: bool, lang: Lang) -> str:
    """`Source: survey rounds 2023 (n = 40 poles), 2025 (n = 38 poles)`."""
    rounds = t("comparison.source_separator", lang).join(
        _poles("comparison.source_round", base.compared, lang, label=inert(base.label))
        for base in bases
    )
    text = t("comparison.source", lang, rounds=rounds)
    if synthetic:
        text += " · " + t("charts.synthetic", lang)
    return text


def rounds_by_year_chart(
    series: pd.DataFrame,
    *,
    bases: Sequence[RoundBase],
    field: str,
    synthetic: bool,
    lang: Lang,
) -> go.Figure:
    """One line per round through its own years; overlapping years show both rounds.

    `series` has `round, year, total, n` (`analysis.analytics.comparison.yearly_series`).
    A year that nobody answered is a gap, not a zero; a point resting on fewer than five
    answers is hollow and says so on hover. The source line names every round with its own base.
    """
    compared = {base.label: base.compared for base in bases}
    years = sorted({int(year) for year in series["year"]})
    fig = go.Figure()
    for position, (label, rows) in enumerate(series.groupby("round", sort=False)):
        name = _poles("comparison.legend", compared.get(str(label), 0), lang, label=inert(label))
        totals = rows["total"].astype("Float64")
        counts = rows["n"].astype(int).tolist()
        hover = [
            _poles(
                "comparison.hover",
                count,
                lang,
                label=inert(label),
                year=str(int(year)),
                value=fmt_int(total if pd.notna(total) else None, lang),
            )
            + (" · ⚠ " + t("comparison.small_base", lang) if policy.is_small_base(count) else "")
            for year, total, count in zip(rows["year"], totals, counts, strict=True)
        ]
        fig.add_trace(
            go.Scatter(
                x=[str(int(year)) for year in rows["year"]],
                y=totals.astype(float).tolist(),
                mode="lines+markers",
                name=name,
                line={
                    "width": 4,
                    "color": PALETTE[position % len(PALETTE)],
                    "dash": "solid" if position < len(PALETTE) else "dash",
                },
                marker={
                    "size": 12,
                    "symbol": [
                        "circle-open" if policy.is_small_base(c) else "circle" for c in counts
                    ],
                    "line": {"width": 3},
                },
                hovertext=hover,
                hoverinfo="text",
                customdata=[str(label)] * len(rows),
                connectgaps=False,
            )
        )
    # A few rounds: the legend goes under the title (`finish`); years need no axis title.
    fig.update_layout(
        yaxis_title=t(f"comparison.axis_{field}", lang), showlegend=True, hovermode="closest"
    )
    # Years are categories in calendar order, whichever round names them first.
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=[str(y) for y in years])
    labels = ", ".join(base.label for base in bases)
    info = RoundInfo(label=labels, synthetic=synthetic)
    n = sum(base.compared for base in bases)
    # The theme's source line speaks of one round; this chart states each round's base.
    return finish(
        fig,
        title=t(f"comparison.title_{field}", lang),
        info=info,
        n=n,
        lang=lang,
        height=520,
        source=source_line(bases, synthetic=synthetic, lang=lang),
    )
