"""Formula-injection guard for text written into spreadsheets and CSV files.

A cell typed as `=HYPERLINK("http://evil","click")` in an upload is harmless text to us, but
Excel or LibreOffice would run it as a formula when someone opens an export. Following
OWASP's advice on CSV injection, text that starts with a formula trigger gets a leading
apostrophe, which spreadsheets show as plain text. Ingestion strips that apostrophe again
when reading text, so an export stays re-importable with the same values.
"""

from __future__ import annotations

import pandas as pd

#: Characters that make a spreadsheet read a cell as a formula (OWASP CSV injection).
FORMULA_TRIGGERS: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")
#: The same characters as a regular-expression class, for the vectorised version.
_TRIGGER_PATTERN = r"[=+\-@\t\r]"
PREFIX = "'"


def neutralise(text: object) -> object:
    """`text` with a leading apostrophe when it starts with a formula trigger.

    Anything that is not a string (numbers, booleans, dates, missing) is returned as is.
    """
    if isinstance(text, str) and text.startswith(FORMULA_TRIGGERS):
        return PREFIX + text
    return text


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
    risky = risky.astype("boolean").fillna(False).astype(bool)
    if not risky.any():
        return values
    return values.mask(risky, PREFIX + values[risky].astype(str)).astype(values.dtype)


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of `frame` whose text columns are neutralised; numeric columns are untouched."""
    if frame.shape[1] == 0:
        return frame.copy()
    out = pd.concat([neutralise_series(frame.iloc[:, i]) for i in range(frame.shape[1])], axis=1)
    out.columns = frame.columns
    return out
