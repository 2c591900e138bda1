"""AppTest of the upload page's last step: storing, replacing, the editor credential, and
the store's state before and after (nothing is written before the Store button)."""

from __future__ import annotations

import pytest

from analysis.store import SurveyStore
from tests.support import upload_page
from tests.support.apptest import metric_values, texts
from tests.support.messy import messy_xlsx
from tests.support.store_fixtures import build_round, stand_in
from tests.support.upload_page import page, rerun, store_button, upload

store = upload_page.store


# --- step 6: storing ---------------------------------------------------------------------------


def test_storing_shows_the_round_in_the_selector_and_on_the_overview(store: SurveyStore) -> None:
    at = upload(page(), "messy.xlsx", messy_xlsx())
    assert at.text_input(key="upload_label").value == "messy"  # the file's name by default
    assert at.number_input(key="upload_period_start").value == 2019
    at.text_input(key="upload_label").set_value("2024")
    at.number_input(key="upload_poles_surveyed").set_value(10)
    rerun(at)
    assert not store_button(at).disabled
    store_button(at).click()
    rerun(at)
    assert "Round 2024 stored: 5 poles, years 2019, 2020, 2021, 2022." in texts(at)
    assert at.selectbox(key="f_round").value == "2024"
    assert at.selectbox(key="f_round").options == ["2023", "2024"]
    assert store.labels() == ["2023", "2024"]
    assert store.audit_log(1)[0].actor == "shared password"
    stored = store.load_round("2024")
    assert stored.info.poles_surveyed == 10 and stored.info.period_end == 2022
    # the same file in the uploader is not offered for storing again
    assert "This file was stored as round 2024." in texts(at)
    assert all(b.key != "upload_store" for b in at.button)
    at.switch_page("pages/overview.py")
    rerun(at)
    tiles = metric_values(at)
    assert tiles["Responding poles"] == "5"
    assert tiles["Members coordinating EU projects"] == "31"
    assert "Round 2024" in texts(at)


def test_a_replacement_needs_the_explicit_confirmation(store: SurveyStore) -> None:
    at = upload(page(), "messy.xlsx", messy_xlsx())
    at.text_input(key="upload_label").set_value("2023")
    rerun(at)
    assert "A round labelled 2023 is already stored." in texts(at)
    assert store_button(at).label == "Replace the round"
    assert store_button(at).disabled
    at.checkbox(key="upload_replace").check()
    rerun(at)
    assert store_button(at).disabled
    at.text_input(key="upload_confirm").set_value("2022")
    rerun(at)
    assert store_button(at).disabled
    assert len(store.round_versions("2023")) == 1
    at.text_input(key="upload_confirm").set_value("2023")
    rerun(at)
    assert not store_button(at).disabled
    store_button(at).click()
    rerun(at)
    assert "Round 2023 replaced: 5 poles" in texts(at)
    assert len(store.round_versions("2023")) == 2
    assert store.labels() == ["2023"]
    assert len(store.load_round("2023").responses) == 5


def test_a_blank_label_or_an_impossible_description_disables_the_button() -> None:
    at = upload(page(), "messy.xlsx", messy_xlsx())
    at.text_input(key="upload_label").set_value("   ")
    rerun(at)
    assert store_button(at).disabled
    assert "Give the round a label." in texts(at)
    at.text_input(key="upload_label").set_value("2024")
    at.number_input(key="upload_period_start").set_value(2023)
    rerun(at)
    assert store_button(at).disabled
    assert "The period starts in 2023 but ends in 2022: the start must come first." in texts(at)
    at.number_input(key="upload_period_start").set_value(2019)
    at.number_input(key="upload_poles_surveyed").set_value(4)  # the file has 5 poles
    rerun(at)
    assert store_button(at).disabled
    assert "4 poles surveyed is fewer than the 5 that answered" in texts(at)
    at.number_input(key="upload_poles_surveyed").set_value(5)
    rerun(at)
    assert not store_button(at).disabled


# --- the editor credential ------------------------------------------------------------------


def test_with_a_credential_the_page_asks_for_it_and_records_the_editor(
    store: SurveyStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SURVEY_EDITOR_PASSWORD", "correct horse battery")
    at = page(editor=False)
    assert not at.file_uploader
    assert [b.label for b in at.download_button]  # the template needs no credential
    at.text_input(key="auth_password").set_value("correct horse battery")
    at.button(key="auth_submit").click()
    rerun(at)
    upload(at, "messy.xlsx", messy_xlsx())
    at.text_input(key="upload_label").set_value("2024")
    rerun(at)
    store_button(at).click()
    rerun(at)
    assert store.audit_log(1)[0].actor == "shared password"


def test_the_same_file_already_stored_is_said_before_store_and_needs_a_tick(
    store: SurveyStore,
) -> None:
    # The sample was stored by the seed, not by this session: the page asks the store.
    sample = store.original_file("2023")
    at = upload(page(), "copy.xlsx", sample.content)
    at.text_input(key="upload_label").set_value("copy of 2023")
    rerun(at)
    (warning,) = [w.value for w in at.warning if "SHA-256" in w.value]
    assert "already stored as round “2023”" in warning
    assert store_button(at).disabled
    assert "tick the box above to store it again" in texts(at)
    at.checkbox(key="upload_same_file").check()
    rerun(at)
    assert not store_button(at).disabled
    store_button(at).click()
    rerun(at)
    assert "Round copy of 2023 stored: 40 poles" in texts(at)
    assert store.labels() == ["2023", "copy of 2023"]


def test_a_new_file_is_not_said_to_be_stored(store: SurveyStore) -> None:
    at = upload(page(), "messy.xlsx", messy_xlsx())
    assert not [w.value for w in at.warning if "SHA-256" in w.value]
    assert not [c for c in at.checkbox if c.key == "upload_same_file"]


def test_a_replacement_is_compared_with_the_round_it_replaces(store: SurveyStore) -> None:
    store.import_round(stand_in(build_round("2024", years=(2021, 2022, 2023))))
    at = upload(page(), "messy.xlsx", messy_xlsx())
    (choice,) = [s for s in at.selectbox if s.key and s.key.startswith("upload_previous")]
    assert choice.value == "2024"  # the newest period by default
    at.text_input(key="upload_label").set_value("2023")
    rerun(at)
    (choice,) = [s for s in at.selectbox if s.key and s.key.startswith("upload_previous")]
    assert choice.value == "2023"
    assert "Compared with round 2023, which this file would replace (step 6)." in texts(at)
    assert metric_values(at)["Poles missing from this file"] == "35"  # the sample's 40 - 5
