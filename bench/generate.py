"""Seeded large survey rounds for the benchmarks: thousands of poles, many rounds and years.

The shipped sample has 40 real poles; the benchmarks need the network the tool is meant to
grow into (every member of a European cluster platform, many rounds, per-programme rows).
This module invents it deterministically (one seeded generator per round, fixed draw
order, no clock), reusing the sample's logic (`analysis.sample.round`): the families' activity,
the programme weights and tilts (`_programme_probabilities`), the 2021 programmes that do
not exist before 2021, and the blank answers that stay unknown.

Defaults: 2,000 poles × 10 rounds × 10 years, and per round one projects row per pole,
year and programme (8 programmes): 160,000 project rows a round, 1.6 M in all.

The poles are invented ("Synthetic cluster 0001"...): they are not in the shipped registry,
so `bench_registry` builds a `Registry` of them, which ingestion takes through its
`registry=` argument, as a deployment for a larger network would ship its own registry.
(The benchmark also times the same file against the shipped registry, every pole unknown.)

Outputs: rounds as `SurveyRound`s, workbooks written with xlsxwriter in `constant_memory`
mode (the canonical layout, which ingestion reads back whole), and rounds stored straight
into a `SurveyStore` through `import_survey`.

    python bench/generate.py --store bench/out/large.db --workbooks bench/out/workbooks
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

import numpy as np
import pandas as pd
import xlsxwriter

if __package__ in (None, ""):  # run as a script: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analysis.core.i18n import Lang
from analysis.core.model import RoundInfo, SurveyRound
from analysis.core.registry import Pole, Registry
from analysis.core.schema import METROPOLITAN_REGIONS, OVERSEAS_REGIONS, PROGRAMMES
from analysis.export.canonical import (
    PROJECTS_SHEET,
    RESPONSES_SHEET,
    ROUND_SHEET,
    projects_table,
    responses_table,
    round_table,
)
from analysis.sample.round import (
    FAMILY_ACTIVITY,
    SEED,
    _programme_probabilities,
)
from analysis.store import ImportOutcome, SurveyStore

#: Bumped whenever the generated data changes, so inputs kept from an earlier run are rebuilt.
GENERATOR_VERSION = 3
#: Last year covered by the first round; round `r` ends `r` years later.
FIRST_PERIOD_END = 2015
#: Share of answers left blank (unknown, never 0), so blanks are exercised at scale.
BLANK_SHARE = 0.02
#: Mean proposals a pole submits a year in the first year of the first round.
MEAN_SUBMITTED = 10.0
#: Yearly growth of proposals (the sample's published "around 15 %" is too steep for 20 years).
GROWTH = 1.04


@dataclass(frozen=True)
class Scale:
    """How large the generated network is (the defaults are the benchmark's scale)."""

    poles: int = 2_000
    rounds: int = 10
    years: int = 10
    seed: int = SEED

    @property
    def project_rows_per_round(self) -> int:
        """Rows of a round's projects frame: one per pole, year and programme."""
        return self.poles * self.years * len(PROGRAMMES)

    @property
    def project_rows(self) -> int:
        """Project rows over every round."""
        return self.project_rows_per_round * self.rounds

    def key(self) -> str:
        """A short identity of the generated data, for reusing a store built earlier."""
        return f"p{self.poles}-r{self.rounds}-y{self.years}-s{self.seed}-g{GENERATOR_VERSION}"


def synthetic_poles(count: int, seed: int = SEED) -> pd.DataFrame:
    """`name, short_name, region, family, weight` of `count` invented poles, by name.

    Regions are drawn with the metropolitan ones 20 times as likely as each overseas one;
    families by the sample's family list. `weight` is each pole's size in EU work.
    """
    rng = np.random.default_rng([seed, count])
    regions = np.array([*METROPOLITAN_REGIONS, *OVERSEAS_REGIONS], dtype=object)
    odds = np.array([20.0] * len(METROPOLITAN_REGIONS) + [1.0] * len(OVERSEAS_REGIONS))
    families = np.array(list(FAMILY_ACTIVITY), dtype=object)
    numbers = np.arange(1, count + 1)
    family = families[rng.integers(0, len(families), count)]
    activity = pd.Series(family).map(FAMILY_ACTIVITY).to_numpy(dtype=float)
    return pd.DataFrame(
        {
            "name": [f"Synthetic cluster {n:04d}" for n in numbers],
            "short_name": [f"SC{n:04d}" for n in numbers],
            "region": regions[rng.choice(len(regions), count, p=odds / odds.sum())],
            "family": family,
            "weight": activity * rng.lognormal(0.0, 0.5, count),
        }
    )


def bench_registry(poles: pd.DataFrame) -> Registry:
    """A registry of the invented poles (what a larger network's deployment would ship)."""
    return Registry(
        [
            Pole(
                name=row.name,
                short_name=row.short_name,
                region=row.region,
                city="",
                sector=row.family,
                family=row.family,
                phase4=True,
                phase5=True,
            )
            for row in poles.itertuples(index=False)
        ]
    )


def round_info(index: int, scale: Scale) -> RoundInfo:
    """Round `index` (0-based): `scale.years` years ending `FIRST_PERIOD_END + index`."""
    end = FIRST_PERIOD_END + index
    return RoundInfo(
        label=str(end + 1),
        period_start=end - scale.years + 1,
        period_end=end,
        poles_surveyed=round(scale.poles * 1.1),
        collected_on=date(end + 1, 3, 31),
        synthetic=True,
    )


def _blank(values: pd.Series, rng: np.random.Generator) -> pd.Series:
    """`values` with about `BLANK_SHARE` of them made unknown (`<NA>`)."""
    return values.mask(pd.Series(rng.random(len(values)) < BLANK_SHARE, index=values.index))


def _responses(poles: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    weight = poles["weight"].to_numpy()
    count = len(poles)
    return (
        pd.DataFrame(
            {
                "pole": poles["name"],
                "region": poles["region"],
                "sector": poles["family"],
                "europe_team_recruitments": rng.poisson(3.0 * weight),
                "coordinator_members": rng.poisson(3.0 * weight),
                "plans_to_recruit": rng.random(count) < 0.6,
                "europe_team_fte": np.round(np.clip(0.3 + 1.1 * weight, 0.5, 6.0), 1),
                "members": np.round(60 + 100 * weight * rng.lognormal(0.0, 0.25, count)),
            }
        )
        .pipe(
            lambda frame: frame.astype(
                {
                    "europe_team_recruitments": "Int64",
                    "coordinator_members": "Int64",
                    "plans_to_recruit": "boolean",
                    "europe_team_fte": "Float64",
                    "members": "Int64",
                }
            )
        )
        .assign(
            europe_team_fte=lambda f: _blank(f["europe_team_fte"], rng),
            members=lambda f: _blank(f["members"], rng),
            plans_to_recruit=lambda f: _blank(f["plans_to_recruit"], rng),
        )
    )


def _projects_and_yearly(
    poles: pd.DataFrame, years: range, rng: np.random.Generator
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Per pole, year and programme: proposals split over the programmes, some funded.

    The yearly counts are the sums of the programme rows, so both frames agree (a blank
    funded count for a pole-year is blank in its programme rows too).
    """
    count, span = len(poles), len(years)
    pole_index = np.repeat(np.arange(count), span)
    year = np.tile(np.asarray(years, dtype="int64"), count)
    weight = poles["weight"].to_numpy()[pole_index]
    mean = MEAN_SUBMITTED * weight * GROWTH ** (year - (FIRST_PERIOD_END - span + 1))
    submitted_year = rng.poisson(mean)
    family = poles["family"].to_numpy()[pole_index]
    probabilities = _programme_probabilities(pd.Series(family), pd.Series(year))
    split = rng.multinomial(submitted_year, probabilities)  # (pole-years, programmes)
    rate = rng.uniform(0.15, 0.35, count)[pole_index]
    funded = rng.binomial(split, rate[:, None])
    funded_year = funded.sum(axis=1)
    unknown = rng.random(len(year)) < BLANK_SHARE
    names = poles["name"].to_numpy()[pole_index]
    yearly = pd.DataFrame(
        {
            "pole": names,
            "year": year,
            "projects_submitted": submitted_year,
            "projects_funded": pd.array(funded_year, dtype="Int64"),
        }
    )
    yearly["projects_funded"] = yearly["projects_funded"].mask(unknown)
    # Year by year, as ingestion builds it from the wide columns of the responses sheet.
    yearly = yearly.sort_values("year", kind="stable").reset_index(drop=True)
    programmes = len(PROGRAMMES)
    projects = pd.DataFrame(
        {
            "pole": np.repeat(names, programmes),
            "year": np.repeat(year, programmes),
            "programme": np.tile(np.asarray(PROGRAMMES, dtype=object), len(year)),
            "submitted": split.ravel(),
            "funded": pd.array(funded.ravel(), dtype="Int64"),
        }
    )
    projects["funded"] = projects["funded"].mask(np.repeat(unknown, programmes))
    return projects, yearly


def generate_round(index: int, scale: Scale, poles: pd.DataFrame | None = None) -> SurveyRound:
    """Round `index` of the network (the same every time for the same scale and seed)."""
    poles = poles if poles is not None else synthetic_poles(scale.poles, scale.seed)
    info = round_info(index, scale)
    rng = np.random.default_rng([scale.seed, scale.poles, index])
    years = range(info.period_start or 0, (info.period_end or 0) + 1)
    responses = _responses(poles, rng)
    projects, yearly = _projects_and_yearly(poles, years, rng)
    return SurveyRound.build(info, responses=responses, yearly=yearly, projects=projects)


def generate_rounds(scale: Scale) -> Iterator[SurveyRound]:
    """Every round of the network, oldest first (generated one at a time)."""
    poles = synthetic_poles(scale.poles, scale.seed)
    for index in range(scale.rounds):
        yield generate_round(index, scale, poles)


def _rows(frame: pd.DataFrame) -> list[list[object]]:
    """Plain Python rows, `None` for blanks (xlsxwriter skips unformatted blanks)."""
    objects = frame.astype(object)
    return objects.where(frame.notna(), None).to_numpy().tolist()


def write_workbook(survey: SurveyRound, path: Path, lang: Lang = "fr") -> Path:
    """The round as a canonical workbook (responses, projects, round), streamed to disk.

    xlsxwriter's `constant_memory` mode writes each row as it comes, so a 160,000-row
    projects sheet never sits in memory as cells. Ingestion reads the file back whole.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_urls": False})
    bold = workbook.add_format({"bold": True})
    sheets = [(RESPONSES_SHEET[lang], responses_table(survey, lang))]
    if survey.has_projects:
        sheets.append((PROJECTS_SHEET[lang], projects_table(survey, lang)))
    for name, frame in sheets:
        sheet = workbook.add_worksheet(name)
        sheet.write_row(0, 0, [str(header) for header in frame.columns], bold)
        for number, row in enumerate(_rows(frame), start=1):
            sheet.write_row(number, 0, row)
    meta = workbook.add_worksheet(ROUND_SHEET[lang])
    day = workbook.add_format({"num_format": "yyyy-mm-dd"})
    for number, (key, value) in enumerate(round_table(survey, lang)):
        meta.write_string(number, 0, key, bold)
        if isinstance(value, date):  # a date cell, as the canonical workbook writes it
            meta.write_datetime(number, 1, datetime.combine(value, time()), day)
        else:
            meta.write(number, 1, value)
    workbook.close()
    return path


def fill_store(store: SurveyStore, scale: Scale) -> list[ImportOutcome]:
    """Store every round of the network straight into `store` (no workbook in between)."""
    return [store.import_survey(survey, actor="bench") for survey in generate_rounds(scale)]


def main(argv: Sequence[str] | None = None) -> int:
    """`python bench/generate.py [--poles N] [--rounds N] [--years N] [--store PATH]
    [--workbooks DIR]`: generate the network into a SQLite store and/or workbooks."""
    parser = argparse.ArgumentParser(description="Generate large synthetic survey rounds.")
    parser.add_argument("--poles", type=int, default=Scale.poles)
    parser.add_argument("--rounds", type=int, default=Scale.rounds)
    parser.add_argument("--years", type=int, default=Scale.years)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--store", type=Path, help="a SQLite file to fill (must be new)")
    parser.add_argument("--workbooks", type=Path, help="a folder to write one .xlsx per round")
    args = parser.parse_args(argv)
    scale = Scale(args.poles, args.rounds, args.years, args.seed)
    if args.store is None and args.workbooks is None:
        parser.error("give --store and/or --workbooks")
    if args.store is not None:
        args.store.parent.mkdir(parents=True, exist_ok=True)
        with SurveyStore(f"sqlite:///{args.store.resolve()}") as store:
            for outcome in fill_store(store, scale):
                print(f"stored round {outcome.label}: {outcome.project_rows:,} project rows")
    if args.workbooks is not None:
        for survey in generate_rounds(scale):
            path = write_workbook(survey, args.workbooks / f"round_{survey.info.label}.xlsx")
            print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
