"""French and English from one message catalogue; numbers and dates through Babel.

Messages live in `analysis/locales/*.toml`, one file per area, each key holding both
languages side by side so a missing translation is visible (and tested). Keys are
namespaced by the file name: `validation.toml` key `negative_count` is
`validation.negative_count`. Where a count decides the wording, a message holds a plural
block (`{n, plural, one {# pôle} other {# pôles}}`, see `analysis.core.plurals`).

In production an unknown key or a missing parameter shows the raw key or template rather
than breaking a page; with `POLES_STRICT_I18N` set (the test suite sets it) both raise
`MessageError`, so a typo in a key or a forgotten parameter fails a test.
"""

from __future__ import annotations

import math
import os
import tomllib
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any, Literal

from babel import Locale
from babel.dates import format_date as _babel_format_date
from babel.numbers import format_decimal as _babel_format_decimal
from babel.numbers import format_percent as _babel_format_percent

from analysis.core.plurals import category, expand

Lang = Literal["fr", "en"]
LANGS: tuple[Lang, ...] = ("fr", "en")
DEFAULT_LANG: Lang = "fr"
_LOCALES: dict[str, str] = {"fr": "fr_FR", "en": "en_GB"}
_CATALOGUE_DIR = Path(__file__).resolve().parents[1] / "locales"
#: Set (to anything but "" or "0") to make `t` raise on an unknown key or a missing parameter.
STRICT_ENV = "POLES_STRICT_I18N"


class MessageError(LookupError):
    """An unknown message key or a parameter the message needs but was not given."""


def strict() -> bool:
    """Whether `t` raises instead of falling back (the tests turn this on)."""
    return os.environ.get(STRICT_ENV, "").strip() not in {"", "0"}


def as_lang(value: object, default: Lang = DEFAULT_LANG) -> Lang:
    """`value` if it names a supported language, else `default` (URLs and env vars)."""
    text = str(value or "").strip().lower()[:2]
    return text if text in LANGS else default


@cache
def catalogue() -> dict[str, dict[str, str]]:
    """All messages: `area.key` -> {"fr": ..., "en": ...}."""
    messages: dict[str, dict[str, str]] = {}
    for path in sorted(_CATALOGUE_DIR.glob("*.toml")):
        with path.open("rb") as handle:
            for key, texts in tomllib.load(handle).items():
                messages[f"{path.stem}.{key}"] = texts
    return messages


def t(key: str, lang: Lang, /, **params: Any) -> str:
    """The message `key` in `lang`, with plural blocks resolved and `{placeholders}` filled.

    Numbers among `params` are formatted for `lang`. An unknown key returns the key itself
    and a missing parameter the unfilled template, so a mistake is visible on screen rather
    than crashing a page; in strict mode (`STRICT_ENV`) both raise `MessageError`. `key`
    and `lang` are positional-only, so a message may have placeholders of those names.
    """
    texts = catalogue().get(key)
    if texts is None:
        if strict():
            raise MessageError(f"unknown message key {key!r}")
        return key
    template = texts.get(lang) or texts.get("en") or key
    formatted = {k: _format_param(v, lang) for k, v in params.items()}
    try:
        return expand(template, locale_of(lang), params).format(**formatted)
    except (KeyError, IndexError, ValueError, TypeError) as error:
        if strict():
            raise MessageError(f"message {key!r} in {lang}: {error!r}") from error
        return template


def is_one(count: float | int, lang: Lang) -> bool:
    """Whether `count` takes the singular in `lang` by CLDR's rule (French: 0 and 1).

    For the messages kept as a `key` / `key_one` pair; a new message uses a plural block.
    """
    return category(count, locale_of(lang)) == "one"


def _format_param(value: Any, lang: Lang) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return fmt_int(value, lang)
    if isinstance(value, float):
        return fmt_number(value, lang)
    return value


def locale_of(lang: Lang) -> str:
    """The Babel locale used for `lang`."""
    return _LOCALES[lang]


def _is_missing(value: float | int | None) -> bool:
    """None, NaN, or pandas' `<NA>` (a year nobody answered reaches a chart as `<NA>`).

    Callers test `value is None` first as well: that is what narrows the type for the
    checker, which cannot see through this function.
    """
    if value is None or type(value).__name__ == "NAType":
        return True
    return isinstance(value, float) and math.isnan(value)


def fmt_int(value: float | int | None, lang: Lang) -> str:
    """`1,548` in English, `1 548` (narrow no-break space) in French; `–` when unknown."""
    if value is None or _is_missing(value):
        return "–"
    return _babel_format_decimal(round(float(value)), format="#,##0", locale=locale_of(lang))


def fmt_number(value: float | int | None, lang: Lang, digits: int = 1) -> str:
    """A decimal number with at most `digits` decimals; `–` when unknown."""
    if value is None or _is_missing(value):
        return "–"
    pattern = "#,##0" + ("." + "#" * digits if digits else "")
    return _babel_format_decimal(value, format=pattern, locale=locale_of(lang))


def fmt_percent(value: float | None, lang: Lang, digits: int = 0) -> str:
    """A fraction as a percentage: `60%` in English, `60 %` in French; `–` when unknown."""
    if value is None or _is_missing(value):
        return "–"
    return _babel_format_percent(
        value, format=_percent_pattern(lang, digits), locale=locale_of(lang)
    )


@cache
def _percent_pattern(lang: Lang, digits: int) -> str:
    """The locale's own percent pattern (`#,##0 %` in French) with `digits` decimals."""
    pattern = Locale.parse(locale_of(lang)).percent_formats[None].pattern
    return pattern.replace("#,##0", "#,##0" + ("." + "0" * digits if digits else ""), 1)


def fmt_signed_percent(value: float | None, lang: Lang, digits: int = 0) -> str:
    """A change as a signed percentage: `+15%`, `−3 %`; `–` when unknown."""
    if value is None or _is_missing(value):
        return "–"
    text = fmt_percent(abs(value), lang, digits)
    return ("+" if value >= 0 else "−") + text


def fmt_plus(value: float | int | None, lang: Lang) -> str:
    """A headline count rounded down as an event slide says it: `1,500+`, `120+`, `116`.

    Values of 100 or more are floored to a round figure and given a `+`: to the hundred
    from 1,000, to the ten below. Smaller values are shown exactly.
    """
    if value is None or _is_missing(value):
        return "–"
    number = int(value)
    if number < 100:
        return fmt_int(number, lang)
    step = 100 if number >= 1000 else 10
    if number % step == 0:
        return fmt_int(number, lang)
    return fmt_int(number - number % step, lang) + "+"


def fmt_date(value: date | datetime | None, lang: Lang, form: str = "medium") -> str:
    """A date in `lang` (`29 nov. 2026`, `29 Nov 2026`); `–` when unknown."""
    if value is None:
        return "–"
    return _babel_format_date(value, format=form, locale=locale_of(lang))
