"""`python -m analysis export --round LABEL --format xlsx|csv|pptx|pdf --out PATH [--db URL]`.

Writes a stored round back out in the canonical layout, which `import` reads back whole
(xlsx keeps every sheet; csv holds the responses only), as the event deck (pptx, with
`--lang`, `--region`, `--sector`, `--pole`, `--template`: see `analysis.deck.cli`), or as
the one-page fact sheet (pdf, `analysis.report`, with the same filters and `--lang`). Exit
codes: see `analysis.cli.store_common`.
"""

from __future__ import annotations

import argparse
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
from analysis.core.i18n import t
from analysis.core.model import SurveyRound
from analysis.deck.cli import (
    DeckExportError,
    add_deck_options,
    deck_export,
    deck_filters,
    wants_deck,
)
from analysis.store import SurveyStore

FORMATS: tuple[str, ...] = ("xlsx", "csv", "pptx", "pdf")


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `export` command."""
    parser = subparsers.add_parser(
        "export",
        help=t("store.cli_export_help", "en"),
        description=t("store.cli_export_help", "en"),
    )
    parser.add_argument(
        "--round",
        dest="round_label",
        metavar="LABEL",
        required=True,
        help=t("store.cli_export_round", "en"),
    )
    parser.add_argument("--format", choices=FORMATS, help=t("store.cli_export_format", "en"))
    parser.add_argument("--out", type=Path, required=True, help=t("store.cli_export_out", "en"))
    add_store_options(parser)
    add_deck_options(parser)
    parser.set_defaults(func=guarded(run))


#: Suffixes that name a format, so that `--format` and `--out` cannot disagree unseen.
_SUFFIXES: dict[str, str] = {
    "xlsx": "xlsx",
    "xlsm": "xlsx",
    "csv": "csv",
    "pptx": "pptx",
    "pdf": "pdf",
}
_OTHER_SPREADSHEETS = frozenset({"xls", "ods", "ppt", "txt", "tsv"})


def export_format(requested: str | None, out: Path) -> str:
    """The format asked for, else the one the output's suffix names, else xlsx."""
    if requested:
        return requested
    return _SUFFIXES.get(out.suffix.lower().lstrip("."), "xlsx")


def suffix_mismatch(fmt: str, out: Path) -> bool:
    """Whether `out`'s name promises another format than the one written (a deck in
    `z.xlsx` would not open where its name says)."""
    suffix = out.suffix.lower().lstrip(".")
    named = _SUFFIXES.get(suffix, suffix if suffix in _OTHER_SPREADSHEETS else None)
    return named is not None and named != fmt


def _banner() -> str:
    """The synthetic-data notice, so an exported sample stays labelled as invented."""
    from analysis.sample.round import banner

    return banner()


def _fact_sheet(survey: SurveyRound, args: argparse.Namespace) -> bytes:
    """The one-page fact sheet (pdf), following `--region`, `--sector` and `--pole`."""
    from analysis.report import ReportError, fact_sheet

    if args.deck_template is not None:
        raise DeckExportError("cli_filters_need_pptx")
    filters = deck_filters(survey, args)
    view = filters.apply(survey)
    if view.responses.empty:
        raise DeckExportError("cli_no_match_sheet", label=survey.info.label)
    try:
        return fact_sheet(survey, filters, args.lang, view=view)
    except ReportError as error:
        raise DeckExportError("cli_pdf_failed", reason=error.message(args.lang)) from error


def run(args: argparse.Namespace) -> int:
    """Load the round and write it out; return the exit code."""
    from analysis.export.canonical import round_to_csv, round_to_xlsx

    with SurveyStore(args.db) as store:
        survey = store.load_round(args.round_label)
    fmt = export_format(args.format, args.out)
    if suffix_mismatch(fmt, args.out):
        complain(t("store.cli_export_suffix", args.lang, path=str(args.out), format=fmt))
        return EXIT_INVALID
    if fmt == "pdf":
        try:
            data = _fact_sheet(survey, args)
        except DeckExportError as error:
            complain(error.message(args.lang))
            return EXIT_INVALID
    elif wants_deck(args, fmt):
        try:
            data = deck_export(survey, args, fmt)
        except DeckExportError as error:
            complain(error.message(args.lang))
            return EXIT_INVALID
    elif fmt == "csv":
        data = round_to_csv(survey, args.lang)
        complain(t("store.cli_export_csv_note", args.lang, rows=len(survey.projects)))
    else:
        data = round_to_xlsx(survey, args.lang, banner=_banner() if survey.info.synthetic else None)
    try:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_bytes(data)
    except OSError as error:
        complain(
            t("store.cli_write_failed", args.lang, path=str(args.out), reason=error.strerror or "")
        )
        return EXIT_UNREADABLE
    say(t("store.cli_exported", args.lang, label=survey.info.label, path=str(args.out)))
    return EXIT_OK
