"""Telling a phone from its User-Agent: phones say `Mobi`, tablets and desktops do not."""

from __future__ import annotations

import pytest

from ui.phone import STYLE_SHEET, is_phone_agent


@pytest.mark.parametrize(
    ("agent", "phone"),
    [
        (
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 "
            "(KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1",
            True,
        ),
        (
            "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
            "Chrome/120.0 Mobile Safari/537.36",
            True,
        ),
        (
            "Mozilla/5.0 (Linux; Android 14; Pixel Tablet) AppleWebKit/537.36 (KHTML, like "
            "Gecko) Chrome/120.0 Safari/537.36",
            False,
        ),
        (
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
            "Chrome/120.0 Safari/537.36",
            False,
        ),
        ("", False),
        (None, False),
    ],
)
def test_phones_are_told_by_mobi(agent: str | None, phone: bool) -> None:
    assert is_phone_agent(agent) is phone


def test_the_style_sheet_is_ours_and_only_for_narrow_screens_or_padding() -> None:
    css = STYLE_SHEET.read_text(encoding="utf-8")
    assert "@media (max-width: 640px)" in css
    assert "<" not in css  # CSS only: st.html wraps it in its own style element
