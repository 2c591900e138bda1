"""plotly.js's locale for the interface language (`analysis.charts.plotly_locale`)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import streamlit

from analysis.charts.plotly_locale import FRENCH_DICTIONARY, chart_config

#: Streamlit's front-end bundle holding plotly.js (the version the app really runs).
_BUNDLES = sorted(
    (Path(streamlit.__file__).parent / "static" / "static" / "js").glob("PlotlyChart.*.js")
)
#: The modebar buttons a cartesian or map chart of ours can show (plotly.js's keys).
_MODEBAR = (
    "Download plot as a PNG",
    "Zoom",
    "Pan",
    "Box Select",
    "Zoom in",
    "Zoom out",
    "Autoscale",
    "Reset axes",
    "Reset view",
)


def test_english_is_plotly_s_own() -> None:
    assert chart_config("en") == {}


def test_french_names_its_locale_and_gives_its_dictionary() -> None:
    config = chart_config("fr")
    assert config["locale"] == "fr"
    locales = config["locales"]
    assert isinstance(locales, dict)
    assert locales["fr"]["dictionary"]["Reset axes"] == "Réinitialiser les axes"
    json.dumps(config)  # sent to the browser as JSON by st.plotly_chart


def test_every_modebar_title_is_translated() -> None:
    for key in _MODEBAR:
        assert key in FRENCH_DICTIONARY
        assert FRENCH_DICTIONARY[key] != key or key == "Zoom"  # "Zoom" is French too


def test_the_keys_are_the_ones_the_bundled_plotly_looks_up() -> None:
    """A key plotly.js renamed would silently stay English: each key must be one the
    bundle Streamlit ships passes to its translation function."""
    assert _BUNDLES, "Streamlit's plotly bundle not found"
    source = _BUNDLES[0].read_text(encoding="utf-8")
    looked_up = set(re.findall(r"[A-Za-z_$]\([A-Za-z_$],`([^`]+)`\)", source))
    # The fr locale's old notice names (kept for an older bundle); the logo's title is
    # looked up through another name of the function.
    older = {
        "Taking snapshot - this may take a few seconds",
        "Snapshot succeeded",
        "Sorry, there was a problem downloading your snapshot!",
        "Produced with Plotly.js",
    }
    missing = set(FRENCH_DICTIONARY) - looked_up - older
    assert not missing, missing
    assert set(_MODEBAR) <= looked_up
