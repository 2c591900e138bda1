"""Typst, the one typesetter of the reports: template files in, PDF bytes out.

Why Typst (through the `typst` wheel, the compiler itself, no browser, no system library):
it typesets a page in tens of milliseconds, embeds (subsets) every font it uses, draws
charts as vector shapes, and its templates are files a designer can edit. The values go in
as one JSON document (`sys.inputs.data`), which a template reads as strings and numbers:
user text is never parsed as Typst markup, so it cannot inject any. The fonts are DejaVu
(Debian's fonts-dejavu-core, `scripts/ensure-system-packages.sh`); when it is missing, Typst
falls back on the fonts built into the wheel, embedded all the same.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import typst

from analysis.core.errors import TranslatedError

#: The report layouts (`.typ` files), shipped with the package.
TEMPLATES = Path(__file__).parent / "templates"
#: Where the embedded font is looked for (Debian's fonts-dejavu-core).
FONT_DIRS: tuple[Path, ...] = (Path("/usr/share/fonts/truetype/dejavu"),)


class ReportError(TranslatedError):
    """Why a report was not written; `message(lang)` is the one sentence shown (`report.<code>`)."""

    prefix = "report"

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code, **params)


def render(template: str, data: Mapping[str, Any]) -> bytes:
    """Typeset `templates/<template>` over `data` (JSON-able) and return the PDF's bytes.

    Raises `ReportError("typeset_failed")` when Typst refuses (a template bug, never the
    user's text), so no traceback reaches a page or the command line.
    """
    fonts = [str(folder) for folder in FONT_DIRS if folder.is_dir()]
    try:
        return typst.compile(
            str(TEMPLATES / template),
            root=str(TEMPLATES),
            font_paths=fonts,
            ignore_system_fonts=True,
            sys_inputs={"data": json.dumps(data, ensure_ascii=False, allow_nan=False)},
        )
    except (RuntimeError, ValueError) as error:  # typst.TypstError derives from RuntimeError
        raise ReportError("typeset_failed", reason=str(error).splitlines()[0][:200]) from error
