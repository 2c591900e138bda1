"""The synthetic notice claims the published figures for the shipped sample only."""

from __future__ import annotations

from dataclasses import replace

import pytest

from analysis.analytics.filters import Filters
from analysis.core.model import RoundInfo
from analysis.sample.notice import reproduces_published, synthetic_notice
from analysis.sample.round import generate
from tests.support.builders import three_poles


def test_the_sample_says_what_it_reproduces() -> None:
    sample = generate()
    assert reproduces_published(sample)
    assert synthetic_notice(sample, "en") == (
        "Synthetic sample data: the per-pole values of round 2023 are invented. Only their "
        "totals reproduce the published Phase 4 figures: 40 responding poles, 1,548 proposals "
        "submitted 2019–2022 (+15% a year), 124 recruitments, 116 members coordinating "
        "projects, 60% planning to recruit."
    )
    assert "chiffres publiés de la phase 4" in (synthetic_notice(sample, "fr") or "")


@pytest.mark.parametrize(
    "changed",
    [
        "another round flagged synthetic",
        "the sample with one pole fewer",
        "the sample with one answer changed",
    ],
)
def test_any_other_synthetic_round_is_only_said_to_be_synthetic(changed: str) -> None:
    sample = generate()
    if changed == "another round flagged synthetic":
        survey = replace(three_poles(), info=RoundInfo("mock", 2019, 2021, synthetic=True))
    elif changed == "the sample with one pole fewer":
        survey = Filters(poles=tuple(sample.responses["pole"][1:])).apply(sample)
    else:
        responses = sample.responses.assign(
            coordinator_members=sample.responses["coordinator_members"] + 1
        )
        survey = sample.with_frames(responses=responses)
    label = survey.info.label
    assert not reproduces_published(survey)
    assert (
        synthetic_notice(survey, "en") == f"Synthetic data: round {label} is marked as synthetic."
    )
    assert synthetic_notice(survey, "fr") == (
        f"Données synthétiques : la campagne {label} est marquée comme synthétique."
    )


def test_real_data_carries_no_notice() -> None:
    assert synthetic_notice(three_poles(), "en") is None
