"""Hostile pole names (markup of Typst, Markdown, HTML, formulas, very long) print as text."""

from __future__ import annotations

from datetime import date

import pytest

from analysis.analytics.filters import Filters
from analysis.report import fact_sheet, pole_report
from analysis.report.batch import index_csv, reports
from tests.support.builders import make_round
from tests.support.hostile_names import HOSTILE_NAMES
from tests.support.pdf import squeezed, text

TODAY = date(2026, 12, 6)
#: Typst's own markup and code: each would change the page if it were read as Typst.
TYPST_NAMES: tuple[str, ...] = (
    "#set text(fill: red)",
    '#panic("x")',
    "*strong* _emph_ `raw`",
    "$x^2$ <label> @ref",
    "// comment ] [ \\ #",
    '#read("/etc/passwd")',
    "= Heading",
    "- item",
)
NAMES = (*HOSTILE_NAMES, *TYPST_NAMES)


def hostile() -> object:
    return make_round(
        [
            {
                "pole": name,
                "region": "Bretagne",
                "sector": "Health",
                "submitted": {2019: 3 + i, 2020: 4 + i},
            }
            for i, name in enumerate(NAMES)
        ],
        label="<b>#set</b> = 1",
    )


@pytest.mark.parametrize("name", NAMES)
def test_the_name_prints_as_it_is_spelt(name: str) -> None:
    survey = hostile()
    body = squeezed(text(pole_report(survey, name, "en", today=TODAY)))  # type: ignore[arg-type]
    assert squeezed(name) in body
    assert squeezed("<b>#set</b> = 1") in body


def test_the_fact_sheet_prints_a_hostile_label_and_filter() -> None:
    survey = hostile()
    chosen = (TYPST_NAMES[0],)
    body = squeezed(text(fact_sheet(survey, Filters(poles=chosen), "fr", today=TODAY)))  # type: ignore[arg-type]
    assert squeezed(TYPST_NAMES[0]) in body and squeezed("<b>#set</b> = 1") in body


def test_the_batch_index_neutralises_formulas_and_names_files_safely() -> None:
    survey = hostile()
    written = list(reports(survey, "en", today=TODAY))  # type: ignore[arg-type]
    names = [w.filename for w in written]
    assert len(set(names)) == len(NAMES)  # `+1` and `-2`… reduce alike: numbered, not overwritten
    assert all(n.endswith(".pdf") and "/" not in n and len(n) < 100 for n in names)
    csv = index_csv(survey, written, "en").decode("utf-8-sig")  # type: ignore[arg-type]
    assert "\n=HYPERLINK" not in csv and "'=HYPERLINK" in csv
