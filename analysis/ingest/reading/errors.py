"""Why a file could not be read, as a catalogue key the pages render in French or English.

Kept apart from `workbook.py` so that the format-specific helpers (`sniffing`, `zip_guard`,
`xls`, ...) can raise it without importing the reader itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from analysis.core.errors import TranslatedError
from analysis.core.i18n import Lang, fmt_number


class UnreadableFile(TranslatedError):  # noqa: N818 - the contract's name
    """The upload is not a spreadsheet we can read, or breaks `analysis/core/limits.py`.

    `code` names the message `read.<code>` in `analysis/locales/read.toml`; `params` fill
    its placeholders, and a `kind` parameter is itself translated (`read.kind_<kind>`).
    `message(lang)` gives the one sentence shown to the person uploading.
    """

    prefix = "read"
    translated_params: ClassVar[Mapping[str, str]] = {"kind": "read.kind_"}

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code, **params)

    def display_params(self, lang: Lang) -> dict[str, Any]:
        """Sizes shown with as many decimals as tell them apart (`digits`), kinds translated."""
        params = super().display_params(lang)
        digits = params.pop("digits", None)
        if digits is not None:
            for name in ("size_mb", "limit_mb"):
                params[name] = fmt_number(params[name], lang, digits)
        return params
