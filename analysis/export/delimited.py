"""The one writer of delimited text (CSV), in the dialect of the reader's language.

A French spreadsheet opens a CSV correctly only with `;` between fields and a decimal
comma (the comma is the decimal separator there), an English one with `,` and a point.
Files are UTF-8 with a byte-order mark so Excel shows accents, lines end in CRLF (RFC 4180),
and fields holding the separator, a quote or a line break are quoted (pandas' minimal
quoting). Every header and text cell goes through `analysis.export.safety`, so a cell such
as `=HYPERLINK(...)` stays text in Excel or LibreOffice. The round export and the data
page's download both write through here, so the dialect changes in one place.
"""

from __future__ import annotations

import pandas as pd

from analysis.core.i18n import Lang
from analysis.export.safety import neutralise, neutralise_frame

#: Field separator by language.
SEPARATOR: dict[str, str] = {"fr": ";", "en": ","}
#: Decimal mark by language.
DECIMAL: dict[str, str] = {"fr": ",", "en": "."}
#: UTF-8 with a byte-order mark: without it Excel reads the file as the local code page.
ENCODING = "utf-8-sig"
LINE_END = "\r\n"


def to_delimited(frame: pd.DataFrame, lang: Lang) -> bytes:
    """`frame` as CSV bytes for a reader of `lang`: headers and text guarded, no index."""
    safe = neutralise_frame(frame)
    safe.columns = [str(neutralise(str(header))) for header in frame.columns]
    text = safe.to_csv(
        index=False, sep=SEPARATOR[lang], decimal=DECIMAL[lang], lineterminator=LINE_END
    )
    return text.encode(ENCODING)
