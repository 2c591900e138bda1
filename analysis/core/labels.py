"""Display names for data values that have a translation (the thematic families).

Stored values stay as uploaded; only their display changes with the language. A value
with no translation (a sector typed freely in an upload) is shown as it is.
"""

from __future__ import annotations

from analysis.core.i18n import Lang, catalogue, t
from analysis.core.text import normalise


def _key(value: str) -> str:
    return "families." + normalise(value).replace(" ", "_")


def sector_label(value: object, lang: Lang) -> str:
    """The sector or family `value` in `lang`, or `value` itself when not translated."""
    text = "" if value is None else str(value)
    key = _key(text)
    return t(key, lang) if key in catalogue() else text
