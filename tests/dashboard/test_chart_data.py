"""AppTest of a chart's data table (its text alternative): one click away, drawn when asked.

The table sits in an expander that reruns the page when opened (`ui.components.described`):
closed, nothing of it is sent, so a first view does not load the browser's table code
before the chart (issue 17); open, it holds the chart's numbers under the chart's title.
"""

from __future__ import annotations

import pytest

from tests.support.apptest import open_app

pytestmark = pytest.mark.usefixtures("app_db")

#: The Overview chart's key (`pages/overview.py`) and its data expander's.
CHART = "overview_submissions"
DATA = f"{CHART}_data"


def test_closed_data_expander_sends_no_table() -> None:
    at = open_app(lang="en")
    assert [e.label for e in at.expander if e.label.startswith("Data: ")], "no data expander"
    assert len(at.table) == 0


@pytest.mark.parametrize(
    ("lang", "category", "year"), [("en", "Category", "2019"), ("fr", "Catégorie", "2019")]
)
def test_opened_data_expander_holds_the_charts_numbers(lang: str, category: str, year: str) -> None:
    at = open_app(lang=lang)
    at.session_state[DATA] = True
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert len(at.table) == 1
    shown = at.table[0].value
    assert shown.index.name == category
    assert year in [str(i) for i in shown.index]
    assert shown.notna().to_numpy().any()
