"""One shape for every error a person may read: a catalogue code, its parameters, a sentence.

Reading a file, the store, the deck template and the deck export all fail in ways the user
must understand in their language and without a traceback. Each raises a subclass of
`TranslatedError`: the subclass names its catalogue section (`prefix`), the instance its
`code` and `params`, and `message(lang)` renders `<prefix>.<code>` from
`analysis/locales/*.toml`. Logs and `str()` get the English sentence.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from analysis.core.i18n import Lang, t


class TranslatedError(Exception):
    """An error whose message is the catalogue's `<prefix>.<code>`, filled with `params`.

    Subclasses set `prefix`; those with one fixed reason also set `code` and are raised
    with parameters only. `translated_params` maps a parameter whose value is itself a
    catalogue key to that key's start (`{"kind": "read.kind_"}` turns `kind="pdf"` into
    the message `read.kind_pdf`), so a reason such as a file kind is translated too.
    """

    #: Catalogue section of the messages (`read`, `store`, `deck`); empty: `code` is the key.
    prefix: ClassVar[str] = ""
    #: Parameters translated before display: parameter name -> start of its catalogue key.
    translated_params: ClassVar[Mapping[str, str]] = {}
    #: The reason; a class-wide default for errors with one reason.
    code: str = "error"

    def __init__(self, code: str | None = None, /, **params: Any) -> None:
        if code is not None:
            self.code = code
        self.params: dict[str, Any] = params
        super().__init__(self.code)

    @property
    def key(self) -> str:
        """The catalogue key of the message (`read.too_many_rows`)."""
        return f"{self.prefix}.{self.code}" if self.prefix else self.code

    def display_params(self, lang: Lang) -> dict[str, Any]:
        """The parameters as the message shows them (translated ones looked up in `lang`).

        A subclass with its own way of writing a parameter extends this.
        """
        params = dict(self.params)
        for name, start in self.translated_params.items():
            if name in params:
                params[name] = t(f"{start}{params[name]}", lang)
        return params

    def message(self, lang: Lang) -> str:
        """One clear sentence in `lang`, no technical detail."""
        return t(self.key, lang, **self.display_params(lang))

    def __str__(self) -> str:
        return self.message("en")
