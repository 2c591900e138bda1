"""What identifying the columns tells the user: columns left out, and columns to choose.

A column that two fields fit equally well is an error located on its header cell: the user
maps it (`--map`, or the upload page's mapping step) rather than seeing a silent pick.
Personal columns (e-mail, people's names) are left out of the round, each named with why;
the tool's bookkeeping columns (timestamps, IDs, durations) are named together in one warning.
"""

from __future__ import annotations

from collections.abc import Sequence

from analysis.ingest.mapping.identify import ColumnIdentity
from analysis.ingest.report import Problem, Severity

__all__ = ["identity_problems"]

#: Why a personal column was left out -> the warning saying so.
_PERSONAL_CODES = {
    "identify.values_email": "personal_emails_dropped",
    "identify.values_people": "personal_names_dropped",
}


def identity_problems(
    sheet: str, header_row: int, columns: Sequence[ColumnIdentity]
) -> list[Problem]:
    """One error per ambiguous column, one warning per personal column, one for metadata."""
    problems: list[Problem] = []
    for column in columns:
        if column.ambiguous:
            choices = ", ".join(column.alternatives)
            problems.append(
                Problem(
                    Severity.ERROR,
                    "ambiguous_column",
                    header=column.header,
                    sheet=sheet,
                    row=header_row,
                    column=column.letter,
                    params={"choices": choices},
                )
            )
        elif column.role == "personal":
            problems.append(
                Problem(
                    Severity.WARNING,
                    _PERSONAL_CODES.get(column.reason, "personal_column_dropped"),
                    sheet=sheet,
                    row=header_row,
                    column=column.letter,
                    header=column.header,
                )
            )
    metadata = [c for c in columns if c.role == "metadata"]
    if metadata:
        names = ", ".join(f"{c.letter} ({c.header})" if c.header else c.letter for c in metadata)
        problems.append(
            Problem(
                Severity.WARNING,
                "metadata_columns_dropped",
                sheet=sheet,
                row=header_row,
                params={"columns": names},
            )
        )
    return problems
