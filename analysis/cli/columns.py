"""`python -m analysis columns FILE [--json] [--lang fr|en] [--map ...]`: how each column reads.

One line per column of the responses sheet: letter, header, the field (and year) it is read
as, its role (answer, personal, metadata, unknown, ignored), the confidence and up to three
sample values; above them the sheet, the header row and the survey tool recognised. With
`--json`: `{"sheet", "header_row", "tool", "columns": [{"letter", "header", "field", "year",
"role", "confidence", "samples"}]}`. `--map "HEADER=FIELD[:YEAR]"` shows the effect of a
mapping before `validate` or `import` uses it.

Exit codes: 0 the columns were listed; 1 the file has no sheet with anything in it; 2 the file
is missing or unreadable, or a `--map` value cannot be read: one sentence, no traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from analysis.cli.ingest_options import add_ingest_options, read_file
from analysis.core.i18n import DEFAULT_LANG, LANGS, Lang, fmt_percent, t

EXIT_OK, EXIT_EMPTY, EXIT_UNREADABLE = 0, 1, 2


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `columns` command."""
    parser = subparsers.add_parser(
        "columns",
        help=t("ingest.cli_columns_help", "en"),
        description=t("ingest.cli_columns_help", "en"),
    )
    parser.add_argument("file", type=Path, help=t("ingest.cli_file", "en"))
    parser.add_argument(
        "--lang", choices=LANGS, default=DEFAULT_LANG, help=t("ingest.cli_lang", "en")
    )
    parser.add_argument("--json", action="store_true", help=t("ingest.cli_columns_json", "en"))
    add_ingest_options(parser, rows=False)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """List the columns of `args.file` as they are read; return the exit code."""
    lang: Lang = args.lang
    result = read_file(args, lang)
    if result is None:
        return EXIT_UNREADABLE
    if result.report.unreadable:
        print(result.report.problems[0].message(lang), file=sys.stderr)
        return EXIT_UNREADABLE
    if result.mapping is None or result.sheet is None:
        print(result.report.to_text(lang), file=sys.stderr)
        return EXIT_EMPTY
    table = {
        "sheet": result.sheet,
        "header_row": result.mapping.header_row,
        "tool": result.tool,
        "columns": [column.as_dict() for column in result.columns],
    }
    if args.json:
        print(json.dumps(table, ensure_ascii=False, indent=2))
    else:
        print(render_text(table, lang))
    return EXIT_OK


def _tool_name(key: str | None, lang: Lang) -> str:
    from analysis.ingest.profiles.tools import profile

    found = profile(key) if key else None
    return found.name if found is not None else t("ingest.cli_columns_no_tool", lang)


def render_text(table: dict[str, Any], lang: Lang) -> str:
    """The table as aligned plain text, headed by the sheet, header row and tool."""
    lines = [
        t(
            "ingest.cli_columns_overview",
            lang,
            sheet=table["sheet"],
            header_row=table["header_row"],
            tool=_tool_name(table["tool"], lang),
        )
    ]
    heads = [
        t(f"ingest.cli_columns_{k}", lang)
        for k in ("letter", "header", "field", "role", "confidence", "samples")
    ]
    rows = [heads]
    for column in table["columns"]:
        field = column["field"] or ""
        if column["year"] is not None:
            field = f"{field} {column['year']}"
        rows.append(
            [
                column["letter"],
                column["header"],
                field,
                t(f"ingest.cli_role_{column['role']}", lang),
                fmt_percent(column["confidence"], lang),
                " | ".join(column["samples"]),
            ]
        )
    widths = [min(max(len(row[i]) for row in rows), 40) for i in range(len(heads) - 1)]
    for row in rows:
        cells = [_fit(cell, width).ljust(width) for cell, width in zip(row, widths, strict=False)]
        lines.append("  ".join([*cells, row[-1]]).rstrip())
    return "\n".join(lines)


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
