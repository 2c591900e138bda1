"""The media types of every file the product offers for download, declared once.

Why here, in `analysis/core`: a download button needs its file's media type before the file
exists, and the modules that build the files (openpyxl, python-pptx, Typst) are heavy to
import. The Overview's first view must not load them (issue 17,
`tests/dashboard/test_first_view.py`), so the types live in a module that imports nothing,
which any layer, `ui/` and `pages/` included, may read.
"""

from __future__ import annotations

CSV_MIME = "text/csv"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX_MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
PDF_MIME = "application/pdf"
ZIP_MIME = "application/zip"
