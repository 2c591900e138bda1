"""AppTest of the data page's column picker: a compact view that fits 1280 px, the picker
adding the others, the "k of N columns shown" caption, and downloads that keep every column."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from analysis.analytics.answers_table import compact_columns, data_table
from analysis.core.i18n import Lang
from tests.dashboard.test_page_data import PAGE, downloads, offered, sample, table
from tests.support.apptest import open_app, texts
from ui.tables import DESK_ROOM

pytestmark = pytest.mark.usefixtures("app_db")
__all__ = ["downloads"]  # the fixture, imported for these tests too


def widths(at: AppTest, index: int = 0) -> dict[str, int]:
    """Header -> width in pixels of the `index`-th table's column configuration."""
    config = json.loads(at.dataframe[index].proto.columns)
    return {header: entry["width"] for header, entry in config.items() if header != "_index"}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_page_opens_on_the_columns_that_fit_the_screen(lang: Lang) -> None:
    at = open_app(PAGE, lang=lang)
    full = data_table(sample(), lang)
    expected = compact_columns(full, lang, DESK_ROOM)
    shown = list(table(at).columns)
    assert shown == expected
    assert shown[:5] == list(full.lead_columns)  # who, then the latest year's figures
    assert len(shown) < len(full.frame.columns)
    assert sum(widths(at).values()) <= DESK_ROOM
    assert widths(at) == widths(at, 1)  # the n row under the same columns
    assert list(at.dataframe[1].value.columns) == shown
    assert at.multiselect(key="data_columns").value == shown[1:]


def test_the_caption_counts_the_columns_shown_with_plurals() -> None:
    at = open_app(PAGE, lang="en")
    total = len(data_table(sample(), "en").frame.columns)
    assert f"{len(table(at).columns)} of {total} columns shown." in texts(at)
    at.multiselect(key="data_columns").set_value([]).run()
    assert list(table(at).columns) == ["Pole"]  # the pinned pole stays
    assert f"1 of {total} columns shown." in texts(at)
    french = open_app(PAGE, lang="fr")
    french.multiselect(key="data_columns").set_value([]).run()
    assert f"1 colonne affichée sur {total}." in texts(french)
    french.multiselect(key="data_columns").set_value(["Région"]).run()
    assert f"2 colonnes affichées sur {total}." in texts(french)


def test_a_picked_column_joins_the_table_and_its_n_row_in_the_tables_order() -> None:
    at = open_app(PAGE, lang="en")
    before = list(table(at).columns)
    picker = at.multiselect(key="data_columns")
    picker.set_value([*picker.value, "Europe team FTE", "EU proposals submitted 2019"]).run()
    shown = list(table(at).columns)
    assert set(shown) == {*before, "Europe team FTE", "EU proposals submitted 2019"}
    order = list(data_table(sample(), "en").frame.columns)
    assert shown == sorted(shown, key=order.index)
    assert at.dataframe[1].value.iloc[0]["Europe team FTE"] == 36
    assert widths(at) == widths(at, 1)


def test_the_choice_survives_a_search_and_follows_the_filters_until_picked() -> None:
    at = open_app(PAGE, lang="en")
    at.multiselect(key="data_columns").set_value(["Members"]).run()
    at.text_input(key="data_search").input("valley").run()
    assert list(table(at).columns) == ["Pole", "Members"]

    fresh = open_app(PAGE, lang="en")
    fresh.select_slider(key="f_years").set_range(2020, 2021).run()
    assert "EU proposals submitted 2021" in table(fresh).columns  # the latest year shown
    assert "EU proposals submitted 2022" not in table(fresh).columns


def test_a_choice_made_in_french_gives_the_compact_view_in_english() -> None:
    at = open_app(PAGE, lang="fr")
    at.multiselect(key="data_columns").set_value(["Adhérents"]).run()
    assert list(table(at).columns) == ["Pôle", "Adhérents"]
    at.segmented_control(key="lang").set_value("en").run()
    assert not at.exception
    full = data_table(sample(), "en")
    assert list(table(at).columns) == compact_columns(full, "en", DESK_ROOM)
    at.multiselect(key="data_columns").set_value([]).run()  # the pole alone is a choice too
    at.text_input(key="data_search").input("valley").run()
    assert list(table(at).columns) == ["Pole"]


def test_downloads_keep_every_column_and_say_so(downloads: dict[str, dict[str, Any]]) -> None:
    at = open_app(PAGE, lang="en")
    at.multiselect(key="data_columns").set_value(["Region"]).run()
    total = len(data_table(sample(), "en").frame.columns)
    assert f"The downloads hold all {total} columns for the rows shown" in texts(at)
    text = offered(at, downloads)["data_csv"]["data"].decode("utf-8-sig")
    header = next(csv.reader(io.StringIO(text)))
    assert header == list(data_table(sample(), "en").frame.columns)
    assert len(header) == total > len(table(at).columns) == 2
