"""Typed values from what people type: whole columns at once, with a problem code per cell.

Every converter takes a column of raw cells (object dtype: `str`, `int`, `float`, `bool`,
dates, `None`) and returns `(values, problems)`: the typed column (`<NA>` where blank or
wrong) and, aligned on the same index, a `string` column holding a problem code where the
cell could not be read and `<NA>` elsewhere. Validation turns codes into located messages.

Decisions, so that the same cell always means the same thing:
- blank, white space only, and the "don't know" answers of `UNKNOWN_ANSWERS` (`-`, `?`,
  `n/a`, `NA`, `nc`, `NSP`, `ne sait pas`...) are unknown (`<NA>`), never a problem and
  never 0: people use them to say they have no figure;
- thousands separators: space, no-break space (U+00A0), narrow no-break space (U+202F),
  thin space, apostrophe (`'` or `’`) before a group of three digits; `,` or `.` before
  groups of three in a *count* (`1,500` and `1.500` are 1500); in a *decimal* column a lone
  `,` or `.` is the decimal mark (`1,500` FTE is 1.5), several are thousands;
- a number typed with both marks takes the last one as decimal mark (`1.234,5`, `1,234.5`);
- a count must be whole: `2.5` is `not_whole`, `3.0` (as Excel stores numbers) is 3;
- Excel error texts (`#DIV/0!`...) are `excel_error` in every kind of column;
- a leading apostrophe before `= + - @` (how exports neutralise formulas) is removed.
"""

from __future__ import annotations

from datetime import date, time, timedelta
from typing import Any

import numpy as np
import pandas as pd

from analysis.core.text import normalise
from analysis.ingest.cleaning.cells import (
    MAX_NUMBER,
    Cells,
    code_series,
    map_unique,
    render,
    split_cells,
)

__all__ = [
    "to_count",
    "to_decimal",
    "to_percent",
    "to_text",
    "to_yesno",
]

# Problem codes (messages are `validation.<code>`).
EXCEL_ERROR = "excel_error"
TEXT_IN_NUMBER = "text_in_number"
NEGATIVE = "negative"
NOT_WHOLE = "not_whole"
TOO_LARGE = "too_large"
INVALID_YESNO = "invalid_yesno"
INVALID_PERCENT = "invalid_percent"
#: A date, time or duration cell where a number is expected (a "time to complete" column).
WRONG_KIND = "wrong_kind"

#: Normalised answers that mean "no figure": unknown, not zero and not a problem.
UNKNOWN_ANSWERS: frozenset[str] = frozenset(
    {
        "",  # punctuation only: "-", "?", "--", "/", "…"
        "n a",
        "na",
        "nc",
        "n c",
        "nd",
        "n d",
        "nr",
        "nsp",
        "ne sait pas",
        "non renseigne",
        "non communique",
        "non disponible",
        "inconnu",
        "unknown",
        "dk",
        "don t know",
        "not available",
        "sans objet",
    }
)
YES_WORDS: frozenset[str] = frozenset({"oui", "o", "yes", "y", "true", "vrai", "1", "x"})
NO_WORDS: frozenset[str] = frozenset({"non", "n", "no", "false", "faux", "0"})
CHECK_MARKS: frozenset[str] = frozenset({"✓", "✔", "☑", "✅"})

# Patterns avoid look-arounds, back-references, `\d` and `\s` so that pandas runs them in
# Arrow (RE2) even on accented text, instead of falling back to Python one cell at a time.
_SEPARATORS = "[ \u00a0\u202f\u2009'’]"
_SPACED = rf"^[0-9]{{1,3}}(?:{_SEPARATORS}[0-9]{{3}})+(?:[.,][0-9]+)?$"
_GROUPED = r"^(?:[0-9]{1,3}(?:\.[0-9]{3})+|[0-9]{1,3}(?:,[0-9]{3})+)$"
_EN_MIXED = r"^[0-9]{1,3}(?:,[0-9]{3})+\.[0-9]+$"
_FR_MIXED = r"^[0-9]{1,3}(?:\.[0-9]{3})+,[0-9]+$"
_DECIMAL = r"^(?:[0-9]+[.,][0-9]*|[.,][0-9]+)$"
_SIGN = r"^[-−–]"
_PERCENT_SIGN = "[ \u00a0\u202f]*%[ \u00a0\u202f]*$"
_NUMERIC_KINDS = frozenset({"integer", "floating", "mixed-integer-float", "decimal", "empty"})


def _flag(mask: pd.Series) -> Any:
    """A plain bool array, missing read as False (nullable comparisons yield `<NA>`)."""
    return mask.fillna(False).to_numpy(dtype=bool)


def _unknown(text: pd.Series) -> pd.Series:
    """Which texts are "don't know" answers (compared normalised, once per distinct text)."""
    return map_unique(text, normalise).isin(UNKNOWN_ANSWERS).to_numpy(dtype=bool)


def _stored_numbers(others: pd.Series) -> tuple[pd.Series, Any]:
    """Numbers among non-text cells (`float64`) and the mask of those that are not numbers."""
    kind = pd.api.types.infer_dtype(others, skipna=True)
    if kind in ("integer", "floating", "mixed-integer-float"):  # plain numbers: C-speed cast
        numbers = pd.Series(others.to_numpy().astype("float64"), index=others.index)
        return numbers, numbers.isna().to_numpy()
    if kind in _NUMERIC_KINDS:
        numbers = pd.to_numeric(others, errors="coerce").astype("float64")
        return numbers, numbers.isna().to_numpy()
    # A real mix: booleans are told apart by their text (True == 1 for hashing and `isin`),
    # dates and times do not convert.
    boolean = others.astype(str).isin(["True", "False"]).to_numpy(dtype=bool)
    numbers = pd.to_numeric(others.where(~boolean), errors="coerce").astype("float64")
    return numbers, (boolean | numbers.isna().to_numpy(dtype=bool))


def _temporal(others: pd.Series) -> Any:
    """Bool array over `others`: dates, times and durations (cells of the wrong kind)."""
    return others.map(lambda v: isinstance(v, date | time | timedelta)).to_numpy(dtype=bool)


def _parse_number_text(text: pd.Series, *, lone_mark_is_decimal: bool) -> pd.Series:
    """Numbers from typed text (`float64`, NaN where the text is not a number).

    Each step settles what it can and passes on the rest, so the common shapes (`1 234`,
    `2,5`) cost a few Arrow passes and only odd texts reach the last patterns.
    """
    body = text.astype("string")
    negative = _flag(body.str.match(_SIGN))
    if _flag(body.str.match(r"^[-−–+]")).any():
        body = body.str.replace(r"^[-−–+] *", "", regex=True)
    spaced = _flag(body.str.fullmatch(_SPACED))
    if spaced.any():
        body = body.mask(spaced, body.str.replace(_SEPARATORS, "", regex=True))
    digits = _flag(body.str.isdigit())
    canonical = body.where(digits)
    rest = body[~digits]
    if len(rest):
        grouped = _flag(rest.str.fullmatch(_GROUPED))
        several_groups = _flag(rest.str.count(r"[.,]") > 1)
        thousands = grouped & (several_groups | (not lone_mark_is_decimal))
        en_mixed = _flag(rest.str.fullmatch(_EN_MIXED))
        fr_mixed = _flag(rest.str.fullmatch(_FR_MIXED))
        decimal = _flag(rest.str.fullmatch(_DECIMAL)) & ~thousands
        settled = pd.concat(
            [
                rest[thousands].str.replace(r"[.,]", "", regex=True),
                rest[en_mixed].str.replace(",", "", regex=False),
                rest[fr_mixed].str.replace(".", "", regex=False).str.replace(",", ".", regex=False),
                rest[decimal].str.replace(",", ".", regex=False),
            ]
        )
        canonical = canonical.fillna(settled.reindex(canonical.index))
    numbers = pd.to_numeric(canonical, errors="coerce").astype("float64")
    return numbers.mask(negative, -numbers)


def _put(target: Any, part: pd.Series, value: object | None = None) -> None:
    """Write `part` (or `value`, when given) into `target` at the part's positions."""
    if len(part):
        target[part.index.to_numpy()] = part.to_numpy() if value is None else value


def _numbers(
    raw: pd.Series | Cells, *, lone_mark_is_decimal: bool, percent: bool = False
) -> tuple[Cells, Any, Any, Any]:
    """`(cells, numbers, codes, percent_sign)` as NumPy arrays over the whole column.

    Plain digits (most typed numbers) go straight to `pd.to_numeric`; only the remaining
    texts (separators, signs, decimals, words) take the pattern path.
    """
    cells = split_cells(raw)
    numbers = np.full(cells.size, np.nan)
    codes = np.full(cells.size, None, dtype=object)
    percent_sign = np.zeros(cells.size, dtype=bool)

    text = cells.text
    digits = _flag(text.str.isdigit()) if len(text) else np.zeros(0, dtype=bool)
    if digits.any():
        plain = pd.to_numeric(text[digits], errors="coerce").astype("float64")
        _put(numbers, plain)
        _put(codes, plain[plain.isna().to_numpy()], TEXT_IN_NUMBER)
    rest = text[~digits] if len(text) else text
    if len(rest):
        is_error = cells.errors()[~digits]
        is_unknown = _unknown(rest) & ~is_error
        sign = _flag(rest.str.contains("%", regex=False))
        _put(percent_sign, rest[sign], True)
        if percent and sign.any():
            rest = rest.mask(sign, rest.str.replace(_PERCENT_SIGN, "", regex=True))
        readable = rest[~is_error & ~is_unknown]
        parsed = _parse_number_text(readable, lone_mark_is_decimal=lone_mark_is_decimal)
        _put(numbers, parsed)
        _put(codes, parsed[parsed.isna().to_numpy()], TEXT_IN_NUMBER)
        _put(codes, rest[is_error], EXCEL_ERROR)
    stored, not_number = _stored_numbers(cells.others)
    _put(numbers, stored)
    _put(codes, stored[not_number], TEXT_IN_NUMBER)
    if not_number.any():
        _put(codes, stored[not_number & _temporal(cells.others)], WRONG_KIND)
    return cells, numbers, codes, percent_sign


def _finish(cells: Cells, numbers: Any, codes: Any, dtype: str) -> tuple[pd.Series, pd.Series]:
    """Flag too large and negative numbers, blank every cell with a problem, type both."""
    with np.errstate(invalid="ignore"):
        codes[pd.isna(codes) & (np.abs(numbers) > MAX_NUMBER)] = TOO_LARGE
        codes[pd.isna(codes) & (numbers < 0)] = NEGATIVE
    clean = np.where(pd.isna(codes), numbers, np.nan)
    values = pd.Series(pd.array(clean, dtype="Float64"), index=cells.index)
    return values.astype(dtype), code_series(codes, cells.index)


def to_count(raw: pd.Series | Cells) -> tuple[pd.Series, pd.Series]:
    """Whole numbers ≥ 0 (`Int64`); codes: excel_error, text_in_number, negative, not_whole."""
    cells, numbers, codes, _ = _numbers(raw, lone_mark_is_decimal=False)
    rounded = np.round(numbers)
    with np.errstate(invalid="ignore"):
        fractional = (np.abs(numbers - rounded) > 1e-9) & (numbers >= 0)
    codes[pd.isna(codes) & fractional] = NOT_WHOLE
    return _finish(cells, rounded, codes, "Int64")


def to_decimal(raw: pd.Series | Cells) -> tuple[pd.Series, pd.Series]:
    """Numbers ≥ 0, decimals allowed (`Float64`); codes: excel_error, text_in_number, negative."""
    cells, numbers, codes, _ = _numbers(raw, lone_mark_is_decimal=True)
    return _finish(cells, numbers, codes, "Float64")


def to_percent(raw: pd.Series | Cells) -> tuple[pd.Series, pd.Series]:
    """Fractions from `60 %`, `60%`, `0.6`, `0,6` or `60` (`Float64`, 0 to 1).

    A value with a `%` sign, or above 1 without one, is in percent; a value of 1 or less
    without a sign is already a fraction. Above 100 % is `invalid_percent`.
    """
    cells, numbers, codes, percent_sign = _numbers(raw, lone_mark_is_decimal=True, percent=True)
    with np.errstate(invalid="ignore"):
        fractions = np.where(percent_sign | (np.abs(numbers) > 1), numbers / 100, numbers)
        codes[pd.isna(codes) & (fractions > 1)] = INVALID_PERCENT
    return _finish(cells, fractions, codes, "Float64")


_YESNO: dict[str, bool] = {**dict.fromkeys(YES_WORDS, True), **dict.fromkeys(NO_WORDS, False)}


def _yesno_word(text: str) -> bool | None:
    if text in CHECK_MARKS:
        return True
    return _YESNO.get(normalise(text))


def to_yesno(raw: pd.Series | Cells) -> tuple[pd.Series, pd.Series]:
    """Yes/no answers (`boolean`): oui non o n yes no y true false vrai faux 1 0 x ✓.

    Any case, trimmed; `x` and check marks mean yes (a ticked box); Python booleans and
    the numbers 1 and 0 as stored by Excel count too. Codes: excel_error, invalid_yesno.
    """
    cells = split_cells(raw)
    text, others = cells.text, cells.others
    values = np.full(cells.size, None, dtype=object)
    codes = np.full(cells.size, None, dtype=object)
    from_text = map_unique(text, _yesno_word)
    _put(values, from_text)
    is_error = cells.errors()
    is_unknown = _unknown(text) & ~is_error
    _put(codes, text[~is_error & ~is_unknown & from_text.isna().to_numpy()], INVALID_YESNO)
    _put(codes, text[is_error], EXCEL_ERROR)
    from_others = map_unique(others, lambda v: {1: True, 0: False}.get(v) if v in (0, 1) else None)
    _put(values, from_others)
    _put(codes, others[from_others.isna().to_numpy()], INVALID_YESNO)
    values[~pd.isna(codes)] = None
    return (
        pd.Series(values, index=cells.index).astype("boolean"),
        code_series(codes, cells.index),
    )


def to_text(raw: pd.Series | Cells) -> tuple[pd.Series, pd.Series]:
    """Trimmed text (`string`); numbers and dates as they read. Code: excel_error."""
    cells = split_cells(raw)
    is_error = cells.errors()
    values = pd.concat([cells.text[~is_error], render(cells.others)])
    codes = pd.Series(EXCEL_ERROR, index=cells.text.index[is_error])
    return cells.full(values, "string"), cells.full(codes, "string")
