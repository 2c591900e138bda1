"""What a new round changes against the previous one, shown before anything is stored.

A typo in a spreadsheet (a pole's 12 projects typed 120, members typed in the FTE column)
looks like a plausible number on its own; next to last year's answer it stands out. So
the upload page compares the new round with a stored one:

- poles new, missing and common, matched by canonical name (case and accents ignored);
- per pole and per figure, the answers both rounds hold: the per-pole numeric answers,
  the per-year counts of the years both rounds cover, and each pole's yearly average of
  projects submitted and funded (comparable even when the periods differ). A blank on
  either side is not compared at all: a blank is unknown, never 0;
- a change is flagged when the new value is more than 3 times the old one or less than a
  third of it (`RATIO`), or when it lies outside the Tukey fences (Q1 − 1.5·IQR,
  Q3 + 1.5·IQR) of all poles' changes of that figure (given at least `MIN_FOR_FENCES`
  poles to compare);
- the headline figures (`analysis.analytics.metrics.summary_dict`) before and after, with their n.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis.analytics.metrics import summary_dict
from analysis.core.i18n import Lang, fmt_int, fmt_number, fmt_percent, fmt_signed_percent, t
from analysis.core.model import SurveyRound
from analysis.core.schema import FIELDS_BY_KEY, NUMERIC_POLE_FIELDS, YEARLY_FIELDS
from analysis.core.text import normalise_series

#: A new value more than RATIO times the old one (or under 1/RATIO of it) is flagged.
RATIO = 3.0
#: Tukey's fence multiplier of the interquartile range.
FENCE = 1.5
#: Fewest poles with a change of one figure before its fences mean anything (quartiles of
#: five changes are noise: a pole moving by 1 while the others move by 2 would be flagged).
MIN_FOR_FENCES = 8
#: How a figure is read: a pole's own answer, one year's count, the yearly average.
ANSWER, YEAR, YEARLY_MEAN = "answer", "year", "yearly_mean"
#: Headline keys of `summary_dict` compared before and after, in display order.
HEADLINE_KEYS: tuple[str, ...] = (
    "respondents",
    "poles_surveyed",
    "response_rate",
    "projects_submitted_total",
    "projects_submitted_cagr",
    "projects_funded_total",
    "europe_team_recruitments_total",
    "coordinator_members_total",
    "plans_to_recruit_share",
)
#: Headline key -> the `summary_dict` key holding its base n (respondents are their own n).
_HEADLINE_N: dict[str, str] = {
    "response_rate": "respondents",
    "projects_submitted_total": "projects_submitted_n",
    "projects_submitted_cagr": "projects_submitted_cagr_n",
    "projects_funded_total": "projects_funded_n",
    "europe_team_recruitments_total": "europe_team_recruitments_n",
    "coordinator_members_total": "coordinator_members_n",
    "plans_to_recruit_share": "plans_to_recruit_n",
}
_CHANGE_COLUMNS: dict[str, str] = {
    "pole": "string",
    "field": "string",
    "year": "Int64",
    "measure": "string",
    "before": "Float64",
    "after": "Float64",
    "change": "Float64",
    "ratio": "Float64",
    "by_ratio": "boolean",
    "by_fences": "boolean",
    "flagged": "boolean",
}


@dataclass(frozen=True)
class RoundDiff:
    """The new round against the previous one (see the module docstring).

    `changes` holds one row per pole and figure answered in both rounds, with columns
    `pole field year measure before after change ratio by_ratio by_fences flagged`
    (`pole` as the new round names it; `ratio` is `<NA>` when the old value is 0).
    `headline` holds `key before after n_before n_after` for `HEADLINE_KEYS`.
    """

    previous_label: str
    new_poles: tuple[str, ...]
    missing_poles: tuple[str, ...]
    common_poles: tuple[str, ...]
    changes: pd.DataFrame
    headline: pd.DataFrame

    @property
    def flagged(self) -> pd.DataFrame:
        """The changes worth a look, largest relative moves first."""
        flagged = self.changes[self.changes["flagged"].fillna(False).to_numpy(dtype=bool)]
        size = (flagged["change"].abs() / flagged["before"].abs().where(lambda v: v > 0)).fillna(
            float("inf")
        )
        order = size.sort_values(ascending=False, kind="stable").index
        return flagged.loc[order].reset_index(drop=True)


def _within(values: pd.Series, others: pd.Series) -> pd.Series:
    """Whether each of `values` is among `others` (a hash lookup: `isin` on Arrow strings
    walks a Python list of the other side, slow when that side is a 100,000-row file)."""
    found = pd.Index(others.unique()).get_indexer(values.to_numpy(dtype=object)) >= 0
    return pd.Series(found, index=values.index)


def _keys(names: pd.Series) -> pd.Series:
    """Matching keys of pole names: canonical names compared without case or accents."""
    return normalise_series(names)


def _answers(survey: SurveyRound, keys: pd.Series, keep: pd.Series) -> pd.DataFrame:
    """Long rows `key pole field year measure value` of the figures of the poles in `keep`.

    `keys` are the matching keys of `survey.responses` (row for row), `keep` a mask over
    them: only poles of both rounds are melted, so a huge file costs little here.
    """
    responses = survey.responses[keep.to_numpy()]
    keys = keys[keep.to_numpy()]
    key_of = dict(zip(responses["pole"].tolist(), keys.tolist(), strict=True))
    numeric = [f.key for f in NUMERIC_POLE_FIELDS]
    answers = (
        responses[["pole", *numeric]]
        .assign(key=keys.to_numpy())
        .melt(id_vars=["key", "pole"], value_vars=numeric, var_name="field")
        .assign(year=pd.NA, measure=ANSWER)
    )
    yearly_fields = [f.key for f in YEARLY_FIELDS]
    yearly = survey.yearly[survey.yearly["pole"].isin(list(key_of)).to_numpy()]
    yearly = yearly.assign(key=yearly["pole"].map(key_of).astype("string").to_numpy())
    per_year = yearly.melt(
        id_vars=["key", "pole", "year"], value_vars=yearly_fields, var_name="field"
    ).assign(measure=YEAR)
    means = (
        yearly.groupby(["key", "pole"], sort=False)[yearly_fields]
        .mean()
        .reset_index()
        .melt(id_vars=["key", "pole"], value_vars=yearly_fields, var_name="field")
        .assign(year=pd.NA, measure=YEARLY_MEAN)
    )
    frames = [f for f in (answers, per_year, means) if not f.empty]
    if not frames:
        return pd.DataFrame(columns=["key", "pole", "field", "year", "measure", "value"])
    long = pd.concat(frames, ignore_index=True)
    return long.astype({"value": "Float64", "year": "Int64"}).dropna(subset=["value"])


def _flags(compared: pd.DataFrame) -> pd.DataFrame:
    """`compared` with `change ratio by_ratio by_fences flagged` added."""
    before, after = compared["before"], compared["after"]
    change = after - before
    by_ratio = (after > RATIO * before) | (after * RATIO < before)
    figure = compared["field"] + "@" + compared["year"].astype("string").fillna("") + "/"
    figure = figure + compared["measure"]
    grouped = change.astype("float64").groupby(figure.to_numpy())
    q1 = grouped.transform(lambda s: s.quantile(0.25))
    q3 = grouped.transform(lambda s: s.quantile(0.75))
    count = grouped.transform("count")
    spread = FENCE * (q3 - q1)
    outside = (change.astype("float64") < q1 - spread) | (change.astype("float64") > q3 + spread)
    by_fences = outside & (count >= MIN_FOR_FENCES)
    return compared.assign(
        change=change,
        ratio=(after / before).where(before != 0),
        by_ratio=by_ratio.astype("boolean"),
        by_fences=pd.array(by_fences.to_numpy(dtype=bool), dtype="boolean"),
        flagged=(by_ratio.astype("boolean") | by_fences.to_numpy(dtype=bool)),
    )


def _changes(
    new: SurveyRound, previous: SurveyRound, new_keys: pd.Series, old_keys: pd.Series
) -> pd.DataFrame:
    """Per pole and figure, the values both rounds hold, with their flags."""
    new_common, old_common = _within(new_keys, old_keys), _within(old_keys, new_keys)
    after = _answers(new, new_keys, new_common).rename(columns={"value": "after"})
    before = _answers(previous, old_keys, old_common).rename(columns={"value": "before"})
    before = before.drop(columns=["pole"])
    compared = after.merge(before, on=["key", "field", "year", "measure"], how="inner")
    if compared.empty:
        return pd.DataFrame({c: pd.Series(dtype=d) for c, d in _CHANGE_COLUMNS.items()})
    flagged = _flags(compared.reset_index(drop=True))
    return flagged[list(_CHANGE_COLUMNS)].astype(_CHANGE_COLUMNS).reset_index(drop=True)


def _number(value: float | None) -> float | None:
    return None if value is None else float(value)


def headline_table(new: SurveyRound, previous: SurveyRound) -> pd.DataFrame:
    """Rows `key before after n_before n_after` of `HEADLINE_KEYS`; `<NA>` where unknown."""
    old, now = summary_dict(previous), summary_dict(new)
    rows = []
    for key in HEADLINE_KEYS:
        base = _HEADLINE_N.get(key)
        rows.append(
            {
                "key": key,
                "before": _number(old[key]),
                "after": _number(now[key]),
                "n_before": old[base] if base else None,
                "n_after": now[base] if base else None,
            }
        )
    return pd.DataFrame(rows).astype(
        {"key": "string", "before": "Float64", "after": "Float64", "n_before": "Int64"}
        | {"n_after": "Int64"}
    )


def diff_rounds(new: SurveyRound, previous: SurveyRound) -> RoundDiff:
    """Compare `new` (not yet stored) with `previous` (a stored round)."""
    new_names, old_names = new.responses["pole"], previous.responses["pole"]
    new_keys, old_keys = _keys(new_names), _keys(old_names)
    is_common = _within(new_keys, old_keys).to_numpy()
    missing = ~_within(old_keys, new_keys).to_numpy()
    return RoundDiff(
        previous_label=previous.info.label,
        new_poles=tuple(new_names[~is_common].tolist()),
        missing_poles=tuple(old_names[missing].tolist()),
        common_poles=tuple(new_names[is_common].tolist()),
        changes=_changes(new, previous, new_keys, old_keys),
        headline=headline_table(new, previous),
    )


def figure_label(field: str, year: float | None, measure: str, lang: Lang) -> str:
    """How a compared figure is named on screen: `Members`, `EU proposals submitted 2021`."""
    label = FIELDS_BY_KEY[field].label(lang)
    if measure == YEAR and year is not None and not pd.isna(year):
        return f"{label} {int(year)}"
    if measure == YEARLY_MEAN:
        return t("upload.yearly_mean", lang, figure=label)
    return label


#: Headline keys shown as percentages (the others are counts).
_PERCENT_KEYS = frozenset({"response_rate", "plans_to_recruit_share"})


def _headline_text(key: str, value: float | None, n: float | None, lang: Lang) -> str:
    if value is None or pd.isna(value):
        text = fmt_int(None, lang)
    elif key == "projects_submitted_cagr":
        text = fmt_signed_percent(float(value), lang, 1)
    elif key in _PERCENT_KEYS:
        text = fmt_percent(float(value), lang)
    else:
        text = fmt_int(float(value), lang)
    if n is None or pd.isna(n):
        return text
    return t("upload.diff_with_n", lang, value=text, n=int(n))


def headline_display(diff: RoundDiff, lang: Lang) -> pd.DataFrame:
    """The headline before and after as the page shows it: `figure before after`, text."""
    rows = [
        {
            "figure": t(f"upload.headline_{row.key}", lang),
            "before": _headline_text(row.key, row.before, row.n_before, lang),
            "after": _headline_text(row.key, row.after, row.n_after, lang),
        }
        for row in diff.headline.itertuples(index=False)
    ]
    return pd.DataFrame(rows, columns=["figure", "before", "after"]).astype("string")


def flagged_display(diff: RoundDiff, lang: Lang) -> pd.DataFrame:
    """The flagged changes as the page shows them: `pole figure before after why`, text."""
    flagged = diff.flagged
    rows = []
    for row in flagged.itertuples(index=False):
        reasons = []
        if row.by_ratio:
            if pd.isna(row.ratio):
                reasons.append(t("upload.diff_from_zero", lang))
            elif row.after == 0:
                reasons.append(t("upload.diff_to_zero", lang))
            else:
                reasons.append(t("upload.diff_ratio", lang, ratio=fmt_number(row.ratio, lang, 1)))
        if row.by_fences:
            reasons.append(t("upload.diff_fences", lang))
        rows.append(
            {
                "pole": row.pole,
                "figure": figure_label(row.field, row.year, row.measure, lang),
                "before": fmt_number(row.before, lang, 2),
                "after": fmt_number(row.after, lang, 2),
                "why": " · ".join(reasons),
            }
        )
    return pd.DataFrame(rows, columns=["pole", "figure", "before", "after", "why"]).astype("string")
