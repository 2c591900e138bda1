"""`python -m analysis summary`: a round's headline figures, from a file or from the store.

    python -m analysis summary FILE [--json] [--lang fr|en] [--map ...] [--drop-incomplete]
        [--keep-latest]
    python -m analysis summary --db URL --round LABEL [--json] [--lang fr|en]

Exit codes: 0 printed; 1 the file has errors (the report goes to stderr); 2 the file or the
store cannot be read, or the arguments name no source; 4 no round has that label.
"""

from __future__ import annotations

import argparse
import json
import sys

from analysis.analytics.figures import summary_values
from analysis.analytics.metrics import Headline, growth_differs, headline
from analysis.cli.round_source import EXIT_OK, SourceError, add_round_source, round_from_args
from analysis.core.i18n import Lang, fmt_int, fmt_percent, t
from analysis.sample.notice import synthetic_notice


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `summary` command."""
    parser = subparsers.add_parser(
        "summary",
        help=t("metrics.cli_help", "en"),
        description=t("metrics.cli_help", "en"),
    )
    add_round_source(parser, json_help=t("metrics.cli_json", "en"))
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print the summary of the round named by `args`; return the exit code."""
    lang: Lang = args.lang
    try:
        survey = round_from_args(args, lang)
    except SourceError as failure:
        print(failure.message, file=sys.stderr)
        return failure.code
    if args.json:
        print(json.dumps(summary_values(survey), ensure_ascii=False, indent=2))
    else:
        print(render_text(headline(survey), lang, notice=synthetic_notice(survey, lang)))
    return EXIT_OK


def render_text(h: Headline, lang: Lang, *, notice: str | None = None) -> str:
    """The headline as a few lines of text in `lang`, each figure with its base n.

    `notice` is the round's synthetic-data notice (`analysis.sample.notice`), if any.
    """
    lines = [t("metrics.title", lang, round=h.round, period=h.period or "–")]
    if notice:
        lines.append(notice)
    if h.poles_surveyed:
        lines.append(
            t(
                "metrics.respondents_of",
                lang,
                respondents=h.respondents,
                surveyed=h.poles_surveyed,
                rate=fmt_percent(h.response_rate.value, lang),
            )
        )
    else:
        lines.append(t("metrics.respondents", lang, respondents=h.respondents))
    submitted = h.projects_submitted
    lines.append(t("metrics.submitted", lang, total=fmt_int(submitted.value, lang), n=submitted.n))
    lines.extend(
        t("metrics.submitted_year", lang, year=str(year), total=fmt_int(m.value, lang), n=m.n)
        for year, m in h.projects_submitted_by_year
    )
    if len(h.projects_submitted_by_year) >= 2:
        lines.append(
            t(
                "metrics.cagr",
                lang,
                cagr=fmt_percent(h.projects_submitted_cagr.value, lang, digits=1),
                first=str(h.projects_submitted_by_year[0][0]),
                last=str(h.projects_submitted_by_year[-1][0]),
                n=h.projects_submitted_cagr.n,
            )
        )
        if growth_differs(h.projects_submitted_cagr, h.projects_submitted_cagr_all):
            lines.append(
                t(
                    "metrics.cagr_all",
                    lang,
                    cagr=fmt_percent(h.projects_submitted_cagr_all.value, lang, digits=1),
                )
            )
    for key, measure in (
        ("funded", h.projects_funded),
        ("recruitments", h.europe_team_recruitments),
        ("coordinators", h.coordinator_members),
    ):
        lines.append(t(f"metrics.{key}", lang, total=fmt_int(measure.value, lang), n=measure.n))
    lines.append(
        t(
            "metrics.plans_to_recruit",
            lang,
            share=fmt_percent(h.plans_to_recruit.value, lang),
            yes=fmt_int(h.plans_to_recruit_yes.value, lang),
            n=h.plans_to_recruit.n,
        )
    )
    return "\n".join(lines)
