"""Display names for data values that have a translation (the thematic families).

Stored values stay as uploaded, except a family named in either language, which is stored
under its English name (`canonical_family`, used when a file is read: a French export read
back is the round it came from). The display follows the language (`sector_label`); a value
with no translation (a sector typed freely in an upload) is shown as it is.
"""

from __future__ import annotations

from functools import cache

import pandas as pd

from analysis.core.i18n import LANGS, Lang, catalogue, t
from analysis.core.text import normalise

_PREFIX = "families."


@cache
def _families() -> dict[str, str]:
    """A family's name in any language, normalised -> its catalogue key."""
    index: dict[str, str] = {}
    for key, texts in catalogue().items():
        if key.startswith(_PREFIX):
            index[normalise(key.removeprefix(_PREFIX).replace("_", " "))] = key
            for lang in LANGS:
                index.setdefault(normalise(texts[lang]), key)
    return index


def sector_label(value: object, lang: Lang) -> str:
    """The sector or family `value` in `lang`, or `value` itself when not translated."""
    text = "" if value is None else str(value)
    key = _families().get(normalise(text))
    return t(key, lang) if key is not None else text


def canonical_family(values: pd.Series) -> pd.Series:
    """Each value's family under its stored (English) name when it names one in either
    language, else `<NA>`: a French export read back stores the same round it came from."""
    index = _families()

    def one(value: object) -> object:
        key = index.get(normalise(str(value))) if isinstance(value, str) else None
        return t(key, "en") if key is not None else pd.NA

    return values.map(one).astype("string")
