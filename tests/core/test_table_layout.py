"""Table widths: headers and words whole, the room shared, numbers written for the language."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.core.table_layout import (
    CELL_PAD,
    HEADER_PAD,
    MAX_COLUMN,
    MAX_LINES,
    ONE_LINE_ROW,
    column_fit,
    columns_that_fit,
    fit_table,
    fits_in_lines,
    number_formats,
    shown_text,
    text_px,
)

#: Peers' table as the French page shows it (short headers), a pole's row.
PEERS = pd.DataFrame(
    {
        "Indicateur": ["Projets européens déposés par an (moyenne)", "Taux de succès"],
        "Pôle": ["14,8", "22 %"],
        "Rang": ["5 sur 40", "31 sur 40"],
        "Égale ou dépasse": ["90 %", "25 %"],
        "Tous les pôles": ["8,1 [6–12,5] (n = 40)", "28 % [22 %–31 %] (n = 40)"],
        "Sa région": ["9,3 [7,1–14,2] (n = 6)", "27 % [20 %–33 %] (n = 6)"],
        "Sa thématique": ["7,5 [4,2–11] (n = 7)", "26 % [21 %–30 %] (n = 7)"],
    }
)


def test_a_table_that_fits_keeps_every_cell_on_one_line() -> None:
    frame = pd.DataFrame({"Round": ["2023"], "Period": ["2019–2022"]})
    layout = fit_table(frame, 820)
    assert layout.fits and not layout.wraps
    assert layout.row_height == ONE_LINE_ROW
    assert layout.total <= 820
    for header, cells in frame.items():
        assert layout.widths[str(header)] >= column_fit(str(header), list(cells)).natural


def test_peers_fit_1280_px_by_wrapping_their_longest_cells() -> None:
    layout = fit_table(PEERS, 820)
    assert layout.fits
    assert layout.total <= 820
    assert layout.wraps  # the figure names take two lines rather than a scroll
    # The grid wraps only rows taller than 4 rem (64 px).
    assert layout.row_height > 64


def test_a_table_too_wide_for_any_room_scrolls_with_whole_headers() -> None:
    frame = pd.DataFrame({f"Question number {i} of the survey": [i * 1000] for i in range(30)})
    layout = fit_table(frame, 820)
    assert not layout.fits
    assert layout.total > 820
    for header in frame.columns:
        assert layout.widths[header] >= text_px(header) + HEADER_PAD


words = st.text(
    alphabet=st.characters(whitelist_categories=("Ll", "Lu", "Nd")), min_size=1, max_size=30
)
cell = st.lists(words, min_size=0, max_size=12).map(" ".join)


@settings(max_examples=60, deadline=None)
@given(
    headers=st.lists(words, min_size=1, max_size=10, unique=True),
    rows=st.integers(min_value=0, max_value=6),
    data=st.data(),
    room=st.integers(min_value=200, max_value=2000),
)
def test_no_header_nor_word_is_ever_cut(
    headers: list[str], rows: int, data: st.DataObject, room: int
) -> None:
    frame = pd.DataFrame(
        {h: data.draw(st.lists(cell, min_size=rows, max_size=rows)) for h in headers}
    )
    layout = fit_table(frame, room)
    assert set(layout.widths) == set(headers)
    for header in headers:
        cells = frame[header].tolist()
        floor = max(
            [text_px(header) + HEADER_PAD]
            + [text_px(word) + CELL_PAD for text in cells for word in text.split()]
        )
        assert layout.widths[header] >= min(floor, MAX_COLUMN)
    if layout.fits:
        assert layout.total <= room
    assert ONE_LINE_ROW <= layout.row_height <= MAX_LINES * 22 + 22


@pytest.mark.parametrize(
    ("lang", "fte", "total"), [("fr", "3,1", "1\u202f548"), ("en", "3.1", "1,548")]
)
def test_numbers_are_written_with_the_languages_separators(lang: str, fte: str, total: str) -> None:
    frame = pd.DataFrame(
        {
            "Pôle": pd.array(["A", "B"], dtype="string"),
            "ETP": pd.array([3.1, None], dtype="Float64"),
            "Déposés": pd.array([1548, None], dtype="Int64"),
            "Synthétique": [True, False],
        }
    )
    assert set(number_formats(frame, lang)) == {"ETP", "Déposés"}  # type: ignore[arg-type]
    shown = shown_text(frame, lang)  # type: ignore[arg-type]
    assert shown["ETP"].tolist() == [fte, "–"]
    assert shown["Déposés"].tolist() == [total, "–"]
    assert shown["Synthétique"].tolist() == [True, False]  # booleans stay checkboxes
    assert frame["Déposés"].tolist() == [1548, pd.NA]  # the frame itself is untouched


def test_fits_in_lines_counts_the_rows_lines_and_never_breaks_a_word() -> None:
    frame = pd.DataFrame({"Sector": ["Mobility, aeronautics and logistics"]})
    one_line = column_fit("Sector", frame["Sector"].tolist()).natural
    assert fits_in_lines(frame, one_line + 2, 1)
    assert not fits_in_lines(frame, one_line - 20, 1)
    assert fits_in_lines(frame, one_line - 20, 2)  # "logistics" on a second line
    word = pd.DataFrame({"Région": ["Bourgogne-Franche-Comté"]})
    assert not fits_in_lines(word, text_px("Bourgogne") + 40, MAX_LINES)


@settings(max_examples=30, deadline=None)
@given(room=st.integers(min_value=0, max_value=1_500), lines=st.integers(1, MAX_LINES))
def test_fits_in_lines_agrees_with_the_layout_and_a_column_more_never_helps(
    room: int, lines: int
) -> None:
    if fits_in_lines(PEERS, room, lines):
        layout = fit_table(PEERS, room)
        assert layout.fits and layout.row_height <= max(ONE_LINE_ROW, lines * 22 + 22)
    for width in range(1, len(PEERS.columns)):
        if fits_in_lines(PEERS.iloc[:, : width + 1], room, lines):
            assert fits_in_lines(PEERS.iloc[:, :width], room, lines)


@settings(max_examples=30, deadline=None)
@given(
    room=st.integers(min_value=0, max_value=1_500),
    lines=st.integers(1, MAX_LINES),
    order=st.permutations(list(range(1, len(PEERS.columns)))),
)
def test_columns_that_fit_takes_each_column_that_still_fits_in_turn(
    room: int, lines: int, order: list[int]
) -> None:
    """The same choice as trying `fits_in_lines` on the columns taken so far plus each."""
    headers = [str(column) for column in PEERS.columns]
    wanted = [headers[i] for i in order]
    chosen = headers[:1]
    for header in wanted:
        trial = [h for h in headers if h in chosen or h == header]
        if fits_in_lines(PEERS[trial], room, lines):
            chosen.append(header)
    expected = [h for h in headers if h in chosen]
    assert columns_that_fit(PEERS, room, lines, wanted) == expected


def test_an_n_row_under_a_wrapping_table_keeps_its_widths_on_one_line() -> None:
    layout = fit_table(PEERS, 820)
    single = layout.one_line()
    assert layout.wraps and not single.wraps
    assert single.widths == layout.widths and single.fits == layout.fits
