"""AppTest of the PDF downloads: the fact sheet (Overview, Presentation), the pole reports."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from typing import Any

import pytest
from streamlit.runtime.media_file_manager import MediaFileManager

from tests.support.apptest import open_app
from tests.support.pdf import text

pytestmark = pytest.mark.usefixtures("app_db")


@pytest.fixture
def downloads(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, dict[str, Any]]]:
    """URL -> {data, file_name} of every file a page hands to Streamlit's media manager."""
    seen: dict[str, dict[str, Any]] = {}
    original = MediaFileManager.add

    def add(
        self: MediaFileManager, data: Any, mimetype: str, coordinates: str, file_name=None, **kw
    ):
        url = original(self, data, mimetype, coordinates, file_name, **kw)
        seen[url] = {"data": data, "mimetype": mimetype, "file_name": file_name}
        return url

    monkeypatch.setattr(MediaFileManager, "add", add)
    yield seen


def keyed(at: Any, key: str) -> Any:
    (found,) = [b for b in at.get("download_button") if key in str(b.proto.id)]
    return found


@pytest.mark.parametrize(("lang", "label"), [("en", "Fact sheet (PDF)"), ("fr", "Fiche (PDF)")])
def test_the_overview_offers_the_fact_sheet(lang: str, label: str) -> None:
    at = open_app(lang=lang)
    button = keyed(at, "report_sheet_overview")
    assert button.proto.label == label


def test_the_peers_page_offers_the_pole_report() -> None:
    at = open_app("pages/peers.py", lang="fr")
    at.selectbox(key="peers_pole").set_value("Cap Digital").run()
    assert not at.exception
    button = keyed(at, "report_pole")
    assert button.proto.label == "Rapport de ce pôle (PDF)"
    assert "en français" in button.proto.help


@pytest.mark.slow
def test_every_report_is_prepared_with_progress_then_offered_as_a_zip(
    downloads: dict[str, dict[str, Any]],
) -> None:
    at = open_app("pages/peers.py", lang="en")
    at.button(key="report_all").click().run(timeout=600)
    assert not at.exception
    button = keyed(at, "report_all_download")
    served = downloads[button.proto.url]
    assert served["file_name"] == "report_2023_en_all.zip"
    archive = zipfile.ZipFile(io.BytesIO(served["data"]))
    names = archive.namelist()
    assert len([n for n in names if n.endswith(".pdf")]) == 40 and "index_2023_en.csv" in names
    first = sorted(n for n in names if n.endswith(".pdf"))[0]
    assert "Source: survey round 2023" in text(archive.read(first))
