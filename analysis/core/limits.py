"""Bounds on what a file may cost us, so a hostile upload cannot exhaust memory or hang.

Stated in the README ("Limits"). The upload widget's own cap lives in
`.streamlit/config.toml` (`server.maxUploadSize`) and is checked again here in code.
"""

from __future__ import annotations

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
MAX_CELLS = 40_000_000
#: Most sheets in one workbook.
MAX_SHEETS = 200
