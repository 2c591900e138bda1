"""`SurveyStore`: the one object the CLI and the pages use to keep survey rounds.

It owns the engine, applies migrations when opened, and runs every operation in one
transaction: reads in a plain one, writes in a locked one (`BEGIN IMMEDIATE` on SQLite,
`SELECT ... FOR UPDATE` of the version row elsewhere) so writers queue instead of
clashing. Driver errors never escape as such: a lock held too long becomes `StoreBusy`
(retryable), an unreachable database `StoreUnavailable`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Protocol

import pandas as pd
from sqlalchemy import Connection, func, select
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError

from analysis.auth import Role
from analysis.core.model import RoundInfo, SourceFile, SurveyRound
from analysis.ingest.report import Problem, Report
from analysis.store import audit, awards, loading, mappings, migrations, people, rounds
from analysis.store.audit import ActorLike, ExclusionLike
from analysis.store.errors import (
    InvalidRound,
    RoundNotFound,
    StoreBusy,
    StoreError,
    StoreUnavailable,
)
from analysis.store.records import (
    AuditEntry,
    FileVersion,
    ImportOutcome,
    RoundRecord,
    RoundVersion,
)
from analysis.store.tables import audit as audit_table
from analysis.store.tables import schema_version
from analysis.store.url import (
    BUSY_TIMEOUT_SECONDS,
    WRITE_OPTION,
    default_url,
    hide_password,
    make_engine,
    resolve_url,
)

#: SQLSTATEs of PostgreSQL lock failures: serialization, deadlock, lock not available.
_BUSY_STATES = frozenset({"40001", "40P01", "55P03"})
_BUSY_WORDS = ("database is locked", "database table is locked", "lock timeout")


class IngestLike(Protocol):
    """What `import_round` needs from `analysis.ingest.pipeline.IngestResult`."""

    @property
    def source(self) -> SourceFile: ...
    @property
    def report(self) -> Report: ...
    @property
    def survey(self) -> SurveyRound | None: ...
    @property
    def excluded(self) -> Sequence[ExclusionLike]: ...


def _is_busy(error: DBAPIError) -> bool:
    original = error.orig
    state = getattr(original, "pgcode", None) or getattr(original, "sqlstate", None)
    text = str(original).lower()
    return state in _BUSY_STATES or any(word in text for word in _BUSY_WORDS)


class SurveyStore:
    """Survey rounds in a SQL database; see `docs/STORE.md`."""

    def __init__(self, url: str | None = None, *, busy_timeout: float = BUSY_TIMEOUT_SECONDS):
        try:
            self.url = resolve_url(url)
            self.engine = make_engine(self.url, busy_timeout)
        except (ArgumentError, ImportError, ValueError, OSError) as exc:
            shown = hide_password(str(url) if url else default_url())
            raise StoreUnavailable(url=shown, reason=hide_password(str(exc))) from exc
        try:
            with self._translated():
                self._version = migrations.upgrade(self.engine)
        except DBAPIError as exc:
            # Anything the driver refuses while opening (a file that is no database, a
            # server that speaks another protocol) means the store cannot be used.
            reason = str(exc.orig).splitlines()[0] if exc.orig else str(exc)
            raise StoreUnavailable(url=self.display_url, reason=hide_password(reason)) from exc

    # --- plumbing -----------------------------------------------------------------------

    @property
    def display_url(self) -> str:
        """The URL with any password hidden, for messages."""
        return self.url.render_as_string(hide_password=True)

    def close(self) -> None:
        """Release the connections (the database itself stays as it is)."""
        self.engine.dispose()

    def __enter__(self) -> SurveyStore:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @contextmanager
    def _translated(self) -> Iterator[None]:
        try:
            yield
        except StoreError:
            raise
        except DBAPIError as exc:
            if _is_busy(exc):
                raise StoreBusy(url=self.display_url) from exc
            if isinstance(exc, OperationalError) or exc.connection_invalidated:
                reason = str(exc.orig).splitlines()[0] if exc.orig else str(exc)
                raise StoreUnavailable(url=self.display_url, reason=hide_password(reason)) from exc
            raise

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        """A connection in a read transaction (a consistent snapshot)."""
        with self._translated(), self.engine.connect() as connection, connection.begin():
            yield connection

    @contextmanager
    def writing(self) -> Iterator[Connection]:
        """A connection in a write transaction holding the store's write lock.

        Everything done inside commits together or not at all.
        """
        with (
            self._translated(),
            self.engine.connect().execution_options(**{WRITE_OPTION: True}) as connection,
            connection.begin(),
        ):
            connection.execute(
                select(schema_version.c.version).where(schema_version.c.id == 1).with_for_update()
            )
            yield connection

    # --- reading ------------------------------------------------------------------------

    def schema_version(self) -> int:
        """The schema version the database is at."""
        with self.reading() as connection:
            return migrations.read_version(connection) or 0

    def revision(self) -> int:
        """A number that changes whenever the store does (the last audit id): a cache key."""
        with self.reading() as connection:
            return int(connection.execute(select(func.max(audit_table.c.id))).scalar() or 0)

    def list_rounds(self) -> list[RoundRecord]:
        """Current rounds with their counts, period and origin, oldest import first."""
        with self.reading() as connection:
            return loading.list_rounds(connection)

    def labels(self) -> list[str]:
        """Labels of the current rounds, oldest import first."""
        return [record.label for record in self.list_rounds()]

    def has_round(self, label: str) -> bool:
        """Whether a current round has this label."""
        with self.reading() as connection:
            return rounds.current_round(connection, label.strip()) is not None

    def load_round(self, label: str, *, projects: bool = True) -> SurveyRound:
        """The current version of the round `label`; `RoundNotFound` when there is none.

        `projects=False` leaves its per-project rows out (an empty frame): they are the
        bulk of a large round and most pages do not show them (see `load_projects`).
        """
        with self.reading() as connection:
            row = loading.round_row(connection, label.strip())
            return loading.load_survey(connection, row, projects=projects)

    def load_projects(self, label: str) -> pd.DataFrame:
        """The per-project rows of the current version of `label`, typed as in the model."""
        with self.reading() as connection:
            return loading.load_projects(connection, loading.round_row(connection, label.strip()))

    def round_versions(self, label: str) -> list[RoundVersion]:
        """Every kept version of `label` (current and superseded), oldest first."""
        with self.reading() as connection:
            return loading.versions(connection, label.strip())

    def load_version(self, version_id: int) -> SurveyRound:
        """Any kept version, current or superseded, by id."""
        with self.reading() as connection:
            return loading.load_survey(connection, loading.version_row(connection, version_id))

    def round_warnings(self, label: str) -> tuple[Problem, ...]:
        """The validation warnings shown when the current version of `label` was imported."""
        with self.reading() as connection:
            row = loading.round_row(connection, label.strip())
            return loading.warnings_of(connection, row.id)

    def original_file(self, label: str) -> SourceFile:
        """The uploaded file the current version of `label` was read from."""
        with self.reading() as connection:
            row = loading.round_row(connection, label.strip())
            source = loading.file_content(connection, row.file_id) if row.file_id else None
        if source is None:
            raise RoundNotFound(label=label)
        return source

    def file_versions(self, label: str) -> list[FileVersion]:
        """Every original kept under `label`, replaced and deleted ones included."""
        with self.reading() as connection:
            return loading.file_versions(connection, label.strip())

    def file_content(self, file_id: int) -> SourceFile:
        """The bytes of one kept original (from `file_versions` or the audit log)."""
        with self.reading() as connection:
            source = loading.file_content(connection, file_id)
        if source is None:
            raise RoundNotFound(label=f"#{file_id}")
        return source

    def audit_log(
        self,
        limit: int | None = None,
        *,
        label: str | None = None,
        actor: str | None = None,
        action: str | None = None,
    ) -> list[AuditEntry]:
        """The audit trail, newest first; optionally one label's, person's or action's."""
        with self.reading() as connection:
            return audit.entries(connection, limit=limit, label=label, actor=actor, action=action)

    def audit_values(self, column: str) -> list[str]:
        """Every person (`actor`) or round (`label`) the audit log names, sorted."""
        with self.reading() as connection:
            return audit.distinct(connection, column)

    def rounds_with_file(self, sha256: str) -> list[str]:
        """Labels of the current rounds whose original is the file with this SHA-256.

        Asked before storing (the Upload page, in any session) so that the same file is
        not stored twice without the user saying so.
        """
        with self.reading() as connection:
            return rounds.rounds_holding(connection, sha256)

    def saved_mapping(self, signature: str) -> dict[str, str]:
        """The manual column mapping remembered for a header row's signature (or `{}`)."""
        with self.reading() as connection:
            return mappings.saved(connection, signature)

    # --- writing ------------------------------------------------------------------------

    def save_mapping(
        self, signature: str, mapping: Mapping[str, str], actor: ActorLike = None
    ) -> None:
        """Remember `mapping` (original header -> target) for the header row `signature`.

        Replaces what was remembered for it; an empty mapping forgets it.
        """
        with self.writing() as connection:
            mappings.save(connection, signature, mapping, actor)

    def import_round(
        self,
        result: IngestLike,
        info: RoundInfo | None = None,
        *,
        replace: bool = False,
        actor: ActorLike = None,
        allow_same_file: bool = False,
    ) -> ImportOutcome:
        """Store a validated ingest result as a round, in one transaction.

        `info` (default: the round's own) sets the label and metadata. Raises
        `InvalidRound` when the report has errors (nothing is written), `RoundExists` when
        the label is taken and `replace` is false, `SameFileStored` when the file is
        already another round's original and `allow_same_file` is false (the outcome's
        warnings then say it is stored twice). The rows the result left out by hand
        (`result.excluded`) are recorded in the audit log with the round.
        """
        if not result.report.ok or result.survey is None:
            raise InvalidRound(errors=len(result.report.errors))
        return self.import_survey(
            result.survey,
            result.source,
            info=info,
            warnings=result.report.warnings,
            replace=replace,
            actor=actor,
            allow_same_file=allow_same_file,
            personal=tuple(getattr(result, "personal_columns", ())),
            exclusions=result.excluded,
        )

    def import_survey(
        self,
        survey: SurveyRound,
        source: SourceFile | None = None,
        *,
        info: RoundInfo | None = None,
        warnings: Sequence[Problem] = (),
        replace: bool = False,
        actor: ActorLike = None,
        action: str = "import",
        allow_same_file: bool = False,
        personal: Sequence[str] = (),
        exclusions: Sequence[ExclusionLike] = (),
    ) -> ImportOutcome:
        """Store an already built round (with its original when there is one).

        `personal` names the original's personal-data columns (kept in the original only);
        `exclusions` are the answer rows left out of it by hand, recorded in the audit log.
        """
        if info is not None:
            survey = dataclasses.replace(survey, info=info)
        with self.writing() as connection:
            return rounds.import_round(
                connection,
                survey,
                source,
                warnings=warnings,
                replace=replace,
                actor=actor,
                action=action,
                allow_same_file=allow_same_file,
                personal=personal,
                exclusions=exclusions,
            )

    def restore_version(self, label: str, version_id: int, actor: ActorLike = None) -> int | None:
        """Make a kept version current again; returns the version it superseded."""
        with self.writing() as connection:
            return rounds.restore_version(connection, label, version_id, actor=actor)

    def delete_round(self, label: str, actor: ActorLike = None) -> RoundRecord:
        """Delete the round `label` (every version's rows); originals and audit stay."""
        with self.writing() as connection:
            record = next(
                (r for r in loading.list_rounds(connection) if r.label == label.strip()), None
            )
            if record is None:
                raise RoundNotFound(label=label)
            rounds.delete_round(connection, label, actor=actor)
            return record

    # --- the award's winners ------------------------------------------------------------

    def winners(self, edition_year: int | None = None) -> list[awards.Winner]:
        """Recorded winners of the award (of one edition when given), newest edition first."""
        with self.reading() as connection:
            return awards.winners(connection, edition_year)

    def record_winner(
        self,
        edition_year: int,
        category: str,
        pole: str,
        initiative_title: str | None = None,
        *,
        actor: ActorLike = None,
    ) -> awards.Winner:
        """Record the winner of `category` in edition `edition_year` (replacing any other)."""
        with self.writing() as connection:
            return awards.record_winner(
                connection, edition_year, category, pole, initiative_title, actor=actor
            )

    def remove_winner(self, edition_year: int, category: str, *, actor: ActorLike = None) -> bool:
        """Forget the winner of `category` in edition `edition_year`; whether there was one."""
        with self.writing() as connection:
            return awards.remove_winner(connection, edition_year, category, actor=actor)

    def people(self) -> dict[str, Role]:
        """The people given a role on the Rounds page: e-mail -> role."""
        with self.reading() as connection:
            return people.listed(connection)

    def set_role(self, email: str, role: Role, *, actor: ActorLike) -> bool:
        """Give `email` the `role` (audited); False when it already had it."""
        with self.writing() as connection:
            return people.set_role(connection, email, role, actor=actor)

    def remove_person(self, email: str, *, actor: ActorLike) -> bool:
        """Take `email` off the lists (audited); False when it was not on them."""
        with self.writing() as connection:
            return people.remove(connection, email, actor=actor)
