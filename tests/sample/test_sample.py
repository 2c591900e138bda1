"""The synthetic sample: the published figures exactly, deterministic, real poles, consistent
projects, and the committed workbook reads back to the same round."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal
from python_calamine import CalamineWorkbook

from analysis.analytics import metrics
from analysis.core import policy
from analysis.core.model import SurveyRound
from analysis.core.registry import Registry
from analysis.core.schema import OVERSEAS_REGIONS, PROGRAMMES, ROLES
from analysis.sample import round as sample_round

PUBLISHED = {
    "respondents": 40,
    "poles_surveyed": 55,
    "response_rate": pytest.approx(40 / 55),
    "projects_submitted_by_year": {"2019": 310, "2020": 357, "2021": 410, "2022": 471},
    "projects_submitted_by_year_n": {"2019": 40, "2020": 40, "2021": 40, "2022": 40},
    "projects_submitted_total": 1548,
    "projects_submitted_n": 40,
    "projects_submitted_cagr": pytest.approx((471 / 310) ** (1 / 3) - 1),
    "europe_team_recruitments_total": 124,
    "europe_team_recruitments_n": 40,
    "coordinator_members_total": 116,
    "coordinator_members_n": 40,
    "plans_to_recruit_share": 0.6,
    "plans_to_recruit_yes": 24,
    "plans_to_recruit_n": 40,
    "round": "2023",
    "period": "2019–2022",
    "synthetic": True,
}


@pytest.fixture(scope="module")
def survey() -> SurveyRound:
    return sample_round.generate()


def test_summary_gives_exactly_the_published_figures(survey: SurveyRound) -> None:
    summary = metrics.summary_dict(survey)
    assert {k: summary[k] for k in PUBLISHED} == PUBLISHED
    # The published wording: "1,500+" proposals, growth "around 15 %", "120+" recruitments.
    assert 1500 <= summary["projects_submitted_total"] <= 1599
    assert 0.14 <= summary["projects_submitted_cagr"] <= 0.16
    assert 120 <= summary["europe_team_recruitments_total"] <= 129


@pytest.mark.parametrize("seed", [1, 2, 99])
def test_other_seeds_reproduce_the_figures_too(seed: int) -> None:
    """The figures hold by construction, not by a lucky seed."""
    summary = metrics.summary_dict(sample_round.generate(seed=seed))
    assert {k: summary[k] for k in PUBLISHED} == PUBLISHED


def test_generating_twice_gives_identical_frames_and_bytes(survey: SurveyRound) -> None:
    again = sample_round.generate()
    for name in ("responses", "yearly", "projects", "extras"):
        assert_frame_equal(getattr(again, name), getattr(survey, name), obj=name)
    assert again.info == survey.info
    assert sample_round.sample_workbook(again) == sample_round.sample_workbook(survey)


def test_another_seed_gives_other_answers(survey: SurveyRound) -> None:
    other = sample_round.generate(seed=1)
    assert not other.yearly.equals(survey.yearly)


def test_every_pole_is_a_real_pole_with_its_region_and_family(survey: SurveyRound) -> None:
    registry = Registry.default()
    responses = survey.responses
    assert responses["pole"].is_unique
    for row in responses.itertuples():
        pole = registry.get(row.pole)
        assert pole is not None, row.pole
        assert (row.region, row.sector) == (pole.region, pole.family)
        assert pole.phase4 and pole.phase5, row.pole


def test_peer_groups(survey: SurveyRound) -> None:
    responses = survey.responses
    assert "Qualitropic" in set(responses["pole"])
    assert responses["region"].isin(list(OVERSEAS_REGIONS)).sum() >= 1
    assert responses["sector"].value_counts().min() >= policy.MIN_GROUP_POLES
    # Every region keeps at least 3 poles unless the registry itself has fewer to offer.
    eligible = Registry.default().frame().query("phase4 and phase5")
    available = eligible["region"].value_counts()
    for region, count in responses["region"].value_counts().items():
        assert count >= min(policy.MIN_GROUP_POLES, available[region]), region


def test_answers_are_plausible(survey: SurveyRound) -> None:
    yearly = survey.yearly
    known = yearly.dropna(subset=["projects_funded"])
    assert (known["projects_funded"] <= known["projects_submitted"]).all()
    rate = known["projects_funded"].sum() / known["projects_submitted"].sum()
    assert 0.15 <= rate <= 0.35
    by_sector = yearly.merge(survey.responses[["pole", "sector"]], on="pole").groupby("sector")
    per_pole = by_sector["projects_submitted"].sum() / by_sector["pole"].nunique()
    assert per_pole["Digital and photonics"] > per_pole["Agri-food and bioeconomy"]
    assert per_pole["Health"] > per_pole["Materials and manufacturing"]


def test_a_few_blanks_show_unknown_is_not_zero(survey: SurveyRound) -> None:
    responses = survey.responses
    assert responses["europe_team_fte"].isna().sum() == 4
    assert responses["members"].isna().sum() == 3
    assert survey.yearly["projects_funded"].isna().sum() == 2
    # The published figures rest on none of them.
    for field in ("europe_team_recruitments", "coordinator_members", "plans_to_recruit"):
        assert responses[field].notna().all(), field
    assert survey.yearly["projects_submitted"].notna().all()


def test_projects_agree_with_the_per_year_counts(survey: SurveyRound) -> None:
    projects = survey.projects
    assert len(projects) == 1548
    assert set(projects["programme"]) <= set(PROGRAMMES)
    assert set(projects["role"]) == set(ROLES)
    counts = projects.groupby(["pole", "year"]).agg(
        submitted=("submitted", "sum"),
        funded=("funded", lambda s: s.sum(min_count=1)),
    )
    yearly = survey.yearly.set_index(["pole", "year"])
    listed = yearly[yearly["projects_submitted"] > 0]
    assert counts["submitted"].reindex(listed.index).tolist() == (
        listed["projects_submitted"].tolist()
    )
    assert_frame_equal(
        counts["funded"].reindex(listed.index).astype("Int64").to_frame(),
        listed[["projects_funded"]].rename(columns={"projects_funded": "funded"}),
        check_names=False,
    )


def test_programmes_are_weighted_and_new_ones_start_in_2021(survey: SurveyRound) -> None:
    projects = survey.projects
    shares = projects["programme"].value_counts(normalize=True)
    assert shares.index[0] == "Horizon Europe" and shares.iloc[0] > 0.4
    assert shares.index[1] == "Interreg"
    early = projects[projects["year"] < 2021]
    assert not early["programme"].isin(sample_round.PROGRAMMES_FROM_2021).any()


@pytest.mark.parametrize(
    ("total", "weights", "expected"),
    [
        (10, [1, 1, 1], [4, 3, 3]),  # ties go to the earlier position
        (7, [0.5, 0.25, 0.25], [3, 2, 2]),  # 3.5, 1.75, 1.75: the larger remainders win
        (7, [0.6, 0.3, 0.1], [4, 2, 1]),  # 4.2, 2.1, 0.7
        (0, [3, 1], [0, 0]),
        (100, [1], [100]),
        (5, [0, 1, 0], [0, 5, 0]),
    ],
)
def test_largest_remainder(total: int, weights: list[float], expected: list[int]) -> None:
    counts = sample_round.largest_remainder(total, np.array(weights, dtype=float))
    assert counts.tolist() == expected
    assert counts.sum() == total


# --- the committed workbook ----------------------------------------------------------------


def test_the_workbook_says_it_is_synthetic() -> None:
    book = CalamineWorkbook.from_filelike(io.BytesIO(sample_round.SAMPLE_PATH.read_bytes()))
    responses = book.get_sheet_by_name("Réponses").to_python()
    assert responses[0][0].startswith("DONNÉES SYNTHÉTIQUES D'EXEMPLE")
    assert "SYNTHETIC SAMPLE DATA" in responses[0][0]
    assert responses[1][0] == "Pôle"
    assert ["synthétique", "oui"] in book.get_sheet_by_name("Enquête").to_python()


def test_the_committed_workbook_reads_back_to_the_generated_round(
    survey: SurveyRound,
) -> None:
    from analysis.ingest.pipeline import ingest_path

    result = ingest_path(sample_round.SAMPLE_PATH)
    assert not result.report.errors, result.report.to_text("en")
    assert result.survey is not None
    assert result.info == sample_round.INFO
    assert metrics.summary_dict(result.survey) == metrics.summary_dict(survey)
    for name in ("responses", "projects"):
        assert_frame_equal(
            getattr(result.survey, name).drop(columns="source_row"),
            getattr(survey, name).drop(columns="source_row"),
            obj=name,
        )
    order = ["pole", "year"]
    assert_frame_equal(
        result.survey.yearly.sort_values(order).reset_index(drop=True),
        survey.yearly.sort_values(order).reset_index(drop=True),
    )


def test_main_writes_the_workbook(tmp_path, capsys) -> None:
    out = tmp_path / "nested" / "sample.xlsx"
    assert sample_round.main(["--out", str(out)]) == 0
    assert out.read_bytes() == sample_round.sample_workbook()
    assert str(out) in capsys.readouterr().out


def test_the_committed_workbook_is_up_to_date() -> None:
    """Regenerate with `python -m analysis.sample` when this fails after a deliberate change."""
    committed = CalamineWorkbook.from_filelike(io.BytesIO(sample_round.SAMPLE_PATH.read_bytes()))
    fresh = CalamineWorkbook.from_filelike(io.BytesIO(sample_round.sample_workbook()))
    assert committed.sheet_names == fresh.sheet_names
    for name in fresh.sheet_names:
        committed_rows = pd.DataFrame(committed.get_sheet_by_name(name).to_python())
        fresh_rows = pd.DataFrame(fresh.get_sheet_by_name(name).to_python())
        assert_frame_equal(committed_rows, fresh_rows, obj=name)
