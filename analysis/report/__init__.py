"""Reports that leave the dashboard: a PDF per pole and a one-page fact sheet (issue 18).

`pole_report(survey, pole, lang, winners=...) -> bytes` is one pole's benchmark: its answers
beside the median and quartiles of all poles, its region and its sector, its rank and
percentile, its yearly submissions against the network's, its growth on the overview's
basis, its award applications and results. `fact_sheet(survey, filters, lang) -> bytes` is
the headline figures and the yearly chart on one A4 page. Both are typeset by Typst from
the template files of `templates/`; the data reaches a template as JSON, never as markup,
so a pole named `#set` or `<b>` is printed as it is spelt. `batch.all_reports` writes every
responding pole's report and an index CSV.
"""

from __future__ import annotations

from analysis.report.fact_sheet import fact_sheet, fact_sheet_filename
from analysis.report.pole import pole_filename, pole_report, responding_poles
from analysis.report.typeset import ReportError

__all__ = [
    "ReportError",
    "fact_sheet",
    "fact_sheet_filename",
    "pole_filename",
    "pole_report",
    "responding_poles",
]
