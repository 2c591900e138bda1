"""Plain, immutable views of what the store holds, returned by `SurveyStore` methods."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from analysis.core.i18n import Lang, t


@dataclass(frozen=True)
class StoreWarning:
    """Something worth saying about an import that did not stop it (`store.<code>`)."""

    code: str
    params: dict[str, Any] = field(default_factory=dict)

    def message(self, lang: Lang) -> str:
        """The sentence in `lang`."""
        return t(f"store.{self.code}", lang, **self.params)


@dataclass(frozen=True)
class RoundRecord:
    """One current round as listed: its metadata, counts and where it came from."""

    label: str
    version_id: int
    period_start: int | None
    period_end: int | None
    poles_surveyed: int | None
    collected_on: date | None
    synthetic: bool
    respondents: int
    years: tuple[int, ...]
    yearly_rows: int
    project_rows: int
    extra_rows: int
    uploaded_at: datetime
    uploaded_by: str | None
    file_name: str | None
    sha256: str | None
    size: int | None
    #: The original's columns of personal data (left out of the round, kept in the original).
    personal_columns: tuple[str, ...] = ()

    @property
    def period_label(self) -> str:
        """`2019–2022`, one year, or an empty string when unknown."""
        start, end = self.period_start, self.period_end
        if start is None and end is None:
            return ""
        if start is None or end is None or start == end:
            return str(start if start is not None else end)
        return f"{start}–{end}"

    def as_dict(self) -> dict[str, Any]:
        """A JSON-able view (the CLI's `rounds --json`)."""
        return {
            "label": self.label,
            "version_id": self.version_id,
            "period_start": self.period_start,
            "period_end": self.period_end,
            "poles_surveyed": self.poles_surveyed,
            "collected_on": self.collected_on.isoformat() if self.collected_on else None,
            "synthetic": self.synthetic,
            "respondents": self.respondents,
            "years": list(self.years),
            "yearly_rows": self.yearly_rows,
            "project_rows": self.project_rows,
            "extra_rows": self.extra_rows,
            "uploaded_at": self.uploaded_at.isoformat(timespec="seconds") + "Z",
            "uploaded_by": self.uploaded_by,
            "file_name": self.file_name,
            "sha256": self.sha256,
            "size": self.size,
            "personal_columns": list(self.personal_columns),
        }


@dataclass(frozen=True)
class RoundVersion:
    """One stored version of a round: the current one or one kept after a replace."""

    version_id: int
    label: str
    current: bool
    imported_at: datetime
    imported_by: str | None
    superseded_at: datetime | None
    file_id: int | None
    sha256: str | None
    respondents: int
    project_rows: int


@dataclass(frozen=True)
class FileVersion:
    """One kept original (without its bytes; `SurveyStore.file_content` gives them)."""

    file_id: int
    label: str
    name: str
    sha256: str
    size: int
    uploaded_at: datetime
    uploaded_by: str | None
    current: bool


@dataclass(frozen=True)
class AuditEntry:
    """One line of the audit log."""

    id: int
    at: datetime
    action: str
    label: str | None
    actor: str | None
    file_id: int | None
    file_name: str | None
    sha256: str | None
    size: int | None
    version_id: int | None
    replaced_version_id: int | None
    respondents: int | None
    yearly_rows: int | None
    project_rows: int | None
    extra_rows: int | None
    note: str | None


@dataclass(frozen=True)
class ImportOutcome:
    """What an import stored, and what it wants the user to know."""

    label: str
    version_id: int
    file_id: int | None
    replaced_version_id: int | None
    respondents: int
    years: tuple[int, ...]
    yearly_rows: int
    project_rows: int
    extra_rows: int
    warnings: tuple[StoreWarning, ...] = ()

    @property
    def replaced(self) -> bool:
        """Whether an earlier version of the round was superseded."""
        return self.replaced_version_id is not None
