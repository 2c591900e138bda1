"""The validation report: every problem found in a file, collected in one pass.

A problem carries a message *code* and its parameters rather than a sentence, so the
same report renders in French or English (see `analysis/locales/validation.toml`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from analysis.core.i18n import Lang, t


class Severity(StrEnum):
    """Errors block storing; warnings are shown and stored alongside the round."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One problem, located as precisely as the spreadsheet allows.

    `code` names a message in the catalogue (`validation.<code>`); `expected` names the
    catalogue text describing what was expected (`expected.<expected>`), when relevant.
    `row` is the row number as the spreadsheet shows it (1-based), `column` its letter.
    """

    severity: Severity
    code: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    header: str | None = None
    value: str | None = None
    expected: str | None = None
    params: Mapping[str, Any] = field(default_factory=dict)

    @property
    def cell(self) -> str | None:
        """`B7`-style reference, when both column and row are known."""
        if self.column and self.row:
            return f"{self.column}{self.row}"
        return None

    def expected_text(self, lang: Lang) -> str:
        """What was expected, in `lang`, or an empty string."""
        return t(f"expected.{self.expected}", lang) if self.expected else ""

    def message(self, lang: Lang) -> str:
        """The full sentence in `lang`, naming the place, the value and what was expected."""
        body = self.body(lang)
        where = self.location(lang)
        return f"{where}: {body}" if where else body

    def body(self, lang: Lang) -> str:
        """The sentence without the place it starts with (`message` minus `location`), for
        tables that show the sheet, row and column in columns of their own."""
        params = {
            "sheet": self.sheet or "",
            "row": self.row if self.row is not None else "",
            "column": self.column or "",
            "cell": self.cell or "",
            "header": self.header or "",
            "value": self.value if self.value is not None else "",
            "expected": self.expected_text(lang),
            **self.params,
        }
        return t(f"validation.{self.code}", lang, **params)

    def location(self, lang: Lang) -> str:
        """`Sheet "Réponses", row 7, column C ("Projets déposés 2019")`, as far as known."""
        parts = []
        if self.sheet:
            parts.append(t("validation.where_sheet", lang, sheet=self.sheet))
        if self.row is not None:
            parts.append(t("validation.where_row", lang, row=self.row))
        if self.column:
            if self.header:
                parts.append(
                    t(
                        "validation.where_column_header",
                        lang,
                        column=self.column,
                        header=self.header,
                    )
                )
            else:
                parts.append(t("validation.where_column", lang, column=self.column))
        return ", ".join(parts)

    def as_dict(self, lang: Lang) -> dict[str, Any]:
        """A flat, JSON-able view for tables, the CLI's `--json` and the upload page."""
        return {
            "severity": str(self.severity),
            "code": self.code,
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "header": self.header,
            "value": self.value,
            "expected": self.expected_text(lang) or None,
            "message": self.message(lang),
        }


@dataclass(frozen=True)
class Report:
    """All problems of one file. `unreadable` means it is not a spreadsheet at all."""

    problems: tuple[Problem, ...] = ()
    unreadable: bool = False

    @property
    def errors(self) -> tuple[Problem, ...]:
        """Problems that block storing."""
        return tuple(p for p in self.problems if p.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        """Problems that are reported but do not block storing."""
        return tuple(p for p in self.problems if p.severity is Severity.WARNING)

    @property
    def ok(self) -> bool:
        """True when the file can be stored (warnings allowed)."""
        return not self.unreadable and not self.errors

    def extend(self, problems: tuple[Problem, ...] | list[Problem]) -> Report:
        """A new report with `problems` appended."""
        return Report(self.problems + tuple(problems), self.unreadable)

    def to_text(self, lang: Lang) -> str:
        """A plain-text report: a summary line, then one line per problem."""
        lines = [
            t(
                "validation.summary",
                lang,
                errors=len(self.errors),
                warnings=len(self.warnings),
            )
        ]
        for p in self.problems:
            tag = t(f"validation.severity_{p.severity}", lang)
            lines.append(f"- [{tag}] {p.message(lang)}")
        return "\n".join(lines)
