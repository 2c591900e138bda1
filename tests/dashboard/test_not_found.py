"""An address naming no page gets the dashboard's own translated page, not Streamlit's
English "Page not found" dialog (the browser test walks it: `test_french_widgets.py`)."""

from __future__ import annotations

import pytest

from ui.navigation import PAGES, asked_unknown


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://127.0.0.1:8501/nulle-part", "nulle-part"),
        ("https://example.org/poles/old_page/", "old_page"),
        ("http://127.0.0.1:8501/", None),  # the root is the default page
        ("http://127.0.0.1:8501", None),
        ("http://127.0.0.1:8501/trends", None),  # a page of the dashboard
        ("http://127.0.0.1:8501/%3Cscript%3E", None),  # cannot be a page's URL path
        (None, None),  # no browser (AppTest)
    ],
)
def test_only_an_unknown_page_address_is_answered(url: str | None, expected: str | None) -> None:
    assert asked_unknown(url) == expected


def test_every_page_of_the_dashboard_is_known() -> None:
    for _file, _title, url_path, _icon, _section in PAGES:
        assert asked_unknown(f"http://host/{url_path}") is None
