"""CSV exports as a raw sheet: encoding and delimiter found, every cell kept as text.

French exports are the reason for the care taken: Excel writes `;`-separated cp1252 with
decimal commas (`2,5`), so the delimiter is the one that splits the first records into a
consistent number of columns, not merely the most frequent character.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import re

import numpy as np
import pandas as pd

from analysis.core import limits
from analysis.ingest.reading.errors import UnreadableFile
from analysis.ingest.reading.used_range import check_extent, trim_trailing_blanks

DELIMITERS = (";", "\t", ",")  # order breaks ties: `;` and tab before the decimal comma
_SAMPLE_CHARS = 64 * 1024
_SAMPLE_RECORDS = 50
_SEP_HINT = re.compile(r'\A"?sep=(.)"?(?:\r\n?|\n)', re.IGNORECASE)
#: Record ends as the csv module sees them with `newline=""`: Excel's "CSV (Macintosh)"
#: ends lines with a lone carriage return.
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def decode(content: bytes, *, file: str) -> str:
    """The text of `content`: UTF-16 or UTF-8 by byte-order mark, then strict UTF-8, then cp1252."""
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = content.decode("utf-16")
        except UnicodeDecodeError as error:
            raise UnreadableFile("binary_text", file=file) from error
    elif content.startswith(codecs.BOM_UTF8):
        text = content[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace")
    else:
        try:
            text = content.decode("utf-8")
        except UnicodeDecodeError:
            try:
                text = content.decode("cp1252")
            except UnicodeDecodeError:
                # cp1252 leaves five bytes undefined; latin-1 maps them all.
                text = content.decode("latin-1")
    if "\x00" in text:
        raise UnreadableFile("binary_text", file=file)
    return text


def detect_delimiter(text: str) -> str:
    """`;`, tab or `,`: the one that gives the first records one consistent width above 1.

    Each candidate parses a sample with quotes honoured; its score is the share of
    non-blank records having the most common width, then that width, then the order of
    `DELIMITERS`. A file where none splits anything is one column (`,` is returned).
    """
    sample = text[:_SAMPLE_CHARS]
    if len(text) > _SAMPLE_CHARS:
        breaks = [match.start() for match in _LINE_BREAK.finditer(sample)]
        if breaks:
            sample = sample[: breaks[-1]]
    best: tuple[float, int, int] = (0.0, 1, 0)
    chosen = ","
    for rank, delimiter in enumerate(DELIMITERS):
        widths = [
            len(record)
            for record, _ in zip(
                _records(sample, delimiter),
                range(_SAMPLE_RECORDS),
                strict=False,
            )
            if any(field.strip() for field in record)
        ]
        if not widths:
            continue
        common = max(set(widths), key=lambda width: (widths.count(width), width))
        if common < 2:
            continue
        score = (widths.count(common) / len(widths), common, -rank)
        if score > best:
            best, chosen = score, delimiter
    return chosen


def _records(text: str, delimiter: str) -> list[list[str]]:
    """Every record of `text`, or as many as parse before a csv error (a sample's last
    record may be cut in the middle of a quoted field)."""
    records: list[list[str]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    with contextlib.suppress(csv.Error):
        records.extend(reader)
    return records


def record_extent(text: str, delimiter: str) -> tuple[int, int]:
    """(records, widest record) of `text`, counted without building a single field.

    A one-line file of 24 million `1;` costs gigabytes once parsed into fields, so the
    width is bounded first: quoted fields (a `"` opening a field, as the csv module reads
    them) are cut out, with the delimiters and line breaks inside them, and what is left
    has one line per record and one delimiter between fields. An unclosed quote leaves its
    text counted as fields: an over-estimate, which is the safe side.
    """
    quoted = re.compile(r"(?:\A|(?<=[" + re.escape(delimiter) + r'\r\n]))"[^"]*(?:""[^"]*)*"')
    lines = _LINE_BREAK.split(quoted.sub("", text))
    while lines and not lines[-1]:
        lines.pop()
    return len(lines), max((line.count(delimiter) + 1 for line in lines), default=0)


def read_csv_cells(content: bytes, *, file: str, sheet: str) -> pd.DataFrame:
    """The CSV's cells: object dtype, all text, blanks missing; index = record numbers from 1."""
    text = decode(content, file=file)
    if not text.strip():  # blank lines only: an empty file, whatever its encoding
        raise UnreadableFile("empty", file=file)
    hint = _SEP_HINT.match(text)
    if hint:  # Excel's own `sep=;` first line names the delimiter and is not data
        delimiter, text = hint.group(1), text[hint.end() :]
    else:
        delimiter = detect_delimiter(text)
    # Bounds before parsing: the records, the widest one, and every field a delimiter.
    lines, widest = record_extent(text, delimiter)
    check_extent(lines, widest, sheet=sheet, file=file)
    fields = text.count(delimiter) + lines
    if fields > limits.MAX_CELLS:
        raise UnreadableFile(
            "too_many_cells", file=file, sheet=sheet, count=fields, limit=limits.MAX_CELLS
        )
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        raise UnreadableFile("corrupt", file=file) from error
    while records and not any(records[-1]):
        records.pop()  # trailing empty lines
    width = max(map(len, records), default=0)
    check_extent(len(records), width, sheet=sheet, file=file)
    # Ragged records are padded here: pandas no longer pads lists of unequal length.
    padded = [row if len(row) == width else row + [""] * (width - len(row)) for row in records]
    grid = np.array(padded, dtype=object).reshape(len(padded), width)
    grid[grid == ""] = None
    frame = pd.DataFrame(
        grid,
        index=pd.RangeIndex(1, len(records) + 1),
        columns=pd.RangeIndex(0, width),
        dtype=object,
        copy=False,
    )
    return trim_trailing_blanks(frame)
