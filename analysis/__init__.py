"""Pôles Europe: the importable core of the survey dashboard.

Nothing in this package imports Streamlit: pages call into it, never the reverse.
"""

__version__ = "0.1.0"
