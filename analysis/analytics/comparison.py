"""Comparing survey rounds: headline figures side by side, per-year series, the same panel.

Two rounds rarely hold the same poles: a pole answers one year and not the next. Figures of
all respondents compare different populations; the *same panel* keeps, in every round,
only the poles that answered every compared round (matched by canonical name, case and
accents ignored), so a change is a change of the same poles. Every figure keeps its base n
and each round's base is stated. Rounds covering overlapping years (2019–2022 and
2021–2024) keep their own series: each round is what its respondents said at the time.

Pure functions of `SurveyRound`s; no I/O. The page `pages/compare.py` ("Compare rounds",
URL `/compare`) shows them, drawn by `analysis/charts/comparison.py`; its messages are the
catalogue's `comparison.*` keys. The page keeps its short name because it is a URL.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

import pandas as pd

from analysis.analytics import metrics
from analysis.analytics.filters import Filters
from analysis.analytics.metrics import Headline, Measure
from analysis.core.i18n import Lang, fmt_int, fmt_percent, fmt_signed_percent, is_one, t
from analysis.core.model import SurveyRound
from analysis.core.text import normalise_series

#: Per-year measures a comparison can chart (the `metrics.by_year` fields).
MEASURES: tuple[str, ...] = ("projects_submitted", "projects_funded")
#: The two populations a comparison can rest on.
MODES: tuple[str, ...] = ("all", "panel")


@dataclass(frozen=True)
class RoundBase:
    """One compared round's base: its respondents, and the poles its figures rest on."""

    label: str
    respondents: int
    compared: int


@dataclass(frozen=True)
class Comparison:
    """Rounds set side by side; `rounds` are restricted to the panel when `panel` is true."""

    rounds: tuple[SurveyRound, ...]
    panel: bool
    panel_poles: tuple[str, ...]
    bases: tuple[RoundBase, ...]
    headlines: tuple[Headline, ...]

    @property
    def labels(self) -> tuple[str, ...]:
        """The compared rounds' labels, in the order compared."""
        return tuple(survey.info.label for survey in self.rounds)


def _pole_keys(survey: SurveyRound) -> pd.Series:
    """Each responding pole's name, normalised (case, accents, spacing ignored)."""
    return normalise_series(survey.responses["pole"].astype("string"))


def _common_keys(rounds: Sequence[SurveyRound]) -> set[str]:
    keys: set[str] | None = None
    for survey in rounds:
        found = set(_pole_keys(survey).dropna().tolist())
        keys = found if keys is None else keys & found
    return keys or set()


def panel_poles(rounds: Sequence[SurveyRound]) -> tuple[str, ...]:
    """Poles that answered every round, as the first round names them, sorted."""
    if not rounds:
        return ()
    common = _common_keys(rounds)
    first = rounds[0].responses["pole"]
    kept = first.loc[_pole_keys(rounds[0]).isin(common).fillna(False).astype(bool)]
    return tuple(sorted(kept.dropna().unique().tolist(), key=str.casefold))


def same_panel(rounds: Sequence[SurveyRound]) -> tuple[SurveyRound, ...]:
    """Every round restricted to the poles that answered every round."""
    common = _common_keys(rounds)
    restricted = []
    for survey in rounds:
        keep = _pole_keys(survey).isin(common).fillna(False).astype(bool)
        poles = tuple(survey.responses["pole"].loc[keep].dropna().unique().tolist())
        # An empty selection means "no restriction" to Filters: say "nobody" explicitly.
        restricted.append(Filters(poles=poles).apply(survey) if poles else _empty(survey))
    return tuple(restricted)


def _empty(survey: SurveyRound) -> SurveyRound:
    return survey.with_frames(
        responses=survey.responses.iloc[0:0],
        yearly=survey.yearly.iloc[0:0],
        projects=survey.projects.iloc[0:0],
        extras=survey.extras.iloc[0:0],
    )


def compare(rounds: Sequence[SurveyRound], *, panel: bool = False) -> Comparison:
    """The rounds' headline figures side by side, of all respondents or of the same panel."""
    poles = panel_poles(rounds)
    compared = same_panel(rounds) if panel else tuple(rounds)
    bases = tuple(
        RoundBase(
            label=original.info.label,
            respondents=len(original.responses),
            compared=len(shown.responses),
        )
        for original, shown in zip(rounds, compared, strict=True)
    )
    return Comparison(
        rounds=compared,
        panel=panel,
        panel_poles=poles,
        bases=bases,
        headlines=tuple(metrics.headline(survey) for survey in compared),
    )


def yearly_series(rounds: Sequence[SurveyRound], field: str = "projects_submitted") -> pd.DataFrame:
    """Rows `round, year, total, n`: each round's own yearly totals, rounds in order.

    Overlapping years appear once per round that covers them, with that round's answers.
    """
    frames = [metrics.by_year(survey, field).assign(round=survey.info.label) for survey in rounds]
    if not frames:
        return pd.DataFrame(
            {
                "round": pd.Series(dtype="string"),
                "year": pd.Series(dtype="int64"),
                "total": pd.Series(dtype="Int64"),
                "n": pd.Series(dtype="int64"),
            }
        )
    out = pd.concat(frames, ignore_index=True)
    return out.astype({"round": "string"})[["round", "year", "total", "n"]]


def overlapping_years(series: pd.DataFrame) -> tuple[int, ...]:
    """Years that more than one round of a `yearly_series` covers, ascending."""
    rounds_per_year = series.groupby("year")["round"].nunique()
    return tuple(int(year) for year in rounds_per_year.index[rounds_per_year > 1])


# --- the side-by-side table --------------------------------------------------------------

#: (figure key, how to read it from a headline, how to show its value).
_Formatter = Callable[[float | int | None, Lang], str]
_FIGURES: tuple[tuple[str, Callable[[Headline], Measure], _Formatter], ...] = (
    ("respondents", lambda h: Measure(h.respondents, h.respondents), fmt_int),
    ("response_rate", lambda h: h.response_rate, lambda v, lang: fmt_percent(v, lang, 1)),
    ("projects_submitted", lambda h: h.projects_submitted, fmt_int),
    ("projects_submitted_cagr", lambda h: h.projects_submitted_cagr, fmt_signed_percent),
    (
        "projects_submitted_cagr_all",
        lambda h: h.projects_submitted_cagr_all,
        fmt_signed_percent,
    ),
    ("projects_funded", lambda h: h.projects_funded, fmt_int),
    ("europe_team_recruitments", lambda h: h.europe_team_recruitments, fmt_int),
    ("coordinator_members", lambda h: h.coordinator_members, fmt_int),
    ("plans_to_recruit", lambda h: h.plans_to_recruit, fmt_percent),
)
#: The figures compared, in the table's order.
FIGURES: tuple[str, ...] = tuple(key for key, _, _ in _FIGURES)


def _figures(show_rate: bool) -> tuple[tuple[str, Callable[[Headline], Measure], _Formatter], ...]:
    return tuple(item for item in _FIGURES if show_rate or item[0] != "response_rate")


def headline_rows(comparison: Comparison, *, show_rate: bool = True) -> pd.DataFrame:
    """Rows `figure, round, value, n`: every figure of every round, with its base n.

    The response rate (respondents over poles surveyed) only means something for a whole
    round: pass `show_rate=False` for a filtered view or the panel, and it is left out.
    """
    rows = [
        (key, headline.round, measure.value, measure.n)
        for key, read, _ in _figures(show_rate)
        for headline in comparison.headlines
        for measure in (read(headline),)
    ]
    frame = pd.DataFrame(rows, columns=["figure", "round", "value", "n"], dtype=object)
    return frame.astype({"figure": "string", "round": "string", "n": "int64"})


def display_table(comparison: Comparison, lang: Lang, *, show_rate: bool = True) -> pd.DataFrame:
    """The figures as text, one row per figure; per round a value column and an n column.

    The first row is each round's period: totals over the years of a round are sums over
    different spans when the periods differ, and the reader must see it.
    """
    figures = _figures(show_rate)
    out = pd.DataFrame(
        {
            t("comparison.col_figure", lang): [t("comparison.figure_period", lang)]
            + [t(f"comparison.figure_{key}", lang) for key, _, _ in figures]
        }
    )
    for headline in comparison.headlines:
        measures = [read(headline) for _, read, _ in figures]
        out[headline.round] = [headline.period or "–"] + [
            shown(measure.value, lang)
            for (_, _, shown), measure in zip(figures, measures, strict=True)
        ]
        # As text like the values: a missing n reads "–" (a nullable integer column showed
        # Python's "None"), and a large n gets the language's thousands separator.
        out[t("comparison.col_n", lang, label=headline.round)] = ["–"] + [
            fmt_int(measure.n, lang) for measure in measures
        ]
    return out


# --- the bases, in words -----------------------------------------------------------------


def _poles(key: str, n: int, lang: Lang, **params: object) -> str:
    return t(f"{key}_one" if is_one(n, lang) else key, lang, n=n, **params)


def base_text(comparison: Comparison, lang: Lang, *, quote: Callable[[str], str] = str) -> str:
    """`Round 2023: n = 40 poles; Round 2025: n = 38 poles; same panel: 35 poles`.

    `quote` escapes the labels for where the text goes (Markdown on a page).
    """
    parts = [
        _poles("comparison.base_round", base.respondents, lang, label=quote(base.label))
        for base in comparison.bases
    ]
    parts.append(_poles("comparison.base_panel", len(comparison.panel_poles), lang))
    return t("comparison.base_separator", lang).join(parts)


def mode_text(comparison: Comparison, lang: Lang) -> str:
    """Which population the figures below rest on."""
    if comparison.panel:
        return _poles("comparison.mode_panel", len(comparison.panel_poles), lang)
    return t("comparison.mode_all", lang)


# --- choosing rounds ---------------------------------------------------------------------


class DatedRound(Protocol):
    """What ordering rounds needs of a stored round's listing (`store.records.RoundRecord`).

    A protocol rather than the record itself, so analytics stays independent of the store
    (the layer contract in `pyproject.toml`): importing the store would pull SQLAlchemy
    into every chart.
    """

    @property
    def label(self) -> str: ...
    @property
    def period_start(self) -> int | None: ...
    @property
    def period_end(self) -> int | None: ...


def chronological(records: Sequence[DatedRound]) -> list[str]:
    """Round labels from the oldest period to the newest (import order breaks ties).

    A round without a period counts as older than any dated round.
    """

    def when(record: DatedRound) -> tuple[int, int, int]:
        end = record.period_end if record.period_end is not None else record.period_start
        start = record.period_start if record.period_start is not None else end
        return (0 if end is None else 1, end or 0, start or 0)

    return [record.label for record in sorted(records, key=when)]


def newest_labels(records: Sequence[DatedRound], count: int = 2) -> list[str]:
    """The `count` newest rounds, oldest first (the comparison's default choice)."""
    return chronological(records)[-count:] if count > 0 else []


def in_order(chosen: Sequence[str], records: Sequence[DatedRound]) -> list[str]:
    """The chosen labels in chronological order, unknown labels dropped."""
    wanted = set(chosen)
    return [label for label in chronological(records) if label in wanted]
