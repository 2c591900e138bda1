"""The frame around every page: language, the global filters, the URL and the banners.

`app.py` draws the frame (`with shell.framed(): navigation().run()`), so the sidebar
widgets are created once, before the page, and keep their values across page switches;
pages read the outcome with `current()`. The filters are mirrored into the query string on
every run, so the address bar always holds a link that restores the exact view (the
translation to and from the query string is `ui/url_sync.py`; the banners, `ui/banners.py`).

Only Streamlit's public API is used here (`tests/dashboard/test_public_streamlit.py` checks
it): private attributes change without notice between releases. Two things once read
Streamlit's internals and now rest on documented behaviour instead:

- Whether the frame was drawn in this run is the app's own record: `framed()` marks the
  script's thread while the page runs inside it, and forgets the mark when the page ends,
  however it ends (a finished page, `st.stop`, `st.rerun`, an error).
- Leaving the old file-discovery mode (see `_leave_file_discovery`) relies on what the
  documentation promises: once `st.navigation` is called in any session, Streamlit uses the
  app's declared pages and ignores the `pages/` folder for every session of the process.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from functools import partial
from typing import Any

import streamlit as st

from analysis.analytics.comparison import chronological
from analysis.analytics.filters import FilterOptions, Filters, follow_round
from analysis.core.i18n import LANGS, Lang, as_lang
from analysis.core.labels import sector_label
from analysis.core.model import SurveyRound
from analysis.core.policy import MIN_GROUP_POLES
from analysis.store.errors import StoreError
from analysis.store.records import RoundRecord
from ui import aria_text, auth, banners, cached_store, navigation, phone, url_sync
from ui.text import LANG_KEY, lang, tr

#: Session-state keys of the global widgets.
K_LANG, K_ROUND, K_POLES, K_REGIONS, K_SECTORS, K_YEARS = (
    "lang",
    "f_round",
    "f_poles",
    "f_regions",
    "f_sectors",
    "f_years",
)
_CONTEXT_KEY = "_page_context"
#: True while a page runs inside the frame `app.py` drew in this run (see `framed`).
_FRAMED: ContextVar[bool] = ContextVar("poles_page_framed", default=False)
#: The session's own state (the truth the widgets are drawn from).
_VIEW_KEY = "_view_filters"
#: The round the previous run showed (the years follow a change of round).
_SHOWN_KEY = "_shown_round"
#: Widgets to draw again from that truth on their next creation (see `_redraw`).
_REDRAW_KEY = "_redraw_widgets"


@dataclass(frozen=True)
class PageContext:
    """What every page needs: language, the chosen round, the filters and the data."""

    lang: Lang
    rounds: tuple[RoundRecord, ...] = ()
    survey: SurveyRound | None = None
    filters: Filters = field(default_factory=Filters)
    view: SurveyRound | None = None
    options: FilterOptions = field(default_factory=FilterOptions)
    error: str | None = None
    version: str = ""  # the store's revision the data was read at (a cache key)

    @property
    def withheld(self) -> bool:
        """True when the view holds 1 or 2 poles that were not picked one on purpose.

        Figures of so small a group are one or two poles' own answers; they are shown only
        when exactly one pole is selected in the filters (looking at it on purpose).
        """
        if self.view is None:
            return False
        return 0 < len(self.view.responses) < MIN_GROUP_POLES and len(self.filters.poles) != 1

    @property
    def label(self) -> str:
        """The chosen round's label, or an empty string."""
        return self.survey.info.label if self.survey is not None else ""


def current(*, projects: bool = False) -> PageContext:
    """The context for this run, drawing the frame first if `app.py` did not.

    Streamlit runs a page file on its own, without `app.py`, when a `pages/` folder sits
    beside the entry point and the process has not yet seen `st.navigation` (the first
    request after a start, opened on a page's link) and on every AppTest run of a page. The
    page then draws the sidebar itself, so it looks and filters the same either way.

    `survey` and `view` come without per-project rows (the bulk of a large round, which
    most pages never show); a page that shows them asks with `projects=True`.
    """
    if not _FRAMED.get():
        frame()
    context = st.session_state.get(_CONTEXT_KEY) or PageContext(lang=lang())
    return with_projects(context) if projects else context


@contextmanager
def framed() -> Iterator[PageContext]:
    """Draw the frame, then let the page run inside it: `with shell.framed(): page.run()`.

    While the page runs, `current()` knows that this run already drew the frame. The mark
    is a context variable of the script's thread, not session state: once a page calls
    `st.stop` or `st.rerun`, Streamlit refuses every further access to session state in
    that run, and the mark must go whatever ends the page (its end, `st.stop`, `st.rerun`,
    an error). It is the app's own record, where Streamlit's record of the widgets created
    in a run is private.
    """
    context = frame()
    token = _FRAMED.set(True)
    try:
        yield context
    finally:
        _FRAMED.reset(token)


def with_projects(context: PageContext) -> PageContext:
    """`context` with the per-project rows in its survey and view (loaded once per round
    version, on first use, and shared by every session)."""
    if context.survey is None or context.view is None:
        return context
    url, label, version = cached_store.database_url(), context.label, context.version
    return replace(
        context,
        survey=cached_store.round_data(url, label, version),
        view=cached_store.filtered_round(url, label, version, context.filters),
    )


def frame() -> PageContext:
    """Everything above the page: sidebar, URL sync and banners. Once per script run."""
    _leave_file_discovery()
    context = start()
    aria_text.speak(context.lang)  # Streamlit's English names and announcements, translated
    auth.editing_status()
    phone.style()
    banners.banners(context)
    return context


def _leave_file_discovery() -> None:
    """Make sure the app's own navigation answers, then go on.

    With a `pages/` folder beside `app.py`, Streamlit starts each process (and each
    AppTest run) in its old file-discovery mode, where a page link runs the page file alone
    under a navigation made of file names. The documentation promises that calling
    `st.navigation` in any session switches the whole process to the declared pages; so
    the first frame of a process declares them and runs again, and `app.py` answers: same
    URL, same page, the app's navigation and sidebar. One short extra run, once per
    process (`ui.navigation.declared` remembers that the declaration was made).

    AppTest goes back to file discovery before every run, and a rerun there would drop the
    button clicks of the run being tested; under AppTest the page draws the frame itself
    instead (see `current`).
    """
    if navigation.declared() or st.get_option("global.appTest"):
        return
    navigation.navigation()
    st.rerun()


def start() -> PageContext:
    """Language switch, global filters and URL sync; stores and returns the context."""
    _init_from_url()
    _language_switch()
    try:
        context = _load_context()
    except StoreError as error:
        context = PageContext(lang=lang(), error=error.message(lang()))
    st.session_state[_CONTEXT_KEY] = context
    url_sync.sync_url(context.lang, context.filters)
    return context


def _init_from_url() -> None:
    """On a session's first run, take the language and filters from the opening link."""
    if _VIEW_KEY in st.session_state:
        return
    st.session_state[LANG_KEY], st.session_state[_VIEW_KEY] = url_sync.opening_view()


def _remembered() -> Filters:
    return st.session_state.get(_VIEW_KEY) or Filters()


def _remember_lang() -> None:
    """Widget callback: keep the chosen language as the session's own state."""
    st.session_state[LANG_KEY] = as_lang(st.session_state.get(K_LANG), lang())


def _remember_filters() -> None:
    """Widget callback: keep the chosen filters as the session's own state.

    The session's state, not the widgets', is the truth: widgets are recreated from it
    whenever Streamlit gives them a new identity (see `current`), so nothing is lost.
    """
    view = _remembered()
    years = st.session_state.get(K_YEARS)
    if not isinstance(years, list | tuple) or len(years) != 2:
        years = None
    st.session_state[_VIEW_KEY] = Filters(
        round=st.session_state.get(K_ROUND, view.round),
        poles=tuple(st.session_state.get(K_POLES, view.poles) or ()),
        regions=tuple(st.session_state.get(K_REGIONS, view.regions) or ()),
        sectors=tuple(st.session_state.get(K_SECTORS, view.sectors) or ()),
        year_from=years[0] if years else view.year_from,
        year_to=years[1] if years else view.year_to,
    )


_LANGUAGE_NAMES: dict[Lang, str] = {"fr": "Français", "en": "English"}


def _language_switch() -> None:
    st.sidebar.segmented_control(
        "Langue / Language",
        options=list(LANGS),
        format_func=_LANGUAGE_NAMES.__getitem__,
        default=lang(),
        key=K_LANG,
        selection_mode="single",
        required=True,
        on_change=_remember_lang,
    )


def _load_context() -> PageContext:
    url = cached_store.database_url()
    version = cached_store.data_version()
    rounds = cached_store.rounds(url, version)
    language = lang()
    if not rounds:
        return PageContext(lang=language)
    labels = chronological(rounds)  # the newest period last: the default round
    remembered = _remembered()
    label = remembered.round if remembered.round in labels else labels[-1]
    if st.session_state.get(K_ROUND) not in (None, *labels):
        _redraw(K_ROUND)  # its round was deleted
    st.sidebar.header(tr("ui.filters"))
    label = st.sidebar.selectbox(
        tr("ui.round"),
        labels,
        key=K_ROUND,
        on_change=_remember_filters,
        **_start(K_ROUND, label, index=labels.index(label)),
    )
    survey = cached_store.round_core(url, label, version)
    options = FilterOptions.of(survey, rounds=labels)
    shown = st.session_state.get(_SHOWN_KEY)
    if shown is not None and shown != label:
        _redraw(K_YEARS)  # another round: the slider starts over at its whole period
    st.session_state[_SHOWN_KEY] = label
    wanted = follow_round(remembered, label, shown=shown).within(options)
    filters = _filter_widgets(options, label, wanted)
    st.session_state[_VIEW_KEY] = filters
    view = cached_store.filtered_core(url, label, version, filters)
    return PageContext(
        lang=language,
        rounds=tuple(rounds),
        survey=survey,
        filters=filters,
        view=view,
        options=options,
        version=version,
    )


def _forget_unknown(key: str, allowed: tuple[object, ...]) -> None:
    """Redraw a widget from the session's truth when this round does not offer its value."""
    value = st.session_state.get(key)
    if value is not None and not set(value) <= set(allowed):
        _redraw(key)


def _redraw(*keys: str) -> None:
    """Ask for widgets to be drawn again from the session's truth on their next creation.

    Dropping a widget's state is not enough: the browser remembers the value it showed and
    sends it back with the next interaction. A value given through session state reaches
    the browser too, so `_start` uses that route for these widgets, once.
    """
    pending = set(st.session_state.get(_REDRAW_KEY, ()))
    st.session_state[_REDRAW_KEY] = pending | set(keys)


def _take_redraw(key: str) -> bool:
    """Whether a redraw of widget `key` was asked for (and forget the request)."""
    pending = set(st.session_state.get(_REDRAW_KEY, ()))
    st.session_state[_REDRAW_KEY] = pending - {key}
    return key in pending


def _start(key: str, state: object, **default: Any) -> dict[str, Any]:
    """The keyword giving widget `key` its starting value (`default`), or, when a redraw
    was asked for, nothing: its value `state` then goes through session state. `Any`: it
    is spread into a widget call, whose keyword's type depends on the widget."""
    if not _take_redraw(key):
        return default
    st.session_state[key] = state
    return {}


def _filter_widgets(options: FilterOptions, label: str, wanted: Filters) -> Filters:
    sidebar = st.sidebar
    year_from = year_to = None
    if len(options.years) >= 2:
        low, high = options.years[0], options.years[-1]
        _forget_unknown(K_YEARS, options.years)
        if _take_redraw(K_YEARS):
            # A range slider keeps its range only when given through `value=` (a range set
            # through session state comes back as one year under AppTest).
            st.session_state.pop(K_YEARS, None)
        year_from, year_to = sidebar.select_slider(
            tr("ui.years"),
            options=list(options.years),
            value=(wanted.year_from or low, wanted.year_to or high),
            key=K_YEARS,
            on_change=_remember_filters,
        )
    chosen: dict[str, list[str]] = {}
    for key, title, allowed, default, formatter in (
        (K_REGIONS, "ui.regions", options.regions, wanted.regions, str),
        (
            K_SECTORS,
            "ui.sectors",
            options.sectors,
            wanted.sectors,
            partial(sector_label, lang=lang()),
        ),
        (K_POLES, "ui.poles", options.poles, wanted.poles, str),
    ):
        _forget_unknown(key, allowed)
        chosen[key] = sidebar.multiselect(
            tr(title),
            allowed,
            key=key,
            # French agrees "all" with the noun: Tous les pôles, Toutes les régions.
            placeholder=tr("ui.all" if key == K_POLES else "ui.all_feminine"),
            select_all=False,  # an empty filter is "all" already; its label is English
            format_func=formatter,
            on_change=_remember_filters,
            **_start(key, list(default), default=list(default)),
        )
    sidebar.button(tr("ui.reset_filters"), on_click=_reset_filters, key="reset_filters")
    full_range = bool(options.years) and (year_from, year_to) == (
        options.years[0],
        options.years[-1],
    )
    return Filters(
        round=label,
        poles=tuple(chosen[K_POLES]),
        regions=tuple(chosen[K_REGIONS]),
        sectors=tuple(chosen[K_SECTORS]),
        year_from=None if full_range else year_from,
        year_to=None if full_range else year_to,
    )


def _reset_filters() -> None:
    """Button callback: back to the whole round."""
    st.session_state[_VIEW_KEY] = Filters(round=_remembered().round)
    _redraw(K_POLES, K_REGIONS, K_SECTORS, K_YEARS)


def select_round(label: str) -> None:
    """Make `label` the chosen round of the global filters, with no other restriction.

    For a page that just stored a round: the next run shows it, the sidebar's widgets
    drawn again from the session's truth.
    """
    st.session_state[_VIEW_KEY] = Filters(round=label)
    _redraw(K_ROUND, K_POLES, K_REGIONS, K_SECTORS, K_YEARS)
