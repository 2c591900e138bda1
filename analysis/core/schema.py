"""The survey's schema, one import away: the questions, the side sheets, the regions, and
the words a cell may hold instead of an answer.

The questions live in `fields`, the projects/round/initiatives sheets' vocabulary in
`side_sheets`, the regions in `regions`; this module gathers them (callers import
`analysis.core.schema` and need not know which part holds a name) and keeps the cell
vocabulary that every sheet's reader shares: the template's example pole, totals words,
Excel's error texts.
"""

from __future__ import annotations

from analysis.core.fields import (
    COORDINATOR_MEMBERS,
    EUROPE_TEAM_FTE,
    EUROPE_TEAM_RECRUITMENTS,
    FIELDS,
    FIELDS_BY_KEY,
    MEMBERS,
    NUMERIC_POLE_FIELDS,
    PLANS_TO_RECRUIT,
    POLE,
    POLE_FIELDS,
    PROJECTS_FUNDED,
    PROJECTS_SUBMITTED,
    REGION,
    SECTOR,
    YEAR_MAX,
    YEAR_MIN,
    YEARLY_FIELDS,
    Field,
    Kind,
)
from analysis.core.regions import (
    METROPOLITAN_REGIONS,
    OVERSEAS_REGIONS,
    REGIONS,
)
from analysis.core.side_sheets import (
    INITIATIVE_COLUMNS,
    INITIATIVES_SHEET_NAMES,
    PROGRAMMES,
    PROJECT_COLUMNS,
    PROJECTS_SHEET_NAMES,
    ROLES,
    ROUND_SHEET_KEYS,
    ROUND_SHEET_NAMES,
)

#: The pole name of the template's example row, per language. A row that still holds it
#: is an error at ingestion (someone forgot to delete the example), never a pole.
EXAMPLE_POLE: dict[str, str] = {
    "fr": "EXEMPLE — supprimez cette ligne",
    "en": "EXAMPLE — delete this row",
}

#: Words that mark a pole cell as a totals row rather than an answer.
TOTAL_WORDS: tuple[str, ...] = (
    "total",
    "totaux",
    "ensemble",
    "sum",
    "grand total",
    "somme",
    "tous",
)

#: Cell texts that Excel writes for formula errors.
EXCEL_ERRORS: tuple[str, ...] = (
    "#DIV/0!",
    "#N/A",
    "#REF!",
    "#VALUE!",
    "#NAME?",
    "#NUM!",
    "#NULL!",
    "#GETTING_DATA",
    "#SPILL!",
    "#CALC!",
    "#FIELD!",
    "#BLOCKED!",
    "#CONNECT!",
    "#BUSY!",
    "#UNKNOWN!",
)

__all__ = [
    "COORDINATOR_MEMBERS",
    "EUROPE_TEAM_FTE",
    "EUROPE_TEAM_RECRUITMENTS",
    "EXAMPLE_POLE",
    "EXCEL_ERRORS",
    "FIELDS",
    "FIELDS_BY_KEY",
    "INITIATIVES_SHEET_NAMES",
    "INITIATIVE_COLUMNS",
    "MEMBERS",
    "METROPOLITAN_REGIONS",
    "NUMERIC_POLE_FIELDS",
    "OVERSEAS_REGIONS",
    "PLANS_TO_RECRUIT",
    "POLE",
    "POLE_FIELDS",
    "PROGRAMMES",
    "PROJECTS_FUNDED",
    "PROJECTS_SHEET_NAMES",
    "PROJECTS_SUBMITTED",
    "PROJECT_COLUMNS",
    "REGION",
    "REGIONS",
    "ROLES",
    "ROUND_SHEET_KEYS",
    "ROUND_SHEET_NAMES",
    "SECTOR",
    "TOTAL_WORDS",
    "YEARLY_FIELDS",
    "YEAR_MAX",
    "YEAR_MIN",
    "Field",
    "Kind",
]
