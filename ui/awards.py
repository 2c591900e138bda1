"""Widgets of the Awards page (edition settings, winners) and the peers page's awards line.

Widget keys start with `awards_` so tests can find them. The edition's settings default to
the 2023 rules (`Edition.default_2023`) and are page-local: changing a window or the
categories offered recomputes eligibility for this session only, nothing is stored.
Recording a winner changes the store and goes through the editor gate.
"""

from __future__ import annotations

from datetime import date
from functools import partial

import pandas as pd
import streamlit as st

from analysis.awards.categories import CATEGORY_KEYS
from analysis.awards.rules import Edition, phase_name
from analysis.awards.view import category_label, pole_awards
from analysis.core.i18n import LANGS, Lang, t
from analysis.store.awards import Winner
from ui import auth, cached_store
from ui.text import md_escape, tr, tr_md
from ui.widget_text import date_texts

#: Labelling phases the registry records (Phase IV and Phase V).
PHASES: tuple[int, ...] = (4, 5)
_LANGUAGE_NAMES: dict[Lang, str] = {"fr": "Français", "en": "English"}


def _phase_label(phase: int, lang: Lang) -> str:
    return t("awards.phase_label", lang, phase=phase_name(phase))


def edition_settings(lang: Lang) -> Edition:
    """The edition to judge, from the settings expander (the 2023 rules by default)."""
    default = Edition.default_2023()
    with st.expander(tr("awards.settings"), expanded=False):
        left, middle, right = st.columns(3)
        year = left.number_input(
            tr("awards.setting_year"),
            min_value=2000,
            max_value=2100,
            value=default.year,
            step=1,
            key="awards_year",
        )
        deadline = middle.date_input(
            tr("awards.setting_deadline"),
            value=default.deadline,
            min_value=date(2000, 1, 1),
            max_value=date(2100, 12, 31),
            key="awards_deadline",
            format=date_texts(),
        )
        phase = right.selectbox(
            tr("awards.setting_phase"),
            PHASES,
            index=PHASES.index(default.labelling_phase),
            format_func=partial(_phase_label, lang=lang),
            key="awards_phase",
        )
        offered = st.multiselect(
            tr("awards.setting_categories"),
            [category.key for category in default.categories],
            default=[category.key for category in default.categories],
            format_func=partial(category_label, lang=lang),
            key="awards_offered",
            help=tr("awards.setting_categories_help"),
            select_all=False,  # Streamlit's "Select all" has no French label
        )
        columns = st.columns(len(default.categories))
        windows = {
            category.key: column.number_input(
                tr("awards.setting_window", category=category.label(lang)),
                min_value=1,
                max_value=20,
                value=category.window_years,
                step=1,
                key=f"awards_window_{category.key}",
            )
            for column, category in zip(columns, default.categories, strict=True)
        }
        exclude_late = st.checkbox(
            tr("awards.setting_exclude_late"),
            value=default.exclude_late,
            key="awards_exclude_late",
            help=tr("awards.setting_exclude_late_help"),
        )
    edition = Edition(
        year=int(year),
        deadline=deadline if isinstance(deadline, date) else default.deadline,
        categories=tuple(c for c in default.categories if c.key in offered),
        labelling_phase=int(phase),
        exclude_late=bool(exclude_late),
    )
    return edition.with_windows({key: int(value) for key, value in windows.items()})


def pack_language(lang: Lang) -> Lang:
    """The jury pack's language (the interface's by default)."""
    chosen = st.segmented_control(
        tr("awards.pack_language"),
        options=list(LANGS),
        format_func=_LANGUAGE_NAMES.__getitem__,
        default=lang,
        key="awards_pack_lang",
        selection_mode="single",
    )
    return chosen or lang


@st.cache_data(show_spinner=False, max_entries=8)
def _winners(url: str, version: str) -> list[Winner]:
    """Every recorded winner, cached until the store changes."""
    return cached_store.store_for(url).winners()


def all_winners() -> list[Winner]:
    """Every recorded winner (the store's revision keys the cache)."""
    return _winners(cached_store.database_url(), cached_store.data_version())


def record_winner_form(edition: Edition, checked: pd.DataFrame, lang: Lang) -> None:
    """Editors pick a winner per category among its eligible applications, or remove one."""
    identity = auth.editor_gate()
    if identity is None:
        return
    category = st.selectbox(
        tr("awards.record_category"),
        CATEGORY_KEYS,
        format_func=partial(category_label, lang=lang),
        key="awards_winner_category",
    )
    rows = checked.loc[checked["eligible"] & (checked["category"] == category).fillna(False)]
    if rows.empty:
        st.info(
            tr_md("awards.record_none", category=category_label(category, lang)),
            icon=":material/info:",
        )
    else:
        # Options are the shown texts themselves (a row number is added to a repeated one),
        # so the choice survives reruns and tests pick it by what the editor reads.
        options: dict[str, int] = {}
        for index, pole, title, row in zip(
            rows.index, rows["pole"], rows["title"], rows["source_row"], strict=True
        ):
            text = tr("awards.record_option", pole=pole, title=_text(title))
            options[text if text not in options else f"{text} ({_text(row)})"] = int(index)
        choice = st.selectbox(tr("awards.record_choice"), list(options), key="awards_winner_choice")
        if st.button(tr("awards.record_button"), key="awards_record", type="primary"):
            picked = options[choice]
            pole, title = str(rows.at[picked, "pole"]), rows.at[picked, "title"]
            cached_store.store().record_winner(
                edition.year, category, pole, None if pd.isna(title) else str(title), actor=identity
            )
            st.success(
                tr("awards.recorded", pole=md_escape(pole), year=str(edition.year)),
                icon=":material/emoji_events:",
            )
    current = [
        w for w in all_winners() if w.edition_year == edition.year and w.category == category
    ]
    if current and st.button(
        tr_md("awards.remove_button", pole=current[0].pole), key="awards_remove"
    ):
        cached_store.store().remove_winner(edition.year, category, actor=identity)
        st.success(tr("awards.removed", year=str(edition.year)), icon=":material/delete:")


def _text(value: object) -> str:
    return "–" if value is None or pd.isna(value) else str(value)


def awards_won_caption(pole: str, lang: Lang) -> None:
    """Under a pole's identity on the peers page: the awards it won, when any."""
    won = pole_awards(all_winners(), pole, lang)
    if won:
        st.caption(":material/emoji_events: " + tr_md("awards.peers_won", awards="; ".join(won)))
