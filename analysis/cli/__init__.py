"""The command line, `python -m analysis COMMAND ...`.

Each command lives in its own module exposing `register(subparsers)`, which adds a
sub-parser whose `func(args) -> int` returns the exit code. Adding a command is one
module plus one line in `_COMMAND_MODULES`.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path

_COMMAND_MODULES: tuple[str, ...] = (
    # (added by the modules as they land)
    "analysis.cli.columns",
    "analysis.cli.validate",
    "analysis.cli.summary",
    "analysis.cli.figures",
    "analysis.cli.store_import",
    "analysis.cli.store_rounds",
    "analysis.cli.store_export",
    "analysis.cli.report",
)


def _prog() -> str:
    """The name the usage line shows: the console script's, else `python -m analysis`."""
    name = Path(sys.argv[0]).name
    return name if name == "poles-europe" else "python -m analysis"


def build_parser() -> argparse.ArgumentParser:
    """The parser with every registered command."""
    parser = argparse.ArgumentParser(
        prog=_prog(),
        description="Pôles Europe: validate, summarise, store and export survey rounds.",
    )
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module_name in _COMMAND_MODULES:
        importlib.import_module(module_name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command and return its exit code."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        print("Interrupted.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (`... | head`): not an error of ours. Point stdout at
        # devnull so Python's flush at exit does not raise again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141  # 128 + SIGPIPE, as a shell reports it
