"""Bounds on what a file may cost us, so a hostile upload cannot exhaust memory or hang.

Stated in the README ("Limits"). The upload widget's own cap lives in
`.streamlit/config.toml` (`server.maxUploadSize`) and is checked again here in code.

Reading costs about 50 bytes of peak memory per cell of a sheet's used range (calamine's
values, then one object array), so the cell bounds below are what keep the peak of any
file under 1 GiB; they apply to the real content (trailing empty rows and columns, and
formatted but empty cells, do not count) and are checked before anything is allocated.
"""

from __future__ import annotations

import os

#: Largest file accepted, in bytes (compressed size for workbooks).
MAX_FILE_BYTES = 50 * 1024 * 1024
#: Largest total uncompressed size of the parts of a zip-based workbook (.xlsx, .xlsm, .ods).
MAX_UNCOMPRESSED_BYTES = 500 * 1024 * 1024
#: Largest compression ratio of any single part: a real workbook stays far below this.
MAX_COMPRESSION_RATIO = 200
#: Most rows read from one sheet (Excel's own maximum).
MAX_ROWS = 1_048_576
#: Most columns read from one sheet.
MAX_COLUMNS = 1_000
#: Most cells (rows × columns of the used range) materialised from one sheet.
MAX_CELLS = 10_000_000
#: Most cells materialised from a whole workbook: the sum of its sheets' used ranges.
MAX_WORKBOOK_CELLS = 10_000_000
#: Most sheets in one workbook.
MAX_SHEETS = 100
#: Most rows of a projects sheet (one per pole, year and programme: a real round has a few
#: thousand; the benchmark's 2,000-pole round has 160,000).
MAX_PROJECT_ROWS = 500_000

#: Environment variable overriding `MAX_POLES` (a positive whole number).
MAX_POLES_VAR = "POLES_MAX_POLES"
#: Default bound on the distinct poles of one round: France has about 55 poles, the
#: benchmark invents 2,000; a million names took gigabytes to check and to show.
DEFAULT_MAX_POLES = 5_000


def max_poles() -> int:
    """Most distinct poles in one round: `$POLES_MAX_POLES` when a positive number, else 5,000."""
    raw = os.environ.get(MAX_POLES_VAR, "").strip()
    try:
        value = int(raw)
    except ValueError:
        return DEFAULT_MAX_POLES
    return value if value > 0 else DEFAULT_MAX_POLES
