"""The Rounds page's changes to the store: asked for, confirmed by an editor, carried out.

A change (delete a round, make a kept version current again) goes through three runs:

1. a button asks for it (`ask`): it is kept in session state as pending;
2. while pending, the page shows what will happen, a cancel button and the editor gate
   (`carry_out`; the page offers changes only to a signed-in editor, the gate checks
   again); a restore is confirmed once more in a dialog (`st.dialog`; a deletion was
   confirmed by typing the round's name);
3. the change is made, its outcome kept as a flash message and the app run again, so
   every cached load (keyed on the store's revision) follows; `show_flash` shows it.

The page decides where the pending change is drawn (a container placed under the delete
form) and calls `carry_out` last, after the audit log, so a gate that stops the page
never hides the log.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import streamlit as st

from analysis.auth import Actor, Role
from analysis.core.i18n import Lang
from analysis.store import SurveyStore
from analysis.store.errors import StoreError
from ui.auth import editor_gate
from ui.text import md_escape, tr

if TYPE_CHECKING:
    from streamlit.delta_generator import DeltaGenerator

#: Session-state keys of the page's own state (not widgets).
_PENDING = "_rounds_pending"
_FLASH = "_rounds_flash"
#: Widgets of the page that a deletion empties (their round is gone).
_AFTER_DELETE = ("rounds_confirm", "rounds_pick")


@dataclass(frozen=True)
class Change:
    """A change asked for: delete round `label`, or make its `version` current again."""

    action: Literal["delete", "restore"]
    label: str
    version: int | None = None


def show_flash() -> None:
    """The outcome of the change made in the previous run, shown once."""
    flash = st.session_state.pop(_FLASH, None)
    if flash:
        st.success(flash, icon=":material/check_circle:")


def ask(change: Change) -> None:
    """Keep `change` as pending: the page confirms and carries it out below."""
    st.session_state[_PENDING] = change


def pending() -> Change | None:
    """The change asked for and not yet carried out or cancelled, if any."""
    change = st.session_state.get(_PENDING)
    return change if isinstance(change, Change) else None


def forget() -> None:
    """Drop the pending change (there is nothing left to change)."""
    st.session_state.pop(_PENDING, None)


def carry_out(store: SurveyStore, place: DeltaGenerator, lang: Lang) -> None:
    """Draw the pending change in `place`, behind the editor gate, and make it.

    Stops the page while no editor is known; reruns the app once the change is made.
    """
    change = pending()
    if change is None:
        return
    with place, st.container(border=True):
        target = md_escape(change.label)
        if change.action == "delete":
            st.markdown(tr("rounds.pending_delete", label=target))
        else:
            st.markdown(tr("rounds.pending_restore", label=target, version=str(change.version)))
        if st.button(tr("rounds.cancel"), key="rounds_cancel"):
            forget()
            st.rerun()
        identity = editor_gate(Role.ADMIN)
        if identity is None:
            st.stop()
    if change.action == "restore":
        _confirm_restore(store, change, identity, lang)
        return
    forget()
    with place:
        _finish(store, change, identity, lang)


def _finish(store: SurveyStore, change: Change, identity: Actor, lang: Lang) -> None:
    """Make the change; keep its outcome for the next run and rerun the app (or say why not)."""
    try:
        done = _make(store, change, identity)
    except StoreError as error:
        st.error(error.message(lang), icon=":material/warning:")
    else:
        st.session_state[_FLASH] = done
        st.rerun()


def _confirm_restore(store: SurveyStore, change: Change, identity: Actor, lang: Lang) -> None:
    """A dialog asking to confirm the restore; closing it drops the change asked for.

    Drawn on every run while the restore is pending (not only after the button's run), so
    its confirm button is still there when clicked, in a browser and under AppTest alike.
    """

    def body() -> None:
        target = md_escape(change.label)
        st.markdown(tr("rounds.pending_restore", label=target, version=str(change.version)))
        confirm, cancel = st.columns(2)
        if confirm.button(
            tr("rounds.confirm_restore"), key="rounds_confirm_restore", type="secondary"
        ):
            forget()
            _finish(store, change, identity, lang)
        if cancel.button(tr("rounds.cancel"), key="rounds_cancel_restore"):
            forget()
            st.rerun()

    st.dialog(tr("rounds.confirm_restore_title"), on_dismiss=forget)(body)()


def _make(store: SurveyStore, change: Change, identity: Actor) -> str:
    """Make `change` in the store as `identity`; the message saying it was done."""
    target = md_escape(change.label)
    if change.action == "delete":
        record = store.delete_round(change.label, actor=identity)
        for key in _AFTER_DELETE:
            st.session_state.pop(key, None)
        return tr("rounds.deleted", label=target, n=record.respondents)
    assert change.version is not None  # a restore always names its version
    store.restore_version(change.label, change.version, actor=identity)
    return tr("rounds.restored", label=target, version=str(change.version))
