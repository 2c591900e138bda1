"""Workbooks with more than the responses: the projects and round sheets read, located and
warned about through the whole pipeline."""

from __future__ import annotations

import pandas as pd

from analysis.core.model import SourceFile
from analysis.ingest.pipeline import IngestResult, ingest
from analysis.ingest.report import Severity
from tests.support import messy as m


def run(name: str, content: bytes, **kwargs: object) -> IngestResult:
    return ingest(SourceFile(name, content), **kwargs)  # type: ignore[arg-type]


def _with_projects(
    projects: list[list[object]], round_rows: list[list[object]] | None = None
) -> bytes:
    after: list[tuple[str, list[list[object]]]] = [("Projets", projects)]
    if round_rows is not None:
        after.append(("Métadonnées", round_rows))
    return m.xlsx_from_grid(m.clean_grid(), sheet="Responses", after=after)


def test_several_sheets_with_projects_and_round_metadata() -> None:
    result = run("multi.xlsx", m.multi_sheet_xlsx(hidden_copy=True))
    assert result.sheet == "Responses"
    assert result.report.ok
    info = result.info
    assert info is not None
    assert (info.label, info.period_start, info.period_end) == ("Enquête 2023", 2021, 2022)
    assert info.poles_surveyed == 55
    assert info.collected_on is not None and info.collected_on.isoformat() == "2023-03-31"
    assert info.synthetic is False
    survey = result.survey
    assert survey is not None and survey.info == info
    projects = survey.projects
    assert projects["pole"].tolist() == [
        "Aerospace Valley",
        "Aerospace Valley",  # blank pole cell under Aerospace Valley: the pole above
        "Aerospace Valley",
        "Systematic Paris-Region",
        "Vitagora",
    ]
    assert projects["programme"].tolist() == [
        "Horizon Europe",
        "Interreg",
        "Other",
        "Digital Europe",
        "LIFE",
    ]
    assert projects["funded"].tolist() == [8, 1, 0, 11, 0]
    assert projects["role"].tolist() == [
        "coordinator",
        "partner",
        "partner",
        "coordinator",
        "partner",
    ]
    assert projects["source_row"].tolist() == [2, 3, 4, 5, 6]
    warnings = {(p.code, p.row, p.column) for p in result.report.warnings}
    assert ("unknown_programme", 4, "C") in warnings
    assert ("project_year_outside", 6, "B") in warnings
    mismatches = [p for p in result.report.warnings if p.code == "projects_funded_mismatch"]
    assert {(p.params["pole"], p.params["year"]) for p in mismatches} == {
        ("Aerospace Valley", "2021"),
        ("Aerospace Valley", "2022"),
    }
    first = next(p for p in mismatches if p.params["year"] == "2021")
    assert first.message("en") == (
        'Sheet "projects": Aerospace Valley: projects funded in 2021 listed here: 9; '
        "answered in the responses sheet: 10."
    )


def test_projects_sheet_problems_are_located() -> None:
    projects = [
        ["Titre", "Nom du pôle", "Année", "Programme", "Nombre déposés", "Financé", "Rôle"],
        ["A", "Aerospace Valley", 2021, "Horizon", 2, 3, "chef de file"],
        ["B", "Aerospace Valley", 1850, "LIFE", 1, "oui", "observateur"],
        ["C", "Cap Digital", 2022, "COSME", "deux", "peut-être", "partenaire"],
        ["TOTAL", None, None, None, 3, 4, None],
    ]
    result = run("projects.xlsx", _with_projects(projects))
    found = {(p.code, p.severity, p.cell) for p in result.report.problems if p.cell}
    assert found == {
        ("project_funded_over_submitted", Severity.ERROR, "F2"),
        ("invalid_year", Severity.ERROR, "C3"),
        ("unknown_role", Severity.WARNING, "G3"),
        ("text_in_number", Severity.ERROR, "E4"),
        ("text_in_number", Severity.ERROR, "F4"),
        ("unknown_programme", Severity.WARNING, "D4"),
        ("project_pole_not_responding", Severity.WARNING, "B4"),
    }
    sheet_level = {
        (p.code, p.params["pole"], p.params["year"], p.params["listed"], p.params["answered"])
        for p in result.report.problems
        if not p.cell
    }
    assert sheet_level == {
        ("projects_submitted_mismatch", "Aerospace Valley", "2021", 2, 40),
        ("projects_funded_mismatch", "Aerospace Valley", "2021", 3, 10),
    }
    survey = result.survey
    assert survey is not None
    projects_frame = survey.projects
    assert projects_frame["source_row"].tolist() == [2, 3, 4]  # the TOTAL row is skipped
    assert projects_frame["programme"].tolist() == ["Horizon Europe", "LIFE", "Other"]
    assert projects_frame["role"].tolist() == ["coordinator", pd.NA, "partner"]
    assert projects_frame["funded"].tolist() == [3, 1, pd.NA]
    assert projects_frame["year"].tolist() == [2021, pd.NA, 2022]
    assert projects_frame["submitted"].tolist() == [2, 1, 1]  # unreadable -> default 1
    message = next(p for p in result.report.problems if p.code == "unknown_programme")
    assert message.message("en") == (
        'Sheet "Projets", row 4, column D ("Programme"): "COSME" is not one of the programmes '
        'followed; it is counted as "Other" (expected an EU programme (Horizon Europe, '
        "Interreg, Digital Europe, LIFE, Erasmus+, Single Market Programme, EU4Health or "
        "Other))."
    )


def test_round_sheet_values_that_cannot_be_read_are_warnings() -> None:
    round_rows = [
        ["Label", "Campagne test"],
        ["Period start", "deux mille dix-neuf"],
        ["Period end", 2022],
        ["Synthetic", "yes"],
        ["Unknown key", "ignored"],
    ]
    projects = [["Pôle", "Année"], ["Aerospace Valley", 2021]]
    result = run("round.xlsx", _with_projects(projects, round_rows))
    (warning,) = [p for p in result.report.problems if p.code == "round_value_invalid"]
    assert (warning.sheet, warning.cell, warning.value) == (
        "Métadonnées",
        "B2",
        "deux mille dix-neuf",
    )
    assert warning.message("en") == (
        'Sheet "Métadonnées", row 2, column B ("Period start"): the value "deux mille '
        'dix-neuf" of "Period start" cannot be read and is ignored; expected a year between '
        "1990 and 2100."
    )
    info = result.info
    assert info is not None
    assert (info.label, info.period_start, info.period_end, info.synthetic) == (
        "Campagne test",
        2021,  # unreadable: the file's own first year stays
        2022,
        True,
    )


def test_a_projects_sheet_without_pole_and_year_headers_is_ignored_with_a_warning() -> None:
    projects = [["Liste des projets"], ["Acronyme", "Montant"], ["SKY", 1000]]
    result = run("projects.xlsx", _with_projects(projects))
    assert result.report.ok
    (warning,) = result.report.warnings
    assert (warning.code, warning.sheet) == ("projects_unusable", "Projets")
    assert result.survey is not None and result.survey.projects.empty
