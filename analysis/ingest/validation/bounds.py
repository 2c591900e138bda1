"""Bounds on how much a readable round may hold: distinct poles, projects rows.

A sheet within the reading limits can still name a million invented poles: matching each
against the registry, storing them and drawing them took gigabytes and minutes (issue 15).
These checks run on the raw cells, before any pole is matched, and their errors stop the
round from being built. The numbers live in `analysis/core/limits.py`.
"""

from __future__ import annotations

import pandas as pd

from analysis.core import limits
from analysis.ingest.report import Problem
from analysis.ingest.validation.cells import ERROR, located


def pole_count_problem(sheet: str, poles: pd.Series) -> Problem | None:
    """An error when the pole cells name more distinct poles than `limits.max_poles()`."""
    limit = limits.max_poles()
    filled = poles.dropna()
    if len(filled) <= limit:  # cheap: fewer cells than the limit cannot name more poles
        return None
    count = len(pd.unique(filled.astype(str).str.strip().str.casefold()))
    if count <= limit:
        return None
    return located(ERROR, "too_many_poles", sheet, None, None, count=count, limit=limit)


def project_rows_problem(sheet: str, rows: int) -> Problem | None:
    """An error when a projects sheet has more rows than `limits.MAX_PROJECT_ROWS`."""
    if rows <= limits.MAX_PROJECT_ROWS:
        return None
    return located(
        ERROR, "too_many_project_rows", sheet, None, None, count=rows, limit=limits.MAX_PROJECT_ROWS
    )
