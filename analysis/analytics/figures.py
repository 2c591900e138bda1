"""The figure registry: every headline and chart figure declared once, with how it is made.

A vice-president quotes "1 500+" and "+15 %" on stage; anyone must be able to check what
each means. Each `Declaration` names a figure (its `id` is the `summary --json` key),
its label, definition, formula in words, base (which poles count), display rule and
caveats, all through the catalogue (`analysis/locales/figures.toml`) in both languages,
and says how to read its `Measure` from a round's `Headline`. `figures_of` gives the
values of one view: the overview's tiles, the deck's headline slides, the Method page, the
`figures` and `summary` commands and the data export's notes all read them here, so they
cannot drift apart.

Pure: no I/O, no Streamlit.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pandas as pd

from analysis.analytics import metrics
from analysis.analytics.metrics import Headline, Measure
from analysis.core import policy
from analysis.core.i18n import (
    DEFAULT_LANG,
    Lang,
    fmt_int,
    fmt_percent,
    fmt_plus,
    fmt_signed_percent,
    t,
)
from analysis.core.model import SurveyRound

#: Display rules: how the big number is written, and how the exact one is.
_SHOWN: dict[str, Callable[[Any, Lang], str]] = {
    "exact": fmt_int,
    "plus": fmt_plus,
    "percent": fmt_percent,
    "percent_tenth": lambda v, lang: fmt_percent(v, lang, 1),
    "signed_percent": fmt_signed_percent,
    "series": lambda v, lang: _series_text(v, lang, fmt_int),
    "series_change": lambda v, lang: _series_text(v, lang, fmt_signed_percent),
}
_EXACT: dict[str, Callable[[Any, Lang], str]] = {
    "exact": fmt_int,
    "plus": fmt_int,
    "percent": lambda v, lang: fmt_percent(v, lang, 1),
    "percent_tenth": lambda v, lang: fmt_percent(v, lang, 1),
    "signed_percent": lambda v, lang: fmt_signed_percent(v, lang, 2),
    "series": lambda v, lang: _series_text(v, lang, fmt_int),
    "series_change": lambda v, lang: _series_text(
        v, lang, lambda x, lg: fmt_signed_percent(x, lg, 1)
    ),
}


def _series_text(values: dict[str, Any] | None, lang: Lang, fmt: Callable[[Any, Lang], str]) -> str:
    if not values:
        return "–"
    return " · ".join(f"{year}: {fmt(value, lang)}" for year, value in values.items())


@dataclass(frozen=True)
class Declaration:
    """One figure: its id (a `summary --json` key), its texts' catalogue keys, its rule.

    `label_key` names the label (shared with the overview's tile); `figures.<id>_definition`,
    `_formula`, `_base` and `_caveat` hold the rest. `read` gives the figure's `Measure`
    from the view's headline and its per-year frame (`metrics.panel_year_over_year`).
    """

    id: str
    label_key: str
    rule: str
    read: Callable[[Headline, pd.DataFrame], Measure]
    chart: bool = False


def _per_year(column: str) -> Callable[[Headline, pd.DataFrame], Measure]:
    def read(_: Headline, per_year: pd.DataFrame) -> Measure:
        rows = per_year.iloc[1:] if column == "growth" else per_year
        values = {
            str(int(year)): None if pd.isna(value) else float(value)
            for year, value in zip(rows["year"], rows[column], strict=True)
        }
        bases = rows["panel"] if column == "growth" else rows["n"]
        n = int(bases.min()) if len(bases) else 0
        known = any(v is not None for v in values.values())
        return Measure(values if known else None, n)  # type: ignore[arg-type]  # a chart figure's value is its series

    return read


DECLARATIONS: tuple[Declaration, ...] = (
    Declaration(
        "respondents",
        "overview.respondents",
        "exact",
        lambda h, _: Measure(h.respondents, h.respondents),
    ),
    Declaration(
        "response_rate",
        "figures.response_rate_label",
        "percent_tenth",
        lambda h, _: h.response_rate,
    ),
    Declaration(
        "projects_submitted_total",
        "overview.submitted",
        "plus",
        lambda h, _: h.projects_submitted,
    ),
    Declaration(
        "projects_submitted_cagr",
        "overview.growth",
        "signed_percent",
        lambda h, _: h.projects_submitted_cagr,
    ),
    Declaration(
        "projects_submitted_cagr_all",
        "figures.projects_submitted_cagr_all_label",
        "signed_percent",
        lambda h, _: h.projects_submitted_cagr_all,
    ),
    Declaration(
        "europe_team_recruitments_total",
        "overview.recruitments",
        "plus",
        lambda h, _: h.europe_team_recruitments,
    ),
    Declaration(
        "coordinator_members_total",
        "overview.coordinators",
        "exact",
        lambda h, _: h.coordinator_members,
    ),
    Declaration(
        "plans_to_recruit_share",
        "overview.plans",
        "percent",
        lambda h, _: h.plans_to_recruit,
    ),
    Declaration(
        "projects_submitted_by_year",
        "figures.projects_submitted_by_year_label",
        "series",
        _per_year("total"),
        chart=True,
    ),
    Declaration(
        "projects_submitted_yoy",
        "figures.projects_submitted_yoy_label",
        "series_change",
        _per_year("growth"),
        chart=True,
    ),
)
#: The declared ids, in the Method page's order.
IDS: tuple[str, ...] = tuple(d.id for d in DECLARATIONS)
_BY_ID = {d.id: d for d in DECLARATIONS}


@dataclass(frozen=True)
class Figure:
    """One figure of one view, with everything needed to check it."""

    id: str
    label: str
    definition: str
    formula: str
    base: str
    rule: str
    caveats: tuple[str, ...]
    value: Any
    display: str
    exact: str
    n: int
    coverage: int
    poles_surveyed: int | None
    chart: bool = False

    def to_json(self) -> dict[str, Any]:
        """A JSON-able object (the `figures --json` entry)."""
        return {
            "id": self.id,
            "label": self.label,
            "value": self.value,
            "display": self.display,
            "exact": self.exact,
            "n": self.n,
            "coverage": self.coverage,
            "poles_surveyed": self.poles_surveyed,
            "definition": self.definition,
            "formula": self.formula,
            "base": self.base,
            "display_rule": self.rule,
            "caveats": list(self.caveats),
        }


def declaration(figure_id: str) -> Declaration:
    """The declaration of `figure_id` (KeyError for an unknown id)."""
    return _BY_ID[figure_id]


#: The figures that compare years: a view of one year (the years filter) has none.
GROWTHS = frozenset(
    {"projects_submitted_cagr", "projects_submitted_cagr_all", "projects_submitted_yoy"}
)


def figures_of(
    view: SurveyRound,
    lang: Lang,
    *,
    headline: Headline | None = None,
    per_year: pd.DataFrame | None = None,
    whole_round: bool = True,
) -> tuple[Figure, ...]:
    """Every declared figure of `view` (a round, possibly filtered), in `lang`.

    `headline` and `per_year` may be given when the caller already has them (the overview
    caches both); otherwise they are computed here. `whole_round` is False when the view
    keeps only some poles, regions or sectors (`Filters.narrows_poles`): the poles surveyed
    are the whole round's, so the view has no response rate of its own.
    """
    h = metrics.headline(view) if headline is None else headline
    frame = metrics.panel_year_over_year(view) if per_year is None else per_year
    years = frame["year"].astype(int).tolist()
    first = str(years[0]) if years else "–"
    last = str(years[-1]) if years else "–"
    coverage = h.respondents
    out = []
    for decl in DECLARATIONS:
        measure = decl.read(h, frame)
        narrowed_rate = decl.id == "response_rate" and not whole_round
        if narrowed_rate:
            measure = Measure(None, measure.n)
        params = {"year": first, "first": first, "last": last}
        one_year = decl.id in GROWTHS and len(years) == 1
        if one_year:  # "(sum 2022 ÷ sum 2022) ^ (1 ÷ (2022 − 2022))" would say nothing
            params |= {
                "first": t("figures.formula_first_year", lang),
                "last": t("figures.formula_last_year", lang),
            }
        caveats = [t(f"figures.{decl.id}_caveat", lang)]
        if measure.n > 0 and policy.is_small_base(measure.n):
            caveats.append(t("figures.small_base", lang, min=policy.SMALL_BASE))
        if narrowed_rate:
            caveats.append(t("figures.response_rate_filtered", lang))
        elif decl.id == "response_rate" and measure.value is None:
            caveats.append(t("figures.response_rate_unknown", lang))
        out.append(
            Figure(
                id=decl.id,
                label=t(decl.label_key, lang, **params),
                definition=t(f"figures.{decl.id}_definition", lang, **params),
                formula=t(f"figures.{decl.id}_formula", lang, **params),
                base=(
                    t("figures.growth_one_year", lang, year=first)
                    if one_year
                    else t(f"figures.{decl.id}_base", lang, n=measure.n, total=coverage, **params)
                ),
                rule=t(f"figures.rule_{decl.rule}", lang),
                caveats=tuple(caveats),
                value=measure.value,
                display=_SHOWN[decl.rule](measure.value, lang),
                exact=_EXACT[decl.rule](measure.value, lang),
                n=measure.n,
                coverage=coverage,
                poles_surveyed=h.poles_surveyed,
                chart=decl.chart,
            )
        )
    return tuple(out)


def by_id(figures: tuple[Figure, ...]) -> dict[str, Figure]:
    """The figures keyed by id."""
    return {figure.id: figure for figure in figures}


def summary_values(view: SurveyRound) -> dict[str, Any]:
    """`summary --json`'s object, each declared scalar figure's value read from the registry.

    The summary keeps the keys the registry does not declare (period, bases, yearly maps);
    every key the registry declares is overwritten by its `Figure.value`, so the command
    line can never state a figure the Method page and the tiles do not.
    """
    out = metrics.summary_dict(view)
    for figure in figures_of(view, DEFAULT_LANG):
        if not figure.chart:
            out[figure.id] = figure.value
    return out
