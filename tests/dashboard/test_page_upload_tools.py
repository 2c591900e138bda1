"""AppTest of the Upload page with one export per survey tool (issue 13, stretch).

Each export is uploaded as staff would: the page must not crash, must let it be stored, and
the stored round must hold the figures summed from the answers and no one's name or e-mail.
"""

from __future__ import annotations

import pytest

from analysis.store import SurveyStore
from tests.support import tool_exports as tools
from tests.support.upload_page import page, rerun, store_button, upload

pytestmark = pytest.mark.usefixtures("app_db")


@pytest.mark.parametrize("key", sorted(tools.EXPORTS))
def test_each_tool_export_is_stored_with_right_figures_and_no_personal_data(
    app_db: str, key: str
) -> None:
    name, content = tools.EXPORTS[key][1]()
    at = upload(page(), name, content)
    at.text_input(key="upload_label").set_value("2024")
    rerun(at)
    assert not store_button(at).disabled
    store_button(at).click()
    rerun(at)
    with SurveyStore(app_db) as store:
        stored = store.load_round("2024")
        (record,) = [r for r in store.list_rounds() if r.label == "2024"]
    expected = tools.expected()
    assert sorted(stored.responses["pole"]) == expected["poles"]
    assert int(stored.responses["members"].sum()) == expected["members"]
    assert int(stored.responses["coordinator_members"].sum()) == expected["coordinator_members"]
    by_year = stored.yearly.groupby("year")["projects_submitted"].sum()
    assert {int(y): int(v) for y, v in by_year.items()} == expected["submitted"]
    kept = " ".join(str(v) for f in (stored.responses, stored.extras) for v in f.to_numpy().ravel())
    assert not any(email in kept or last in kept for _first, last, email in tools.PEOPLE)
    has_people = key not in ("limesurvey", "kobotoolbox")
    assert bool(record.personal_columns) is has_people
