"""One table of hostile names, used wherever user text reaches a page, a chart or an export.

Each name is something an upload could hold in a pole, region, sector, round label, initiative
title or column header: Markdown that would render (`**bold**`, `$x$`, images and links that
make every visitor's browser fetch an address), HTML that plotly draws (`<a href>`, `<b>`),
spreadsheet formulas and their triggers (`=`, `+`, `-`, `@`, tab, carriage return), and a name
far longer than any real one. The addresses point at a closed loopback port, so nothing leaves
the machine even if a test ever failed open.
"""

from __future__ import annotations

import pandas as pd

from analysis.awards.categories import CATEGORY_KEYS
from analysis.core.model import RoundInfo, SurveyRound

#: Where the hostile links and images point: a loopback port nothing listens on.
TRAP_URL = "http://127.0.0.1:9/"

HOSTILE_NAMES: tuple[str, ...] = (
    "**bold**",
    "$x$",
    f"![img]({TRAP_URL}x.png)",
    f"[link]({TRAP_URL})",
    f'<a href="{TRAP_URL}">Click here</a>',
    "<b>b</b>",
    '=HYPERLINK("http://x")',
    "+1",
    "-2",
    "@SUM(1)",
    "P" * 300,
    "\tTabbed",
    "\rReturned",
)

#: Names that start with a spreadsheet formula trigger (what exports must neutralise).
FORMULA_NAMES: tuple[str, ...] = tuple(
    name for name in HOSTILE_NAMES if name.startswith(("=", "+", "-", "@", "\t", "\r"))
)

#: What the names' own emphasis would show bold or slanted if it were read as Markdown.
EMPHASISED: tuple[str, ...] = ("bold", "R", "b")

#: A round label made of Markdown and HTML at once (labels are short and one line).
HOSTILE_LABEL = f"**R** $x$ ![i]({TRAP_URL}l.png) [l]({TRAP_URL}) <b>b</b>"


def hostile_round(label: str = HOSTILE_LABEL) -> SurveyRound:
    """A round whose poles, regions, sectors, titles and extra columns are all hostile names.

    Every pole answers every year, with enough poles in one region and sector that groups pass
    the small-group rule and charts are drawn.
    """
    names = list(HOSTILE_NAMES)
    years = (2021, 2022, 2023)  # newer than the shipped sample, so the default round
    regions = [HOSTILE_NAMES[i % 3] for i in range(len(names))]
    sectors = [HOSTILE_NAMES[3 + i % 3] for i in range(len(names))]
    responses = pd.DataFrame(
        {
            "pole": names,
            "region": regions,
            "sector": sectors,
            "europe_team_recruitments": pd.array([i % 4 for i in range(len(names))], dtype="Int64"),
            "plans_to_recruit": pd.array([i % 2 == 0 for i in range(len(names))], dtype="boolean"),
            "members": pd.array([50 + 10 * i for i in range(len(names))], dtype="Int64"),
            "source_row": range(2, len(names) + 2),
        }
    )
    yearly = pd.DataFrame(
        [
            {
                "pole": name,
                "year": year,
                "projects_submitted": 1 + (i + year) % 7,
                "projects_funded": (i + year) % 3,
            }
            for i, name in enumerate(names)
            for year in years
        ]
    )
    projects = pd.DataFrame(
        {
            "pole": names,
            "year": [years[i % 3] for i in range(len(names))],
            "programme": ["Horizon Europe"] * len(names),
            "submitted": 1,
            "funded": pd.array([1] * len(names), dtype="Int64"),
            "role": ["coordinator"] * len(names),
            "title": list(reversed(names)),
            "source_row": range(2, len(names) + 2),
        }
    )
    extras = pd.DataFrame(
        {
            "pole": [names[i % len(names)] for i in range(len(FORMULA_NAMES) * 2)],
            "column": [*FORMULA_NAMES, *FORMULA_NAMES],
            "value": [*FORMULA_NAMES, *("-5",) * len(FORMULA_NAMES)],
        }
    )
    initiatives = pd.DataFrame(
        {
            "pole": names,
            "title": names,
            "category": [CATEGORY_KEYS[i % len(CATEGORY_KEYS)] for i in range(len(names))],
            "start_date": pd.Timestamp("2022-03-01"),
            "submitted_on": pd.Timestamp("2023-06-01"),
            "description": names,
            "partner_countries": "Allemagne, Espagne",
            "source_row": range(2, len(names) + 2),
        }
    )
    info = RoundInfo(
        label=label,
        period_start=min(years),
        period_end=max(years),
        poles_surveyed=len(names) + 5,
    )
    return SurveyRound.build(info, responses, yearly, projects, extras, initiatives)
