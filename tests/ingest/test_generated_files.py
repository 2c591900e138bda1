"""Generated files find what hand-written fixtures miss (issue 13, item 9).

Hypothesis builds workbooks and CSVs with every kind of cell (durations, times, dates,
booleans, error values, huge numbers, NaN and infinities typed as text, long strings,
formula-looking text), odd header rows (blank, duplicated, numeric, error values, on two
rows) and junk rows (blank rows, notes above the header, a totals row), and checks that
`ingest` always answers with a report (or a clear unreadable-file error) and nothing else.
Well-formed generated surveys must give the figures computed here independently, from the
generated numbers themselves.

Examples are bounded and derandomized (the same examples on every run, so CI is stable);
`deadline=None` because building a workbook takes a variable few milliseconds.
"""

from __future__ import annotations

import math
from datetime import date, datetime, timedelta
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.analytics.metrics import summary_dict
from analysis.core.model import SourceFile
from analysis.core.registry import Registry
from analysis.core.schema import EXCEL_ERRORS
from analysis.ingest.pipeline import IngestResult, ingest
from tests.support.files import ExcelError, csv_bytes, xlsx_bytes

SETTINGS = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
POLES = sorted(Registry.default().poles)
HEADERS = [
    "Pôle",
    "Nom du pôle",
    "Région",
    "Membres",
    "Projets déposés 2021",
    "Projets financés 2021",
    "Projects submitted 2022",
    "Recrutements équipe Europe",
    "Nombre d'adhérents coordinateurs",
    "ETP équipe Europe",
    "Horodateur",
    "Temps de réponse",
    "Nom",
    "E-mail",
]

# --- any cell ------------------------------------------------------------------------------

texts = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        [
            "=SUM(A1:A3)",
            "'=1+1",
            "+33 6 12",
            "@user",
            "-",
            "n/a",
            "NaN",
            "inf",
            "-Infinity",
            "1e400",
            "1 234,5",
            "12 projets",
            "oui",
            "✓",
            "x" * 5000,
            "ligne 1\nligne 2",
            "\u00a0",
            *EXCEL_ERRORS,
            *HEADERS,
            *POLES[:5],
        ]
    ),
)
cells = st.one_of(
    st.none(),
    texts,
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.dates(min_value=date(1900, 3, 1), max_value=date(2100, 1, 1)),
    st.datetimes(min_value=datetime(1900, 3, 1), max_value=datetime(2100, 1, 1)),
    st.times(),
    st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=400)),
    st.sampled_from(EXCEL_ERRORS).map(ExcelError),
)
header_cells = st.one_of(
    st.sampled_from(HEADERS),
    st.none(),
    st.integers(min_value=2015, max_value=2030),
    st.sampled_from(EXCEL_ERRORS).map(ExcelError),
    texts,
)


@st.composite
def grids(draw: st.DrawFn) -> list[list[Any]]:
    """A sheet: notes above, one or two header rows, answer rows with junk among them.

    The header row usually names the pole and the answers usually start with a pole name,
    so that most examples go past the header search into cleaning and checks, where the
    cells of every kind are read.
    """
    width = draw(st.integers(min_value=1, max_value=8))
    pole_header = st.one_of(st.sampled_from(["Pôle", "Nom du pôle", "Cluster"]), header_cells)
    pole = st.one_of(st.sampled_from(POLES), cells)
    grid: list[list[Any]] = draw(st.lists(st.lists(texts, max_size=2), max_size=3))  # notes
    grid.append([draw(pole_header), *draw(st.lists(header_cells, min_size=width, max_size=width))])
    if draw(st.booleans()):  # a second header row (years under group titles)
        grid.append(draw(st.lists(header_cells, min_size=width, max_size=width + 1)))
    for _ in range(draw(st.integers(min_value=0, max_value=8))):
        grid.append([draw(pole), *draw(st.lists(cells, max_size=width))])
        if draw(st.integers(0, 5)) == 0:
            grid.append([])  # a blank row
    if draw(st.booleans()):
        grid.append(["Total", *draw(st.lists(cells, max_size=width))])
    return grid


def _for_xlsx(value: Any) -> Any:
    """xlsxwriter refuses NaN and infinities, which a real file cannot hold either."""
    return None if isinstance(value, float) and not math.isfinite(value) else value


def _answered(result: IngestResult) -> None:
    """A report in both languages, a clear refusal when unreadable, and nothing else."""
    assert isinstance(result, IngestResult)
    report = result.report
    if report.unreadable:
        assert len(report.problems) == 1
    assert report.problems or result.survey is not None
    for problem in report.problems:
        for lang in ("en", "fr"):
            assert problem.message(lang).strip()
    if result.survey is not None:
        summary_dict(result.survey)  # the figures can be computed from whatever was built


@SETTINGS
@given(grid=grids())
def test_any_generated_workbook_gets_a_report(grid: list[list[Any]]) -> None:
    rows = [[_for_xlsx(value) for value in row] for row in grid]
    _answered(ingest(SourceFile("generated.xlsx", xlsx_bytes(rows))))


@SETTINGS
@given(
    grid=grids(),
    delimiter=st.sampled_from([";", ",", "\t"]),
    encoding=st.sampled_from(["utf-8", "cp1252", "utf-16-le"]),
)
def test_any_generated_csv_gets_a_report(
    grid: list[list[Any]], delimiter: str, encoding: str
) -> None:
    rows = [[_csv_cell(value, encoding) for value in row] for row in grid]
    content = csv_bytes(rows, delimiter=delimiter, encoding=encoding, bom=encoding != "cp1252")
    _answered(ingest(SourceFile("generated.csv", content)))


def _csv_cell(value: Any, encoding: str) -> Any:
    """A cell as a CSV export writes it: text, in characters the encoding can hold."""
    if value is None or isinstance(value, ExcelError):
        return value
    text = str(value)
    return text.encode(encoding, errors="replace").decode(encoding)


# --- well-formed surveys: the figures are the sums of the generated columns ----------------


@st.composite
def surveys(draw: st.DrawFn) -> tuple[list[str], list[int], dict[str, list[list[int | None]]]]:
    """Distinct registry poles, the years asked, and per pole and year the counts."""
    poles = draw(st.lists(st.sampled_from(POLES), min_size=1, max_size=12, unique=True))
    years = sorted(draw(st.sets(st.integers(2018, 2024), min_size=1, max_size=4)))
    count = st.one_of(st.none(), st.integers(min_value=0, max_value=5000))
    submitted = [[draw(count) for _ in years] for _ in poles]
    funded = [
        [None if s is None else draw(st.integers(min_value=0, max_value=s)) for s in row]
        for row in submitted
    ]
    recruitments = [[draw(count)] for _ in poles]
    return poles, years, {"submitted": submitted, "funded": funded, "recruit": recruitments}


def _total(values: list[int | None] | list[list[int | None]]) -> int | None:
    """The sum of the known values (nested lists flattened); `None` when none is known."""
    flat = [v for row in values for v in (row if isinstance(row, list) else [row])]
    known = [v for v in flat if v is not None]
    return sum(known) if known else None


@SETTINGS
@given(survey=surveys(), as_csv=st.booleans(), blank_rows=st.booleans())
def test_generated_surveys_give_the_sums_of_their_columns(
    survey: tuple[list[str], list[int], dict[str, list[list[int | None]]]],
    as_csv: bool,
    blank_rows: bool,
) -> None:
    poles, years, data = survey
    headers = [
        "Pôle",
        *(f"Projets déposés {y}" for y in years),
        *(f"Projets financés {y}" for y in years),
        "Recrutements équipe Europe",
    ]
    rows: list[list[Any]] = [["Enquête générée"], [], headers]
    for i, pole in enumerate(poles):
        rows.append([pole, *data["submitted"][i], *data["funded"][i], data["recruit"][i][0]])
        if blank_rows:
            rows.append([])
    content = csv_bytes(rows, encoding="utf-8") if as_csv else xlsx_bytes(rows)
    result = ingest(SourceFile("generated.csv" if as_csv else "generated.xlsx", content))
    assert result.survey is not None, [p.message("en") for p in result.report.problems]
    assert not result.report.errors, [p.message("en") for p in result.report.errors]
    figures = summary_dict(result.survey)
    assert figures["respondents"] == len(poles)
    for j, year in enumerate(years):
        column = [row[j] for row in data["submitted"]]
        assert figures["projects_submitted_by_year"][str(year)] == _total(column)
    assert figures["projects_submitted_total"] == _total(data["submitted"])
    assert figures["projects_funded_total"] == _total(data["funded"])
    assert figures["europe_team_recruitments_total"] == _total(data["recruit"])
