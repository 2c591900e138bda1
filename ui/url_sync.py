"""The address bar and the global filters: read on a session's first run, written on every run.

Why a module of its own: the shell draws the sidebar and keeps the session's truth; this is
only the translation between that truth and the query string, so a link always restores
the exact view and a page's own query keys are never touched. It holds no session state.
"""

from __future__ import annotations

import os

import streamlit as st

from analysis.analytics.filters import Q_FROM, Q_POLE, Q_REGION, Q_ROUND, Q_SECTOR, Q_TO, Filters
from analysis.core.i18n import Lang, as_lang

#: Query-string keys the shell owns; pages may keep other keys for their own options.
SHELL_QUERY_KEYS: tuple[str, ...] = ("lang", Q_ROUND, Q_POLE, Q_REGION, Q_SECTOR, Q_FROM, Q_TO)
#: Environment variable naming the default interface language (`fr` or `en`).
LANG_ENV = "POLES_DEFAULT_LANG"


def opening_view() -> tuple[Lang, Filters]:
    """The language and the filters the opening link asks for (the language falls back on
    `LANG_ENV`, then French)."""
    params = {key: st.query_params.get_all(key) for key in st.query_params}
    default = as_lang(os.environ.get(LANG_ENV), "fr")
    asked = params.get("lang") or []
    return as_lang(asked[-1] if asked else None, default), Filters.from_query(params)


def sync_url(language: Lang, filters: Filters) -> None:
    """Write the language and the global filters into the query string.

    Only the shell's own keys are rewritten (and only when they changed); parameters a page
    keeps there for its own options are left alone.
    """
    query: dict[str, str | list[str]] = {"lang": language, **filters.to_query()}
    wanted = {key: value if isinstance(value, list) else [value] for key, value in query.items()}
    for key in SHELL_QUERY_KEYS:
        present = st.query_params.get_all(key)
        if key not in wanted:
            if present:
                del st.query_params[key]
        elif present != wanted[key]:
            st.query_params[key] = wanted[key] if len(wanted[key]) > 1 else wanted[key][0]
