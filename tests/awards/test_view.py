"""The Awards page's table: the verdict and the late flag in one column, headers per language."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from analysis.awards.rules import Edition, eligibility
from analysis.awards.view import REASON_LINES, display_table, verdict_text
from analysis.core.i18n import Lang
from analysis.core.model import INITIATIVES_COLUMNS, conform
from analysis.core.registry import Registry
from analysis.core.table_layout import fit_table, fits_in_lines, shown_text
from analysis.ingest.pipeline import ingest_path
from tests.support.apptest import REPO_ROOT

LABELLED = "Aerospace Valley"  # labelled in Phase V
SAMPLE = REPO_ROOT / "data" / "sample" / "phase4_survey_sample.xlsx"
#: The main column at 1280 px with the sidebar open (`ui.tables.DESK_ROOM`).
DESK_ROOM = 884


def checked(
    *submitted: str | None, exclude_late: bool = False, start: str = "2022-05-01"
) -> pd.DataFrame:
    """Eligibility rows of applications started on `start`, submitted on the given days."""
    frame = pd.DataFrame(
        {
            "pole": LABELLED,
            "title": [f"T{i}" for i in range(len(submitted))],
            "category": "collaborative",
            "start_date": pd.to_datetime([start] * len(submitted)),
            "submitted_on": pd.to_datetime(list(submitted)),
        }
    )
    edition = Edition(2023, date(2023, 9, 14), exclude_late=exclude_late)
    return eligibility(conform(frame, INITIATIVES_COLUMNS), edition, Registry.default())


@pytest.mark.parametrize(
    ("eligible", "late", "lang", "expected"),
    [
        (True, False, "en", "✓ yes"),
        (False, False, "fr", "✗ non"),
        (True, True, "en", "✓ yes, ⚠ late"),
        (True, True, "fr", "✓ oui, ⚠ tardive"),
        (False, True, "fr", "✗ non, ⚠ tardive"),
    ],
)
def test_the_verdict_carries_the_late_flag(
    eligible: bool, late: bool, lang: Lang, expected: str
) -> None:
    assert verdict_text(eligible, late, lang) == expected


def test_a_late_application_reads_late_beside_its_verdict() -> None:
    table = display_table(checked("2023-09-01", "2023-09-20"), "en")
    assert list(table.columns) == [
        "Pole",
        "Initiative",
        "Category",
        "Start",
        "Submitted",
        "Eligible",
        "Why",
    ]
    assert table["Eligible"].tolist() == ["✓ yes", "✓ yes, ⚠ late"]
    assert table["Submitted"].tolist() == ["2023-09-01", "2023-09-20"]
    strict = display_table(checked("2023-09-20", exclude_late=True), "fr")
    assert strict["Éligible"].tolist() == ["✗ non, ⚠ tardive"]


def test_without_submission_dates_there_is_no_submission_column() -> None:
    table = display_table(checked(None, None), "fr")
    assert "Déposée le" not in table.columns
    assert table["Éligible"].tolist() == ["✓ oui", "✓ oui"]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_samples_table_fits_the_main_column_at_1280_px(lang: Lang) -> None:
    """The sample's longest names (Bourgogne-Franche-Comté, a late application) whole,
    within the main column of a 1280 px window with the sidebar open."""
    survey = ingest_path(SAMPLE).survey
    assert survey is not None
    rows = eligibility(
        survey.initiatives, Edition.default_2023(), Registry.default(), responses=survey.responses
    )
    shown = shown_text(display_table(rows, lang), lang)
    layout = fit_table(shown, DESK_ROOM, REASON_LINES)
    assert layout.fits and layout.total <= DESK_ROOM
    # Read whole: no cell, the reasons included, takes more lines than a row shows.
    assert fits_in_lines(shown, DESK_ROOM, REASON_LINES)


def test_why_says_what_decides_not_the_conditions_met() -> None:
    table = display_table(checked("2023-09-01", "2023-09-20"), "en")
    assert table["Why"].tolist()[0] == "all conditions met"
    assert table["Why"].tolist()[1] == (
        "applied on 2023-09-20, after the 2023-09-14 deadline (late application)"
    )
    outside = checked("2023-09-01")
    outside["start_date"] = pd.Timestamp("2020-01-01")
    edition = Edition(2023, date(2023, 9, 14))
    rows = eligibility(
        outside.drop(columns=["late", "eligible", "reasons"], errors="ignore"),
        edition,
        Registry.default(),
    )
    why = display_table(rows, "fr")["Pourquoi"].tolist()[0]
    assert why.startswith("démarrée le 2020-01-01 : hors de la fenêtre")
    assert "labellisé" not in why
