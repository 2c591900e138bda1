"""Pôles Europe: the dashboard's entry point (`streamlit run app.py`).

Sets the page, creates the language switch and the global filters once (so they survive
page switches), then hands over to the page the visitor chose.
"""

import streamlit as st

from ui import shell
from ui.navigation import navigation

st.set_page_config(page_title="Pôles Europe", page_icon=":material/euro:", layout="wide")
shell.frame()
navigation().run()
