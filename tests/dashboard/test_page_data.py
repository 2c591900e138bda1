"""AppTest of the data page: the table against the sample, filters, search, links, downloads."""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from openpyxl import load_workbook
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from analysis.core.model import SurveyRound
from analysis.ingest.pipeline import ingest_path
from tests.support.apptest import REPO_ROOT, open_app, texts

pytestmark = pytest.mark.usefixtures("app_db")

PAGE = "pages/data.py"
SAMPLE = Path(REPO_ROOT) / "data" / "sample" / "phase4_survey_sample.xlsx"


@cache
def sample() -> SurveyRound:
    """The shipped sample round, read straight from the file (not through the page)."""
    survey = ingest_path(SAMPLE).survey
    assert survey is not None
    return survey


@pytest.fixture
def downloads(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, dict[str, Any]]]:
    """URL -> {data, mimetype, file_name} of every file the page offers for download.

    AppTest shows a download button's URL only; the bytes and the file name reach
    Streamlit's media file manager, so the test listens there.
    """
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


def table(at: AppTest) -> pd.DataFrame:
    return at.dataframe[0].value


def show_all(at: AppTest) -> AppTest:
    """Pick every column (the page opens on the ones that fit the screen)."""
    picker = at.multiselect(key="data_columns")
    picker.set_value(list(picker.options)).run()
    return at


def base_row(at: AppTest) -> pd.Series:
    return at.dataframe[1].value.iloc[0]


def offered(at: AppTest, seen: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Download button key -> what it serves."""
    return {button.key: seen[button.proto.url] for button in at.get("download_button")}


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def test_table_holds_every_pole_with_its_answers_in_english() -> None:
    at = show_all(open_app(PAGE, lang="en"))
    frame = table(at)
    survey = sample()
    assert sorted(frame["Pole"]) == sorted(survey.responses["pole"])
    for year in survey.years:
        yearly = survey.yearly[survey.yearly["year"] == year]
        assert frame[f"EU proposals submitted {year}"].sum() == yearly["projects_submitted"].sum()
        assert frame[f"EU projects funded {year}"].sum() == yearly["projects_funded"].sum()
    members = survey.responses.set_index("pole")["members"]
    shown = frame.set_index("Pole")["Members"]
    assert shown["Cap Digital"] == members["Cap Digital"]
    assert pd.isna(shown["Valorial"])
    assert set(frame["Sector"]) == set(survey.responses["sector"])
    assert "Round 2023: one row per responding pole, 40 in this view." in texts(at)


def test_base_row_counts_the_answers_of_each_column() -> None:
    at = show_all(open_app(PAGE, lang="en"))
    base = base_row(at)
    responses = sample().responses
    assert base["Pole"] == "n"  # the row's label, under the pole column
    assert base["Members"] == responses["members"].notna().sum() == 37
    assert base["Europe team FTE"] == responses["europe_team_fte"].notna().sum() == 36
    assert len(at.dataframe[1].value) == 1
    assert "n per column" in texts(at)


def test_the_n_row_lines_up_with_the_table_under_a_pinned_first_column() -> None:
    at = open_app(PAGE, lang="en")
    answers, counts = (json.loads(frame.proto.columns) for frame in at.dataframe[:2])
    for config in (answers, counts):
        assert config.pop("_index")["hidden"] is True  # no index column shifts the counts
    assert list(answers) == list(counts) == list(table(at).columns)
    widths = {header: config["width"] for header, config in answers.items()}
    assert widths == {header: config["width"] for header, config in counts.items()}
    assert all(width > 0 for width in widths.values())
    assert answers["Pole"]["pinned"] is True and counts["Pole"]["pinned"] is True
    # The answers wrap (a sector takes two or three lines); the n row of numbers does not.
    assert at.dataframe[0].proto.row_height > 35
    assert not at.dataframe[1].proto.HasField("row_height")


def test_french_page_translates_headers_and_sectors() -> None:
    at = show_all(open_app(PAGE, lang="fr"))
    frame = table(at)
    assert list(frame.columns[:3]) == ["Pôle", "Région", "Thématique"]
    assert "Santé" in set(frame["Thématique"])
    assert set(frame["Prévoit de recruter"]) == {"oui", "non"}
    assert base_row(at)["Adhérents"] == 37
    assert "Campagne 2023 : une ligne par pôle répondant, 40 dans cette vue." in texts(at)
    assert [b.label for b in at.get("download_button")] == [
        "Télécharger en CSV",
        "Télécharger en Excel (XLSX)",
    ]


def test_region_filter_narrows_the_table_and_the_url() -> None:
    at = show_all(open_app(PAGE, lang="en"))
    at.multiselect(key="f_regions").set_value(["Occitanie"]).run()
    assert not at.exception
    responses = sample().responses
    expected = responses.loc[responses["region"] == "Occitanie", "pole"]
    assert sorted(table(at)["Pole"]) == sorted(expected)
    assert base_row(at)["Members"] == responses.loc[expected.index, "members"].notna().sum()
    assert at.query_params["region"] == "Occitanie"


def test_year_filter_keeps_only_the_chosen_years_columns() -> None:
    at = show_all(open_app(PAGE, lang="en"))
    at.select_slider(key="f_years").set_range(2020, 2021).run()
    columns = [c for c in table(at).columns if c.startswith("EU proposals submitted")]
    assert columns == ["EU proposals submitted 2020", "EU proposals submitted 2021"]


def test_shared_link_restores_the_table() -> None:
    linked = open_app(PAGE, lang="en", query={"region": "Occitanie", "from": "2021"})
    direct = open_app(PAGE, lang="en")
    direct.multiselect(key="f_regions").set_value(["Occitanie"]).run()
    direct.select_slider(key="f_years").set_range(2021, 2022).run()
    pd.testing.assert_frame_equal(table(linked), table(direct))


def test_search_ignores_case_and_accents() -> None:
    at = open_app(PAGE, lang="en")
    at.text_input(key="data_search").input("ILE-DE").run()
    assert not at.exception
    responses = sample().responses
    expected = responses.loc[
        responses["region"].map(fold).str.contains("ile-de")
        | responses["pole"].map(fold).str.contains("ile-de"),
        "pole",
    ]
    assert sorted(table(at)["Pole"]) == sorted(expected)
    assert len(expected) == 5
    assert "5 of 40 rows shown." in texts(at)
    assert base_row(at)["Region"] == 5  # the n row counts the rows shown


def test_search_matching_nothing_says_so() -> None:
    at = open_app(PAGE, lang="en")
    at.text_input(key="data_search").input("zzz").run()
    assert "No row matches “zzz”." in texts(at)
    assert not at.dataframe
    assert not at.get("download_button")


def test_two_poles_are_not_listed_unless_one_pole_is_chosen() -> None:
    at = open_app(PAGE, lang="en")
    at.multiselect(key="f_regions").set_value(["Normandie"]).run()
    assert not at.exception
    assert not at.dataframe
    assert not at.get("download_button")
    assert "This view holds 2 poles." in texts(at)

    at.multiselect(key="f_regions").set_value([]).run()
    at.multiselect(key="f_poles").set_value(["Hippolia"]).run()
    assert table(at)["Pole"].tolist() == ["Hippolia"]
    assert "Fewer than 5 answers in:" in texts(at)


def test_filters_matching_nothing_show_a_message() -> None:
    at = open_app(PAGE, lang="en")
    at.multiselect(key="f_regions").set_value(["La Réunion"]).run()
    at.multiselect(key="f_sectors").set_value(["Health"]).run()
    assert not at.exception
    assert "No pole matches these filters" in texts(at)
    assert not at.dataframe


def test_downloads_serve_the_filtered_rows_under_the_rounds_name(
    downloads: dict[str, dict[str, Any]],
) -> None:
    at = open_app(PAGE, lang="en")
    at.multiselect(key="f_regions").set_value(["Occitanie"]).run()
    at.text_input(key="data_search").input("valley").run()
    files = offered(at, downloads)
    assert set(files) == {"data_csv", "data_xlsx"}
    csv_file, xlsx_file = files["data_csv"], files["data_xlsx"]
    assert csv_file["file_name"] == "poles_europe_data_2023.csv"
    assert csv_file["mimetype"] == "text/csv"
    assert xlsx_file["file_name"] == "poles_europe_data_2023.xlsx"
    assert xlsx_file["mimetype"].endswith("spreadsheetml.sheet")

    shown = table(at)["Pole"].tolist()
    assert shown == ["Aerospace Valley"]
    rows = list(csv.reader(io.StringIO(csv_file["data"].decode("utf-8-sig"))))
    assert [row[0] for row in rows[1:]] == shown
    record = dict(zip(rows[0], rows[1], strict=True))
    yearly = sample().yearly
    own = yearly[(yearly["pole"] == "Aerospace Valley") & (yearly["year"] == 2019)]
    assert record["EU proposals submitted 2019"] == str(int(own["projects_submitted"].iloc[0]))

    wb = load_workbook(io.BytesIO(xlsx_file["data"]))
    assert [c.value for c in wb["Data"]["A"]] == ["Pole", "Aerospace Valley"]
    notes = {row[0].value: row[1].value for row in wb["Notes"].iter_rows()}
    assert notes["Filters"] == "Regions: Occitanie"
    assert "Search: “valley”" in {row[1].value for row in wb["Notes"].iter_rows()}
    assert notes["Survey round"] == "2023"
    assert notes["Rows (poles)"] == 1


def test_french_csv_download_uses_semicolons(downloads: dict[str, dict[str, Any]]) -> None:
    at = open_app(PAGE, lang="fr")
    files = offered(at, downloads)
    assert files["data_csv"]["file_name"] == "poles_europe_donnees_2023.csv"
    text = files["data_csv"]["data"].decode("utf-8-sig")
    header = text.splitlines()[0]
    assert header.startswith("Pôle;Région;Thématique;")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert len(rows) == 41
    fte = dict(zip(rows[0], rows[1], strict=True))["ETP équipe Europe"]
    expected = sample().responses.set_index("pole")["europe_team_fte"][rows[1][0]]
    assert fte == f"{expected:.1f}".replace(".", ",")


def test_the_search_lives_in_the_link() -> None:
    at = open_app(PAGE, lang="en")
    at.text_input(key="data_search").input("valley").run()
    assert at.query_params["data_search"] == "valley"
    shared = open_app(PAGE, lang="en", query={"data_search": "valley"})
    assert shared.text_input(key="data_search").value == "valley"
    pd.testing.assert_frame_equal(table(shared), table(at))
    at.text_input(key="data_search").input("").run()
    assert "data_search" not in at.query_params
