"""The Rounds page says when a round's original holds personal data (issue 13)."""

from __future__ import annotations

import pytest

from analysis.core.model import SourceFile
from analysis.ingest.pipeline import ingest
from analysis.store import SurveyStore
from tests.support import tool_exports as tools
from tests.support.apptest import open_app
from ui.text import md_escape

pytestmark = pytest.mark.usefixtures("app_db")

PAGE = "pages/rounds.py"


def store_export(url: str, named: bool) -> str:
    name, content = tools.microsoft_forms(named=named)
    result = ingest(SourceFile(name, content))
    assert result.survey is not None
    with SurveyStore(url) as store:
        return store.import_round(result).label


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_round_whose_original_holds_personal_data_says_so(app_db: str, lang: str) -> None:
    label = store_export(app_db, named=True)
    at = open_app(PAGE, lang=lang)
    at.selectbox(key="rounds_pick").set_value(label).run()
    (warning,) = [w.value for w in at.warning]
    # the headers are the file's text: escaped, never markup
    assert md_escape("D (Adresse de messagerie), E (Nom)") in warning
    assert ("personal data" if lang == "en" else "données personnelles") in warning


def test_the_shipped_sample_has_no_personal_data_notice(app_db: str) -> None:
    at = open_app(PAGE, lang="en")
    assert not [w for w in at.warning if "personal data" in w.value]
