"""The synthetic sample round: invented per-pole answers whose totals are the published ones.

Per-pole answers of the Phase 4 survey are not public, yet the dashboard needs a round to
show. This module invents one, deterministically (one seeded generator, fixed draw order,
no clock), for 40 real poles of the registry, and allocates fixed totals across them by
weight with largest-remainder rounding, so the aggregates reproduce the published figures
exactly:

- 40 responding poles; 55 poles surveyed, the number labelled for Phase V (2023–2026), i.e.
  the poles a survey sent in early 2023 reached; response rate 73 %;
- EU proposals submitted 310, 357, 410 and 471 in 2019–2022: 1,548 in all ("1,500+"),
  compound growth 14.96 % a year ("around 15 %");
- 124 recruitments in the Europe teams ("120+"); 116 members coordinating projects;
- 24 of 40 poles plan to recruit (60 %).

Some poles leave their FTE or member count blank and two leave one year's funded count
blank, to show that a blank is unknown, not zero; none of the published figures rests on
those. The round also carries eleven invented applications to the 2023 award
(`analysis.sample.initiatives`): eligible ones, one on the edge of its window and one a
day outside it, older ones, one from France Water Team (not labelled in Phase V) and one
sent after the deadline. Everything written says it is synthetic.
`python -m analysis.sample` rewrites `data/sample/phase4_survey_sample.xlsx`.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.core import policy
from analysis.core.i18n import t
from analysis.core.model import RoundInfo, SurveyRound
from analysis.core.paths import data_file, in_repository
from analysis.core.registry import Registry
from analysis.core.schema import PROGRAMMES, ROLES
from analysis.core.text import normalise
from analysis.sample.initiatives import sample_initiatives

SEED = 20230331
SAMPLE_PATH = data_file("sample", "phase4_survey_sample.xlsx")

INFO = RoundInfo(
    label="2023",
    period_start=2019,
    period_end=2022,
    poles_surveyed=55,
    collected_on=date(2023, 3, 31),
    synthetic=True,
)
RESPONDENTS = 40
#: Published: "1,500+" proposals since 2019, growing "around 15 %" a year.
SUBMITTED_BY_YEAR: dict[int, int] = {2019: 310, 2020: 357, 2021: 410, 2022: 471}
#: Published: "120+" recruitments in the Europe teams.
RECRUITMENTS = 124
#: Published: 116 member organisations coordinating projects.
COORDINATOR_MEMBERS = 116
#: Published: 60 % of the poles plan to recruit.
PLANNING_TO_RECRUIT = 24
#: The one overseas pole the sample must hold.
OVERSEAS_POLE = "Qualitropic"

#: How active a family is in EU calls, relative to the others (digital, aero, health lead).
FAMILY_ACTIVITY: dict[str, float] = {
    "Digital and photonics": 1.6,
    "Mobility, aerospace and logistics": 1.5,
    "Health": 1.5,
    "Energy and environment": 1.1,
    "Materials and manufacturing": 0.9,
    "Sea and water": 0.9,
    "Agri-food and bioeconomy": 0.8,
}
#: Share of proposals by programme. "Horizon Europe" stands for Horizon 2020 before 2021.
PROGRAMME_WEIGHTS: dict[str, float] = {
    "Horizon Europe": 0.50,
    "Interreg": 0.20,
    "Digital Europe": 0.07,
    "LIFE": 0.06,
    "Erasmus+": 0.06,
    "Single Market Programme": 0.03,
    "EU4Health": 0.03,
    "Other": 0.05,
}
#: Programmes of the 2021–2027 budget: no proposal to them before 2021.
PROGRAMMES_FROM_2021: tuple[str, ...] = ("Digital Europe", "Single Market Programme", "EU4Health")
#: Families that lean towards a programme (its weight is multiplied).
FAMILY_PROGRAMME_TILT: dict[tuple[str, str], float] = {
    ("Digital and photonics", "Digital Europe"): 3.0,
    ("Health", "EU4Health"): 4.0,
    ("Energy and environment", "LIFE"): 2.5,
    ("Sea and water", "LIFE"): 2.5,
    ("Agri-food and bioeconomy", "LIFE"): 1.5,
}
COORDINATOR_SHARE = 0.25
#: Poles known to be among the largest and most active in EU projects, and the smallest.
POLE_SIZE: dict[str, float] = {
    "Aerospace Valley": 2.2,
    "Systematic Paris-Region": 2.0,
    "Cap Digital": 1.8,
    "Minalogic": 1.8,
    "Medicen Paris Region": 1.6,
    "Lyonbiopôle": 1.6,
    "Eurobiomed": 1.4,
    "Pôle Mer Méditerranée": 1.3,
    "Pôle Mer Bretagne Atlantique": 1.3,
    "Qualitropic": 0.5,
}


def largest_remainder(total: int, weights: np.ndarray) -> np.ndarray:
    """Whole numbers proportional to `weights` that add up to exactly `total`.

    Each gets the floor of its quota; the units left go to the largest fractional parts,
    ties to the earlier position, so the result is deterministic.
    """
    quotas = total * weights / weights.sum()
    counts = np.floor(quotas).astype("int64")
    left = total - int(counts.sum())
    order = np.argsort(-(quotas - counts), kind="stable")
    counts[order[:left]] += 1
    return counts


def select_poles(registry: Registry, rng: np.random.Generator) -> pd.DataFrame:
    """40 real poles labelled in both Phase IV and Phase V, with region and family.

    Starting from all of them (sorted by name), poles are dropped in a seeded random order,
    skipping any whose region or family would fall below `policy.MIN_GROUP_POLES` poles (so
    the dashboard can show every peer group of the sample) and the overseas pole, until 40
    remain. Rows come back sorted by name.
    """
    frame = registry.frame()
    frame = frame[frame["phase4"] & frame["phase5"]][["name", "region", "family"]]
    frame = frame.assign(key=frame["name"].map(normalise)).sort_values("key")
    frame = frame.reset_index(drop=True)
    keep = pd.Series(True, index=frame.index)
    for position in rng.permutation(len(frame)):
        if int(keep.sum()) == RESPONDENTS:
            break
        pole = frame.loc[position]
        kept = frame[keep]
        if (
            pole["name"] == OVERSEAS_POLE
            or (kept["region"] == pole["region"]).sum() <= policy.MIN_GROUP_POLES
            or (kept["family"] == pole["family"]).sum() <= policy.MIN_GROUP_POLES
        ):
            continue
        keep[position] = False
    if int(keep.sum()) != RESPONDENTS:
        raise RuntimeError("the registry cannot give 40 poles with these peer-group bounds")
    return frame[keep].drop(columns="key").reset_index(drop=True)


def _activity(poles: pd.DataFrame, rng: np.random.Generator) -> np.ndarray:
    """Each pole's size in EU work: family activity × known size × a skewed random factor."""
    family = poles["family"].map(FAMILY_ACTIVITY).to_numpy(dtype=float)
    size = poles["name"].map(POLE_SIZE).fillna(1.0).to_numpy(dtype=float)
    return family * size * rng.lognormal(0.0, 0.3, len(poles))


def _responses(poles: pd.DataFrame, weight: np.ndarray, rng: np.random.Generator) -> pd.DataFrame:
    """Per-pole answers; FTE and members left blank for a few poles."""
    count = len(poles)
    plans = np.zeros(count, dtype=bool)
    plans[rng.choice(count, PLANNING_TO_RECRUIT, replace=False, p=weight / weight.sum())] = True
    fte = np.round(np.clip(0.3 + 1.1 * weight * rng.lognormal(0.0, 0.25, count), 0.5, 6.0), 1)
    members = np.round(60 + 100 * weight * rng.lognormal(0.0, 0.25, count)).astype("int64")
    no_fte = rng.choice(count, 4, replace=False)
    no_members = rng.choice(count, 3, replace=False)
    return pd.DataFrame(
        {
            "pole": poles["name"],
            "region": poles["region"],
            "sector": poles["family"],
            "europe_team_recruitments": largest_remainder(
                RECRUITMENTS, weight * rng.lognormal(0.0, 0.3, count)
            ),
            "coordinator_members": largest_remainder(
                COORDINATOR_MEMBERS, weight * rng.lognormal(0.0, 0.3, count)
            ),
            "plans_to_recruit": plans,
            "europe_team_fte": pd.Series(fte, dtype="Float64").mask(
                pd.Series(np.isin(np.arange(count), no_fte))
            ),
            "members": pd.Series(members, dtype="Int64").mask(
                pd.Series(np.isin(np.arange(count), no_members))
            ),
        }
    )


def _yearly(poles: pd.DataFrame, weight: np.ndarray, rng: np.random.Generator) -> pd.DataFrame:
    """Submitted (allocated from the yearly totals) and funded (15–35 % of it) per pole-year."""
    count = len(poles)
    rate = rng.uniform(0.15, 0.35, count)
    frames = []
    for year, year_total in SUBMITTED_BY_YEAR.items():
        submitted = largest_remainder(year_total, weight * rng.lognormal(0.0, 0.15, count))
        funded = np.floor(submitted * rate + 0.5).astype("int64")
        frames.append(
            pd.DataFrame(
                {
                    "pole": poles["name"],
                    "year": year,
                    "projects_submitted": submitted,
                    "projects_funded": funded,
                }
            )
        )
    yearly = pd.concat(frames, ignore_index=True).astype({"projects_funded": "Int64"})
    unknown = rng.choice(len(yearly), 2, replace=False)
    return yearly.assign(
        projects_funded=yearly["projects_funded"].mask(
            pd.Series(np.isin(np.arange(len(yearly)), unknown))
        )
    )


def _programme_probabilities(families: pd.Series, years: pd.Series) -> np.ndarray:
    """One row of programme probabilities per proposal, from its year and pole's family."""
    base = np.array([PROGRAMME_WEIGHTS[p] for p in PROGRAMMES])
    weights = np.tile(base, (len(families), 1))
    for column, programme in enumerate(PROGRAMMES):
        if programme in PROGRAMMES_FROM_2021:
            weights[(years < 2021).to_numpy(), column] = 0.0
    for (family, programme), factor in FAMILY_PROGRAMME_TILT.items():
        weights[(families == family).to_numpy(), PROGRAMMES.index(programme)] *= factor
    return weights / weights.sum(axis=1, keepdims=True)


def _projects(yearly: pd.DataFrame, poles: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """One row per submitted proposal, consistent with the per-year counts.

    Of the proposals of a pole-year, exactly the funded count are marked funded (drawn at
    random); where the funded count is blank, so is each proposal's.
    """
    rows = yearly.loc[yearly.index.repeat(yearly["projects_submitted"].to_numpy())]
    rows = rows.reset_index(drop=True)
    family = rows["pole"].map(dict(zip(poles["name"], poles["family"], strict=True)))
    cumulative = _programme_probabilities(family, rows["year"]).cumsum(axis=1)
    draw = rng.random(len(rows))
    programme = (draw[:, None] > cumulative).sum(axis=1).clip(max=len(PROGRAMMES) - 1)
    role = np.where(rng.random(len(rows)) < COORDINATOR_SHARE, ROLES[0], ROLES[1])
    order = (
        pd.Series(rng.random(len(rows))).groupby([rows["pole"], rows["year"]]).rank(method="first")
    )
    funded = (order <= rows["projects_funded"].astype("Float64")).astype("Int64")
    return pd.DataFrame(
        {
            "pole": rows["pole"],
            "year": rows["year"],
            "programme": np.asarray(PROGRAMMES)[programme],
            "submitted": 1,
            "funded": funded,
            "role": role,
        }
    ).sort_values(["pole", "year", "programme"], key=_sort_key, kind="stable")


def _sort_key(values: pd.Series) -> pd.Series:
    if values.name == "programme":
        return values.map(PROGRAMMES.index)
    return values.map(normalise) if values.name == "pole" else values


def generate(registry: Registry | None = None, seed: int = SEED) -> SurveyRound:
    """The synthetic sample round (the same every time for the same seed and registry)."""
    rng = np.random.default_rng(seed)
    registry = registry or Registry.default()
    poles = select_poles(registry, rng)
    weight = _activity(poles, rng)
    yearly = _yearly(poles, weight, rng)
    return SurveyRound.build(
        INFO,
        responses=_responses(poles, weight, rng),
        yearly=yearly,
        projects=_projects(yearly, poles, rng),
        initiatives=sample_initiatives(poles, registry),
    )


def banner() -> str:
    """The synthetic-data notice written above the headers, in French then English."""
    return f"{t('sample.banner', 'fr')} / {t('sample.banner', 'en')}"


def sample_workbook(survey: SurveyRound | None = None) -> bytes:
    """The sample as a French workbook carrying the synthetic notice."""
    # Late: openpyxl takes most of a second to import, and the dashboard's first run reads
    # this module's published totals (the synthetic banner) without ever writing a workbook.
    from analysis.export.canonical import round_to_xlsx

    return round_to_xlsx(survey or generate(), lang="fr", banner=banner())


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m analysis.sample [--out PATH]`: write the sample workbook (French headers)."""
    parser = argparse.ArgumentParser(
        prog="python -m analysis.sample", description=t("sample.description", "en")
    )
    # Installed, the shipped copy is not ours to overwrite: write to the current folder.
    default = SAMPLE_PATH if in_repository() else Path(SAMPLE_PATH.name)
    parser.add_argument("--out", type=Path, default=default)
    args = parser.parse_args(argv)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(sample_workbook())
    print(t("sample.written", "en", path=str(args.out)))
    return 0
