"""The options every command that reads a survey file shares: `--map`, `--drop-incomplete`,
`--keep-latest` (issue 13), so that `columns`, `validate`, `summary`, `figures` and `import`
read a file the same way. `--map` values are parsed by
`analysis.ingest.mapping.overrides`, the one place.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from analysis.core.i18n import Lang, t

if TYPE_CHECKING:
    from analysis.ingest.pipeline import IngestResult

__all__ = ["OptionError", "add_ingest_options", "ingest_options", "read_file"]


class OptionError(Exception):
    """An option value that cannot be read; `message` is the sentence to print, in `lang`."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def add_ingest_options(parser: argparse.ArgumentParser, *, rows: bool = True) -> None:
    """Add `--map` (repeatable) and, with `rows`, `--drop-incomplete` and `--keep-latest`."""
    parser.add_argument(
        "--map",
        dest="maps",
        action="append",
        default=[],
        metavar="HEADER=FIELD[:YEAR]",
        help=t("ingest.cli_map", "en"),
    )
    if rows:
        parser.add_argument(
            "--drop-incomplete", action="store_true", help=t("ingest.cli_drop_incomplete", "en")
        )
        parser.add_argument(
            "--keep-latest", action="store_true", help=t("ingest.cli_keep_latest", "en")
        )


def ingest_options(args: argparse.Namespace, lang: Lang) -> dict[str, Any]:
    """`ingest`'s keyword arguments from the parsed options; `OptionError` on a bad `--map`.

    Ingestion is imported late, as the commands do, so that `--help` stays quick.
    """
    from analysis.ingest.mapping.overrides import MapError, parse_maps

    try:
        overrides = parse_maps(getattr(args, "maps", None))
    except MapError as error:
        raise OptionError(error.message(lang)) from None
    options: dict[str, Any] = {"column_overrides": overrides or None}
    if getattr(args, "drop_incomplete", False):
        options["drop_incomplete"] = True
    if getattr(args, "keep_latest", False):
        options["keep_latest"] = True
    return options


def read_file(args: argparse.Namespace, lang: Lang) -> IngestResult | None:
    """`args.file` read with the command's options; None when there is no such file or an
    option cannot be read, the reason printed to stderr (the caller exits 2).

    What `columns` and `validate` both do before looking at the result.
    """
    from analysis.ingest.pipeline import ingest_path

    path: Path = args.file
    if not path.is_file():
        print(t("ingest.cli_missing_file", lang, path=str(path)), file=sys.stderr)
        return None
    try:
        options = ingest_options(args, lang)
    except OptionError as error:
        print(error.message, file=sys.stderr)
        return None
    return ingest_path(path, **options)
