"""Formula-injection guard for text written into spreadsheets and CSV files.

A cell typed as `=HYPERLINK("http://evil","click")` in an upload is harmless text to us, but
Excel or LibreOffice would run it as a formula when someone opens an export. Following
OWASP's advice on CSV injection, text that starts with a formula trigger gets a leading
apostrophe, which spreadsheets show as plain text. Ingestion strips that apostrophe again
when reading text, so an export stays re-importable with the same values.

A plain number typed as text (`-5`, `+3.5`, `-1,5`, `2e3`) starts with a trigger but is no
formula: a spreadsheet reads it as the number it is, so it is left alone (an extra column
of growth figures used to come back as `'-5`).

Workbooks also cannot hold most ASCII control characters (openpyxl refuses them), so text
bound for a workbook loses them first (`workbook_text`); every workbook writer (the round,
the data page's export, the jury pack) goes through it.
"""

from __future__ import annotations

import re

import pandas as pd
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

#: Characters that make a spreadsheet read a cell as a formula (OWASP CSV injection).
FORMULA_TRIGGERS: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")
#: The same characters as a regular-expression class, for the vectorised version.
_TRIGGER_PATTERN = r"[=+\-@\t\r]"
PREFIX = "'"
#: Text that a spreadsheet reads as a plain number, whatever its sign: never a formula.
_NUMBER_PATTERN = r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?"
_NUMBER = re.compile(_NUMBER_PATTERN)
#: How a neutralised text starts: the apostrophe, then a trigger (what reading undoes).
GUARDED_STARTS: tuple[str, ...] = tuple(PREFIX + trigger for trigger in FORMULA_TRIGGERS)


def neutralise(text: object) -> object:
    """`text` with a leading apostrophe when it starts with a formula trigger.

    Anything that is not a string (numbers, booleans, dates, missing) is returned as is.
    """
    if isinstance(text, str) and text.startswith(FORMULA_TRIGGERS) and not _NUMBER.fullmatch(text):
        return PREFIX + text
    return text


def undo(text: str) -> str:
    """`text` as it was before `neutralise`: the apostrophe before a trigger dropped.

    Used by ingestion on cells and headers, so an export re-imports under the same names.
    """
    return text[1:] if text.startswith(GUARDED_STARTS) else text


def neutralise_headers(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` (not copied) with every header that starts with a trigger neutralised.

    `-5 growth %` is guarded like any text; a header that is a plain number (`-5`) is no
    formula. Non-text headers (a column numbered 0) are kept as they are.
    """
    frame.columns = [neutralise(header) for header in frame.columns]
    return frame


def _is_text_column(values: pd.Series) -> bool:
    return pd.api.types.is_string_dtype(values.dtype) or values.dtype == object


def neutralise_series(values: pd.Series) -> pd.Series:
    """`neutralise` over one column at once; non-string cells are left untouched."""
    if not _is_text_column(values):
        return values
    try:
        risky = values.str.match(_TRIGGER_PATTERN)
    except AttributeError:  # an object column holding no text at all
        return values
    numbers = values.str.fullmatch(_NUMBER_PATTERN).astype("boolean").fillna(False)
    risky = (risky.astype("boolean").fillna(False) & ~numbers).astype(bool)
    if not risky.any():
        return values
    return values.mask(risky, PREFIX + values[risky].astype(str)).astype(values.dtype)


def neutralise_frame(frame: pd.DataFrame, *, headers: bool = True) -> pd.DataFrame:
    """A copy of `frame` whose text cells and headers are neutralised; numbers are untouched.

    Every export goes through here: the CLI's and the pages' CSV and workbooks, the jury
    workbook. `headers=False` is for a caller that writes (and guards) its headers apart.
    """
    if frame.shape[1] == 0:
        return frame.copy()  # no column, no header
    out = pd.concat([neutralise_series(frame.iloc[:, i]) for i in range(frame.shape[1])], axis=1)
    out.columns = frame.columns
    return neutralise_headers(out) if headers else out


def strip_illegal(values: pd.Series) -> pd.Series:
    """Text cells without the control characters a workbook cannot hold; others untouched."""
    pattern = ILLEGAL_CHARACTERS_RE.pattern
    if values.dtype == object:  # mixed cells (a notes sheet): clean the text ones only
        is_text = values.map(lambda value: isinstance(value, str)).astype(bool)
        if not is_text.any():
            return values
        cleaned = values[is_text].astype("string").str.replace(pattern, "", regex=True)
        return values.where(~is_text, cleaned.astype(object))
    if pd.api.types.is_string_dtype(values.dtype):
        return values.str.replace(pattern, "", regex=True)
    return values


def workbook_text(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of `frame` safe to write into a workbook: illegal characters dropped, formulas
    neutralised; numbers, dates and blanks untouched."""
    return neutralise_frame(frame.apply(strip_illegal))
