"""Pôles Europe: the dashboard's entry point (`streamlit run app.py`).

Sets the page, creates the language switch and the global filters once (so they survive
page switches), then hands over to the page the visitor chose.
"""

from pathlib import Path

import streamlit as st

from ui import heap, shell
from ui.navigation import navigation

heap.freeze_imports()

#: A local icon: a Material icon name would make every browser fetch it from a font CDN.
ICON = str(Path(__file__).with_name("ui") / "static" / "icon.png")

st.set_page_config(page_title="Pôles Europe", page_icon=ICON, layout="wide")
with shell.framed():
    navigation().run()
