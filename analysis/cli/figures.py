"""`python -m analysis figures`: every declared figure of a round with its value, base and formula.

    python -m analysis figures FILE [--json] [--lang fr|en] [--map ...] [--drop-incomplete]
        [--keep-latest]
    python -m analysis figures --db URL --round LABEL [--json] [--lang fr|en]

The same registry (`analysis.analytics.figures`) feeds the overview's tiles, the deck and
the Method page, so this is the way to check a quoted number from a terminal. Exit codes as
`summary`: 0 printed; 1 the file has errors; 2 unreadable file or store, or no source; 4 no
round has that label.
"""

from __future__ import annotations

import argparse
import json
import sys

from analysis.analytics.figures import Figure, figures_of
from analysis.cli.round_source import EXIT_OK, SourceError, add_round_source, round_from_args
from analysis.core.i18n import Lang, t


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `figures` command."""
    parser = subparsers.add_parser(
        "figures",
        help=t("figures.cli_help", "en"),
        description=t("figures.cli_help", "en"),
    )
    add_round_source(parser, json_help=t("figures.cli_json", "en"))
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print the figures of the round named by `args`; return the exit code."""
    lang: Lang = args.lang
    try:
        survey = round_from_args(args, lang)
    except SourceError as failure:
        print(failure.message, file=sys.stderr)
        return failure.code
    figures = figures_of(survey, lang)
    if args.json:
        print(json.dumps([f.to_json() for f in figures], ensure_ascii=False, indent=2))
    else:
        print(render_text(figures, survey.info.label, lang))
    return EXIT_OK


def render_text(figures: tuple[Figure, ...], label: str, lang: Lang) -> str:
    """Each figure as a short block: label and value, exact value and base, formula, rule,
    caveats."""
    lines = [t("figures.cli_title", lang, label=label)]
    for figure in figures:
        lines += [
            "",
            t("figures.cli_line", lang, label=figure.label, display=figure.display, id=figure.id),
            "  " + t("figures.cli_exact", lang, exact=figure.exact, n=figure.n),
            "  " + t("figures.cli_base", lang, text=figure.base),
            "  " + t("figures.cli_formula", lang, text=figure.formula),
            "  " + t("figures.cli_rule", lang, text=figure.rule),
            *("  " + t("figures.cli_caveat", lang, text=c) for c in figure.caveats),
        ]
    return "\n".join(lines)
