"""Hostile files (tiny on disk, huge once read) and a subprocess that measures reading them.

Each builder returns bytes shaped like one finding of issue 15: sparse sheets whose used
range spans tens of millions of cells, repeated .ods rows, many such sheets, a round with
thousands of invented poles, a one-line CSV of millions of fields. `measure_ingest` runs
`ingest` on a file in a child process and samples its peak resident memory (`VmHWM`),
killing it past a bound (the child reports its own final `VmHWM`, which a 20 ms sample
could miss), so a test can assert "refused within N MiB" without risking the
test process itself (an allocation of several GB would abort it).
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import xlsxwriter
import xlwt

from tests.support.files import ods_content, ods_package

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
