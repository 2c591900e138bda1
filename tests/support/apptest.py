"""Running the dashboard under Streamlit's AppTest, on a store of the test's own.

The seeded store is built once per test session (importing the sample costs a second)
and copied for each test, so every test starts from the same shipped sample and can
import, replace or delete rounds without affecting the others.
"""

from __future__ import annotations

import base64
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from analysis.store import SurveyStore
from analysis.store.seed import ensure_seeded

REPO_ROOT = Path(__file__).resolve().parents[2]
APP = str(REPO_ROOT / "app.py")
TIMEOUT = 60


@pytest.fixture(scope="session")
def seeded_db_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite store holding the seeded sample round, built once per session."""
    path = tmp_path_factory.mktemp("seeded") / "survey.db"
    store = SurveyStore(f"sqlite:///{path}")
    ensure_seeded(store)
    store.close()
    return path


@pytest.fixture
def app_db(seeded_db_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Point the app at a private copy of the seeded store; yields its URL."""
    path = tmp_path / "survey.db"
    shutil.copyfile(seeded_db_file, path)
    url = f"sqlite:///{path}"
    monkeypatch.setenv("SURVEY_DB_URL", url)
    monkeypatch.delenv("SURVEY_EDITOR_PASSWORD", raising=False)
    yield url


#: Session-state flag `ui.auth` sets after the shared password or token (never the secret).
SIGNED_IN = "_editor_signed_in"


def as_editor(at: AppTest) -> AppTest:
    """Mark the session signed in with the shared password, as the password form would.

    Editing is closed by default; tests of what an editor does start signed in, while
    `tests/dashboard/test_page_auth.py` drives the form itself.
    """
    at.session_state[SIGNED_IN] = True
    return at


def open_app(
    page: str | None = None,
    *,
    query: dict[str, Any] | None = None,
    lang: str = "en",
    editor: bool = False,
) -> AppTest:
    """Run the app (optionally on `page`, e.g. "pages/trends.py") and return the AppTest.

    `editor` starts the session signed in (the shared password or first-start token).
    """
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    if editor:
        as_editor(at)
    at.query_params.update({"lang": lang, **(query or {})})
    at.run()
    if page is not None:
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def decode(value: Any) -> Any:
    """Plotly ≥ 6 typed arrays (`{"dtype", "bdata"}`) as numpy arrays; other values as is."""
    if isinstance(value, dict) and "bdata" in value:
        array = np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"])
        return array.reshape(value["shape"]) if "shape" in value else array
    return value


def figures(at: AppTest) -> list[dict[str, Any]]:
    """The plotly figures the page drew, as JSON dicts."""
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def trace_values(figure: dict[str, Any], trace: int = 0, axis: str = "y") -> list[Any]:
    """One trace's values along `axis`, decoded to plain Python values."""
    values = decode(figure["data"][trace].get(axis))
    return list(values.tolist() if hasattr(values, "tolist") else values or [])


def metric_values(at: AppTest) -> dict[str, str]:
    """Tile label -> displayed value."""
    return {m.label: m.value for m in at.metric}


def texts(at: AppTest) -> str:
    """Every caption, markdown, info, warning and error text of the page, joined."""
    parts: list[str] = []
    for kind in (
        "caption",
        "markdown",
        "info",
        "warning",
        "error",
        "success",
        "title",
        "header",
        "subheader",
    ):
        parts.extend(str(el.value) for el in getattr(at, kind))
    return "\n".join(parts)
