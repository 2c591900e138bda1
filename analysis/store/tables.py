"""The store's tables, in portable SQLAlchemy Core types only.

The same definitions serve SQLite and PostgreSQL: no dialect-specific types or SQL.
Child rows carry `position` (their order in the round's frame) so a round loads back in
the order it was read; their primary key is `(round_id, position)`, which also indexes
them by round.

A round has *versions*: replacing a round keeps the previous version's rows, marked
superseded (`active_label` NULL, `superseded_at` set), so it can be read back or restored.
`active_label` is unique and NULL for superseded versions (both SQLite and PostgreSQL
allow several NULLs under a unique constraint), which keeps one current round per label.

Changing a table here means adding a step to `migrations.STEPS` for existing databases.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()


def _round_fk() -> Column[int]:
    return Column(
        "round_id",
        Integer,
        ForeignKey("rounds.id", ondelete="CASCADE"),
        primary_key=True,
    )


def _pole_fk() -> Column[int]:
    return Column("pole_id", Integer, ForeignKey("poles.id"), nullable=True)


#: One row; its version says which migrations ran. Write transactions lock this row
#: (`SELECT ... FOR UPDATE` on PostgreSQL) so that writers run one at a time everywhere.
schema_version = Table(
    "schema_version",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("version", Integer, nullable=False),
    Column("upgraded_at", DateTime, nullable=False),
)

#: Every uploaded file exactly as received. Never deleted, even when its round is.
files = Table(
    "files",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("label", Text, nullable=False, index=True),
    Column("name", Text, nullable=False),
    Column("sha256", String(64), nullable=False, index=True),
    Column("size", Integer, nullable=False),
    Column("content", LargeBinary, nullable=False),
    Column("uploaded_at", DateTime, nullable=False),
    Column("uploaded_by", Text, nullable=True),
    # The original's columns of personal data, never stored as answers: a JSON list such as
    # ["D (Email)", "E (Nom)"], NULL when it has none (issue 13; schema version 4).
    Column("personal_columns", Text, nullable=True),
)

rounds = Table(
    "rounds",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("label", Text, nullable=False, index=True),
    Column("active_label", Text, nullable=True, unique=True),
    Column("period_start", Integer, nullable=True),
    Column("period_end", Integer, nullable=True),
    Column("poles_surveyed", Integer, nullable=True),
    Column("collected_on", Date, nullable=True),
    Column("synthetic", Boolean, nullable=False, default=False),
    Column("file_id", Integer, ForeignKey("files.id"), nullable=True),
    Column("imported_at", DateTime, nullable=False),
    Column("imported_by", Text, nullable=True),
    Column("respondents", Integer, nullable=False),
    Column("yearly_rows", Integer, nullable=False),
    Column("project_rows", Integer, nullable=False),
    Column("extra_rows", Integer, nullable=False),
    Column("superseded_at", DateTime, nullable=True),
    Column("superseded_by", Integer, nullable=True),
)

#: Pole names met in any round (the registry's canonical name when matched).
poles = Table(
    "poles",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", Text, nullable=False, unique=True),
)

responses = Table(
    "responses",
    metadata,
    _round_fk(),
    Column("position", Integer, primary_key=True, autoincrement=False),
    _pole_fk(),
    Column("region", Text),
    Column("sector", Text),
    Column("europe_team_recruitments", Integer),
    Column("coordinator_members", Integer),
    Column("plans_to_recruit", Boolean),
    Column("europe_team_fte", Float),
    Column("members", Integer),
    Column("source_row", Integer),
)

yearly = Table(
    "yearly",
    metadata,
    _round_fk(),
    Column("position", Integer, primary_key=True, autoincrement=False),
    _pole_fk(),
    Column("year", Integer, nullable=False),
    Column("projects_submitted", Integer),
    Column("projects_funded", Integer),
)

projects = Table(
    "projects",
    metadata,
    _round_fk(),
    Column("position", Integer, primary_key=True, autoincrement=False),
    _pole_fk(),
    Column("year", Integer),
    Column("programme", Text),
    Column("submitted", Integer),
    Column("funded", Integer),
    Column("role", Text),
    Column("title", Text),
    Column("source_row", Integer),
)

extras = Table(
    "extras",
    metadata,
    _round_fk(),
    Column("position", Integer, primary_key=True, autoincrement=False),
    _pole_fk(),
    Column("column_name", Text),
    Column("value", Text),
)

#: The initiatives a round's workbook puts forward for the award (`analysis.awards.rules`), one
#: row each. Dates are written through SQLAlchemy (not the bulk path), so `Date` stays
#: portable. Added by migration step 3.
initiatives = Table(
    "initiatives",
    metadata,
    _round_fk(),
    Column("position", Integer, primary_key=True, autoincrement=False),
    _pole_fk(),
    Column("title", Text),
    Column("category", Text),
    Column("start_date", Date),
    Column("description", Text),
    Column("partner_countries", Text),
    Column("contact", Text),
    Column("submitted_on", Date),
    Column("source_row", Integer),
)

#: The award's winners: one per edition and category, recorded by an editor. The pole is
#: kept by name (a winner may not have answered any stored round). Added by step 3.
award_winners = Table(
    "award_winners",
    metadata,
    Column("edition_year", Integer, primary_key=True, autoincrement=False),
    Column("category", String(40), primary_key=True),
    Column("pole", Text, nullable=False),
    Column("initiative_title", Text, nullable=True),
    Column("recorded_at", DateTime, nullable=False),
    Column("recorded_by", Text, nullable=True),
)

#: The validation warnings shown at import, kept with the round they describe.
round_warnings = Table(
    "round_warnings",
    metadata,
    _round_fk(),
    Column("position", Integer, primary_key=True, autoincrement=False),
    Column("code", Text, nullable=False),
    Column("sheet", Text),
    Column("row_number", Integer),
    Column("column_letter", Text),
    Column("header", Text),
    Column("value", Text),
    Column("expected", Text),
    Column("params", Text),
)

#: What happened, when, by whom when known, with the file's hash and the row counts.
audit = Table(
    "audit",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("at", DateTime, nullable=False),
    Column("action", String(20), nullable=False),
    Column("label", Text, nullable=True),
    Column("actor", Text, nullable=True),
    Column("file_id", Integer, ForeignKey("files.id"), nullable=True),
    Column("file_name", Text, nullable=True),
    Column("sha256", String(64), nullable=True),
    Column("size", Integer, nullable=True),
    Column("version_id", Integer, nullable=True),
    Column("replaced_version_id", Integer, nullable=True),
    Column("respondents", Integer, nullable=True),
    Column("yearly_rows", Integer, nullable=True),
    Column("project_rows", Integer, nullable=True),
    Column("extra_rows", Integer, nullable=True),
    Column("note", Text, nullable=True),
)

#: Column mappings chosen by hand on the upload page, remembered per header row: the
#: `signature` is the SHA-256 of the normalised header row (`analysis.ingest.mapping.memory`), so
#: the next file with the same headers is pre-filled. Added by migration step 2.
column_mappings = Table(
    "column_mappings",
    metadata,
    Column("signature", String(64), primary_key=True),
    Column("header", Text, primary_key=True),
    Column("target", Text, nullable=False),
    Column("updated_at", DateTime, nullable=False),
    Column("updated_by", Text, nullable=True),
)

#: Frame name -> (table, frame column -> table column), for the per-round child tables.
#: `pole` is stored as `pole_id` through the `poles` table and is not listed here.
FRAME_TABLES: dict[str, tuple[Table, dict[str, str]]] = {
    "responses": (
        responses,
        {
            "region": "region",
            "sector": "sector",
            "europe_team_recruitments": "europe_team_recruitments",
            "coordinator_members": "coordinator_members",
            "plans_to_recruit": "plans_to_recruit",
            "europe_team_fte": "europe_team_fte",
            "members": "members",
            "source_row": "source_row",
        },
    ),
    "yearly": (
        yearly,
        {
            "year": "year",
            "projects_submitted": "projects_submitted",
            "projects_funded": "projects_funded",
        },
    ),
    "projects": (
        projects,
        {
            "year": "year",
            "programme": "programme",
            "submitted": "submitted",
            "funded": "funded",
            "role": "role",
            "title": "title",
            "source_row": "source_row",
        },
    ),
    "extras": (extras, {"column": "column_name", "value": "value"}),
}

#: Child tables of a round, deleted before the round itself (children first).
ROUND_CHILDREN: tuple[Table, ...] = (
    responses,
    yearly,
    projects,
    extras,
    initiatives,
    round_warnings,
)


def utcnow() -> datetime:
    """Now, in UTC without a zone: every DateTime column holds naive UTC (portable)."""
    return datetime.now(UTC).replace(tzinfo=None)
