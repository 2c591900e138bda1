"""Whether the visitor reads on a phone, and the phone style sheet.

The server learns the screen's kind from the request's User-Agent (`st.context.headers`,
Streamlit's documented way to read it): every phone browser says `Mobi` in it (Mozilla's
advice for telling phones from tablets and desktops). That decides what Python draws
differently (charts laid out for a narrow screen, the headline figures first). What only
CSS can do follows the screen's real width instead, through the media queries of
`ui/static/phone.css`, so a narrow desktop window gets it too.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

#: The style sheet loaded on every page (our own constant CSS, never user text).
STYLE_SHEET = Path(__file__).with_name("static") / "phone.css"
#: The marker every phone browser puts in its User-Agent.
PHONE_MARK = "Mobi"


def is_phone_agent(agent: str | None) -> bool:
    """Whether a User-Agent string is a phone's."""
    return PHONE_MARK in (agent or "")


def is_phone() -> bool:
    """Whether this session's browser is a phone's (no request headers: not a phone)."""
    return is_phone_agent(st.context.headers.get("User-Agent"))


def style() -> None:
    """Load the phone style sheet into the page (media queries: narrow screens only)."""
    st.html(STYLE_SHEET)
