"""The award "Les pôles pour l'Europe": its categories, an edition's rules, and who is eligible.

The association rewards its poles' European work once a year, one winner per category. The
2023 edition (`Edition.default_2023()`) had three categories, each with an eligibility
window: the initiative must have *started within the last N years*. Who may apply: a pole
labelled in the last labelling phase (Phase V for 2023, see `data/SOURCES.md`).

Rules as computed here, each one a `Reason` so the page, the jury pack and the tests say
the same thing in French or English:

- **Window.** "Started within the last N years" of an edition means a start on or after the
  deadline's day and month N years earlier (29 February gives 28 February): exactly N years
  before the deadline is eligible, one day earlier is not.
- **Not yet started.** A start after the deadline is ineligible: the initiative had not
  started when applications closed, so it cannot be judged on what it did.
- **No start date.** Ineligible until one is given: the window cannot be checked.
- **Labelling.** A pole not labelled in the edition's phase is ineligible; a pole unknown to
  the registry is ineligible too, since its labelling cannot be checked (fix its name or
  confirm it at upload). Membership of the association is not checked: the registry does
  not record it.
- **Late applications** (submitted after the deadline, when the sheet gives a submission
  date) are *flagged, not excluded*: the closing date governs the jury's calendar, and the
  organisers decide whether to admit a late file (an extension granted, a post delay), which
  the data cannot know. `Edition.exclude_late` turns the flag into an exclusion. Without a
  submission date column, the rows of the round are the applications and none is late.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

import pandas as pd

from analysis.awards.categories import (
    CATEGORIES,
    Category,
)
from analysis.core.i18n import Lang, t
from analysis.core.registry import Registry

__all__ = [
    "Edition",
    "Reason",
    "category_counts",
    "eligibility",
    "explain",
    "explanations",
    "phase_name",
    "select",
    "years_before",
]


def years_before(day: date, years: int) -> date:
    """The same day and month `years` earlier; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def phase_name(phase: int) -> str:
    """`5` -> `V`: phases of the poles policy are written in Roman numerals."""
    numerals = ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    out, left = "", phase
    for value, numeral in numerals:
        while left >= value:
            out, left = out + numeral, left - value
    return out


@dataclass(frozen=True)
class Edition:
    """One year's award: its deadline, its categories and windows, and the labelling phase."""

    year: int
    deadline: date
    categories: tuple[Category, ...] = CATEGORIES
    labelling_phase: int = 5
    exclude_late: bool = False

    @classmethod
    def default_2023(cls) -> Edition:
        """The 2023 rules: closing on 14 September 2023, three categories, Phase V poles."""
        return cls(year=2023, deadline=date(2023, 9, 14), categories=CATEGORIES, labelling_phase=5)

    def category(self, key: str) -> Category | None:
        """The edition's category `key`, or `None` when it does not offer it."""
        return next((c for c in self.categories if c.key == key), None)

    def window_start(self, key: str) -> date | None:
        """The earliest start date eligible in category `key` (`None` when not offered)."""
        category = self.category(key)
        return years_before(self.deadline, category.window_years) if category else None

    def with_windows(self, windows: Mapping[str, int]) -> Edition:
        """A copy whose categories take the given windows (in years), others unchanged."""
        categories = tuple(
            replace(c, window_years=int(windows.get(c.key, c.window_years)))
            for c in self.categories
        )
        return replace(self, categories=categories)


@dataclass(frozen=True)
class Reason:
    """One finding about an application; `blocking` ones make it ineligible.

    `code` names `awards.reason_<code>`; dates among `params` are shown in ISO form
    (`2021-09-14`), the same in both languages and impossible to misread.
    """

    code: str
    blocking: bool
    params: Mapping[str, Any] = field(default_factory=dict)

    def message(self, lang: Lang) -> str:
        """The finding as a sentence fragment in `lang`."""
        shown = {
            key: value.isoformat() if isinstance(value, date) else value
            for key, value in self.params.items()
        }
        return t(f"awards.reason_{self.code}", lang, **shown)


#: Findings that confirm a condition (the window, the label): the verdict already says
#: "eligible", so the page's table leaves them out and shows what decides or flags.
CONFIRMATIONS = frozenset({"within_window", "labelled"})


def explain(reasons: Iterable[Reason], lang: Lang) -> str:
    """The reasons of one application as one line: blocking ones first."""
    ordered = sorted(reasons, key=lambda reason: not reason.blocking)
    return "; ".join(reason.message(lang) for reason in ordered)


def _dates(values: pd.Series) -> list[date | None]:
    return [None if pd.isna(value) else value.date() for value in values]


def _labelled(registry: Registry, phase: int) -> dict[str, bool]:
    """Pole name -> labelled in `phase`, for the phases the registry records."""
    attribute = f"phase{phase}"
    if not all(hasattr(pole, attribute) for pole in registry.poles.values()):
        raise ValueError(f"the registry does not record Phase {phase_name(phase)}")
    return {name: bool(getattr(pole, attribute)) for name, pole in registry.poles.items()}


def _regions(poles: pd.Series, registry: Registry, responses: pd.DataFrame | None) -> pd.Series:
    """Each pole's region: the registry's, else the one its survey answer gives."""
    region = poles.map({n: p.region for n, p in registry.poles.items()}).astype("string")
    if responses is not None and not responses.empty:
        answered = responses.dropna(subset=["pole"]).drop_duplicates("pole")
        lookup = dict(zip(answered["pole"], answered["region"], strict=True))
        region = region.fillna(poles.map(lookup))
    return region.astype("string")


def eligibility(
    initiatives: pd.DataFrame,
    edition: Edition,
    registry: Registry,
    *,
    responses: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Every application with its eligibility under `edition`, explained.

    Returns the `initiatives` columns plus `region`, `window_years` (Int64), `window_start`
    and `late` (bool), `eligible` (bool) and `reasons` (a tuple of `Reason` per row), in the
    input order. `responses` (the round's) gives a region to poles the registry lacks.
    """
    frame = initiatives.reset_index(drop=True)
    deadline = pd.Timestamp(edition.deadline)
    windows = {c.key: c.window_years for c in edition.categories}
    starts = {c.key: pd.Timestamp(edition.window_start(c.key)) for c in edition.categories}
    category = frame["category"]
    window_years = category.map(windows).astype("Int64")
    window_start = category.map(starts).astype("datetime64[us]")
    start = frame["start_date"]
    offered = window_years.notna().to_numpy()
    dated = start.notna().to_numpy()
    after_deadline = dated & (start > deadline).fillna(False).to_numpy(dtype=bool)
    outside = dated & offered & (start < window_start).fillna(False).to_numpy(dtype=bool)
    within = dated & offered & ~outside & ~after_deadline
    lookup = _labelled(registry, edition.labelling_phase)
    labelled = frame["pole"].astype(object).map(lookup).astype("boolean")
    known = labelled.notna().to_numpy()
    labelled_flag = labelled.fillna(False).astype(bool).to_numpy()
    late = (frame["submitted_on"] > deadline).fillna(False).to_numpy(dtype=bool)

    reasons: list[list[Reason]] = [[] for _ in range(len(frame))]
    phase = phase_name(edition.labelling_phase)
    poles = frame["pole"].fillna("").tolist()
    keys = category.fillna("").tolist()
    start_days = _dates(start)
    window_days = _dates(window_start)
    submitted = _dates(frame["submitted_on"])
    years = window_years.tolist()

    def add(mask: Sequence[bool], code: str, blocking: bool, **columns: list[Any]) -> None:
        for position in [i for i, flag in enumerate(mask) if flag]:
            params = {name: values[position] for name, values in columns.items()}
            reasons[position].append(Reason(code, blocking, params))

    count = len(frame)
    edition_year = [str(edition.year)] * count  # a year, not a number to group by thousands
    deadlines = [edition.deadline] * count
    named = category.notna().to_numpy()
    add(~named, "no_category", True)
    add(named & ~offered, "category_not_offered", True, category=keys, edition=edition_year)
    add(offered & ~dated, "no_start_date", True)
    add(
        within,
        "within_window",
        False,
        start=start_days,
        years=years,
        window_start=window_days,
        edition=edition_year,
    )
    add(
        outside,
        "outside_window",
        True,
        start=start_days,
        years=years,
        window_start=window_days,
        edition=edition_year,
    )
    add(after_deadline, "after_deadline", True, start=start_days, deadline=deadlines)
    add(~known, "unknown_pole", True, pole=poles)
    add(
        known & labelled_flag,
        "labelled",
        False,
        pole=poles,
        phase=[phase] * count,
    )
    add(
        known & ~labelled_flag,
        "not_labelled",
        True,
        pole=poles,
        phase=[phase] * count,
        edition=edition_year,
    )
    add(late, "late", edition.exclude_late, submitted=submitted, deadline=deadlines)

    findings = pd.Series([tuple(found) for found in reasons], index=frame.index, dtype=object)
    eligible = findings.map(lambda found: not any(r.blocking for r in found)).astype(bool)
    return frame.assign(
        region=_regions(frame["pole"], registry, responses),
        window_years=window_years,
        window_start=window_start,
        late=pd.Series(late, index=frame.index, dtype=bool),
        eligible=eligible,
        reasons=findings,
    )


def decisive(checked: pd.DataFrame, lang: Lang) -> pd.Series:
    """What decides or flags each row of `eligibility(...)`, as one line in `lang`: every
    finding but the confirmations (a missed condition, a late application, a pole the
    registry does not know), or "all conditions met" when nothing else is left.

    The page's table shows these, short enough to be read whole beside the verdict; the
    jury's workbook keeps the full line of `explanations` (issue #16)."""

    def line(found: tuple[Reason, ...]) -> str:
        kept = [reason for reason in found if reason.code not in CONFIRMATIONS]
        return explain(kept, lang) if kept else t("awards.all_conditions_met", lang)

    return checked["reasons"].map(line).astype("string")


def explanations(checked: pd.DataFrame, lang: Lang) -> pd.Series:
    """The `reasons` of each row of `eligibility(...)` as one line in `lang`."""
    return checked["reasons"].map(lambda found: explain(found, lang)).astype("string")


def select(
    checked: pd.DataFrame,
    *,
    categories: Sequence[str] = (),
    regions: Sequence[str] = (),
) -> pd.DataFrame:
    """The rows of `eligibility(...)` in the chosen categories and regions (all when empty)."""
    keep = pd.Series(True, index=checked.index)
    if categories:
        keep &= checked["category"].isin(list(categories)).fillna(False).astype(bool)
    if regions:
        keep &= checked["region"].isin(list(regions)).fillna(False).astype(bool)
    return checked.loc[keep].reset_index(drop=True)


def category_counts(checked: pd.DataFrame, edition: Edition) -> pd.DataFrame:
    """Per category of `edition`, in its order: `applied`, `eligible` and `late` counts.

    Applications to a category the edition does not offer are left out (their rows say why).
    """
    keys = [c.key for c in edition.categories]
    grouped = checked.assign(applied=1).groupby("category")[["applied", "eligible", "late"]]
    counts = grouped.sum().reindex(keys).fillna(0).astype("int64")
    return counts.rename_axis("category").reset_index()
