"""What the store commands share: options, exit codes, and errors turned into one sentence.

Exit codes of every store command: 0 done; 1 invalid file, label or missing confirmation;
2 unreadable file or unreachable store; 3 label exists (import without --replace) or the
same file is already another round's original (import without --allow-same-file);
4 no such round or version; 5 store busy (another writer held the lock: retry).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable

from analysis.auth import Actor, Role
from analysis.core.i18n import LANGS, Lang, as_lang, t
from analysis.store import (
    InvalidLabel,
    InvalidRound,
    RoundExists,
    RoundNotFound,
    SameFileStored,
    StoreBusy,
    StoreError,
    VersionNotFound,
)

EXIT_OK, EXIT_INVALID, EXIT_UNREADABLE, EXIT_EXISTS, EXIT_NOT_FOUND, EXIT_BUSY = range(6)

#: Environment variable naming the default language of the command line.
LANG_VAR = "POLES_LANG"
#: Environment variable naming who runs the command line, when `--actor` is not given.
ACTOR_VAR = "POLES_ACTOR"
#: How the audit log marks what was done from the command line.
COMMAND_LINE = "command line"
ACTOR_MAX_CHARS = 80


def default_lang() -> Lang:
    """`$POLES_LANG` when it names a supported language, else French."""
    return as_lang(os.environ.get(LANG_VAR))


def add_store_options(
    parser: argparse.ArgumentParser, *, json: bool = False, writes: bool = False
) -> None:
    """`--db URL` and `--lang`, plus `--json` when asked and `--actor NAME` for commands that
    write (recorded in the audit log)."""
    parser.add_argument("--db", metavar="URL", help=t("store.cli_db", "en"))
    parser.add_argument(
        "--lang", choices=LANGS, default=default_lang(), help=t("store.cli_lang", "en")
    )
    if json:
        parser.add_argument("--json", action="store_true", help=t("store.cli_json", "en"))
    if writes:
        parser.add_argument("--actor", metavar="NAME", help=t("store.cli_actor", "en"))


def command_line_actor(args: argparse.Namespace) -> Actor:
    """Who acted, as the audit log records it: `<name> (command line)`, or `command line`,
    in the administrator's role (whoever can reach the database can do anything to it).

    The name comes from `--actor`, else `$POLES_ACTOR`, never from `$USER` (anyone can set
    that to a dashboard editor's name); the mark keeps a command-line entry from passing
    for one made by a signed-in editor. Control characters are dropped, spaces collapsed.
    """
    given = getattr(args, "actor", None)
    raw = given if given is not None else os.environ.get(ACTOR_VAR, "")
    name = " ".join("".join(ch for ch in raw if ch.isprintable()).split())[:ACTOR_MAX_CHARS]
    return Actor(f"{name} ({COMMAND_LINE})" if name else COMMAND_LINE, Role.ADMIN)


def exit_code(error: StoreError) -> int:
    """The exit code that a store error maps to."""
    if isinstance(error, InvalidRound | InvalidLabel):
        return EXIT_INVALID
    if isinstance(error, RoundExists | SameFileStored):
        return EXIT_EXISTS
    if isinstance(error, RoundNotFound | VersionNotFound):
        return EXIT_NOT_FOUND
    if isinstance(error, StoreBusy):
        return EXIT_BUSY
    return EXIT_UNREADABLE


def say(message: str) -> None:
    """A result line, on standard output."""
    print(message)


def complain(message: str) -> None:
    """A problem, on standard error."""
    print(message, file=sys.stderr)


def guarded(run: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """Wrap a command so a store error prints one sentence and returns its exit code."""

    def wrapper(args: argparse.Namespace) -> int:
        try:
            return run(args)
        except StoreError as error:
            complain(error.message(args.lang))
            return exit_code(error)

    wrapper.__doc__ = run.__doc__
    return wrapper
