"""Display names for data values that have a translation (the thematic families).

Stored values stay as uploaded; only their display changes with the language. A family is
recognised by its name in either language (a French export read back stores "Santé", and
the English interface still says "Health"). A value with no translation (a sector typed
freely in an upload) is shown as it is.
"""

from __future__ import annotations

from functools import cache

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
