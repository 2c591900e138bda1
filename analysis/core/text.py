"""Text normalisation shared by header mapping, pole matching and answer cleaning.

People type the same word many ways (`Pôle`, `POLE`, `pole `, `Pôle’s`); comparing
normalised forms is what lets a French export and an English one meet.
"""

from __future__ import annotations

import re
import unicodedata

import pandas as pd

_QUOTES = str.maketrans(
    {"’": "'", "‘": "'", "ʼ": "'", "´": "'", "`": "'", "“": '"', "”": '"', "«": '"', "»": '"'}
)
_NON_WORD = re.compile(r"[^0-9a-z]+")
_COMBINING = re.compile(r"[\u0300-\u036f]")
_COMBINING_CHARS = "[\u0300-\u036f]"  # the same class, spelled with the characters themselves


def strip_accents(text: str) -> str:
    """`Île-de-France` -> `Ile-de-France`; ligatures such as `œ` become `oe`."""
    decomposed = unicodedata.normalize("NFKD", text.replace("œ", "oe").replace("Œ", "OE"))
    return _COMBINING.sub("", decomposed)


def normalise(text: object) -> str:
    """Lower case, no accents, punctuation and runs of white space folded to one space.

    `"  Pôle  Mer—Bretagne "` -> `"pole mer bretagne"`. Non-text values become `""`.
    """
    if not isinstance(text, str):
        return ""
    folded = strip_accents(text.translate(_QUOTES)).casefold()
    return _NON_WORD.sub(" ", folded).strip()


def normalise_series(values: pd.Series) -> pd.Series:
    """`normalise` over a whole column at once (vectorised string operations).

    Missing cells become empty strings so the result can be used as a lookup key.
    """
    text = values.astype("string").fillna("")
    text = text.str.replace("œ", "oe", regex=False).str.replace("Œ", "OE", regex=False)
    # Literal characters (not `\u` escapes) and no `translate` keep every step in Arrow:
    # quotes need no translating here, since they become spaces with all punctuation.
    text = text.str.normalize("NFKD").str.replace(_COMBINING_CHARS, "", regex=True)
    text = text.str.casefold()
    return text.str.replace(_NON_WORD.pattern, " ", regex=True).str.strip().astype("string")


def column_letter(position: int) -> str:
    """0 -> `A`, 25 -> `Z`, 26 -> `AA`: the letter a spreadsheet shows for a column."""
    letters = ""
    number = position + 1
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters
