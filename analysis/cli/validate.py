"""`python -m analysis validate FILE [--lang fr|en] [--json] [--map ...]`: check, store nothing.

`--map`, `--drop-incomplete` and `--keep-latest` read the file as `columns` and `import` do.

Prints what was recognised (sheet, header row, poles, years), then the report: a summary
line and one line per problem; with `--json`, the list of problems (`Problem.as_dict`).

Exit codes: 0 the file can be stored (warnings allowed); 1 it has errors; 2 it is not a
readable spreadsheet (or there is no such file): one sentence, no traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from analysis.cli.ingest_options import add_ingest_options, read_file
from analysis.core.i18n import DEFAULT_LANG, LANGS, Lang, t

EXIT_OK, EXIT_ERRORS, EXIT_UNREADABLE = 0, 1, 2


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `validate` command."""
    parser = subparsers.add_parser(
        "validate", help=t("ingest.cli_help", "en"), description=t("ingest.cli_help", "en")
    )
    parser.add_argument("file", type=Path, help=t("ingest.cli_file", "en"))
    parser.add_argument(
        "--lang", choices=LANGS, default=DEFAULT_LANG, help=t("ingest.cli_lang", "en")
    )
    parser.add_argument("--json", action="store_true", help=t("ingest.cli_json", "en"))
    add_ingest_options(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Validate `args.file`, print the report, and return the exit code."""
    lang: Lang = args.lang
    result = read_file(args, lang)
    if result is None:
        return EXIT_UNREADABLE
    report = result.report
    if args.json:
        print(json.dumps([p.as_dict(lang) for p in report.problems], ensure_ascii=False, indent=2))
    elif report.unreadable:
        print(report.problems[0].message(lang), file=sys.stderr)
    else:
        if result.survey is not None and result.mapping is not None:
            years = result.mapping.years
            span = f"{years[0]}–{years[-1]}" if years else t("ingest.cli_no_years", lang)
            overview = t(
                "ingest.cli_overview",
                lang,
                file=args.file.name,
                sheet=result.sheet or "",
                header_row=result.mapping.header_row,
                poles=len(result.survey.responses),
                years=span,
            )
            print(overview)
        if result.tool is not None:
            from analysis.ingest.profiles.tools import profile

            tool = profile(result.tool)
            print(t("ingest.cli_tool", lang, tool=tool.name if tool else result.tool))
        print(report.to_text(lang))
        print(t("ingest.cli_can_store" if result.ok else "ingest.cli_cannot_store", lang))
    if report.unreadable:
        return EXIT_UNREADABLE
    return EXIT_OK if result.ok else EXIT_ERRORS
