"""Peak memory of reading issue 15's hostile files: one child process per file.

    .venv/bin/python bench/hostile.py [--bound 1024] [--wall 300] [--out bench/out/hostile]

Each file is built by `tests/support/hostile.py` and read by `ingest` in a child whose peak
resident memory (`VmHWM`, then `ru_maxrss`) is recorded; a child is killed past `--bound`
MiB or `--wall` seconds. Prints a Markdown table (shape, file size, peak memory, time,
outcome). Times depend on the machine's load: they are given for scale, never asserted.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as `python bench/hostile.py`
    sys.path.insert(0, str(ROOT))

from tests.support import hostile  # noqa: E402

SHAPES: dict[str, tuple[str, Callable[[], bytes]]] = {
    "sparse xlsx (A1, ALL40000)": ("sparse.xlsx", lambda: hostile.sparse_xlsx(1)),
    "8 sparse xlsx sheets": ("sparse8.xlsx", lambda: hostile.sparse_xlsx(8)),
    "200 sparse xlsx sheets": ("sparse200.xlsx", lambda: hostile.sparse_xlsx(200)),
    "repeated-row .ods": ("rows.ods", lambda: hostile.repeated_row_ods(1)),
    "4 repeated-row .ods tables": ("rows4.ods", lambda: hostile.repeated_row_ods(4)),
    "10 sparse .xls sheets": ("sparse10.xls", lambda: hostile.sparse_xls(10)),
    "3,000 distinct poles (xlsx)": ("poles3000.xlsx", lambda: hostile.many_poles_xlsx(3000)),
    "1,000,000 distinct poles (xlsx)": (
        "poles1m.xlsx",
        lambda: hostile.many_poles_xlsx(1_000_000),
    ),
    "one-line 49 MB CSV": ("oneline.csv", lambda: hostile.one_line_csv(49)),
}


def main(argv: list[str] | None = None) -> int:
    """Build the files (once), read each in a child, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bound", type=int, default=1024, help="kill past this many MiB")
    parser.add_argument("--wall", type=float, default=300, help="kill past this many seconds")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "hostile")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    print("| shape | file size | peak memory | time | outcome |")
    print("| --- | --- | --- | --- | --- |")
    for shape, (name, build) in SHAPES.items():
        path = args.out / name
        if not path.exists():
            path.write_bytes(build())
        measured = hostile.measure_ingest(path, bound_mib=args.bound, wall_seconds=args.wall)
        if measured.killed:
            outcome = f"killed ({measured.killed})"
        elif measured.outcome is None:
            outcome = f"exit {measured.returncode}"
        else:
            outcome = ", ".join(measured.outcome["codes"]) or "read"
        size = path.stat().st_size
        print(
            f"| {shape} | {size:,} B | {measured.peak_mib:,.0f} MiB | {measured.seconds:.1f} s "
            f"| {outcome} |",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
