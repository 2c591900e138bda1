"""Every survey tool's export read right: figures, people never poles, never stored (issue 13)."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.core.model import SourceFile, SurveyRound
from analysis.export.canonical import round_to_csv
from analysis.ingest.pipeline import IngestResult, ingest
from tests.support import tool_exports as tools


def run(build: tuple[str, bytes], **options: object) -> IngestResult:
    name, content = build
    return ingest(SourceFile(name, content), **options)  # type: ignore[arg-type]


def figures(survey: SurveyRound) -> dict[str, object]:
    yearly = survey.yearly.groupby("year")[["projects_submitted", "projects_funded"]].sum()
    return {
        "poles": sorted(survey.responses["pole"].tolist()),
        "members": int(survey.responses["members"].sum()),
        "coordinator_members": int(survey.responses["coordinator_members"].sum()),
        "submitted": {int(y): int(v) for y, v in yearly["projects_submitted"].items()},
        "funded": {int(y): int(v) for y, v in yearly["projects_funded"].items()},
    }


def stored_text(survey: SurveyRound) -> str:
    """Everything the round would keep, as text (its canonical export and every frame)."""
    frames = [survey.responses, survey.yearly, survey.extras]
    cells = " ".join(str(v) for frame in frames for v in frame.to_numpy().ravel())
    return cells + round_to_csv(survey).decode("utf-8", "replace")


@pytest.mark.parametrize("key", sorted(tools.EXPORTS))
def test_each_tool_is_named_and_its_figures_are_the_sums_of_its_columns(key: str) -> None:
    tool, build = tools.EXPORTS[key]
    result = run(build())
    assert result.tool == tool
    assert result.report.ok, result.report.to_text("en")
    assert result.survey is not None
    assert figures(result.survey) == tools.expected()


@pytest.mark.parametrize("key", sorted(tools.EXPORTS))
def test_people_are_never_poles_and_never_stored(key: str) -> None:
    result = run(tools.EXPORTS[key][1]())
    assert result.survey is not None
    stored = stored_text(result.survey)
    for first, last, email in tools.PEOPLE:
        assert email not in stored
        assert f"{first} {last}" not in stored and last not in stored
    dropped = {c.header for c in result.columns if c.role == "personal"}
    named = {p.header for p in result.report.warnings if p.code.startswith("personal_")}
    assert dropped == named  # the report names every personal column left out


def test_microsoft_forms_name_column_is_personal_whether_filled_or_empty() -> None:
    for named in (False, True):
        result = run(tools.microsoft_forms(named=named))
        roles = {c.header: c.role for c in result.columns}
        assert roles["Nom"] == roles["Adresse de messagerie"] == "personal"
        assert {c.header for c in result.columns if c.field == "pole"} == {"Pôle"}


def test_a_duration_column_changes_nothing() -> None:
    timed = run(tools.google_forms_en(duration=True))
    plain = run(tools.google_forms_en(duration=False))
    assert timed.survey is not None and plain.survey is not None
    assert figures(timed.survey) == figures(plain.survey) == tools.expected()
    assert {c.header: c.role for c in timed.columns}["Time to complete"] == "metadata"
    pd.testing.assert_frame_equal(timed.survey.responses, plain.survey.responses)


def test_the_coordinating_question_is_never_members_in_any_export() -> None:
    for key, (_tool, build) in tools.EXPORTS.items():
        columns = run(build()).columns
        coordinating = [c for c in columns if "coordon" in c.header or "coordinate" in c.header]
        assert [c.field for c in coordinating] == ["coordinator_members"], key


def test_limesurvey_incomplete_response_is_named_kept_by_default_and_dropped_on_request() -> None:
    kept = run(tools.limesurvey(incomplete=True))
    (warning,) = [p for p in kept.report.warnings if p.code == "incomplete_response"]
    assert warning.row == 2 + len(tools.ANSWERS) + 1  # codes, texts, the three answers, then it
    assert kept.survey is not None
    assert tools.INCOMPLETE.pole in kept.survey.responses["pole"].tolist()
    dropped = run(tools.limesurvey(incomplete=True), drop_incomplete=True)
    assert dropped.survey is not None
    assert figures(dropped.survey) == tools.expected()
    assert [p.code for p in dropped.report.warnings if p.row == warning.row] == [
        "incomplete_dropped"
    ]


def test_limesurvey_yes_no_and_long_decimals_are_read() -> None:
    result = run(tools.limesurvey(incomplete=False))
    assert result.survey is not None
    answers = result.survey.responses
    plans = dict(zip(answers["pole"], answers["plans_to_recruit"], strict=True))
    assert plans == {a.pole: a.recruits for a in tools.ANSWERS}


def test_code_only_limesurvey_gets_right_figures_through_map() -> None:
    bare = run(tools.limesurvey(codes_only=True, incomplete=False))
    assert bare.tool == "limesurvey"
    assert not bare.report.ok  # nothing says which code is which question...
    overrides = {"ADH": "members", "COORD": "coordinator_members", "RECRUT": "plans_to_recruit"}
    for code, key in (("DEP", "projects_submitted"), ("RET", "projects_funded")):
        overrides |= {f"{code}_{year}": f"{key}@{year}" for year in tools.YEARS}
    mapped = run(tools.limesurvey(codes_only=True, incomplete=False), column_overrides=overrides)
    assert mapped.report.ok, mapped.report.to_text("en")
    assert mapped.survey is not None
    assert figures(mapped.survey) == tools.expected()  # the pole column found by its values


def test_repeated_submissions_are_offered_never_resolved_silently() -> None:
    name, _content = tools.google_forms_fr()
    head, *rows = _google_rows()
    again = list(rows[0])
    again[0] = tools.TIMES[-1].replace(day=20)  # Minalogic sends the form again, later
    again[3] = 430
    content = tools.xlsx_bytes([head, *rows, again], sheet="Réponses")
    twice = ingest(SourceFile(name, content))
    assert not twice.report.ok  # the pole answers twice: an error, as always
    (offer,) = [p for p in twice.report.warnings if p.code == "repeated_submission"]
    assert (offer.row, offer.params["latest_row"]) == (2, 5)
    latest = ingest(SourceFile(name, content), keep_latest=True)
    assert latest.report.ok, latest.report.to_text("en")
    assert latest.survey is not None
    answers = latest.survey.responses
    members = dict(zip(answers["pole"], answers["members"], strict=True))
    assert members["Minalogic"] == 430
    assert [p.row for p in latest.report.warnings if p.code == "earlier_submission_dropped"] == [2]


def _google_rows() -> list[list[object]]:
    head = ["Horodateur", "Adresse e-mail", "Nom de votre pôle", "Nombre d'adhérents"]
    rows = [
        [tools.TIMES[i], tools.PEOPLE[i][2], a.pole, a.members] for i, a in enumerate(tools.ANSWERS)
    ]
    return [head, *rows]
