"""The deck side of `python -m analysis export ... --format pptx`: options, filters, bytes.

Kept here so the store's `export` command only gains one branch: it adds these options and
hands over when the format is pptx. Filter values are matched like the pole registry does
(case and accents ignored), and a sector may be given by its French or English name.
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from pathlib import Path
from typing import ClassVar

from analysis.analytics.filters import FilterOptions, Filters
from analysis.core.errors import TranslatedError
from analysis.core.i18n import LANGS, t
from analysis.core.labels import sector_label
from analysis.core.model import SurveyRound
from analysis.core.text import normalise
from analysis.deck import TemplateError, build_deck

_FILTER_OPTIONS: tuple[tuple[str, str], ...] = (
    ("regions", "region"),
    ("sectors", "sector"),
    ("poles", "pole"),
)


class DeckExportError(TranslatedError):
    """Why the deck was not written; `message(lang)` is the one sentence shown (`deck.<code>`).

    A `what` parameter (`region`, `sector`, `pole`) is itself translated (`deck.cli_what_*`).
    """

    prefix = "deck"
    translated_params: ClassVar[Mapping[str, str]] = {"what": "deck.cli_what_"}

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code, **params)


def add_deck_options(parser: argparse.ArgumentParser) -> None:
    """`--region`, `--sector`, `--pole` (each repeatable or several values) and `--template`."""
    for dest, flag in _FILTER_OPTIONS:
        parser.add_argument(
            f"--{flag}",
            dest=f"deck_{dest}",
            action="extend",
            nargs="+",
            default=[],
            metavar=flag.upper(),
            help=t(f"deck.cli_{flag}", "en"),
        )
    parser.add_argument(
        "--template", dest="deck_template", type=Path, help=t("deck.cli_template", "en")
    )


def wants_deck(args: argparse.Namespace, fmt: str) -> bool:
    """Whether the deck path handles this export (pptx asked, or deck-only options given)."""
    given = any(getattr(args, f"deck_{dest}", None) for dest, _ in _FILTER_OPTIONS)
    return fmt == "pptx" or given or getattr(args, "deck_template", None) is not None


def _resolve(given: list[str], allowed: tuple[str, ...], what: str, label: str) -> tuple[str, ...]:
    """Each given value as the round spells it; unknown ones raise with the known values."""
    lookup: dict[str, str] = {}
    for value in allowed:
        lookup[normalise(value)] = value
        if what == "sector":
            for lang in LANGS:
                lookup.setdefault(normalise(sector_label(value, lang)), value)
    resolved = []
    for value in given:
        found = lookup.get(normalise(value))
        if found is None:
            raise DeckExportError(
                "cli_unknown_value",
                label=label,
                what=what,
                value=value,
                known=", ".join(allowed) or "–",
            )
        resolved.append(found)
    return tuple(dict.fromkeys(resolved))


def deck_filters(survey: SurveyRound, args: argparse.Namespace) -> Filters:
    """The filters named on the command line, checked against what the round offers."""
    options = FilterOptions.of(survey)
    label = survey.info.label
    chosen = {
        dest: _resolve(getattr(args, f"deck_{dest}", []) or [], getattr(options, dest), what, label)
        for dest, what in _FILTER_OPTIONS
    }
    return Filters(
        round=label, poles=chosen["poles"], regions=chosen["regions"], sectors=chosen["sectors"]
    )


def deck_export(survey: SurveyRound, args: argparse.Namespace, fmt: str) -> bytes:
    """The deck's bytes for the export command, or `DeckExportError` saying why not."""
    if fmt != "pptx":
        raise DeckExportError("cli_filters_need_pptx")
    filters = deck_filters(survey, args)
    view = filters.apply(survey)
    if view.responses.empty:
        raise DeckExportError("cli_no_match", label=survey.info.label)
    template = None
    if args.deck_template is not None:
        try:
            template = args.deck_template.read_bytes()
        except OSError as error:
            raise DeckExportError(
                "cli_template_unreadable",
                path=str(args.deck_template),
                reason=error.strerror or "",
            ) from error
    try:
        return build_deck(survey, filters, args.lang, template, view=view)
    except TemplateError as error:
        raise DeckExportError(error.code, **error.params) from error
