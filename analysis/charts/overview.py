"""The overview's chart: submissions per year with year-over-year labels and growth line."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from analysis.charts.theme import ACCENT, PALETTE, finish, source_text
from analysis.core.i18n import Lang, fmt_int, fmt_percent, fmt_signed_percent, t
from analysis.core.model import RoundInfo


def submissions_per_year(
    per_year: pd.DataFrame,
    cagr: float | None,
    *,
    info: RoundInfo,
    n: int,
    lang: Lang,
    cagr_all: float | None = None,
) -> go.Figure:
    """Bars of the yearly totals, each labelled with its change on the previous year.

    `per_year` has columns `year`, `total`, `n` (one row per year, ascending) and, from
    `metrics.panel_year_over_year`, `growth`: each year's change on the poles that answered
    both years (without it, the change of the totals). The dashed line is the
    compound-growth path from the first year's total at `cagr` per year (the panel's), so
    the audience sees how steady "about 15 % a year" really was. When the all-respondent
    totals grow at another rate (`cagr_all`, given only then), the source line says so.
    """
    frame = per_year.sort_values("year").reset_index(drop=True)
    totals = frame["total"].astype("Float64")
    if "growth" in frame.columns:
        growth = frame["growth"].astype("Float64")
    else:
        growth = totals / totals.shift(1) - 1
    labels = [
        fmt_int(total, lang)
        if pd.isna(change)
        else t(
            "charts.yoy_label",
            lang,
            value=fmt_int(total, lang),
            change=fmt_signed_percent(change, lang),
        )
        for total, change in zip(totals, growth, strict=True)
    ]
    hover = [
        f"{year}: {fmt_int(total, lang)} · {t('charts.answers_per_year', lang, n=int(count))}"
        for year, total, count in zip(frame["year"], totals, frame["n"], strict=True)
    ]
    years = [str(int(y)) for y in frame["year"]]
    fig = go.Figure(
        go.Bar(
            x=years,
            y=totals.astype(float).fillna(0).tolist(),
            text=labels,
            # Inside, half-way up: clear of the growth line that runs near the bar tops.
            textposition="inside",
            insidetextanchor="middle",
            textfont={"color": "white", "size": 18},
            cliponaxis=False,
            marker_color=ACCENT,
            hovertext=hover,
            hoverinfo="text",
            name=t("charts.submissions_axis", lang),
            customdata=frame["year"].tolist(),
        )
    )
    if cagr is not None and len(frame) >= 2 and pd.notna(totals.iloc[0]):
        first = float(totals.iloc[0])
        path = [first * (1 + cagr) ** i for i in range(len(frame))]
        fig.add_trace(
            go.Scatter(
                x=years,
                y=path,
                mode="lines",
                line={"color": PALETTE[3], "dash": "dash", "width": 3},
                name=t("charts.cagr_line", lang, rate=fmt_percent(cagr, lang, 1)),
                hoverinfo="skip",
            )
        )
    fig.update_layout(
        # Years are labels (no "2,019.5" ticks between them) and need no axis title.
        xaxis={"type": "category"},
        yaxis_title=t("charts.submissions_axis", lang),
        showlegend=True,
        bargap=0.35,
    )
    fig.update_yaxes(range=[0, float(totals.max() or 0) * 1.2 if len(frame) else 1])
    source = source_text(info, n, lang)
    if "growth" in frame.columns:
        source += "<br>" + t("charts.panel_note", lang)
    if cagr_all is not None:
        source += "<br>" + t(
            "charts.cagr_all_note", lang, rate=fmt_signed_percent(cagr_all, lang, 1)
        )
    return finish(
        fig, title=t("charts.submissions_title", lang), info=info, n=n, lang=lang, source=source
    )
