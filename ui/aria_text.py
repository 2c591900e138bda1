"""What a screen reader or a hover meets of Streamlit's own English, in the language.

Streamlit 1.67 writes some texts in English only, with no parameter or config to change
them, in places a style sheet (`ui.widget_text`) cannot reach because they are
attributes or live announcements, not drawn text:

- accessible names (`aria-label`): the file row's "Remove <file>" and "Add files", the
  number fields' "Increment"/"Decrement", the tables' toolbar, "Help for <label>",
  "Link to heading", the sidebar's "Collapse sidebar" …;
- react-aria's date field parts ("day, <label>", "month, …") and the month's value
  ("09 – September"), react-aria fixing its locale to en-US inside Streamlit;
- react-aria's combobox announcements in its live region ("13 options available.",
  "<option>, selected");
- Streamlit's full-screen button on each chart's toolbar (`data-title`, outside
  plotly.js's locale, see `analysis.charts.plotly_locale`), and the hover tooltips of the
  tables' toolbar ("Download as CSV"), drawn from the same English names;
- the "Skip to main content" link, drawn text that shows when the Tab key first reaches it;
- Streamlit's "Page not found" dialog, which its front end opens itself on a process's
  very first request to an unknown address (before `st.navigation` was declared, see
  `ui.navigation`). An unknown address of several segments ("/foo/bar") gets no dialog
  but a blank page in 1.67 (its scripts are looked for under "/foo/",
  streamlit/streamlit#8013): no English, and nothing a page script could fix.

Upstream asks for a locale (streamlit/streamlit#13500, open). Until then one small script,
mounted once per run by the shell through Streamlit's documented custom-component API v2
(`st.components.v2.component`, which runs in the page, no iframe), watches the page with
a `MutationObserver` and replaces exactly those known English texts with the
catalogue's (`analysis/locales/aria.toml`, whose `en` entries are Streamlit's own words).
Texts travel as data and are set with `setAttribute`/`textContent`: nothing becomes
markup. An option or file name inside an announcement or a name is kept as it is. In
English the script puts back any name it changed. The browser tests
(`tests/browser/test_screen_reader_french.py`, `test_not_found_french.py`) walk the
accessibility tree.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import streamlit as st
from babel.dates import get_month_names

from analysis.core.i18n import Lang, catalogue, is_one, locale_of, t

#: The script (an ES module whose default export Streamlit calls with the data).
SCRIPT = Path(__file__).with_name("static") / "aria_text.js"
#: The attributes whose whole value or start is replaced.
ATTRIBUTES = ("aria-label", "data-title")
#: Streamlit's "Page not found" dialog: its message starts with one of these.
NOT_FOUND_STARTS = ("You have requested page /", "The page that you have requested")
#: Streamlit's "Skip to main content" link, the first thing the Tab key reaches.
SKIP_LINK = '[data-testid="stSkipToContent"]'
#: The key of the mounted script (one per run).
KEY = "aria_text"

_component = st.components.v2.component("poles_aria_text", js=SCRIPT.read_text("utf-8"))


def _pairs(prefix: str, lang: Lang) -> list[list[str]]:
    """The catalogue's `aria.<prefix>…` entries as [Streamlit's English, `lang`]."""
    keys = sorted(key for key in catalogue() if key.startswith(f"aria.{prefix}"))
    return [[t(key, "en"), t(key, lang)] for key in keys]


def _counted(key: str, lang: Lang) -> list[str]:
    """A counted announcement's singular and plural forms, `{n}` standing for the number."""
    return [t(key, lang, count=count, number="{n}") for count in (1, 2)]


@cache
def rules(lang: Lang) -> dict[str, object]:
    """What the script replaces for `lang` (nothing in English: the texts are Streamlit's).

    Built once per language and process (the catalogues do not change while it runs): the
    shell sends it on every run of every session. Read only.

    `singular` lists the small counts that take the singular in `lang` by CLDR's rule
    (French: 0 and 1); every larger count takes the plural in both languages."""
    if lang == "en":
        return {"active": False}
    months_en = get_month_names("wide", locale=locale_of("en"))
    months = get_month_names("wide", locale=locale_of(lang))
    return {
        "active": True,
        "attributes": list(ATTRIBUTES),
        "exact": dict(_pairs("exact_", lang)),
        "prefix": _pairs("prefix_", lang),
        "months": [[months_en[n], months[n]] for n in range(1, 13)],
        "counted": [
            [
                *_counted("aria.live_options_available", "en"),
                *_counted("aria.live_options_available", lang),
            ]
        ],
        "singular": [n for n in range(3) if is_one(n, lang)],
        "suffix": _pairs("live_selected_suffix", lang),
        # Whole drawn texts of known elements: {CSS selector: [Streamlit's English, lang's]}.
        "texts": {
            SKIP_LINK: [t("aria.text_skip_to_content", "en"), t("aria.text_skip_to_content", lang)]
        },
        "notFound": {
            "title": [t("ui.not_found_title", "en"), t("ui.not_found_title", lang)],
            "starts": list(NOT_FOUND_STARTS),
            "text": t("ui.not_found_text", lang),
        },
    }


#: The script draws nothing: its container leaves no gap in the page's column.
_HIDDEN = (
    f'<style>[data-testid="stLayoutWrapper"]:has(> .st-key-{KEY}), .st-key-{KEY} '
    "{ display: none; }</style>"
)


def speak(lang: Lang) -> None:
    """Mount the script with `lang`'s texts (once per run, by the shell; hidden)."""
    st.html(_HIDDEN)
    with st.container(key=KEY):
        _component(key=f"{KEY}_script", data=rules(lang), height=0)
