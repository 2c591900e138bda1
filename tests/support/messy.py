"""Builders of real-world-ugly survey files, as bytes, written in code so they can be read.

The messy French export is what a pole network actually sends: title rows above the
headers (one merged over A1:F1), a blank row, numbered questions, headers without accents
and with notes in brackets, pole names in capitals, numbers typed as text with no-break
spaces, yes/no in every case with stray spaces, a blank row in the middle, an extra
"Commentaires" column, and a totals row at the bottom. `MESSY_EXPECTED` holds, written
out by hand from those rows, the figures the pipeline must find.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

import openpyxl
import pandas as pd
import xlwt

NBSP = "\u00a0"
NNBSP = "\u202f"

Row = Sequence[Any]

MESSY_TITLE = "Enquête Europe des pôles de compétitivité — campagne 2023"
MESSY_HEADERS: list[str] = [
    "Q1 - Nom du pôle",
    "Q2 - Region",
    *(f"Q3 - Projets deposes {year} (nombre)" for year in range(2019, 2023)),
    *(f"Q4 - Projets retenus en {year}" for year in range(2019, 2023)),
    "Q5 - Recrutements equipe Europe (nombre)",
    "Q6 - Adherents coordinateurs de projets",
    "Q7 - Prevoit de recruter en 2023 ?",
    "ETP équipe Europe",
    "Commentaires",
]

#: The answers: pole, region, submitted 2019-2022, funded 2019-2022, recruitments,
#: coordinators, plans, FTE (as a number: the CSV writes it with a decimal comma), comment.
#: `None` is a blank cell. Numbers in quotes are typed as text in the workbook too.
MESSY_ANSWERS: list[list[Any]] = [
    [
        "AEROSPACE VALLEY",
        "Occitanie",
        30,
        32,
        35,
        f"1{NBSP}234",
        8,
        9,
        10,
        12,
        3,
        10,
        "OUI ",
        2.5,
        "Très actif à l'international",
    ],
    ["CAP DIGITAL", "Ile-de-France", 25, 27, "29", 31, 6, 7, 8, 9, 2, 8, "non", 1.5, None],
    None,  # a blank row in the middle
    ["MINALOGIC", "Auvergne-Rhone-Alpes", 20, 22, 24, 26, 5, 6, 6, 7, 1, 6, "Oui", 1, None],
    ["POLE MER MEDITERRANEE", "PACA", 10, 11, 12, 13, 3, 3, 4, 4, 0, 4, "oui", 0.5, None],
    ["VALORIAL", None, 8, 9, None, 10, 2, 2, None, 3, None, 3, "NON", 1.25, "  "],
]
#: The totals row, with correct sums (blank answers left out), written by hand.
MESSY_TOTALS: list[Any] = [
    "Total",
    None,
    93,
    101,
    100,
    f"1{NBSP}314",
    24,
    27,
    28,
    35,
    6,
    31,
    None,
    6.75,
    None,
]

#: What the pipeline must find in the messy export, computed by hand from the rows above.
MESSY_EXPECTED: dict[str, Any] = {
    "header_row": 4,
    "poles": [
        "Aerospace Valley",
        "Cap Digital",
        "Minalogic",
        "Pôle Mer Méditerranée",
        "Valorial",
    ],
    "source_rows": [5, 6, 8, 9, 10],
    "regions": [
        "Occitanie",
        "Île-de-France",
        "Auvergne-Rhône-Alpes",
        "Provence-Alpes-Côte d'Azur",
        "Bretagne",  # blank in the file: the registry's region
    ],
    "submitted_by_year": {2019: 93, 2020: 101, 2021: 100, 2022: 1314},
    "funded_by_year": {2019: 24, 2020: 27, 2021: 28, 2022: 35},
    "submitted_total": 1608,
    "funded_total": 114,
    "recruitments": 6,  # Valorial left it blank: n = 4
    "recruitments_n": 4,
    "coordinators": 31,
    "plans": [True, False, True, True, False],
    "fte": [2.5, 1.5, 1.0, 0.5, 1.25],
    "totals_row": 11,
}


def _grid(title_rows: Sequence[Row], headers: Row, rows: Sequence[Row | None]) -> list[list[Any]]:
    """Title rows, a blank row, the headers, then the rows (`None` is a blank row)."""
    grid: list[list[Any]] = [list(r) for r in title_rows]
    grid.append([])
    grid.append(list(headers))
    grid.extend([] if r is None else list(r) for r in rows)
    return grid


def messy_grid() -> list[list[Any]]:
    """The messy French export as a grid of rows (row 1 first)."""
    titles = [[MESSY_TITLE], ["Réponses brutes, export du 31/03/2023"]]
    return _grid(titles, MESSY_HEADERS, [*MESSY_ANSWERS, MESSY_TOTALS])


def xlsx_from_grid(
    grid: Sequence[Row],
    *,
    sheet: str = "Réponses",
    merge: str | None = None,
    before: Sequence[tuple[str, Sequence[Row]]] = (),
    after: Sequence[tuple[str, Sequence[Row]]] = (),
    hidden: Sequence[str] = (),
) -> bytes:
    """An .xlsx with `grid` on `sheet` (and other sheets before or after it)."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in [*before, (sheet, grid), *after]:
        ws = book.create_sheet(name)
        for row in rows:
            ws.append(list(row))
        if name == sheet and merge:
            ws.merge_cells(merge)
        if name in hidden:
            ws.sheet_state = "hidden"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def messy_xlsx() -> bytes:
    """The messy French export as .xlsx, with the title merged over A1:F1."""
    return xlsx_from_grid(messy_grid(), merge="A1:F1")


def _csv_cell(value: Any, decimal_comma: bool) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and decimal_comma:
        text = f"{value:g}".replace(".", ",")
    else:
        text = str(value)
    if any(c in text for c in ';"\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def csv_from_grid(
    grid: Sequence[Row],
    *,
    delimiter: str = ";",
    encoding: str = "cp1252",
    decimal_comma: bool = True,
) -> bytes:
    """A CSV as Excel writes it in France: `;`, cp1252, decimal commas, CRLF."""
    width = max(len(r) for r in grid)
    lines = []
    for row in grid:
        cells = list(row) + [None] * (width - len(row))
        lines.append(delimiter.join(_csv_cell(v, decimal_comma) for v in cells))
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


def messy_csv() -> bytes:
    """The same answers as a `;`-separated cp1252 CSV, decimal commas in the FTE column."""
    return csv_from_grid(messy_grid())


def xls_from_grid(grid: Sequence[Row], *, sheet: str = "Réponses") -> bytes:
    """A legacy .xls (BIFF8) written with xlwt."""
    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet(sheet)
    for r, row in enumerate(grid):
        for c, value in enumerate(row):
            if value is not None:
                ws.write(r, c, value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def ods_from_grid(grid: Sequence[Row], *, sheet: str = "Réponses") -> bytes:
    """An OpenDocument spreadsheet written through pandas' odf engine."""
    width = max(len(r) for r in grid)
    frame = pd.DataFrame([list(r) + [None] * (width - len(r)) for r in grid], dtype=object)
    out = io.BytesIO()
    with pd.ExcelWriter(out, engine="odf") as writer:
        frame.to_excel(writer, sheet_name=sheet, header=False, index=False)
    return out.getvalue()


# --- An English file without any ugliness ---

CLEAN_HEADERS: list[str] = [
    "Cluster",
    "Region",
    "Sector",
    "Projects submitted 2021",
    "Projects submitted 2022",
    "Projects funded 2021",
    "Projects funded 2022",
    "Europe team recruitments",
    "Members coordinating projects",
    "Plans to recruit in 2023",
    "Europe team FTE",
    "Number of members",
]
CLEAN_ROWS: list[list[Any]] = [
    ["Aerospace Valley", "Occitanie", "Aerospace", 40, 44, 10, 12, 2, 12, "yes", 3.0, 800],
    ["Systematic", "Île-de-France", "Digital", 35, 37, 9, 11, 1, 9, "no", 2.0, 900],
    ["Vitagora", "Bourgogne-Franche-Comté", "Agri-food", 6, 7, 2, 2, 0, 2, "yes", 0.8, 150],
]


def clean_grid() -> list[list[Any]]:
    """The clean English file: headers on row 1."""
    return [CLEAN_HEADERS, *CLEAN_ROWS]


def clean_xlsx() -> bytes:
    """The clean English file as .xlsx (sheet "Responses")."""
    return xlsx_from_grid(clean_grid(), sheet="Responses")


# --- Workbooks with more than one sheet ---

NOTES_SHEET: list[list[Any]] = [
    ["Notes"],
    ["This workbook holds the 2023 answers; see the Responses sheet."],
    ["Pôle", "Contact"],  # a pole header alone must not make this the responses sheet
    ["Aerospace Valley", "someone@example.org"],
]
PROJECTS_SHEET: list[list[Any]] = [
    ["Pôle", "Année", "Programme", "Déposés", "Retenu", "Rôle", "Titre"],
    ["Aerospace Valley", 2021, "Horizon Europe", 30, 8, "Coordinateur", "SKYWAY"],
    [None, 2021, "Interreg Sudoe", 10, "oui", "partenaire", "SUDOE-AIR"],
    ["Aerospace Valley", 2022, "H2020", 1, "non", "partner", "LEGACY"],
    ["Systematic", 2022, "Digital Europe", 37, 11, "lead", "DIGI"],
    ["Vitagora", 2019, "LIFE", 1, 0, "partner", "OLD"],
]
ROUND_SHEET: list[list[Any]] = [
    ["Clé", "Valeur"],
    ["Libellé", "Enquête 2023"],
    ["Début de période", 2021],
    ["Fin de période", "2022"],
    ["Pôles interrogés", 55],
    ["Date de collecte", "31/03/2023"],
    ["Données synthétiques", "non"],
]


def multi_sheet_xlsx(*, hidden_copy: bool = False) -> bytes:
    """Notes first, then the responses, then `projects` and a `round` sheet."""
    after = [("projects", PROJECTS_SHEET), ("round", ROUND_SHEET)]
    before: list[tuple[str, Sequence[Row]]] = [("Notes", NOTES_SHEET)]
    hidden = []
    if hidden_copy:
        before.append(("Brouillon", clean_grid()))
        hidden.append("Brouillon")
    return xlsx_from_grid(
        clean_grid(), sheet="Responses", before=before, after=after, hidden=hidden
    )


def header_on_row(row: int) -> list[list[Any]]:
    """The clean file with `row - 1` rows of titles and blanks above its headers."""
    titles: list[list[Any]] = [["Survey 2023"], [], ["Prepared by the network"]]
    titles += [[] for _ in range(row - 1 - len(titles))]
    return [*titles, CLEAN_HEADERS, *CLEAN_ROWS]


def wrong_totals_grid() -> list[list[Any]]:
    """The clean file with a `TOTAL GÉNÉRAL` row whose 2021 submissions are wrong."""
    sums = ["TOTAL GÉNÉRAL", None, None, 80, 88, 21, 25, 3, 23, None, 5.8, 1850]
    return [*clean_grid(), sums]


def uglier_grid() -> list[list[Any]]:
    """More ugliness: pole column not first, headers in capitals with trailing spaces,
    per-year columns out of order, a `Total général` row that agrees."""
    headers = [
        "N° ",
        "REGION ",
        "PROJETS RETENUS 2022 ",
        "PÔLE ",
        "PROJETS DÉPOSÉS 2022",
        "PROJETS DÉPOSÉS 2021 ",
        "PROJETS RETENUS 2021",
        "NOMBRE D'ADHÉRENTS",
    ]
    rows = [
        [1, "Grand Est", 3, "Materalia", 12, "10", 2, f"1{NNBSP}050"],
        [2, "Normandie", 1, "NextMove", 9, 8, 1, "420"],
        [None, None, 4, "Total général", 21, 18, 3, 1470],
    ]
    return [headers, *rows]


def two_row_header_xlsx() -> bytes:
    """Group titles merged over year cells (C2:E2, F2:H2), the pole header merged A2:A3."""
    grid = [
        ["Enquête Europe 2023"],
        ["Pôle", "Région", "Projets déposés", None, None, "Projets retenus", None, None],
        [None, None, 2020, 2021, 2022, 2020, 2021, 2022],
        ["Aerospace Valley", "Occitanie", 10, 11, 12, 3, 4, 5],
        ["Cap Digital", "Île-de-France", 7, 8, 9, 1, 2, 3],
    ]
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Réponses"
    for row in grid:
        ws.append(row)
    for cells in ("A2:A3", "B2:B3", "C2:E2", "F2:H2"):
        ws.merge_cells(cells)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
