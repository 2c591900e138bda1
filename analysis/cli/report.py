"""`python -m analysis report --round LABEL (--pole NAME --out FILE.pdf | --all --out DIR)`.

One pole's personal report, or every responding pole's into a folder with an index CSV and
a progress bar on standard error. The pole is matched like the registry matches names
(case and accents ignored); an unknown one gets the closest names. Exit codes: those of
`analysis.cli.store_common` (1 for an unknown pole or nobody to report on).
"""

from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path

from analysis.cli.store_common import (
    EXIT_INVALID,
    EXIT_OK,
    EXIT_UNREADABLE,
    add_store_options,
    complain,
    guarded,
    say,
)
from analysis.core.i18n import Lang, t
from analysis.core.model import SurveyRound
from analysis.core.text import normalise
from analysis.deck.wording import counted_key
from analysis.store import SurveyStore

#: Width of the progress bar, in characters.
BAR_WIDTH = 30


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `report` command."""
    parser = subparsers.add_parser(
        "report", help=t("report.cli_help", "en"), description=t("report.cli_help", "en")
    )
    parser.add_argument(
        "--round",
        dest="round_label",
        metavar="LABEL",
        required=True,
        help=t("report.cli_round", "en"),
    )
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--pole", metavar="NAME", help=t("report.cli_pole", "en"))
    which.add_argument("--all", action="store_true", help=t("report.cli_all", "en"))
    parser.add_argument("--out", type=Path, required=True, help=t("report.cli_out", "en"))
    add_store_options(parser)
    parser.set_defaults(func=guarded(run))


def find_pole(survey: SurveyRound, given: str) -> str | None:
    """The responding pole `given` names (case, accents and spacing ignored), or None."""
    wanted = normalise(given)
    return next((pole for pole in survey.poles if normalise(pole) == wanted), None)


def suggestions(survey: SurveyRound, given: str, limit: int = 3) -> str:
    """The closest responding poles' names, for the error message."""
    close = difflib.get_close_matches(given, survey.poles, n=limit, cutoff=0.0)
    return ", ".join(close) or "–"


def progress_bar(done: int, total: int, pole: str) -> None:
    """`[#######            ] 12/40 Pole name` on standard error, redrawn in place."""
    filled = BAR_WIDTH * done // max(total, 1)
    name = "".join(ch for ch in pole if ch.isprintable())[:40]
    line = f"\r[{'#' * filled}{' ' * (BAR_WIDTH - filled)}] {done}/{total} {name}"
    sys.stderr.write(line.ljust(BAR_WIDTH + 60))
    if done == total:
        sys.stderr.write("\n")
    sys.stderr.flush()


def _write(path: Path, data: bytes, lang: Lang) -> str | None:
    """Write `data` to `path`; the sentence saying why not, or None."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    except OSError as error:
        return t("store.cli_write_failed", lang, path=str(path), reason=error.strerror or "")
    return None


def run(args: argparse.Namespace) -> int:
    """Load the round, write the report(s); return the exit code."""
    from analysis.report import ReportError, pole_report
    from analysis.report.batch import index_csv, index_name, reports

    lang = args.lang
    with SurveyStore(args.db) as store:
        survey = store.load_round(args.round_label, projects=False)
        winners = store.winners()
    label = survey.info.label
    try:
        if args.all:
            if not survey.poles:
                complain(t("report.no_poles", lang, label=label))
                return EXIT_INVALID
            written = []
            for item in reports(survey, lang, winners=winners, progress=progress_bar):
                problem = _write(args.out / item.filename, item.pdf, lang)
                if problem:
                    complain(problem)
                    return EXIT_UNREADABLE
                written.append(item)
            index = args.out / index_name(label, lang)
            problem = _write(index, index_csv(survey, written, lang), lang)
            if problem:
                complain(problem)
                return EXIT_UNREADABLE
            key = counted_key("report.cli_written_all", len(written), lang)
            say(t(key, lang, n=len(written), path=str(args.out), index=str(index)))
            return EXIT_OK
        pole = find_pole(survey, args.pole)
        if pole is None:
            complain(
                t(
                    "report.unknown_pole",
                    lang,
                    pole=args.pole,
                    label=label,
                    suggestions=suggestions(survey, args.pole),
                )
            )
            return EXIT_INVALID
        problem = _write(args.out, pole_report(survey, pole, lang, winners=winners), lang)
    except ReportError as error:
        complain(error.message(lang))
        return EXIT_UNREADABLE
    if problem:
        complain(problem)
        return EXIT_UNREADABLE
    say(t("report.cli_written", lang, pole=pole, path=str(args.out)))
    return EXIT_OK
