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

import re

import pandas as pd

from analysis.schema import EXCEL_ERRORS
from analysis.text import normalise_series

# Problem codes (messages are `validation.<code>`).
EXCEL_ERROR = "excel_error"
TEXT_IN_NUMBER = "text_in_number"
NEGATIVE = "negative"
NOT_WHOLE = "not_whole"
TOO_LARGE = "too_large"
INVALID_YESNO = "invalid_yesno"
INVALID_PERCENT = "invalid_percent"

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

#: Counts beyond this cannot be real answers and would overflow Int64 arithmetic.
MAX_NUMBER = 1e15

_GROUP_SPACE = re.compile(r"(?<=\d)[\s'’](?=\d{3}(?:\D|$))")
_INTEGER = r"^\d+$"
_GROUPED = r"^\d{1,3}(?:([.,])\d{3})(?:\1\d{3})*$"
_EN_MIXED = r"^\d{1,3}(?:,\d{3})+\.\d+$"
_FR_MIXED = r"^\d{1,3}(?:\.\d{3})+,\d+$"
_DECIMAL = r"^(?:\d+[.,]\d*|[.,]\d+)$"
_SIGN = r"^[-−–]"
_FORMULA_GUARD = r"^'(?=[=+\-@])"


def _blank_series(index: pd.Index, dtype: str) -> pd.Series:
    return pd.Series(pd.NA, index=index, dtype=dtype)


def _flag(mask: pd.Series) -> pd.Series:
    """A plain bool mask, missing read as False (nullable comparisons yield `<NA>`)."""
    return mask.fillna(False).astype(bool)


def _as_object(raw: pd.Series) -> pd.Series:
    return raw if raw.dtype == object else raw.astype(object).where(raw.notna(), None)


def is_text(raw: pd.Series) -> pd.Series:
    """Which cells of an object column hold text (vectorised; False for every other value)."""
    if raw.dtype != object:
        return pd.Series(pd.api.types.is_string_dtype(raw.dtype), index=raw.index) & raw.notna()
    try:
        return raw.str.len().notna()
    except AttributeError:  # no text at all in the column: `.str` refuses it
        return pd.Series(False, index=raw.index)


def _strings(raw: pd.Series) -> pd.Series:
    """The text cells, trimmed and without a formula-guard apostrophe (`<NA>` elsewhere)."""
    text = raw.where(is_text(raw)).astype("string").str.strip()
    return text.str.replace(_FORMULA_GUARD, "", regex=True)


def _kinds(raw: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series, pd.Series]:
    """`(text, is_error, is_unknown, non_text)`: the masks every converter starts from."""
    text = _strings(raw)
    is_error = _flag(text.str.upper().isin(EXCEL_ERRORS))
    key = normalise_series(text)
    is_unknown = _flag(text.notna() & key.isin(UNKNOWN_ANSWERS)) & ~is_error
    non_text = _flag(raw.notna() & text.isna())
    return text, is_error, is_unknown, non_text


def _non_text_numbers(raw: pd.Series, non_text: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Numbers stored as numbers, and the mask of non-text cells that are not numbers."""
    as_text = raw.where(non_text).astype("string")
    is_bool = _flag(as_text.isin(["True", "False"]))
    candidates = raw.where(non_text & ~is_bool)
    numbers = pd.to_numeric(candidates, errors="coerce").astype("Float64")
    not_number = non_text & (is_bool | numbers.isna())
    return numbers, not_number


def _parse_number_text(text: pd.Series, *, lone_mark_is_decimal: bool) -> pd.Series:
    """Numbers from typed text (`Float64`, `<NA>` where the text is not a number)."""
    negative = _flag(text.str.contains(_SIGN, regex=True))
    body = text.str.replace(r"^[-−–+]\s*", "", regex=True).str.replace(
        _GROUP_SPACE.pattern, "", regex=True
    )
    canonical = pd.Series(pd.NA, index=text.index, dtype="string")
    integer = _flag(body.str.fullmatch(_INTEGER))
    grouped = _flag(body.str.fullmatch(_GROUPED))
    several_groups = _flag(body.str.count(r"[.,]") > 1)
    en_mixed = _flag(body.str.fullmatch(_EN_MIXED))
    fr_mixed = _flag(body.str.fullmatch(_FR_MIXED))
    decimal = _flag(body.str.fullmatch(_DECIMAL))

    thousands = grouped & (several_groups | (not lone_mark_is_decimal))
    canonical = canonical.mask(integer, body)
    canonical = canonical.mask(thousands, body.str.replace(r"[.,]", "", regex=True))
    canonical = canonical.mask(en_mixed, body.str.replace(",", "", regex=False))
    canonical = canonical.mask(
        fr_mixed, body.str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
    )
    plain_decimal = decimal & ~thousands & ~integer
    canonical = canonical.mask(plain_decimal, body.str.replace(",", ".", regex=False))
    numbers = pd.to_numeric(canonical, errors="coerce").astype("Float64")
    return numbers.mask(negative, -numbers)


def _numbers(
    raw: pd.Series, *, lone_mark_is_decimal: bool, percent: bool = False
) -> tuple[pd.Series, pd.Series, pd.Series]:
    """`(numbers, problems, percent_sign)` before the checks specific to each kind."""
    raw = _as_object(raw)
    text, is_error, is_unknown, non_text = _kinds(raw)
    percent_sign = _flag(text.str.contains(r"%\s*$", regex=True))
    if percent:
        text = text.str.replace(r"\s*%\s*$", "", regex=True)
    parsed = _parse_number_text(
        text.where(~is_error & ~is_unknown), lone_mark_is_decimal=lone_mark_is_decimal
    )
    stored, not_number = _non_text_numbers(raw, non_text)
    numbers = parsed.fillna(stored)
    problems = _blank_series(raw.index, "string")
    typed_text = _flag(text.notna() & (text != ""))
    bad_text = typed_text & ~is_error & ~is_unknown & _flag(parsed.isna())
    problems = problems.mask(bad_text | not_number, TEXT_IN_NUMBER)
    problems = problems.mask(is_error, EXCEL_ERROR)
    return numbers, problems, percent_sign


def _finish(numbers: pd.Series, problems: pd.Series, dtype: str) -> tuple[pd.Series, pd.Series]:
    problems = problems.mask(problems.isna() & _flag(numbers.abs() > MAX_NUMBER), TOO_LARGE)
    problems = problems.mask(problems.isna() & _flag(numbers < 0), NEGATIVE)
    return numbers.where(problems.isna()).astype(dtype), problems


def to_count(raw: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Whole numbers ≥ 0 (`Int64`); codes: excel_error, text_in_number, negative, not_whole."""
    numbers, problems, _ = _numbers(raw, lone_mark_is_decimal=False)
    fractional = _flag((numbers - numbers.round()).abs() > 1e-9) & _flag(numbers >= 0)
    problems = problems.mask(problems.isna() & fractional, NOT_WHOLE)
    numbers = numbers.round()
    return _finish(numbers, problems, "Int64")


def to_decimal(raw: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Numbers ≥ 0, decimals allowed (`Float64`); codes: excel_error, text_in_number, negative."""
    numbers, problems, _ = _numbers(raw, lone_mark_is_decimal=True)
    return _finish(numbers, problems, "Float64")


def to_percent(raw: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Fractions from `60 %`, `60%`, `0.6`, `0,6` or `60` (`Float64`, 0 to 1).

    A value with a `%` sign, or above 1 without one, is in percent; a value of 1 or less
    without a sign is already a fraction. Above 100 % is `invalid_percent`.
    """
    numbers, problems, percent_sign = _numbers(raw, lone_mark_is_decimal=True, percent=True)
    in_percent = percent_sign | _flag(numbers.abs() > 1)
    fractions = numbers.mask(in_percent, numbers / 100)
    problems = problems.mask(problems.isna() & _flag(fractions > 1), INVALID_PERCENT)
    return _finish(fractions, problems, "Float64")


def to_yesno(raw: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Yes/no answers (`boolean`): oui non o n yes no y true false vrai faux 1 0 x ✓.

    Any case, trimmed; `x` and check marks mean yes (a ticked box); Python booleans and
    the numbers 1 and 0 as stored by Excel count too. Code: excel_error, invalid_yesno.
    """
    raw = _as_object(raw)
    text, is_error, is_unknown, non_text = _kinds(raw)
    words = {**dict.fromkeys(YES_WORDS, True), **dict.fromkeys(NO_WORDS, False)}
    from_text = normalise_series(text).map(words).astype("boolean")
    from_text = from_text.mask(_flag(text.isin(CHECK_MARKS)), True)
    stored_text = raw.where(non_text).astype("string")
    stored = stored_text.map({"True": True, "False": False}).astype("boolean")
    numbers = pd.to_numeric(raw.where(non_text & _flag(stored.isna())), errors="coerce")
    ones_zeros = pd.Series(numbers, index=raw.index).map({1.0: True, 0.0: False})
    values = from_text.fillna(stored).fillna(ones_zeros.astype("boolean"))
    answered = _flag(text.notna() & (text != "")) | non_text
    problems = _blank_series(raw.index, "string")
    problems = problems.mask(answered & ~is_unknown & _flag(values.isna()), INVALID_YESNO)
    problems = problems.mask(is_error, EXCEL_ERROR)
    return values.where(problems.isna()).astype("boolean"), problems


def to_text(raw: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Trimmed text (`string`); numbers and dates as they read. Code: excel_error."""
    raw = _as_object(raw)
    text, is_error, _unknown, non_text = _kinds(raw)
    values = text.where(text != "").fillna(_render(raw, non_text))
    problems = _blank_series(raw.index, "string").mask(is_error, EXCEL_ERROR)
    return values.where(problems.isna()).astype("string"), problems


def _render(raw: pd.Series, non_text: pd.Series) -> pd.Series:
    """Non-text cells as text: `3` not `3.0`, `2.5`, `True`, dates without midnight."""
    as_text = raw.where(non_text).astype("string")
    is_bool = _flag(as_text.isin(["True", "False"]))
    numbers = pd.to_numeric(raw.where(non_text & ~is_bool), errors="coerce").astype("Float64")
    whole = _flag(numbers.notna() & (numbers == numbers.round()) & (numbers.abs() < MAX_NUMBER))
    wholes = numbers.where(whole).round().astype("Int64").astype("string")
    rendered = as_text.mask(whole, wholes)
    return rendered.str.replace(r"^(\d{4}-\d\d-\d\d)[ T]00:00:00$", r"\1", regex=True)


def display_values(raw: pd.Series) -> pd.Series:
    """Cells as the person typed them, for messages (`3` not `3.0`); blank as `""`."""
    raw = _as_object(raw)
    texts = is_text(raw)
    text = raw.where(texts).astype("string")
    return text.fillna(_render(raw, _flag(raw.notna()) & ~texts)).fillna("")
