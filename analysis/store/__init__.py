"""The SQL store of survey rounds (SQLAlchemy 2): SQLite by default, any URL otherwise.

See `docs/STORE.md` for where it lives, backups, migrations and PostgreSQL.
"""

from analysis.store.errors import (
    InvalidLabel,
    InvalidRound,
    RoundExists,
    RoundNotFound,
    SameFileStored,
    StoreBusy,
    StoreError,
    StoreTooNew,
    StoreUnavailable,
    VersionNotFound,
)
from analysis.store.records import (
    AuditEntry,
    FileVersion,
    ImportOutcome,
    RoundRecord,
    RoundVersion,
    StoreWarning,
)
from analysis.store.seed import SAMPLE_LABEL, SAMPLE_PATH, ensure_seeded, needs_seed
from analysis.store.store import SurveyStore
from analysis.store.url import ENV_VAR, default_url

__all__ = [
    "ENV_VAR",
    "SAMPLE_LABEL",
    "SAMPLE_PATH",
    "AuditEntry",
    "FileVersion",
    "ImportOutcome",
    "InvalidLabel",
    "InvalidRound",
    "RoundExists",
    "RoundNotFound",
    "RoundRecord",
    "RoundVersion",
    "SameFileStored",
    "StoreBusy",
    "StoreError",
    "StoreTooNew",
    "StoreUnavailable",
    "StoreWarning",
    "SurveyStore",
    "VersionNotFound",
    "default_url",
    "ensure_seeded",
    "needs_seed",
]
