"""The pages of the dashboard, declared once for `st.navigation`.

Adding a page is one file under `pages/` and one line here; titles are translated.

The page files stay in `pages/` (a name the product promises) although Streamlit treats a
`pages/` folder beside the entry point as its legacy file discovery: the documented rule
is that once `st.navigation` is called in any session, the process uses the declared pages
and ignores the folder. `declared()` tells whether that has happened in this process, so
that `ui.shell` can leave file discovery on a process's first request without reading
Streamlit's private state.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import streamlit as st

from ui.text import tr

if TYPE_CHECKING:
    from streamlit.navigation.page import StreamlitPage

#: (file under pages/, title key, URL path, icon, section key); the first is the default.
#: A URL path is always its file's name: under file discovery (see `ui.shell`) a page link
#: finds its file by that name.
PAGES: tuple[tuple[str, str, str, str, str], ...] = (
    (
        "pages/overview.py",
        "ui.page_overview",
        "overview",
        ":material/dashboard:",
        "ui.nav_dashboard",
    ),
    ("pages/trends.py", "trends.page_title", "trends", ":material/show_chart:", "ui.nav_dashboard"),
    ("pages/peers.py", "peers.page_title", "peers", ":material/leaderboard:", "ui.nav_dashboard"),
    ("pages/map.py", "map.page_title", "map", ":material/map:", "ui.nav_dashboard"),
    ("pages/data.py", "data_page.page_title", "data", ":material/table:", "ui.nav_dashboard"),
    (
        "pages/compare.py",
        "comparison.page_title",
        "compare",
        ":material/compare_arrows:",
        "ui.nav_dashboard",
    ),
    ("pages/method.py", "figures.page_title", "method", ":material/functions:", "ui.nav_dashboard"),
    (
        "pages/presentation.py",
        "deck.page_title",
        "presentation",
        ":material/slideshow:",
        "ui.nav_present",
    ),
    ("pages/awards.py", "awards.page_title", "awards", ":material/trophy:", "ui.nav_present"),
    ("pages/upload.py", "upload.page_title", "upload", ":material/upload_file:", "ui.nav_manage"),
    ("pages/rounds.py", "rounds.page_title", "rounds", ":material/inventory_2:", "ui.nav_manage"),
)


#: Whether `st.navigation` was called in this process (process-wide, like Streamlit's own
#: switch away from file discovery; a plain flag: concurrent first runs both rerun once).
_declared = False


def declared() -> bool:
    """Whether this process has declared its pages to Streamlit yet."""
    return _declared


def asked_unknown(url: str | None) -> str | None:
    """The address's last segment when it names no page (a stale or mistyped link), if it
    can be a page's URL path; None at the root or on a known page."""
    if not url:
        return None
    segment = urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1]
    known = {url_path for _file, _title, url_path, _icon, _section in PAGES}
    if segment in known or not re.fullmatch(r"[A-Za-z0-9_-]{1,80}", segment):
        return None
    return segment


def _not_found() -> None:
    """What an unknown address shows, in the interface language: Streamlit's own answer is
    an English "Page not found" dialog, with no parameter to translate it. (Where Streamlit
    still opens it, on a process's first request before `declared()`, `ui.aria_text`
    translates it.)"""
    st.title(tr("ui.not_found_title"))
    st.info(tr("ui.not_found_text"), icon=":material/explore_off:")
    st.page_link(PAGES[0][0], label=tr(PAGES[0][1]), icon=PAGES[0][3])


def navigation() -> StreamlitPage:
    """`st.navigation` over every page, grouped in translated sections.

    An address naming no page gets a hidden page of its own (the documented
    `visibility="hidden"`), which says so in the interface language instead of Streamlit's
    English dialog.
    """
    global _declared
    sections: dict[str, list[st.Page]] = {}
    for index, (path, title_key, url_path, icon, section_key) in enumerate(PAGES):
        page = st.Page(path, title=tr(title_key), url_path=url_path, icon=icon, default=index == 0)
        sections.setdefault(tr(section_key), []).append(page)
    unknown = asked_unknown(st.context.url)
    if unknown is not None:
        lost = st.Page(
            _not_found, title=tr("ui.not_found_title"), url_path=unknown, visibility="hidden"
        )
        sections[tr(PAGES[0][4])].append(lost)
    chosen = st.navigation(sections)
    _declared = True
    return chosen
