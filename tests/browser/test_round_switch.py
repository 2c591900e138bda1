"""In a real browser: switching to a round with another period shows that round's whole period.

The server has its own store (the sample 2019–2022 plus a round over 2020–2023), so the
other browser tests keep the sample as their default round.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page

from analysis.core.model import SourceFile
from analysis.store import SurveyStore
from tests.browser.harness import (
    AppServer,
    chart_data,
    no_exception,
    open_app,
    query_of,
    rerun,
    start_app,
    wait_for_charts,
    wait_for_tiles,
    wait_for_value,
)
from tests.support.builders import make_round

pytestmark = pytest.mark.browser

LATER = (2020, 2021, 2022, 2023)
POLES = [
    {"pole": f"Pole {i}", "submitted": {y: 40 + i + (y - 2020) for y in LATER}}
    for i in range(1, 11)
]
TOTAL = sum(sum(p["submitted"].values()) for p in POLES)


@pytest.fixture(scope="module")
def two_periods(
    seeded_db_file: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[AppServer]:
    """The app on a store holding the sample (2019–2022) and round 2024 (2020–2023)."""
    workdir = tmp_path_factory.mktemp("round_switch")
    database = workdir / "seeded.db"
    database.write_bytes(seeded_db_file.read_bytes())
    with SurveyStore(f"sqlite:///{database}") as store:
        store.import_survey(
            make_round(POLES, label="2024", years=LATER), SourceFile("later.csv", b"pole\n")
        )
    server = start_app(database, workdir)
    try:
        yield server
    finally:
        server.stop()


def _exact(page: Page) -> str:
    return page.get_by_text("Exactly ", exact=False).first.inner_text()


def test_switching_to_a_round_with_another_period(page: Page, two_periods: AppServer) -> None:
    open_app(page, two_periods.url, lang="en", round="2023")
    wait_for_tiles(page, 6)
    wait_for_charts(page)
    assert [str(x) for x in chart_data(page)[0]["x"]] == ["2019", "2020", "2021", "2022"]
    with rerun(page):
        page.get_by_test_id("stSidebar").get_by_test_id("stSelectbox").first.click()
        page.get_by_role("option", name="2024", exact=True).click()
    tiles = wait_for_value(
        lambda: wait_for_tiles(page, 6),
        lambda shown: "EU proposals submitted since 2020" in shown,
        page=page,
    )
    assert "EU proposals submitted since 2020" in tiles, tiles
    years = wait_for_value(
        lambda: [str(x) for x in chart_data(page)[0]["x"]],
        [str(y) for y in LATER],
        page=page,
    )
    assert years == [str(y) for y in LATER]
    assert _exact(page) == f"Exactly {TOTAL:,}"
    query = query_of(page)
    assert query.get("round") == ["2024"] and "from" not in query and "to" not in query
    assert page.get_by_text("Filtered view", exact=False).count() == 0
    no_exception(page)
