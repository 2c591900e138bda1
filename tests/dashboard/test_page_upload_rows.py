"""AppTest of the upload page's rows left out by hand (issue 13, item 8): a row and a
required reason; the report, preview, comparison and stored round leave it out; the
reason reaches the audit log when the round is stored; a row can be put back."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from analysis.store import SurveyStore
from analysis.store.audit import read_exclusion
from tests.support import tool_exports, upload_page
from tests.support.apptest import texts
from tests.support.files import xlsx_bytes
from tests.support.messy import messy_xlsx, xlsx_from_grid
from tests.support.upload_page import frame, grid, headline, page, rerun, store_button, upload
from ui.upload import step_rows

store = upload_page.store

COORDINATORS = "Members coordinating EU projects"
REASON = "Test answer sent by the network's staff"


#: The table of rows left out, by its columns in each language (read-only tables carry no key).
LISTED = {"en": ["Row", "Pole as written", "Reason"], "fr": ["Ligne", "Pôle tel qu'écrit", "Motif"]}


def listed(at: AppTest, lang: str = "en") -> list[list[object]] | None:
    """The rows left out as the page lists them, `None` when it lists none."""
    found = [df.value for df in at.dataframe if list(df.value.columns) == LISTED[lang]]
    assert len(found) <= 1
    return found[0].values.tolist() if found else None


def leave_out(at: AppTest, row: int, reason: str) -> AppTest:
    at.selectbox(key=step_rows.K_ROW).set_value(row)
    at.text_input(key=step_rows.K_REASON).set_value(reason)
    at.button(key=step_rows.K_EXCLUDE).click()
    return rerun(at)


def test_a_row_left_out_is_gone_from_the_checks_preview_and_comparison(
    store: SurveyStore,
) -> None:
    at = upload(page(), "messy.xlsx", messy_xlsx())
    box = at.selectbox(key=step_rows.K_ROW)
    assert box.options[:2] == ["Row 5: AEROSPACE VALLEY", "Row 6: CAP DIGITAL"]
    assert "Row 11: Total" in box.options  # every row holding a cell below the headers
    assert headline(at)[COORDINATORS][1] == "31 (n = 5)"
    before = store.audit_log()
    leave_out(at, 6, REASON)
    # The comparison is the file without the row: CAP DIGITAL's 8 coordinators are gone.
    assert headline(at)[COORDINATORS][1] == "23 (n = 4)"
    assert headline(at)["Responding poles"][1] == "4"
    assert 6 not in frame(at, "preview").index
    assert 5 in frame(at, "preview").index
    # The totals row below still counts the row: the report now says it disagrees.
    assert 11 in frame(at, "report")["row"].tolist()
    assert listed(at) == [[6, "CAP DIGITAL", REASON]]
    assert "Row 6: CAP DIGITAL" not in at.selectbox(key=step_rows.K_ROW).options
    assert at.text_input(key=step_rows.K_REASON).value == ""  # the form is ready for the next
    assert store.audit_log() == before  # nothing written before Store
    # Put back: the figures are the whole file's again.
    at.button(key=step_rows.include_key(6)).click()
    rerun(at)
    assert headline(at)[COORDINATORS][1] == "31 (n = 5)"
    assert listed(at) is None


def test_a_reason_is_required_and_nothing_changes_without_one() -> None:
    at = upload(page(), "messy.xlsx", messy_xlsx())
    leave_out(at, 6, "   ")
    assert "Give a reason before leaving a row out. Nothing was changed." in texts(at)
    assert headline(at)[COORDINATORS][1] == "31 (n = 5)"
    assert listed(at) is None
    assert at.selectbox(key=step_rows.K_ROW).value == 6  # the choice is kept to add a reason


def test_leaving_out_the_row_with_an_error_allows_storing_and_records_the_reason(
    store: SurveyStore,
) -> None:
    bad = xlsx_from_grid(grid(recruitments=(6, 10, "deux")))
    at = upload(page(), "bad.xlsx", bad)
    assert store_button(at).disabled
    leave_out(at, 6, REASON)
    assert "Error" not in frame(at, "report")["severity"].tolist()
    at.text_input(key="upload_label").set_value("2024")
    rerun(at)
    assert not store_button(at).disabled
    store_button(at).click()
    rerun(at)
    assert store.load_round("2024").responses["source_row"].tolist() == [5, 8, 9, 10]
    entries = store.audit_log(label="2024")
    assert [e.action for e in entries] == ["exclude_row", "import"]
    assert read_exclusion(entries[0].note) == (6, "CAP DIGITAL", REASON)
    assert entries[0].actor == "shared password"


def test_hostile_text_is_shown_as_written_and_the_page_speaks_french(store: SurveyStore) -> None:
    hostile = "**[Cap](https://evil.example)** <b>x</b>"
    content = xlsx_from_grid(grid(pole=(6, 0, hostile)))
    at = upload(page("fr"), "hostile.xlsx", content)
    box = at.selectbox(key=step_rows.K_ROW)
    assert box.label == "Ligne à écarter"
    assert f"Ligne 6 : {hostile}" in box.options
    leave_out(at, 6, "`code` _et_ [lien](https://evil.example)")
    assert listed(at, "fr") == [[6, hostile, "`code` _et_ [lien](https://evil.example)"]]
    assert "evil.example" not in texts(at)  # user text never reaches Markdown
    assert at.button(key=step_rows.include_key(6)).label == "Remettre la ligne 6"


# --- responses the survey tool marks: unfinished, or sent again ------------------------------


def test_an_unfinished_response_is_a_warning_naming_its_row_kept_or_left_out_by_choice() -> None:
    name, content = tool_exports.limesurvey(incomplete=True)  # row 6 was never submitted
    at = upload(page(), name, content)
    report = frame(at, "report")
    assert report[report["message"].str.contains("unfinished")]["row"].tolist() == [6]
    assert headline(at)[COORDINATORS][1] == "68 (n = 4)"  # kept by default, and said so
    box = at.checkbox(key=step_rows.K_OPTIONS["drop_incomplete"])
    assert box.label == "Leave out the responses never submitted (row numbers: 6)"
    assert not box.value
    box.check()
    rerun(at)
    assert headline(at)[COORDINATORS][1] == "38 (n = 3)"  # 11 + 4 + 23: the submitted ones
    assert "left out, as asked" in " ".join(frame(at, "report")["message"])
    assert at.checkbox(key=step_rows.K_OPTIONS["drop_incomplete"]).value
    at.checkbox(key=step_rows.K_OPTIONS["drop_incomplete"]).uncheck()
    rerun(at)
    assert headline(at)[COORDINATORS][1] == "68 (n = 4)"


def test_a_pole_that_answered_twice_keeps_its_latest_response_only_when_asked() -> None:
    head = ["Horodateur", "Adresse e-mail", "Nom de votre pôle", "Nombre d'adhérents"]
    rows = [
        [tool_exports.TIMES[i], tool_exports.PEOPLE[i][2], a.pole, a.members]
        for i, a in enumerate(tool_exports.ANSWERS)
    ]
    again = [tool_exports.TIMES[-1].replace(day=20), "alice.martin@example.org", "Minalogic", 430]
    at = upload(page(), "google.xlsx", xlsx_bytes([head, *rows, again]))
    assert store_button(at).disabled  # the pole answers twice: an error until resolved
    box = at.checkbox(key=step_rows.K_OPTIONS["keep_latest"])
    assert box.label == "Keep only each pole's latest response (row numbers concerned: 2)"
    box.check()
    rerun(at)
    report = frame(at, "report")
    assert "Error" not in report["severity"].tolist()
    assert report[report["message"].str.contains("latest response kept")]["row"].tolist() == [2]
