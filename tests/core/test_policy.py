"""The small-base and minimum-group rules: their predicates, and that they drive every place."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.analytics import peers, regions, trends
from analysis.core import policy
from analysis.core.model import SurveyRound
from analysis.deck import groups
from tests.analytics.test_peers import eight_poles
from tests.support.builders import make_round

ROOT = Path(__file__).resolve().parents[2]
#: Names a copy of the policy would go by; only `analysis/core/policy.py` may bind them.
POLICY_NAMES = ("SMALL_BASE", "MIN_GROUP", "MIN_GROUP_POLES", "MIN_PEERS")


@pytest.mark.parametrize(("n", "small"), [(0, True), (1, True), (4, True), (5, False), (40, False)])
def test_a_base_under_five_is_small(n: int, small: bool) -> None:
    assert policy.is_small_base(n) is small


@pytest.mark.parametrize(
    ("n", "chosen", "shown"),
    [
        (0, False, False),
        (0, True, False),
        (1, False, False),
        (1, True, True),
        (2, False, False),
        (3, False, True),
        (3, True, True),
    ],
)
def test_a_group_needs_three_poles_unless_one_was_chosen(n: int, chosen: bool, shown: bool) -> None:
    assert policy.may_show_group(n, chosen) is shown


@given(st.integers(min_value=0, max_value=10_000), st.booleans())
def test_group_minimum_and_may_show_group_agree(n: int, chosen: bool) -> None:
    assert policy.may_show_group(n, chosen) is (n >= policy.group_minimum(chosen))
    assert policy.may_show_group(n, chosen) is (n >= 3 or (chosen and n >= 1))


def _region_round(poles: int) -> SurveyRound:
    """`poles` poles of Occitanie, each with members and a submission count."""
    return make_round(
        [
            {"pole": f"P{i}", "region": "Occitanie", "members": 10 + i, "submitted": {2019: i}}
            for i in range(poles)
        ]
    )


def test_raising_the_minimum_group_withholds_more_everywhere(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    three = _region_round(3)
    assert (
        regions.by_region(three, "members").set_index("region").loc["Occitanie", "status"] == "ok"
    )
    assert not trends.withheld(three, reveal=False)
    assert groups.ranking_allowed(three, single_pole_chosen=False)

    monkeypatch.setattr(policy, "MIN_GROUP_POLES", 4)
    occitanie = regions.by_region(three, "members").set_index("region").loc["Occitanie"]
    assert occitanie["status"] == "too_few"
    assert trends.withheld(three, reveal=False)
    assert not groups.ranking_allowed(three, single_pole_chosen=False)
    assert trends.assign_groups(three, "region").order == (trends.ALL,)
    merged = groups.submitted_by(three, "region")
    assert merged.frame["group"].tolist() == [groups.OTHER]


def test_the_peer_minimum_follows_the_policy(monkeypatch: pytest.MonkeyPatch) -> None:
    # P1's region (North) has two answers to recruitments: too few at 3, enough at 2.
    def region_row() -> pd.Series:
        comparison = peers.compare(eight_poles(), "P1")
        figure = comparison[comparison["figure"] == "europe_team_recruitments"]
        return figure.set_index("group").loc["region"]

    assert bool(region_row()["too_few"])
    monkeypatch.setattr(policy, "MIN_GROUP_POLES", 2)
    assert not bool(region_row()["too_few"])


@pytest.mark.parametrize(("small_base", "flagged"), [(1, False), (100, True)])
def test_the_small_base_flag_follows_the_policy(
    monkeypatch: pytest.MonkeyPatch, small_base: int, flagged: bool
) -> None:
    monkeypatch.setattr(policy, "SMALL_BASE", small_base)
    table = peers.display_table(peers.compare(eight_poles(), "P4"), lang="en")
    cells = table.astype(str).to_numpy().ravel().tolist()
    assert any("⚠" in cell for cell in cells) is flagged
    assert policy.is_small_base(2) is flagged


def _bound_names(tree: ast.AST) -> set[str]:
    """Module-level and class-level names bound by assignment anywhere in `tree`."""
    names: set[str] = set()
    for node in ast.walk(tree):
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign):
            targets = list(node.targets)
        elif isinstance(node, ast.AnnAssign | ast.AugAssign):
            targets = [node.target]
        for target in targets:
            for leaf in ast.walk(target):
                if isinstance(leaf, ast.Name):
                    names.add(leaf.id)
    return names


def test_no_module_but_the_policy_declares_the_thresholds() -> None:
    offenders = []
    for folder in ("analysis", "ui", "pages"):
        for path in (ROOT / folder).rglob("*.py"):
            if path == ROOT / "analysis" / "core" / "policy.py":
                continue
            bound = _bound_names(ast.parse(path.read_text(encoding="utf-8")))
            offenders += [
                f"{path.relative_to(ROOT)}: {name}" for name in POLICY_NAMES if name in bound
            ]
    assert offenders == []


def test_no_message_writes_a_threshold_as_a_number() -> None:
    """Messages take the thresholds as `{small}` / `{min}`, so the policy is not in the text."""
    pattern = re.compile(r"(?i)\b(fewer than|less than|at least|moins de|au moins) [35]\b")
    offenders = [
        f"{path.name}: {line.strip()[:80]}"
        for path in sorted((ROOT / "analysis" / "locales").glob("*.toml"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if pattern.search(line)
    ]
    assert offenders == []
