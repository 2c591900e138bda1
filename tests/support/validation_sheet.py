"""The responses sheet the validation tests check: its headers, a good row, and the checks
run on rows typed in a test, with helpers to pick one problem and render it."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis.core.model import SourceFile
from analysis.core.registry import Registry
from analysis.ingest.mapping.columns import choose_sheet
from analysis.ingest.pipeline import ingest
from analysis.ingest.report import Problem
from analysis.ingest.sheets.responses import build_table
from analysis.ingest.validation.responses import (
    check_table,
)
from tests.support.files import xlsx_bytes

HEADERS = [
    "Pôle",  # A
    "Région",  # B
    "Projets déposés 2021",  # C
    "Projets retenus 2021",  # D
    "Recrutements équipe Europe",  # E
    "Prévoit de recruter",  # F
    "ETP équipe Europe",  # G
]
GOOD = ["Aerospace Valley", "Occitanie", 10, 4, 1, "oui", 1.5]


@dataclass(frozen=True)
class Sheet:
    """A stand-in for `reading.RawSheet`."""

    name: str
    cells: pd.DataFrame
    hidden: bool = False


def cells(rows: list[list[object] | None], first_row: int = 1) -> pd.DataFrame:
    width = max(len(r) for r in rows if r)
    grid = [[None] * width if r is None else list(r) + [None] * (width - len(r)) for r in rows]
    return pd.DataFrame(grid, index=range(first_row, first_row + len(grid)), dtype=object)


def check(rows: list[list[object] | None], registry: Registry | None = None) -> list[Problem]:
    registry = registry or Registry.default()
    chosen = choose_sheet([Sheet("Réponses", cells(rows))])
    assert chosen is not None
    sheet, mapping = chosen
    table = build_table(sheet.name, sheet.cells, mapping, registry)
    return check_table(table, registry)


def only(problems: list[Problem], code: str) -> Problem:
    """The one problem of `code`, its message checked to render whole in both languages."""
    found = [p for p in problems if p.code == code]
    assert len(found) == 1, [p.message("en") for p in problems]
    for lang in ("en", "fr"):
        assert_rendered(found[0], lang)
    return found[0]


def assert_rendered(problem: Problem, lang: str) -> None:
    """The message is a sentence: every placeholder filled, the place named first."""
    text = problem.message(lang)  # type: ignore[arg-type]
    assert "{" not in text and "}" not in text, text
    assert not text.startswith("validation."), text
    if problem.row is not None and problem.column:
        where = "row" if lang == "en" else "ligne"
        assert f"{where} {problem.row}, column" in text or f"{where} {problem.row}, colonne" in (
            text
        ), text


def poles_of(rows: list[list[object] | None]) -> list[str]:
    result = ingest(SourceFile("r.xlsx", xlsx_bytes([r or [] for r in rows])))
    assert result.survey is not None, result.report.to_text("en")
    return result.survey.responses["pole"].tolist()
