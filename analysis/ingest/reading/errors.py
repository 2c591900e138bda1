"""Why a file could not be read, as a catalogue key the pages render in French or English.

Kept apart from `reading.py` so that the format-specific helpers (`sniffing`,
`reading_zip`, `reading_xls`, ...) can raise it without importing the reader itself.
"""

from __future__ import annotations

from typing import Any

from analysis.core.i18n import Lang, fmt_number, t

#: Parameters whose value is itself a catalogue key (`read.kind_<value>`), translated on display.
_TRANSLATED_PARAMS = ("kind",)


class UnreadableFile(Exception):  # noqa: N818 - the contract's name
    """The upload is not a spreadsheet we can read, or breaks `analysis/core/limits.py`.

    `code` names the message `read.<code>` in `analysis/locales/read.toml`; `params` fill
    its placeholders. `message(lang)` gives the one sentence shown to the person uploading.
    """

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params: dict[str, Any] = params

    def message(self, lang: Lang) -> str:
        """One clear sentence in `lang`, no technical detail."""
        params = dict(self.params)
        for name in _TRANSLATED_PARAMS:
            if name in params:
                params[name] = t(f"read.kind_{params[name]}", lang)
        digits = params.pop("digits", None)
        if digits is not None:  # sizes shown with as many decimals as tell them apart
            for name in ("size_mb", "limit_mb"):
                params[name] = fmt_number(params[name], lang, digits)
        return t(f"read.{self.code}", lang, **params)

    def __str__(self) -> str:
        return self.message("en")
