"""Where the `summary` and `figures` commands take their round from: a survey file (read
with the options every reading command shares) or a round of the store, and the exit code
of each way that can fail. One home, so that both commands accept the same sources and
options, and fail the same way.

    COMMAND FILE [--map ...] [--drop-incomplete] [--keep-latest] [--json] [--lang fr|en]
    COMMAND --db URL --round LABEL [--json] [--lang fr|en]
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from analysis.cli.ingest_options import OptionError, add_ingest_options, ingest_options
from analysis.core.i18n import DEFAULT_LANG, LANGS, Lang, t
from analysis.core.model import SurveyRound

__all__ = [
    "EXIT_ERRORS",
    "EXIT_NO_ROUND",
    "EXIT_OK",
    "EXIT_UNREADABLE",
    "SourceError",
    "add_round_source",
    "round_from_args",
]

EXIT_OK, EXIT_ERRORS, EXIT_UNREADABLE, EXIT_NO_ROUND = 0, 1, 2, 4


class SourceError(Exception):
    """A source could not give a round: the exit code and the sentence to print."""

    def __init__(self, code: int, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def add_round_source(parser: argparse.ArgumentParser, *, json_help: str) -> None:
    """Add the file or `--db`/`--round`, the reading options, `--json` and `--lang`."""
    parser.add_argument("file", nargs="?", type=Path, help=t("metrics.cli_file", "en"))
    parser.add_argument("--db", metavar="URL", help=t("metrics.cli_db", "en"))
    parser.add_argument(
        "--round", dest="round_label", metavar="LABEL", help=t("metrics.cli_round", "en")
    )
    parser.add_argument("--json", action="store_true", help=json_help)
    parser.add_argument(
        "--lang", choices=LANGS, default=DEFAULT_LANG, help=t("metrics.cli_lang", "en")
    )
    add_ingest_options(parser)


def round_from_args(args: argparse.Namespace, lang: Lang) -> SurveyRound:
    """The round `args` name; `SourceError` when there is none or it cannot be read."""
    if (args.file is None) == (args.round_label is None) or (args.file and args.db):
        raise SourceError(EXIT_UNREADABLE, t("metrics.cli_need_source", lang))
    if args.file is not None:
        try:
            options = ingest_options(args, lang)
        except OptionError as error:
            raise SourceError(EXIT_UNREADABLE, error.message) from None
        return _round_from_file(args.file, lang, options)
    return _round_from_store(args.db, args.round_label, lang)


def _round_from_file(path: Path, lang: Lang, options: dict[str, Any]) -> SurveyRound:
    """Ingest `path`; a file with errors or nothing to summarise is a failure."""
    if not path.is_file():
        raise SourceError(EXIT_UNREADABLE, t("ingest.cli_missing_file", lang, path=str(path)))
    from analysis.ingest.pipeline import ingest_path  # late: only when there is a file to read

    try:
        result = ingest_path(path, **options)
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise SourceError(
            EXIT_UNREADABLE, t("metrics.cli_unreadable", lang, path=str(path), reason=reason)
        ) from None
    report = result.report
    if report.unreadable:
        # The reading problem is already one sentence naming what is wrong with the file.
        raise SourceError(EXIT_UNREADABLE, report.problems[0].message(lang))
    if report.errors or result.survey is None:
        raise SourceError(EXIT_ERRORS, report.to_text(lang))
    return result.survey


def _round_from_store(url: str | None, label: str, lang: Lang) -> SurveyRound:
    """Load round `label` from the store at `url` (the default store when None)."""
    from analysis.store import SurveyStore
    from analysis.store.errors import RoundNotFound, StoreError

    try:
        store = SurveyStore(url)
        try:
            return store.load_round(label)
        finally:
            store.close()
    except RoundNotFound as error:
        raise SourceError(EXIT_NO_ROUND, error.message(lang)) from None
    except StoreError as error:
        raise SourceError(EXIT_UNREADABLE, error.message(lang)) from None
