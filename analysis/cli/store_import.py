"""`python -m analysis import FILE --round LABEL [--db URL] [--replace] ...`.

Validates the whole file first; stores it as one round in one transaction, or nothing.
Exit codes: see `analysis.cli.store_common`.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from analysis.cli.ingest_options import OptionError, add_ingest_options, ingest_options
from analysis.cli.store_common import (
    EXIT_INVALID,
    EXIT_OK,
    EXIT_UNREADABLE,
    add_store_options,
    command_line_actor,
    complain,
    guarded,
    say,
)
from analysis.core.i18n import Lang, t
from analysis.ingest.validation.round_info import info_problems
from analysis.store import ImportOutcome, SurveyStore

_PERIOD = re.compile(r"^\s*(\d{4})\s*(?:[-–/]\s*(\d{4}))?\s*$")


def parse_period(text: str) -> tuple[int, int]:
    """`2019-2022` -> (2019, 2022); `2023` -> (2023, 2023)."""
    match = _PERIOD.match(text)
    if match is None or (match[2] and int(match[2]) < int(match[1])):
        raise argparse.ArgumentTypeError(t("store.cli_period_invalid", "en", value=text))
    return int(match[1]), int(match[2] or match[1])


def parse_count(text: str) -> int:
    """`55` -> 55; anything but a whole number of at least 1 is refused."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(t("store.cli_count_invalid", "en", value=text))
    return value


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `import` command."""
    parser = subparsers.add_parser(
        "import",
        help=t("store.cli_import_help", "en"),
        description=t("store.cli_import_help", "en"),
    )
    parser.add_argument("file", type=Path, help=t("store.cli_import_file", "en"))
    parser.add_argument(
        "--round", dest="round_label", metavar="LABEL", help=t("store.cli_import_round", "en")
    )
    parser.add_argument("--replace", action="store_true", help=t("store.cli_import_replace", "en"))
    parser.add_argument(
        "--allow-same-file", action="store_true", help=t("store.cli_import_same_file", "en")
    )
    parser.add_argument(
        "--poles-surveyed", type=parse_count, metavar="N", help=t("store.cli_import_poles", "en")
    )
    parser.add_argument(
        "--period", type=parse_period, metavar="YYYY-YYYY", help=t("store.cli_import_period", "en")
    )
    add_ingest_options(parser)
    add_store_options(parser, writes=True)
    parser.set_defaults(func=guarded(run))


def run(args: argparse.Namespace) -> int:
    """Ingest, validate and store the file; return the exit code."""
    from analysis.ingest.pipeline import ingest_path  # late: only this command needs ingestion

    lang, path = args.lang, args.file
    if not path.is_file():
        complain(t("store.cli_not_found", lang, path=str(path)))
        return EXIT_UNREADABLE
    try:
        options = ingest_options(args, lang)
    except OptionError as error:
        complain(error.message)
        return EXIT_UNREADABLE
    try:
        result = ingest_path(path, **options)
    except OSError as error:
        complain(t("store.cli_unreadable", lang, path=str(path), reason=error.strerror or ""))
        return EXIT_UNREADABLE
    report = result.report
    if report.unreadable:
        reason = report.problems[0].message(lang) if report.problems else ""
        complain(t("store.cli_unreadable", lang, path=str(path), reason=reason))
        return EXIT_UNREADABLE
    if not report.ok or result.survey is None:
        complain(report.to_text(lang))
        complain(t("store.cli_invalid", lang, path=str(path)))
        return EXIT_INVALID
    start, end = args.period if args.period else (None, None)
    info = result.survey.info.with_overrides(
        label=args.round_label,
        poles_surveyed=args.poles_surveyed,
        period_start=start,
        period_end=end,
    )
    described = info_problems(info, len(result.survey.responses))
    if described:
        for problem in described:
            complain(problem.message(lang))
        complain(t("store.cli_invalid", lang, path=str(path)))
        return EXIT_INVALID
    store = SurveyStore(args.db)
    try:
        outcome = store.import_round(
            result,
            info,
            replace=args.replace,
            actor=command_line_actor(args),
            allow_same_file=args.allow_same_file,
        )
    finally:
        store.close()
    for warning in report.warnings:
        complain(t("store.cli_warning", lang, message=warning.message(lang)))
    _print_outcome(outcome, lang)
    return EXIT_OK


def _print_outcome(outcome: ImportOutcome, lang: Lang) -> None:
    for warning in outcome.warnings:
        complain(t("store.cli_warning", lang, message=warning.message(lang)))
    say(
        t(
            "store.cli_stored",
            lang,
            label=outcome.label,
            respondents=outcome.respondents,
            years=len(outcome.years),
            projects=outcome.project_rows,
        )
    )
    if outcome.replaced_version_id is not None:
        say(
            t(
                "store.cli_replaced",
                lang,
                label=outcome.label,
                version=str(outcome.replaced_version_id),
            )
        )
