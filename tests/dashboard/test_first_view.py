"""A first view of the Overview: what it imports, and the work shared by every session.

Issue 17: the headline figures and the chart first, imports off the first run's path, and
work that depends only on the round's version done once for every session.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.analytics import metrics
from analysis.analytics.filters import Filters
from analysis.charts.overview import submissions_per_year
from analysis.core.markup import escape_markdown
from analysis.sample.notice import synthetic_notice
from analysis.store import SurveyStore
from tests.support.apptest import open_app
from tests.support.builders import make_round
from ui import cached_store

ROOT = Path(__file__).resolve().parents[2]
#: Modules a first view of the Overview must not load before its chart: each costs a
#: noticeable share of a second to import, and none is needed to draw the page.
HEAVY = (
    "openpyxl",
    "xlsxwriter",
    "pptx",
    "plotly.express",
    "analysis.deck",
    "analysis.export.canonical",
    "analysis.ingest.pipeline",
)


def _imported_names(path: Path) -> list[str]:
    """The modules a script imports at its top level."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: list[str] = []
    for node in tree.body:
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
    return names


@pytest.mark.slow
def test_the_overview_starts_without_the_heavy_modules() -> None:
    """What `app.py` and the Overview import, in a fresh interpreter, loads none of HEAVY."""
    wanted = sorted(
        set(_imported_names(ROOT / "app.py") + _imported_names(ROOT / "pages/overview.py"))
    )
    assert "ui.deck_download" in wanted  # the page's own imports were read
    code = (
        "import importlib, json, sys\n"
        f"for name in {wanted!r}: importlib.import_module(name)\n"
        f"print(json.dumps([m for m in {list(HEAVY)!r} if m in sys.modules]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []


def test_the_check_would_see_a_heavy_import() -> None:
    """The list above names modules that exist (a typo would make the test pass for nothing)."""
    code = f"import importlib\nfor name in {list(HEAVY)!r}: importlib.import_module(name)\n"
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-3000:]


def _version(url: str) -> str:
    with SurveyStore(url) as store:
        return str(store.revision())


@pytest.mark.usefixtures("app_db")
def test_the_banner_is_computed_once_per_round_version_and_language(app_db: str) -> None:
    version = _version(app_db)
    sample = cached_store.round_core(app_db, "2023", version)
    for lang in ("en", "fr"):
        expected = synthetic_notice(sample, lang, escape=escape_markdown)
        assert expected
        assert cached_store.notice(app_db, "2023", version, lang) == expected
    poles = [{"pole": "Minalogic", "submitted": {2019: 3, 2020: 4}}]
    with SurveyStore(app_db) as store:
        store.import_survey(make_round(poles, label="2023", synthetic=False), replace=True)
    replaced = _version(app_db)
    assert replaced != version
    assert cached_store.notice(app_db, "2023", replaced, "en") is None  # real data: no banner


@pytest.mark.usefixtures("app_db")
def test_the_chart_is_built_once_and_shared_per_version_filters_and_language(app_db: str) -> None:
    version = _version(app_db)
    whole = Filters(round="2023")
    fig = cached_store.overview_chart(app_db, "2023", version, whole, "en")
    assert fig is not None
    assert cached_store.overview_chart(app_db, "2023", version, whole, "en") is fig
    assert cached_store.overview_chart(app_db, "2023", version, whole, "fr") is not fig
    figures, per_year = cached_store.headline(app_db, "2023", version, whole)
    survey = cached_store.round_core(app_db, "2023", version)
    growth, growth_all = figures.projects_submitted_cagr, figures.projects_submitted_cagr_all
    expected = submissions_per_year(
        per_year,
        growth.value,
        info=survey.info,
        n=len(survey.responses),
        lang="en",
        cagr_all=growth_all.value if metrics.growth_differs(growth, growth_all) else None,
    )
    assert fig.to_plotly_json() == expected.to_plotly_json()


def test_a_round_without_yearly_answers_shows_its_tiles_and_no_chart(app_db: str) -> None:
    """Nobody answered the yearly question (a round that did not ask it): no chart of
    blanks, and no error (building the chart from blank totals used to raise)."""
    poles = [{"pole": name, "submitted": {}} for name in ("Minalogic", "Vitagora", "Axelera")]
    with SurveyStore(app_db) as store:
        store.import_survey(make_round(poles, label="blank"))
    version = _version(app_db)
    assert (
        cached_store.overview_chart(app_db, "blank", version, Filters(round="blank"), "en") is None
    )
    at = open_app(lang="en", query={"round": "blank"})
    assert at.get("plotly_chart") == []
    assert at.metric  # the tiles are drawn
