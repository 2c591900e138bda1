"""A user's branded template: checked before python-pptx opens it.

A .pptx is a zip, so an upload could be a decompression bomb or not a zip at all; it is
held to a size limit and inflated once through the same guard as uploaded workbooks
before any XML is parsed. Kept free of python-pptx so importing it costs nothing.
"""

from __future__ import annotations

import io
import zipfile

from analysis.core.errors import TranslatedError
from analysis.ingest.reading.errors import UnreadableFile
from analysis.ingest.reading.zip_guard import check_declared_sizes, inflate_all

#: Largest template accepted, in bytes (a branded master with a logo is far smaller).
MAX_TEMPLATE_BYTES = 20 * 1024 * 1024


class TemplateError(TranslatedError):
    """A template that cannot be used; `message(lang)` says why (`deck.<code>`) in one sentence."""

    prefix = "deck"

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code, **params)


def check_template(content: bytes) -> None:
    """Refuse a template that is too large, not a zip, or a decompression bomb."""
    if len(content) > MAX_TEMPLATE_BYTES:
        raise TemplateError("template_too_large", size=MAX_TEMPLATE_BYTES // (1024 * 1024))
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            check_declared_sizes(archive, file="template")
            inflate_all(content, archive, {}, file="template")
    except (zipfile.BadZipFile, UnreadableFile, OSError, ValueError) as error:
        raise TemplateError("template_unreadable") from error
