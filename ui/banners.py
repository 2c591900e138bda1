"""The messages above every page: a store error and the synthetic-data notice.

Why a module of its own: the banners only read the finished page context (the shell builds
it), and the presentation's stage view hides them by their container's key, so that key has
one home here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

from ui import cached_store
from ui.text import tr_md

if TYPE_CHECKING:  # the shell imports this module to draw the banners
    from ui.shell import PageContext

#: Key of the banners' container (its CSS class `st-key-shell_banners`: the presentation's
#: stage view hides it, the slide itself says what the banner says).
BANNERS_KEY = "shell_banners"


def banners(context: PageContext) -> None:
    """Messages above every page: store errors and the synthetic-data notice."""
    url = cached_store.database_url()
    notice = (
        cached_store.notice(url, context.label, context.version, context.lang)
        if context.survey is not None
        else None
    )
    if not context.error and not notice:
        return
    with st.container(key=BANNERS_KEY):
        if context.error:
            st.error(tr_md("ui.store_error", message=context.error), icon=":material/warning:")
        if notice:
            # Keyed: on a phone, `ui/static/phone.css` sets it in smaller type.
            with st.container(key="synthetic_banner"):
                st.warning(notice, icon=":material/science:")
