"""Reading the reports back: their text, their page count, their fonts (pypdf, no poppler).

Text is compared with whitespace collapsed (a table cell wraps where it likes) and zero-width
spaces dropped (a long name may break anywhere, `templates/common.typ`).
"""

from __future__ import annotations

import io
import re
from typing import Any

from pypdf import PdfReader

_ZERO_WIDTH = re.compile("[\u200b\u00ad]")
_SPACE = re.compile(r"\s+")


def reader(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


def page_texts(pdf: bytes) -> list[str]:
    """Each page's text, whitespace collapsed to one space."""
    return [
        _SPACE.sub(" ", _ZERO_WIDTH.sub("", page.extract_text() or "")).strip()
        for page in reader(pdf).pages
    ]


def text(pdf: bytes) -> str:
    """The whole document's text, whitespace collapsed."""
    return " ".join(page_texts(pdf))


def squeezed(value: str) -> str:
    """`value` without any whitespace or zero-width character (for wrapped long names)."""
    return _SPACE.sub("", _ZERO_WIDTH.sub("", value))


def fonts(pdf: bytes) -> dict[str, bool]:
    """Every font the pages use: base name -> whether its program is embedded in the file."""
    found: dict[str, bool] = {}
    for page in reader(pdf).pages:
        resources: Any = page.get("/Resources") or {}
        for ref in (resources.get("/Font") or {}).values():
            font = ref.get_object()
            descriptors = [font.get("/FontDescriptor")]
            descriptors += [
                d.get_object().get("/FontDescriptor") for d in font.get("/DescendantFonts") or []
            ]
            embedded = any(
                d is not None
                and any(k in d.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3"))
                for d in descriptors
            )
            found[str(font.get("/BaseFont"))] = embedded
    return found
