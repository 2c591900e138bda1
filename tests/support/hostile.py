"""Hostile files (tiny on disk, huge once read) and a subprocess that measures reading them.

Each builder returns bytes shaped like one finding of issue 15: sparse sheets whose used
range spans tens of millions of cells, repeated .ods rows, many such sheets, a round with
thousands of invented poles, a one-line CSV of millions of fields; and the containers the
reader's limits tests need: `ole2_bytes` (an OLE2 compound file with given streams: an
encrypted .xlsx, a .doc), `xlsx_bomb_bytes` (a part that inflates far past its size) and
`with_declared_size` (a zip whose directory lies about a part's size). `measure_ingest`
runs `ingest` on a file in a child process and samples its peak resident memory (`VmHWM`),
killing it past a bound (the child reports its own final `VmHWM`, which a 20 ms sample
could miss), so a test can assert "refused within N MiB" without risking the
test process itself (an allocation of several GB would abort it).
"""

from __future__ import annotations

import io
import json
import os
import struct
import subprocess
import sys
import time
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import xlsxwriter
import xlwt

from tests.support.files import (
    SHEET_XML_HEAD,
    SHEET_XML_TAIL,
    ods_content,
    ods_package,
    xlsx_bytes,
    zip_parts,
)

ROOT = Path(__file__).resolve().parents[2]
MIB = 1 << 20


# --- builders ------------------------------------------------------------------------------


def sparse_xlsx(sheets: int = 1, far_cell: tuple[int, int] = (39_999, 999)) -> bytes:
    """`sheets` sheets holding only A1 and `far_cell` (0-based row, col: ALL40000 by default)."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    for number in range(sheets):
        sheet = book.add_worksheet(f"S{number + 1}")
        sheet.write(0, 0, "Pôle")
        sheet.write(far_cell[0], far_cell[1], 1)
    book.close()
    return buffer.getvalue()


def repeated_row_ods(tables: int = 1, rows: int = 40_000, columns: int = 1_000) -> bytes:
    """`tables` tables of one row repeated `rows` times, holding one value repeated `columns`."""
    table = (
        '<table:table table:name="T{n}"><table:table-row table:number-rows-repeated="{rows}">'
        '<table:table-cell table:number-columns-repeated="{columns}" office:value-type="float" '
        'office:value="1"><text:p>1</text:p></table:table-cell></table:table-row></table:table>'
    )
    body = "".join(table.format(n=n + 1, rows=rows, columns=columns) for n in range(tables))
    return ods_package(ods_content(body))


def sparse_xls(sheets: int = 10) -> bytes:
    """An .xls of `sheets` sheets holding A1 and IV65536: BIFF8's whole grid, 16.7 M cells each."""
    book = xlwt.Workbook(encoding="utf-8")
    for number in range(sheets):
        sheet = book.add_sheet(f"S{number + 1}")
        sheet.write(0, 0, "Pôle")
        sheet.write(65_535, 255, 1)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def many_poles_xlsx(poles: int) -> bytes:
    """A responses sheet of `poles` distinct invented pole names, one answer each."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "constant_memory": True})
    sheet = book.add_worksheet("Réponses")
    sheet.write_row(0, 0, ["Pôle", "Adhérents coordinateurs de projets"])
    for row in range(1, poles + 1):
        sheet.write_row(row, 0, [f"Pôle inventé numéro {row:07d}", row % 40])
    book.close()
    return buffer.getvalue()


def one_line_csv(megabytes: float = 49) -> bytes:
    """One record of about `megabytes` MB of one-character fields: `1;1;1;...`."""
    return b"1;" * int(megabytes * 1_000_000 / 2)


# --- measuring -----------------------------------------------------------------------------

_SECTOR = 512
_FREE, _END, _FAT_SECTOR, _NO_STREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF


def ole2_bytes(streams: Mapping[str, bytes]) -> bytes:
    """A minimal OLE2 compound file (version 3) holding `streams` at its root.

    Streams are padded to 4,096 bytes so they live in ordinary sectors (no mini stream);
    enough for `xlrd.compdoc` and for format sniffing (encrypted .xlsx, .doc, ...).
    """
    data_sectors: list[bytes] = []
    starts: list[tuple[str, int, int]] = []
    for name, content in streams.items():
        padded = content.ljust(max(4096, -(-len(content) // _SECTOR) * _SECTOR), b"\0")
        starts.append((name, 2 + len(data_sectors), len(padded)))
        data_sectors += [padded[i : i + _SECTOR] for i in range(0, len(padded), _SECTOR)]
    if 2 + len(data_sectors) > _SECTOR // 4 or len(streams) > 3:
        raise ValueError("ole2_bytes keeps to one FAT sector and one directory sector")
    fat = [_FAT_SECTOR, _END]
    for _name, start, size in starts:
        count = size // _SECTOR
        fat += [start + i + 1 for i in range(count - 1)] + [_END]
    fat += [_FREE] * (_SECTOR // 4 - len(fat))
    entries = [_ole2_entry("Root Entry", 5, child=1 if starts else _NO_STREAM, start=_END, size=0)]
    for index, (name, start, size) in enumerate(starts, start=1):
        right = index + 1 if index < len(starts) else _NO_STREAM
        entries.append(_ole2_entry(name, 2, child=_NO_STREAM, start=start, size=size, right=right))
    while len(entries) < 4:
        entries.append(
            b"\0" * 64 + struct.pack("<HBB3I", 0, 0, 0, *(3 * [_NO_STREAM])) + b"\0" * 52
        )
    header = struct.pack(
        "<8s16sHHHHH6sIIIIIIIII",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        b"\0" * 16,
        0x3E,
        3,
        0xFFFE,
        9,
        6,
        b"\0" * 6,
        0,
        1,  # FAT sectors
        1,  # first directory sector
        0,
        4096,
        _END,  # no mini FAT
        0,
        _END,  # no DIFAT sectors
        0,
    )
    header += struct.pack("<109I", 0, *([_FREE] * 108))
    return (
        header + struct.pack(f"<{_SECTOR // 4}I", *fat) + b"".join(entries) + b"".join(data_sectors)
    )


def _ole2_entry(
    name: str, kind: int, *, child: int, start: int, size: int, right: int = _NO_STREAM
) -> bytes:
    encoded = (name + "\0").encode("utf-16-le")
    return (
        encoded.ljust(64, b"\0")
        + struct.pack("<HBB3I", len(encoded), kind, 1, _NO_STREAM, right, child)
        + b"\0" * 16  # CLSID
        + b"\0" * 4  # state bits
        + b"\0" * 16  # creation and modification times
        + struct.pack("<IQ", start, size)
    )


def xlsx_bomb_bytes(megabytes: int = 300) -> bytes:
    """An .xlsx whose sheet XML is `megabytes` MB of zeros in one cell: a few hundred KB zipped.

    Streamed into the zip so that building it costs little memory.
    """
    parts = zip_parts(xlsx_bytes([["x"]]))
    buffer = io.BytesIO()
    block = b"0" * (1 << 20)
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            if name != "xl/worksheets/sheet1.xml":
                archive.writestr(name, content)
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write((SHEET_XML_HEAD + '<row r="1"><c r="A1"><v>').encode())
            for _ in range(megabytes):
                sheet.write(block)
            sheet.write(("</v></c></row>" + SHEET_XML_TAIL).encode())
    return buffer.getvalue()


def with_declared_size(content: bytes, member: str, size: int) -> bytes:
    """`content` (a zip) where `member` claims `size` uncompressed bytes in both its headers."""
    data = bytearray(content)
    encoded = member.encode()
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        info = archive.getinfo(member)
    if info.file_size >= 0xFFFFFFFF or info.compress_size >= 0xFFFFFFFF:
        raise ValueError("with_declared_size does not rewrite zip64 sizes")
    struct.pack_into("<I", data, info.header_offset + 22, size)
    position = data.find(b"PK\x01\x02")
    while position >= 0:
        name_length = struct.unpack_from("<H", data, position + 28)[0]
        if bytes(data[position + 46 : position + 46 + name_length]) == encoded:
            struct.pack_into("<I", data, position + 24, size)
        position = data.find(b"PK\x01\x02", position + 4)
    return bytes(data)


_CHILD = """
import json, sys
from analysis.ingest.pipeline import ingest_path
result = ingest_path(sys.argv[1])
print(json.dumps({
    "unreadable": result.report.unreadable,
    "ok": result.ok,
    "codes": sorted({p.code for p in result.report.problems}),
    "messages": [p.message("en") for p in result.report.problems][:3],
    # VmHWM, not ru_maxrss: the latter keeps the parent's peak across fork and exec.
    "hwm_kib": next(
        int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:")
    ),
}))
"""


@dataclass(frozen=True)
class Measured:
    """What became of one child process reading a hostile file."""

    peak_bytes: int
    seconds: float
    killed: str | None  # "memory", "time" or None when the child ended by itself
    outcome: dict | None  # the child's JSON line when it ended by itself
    returncode: int | None

    @property
    def peak_mib(self) -> float:
        """Peak resident memory, MiB."""
        return self.peak_bytes / MIB


def _status_kib(pid: int, field: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


def measure_ingest(
    path: Path,
    *,
    bound_mib: int = 1024,
    wall_seconds: float = 60,
    env: dict[str, str] | None = None,
) -> Measured:
    """Run `ingest_path(path)` in a child; sample `VmHWM` every 20 ms, kill past the bounds.

    The wall bound is a kill switch against a hang, not a timing assertion.
    """
    child_env = {**os.environ, **(env or {})}
    started = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, "-c", _CHILD, str(path)],
        cwd=ROOT,
        env=child_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    peak, killed = 0, None
    while process.poll() is None:
        peak = max(peak, _status_kib(process.pid, "VmHWM") * 1024)
        if peak > bound_mib * MIB:
            killed = "memory"
        elif time.monotonic() - started > wall_seconds:
            killed = "time"
        if killed:
            process.kill()
            break
        time.sleep(0.02)
    stdout, _ = process.communicate()
    seconds = time.monotonic() - started
    outcome = None
    if killed is None and process.returncode == 0:
        lines = stdout.decode("utf-8", "replace").strip().splitlines()
        outcome = json.loads(lines[-1]) if lines else None
        if outcome is not None:  # exact, where sampling may miss a short peak
            peak = max(peak, int(outcome["hwm_kib"]) * 1024)
    return Measured(peak, seconds, killed, outcome, process.returncode)
