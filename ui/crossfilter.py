"""Cross-filtering: clicking or box-selecting marks on a chart narrows the rest of the page.

A chart drawn with `ui.components.chart(..., selectable=True)` returns Streamlit's
selection event. Marks carry what they stand for in `customdata` (a region, a sector, a
pole, a year); `selected_values` reads it back, and `narrow` applies it on top of the
global filters. The selection stays visible with a button that clears it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import streamlit as st

from analysis.model import SurveyRound
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
