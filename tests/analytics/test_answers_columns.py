"""The data table's compact view: which columns fit a screen, and the picked ones kept."""

from __future__ import annotations

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.analytics.answers_table import (
    COMPACT_LINES,
    DataTable,
    base_frame,
    compact_columns,
    data_table,
    shown_columns,
)
from analysis.core.table_layout import LINE_PX, ROW_PAD, fit_table, fits_in_lines, shown_text
from tests.analytics.test_answers_table import _round

TABLE = data_table(_round(), "en")


def _fits(table: DataTable, headers: list[str], room: int) -> bool:
    shown = pd.concat(
        [shown_text(table.frame, "en"), shown_text(base_frame(table, "en"), "en")],
        ignore_index=True,
    )
    return fits_in_lines(shown[headers], room, COMPACT_LINES)


def test_the_lead_columns_are_who_and_the_latest_years_figures() -> None:
    assert TABLE.lead_columns == (
        "Pole",
        "Region",
        "Sector",
        "EU proposals submitted 2020",
        "EU projects funded 2020",
    )
    french = data_table(_round(), "fr")
    assert french.lead_columns[:3] == ("Pôle", "Région", "Thématique")


def test_a_wide_room_shows_everything_and_a_narrow_one_the_pole_first() -> None:
    headers = list(TABLE.frame.columns)
    assert compact_columns(TABLE, "en", 10_000) == headers
    assert compact_columns(TABLE, "en", 0) == ["Pole"]
    narrow = compact_columns(TABLE, "en", 500)
    assert narrow[0] == "Pole" and "Region" in narrow
    assert "Commentaire" not in narrow  # an extra column comes after the lead ones


@settings(max_examples=40, deadline=None)
@given(room=st.integers(min_value=0, max_value=3_000))
def test_the_compact_view_fits_and_no_other_column_would(room: int) -> None:
    chosen = compact_columns(TABLE, "en", room)
    headers = list(TABLE.frame.columns)
    assert chosen[0] == "Pole"
    assert chosen == [h for h in headers if h in chosen]  # the table's order
    if len(chosen) > 1:
        assert _fits(TABLE, chosen, room)
        shown = shown_text(TABLE.frame[chosen], "en")
        layout = fit_table(shown, room)  # as the page draws it, rows no taller
        assert layout.fits and layout.row_height <= COMPACT_LINES * LINE_PX + ROW_PAD
    for header in set(headers) - set(chosen):
        assert not _fits(TABLE, [h for h in headers if h in chosen or h == header], room)


def test_shown_columns_keep_the_pole_and_the_tables_order() -> None:
    picked = shown_columns(TABLE, ["Members", "Region", "Gone 2018"])
    assert list(picked.frame.columns) == ["Pole", "Region", "Members"]
    assert picked.rows == TABLE.rows
    assert base_frame(picked, "en").iloc[0].tolist()[1:] == [3, 2]
    assert list(shown_columns(TABLE, []).frame.columns) == ["Pole"]
