"""`python -m analysis summary`: a round's headline figures, from a file or from the store.

    python -m analysis summary FILE [--json] [--lang fr|en]
    python -m analysis summary --db URL --round LABEL [--json] [--lang fr|en]

Exit codes: 0 printed; 1 the file has errors (the report goes to stderr); 2 the file or the
store cannot be read, or the arguments name no source; 4 no round has that label.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from analysis.analytics.figures import summary_values
from analysis.analytics.metrics import Headline, growth_differs, headline
from analysis.cli.ingest_options import OptionError, add_ingest_options, ingest_options
from analysis.core.i18n import DEFAULT_LANG, LANGS, Lang, fmt_int, fmt_percent, t
from analysis.core.model import SurveyRound
from analysis.sample.notice import synthetic_notice

EXIT_OK, EXIT_ERRORS, EXIT_UNREADABLE, EXIT_NO_ROUND = 0, 1, 2, 4


class _SourceError(Exception):
    """A source could not give a round: the exit code and the sentence to print."""

    def __init__(self, code: int, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `summary` command."""
    parser = subparsers.add_parser(
        "summary",
        help=t("metrics.cli_help", "en"),
        description=t("metrics.cli_help", "en"),
    )
    parser.add_argument("file", nargs="?", type=Path, help=t("metrics.cli_file", "en"))
    parser.add_argument("--db", metavar="URL", help=t("metrics.cli_db", "en"))
    parser.add_argument(
        "--round", dest="round_label", metavar="LABEL", help=t("metrics.cli_round", "en")
    )
    parser.add_argument("--json", action="store_true", help=t("metrics.cli_json", "en"))
    parser.add_argument(
        "--lang", choices=LANGS, default=DEFAULT_LANG, help=t("metrics.cli_lang", "en")
    )
    add_ingest_options(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print the summary of the round named by `args`; return the exit code."""
    lang: Lang = args.lang
    try:
        survey = _round_from_args(args, lang)
    except _SourceError as failure:
        print(failure.message, file=sys.stderr)
        return failure.code
    if args.json:
        print(json.dumps(summary_values(survey), ensure_ascii=False, indent=2))
    else:
        print(render_text(headline(survey), lang, notice=synthetic_notice(survey, lang)))
    return EXIT_OK


def _round_from_args(args: argparse.Namespace, lang: Lang) -> SurveyRound:
    if (args.file is None) == (args.round_label is None) or (args.file and args.db):
        raise _SourceError(EXIT_UNREADABLE, t("metrics.cli_need_source", lang))
    if args.file is not None:
        try:
            options = ingest_options(args, lang)
        except OptionError as error:
            raise _SourceError(EXIT_UNREADABLE, error.message) from None
        return _round_from_file(args.file, lang, options)
    return _round_from_store(args.db, args.round_label, lang)


def _round_from_file(path: Path, lang: Lang, options: dict[str, Any]) -> SurveyRound:
    """Ingest `path`; a file with errors or nothing to summarise is a failure."""
    if not path.is_file():
        raise _SourceError(EXIT_UNREADABLE, t("ingest.cli_missing_file", lang, path=str(path)))
    from analysis.ingest.pipeline import ingest_path  # late: only when there is a file to read

    try:
        result = ingest_path(path, **options)
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise _SourceError(
            EXIT_UNREADABLE, t("metrics.cli_unreadable", lang, path=str(path), reason=reason)
        ) from None
    report = result.report
    if report.unreadable:
        # The reading problem is already one sentence naming what is wrong with the file.
        raise _SourceError(EXIT_UNREADABLE, report.problems[0].message(lang))
    if report.errors or result.survey is None:
        raise _SourceError(EXIT_ERRORS, report.to_text(lang))
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
        raise _SourceError(EXIT_NO_ROUND, error.message(lang)) from None
    except StoreError as error:
        raise _SourceError(EXIT_UNREADABLE, error.message(lang)) from None


def render_text(h: Headline, lang: Lang, *, notice: str | None = None) -> str:
    """The headline as a few lines of text in `lang`, each figure with its base n.

    `notice` is the round's synthetic-data notice (`analysis.sample.notice`), if any.
    """
    lines = [t("metrics.title", lang, round=h.round, period=h.period or "–")]
    if notice:
        lines.append(notice)
    if h.poles_surveyed:
        lines.append(
            t(
                "metrics.respondents_of",
                lang,
                respondents=h.respondents,
                surveyed=h.poles_surveyed,
                rate=fmt_percent(h.response_rate.value, lang),
            )
        )
    else:
        lines.append(t("metrics.respondents", lang, respondents=h.respondents))
    submitted = h.projects_submitted
    lines.append(t("metrics.submitted", lang, total=fmt_int(submitted.value, lang), n=submitted.n))
    lines.extend(
        t("metrics.submitted_year", lang, year=str(year), total=fmt_int(m.value, lang), n=m.n)
        for year, m in h.projects_submitted_by_year
    )
    if len(h.projects_submitted_by_year) >= 2:
        lines.append(
            t(
                "metrics.cagr",
                lang,
                cagr=fmt_percent(h.projects_submitted_cagr.value, lang, digits=1),
                first=str(h.projects_submitted_by_year[0][0]),
                last=str(h.projects_submitted_by_year[-1][0]),
                n=h.projects_submitted_cagr.n,
            )
        )
        if growth_differs(h.projects_submitted_cagr, h.projects_submitted_cagr_all):
            lines.append(
                t(
                    "metrics.cagr_all",
                    lang,
                    cagr=fmt_percent(h.projects_submitted_cagr_all.value, lang, digits=1),
                )
            )
    for key, measure in (
        ("funded", h.projects_funded),
        ("recruitments", h.europe_team_recruitments),
        ("coordinators", h.coordinator_members),
    ):
        lines.append(t(f"metrics.{key}", lang, total=fmt_int(measure.value, lang), n=measure.n))
    lines.append(
        t(
            "metrics.plans_to_recruit",
            lang,
            share=fmt_percent(h.plans_to_recruit.value, lang),
            yes=fmt_int(h.plans_to_recruit_yes.value, lang),
            n=h.plans_to_recruit.n,
        )
    )
    return "\n".join(lines)
