"""`rounds`, `delete`, `history` and `restore`: looking after the rounds in the store.

    python -m analysis rounds [--db URL] [--json]
    python -m analysis delete LABEL [--db URL] --yes
    python -m analysis history [LABEL] [--db URL] [--json]
    python -m analysis restore LABEL --version N [--db URL]

Exit codes: see `analysis.cli.store_common`.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict
from typing import Any

from analysis.cli.store_common import (
    EXIT_INVALID,
    EXIT_OK,
    add_store_options,
    command_line_actor,
    complain,
    guarded,
    say,
)
from analysis.core.i18n import Lang, fmt_int, t
from analysis.store import RoundRecord, SurveyStore


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `rounds`, `delete`, `history` and `restore` commands."""
    rounds = subparsers.add_parser("rounds", help=t("store.cli_rounds_help", "en"))
    add_store_options(rounds, json=True)
    rounds.set_defaults(func=guarded(run_rounds))

    delete = subparsers.add_parser("delete", help=t("store.cli_delete_help", "en"))
    delete.add_argument("label", help=t("store.cli_delete_label", "en"))
    delete.add_argument("--yes", action="store_true", help=t("store.cli_delete_yes", "en"))
    add_store_options(delete, writes=True)
    delete.set_defaults(func=guarded(run_delete))

    history = subparsers.add_parser("history", help=t("store.cli_history_help", "en"))
    history.add_argument("label", nargs="?", help=t("store.cli_history_label", "en"))
    add_store_options(history, json=True)
    history.set_defaults(func=guarded(run_history))

    restore = subparsers.add_parser("restore", help=t("store.cli_restore_help", "en"))
    restore.add_argument("label", help=t("store.cli_delete_label", "en"))
    restore.add_argument(
        "--version", type=int, required=True, help=t("store.cli_restore_version", "en")
    )
    add_store_options(restore, writes=True)
    restore.set_defaults(func=guarded(run_restore))


def run_rounds(args: argparse.Namespace) -> int:
    """Print the current rounds as a table or JSON."""
    with SurveyStore(args.db) as store:
        records = store.list_rounds()
    if args.json:
        say(json.dumps([r.as_dict() for r in records], ensure_ascii=False, indent=2))
    elif not records:
        say(t("store.cli_rounds_none", args.lang))
    else:
        say(render_table(records, args.lang))
    return EXIT_OK


def render_table(records: list[RoundRecord], lang: Lang) -> str:
    """A plain-text table, one line per round."""
    headers = [
        t(f"store.cli_col_{key}", lang)
        for key in ("label", "period", "poles", "years", "projects", "uploaded", "origin")
    ]
    rows = [headers] + [_row(record, lang) for record in records]
    widths = [max(len(row[i]) for row in rows) for i in range(len(headers))]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in rows
    )


def _row(record: RoundRecord, lang: Lang) -> list[str]:
    poles = fmt_int(record.respondents, lang)
    if record.poles_surveyed:
        poles += f"/{fmt_int(record.poles_surveyed, lang)}"
    years = ",".join(str(y) for y in record.years)
    origin = record.file_name or ""
    if record.sha256:
        origin += f" ({record.sha256[:12]})"
    if record.synthetic:
        origin += f" [{t('store.cli_synthetic', lang)}]"
    who = f" {record.uploaded_by}" if record.uploaded_by else ""
    return [
        record.label,
        record.period_label or "–",
        poles,
        years or "–",
        fmt_int(record.project_rows, lang),
        record.uploaded_at.strftime("%Y-%m-%d %H:%M") + who,
        origin,
    ]


def run_delete(args: argparse.Namespace) -> int:
    """Delete a round once confirmed."""
    if not args.yes:
        complain(t("store.cli_delete_confirm", args.lang, label=args.label))
        return EXIT_INVALID
    with SurveyStore(args.db) as store:
        record = store.delete_round(args.label, actor=command_line_actor(args))
    say(t("store.cli_deleted", args.lang, label=record.label, respondents=record.respondents))
    return EXIT_OK


def run_history(args: argparse.Namespace) -> int:
    """Print the audit log (newest first) and, for one label, its kept versions."""
    with SurveyStore(args.db) as store:
        entries = store.audit_log(label=args.label)
        versions = store.round_versions(args.label) if args.label else []
    if args.json:
        payload = {
            "audit": [_jsonable(asdict(e)) for e in entries],
            "versions": [_jsonable(asdict(v)) for v in versions],
        }
        say(json.dumps(payload, ensure_ascii=False, indent=2))
        return EXIT_OK
    if not entries:
        say(t("store.cli_history_none", args.lang))
    for e in entries:
        parts = [f"{e.at:%Y-%m-%d %H:%M:%S}", f"{e.action:<8}", e.label, e.actor, e.file_name]
        parts.append((e.sha256 or "")[:12])
        say("  ".join(part for part in parts if part))
    for v in versions:
        state = "store.cli_version_current" if v.current else "store.cli_version_superseded"
        say(
            t(
                "store.cli_version_line",
                args.lang,
                version=str(v.version_id),
                when=f"{v.imported_at:%Y-%m-%d %H:%M}",
                poles=v.respondents,
                sha256=(v.sha256 or "–")[:12],
                state=t(state, args.lang),
            )
        )
    return EXIT_OK


def _jsonable(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v.isoformat() if hasattr(v, "isoformat") else v for k, v in values.items()}


def run_restore(args: argparse.Namespace) -> int:
    """Make a kept version current again."""
    with SurveyStore(args.db) as store:
        store.restore_version(args.label, args.version, actor=command_line_actor(args))
    say(t("store.cli_restored", args.lang, label=args.label.strip(), version=str(args.version)))
    return EXIT_OK
