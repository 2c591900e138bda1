"""The template workbook's shared look, so every sheet marks its example row the same way.

Bold headers, the example row in grey italics on pale yellow (staff should see at a glance
that it is to be deleted), wrapped note cells, and the rows the input lists cover.
"""

from __future__ import annotations

from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

#: Rows below the headers that the input lists and number checks cover.
INPUT_ROWS = 1000
BOLD = Font(bold=True)
EXAMPLE_FONT = Font(italic=True, color="7F7F7F")
EXAMPLE_FILL = PatternFill("solid", fgColor="FFF2CC")
WRAP = Alignment(wrap_text=True, vertical="top")


def span(column: int, first_row: int = 2) -> str:
    """The cells of `column` an input list covers: `INPUT_ROWS` rows from `first_row`."""
    letter = get_column_letter(column)
    return f"{letter}{first_row}:{letter}{first_row + INPUT_ROWS - 1}"
