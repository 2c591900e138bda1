"""From real-world-ugly files to typed rounds: figures checked against hand-written sums."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from analysis.core.model import SourceFile
from analysis.ingest.pipeline import IngestResult, ingest, ingest_path
from analysis.ingest.report import Severity
from tests.support import messy as m
from tests.support.messy import MESSY_EXPECTED as EXPECTED


def run(name: str, content: bytes, **kwargs: object) -> IngestResult:
    return ingest(SourceFile(name, content), **kwargs)  # type: ignore[arg-type]


def codes(result: IngestResult) -> list[str]:
    return [p.code for p in result.report.problems]


@pytest.fixture(scope="module")
def messy_xlsx() -> IngestResult:
    return run("enquete_2023.xlsx", m.messy_xlsx())


@pytest.fixture(scope="module")
def messy_csv() -> IngestResult:
    return run("enquete_2023.csv", m.messy_csv())


def test_messy_export_is_read_with_the_right_figures(messy_xlsx: IngestResult) -> None:
    result = messy_xlsx
    assert result.report.ok
    assert codes(result) == ["extra_columns"]
    assert result.sheet == "Réponses"
    assert result.mapping is not None
    assert result.mapping.header_row == EXPECTED["header_row"]
    survey = result.survey
    assert survey is not None
    responses = survey.responses
    assert responses["pole"].tolist() == EXPECTED["poles"]
    assert responses["source_row"].tolist() == EXPECTED["source_rows"]
    assert responses["region"].tolist() == EXPECTED["regions"]
    assert responses["europe_team_recruitments"].sum() == EXPECTED["recruitments"]
    assert responses["europe_team_recruitments"].notna().sum() == EXPECTED["recruitments_n"]
    assert responses["coordinator_members"].sum() == EXPECTED["coordinators"]
    assert responses["plans_to_recruit"].tolist() == EXPECTED["plans"]
    assert responses["europe_team_fte"].tolist() == EXPECTED["fte"]
    assert responses["members"].isna().all()  # no such column: unknown, never 0
    by_year = survey.yearly.groupby("year")[["projects_submitted", "projects_funded"]].sum()
    assert by_year["projects_submitted"].to_dict() == EXPECTED["submitted_by_year"]
    assert by_year["projects_funded"].to_dict() == EXPECTED["funded_by_year"]
    assert survey.yearly["projects_submitted"].sum() == EXPECTED["submitted_total"]
    assert survey.yearly["projects_funded"].sum() == EXPECTED["funded_total"]
    assert len(survey.yearly) == 5 * 4
    valorial_2021 = survey.yearly.query("pole == 'Valorial' and year == 2021")
    assert valorial_2021["projects_submitted"].isna().all()  # blank stays blank


def test_messy_export_keeps_the_comment_column_as_extras(messy_xlsx: IngestResult) -> None:
    survey = messy_xlsx.survey
    assert survey is not None
    assert survey.extras.to_dict("records") == [
        {
            "pole": "Aerospace Valley",
            "column": "Commentaires",
            "value": "Très actif à l'international",
        }
    ]
    warning = messy_xlsx.report.warnings[0]
    assert warning.params["columns"] == '"Commentaires" (O)'


def test_messy_info_comes_from_the_years_and_the_file_name(messy_xlsx: IngestResult) -> None:
    info = messy_xlsx.info
    assert info is not None
    assert (info.label, info.period_start, info.period_end) == ("enquete_2023", 2019, 2022)


def test_csv_and_workbook_give_identical_frames(
    messy_xlsx: IngestResult, messy_csv: IngestResult
) -> None:
    assert messy_csv.report.ok
    a, b = messy_xlsx.survey, messy_csv.survey
    assert a is not None and b is not None
    for frame in ("responses", "yearly", "projects", "extras"):
        assert_frame_equal(getattr(a, frame), getattr(b, frame))


@pytest.mark.parametrize(
    ("name", "build"),
    [
        ("enquete.xls", lambda: m.xls_from_grid(m.messy_grid())),
        ("enquete.ods", lambda: m.ods_from_grid(m.messy_grid())),
        ("enquete_utf8.csv", lambda: m.csv_from_grid(m.messy_grid(), encoding="utf-8-sig")),
        (
            "enquete_tab.csv",
            lambda: m.csv_from_grid(m.messy_grid(), delimiter="\t", decimal_comma=False),
        ),
    ],
)
def test_other_formats_give_the_same_frames(
    name: str, build: object, messy_xlsx: IngestResult
) -> None:
    result = run(name, build())  # type: ignore[operator]
    assert result.report.ok, result.report.to_text("en")
    assert result.survey is not None and messy_xlsx.survey is not None
    for frame in ("responses", "yearly", "extras"):
        assert_frame_equal(getattr(result.survey, frame), getattr(messy_xlsx.survey, frame))


def test_clean_english_file() -> None:
    result = run("clean.xlsx", m.clean_xlsx())
    assert codes(result) == []
    survey = result.survey
    assert survey is not None
    assert survey.responses["pole"].tolist() == [
        "Aerospace Valley",
        "Systematic Paris-Region",
        "Vitagora",
    ]
    assert survey.responses["sector"].tolist() == ["Aerospace", "Digital", "Agri-food"]
    assert survey.responses["members"].sum() == 1850
    assert survey.yearly.groupby("year")["projects_submitted"].sum().to_dict() == {
        2021: 81,
        2022: 88,
    }


def test_header_row_on_row_eight() -> None:
    result = run("late.xlsx", m.xlsx_from_grid(m.header_on_row(8)))
    assert result.mapping is not None and result.mapping.header_row == 8
    assert result.survey is not None
    assert result.survey.responses["source_row"].tolist() == [9, 10, 11]


def test_totals_row_that_disagrees_is_one_warning() -> None:
    result = run("wrong.xlsx", m.xlsx_from_grid(m.wrong_totals_grid()))
    assert result.report.ok
    (warning,) = result.report.warnings
    assert (warning.code, warning.row, warning.column) == ("total_mismatch", 5, "D")
    assert (warning.params["total"], warning.params["computed"]) == (80, 81)
    assert result.survey is not None
    assert len(result.survey.responses) == 3  # the totals row is not a pole


def test_uglier_layout_pole_not_first_capitals_years_out_of_order() -> None:
    result = run("ugly.xlsx", m.xlsx_from_grid(m.uglier_grid()))
    assert codes(result) == ["extra_columns"]
    survey = result.survey
    assert survey is not None
    assert survey.responses["pole"].tolist() == ["Materalia", "NextMove"]
    assert survey.responses["members"].tolist() == [1050, 420]
    yearly = survey.yearly.set_index(["pole", "year"])
    assert yearly.loc[("Materalia", 2021), "projects_submitted"] == 10
    assert yearly.loc[("Materalia", 2022), "projects_funded"] == 3
    assert survey.extras["value"].tolist() == ["1", "2"]


def test_unreadable_file_has_one_problem_with_the_readers_sentence() -> None:
    result = run("photo.xlsx", b"\x89PNG\r\n\x1a\n" + bytes(64))
    assert result.report.unreadable
    assert not result.report.ok
    assert result.survey is None and result.mapping is None
    (problem,) = result.report.problems
    assert problem.code == "unreadable"
    assert "PNG" in problem.message("en")
    assert problem.as_dict("fr")["message"].startswith("Le fichier « photo.xlsx »")


def test_no_pole_column_builds_nothing_and_lists_headers() -> None:
    grid = [["Structure", "Région", "Projets déposés 2021"], ["ACME SAS", "Occitanie", 3]]
    result = run("nopole.xlsx", m.xlsx_from_grid(grid))
    assert result.survey is None
    assert codes(result) == ["no_pole_column"]
    assert '"Structure", "Région", "Projets déposés 2021"' in result.report.errors[0].message("en")


def test_a_column_whose_values_are_registry_poles_is_the_pole_column_whatever_its_header() -> None:
    grid = [["Structure", "Région", "Projets déposés 2021"], ["Aerospace Valley", "Occitanie", 3]]
    result = run("nopole.xlsx", m.xlsx_from_grid(grid))
    assert result.report.ok and result.survey is not None
    assert result.survey.responses["pole"].tolist() == ["Aerospace Valley"]
    (pole,) = [c for c in result.columns if c.field == "pole"]
    assert (pole.letter, pole.reason) == ("A", "identify.values_poles")


def test_column_overrides_rescue_a_file_without_a_recognised_pole_column() -> None:
    grid = [["Structure", "Région", "Total 2021"], ["Aerospace Valley", "Occitanie", 3]]
    result = run(
        "nopole.xlsx",
        m.xlsx_from_grid(grid),
        column_overrides={"Structure": "pole", "Total 2021": "projects_submitted@2021"},
    )
    assert result.report.ok
    assert result.survey is not None
    assert result.survey.yearly["projects_submitted"].tolist() == [3]


def test_headers_without_answers_build_nothing() -> None:
    result = run("empty.xlsx", m.xlsx_from_grid([m.CLEAN_HEADERS, [], ["Total", None, None, 0]]))
    assert result.survey is None
    assert codes(result)[-1] == "no_answers"


def test_cells_with_errors_become_missing_and_block_storing() -> None:
    rows = [list(r) for r in m.CLEAN_ROWS]
    rows[0][3] = "#DIV/0!"
    rows[1][7] = "-2"
    result = run("errors.xlsx", m.xlsx_from_grid([m.CLEAN_HEADERS, *rows]))
    assert not result.ok
    assert {(p.code, p.cell) for p in result.report.errors} == {
        ("excel_error", "D2"),
        ("negative", "H3"),
    }
    survey = result.survey
    assert survey is not None
    yearly = survey.yearly.set_index(["pole", "year"])
    assert pd.isna(yearly.loc[("Aerospace Valley", 2021), "projects_submitted"])
    assert pd.isna(survey.responses.loc[1, "europe_team_recruitments"])


def test_pole_overrides_match_or_confirm_names() -> None:
    rows = [list(r) for r in m.CLEAN_ROWS]
    rows[0][0] = "Aero Valley"
    rows[2][0] = "Pôle Nouveau"
    rows[2][1] = None
    content = m.xlsx_from_grid([m.CLEAN_HEADERS, *rows])
    plain = run("poles.xlsx", content)
    assert [(p.code, p.row) for p in plain.report.warnings] == [
        ("unknown_pole", 2),
        ("unknown_pole", 4),
    ]
    fixed = run(
        "poles.xlsx",
        content,
        pole_overrides={"Aero Valley": "Aerospace Valley", "pôle nouveau": "Pôle Nouveau"},
    )
    assert fixed.report.warnings == ()
    assert fixed.survey is not None
    responses = fixed.survey.responses
    assert responses["pole"].tolist() == [
        "Aerospace Valley",
        "Systematic Paris-Region",
        "Pôle Nouveau",
    ]
    assert responses["region"].tolist()[2] is pd.NA  # a new pole has no registry region


def test_region_and_sector_filled_from_the_registry_when_blank_or_unknown() -> None:
    grid = [
        ["Pôle", "Région", "Secteur", "Projets déposés 2021"],
        ["Valorial", None, None, 1],
        ["Aerospace Valley", "Midi-Pyrénées", "Aéro", 2],
        ["Cap Digital", "ile de france", None, 3],
    ]
    result = run("regions.xlsx", m.xlsx_from_grid(grid))
    assert [(p.code, p.row) for p in result.report.problems] == [("unknown_region", 3)]
    survey = result.survey
    assert survey is not None
    assert survey.responses["region"].tolist() == ["Bretagne", "Occitanie", "Île-de-France"]
    assert survey.responses["sector"].tolist() == [
        "Agri-food and bioeconomy",
        "Aéro",
        "Digital and photonics",
    ]


def test_progress_runs_forward_to_one() -> None:
    seen: list[tuple[float, str]] = []
    run("clean.xlsx", m.clean_xlsx(), progress=lambda f, key: seen.append((f, key)))
    fractions = [f for f, _ in seen]
    assert fractions == sorted(fractions)
    assert fractions[-1] == 1.0
    keys = [k for _, k in seen]
    assert "ingest.progress_checking" in keys and keys[-1] == "ingest.progress_done"
    assert any(k.startswith("read.") for k in keys)


def test_ingest_path_reads_a_file_from_disk(tmp_path: Path) -> None:
    path = tmp_path / "campagne.xlsx"
    path.write_bytes(m.clean_xlsx())
    result = ingest_path(path)
    assert result.source.name == "campagne.xlsx"
    assert result.info is not None and result.info.label == "campagne"
    assert result.ok


def test_problems_are_all_reported_at_once_with_their_severity() -> None:
    grid = [
        m.CLEAN_HEADERS,
        ["Aerospace Valley", "Occitanie", "Aero", "x", 2, 1, 0, 0, 0, "bof", 1, 1],
        ["AEROSPACE VALLEY", "Occitanie", "Aero", 1, 1, 5, 0, 0, 0, "no", 1, 1],
        ["Inconnu", "Occitanie", "Aero", 1, 1, 1, 0, 0, 0, "no", 1, 1],
    ]
    result = run("many.xlsx", m.xlsx_from_grid(grid))
    found = {(p.code, p.severity, p.cell) for p in result.report.problems}
    assert found >= {
        ("text_in_number", Severity.ERROR, "D2"),
        ("invalid_yesno", Severity.ERROR, "J2"),
        ("duplicate_pole", Severity.ERROR, "A3"),
        ("funded_over_submitted", Severity.ERROR, "F3"),
        ("unknown_pole", Severity.WARNING, "A4"),
    }


def test_headers_on_two_rows_with_merged_group_titles() -> None:
    result = run("two_rows.xlsx", m.two_row_header_xlsx())
    assert result.report.ok, result.report.to_text("en")
    assert result.mapping is not None and result.mapping.header_row == 3
    survey = result.survey
    assert survey is not None
    assert survey.responses["source_row"].tolist() == [4, 5]
    sums = survey.yearly.groupby("year")[["projects_submitted", "projects_funded"]].sum()
    assert sums.to_dict("index") == {
        2020: {"projects_submitted": 17, "projects_funded": 4},
        2021: {"projects_submitted": 19, "projects_funded": 6},
        2022: {"projects_submitted": 21, "projects_funded": 8},
    }
