"""Cross-filtering: clicking or box-selecting marks on a chart narrows the rest of the page.

A chart drawn with `ui.components.chart(..., selectable=True)` returns Streamlit's
selection event. Marks carry what they stand for in `customdata` (a region, a sector, a
pole, a year); `selected_values` reads it back, and `narrow` applies it on top of the
global filters. The selection stays visible with a button that clears it, and lives in
the address bar (`<chart>_pick`) like the filters, so a shared link narrows the same way.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import streamlit as st

from analysis.core.model import SurveyRound
from ui import view_options
from ui.text import md_escape, tr

#: What a selection can restrict, and the `Filters` attribute it narrows.
FIELDS: dict[str, str] = {
    "region": "regions",
    "sector": "sectors",
    "pole": "poles",
    "year": "years",
}


def selected_values(event: Mapping[str, Any] | None) -> tuple[str, ...]:
    """The distinct `customdata` values (first item when it is a list) of the picked marks."""
    if not event:
        return ()
    selection = event.get("selection") or {}
    values: list[str] = []
    for point in selection.get("points", []):
        data = point.get("customdata")
        if isinstance(data, list | tuple):
            data = data[0] if data else None
        if data is None:
            data = point.get("location")
        if data is not None and str(data) not in values:
            values.append(str(data))
    return tuple(values)


def selection(
    base: str, event: Mapping[str, Any] | None, allowed: tuple[str, ...]
) -> tuple[str, ...]:
    """What is selected on chart `base`, kept in the query string.

    The marks picked in the browser win; without any, the link's `<base>_pick` values
    apply (a shared link, or a rerun after one). A selection undone in the browser
    (plotly's double click) drops the link's too. Values this view does not offer are
    ignored.
    """
    param, picked_by_hand = pick_param(base), f"_{base}_by_hand"
    offered = set(allowed)
    hand = tuple(value for value in selected_values(event) if value in offered)
    if hand:
        st.session_state[picked_by_hand] = True
        picked = hand
    elif st.session_state.pop(picked_by_hand, False):
        picked = ()  # undone in the browser
    else:
        picked = tuple(v for v in st.query_params.get_all(param) if v in offered)
    view_options.keep(param, list(picked), [])
    return picked


def pick_param(base: str) -> str:
    """The query-string key of chart `base`'s selection."""
    return f"{base}_pick"


def narrow(view: SurveyRound, field: str, values: tuple[str, ...]) -> SurveyRound:
    """`view` restricted to the selected regions, sectors, poles or years."""
    if not values:
        return view
    if field == "year":
        years = {int(v) for v in values if str(v).isdigit()}
        return view.with_frames(
            yearly=view.yearly.loc[view.yearly["year"].isin(years)].reset_index(drop=True),
            projects=view.projects.loc[view.projects["year"].isin(years).fillna(False)].reset_index(
                drop=True
            ),
        )
    column = field
    keep = view.responses[column].isin(values).fillna(False).astype(bool)
    responses = view.responses.loc[keep].reset_index(drop=True)
    poles = responses["pole"]
    return view.with_frames(
        responses=responses,
        yearly=view.yearly.loc[view.yearly["pole"].isin(poles)].reset_index(drop=True),
        projects=view.projects.loc[view.projects["pole"].isin(poles)].reset_index(drop=True),
        extras=view.extras.loc[view.extras["pole"].isin(poles)].reset_index(drop=True),
    )


def chart_key(base: str) -> str:
    """The key to draw the selectable chart `base` with; it changes when cleared.

    Forgetting a chart's widget state is not enough to clear it: the browser keeps the
    selection and sends it back on the next rerun. A new key is a new chart in the
    browser, with nothing selected.
    """
    version = int(st.session_state.get(_version_key(base), 0))
    return base if version == 0 else f"{base}_v{version}"


def show_selection(base: str, field: str, values: tuple[str, ...]) -> None:
    """A visible note of the active selection on chart `base`, with a button that clears it."""
    if not values:
        return
    shown = ", ".join(md_escape(v) for v in values[:6]) + ("…" if len(values) > 6 else "")
    left, right = st.columns([5, 1])
    left.info(tr("crossfilter.active", field=tr(f"crossfilter.field_{field}"), values=shown))
    right.button(
        tr("crossfilter.clear"),
        key=f"{base}_clear",
        on_click=_clear,
        args=(base,),
    )


def _version_key(base: str) -> str:
    return f"_{base}_version"


def _clear(base: str) -> None:
    """Button callback: forget the selection and draw the chart under a new key."""
    st.session_state.pop(chart_key(base), None)
    st.session_state[_version_key(base)] = int(st.session_state.get(_version_key(base), 0)) + 1
    st.session_state.pop(f"_{base}_by_hand", None)
    if pick_param(base) in st.query_params:
        del st.query_params[pick_param(base)]
