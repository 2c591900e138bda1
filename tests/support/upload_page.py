"""The upload page's AppTest helpers: the page opened, a file uploaded, its tables read back
(the preview's coloured cells included), and the files the upload tests send."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from analysis.store import SurveyStore
from tests.support.apptest import open_app
from tests.support.messy import messy_grid, xlsx_from_grid

PAGE = "pages/upload.py"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
UNKNOWN_HEADER = "Q6 - Nb de chefs de file"


@pytest.fixture
def store(app_db: str) -> Iterator[SurveyStore]:
    """The test's own store, as the page sees it."""
    with SurveyStore(app_db) as opened:
        yield opened


def page(lang: str = "en", *, editor: bool = True) -> AppTest:
    """The upload page, signed in as an editor unless `editor` is False."""
    return open_app(PAGE, lang=lang, editor=editor)


def upload(at: AppTest, name: str, content: bytes) -> AppTest:
    at.file_uploader(key="upload_file").set_value((name, content, XLSX)).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


#: How each table of the page is recognised: its first columns (read-only tables carry no key).
TABLES: dict[str, tuple[str, ...]] = {
    "report": ("severity", "sheet", "row"),
    "preview": ("A", "B", "C"),
    "columns": ("Column", "Header", "Read as"),
    "flagged": ("cell", "pole", "figure", "before", "after", "why"),
    "headline": ("figure", "before", "after"),
}


def frame(at: AppTest, name: str) -> pd.DataFrame:
    """The table `name` (see `TABLES`) as drawn."""
    wanted = list(TABLES[name])
    found = [df for df in at.dataframe if list(df.value.columns[: len(wanted)]) == wanted]
    if name == "preview":
        # The report's preview comes first; the comparison's own window of changed cells,
        # further down, has the same letters.
        found = found[:1]
    assert len(found) == 1, f"{len(found)} table(s) {name}"
    return found[0].value


def styles_of_preview(at: AppTest) -> str:
    """The CSS the preview's Styler sent."""
    wanted = list(TABLES["preview"])
    table = next(df for df in at.dataframe if list(df.value.columns[:3]) == wanted)
    return str(table.proto.arrow_data.styler.styles)


#: The preview's colours by severity (`step_report.STYLES`'s backgrounds).
COLOURS = {"#f4c7c3": "error", "#fde8b0": "warning"}


def marked_cells(at: AppTest) -> dict[tuple[int, str], str]:
    """`(row, letter) -> "error" | "warning"` for every cell the preview colours.

    The Styler's CSS names cells by position, cells of the same style in one rule
    (`#T_x_row3_col14, #T_x_row5_col2 { background-color: ... }`); the positions are
    turned back into the sheet's row numbers and column letters.
    """
    shown = frame(at, "preview")
    marked: dict[tuple[int, str], str] = {}
    for selectors, colour in re.findall(
        r"([^{}]+)\{ background-color: (#[0-9a-f]{6})", styles_of_preview(at)
    ):
        for row, col in re.findall(r"_row(\d+)_col(\d+)", selectors):
            marked[(int(shown.index[int(row)]), str(shown.columns[int(col)]))] = COLOURS[colour]
    return marked


#: The initiatives sheet of `side_sheets_xlsx`: two applications, the first by "Minalogik".
INITIATIVES = [
    ["Pôle", "Titre", "Catégorie", "Date de début"],
    ["Minalogik", "Réseau de living labs", "Success story", "14/05/2022"],
    ["CAP DIGITAL", "Guichet Europe", "impact", "2021-01-01"],
]
#: The projects sheet of `side_sheets_xlsx`: two answering poles' projects of one year, as
#: many as they answer in the responses sheet (so no totals warning).
PROJECTS = [
    ["Pôle", "Année", "Programme", "Déposés", "Retenus"],
    ["Minalogic", 2021, "Horizon Europe", 24, 6],
    ["Cap Digital", 2022, "LIFE", 31, 9],
]


def side_sheets_xlsx(
    initiatives: list[list[Any]] | None = None,
    projects: list[list[Any]] | None = None,
    **changes: Any,
) -> bytes:
    """The messy export (with `changes`, as `grid`) followed by an "Initiatives" and a
    "Projets" sheet (by default `INITIATIVES` and `PROJECTS`)."""
    return xlsx_from_grid(
        grid(**changes),
        after=[("Initiatives", initiatives or INITIATIVES), ("Projets", projects or PROJECTS)],
    )


def rerun(at: AppTest) -> AppTest:
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def grid(**changes: Any) -> list[list[Any]]:
    """The messy export with some cells changed: `cell=(row, column_index, value)`."""
    rows = messy_grid()
    for row, column, value in changes.values():
        rows[row - 1][column] = value
    return rows


def unknown_column_xlsx(**changes: Any) -> bytes:
    """The messy export whose coordinators' header matches no question (column L)."""
    return xlsx_from_grid(grid(header=(4, 11, UNKNOWN_HEADER), **changes))


def headline(at: AppTest) -> dict[str, list[str]]:
    table = frame(at, "headline")
    return {row[0]: list(row[1:]) for row in table.itertuples(index=False)}


def store_button(at: AppTest) -> Any:
    return at.button(key="upload_store")
