"""Streamlit-side helpers shared by `app.py` and the pages: state, cached data, widgets.

This is the only place besides `app.py` and `pages/` that imports Streamlit; the analysis
work itself stays in `analysis/`.
"""
