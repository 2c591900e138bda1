"""One pass over each .xlsx sheet's XML: its used range and its error cells.

calamine hides Excel error cells (`t="e"`) behind empty strings and materialises a sheet's
whole rectangle at once, so before calamine sees a sheet we need (1) the rectangle, to
refuse a sheet holding A1 and XFD1048576, and (2) the error texts, to put them back.
Both come from the inflated chunks that `reading_zip` streams anyway.

Cell references are decoded with numpy over whole chunks (no per-cell Python), for the cells
written as every producer writes them: `<c r="B7" ...>`. A cell without that leading `r`
attribute (allowed, rare) makes the scanner fall back to `exact_scan`, an lxml pass that
mirrors calamine's own position counters.
"""

from __future__ import annotations

import posixpath
import re
import zipfile

import numpy as np
from lxml import etree

from analysis.ingest.reading.errors import UnreadableFile
from analysis.ingest.reading.used_range import ErrorCell, SheetScan

#: Bytes after the `c` of a cell opening that the decoder reads: ` r="` + up to 4 letters and
#: 10 digits + the closing quote.
_LOOKAHEAD = 20
_CARRY_LIMIT = 4 * (1 << 20)
#: workbook.xml and its relationships list sheets: a few KB, even with hundreds of sheets.
_SMALL_PART_LIMIT = 16 * (1 << 20)
_C, _LT, _COLON, _QUOTE = ord("c"), ord("<"), ord(":"), ord('"')
_GT, _SLASH, _APOSTROPHE = ord(">"), ord("/"), ord("'")
#: Bytes of a cell's opening tag looked at when testing one cell (a real one is < 100).
_TAG_WINDOW = 4096
_OPENING_END = np.zeros(256, dtype=bool)
_OPENING_END[[ord(" "), ord("\t"), ord("\n"), ord("\r"), ord(">"), ord("/")]] = True
_REGULAR = np.frombuffer(b' r="', dtype=np.uint8)
_ERROR_CELL = re.compile(
    rb'<(?:[\w.-]+:)?c r="([A-Z]{1,3})([0-9]{1,7})"[^>]*?\st="e"[^>/]*>(.*?)</(?:[\w.-]+:)?c>',
    re.DOTALL,
)
_VALUE = re.compile(rb"<(?:[\w.-]+:)?v>([^<]*)</")
_REFERENCE = re.compile(r"([A-Z]{1,4})([0-9]{1,9})")
_PARSER_OPTIONS = {"resolve_entities": False, "no_network": True, "huge_tree": False}


def sheet_parts(archive: zipfile.ZipFile, *, file: str) -> dict[str, str]:
    """Sheet name -> the zip part holding its XML, for every sheet of `xl/workbook.xml`.

    Elements and attributes are matched by local name and targets resolved as calamine
    resolves them, so that (transitional or strict) every sheet calamine reads is scanned.
    """
    try:
        workbook = _parse_small(archive, "xl/workbook.xml", file)
        relations = _parse_small(archive, "xl/_rels/workbook.xml.rels", file)
    except (KeyError, etree.XMLSyntaxError, zipfile.BadZipFile, OSError) as error:
        raise UnreadableFile("corrupt", file=file) from error
    targets = {
        rel.get("Id"): rel.get("Target", "")
        for rel in relations.iter("{*}Relationship", "Relationship")
    }
    parts: dict[str, str] = {}
    for sheet in workbook.iter("{*}sheet", "sheet"):
        ids = [value for key, value in sheet.attrib.items() if etree.QName(key).localname == "id"]
        target = targets.get(ids[0], "") if ids else ""
        if target:
            parts[sheet.get("name", "")] = _resolve(target)
    return parts


def _resolve(target: str) -> str:
    """A relationship target as a zip part name (`worksheets/sheet1.xml` -> `xl/...`)."""
    if target.startswith("/"):
        part = target.lstrip("/")
    elif target.startswith("xl/"):
        part = target
    else:
        part = posixpath.join("xl", target)
    return posixpath.normpath(part)


def _parse_small(archive: zipfile.ZipFile, part: str, file: str) -> etree._Element:
    """Parse a small part with entities and network off; a huge one is not a workbook's.

    zipfile stops at the declared size, so a lying header cannot make this read more.
    """
    if archive.getinfo(part).file_size > _SMALL_PART_LIMIT:
        raise UnreadableFile("corrupt", file=file)
    parser = etree.XMLParser(**_PARSER_OPTIONS)
    return etree.fromstring(archive.read(part), parser)


class XlsxSheetScanner:
    """Fed a sheet's inflated XML chunk by chunk; `result()` gives its `SheetScan`."""

    def __init__(self) -> None:
        self._carry = b""
        self._first_row: int | None = None
        self._last_row: int | None = None
        self._first_col: int | None = None
        self._last_col: int | None = None
        self._errors: list[ErrorCell] = []
        self.irregular = False  # a cell without a leading r="..": needs the exact pass
        self._closed = False

    def feed(self, chunk: bytes) -> None:
        """Scan everything but a short tail, which waits for the next chunk."""
        buffer = self._carry + chunk
        self._carry = buffer[self._scan(buffer, final=False) :]

    def close(self) -> None:
        """Scan what is left."""
        if not self._closed:
            self._scan(self._carry, final=True)
            self._carry = b""
            self._closed = True

    def result(self) -> SheetScan:
        """The used range and error cells seen."""
        return SheetScan(
            self._first_row, self._last_row, self._first_col, self._last_col, tuple(self._errors)
        )

    def _scan(self, buffer: bytes, *, final: bool) -> int:
        """Scan cell openings before the returned cut; bytes from the cut on are carried.

        Anchors are the `c` of `<c` (or `<x:c`); positions 0 and 1 of a carried buffer were
        scanned in the previous round, hence the `lo` of 2.
        """
        length = len(buffer)
        if final:
            buffer += b" " * _LOOKAHEAD
        elif length < 4 * _LOOKAHEAD:
            return 0
        data = np.frombuffer(buffer, dtype=np.uint8)
        end = length if final else length - _LOOKAHEAD
        lo = 2 if end > 2 else end
        anchors = np.flatnonzero(data[lo:end] == _C) + lo
        before = data[anchors - 1]
        anchors = anchors[((before == _LT) | (before == _COLON)) & _OPENING_END[data[anchors + 1]]]
        cut = end
        if not final and anchors.size:
            last = int(anchors[-1])
            opening = buffer.rfind(b"<", max(0, last - 64), last)
            if opening >= 2 and length - opening < _CARRY_LIMIT:
                cut = opening
                anchors = anchors[anchors < cut]
        self._decode(data, anchors, length)
        if b't="e"' in buffer:
            self._collect_errors(buffer, cut)
        return cut - 2 if cut >= 2 else 0

    def _decode(self, data: np.ndarray, anchors: np.ndarray, length: int) -> None:
        """Rows and columns of the cells at `anchors`, vectorised; the filled ones widen the range.

        Every cell counts towards `irregular` (calamine places a cell without `r` after the
        previous one, empty or not); only cells holding something widen the used range.
        """
        if not anchors.size:
            return
        regular = np.ones(anchors.size, dtype=bool)
        for k, byte in enumerate(_REGULAR, start=1):
            regular &= data[anchors + k] == byte
        if not regular.all():
            self.irregular = True
        anchors = anchors[regular]
        if not anchors.size:
            return
        start = anchors + 5  # first letter of the reference
        n_letters = np.zeros(anchors.size, dtype=np.int64)
        run = np.ones(anchors.size, dtype=bool)
        cols = np.zeros(anchors.size, dtype=np.int64)
        for k in range(4):
            value = data[start + k] - np.uint8(ord("A") - 1)  # 1..26 for A..Z, wraps otherwise
            run &= (value >= 1) & (value <= 26)
            if not run.any():
                break
            n_letters += run
            cols = np.where(run, cols * 26 + value, cols)
        first_digit = start + n_letters
        n_digits = np.zeros(anchors.size, dtype=np.int64)
        run = np.ones(anchors.size, dtype=bool)
        rows = np.zeros(anchors.size, dtype=np.int64)
        for k in range(9):
            value = data[first_digit + k] - np.uint8(ord("0"))  # 0..9 for digits, wraps otherwise
            run &= value <= 9
            if not run.any():
                break
            n_digits += run
            rows = np.where(run, rows * 10 + value, rows)
        closing = data[first_digit + n_digits]
        valid = (n_letters > 0) & (n_digits > 0) & (closing == _QUOTE)
        if not valid.all():
            self.irregular = True
        if valid.any():
            # Values past XFD or row 1,048,576 are kept as they are: the limits refuse them.
            rows, cols, anchors = rows[valid], cols[valid], anchors[valid]
            extremes = [
                _extreme_filled(data, length, anchors, key, largest)
                for key, largest in ((rows, False), (rows, True), (cols, False), (cols, True))
            ]
            if extremes[0] is not None:  # some cell holds a value: all four were found
                top, bottom, left, right = (int(i) for i in extremes)  # type: ignore[arg-type]  # all four found (checked above)
                self._extend(
                    int(rows[top]), int(rows[bottom]), int(cols[left]) - 1, int(cols[right]) - 1
                )

    def _extend(self, first_row: int, last_row: int, first_col: int, last_col: int) -> None:
        self._first_row = first_row if self._first_row is None else min(self._first_row, first_row)
        self._last_row = last_row if self._last_row is None else max(self._last_row, last_row)
        self._first_col = first_col if self._first_col is None else min(self._first_col, first_col)
        self._last_col = last_col if self._last_col is None else max(self._last_col, last_col)

    def _collect_errors(self, buffer: bytes, cut: int) -> None:
        for match in _ERROR_CELL.finditer(buffer):
            if match.start() >= cut:
                break
            value = _VALUE.search(match.group(3))
            if value is None:
                continue
            self._errors.append(
                (
                    int(match.group(2)),
                    _column_index(match.group(1)),
                    value.group(1).decode("utf-8", "replace"),
                )
            )


def _extreme_filled(
    data: np.ndarray, length: int, anchors: np.ndarray, key: np.ndarray, largest: bool
) -> int | None:
    """Index of a cell holding a value with the largest (or smallest) `key`; `None` if none.

    The extreme cell is nearly always filled, so it is tried alone first; when it is not
    (formatted empty cells below or right of the data), cells are tried in order of `key`
    in growing batches, which keeps a normal sheet's scan as fast as before.
    """
    pick = int(np.argmax(key) if largest else np.argmin(key))
    if _one_holds_value(data, length, int(anchors[pick])):
        return pick
    order = np.argsort(-key if largest else key, kind="stable")
    start, size = 0, 64
    while start < order.size:
        batch = order[start : start + size]
        hits = np.flatnonzero(_holding_values(data, anchors[batch], length))
        if hits.size:
            return int(batch[hits[0]])
        start, size = start + size, size * 4
    return None


def _one_holds_value(data: np.ndarray, length: int, anchor: int) -> bool:
    """`_holding_values` for one cell, looking only at the bytes of its opening tag."""
    window = data[anchor : min(length, anchor + _TAG_WINDOW)]
    closing = np.flatnonzero(window == _GT)
    if not closing.size:
        return True  # no end in sight: counted as filled, the safe side
    end = int(closing[0])
    tag = window[:end]
    if int(np.count_nonzero(tag == _QUOTE)) % 2 or bool((tag == _APOSTROPHE).any()):
        return True
    after = anchor + end
    self_closing = end > 0 and window[end - 1] == _SLASH
    closed_at_once = after + 2 < data.size and data[after + 1] == _LT and data[after + 2] == _SLASH
    return not (self_closing or closed_at_once)


def _holding_values(data: np.ndarray, anchors: np.ndarray, length: int) -> np.ndarray:
    """Which cells at `anchors` may hold a value: all but `<c .../>` and `<c ...></c>`.

    calamine skips cells with nothing inside (a formatted empty cell far below the data
    must not inflate the used range). The end of each opening tag is its first `>`; when an
    attribute value could hide a `>` (an odd number of `"` before it, or any `'`), or the
    tag does not end in the buffer, the cell counts as filled: over-counting is safe.
    """
    if not anchors.size:
        return np.zeros(0, dtype=bool)
    closing = np.flatnonzero(data[:length] == _GT)
    position = np.searchsorted(closing, anchors)
    ended = position < closing.size
    end = np.where(ended, closing[np.minimum(position, closing.size - 1)], anchors)
    plain = (_between(data, length, _QUOTE, anchors, end) % 2 == 0) & (
        _between(data, length, _APOSTROPHE, anchors, end) == 0
    )
    padded = np.concatenate((data, np.zeros(3, dtype=np.uint8)))
    self_closing = padded[end - 1] == _SLASH
    closed_at_once = (padded[end + 1] == _LT) & (padded[end + 2] == _SLASH)
    return ~(ended & plain & (self_closing | closed_at_once))


def _between(
    data: np.ndarray, length: int, byte: int, starts: np.ndarray, ends: np.ndarray
) -> np.ndarray:
    """How many `byte`s lie in each `[start, end)` (positions and binary search, no cumsum)."""
    positions = np.flatnonzero(data[:length] == byte)
    return np.searchsorted(positions, ends) - np.searchsorted(positions, starts)


def _column_index(letters: bytes) -> int:
    """b"A" -> 0, b"AB" -> 27."""
    number = 0
    for letter in letters:
        number = number * 26 + letter - ord("A") + 1
    return number - 1


def exact_scan(archive: zipfile.ZipFile, part: str, *, file: str) -> SheetScan:
    """The used range and error cells, following calamine's rules exactly (slow, rare).

    Used when some cell lacks a leading `r` attribute: calamine then places it after the
    previous cell of its row, and rows without `r` after the previous row.
    """
    row_index = col_index = seen = 0
    bounds: list[int] = []  # first row, last row, first col, last col (0-based)
    errors: list[ErrorCell] = []
    try:
        with archive.open(part) as stream:
            events = etree.iterparse(
                stream, events=("start", "end"), tag=("{*}row", "{*}c"), **_PARSER_OPTIONS
            )
            for event, element in events:
                is_row = element.tag.endswith("}row") or element.tag == "row"
                if is_row and event == "start" and element.get("r"):
                    row_index = int(element.get("r")) - 1
                elif is_row and event == "end":
                    row_index, col_index = row_index + 1, 0
                    _free(element)
                elif not is_row and event == "end":
                    row = row_index
                    reference = element.get("r")
                    if reference:
                        match = _REFERENCE.fullmatch(reference)
                        if match is None:
                            raise UnreadableFile("corrupt", file=file)
                        row = int(match.group(2)) - 1
                        col_index = _column_index(match.group(1).encode())
                    if len(element) or (element.text or "").strip():
                        bounds = _widen(bounds, row, col_index)
                    if element.get("t") == "e":
                        value = element.find("{*}v")
                        if value is not None and value.text:
                            errors.append((row + 1, col_index, value.text))
                    col_index += 1
                    seen += 1
                    if seen % 1024 == 0:  # now and then, drop the shells of counted cells
                        _free(element)
    except (etree.XMLSyntaxError, ValueError, zipfile.BadZipFile, OSError) as error:
        raise UnreadableFile("corrupt", file=file) from error
    if not bounds:
        return SheetScan(errors=tuple(errors))
    return SheetScan(bounds[0] + 1, bounds[1] + 1, bounds[2], bounds[3], tuple(errors))


def _free(element: etree._Element) -> None:
    """Drop an element already counted, and the empty shells of its earlier siblings."""
    element.clear(keep_tail=False)
    parent = element.getparent()
    while parent is not None and element.getprevious() is not None:
        del parent[0]


def _widen(bounds: list[int], row: int, col: int) -> list[int]:
    if not bounds:
        return [row, row, col, col]
    return [min(bounds[0], row), max(bounds[1], row), min(bounds[2], col), max(bounds[3], col)]
