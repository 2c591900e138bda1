"""AppTest of the Rounds page: the stored rounds, original files, versions, deletion, audit log.

No editor credential is configured here (the `app_db` fixture clears the password), so
the first-start token guards editing; the tests that change the store start signed in
(`editor=True`), and `tests/dashboard/test_page_auth.py` drives the sign-in itself.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from functools import cache
from typing import Any

import pandas as pd
import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from analysis.core.i18n import fmt_date, fmt_number
from analysis.core.model import SourceFile, SurveyRound
from analysis.ingest.pipeline import ingest_path
from analysis.store import SAMPLE_PATH, SurveyStore
from tests.dashboard.test_page_compare import import_second_round
from tests.support.apptest import open_app, texts
from ui.text import md_escape

pytestmark = pytest.mark.usefixtures("app_db")

PAGE = "pages/rounds.py"


@cache
def sample() -> SurveyRound:
    """The shipped sample, read straight from its file."""
    survey = ingest_path(SAMPLE_PATH).survey
    assert survey is not None
    return survey


@pytest.fixture
def downloads(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, dict[str, Any]]]:
    """URL -> {data, file_name} of every file the page offers (AppTest shows URLs only)."""
    seen: dict[str, dict[str, Any]] = {}
    original = MediaFileManager.add

    def add(
        self: MediaFileManager, data: Any, mimetype: str, coordinates: str, file_name=None, **kw
    ):
        url = original(self, data, mimetype, coordinates, file_name, **kw)
        seen[url] = {"data": data, "file_name": file_name}
        return url

    monkeypatch.setattr(MediaFileManager, "add", add)
    yield seen


def offered(at: AppTest, seen: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Download button key -> what it serves."""
    return {button.key: seen[button.proto.url] for button in at.get("download_button")}


def rounds_table(at: AppTest) -> pd.DataFrame:
    return at.dataframe[0].value


def audit_table(at: AppTest) -> pd.DataFrame:
    return at.dataframe[-1].value


def stored(url: str) -> tuple[list[str], int]:
    """The store's round labels and revision, read without the page."""
    with SurveyStore(url) as store:
        return store.labels(), store.revision()


def test_rounds_list_shows_the_sample_with_its_file_and_hash(app_db: str) -> None:
    at = open_app(PAGE, lang="en")
    frame = rounds_table(at)
    content = SAMPLE_PATH.read_bytes()
    digest = hashlib.sha256(content).hexdigest()
    assert frame["Round"].tolist() == ["2023"]
    row = frame.iloc[0]
    assert row["Period"] == "2019–2022"
    assert row["Respondents"] == len(sample().responses) == 40
    assert bool(row["Synthetic"]) is True
    assert row["By"] == "seed"
    assert row["File"] == SAMPLE_PATH.name
    assert [c for c in frame.columns if "SHA" in c] == ["SHA-256"]  # one hash column
    assert row["SHA-256"] == digest[:12] + "…"
    assert f"SHA-256 of the original file: `{digest}`" in [c.value for c in at.caption]
    assert row["Size"] == f"{fmt_number(len(content) / 1000, 'en')} kB"
    with SurveyStore(app_db) as store:
        uploaded = store.list_rounds()[0].uploaded_at
    assert "Uploaded (UTC)" not in frame.columns
    assert row["Imported (UTC)"] == f"{fmt_date(uploaded, 'en')} {uploaded:%H:%M}"
    # The audit log says the sample was loaded, with its counts.
    audit = audit_table(at)
    assert audit["Action"].tolist() == ["sample loaded"]
    assert audit.iloc[0]["Who"] == "seed"
    assert audit.iloc[0]["SHA-256"] == digest[:12] + "…"
    assert audit.iloc[0]["Respondents"] == 40
    assert "Project rows" not in audit.columns  # in the CSV only: the table must fit


def test_original_file_download_carries_the_original_bytes(
    downloads: dict[str, dict[str, Any]],
) -> None:
    at = open_app(PAGE, lang="en")
    files = offered(at, downloads)
    assert files["rounds_download"]["data"] == SAMPLE_PATH.read_bytes()
    assert files["rounds_download"]["file_name"] == SAMPLE_PATH.name
    [button] = [b for b in at.get("download_button") if b.key == "rounds_download"]
    assert button.label == f"Download the original file ({md_escape(SAMPLE_PATH.name)})"


def test_delete_needs_the_typed_label_then_removes_the_round(app_db: str) -> None:
    labels, revision = stored(app_db)
    at = open_app(PAGE, lang="en", editor=True)
    assert "Signed in as editor" in texts(at)
    assert not at.text_input(key="rounds_confirm").value

    at.text_input(key="rounds_confirm").input("202")
    at.button(key="rounds_delete").click().run()
    assert "The typed label does not match 2023: nothing was deleted." in texts(at)
    assert stored(app_db) == (labels, revision)

    at.text_input(key="rounds_confirm").input("2023")
    at.button(key="rounds_delete").click().run()
    assert not at.exception
    assert stored(app_db)[0] == []
    assert "Round 2023 was deleted (40 respondents)." in texts(at)
    assert "No survey round is stored." in texts(at)
    audit = audit_table(at)
    assert audit["Action"].tolist() == ["delete", "sample loaded"]
    assert audit.iloc[0]["Who"] == "shared password"
    with SurveyStore(app_db) as store:
        entry = store.audit_log(limit=1)[0]
        assert (entry.action, entry.label, entry.actor) == ("delete", "2023", "shared password")
        # The original stays, so the round can be imported again.
        assert (
            store.file_versions("2023")[0].sha256
            == hashlib.sha256(SAMPLE_PATH.read_bytes()).hexdigest()
        )
    # The rest of the app follows: the overview has nothing to show.
    at.switch_page("pages/overview.py").run()
    assert "No survey round is stored yet." in texts(at)


def test_deleting_the_selected_round_falls_back_to_another(app_db: str) -> None:
    import_second_round(app_db)
    at = open_app(PAGE, lang="en", editor=True)
    at.selectbox(key="f_round").set_value("2023").run()
    assert at.selectbox(key="rounds_pick").value == "2023"
    at.text_input(key="rounds_confirm").input("2023")
    at.button(key="rounds_delete").click().run()
    assert not at.exception
    assert stored(app_db)[0] == ["2025"]
    assert at.selectbox(key="f_round").value == "2025"
    assert at.selectbox(key="f_round").options == ["2025"]
    assert rounds_table(at)["Round"].tolist() == ["2025"]
    at.switch_page("pages/overview.py").run()
    assert not at.exception
    assert at.selectbox(key="f_round").value == "2025"


def test_restore_a_kept_version_and_download_the_earlier_file(
    app_db: str, downloads: dict[str, dict[str, Any]]
) -> None:
    with SurveyStore(app_db) as store:
        current = store.load_round("2023")
        fewer = current.with_frames(responses=current.responses.iloc[:10])
        store.import_survey(
            fewer, SourceFile("corrected.csv", b"pole\nA\n"), replace=True, actor="alice"
        )
        first_version = store.round_versions("2023")[0].version_id
    at = open_app(PAGE, lang="en", editor=True)
    assert rounds_table(at).iloc[0]["Respondents"] == 10
    versions = at.dataframe[1].value
    assert versions["Current"].tolist() == [False, True]
    assert versions["Respondents"].tolist() == [40, 10]
    assert versions["By"].tolist() == ["seed", "alice"]
    files = offered(at, downloads)
    assert files["rounds_download"]["data"] == b"pole\nA\n"
    assert files["rounds_file_download"]["data"] == SAMPLE_PATH.read_bytes()
    assert files["rounds_file_download"]["file_name"] == SAMPLE_PATH.name

    assert at.selectbox(key="rounds_restore_version").value == first_version
    at.button(key="rounds_restore").click().run()
    at.button(key="rounds_confirm_restore").click().run()
    assert not at.exception
    assert f"Version {first_version} of round 2023 is current again" in texts(at)
    with SurveyStore(app_db) as store:
        assert len(store.load_round("2023").responses) == 40
        entry = store.audit_log(limit=1)[0]
        assert (entry.action, entry.actor) == ("restore", "shared password")
    assert rounds_table(at).iloc[0]["Respondents"] == 40


def test_french_page() -> None:
    at = open_app(PAGE, lang="fr", editor=True)
    frame = rounds_table(at)
    assert list(frame.columns[:4]) == ["Campagne", "Période", "Répondants", "Synthétique"]
    assert frame.iloc[0]["Taille"].endswith(" ko")
    assert "," in frame.iloc[0]["Taille"]
    assert audit_table(at)["Action"].tolist() == ["exemple chargé"]
    assert "Connecté en tant qu'éditeur" in texts(at)
    assert "Journal des modifications" in texts(at)
    assert at.button(key="rounds_delete").label == "Supprimer cette campagne"
    months = ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.")
    uploaded = frame.iloc[0]["Importée (UTC)"]
    assert any(m in uploaded for m in (*months, "nov.", "déc."))
