"""Column widths that let a table fit the page: headers whole, cells wrapped, first column pinned.

Streamlit's data grid gives every column the same default width, so at 1280 px a table of
seven columns cut the ones that matter (the region and sector medians on Peers, the
eligibility on Awards, the problem's message) behind a horizontal scroll or an ellipsis.
Here the widths come from the text itself, in pixels of the grid's 14 px font:

- a column is never narrower than its header (the grid never wraps a header) nor than
  its longest word (a word is never broken);
- when the table's natural widths fit the room, each column gets its natural width and
  the leftover is shared, so nothing wraps;
- when they do not but the floors do, rows take the fewest lines that the room allows
  (each column as narrow as that many lines permit, the rest shared), and the grid wraps
  the cells;
- when not even the floors fit (the Data page's dozens of columns), each column is as
  narrow as `MAX_LINES` lines allow, and the table scrolls sideways with its first column
  pinned (a page can bring the columns that matter next to it, `ui.tables`).

Pure (pandas only), so the rule is tested without a browser; `ui/tables.py` draws it.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial

import pandas as pd

from analysis.core.i18n import Lang, fmt_number

#: Average advance of a character of the grid's 14 px Source Sans, in pixels (measured
#: on the dashboard's headers and dates in Chromium: digits are 7, lowercase about 6.3).
CHAR_PX = 6.8
#: A cell's left and right padding together (8.5 px each side) and a pixel to spare.
CELL_PAD = 18
#: A header's padding (8.5 px each side) and a few pixels to spare.
HEADER_PAD = 22
#: The widest a column grows (a long comment wraps instead).
MAX_COLUMN = 360
#: The narrowest column.
MIN_COLUMN = 48
#: The most text lines a row grows to when its cells wrap.
MAX_LINES = 4
#: Height of one line of wrapped text and the row's own padding, in pixels. The grid
#: wraps cell text only in rows taller than 4 rem (64 px): two lines already are.
LINE_PX = 22
ROW_PAD = 22
#: The grid's own row height (one line).
ONE_LINE_ROW = 35
#: Room the grid's border and vertical scrollbar take from the container's width.
FRAME_PX = 2


def text_px(text: str) -> int:
    """Approximate width of `text` in the grid's font, in pixels."""
    return math.ceil(len(text) * CHAR_PX)


def _cells(column: pd.Series) -> list[str]:
    return ["" if pd.isna(value) else str(value) for value in column.tolist()]


@dataclass(frozen=True)
class ColumnFit:
    """One column's needs: `floor` (header whole, longest word whole) and `natural`
    (every cell on one line), both in pixels and including padding."""

    floor: int
    natural: int


def column_fit(header: str, cells: list[str]) -> ColumnFit:
    """The floor and natural width of a column headed `header` holding `cells`."""
    longest_word = max((text_px(word) for cell in cells for word in cell.split()), default=0)
    longest_cell = max((text_px(cell) for cell in cells), default=0)
    floor = max(text_px(header) + HEADER_PAD, longest_word + CELL_PAD, MIN_COLUMN)
    natural = max(floor, longest_cell + CELL_PAD)
    return ColumnFit(floor=min(floor, MAX_COLUMN), natural=min(natural, MAX_COLUMN))


@dataclass(frozen=True)
class TableLayout:
    """Widths per header (pixels), the row height, and whether the table fits its room."""

    widths: dict[str, int]
    row_height: int
    fits: bool

    @property
    def total(self) -> int:
        """The table's width: its columns side by side."""
        return sum(self.widths.values())

    @property
    def wraps(self) -> bool:
        """Whether rows are taller than one line (the grid then wraps cell text)."""
        return self.row_height > ONE_LINE_ROW

    def one_line(self) -> TableLayout:
        """The same widths with rows of one line (a totals or n row of short numbers drawn
        under a table whose rows wrap)."""
        return TableLayout(widths=self.widths, row_height=ONE_LINE_ROW, fits=self.fits)


def _lines(cells: list[str], width: int) -> int:
    """Lines the longest of `cells` takes in a column `width` pixels wide, words whole."""
    room = max(width - CELL_PAD, 1)
    most = 1
    for cell in cells:
        lines, line = 1, 0
        for word in cell.split():
            size = text_px(word)
            needed = size if line == 0 else line + text_px(" ") + size
            if line and needed > room:
                lines, line = lines + 1, size
            else:
                line = needed
        most = max(most, lines)
    return most


def fit_table(frame: pd.DataFrame, room: int, max_lines: int = MAX_LINES) -> TableLayout:
    """Widths for `frame`'s columns within `room` pixels (the container's width).

    Columns are read as shown: give the frame its display strings (numbers written for the
    language) so the widths match what the grid draws. Rows are at most `max_lines` lines
    high (a table of sentences, such as the Awards page's reasons, may take more).
    """
    headers = [str(column) for column in frame.columns]
    cells = {header: _cells(frame.iloc[:, i]) for i, header in enumerate(headers)}
    fits = {header: column_fit(header, cells[header]) for header in headers}
    space = max(room - FRAME_PX, 0)
    natural = sum(fit.natural for fit in fits.values())
    floor = sum(fit.floor for fit in fits.values())
    if natural <= space:
        spare = space - natural
        widths = {h: fits[h].natural + spare // max(len(headers), 1) for h in headers}
        return TableLayout(widths=widths, row_height=ONE_LINE_ROW, fits=True)
    if floor > space:
        # A scroll is unavoidable: each column as narrow as the most lines allow.
        widths = {h: _narrowest(cells[h], fits[h], max_lines) for h in headers}
        return TableLayout(
            widths=widths, row_height=_row_height(cells, widths, max_lines), fits=False
        )
    # The fewest lines per row that the room allows, each column as narrow as that allows.
    for lines in range(2, max_lines + 1):
        narrowest = {h: _narrowest(cells[h], fits[h], lines) for h in headers}
        used = sum(narrowest.values())
        if used <= space:
            spare = (space - used) // len(headers)
            widths = {h: narrowest[h] + spare for h in headers}
            return TableLayout(
                widths=widths, row_height=_row_height(cells, widths, max_lines), fits=True
            )
    # Share the room above the floors in proportion to what each column still lacks.
    lack = {h: fits[h].natural - fits[h].floor for h in headers}
    spare = space - floor
    total_lack = sum(lack.values()) or 1
    widths = {h: fits[h].floor + (spare * lack[h]) // total_lack for h in headers}
    return TableLayout(widths=widths, row_height=_row_height(cells, widths, max_lines), fits=True)


def widths_in_lines(frame: pd.DataFrame, lines: int) -> dict[str, int | None]:
    """Each of `frame`'s columns at its narrowest width with no cell over `lines` lines
    (its natural width when it never wraps); None for a column that even at its widest
    (MAX_COLUMN) takes more. Each column's width depends on its own cells only."""
    widths: dict[str, int | None] = {}
    for i, column in enumerate(frame.columns):
        header = str(column)
        cells = _cells(frame.iloc[:, i])
        fit = column_fit(header, cells)
        width = _narrowest(cells, fit, lines)
        longest = max((text_px(cell) for cell in cells), default=0) + CELL_PAD
        # At its natural width a column is one line, unless MAX_COLUMN capped it.
        keeps = not (longest > width and _lines(cells, width) > lines)
        widths[header] = width if keeps else None
    return widths


def fits_in_lines(frame: pd.DataFrame, room: int, lines: int) -> bool:
    """Whether `frame`'s columns fit `room` pixels with no row taller than `lines` lines.

    Each column as narrow as `lines` lines allow (`widths_in_lines`); a column added can
    only make the sum wider, so a page can add columns one by one until the next would not
    fit (the Data page's compact view, `columns_that_fit`).
    """
    widths = widths_in_lines(frame, lines).values()
    if any(width is None for width in widths):
        return False  # not even its widest column keeps it to `lines` lines
    return sum(width or 0 for width in widths) <= max(room - FRAME_PX, 0)


def columns_that_fit(frame: pd.DataFrame, room: int, lines: int, order: Sequence[str]) -> list[str]:
    """The first column of `frame`, then each of `order` that still fits `room` pixels in
    rows of at most `lines` lines (`fits_in_lines` of the columns taken so far), skipped
    otherwise, so a narrow column further on may still join; in `frame`'s order.

    The widths are measured once per column, not again for every column tried."""
    headers = [str(column) for column in frame.columns]
    if not headers:
        return []
    widths = widths_in_lines(frame, lines)
    space = max(room - FRAME_PX, 0)
    first = widths[headers[0]]
    chosen = {headers[0]}
    if first is not None:
        used = first
        for header in order:
            width = widths.get(header)
            if header in chosen or width is None or used + width > space:
                continue
            chosen.add(header)
            used += width
    return [h for h in headers if h in chosen]


#: Step of the search for a column's narrowest width, in pixels.
_STEP = 6


def _narrowest(cells: list[str], fit: ColumnFit, lines: int) -> int:
    """The narrowest width from `fit.floor` at which every cell takes at most `lines`."""
    width = fit.floor
    while width < fit.natural and _lines(cells, width) > lines:
        width += _STEP
    return min(width, fit.natural)


def _row_height(cells: dict[str, list[str]], widths: dict[str, int], max_lines: int) -> int:
    lines = min(max(_lines(cells[h], widths[h]) for h in widths) if widths else 1, max_lines)
    return ONE_LINE_ROW if lines == 1 else lines * LINE_PX + ROW_PAD


#: Decimals shown for non-integer numbers in a table (full-time equivalents such as 2.5).
DISPLAY_DIGITS = 2


def number_columns(frame: pd.DataFrame) -> list[str]:
    """The columns holding numbers (not booleans), written for the language when shown."""
    return [
        column
        for column in frame.columns
        if pd.api.types.is_numeric_dtype(frame[column])
        and not pd.api.types.is_bool_dtype(frame[column])
    ]


def number_formats(frame: pd.DataFrame, lang: Lang) -> dict[str, Callable[[object], str]]:
    """Column -> how its numbers read in `lang`: `1 548` and `3,1` in French, `1,548` and
    `3.1` in English (the thousands separator everywhere, `–` for a blank)."""
    write = partial(fmt_number, lang=lang, digits=DISPLAY_DIGITS)
    return dict.fromkeys(number_columns(frame), write)


def shown_text(frame: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """`frame` as the grid shows it: numbers written for `lang`, everything as text."""
    shown = frame.copy()
    for column, write in number_formats(frame, lang).items():
        shown[column] = [write(value) for value in frame[column].tolist()]
    return shown
