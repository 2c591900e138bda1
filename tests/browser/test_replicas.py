"""Two dashboard replicas on one PostgreSQL database stay in step without a restart.

When the association runs several dashboard processes behind a proxy, each keeps its own
caches; they are keyed by the store's revision, which every script run reads from the
database. Here two real `streamlit run` processes share a fresh database of the session's
throw-away PostgreSQL server: a round imported by the command line shows on both, a round
deleted on one replica's Rounds page disappears from the other, and a session that was
showing the deleted round falls back to the remaining one on its next run, with no error.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from analysis.core.i18n import t
from analysis.store import SurveyStore
from analysis.store.seed import ensure_seeded
from tests.browser.harness import (
    REPO_ROOT,
    TIMEOUT_MS,
    AppServer,
    follow_link,
    new_page,
    no_exception,
    open_app,
    rerun,
    sign_in,
    wait_for_tiles,
)
from tests.support.postgres import PostgresServer

pytestmark = [pytest.mark.browser, pytest.mark.postgres]

#: Headline tiles of the overview.
TILES = 6
RESPONDENTS = t("overview.respondents", "en")
ROUND_BOX = t("ui.round", "en")
#: Three poles answering, as a French spreadsheet exports them.
SMALL_ROUND = (
    "Pôle;Région;Projets déposés 2019;Projets déposés 2020;Projets retenus 2019;"
    "Recrutements équipe Europe;Prévoit de recruter\r\n"
    "Aerospace Valley;Occitanie;10;12;3;4;oui\r\n"
    "Cap Digital;Île-de-France;8;9;2;;non\r\n"
    "Minalogic;Auvergne-Rhône-Alpes;5;;1;2;\r\n"
)


@pytest.fixture
def shared_url(postgres_server: PostgresServer) -> Iterator[str]:
    """A fresh PostgreSQL database holding the seeded sample round, dropped afterwards."""
    name = postgres_server.create_database()
    url = postgres_server.url(name)
    with SurveyStore(url) as store:
        ensure_seeded(store)
    try:
        yield url
    finally:
        postgres_server.drop_database(name)


@pytest.fixture
def replicas(shared_url: str, tmp_path: Path) -> Iterator[tuple[AppServer, AppServer]]:
    """Two dashboard processes on the same database, each on its own port."""
    started: list[AppServer] = []
    try:
        for name in ("a", "b"):
            started.append(AppServer.start(shared_url, log=tmp_path / f"replica-{name}.log"))
        for server in started:
            server.wait_healthy()
        yield started[0], started[1]
    finally:
        for server in started:
            server.stop()


@pytest.fixture
def second_page(browser: Browser) -> Iterator[Page]:
    """Another visitor (a browser context of its own)."""
    tab = new_page(browser)
    yield tab
    tab.context.close()


def sidebar_round(page: Page):
    """The sidebar's round selector."""
    return page.get_by_test_id("stSidebar").get_by_role("combobox", name=ROUND_BOX)


def expect_round(page: Page, label: str) -> None:
    """The sidebar's round selector shows `label` (widgets of a new visitor's first page
    can take a few seconds to be drawn on this machine, after the figures)."""
    expect(sidebar_round(page)).to_have_value(label, timeout=TIMEOUT_MS)


def round_options(page: Page) -> list[str]:
    """The labels the sidebar's round selector offers (opened, read, closed)."""
    sidebar_round(page).click()
    options = page.get_by_role("option").all_inner_texts()
    page.keyboard.press("Escape")
    return [option.strip() for option in options]


def choose_round(page: Page, label: str) -> None:
    """Pick `label` in the sidebar's round selector and wait for the run it causes."""
    sidebar_round(page).click()
    with rerun(page):
        page.get_by_role("option", name=label, exact=True).click()
    expect_round(page, label)


def cli_import(db_url: str, csv_file: Path, label: str) -> None:
    """`python -m analysis import` in its own process, as staff would run it."""
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "analysis",
            "import",
            str(csv_file),
            "--round",
            label,
            "--period",
            "2019-2020",
            "--db",
            db_url,
            "--lang",
            "en",
        ],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_an_import_and_a_delete_reach_the_other_replica_without_a_restart(
    page: Page,
    second_page: Page,
    replicas: tuple[AppServer, AppServer],
    shared_url: str,
    tmp_path: Path,
) -> None:
    a, b = replicas
    open_app(page, a.url, lang="en")
    open_app(second_page, b.url, lang="en")
    for visitor in (page, second_page):
        expect_round(visitor, "2023")
        assert wait_for_tiles(visitor, TILES)[RESPONDENTS] == "40"

    # Staff import a round from the command line: replica B's open session sees it on its
    # next run, and shows its figures.
    csv_file = tmp_path / "small.csv"
    csv_file.write_text(SMALL_ROUND, encoding="utf-8")
    cli_import(shared_url, csv_file, "2024")
    follow_link(second_page, "trends")
    follow_link(second_page, "overview")
    assert round_options(second_page) == ["2024", "2023"]  # oldest period first
    choose_round(second_page, "2024")
    assert wait_for_tiles(second_page, TILES)[RESPONDENTS] == "3"
    no_exception(second_page)

    # An editor signs in (the replicas share one first-start token) and deletes it on
    # replica A's Rounds page.
    open_app(page, a.url, "rounds", lang="en", round="2024")
    page.get_by_text(t("rounds.sign_in_to_edit", "en")).click()
    sign_in(page, a.editor_token())
    confirm = page.get_by_label(t("rounds.delete_confirm", "en", label="2024"))
    with rerun(page):
        confirm.fill("2024")
        confirm.press("Enter")
    with rerun(page):
        page.get_by_role("button", name=t("rounds.delete_button", "en")).click()
    expect(page.get_by_text("Round 2024 was deleted", exact=False)).to_be_visible()
    no_exception(page)
    with SurveyStore(shared_url) as store:
        assert store.labels() == ["2023"]

    # Replica B's session was showing the deleted round: its next run falls back to the
    # round that is left, with no error, and replica B never offers the deleted one again.
    follow_link(second_page, "trends")
    no_exception(second_page)
    expect_round(second_page, "2023")
    follow_link(second_page, "overview")
    assert wait_for_tiles(second_page, TILES)[RESPONDENTS] == "40"
    assert round_options(second_page) == ["2023"]
    no_exception(second_page)

    newcomer = new_page(page.context.browser)  # type: ignore[arg-type]
    try:
        open_app(newcomer, b.url, lang="en", round="2024")  # an old link to the deleted round
        expect_round(newcomer, "2023")
        assert wait_for_tiles(newcomer, TILES)[RESPONDENTS] == "40"
        no_exception(newcomer)
    finally:
        newcomer.context.close()
