"""How much one round may hold: distinct poles (a setting) and projects rows (issue 15, finding 8).

A million invented poles used to pass validation and cost gigabytes to check, store and
draw; the bound is checked on the raw cells, before any pole is matched to the registry.
"""

from __future__ import annotations

import pytest

from analysis.core import limits
from analysis.core.model import SourceFile
from analysis.ingest.pipeline import IngestResult, ingest
from analysis.ingest.report import Severity
from tests.support import messy as m
from tests.support.files import xlsx_bytes


def _poles(count: int, *, repeat: int = 1) -> bytes:
    rows: list[list[object]] = [["Pôle", "Adhérents coordinateurs de projets"]]
    rows += [[f"Pôle inventé {n}", n] for n in range(count) for _ in range(repeat)]
    return xlsx_bytes(rows)


def _run(content: bytes) -> IngestResult:
    return ingest(SourceFile("poles.xlsx", content))


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("", 5_000), ("40", 40), (" 7 ", 7), ("0", 5_000), ("-3", 5_000), ("beaucoup", 5_000)],
)
def test_the_pole_bound_is_a_setting(
    monkeypatch: pytest.MonkeyPatch, raw: str, expected: int
) -> None:
    monkeypatch.setenv(limits.MAX_POLES_VAR, raw)
    assert limits.max_poles() == expected


def test_a_round_naming_more_poles_than_the_bound_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(limits.MAX_POLES_VAR, "20")
    at_bound = _run(_poles(20))
    assert "too_many_poles" not in [p.code for p in at_bound.report.problems]
    assert at_bound.survey is not None
    over = _run(_poles(21))
    assert [p.code for p in over.report.problems] == ["too_many_poles"]
    problem = over.report.problems[0]
    assert problem.severity is Severity.ERROR
    assert not over.ok and over.survey is None
    assert "21" in problem.message("en") and "POLES_MAX_POLES" in problem.message("fr")


def test_the_same_pole_repeated_counts_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(limits.MAX_POLES_VAR, "20")
    result = _run(_poles(10, repeat=3))  # 30 rows, 10 poles: duplicates, not too many
    codes = {p.code for p in result.report.problems}
    assert "too_many_poles" not in codes
    assert "duplicate_pole" in codes


def _with_projects(rows: int) -> bytes:
    projects: list[list[object]] = [["Pôle", "Année", "Programme", "Nombre déposés"]]
    projects += [["Aerospace Valley", 2021, "Horizon", 1]] * rows
    return m.xlsx_from_grid(m.clean_grid(), sheet="Responses", after=[("Projets", projects)])


def test_a_projects_sheet_longer_than_the_bound_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(limits, "MAX_PROJECT_ROWS", 5)
    within = _run(_with_projects(5))
    assert "too_many_project_rows" not in [p.code for p in within.report.problems]
    assert within.survey is not None and len(within.survey.projects) == 5
    over = _run(_with_projects(6))
    refused = [p for p in over.report.problems if p.code == "too_many_project_rows"]
    assert len(refused) == 1 and refused[0].severity is Severity.ERROR
    assert not over.ok
    assert "6" in refused[0].message("en")
