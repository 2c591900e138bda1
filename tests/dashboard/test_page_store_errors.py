"""Every page when the store cannot be opened: one clear banner, no traceback, no password,
and no "upload a round" invitation (the store may well hold rounds: it cannot be read)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from analysis.store.url import ENV_VAR
from tests.support.apptest import APP, TIMEOUT, texts
from ui.navigation import PAGES
from ui.text import md_escape

UNREACHABLE = "postgresql+nodriver://editor:s3cret@127.0.0.1:1/surveys"


@pytest.mark.parametrize("path", [path for path, *_ in PAGES])
def test_a_store_that_cannot_be_opened_is_one_banner_without_the_password(
    monkeypatch: pytest.MonkeyPatch, path: str
) -> None:
    monkeypatch.setenv(ENV_VAR, UNREACHABLE)
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params["lang"] = "en"
    at.run()
    at.switch_page(path).run()
    assert not at.exception, [e.value for e in at.exception]
    shown = texts(at)
    assert "The survey database cannot be read right now" in shown
    assert md_escape("editor:***@127.0.0.1") in shown  # shown as text, not Markdown
    assert "s3cret" not in shown
    assert "No survey round is stored yet" not in shown
