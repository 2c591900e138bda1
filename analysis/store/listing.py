"""The store's records as tables to read: rounds, a round's versions, the audit log.

The Rounds page shows them; the wording of every column and cell is decided here, in one
place, in the reader's language, so the page only lays the tables out and the rules (a
time in UTC to the minute, a size in kB or MB, a hash cut to its first characters, a dash
for what is not known) can be tested without Streamlit.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, tzinfo

import pandas as pd

from analysis.core.i18n import Lang, fmt_date, fmt_int, fmt_number, t
from analysis.export.delimited import to_delimited
from analysis.store.audit import read_exclusion
from analysis.store.records import AuditEntry, FileVersion, RoundRecord, RoundVersion

#: Characters of a SHA-256 shown in a table's one SHA-256 column (the Rounds page gives a
#: round's full value under its details).
SHA_SHOWN = 12
#: What a cell shows when the value is not known.
UNKNOWN = "–"


def when(moment: datetime | None, lang: Lang) -> str:
    """`29 Nov 2026 14:05` in `lang` (times are stored in UTC)."""
    if moment is None:
        return UNKNOWN
    return f"{fmt_date(moment, lang)} {moment:%H:%M}"


def local_when(moment: datetime | None, lang: Lang, zone: tzinfo | None) -> str:
    """A stored (naive UTC) time in the reader's `zone`, named: `29 Nov 2026 15:05 CET`.

    Without a zone (a browser that gave none) the time stays UTC and says so.
    """
    if moment is None:
        return UNKNOWN
    local = moment.replace(tzinfo=UTC).astimezone(zone or UTC)
    return f"{when(local, lang)} {local.tzname() or 'UTC'}"


def iso_utc(moment: datetime | None) -> str:
    """A stored time as ISO 8601 UTC (`2026-11-29T14:05:00Z`): the export's unambiguous form."""
    return f"{moment:%Y-%m-%dT%H:%M:%S}Z" if moment is not None else UNKNOWN


def size(value: int | None, lang: Lang) -> str:
    """A byte count as `12 kB` / `12 ko`, `3.4 MB` / `3,4 Mo`."""
    if value is None:
        return UNKNOWN
    if value < 1000:
        return t("rounds.size_b", lang, value=fmt_int(value, lang))
    if value < 1_000_000:
        return t("rounds.size_kb", lang, value=fmt_number(value / 1000, lang))
    return t("rounds.size_mb", lang, value=fmt_number(value / 1_000_000, lang))


def short(sha: str | None) -> str:
    """The first characters of a SHA-256, enough to tell files apart at a glance."""
    return f"{sha[:SHA_SHOWN]}…" if sha else UNKNOWN


def _or_unknown(value: str | None) -> str:
    return value or UNKNOWN


def _columns(lang: Lang, columns: dict[str, object]) -> pd.DataFrame:
    """A frame whose columns are the translated `rounds.col_<key>` titles, in order."""
    return pd.DataFrame({t(f"rounds.col_{key}", lang): values for key, values in columns.items()})


def rounds_table(records: Sequence[RoundRecord], lang: Lang) -> pd.DataFrame:
    """One row per stored round: period, counts, and the file it came from."""
    return _columns(
        lang,
        {
            "label": [r.label for r in records],
            "period": [_or_unknown(r.period_label) for r in records],
            "respondents": [r.respondents for r in records],
            "synthetic": [r.synthetic for r in records],
            # The round's current version was imported then: the versions table's word.
            "imported": [when(r.uploaded_at, lang) for r in records],
            "by": [_or_unknown(r.uploaded_by) for r in records],
            "file": [_or_unknown(r.file_name) for r in records],
            "sha": [short(r.sha256) for r in records],
            "size": [size(r.size, lang) for r in records],
        },
    )


def versions_table(versions: Sequence[RoundVersion], lang: Lang) -> pd.DataFrame:
    """One row per stored version of a round, the current one flagged."""
    return _columns(
        lang,
        {
            "version": [v.version_id for v in versions],
            "current": [v.current for v in versions],
            "imported": [when(v.imported_at, lang) for v in versions],
            "by": [_or_unknown(v.imported_by) for v in versions],
            "superseded": [when(v.superseded_at, lang) for v in versions],
            "respondents": [v.respondents for v in versions],
            "projects": [v.project_rows for v in versions],
            "sha": [short(v.sha256) for v in versions],
        },
    )


def role_name(role: str | None, lang: Lang) -> str:
    """An audit entry's role in words; a dash for entries made before roles were recorded."""
    return t(f"rounds.role_{role}", lang) if role else UNKNOWN


def audit_table(
    entries: Sequence[AuditEntry],
    lang: Lang,
    zone: tzinfo | None = None,
    *,
    for_export: bool = False,
) -> pd.DataFrame:
    """One row per change made to the store; counts a change did not have stay blank.

    The time is shown in the reader's `zone`, with who acted, in which role, on which
    round version and original file. The page's table must fit a 1280 px screen: it keeps
    one short SHA-256 column and the respondents; `for_export` adds the file's name, the
    yearly and project row counts, the full hash and the time in ISO UTC, for the CSV.
    """
    columns: dict[str, object] = {
        "when_local": [local_when(e.at, lang, zone) for e in entries],
        "action": [t(f"rounds.action_{e.action}", lang) for e in entries],
        "label": [_or_unknown(e.label) for e in entries],
        "who": [_or_unknown(e.actor) for e in entries],
        "role": [role_name(e.role, lang) for e in entries],
        "version": pd.array([e.version_id for e in entries], dtype="Int64"),
        "sha": [short(e.sha256) for e in entries],
        "respondents": pd.array([e.respondents for e in entries], dtype="Int64"),
        "details": [details(e, lang) for e in entries],
    }
    if for_export:
        columns["file"] = [_or_unknown(e.file_name) for e in entries]
        columns["yearly"] = pd.array([e.yearly_rows for e in entries], dtype="Int64")
        columns["projects"] = pd.array([e.project_rows for e in entries], dtype="Int64")
        columns["sha_full"] = [_or_unknown(e.sha256) for e in entries]
        columns["when_utc"] = [iso_utc(e.at) for e in entries]
    return _columns(lang, columns)


def audit_csv(entries: Sequence[AuditEntry], lang: Lang, zone: tzinfo | None = None) -> bytes:
    """The audit table as CSV for `lang`'s spreadsheets; every cell that a spreadsheet
    would run as a formula (a name or a file name starting with `=`) is neutralised."""
    return to_delimited(audit_table(entries, lang, zone, for_export=True), lang)


def people_table(
    from_secrets: Mapping[str, str], stored: Mapping[str, str], lang: Lang
) -> pd.DataFrame:
    """Everyone with a role: e-mail, role in words, and where it is set (`secrets.toml`,
    which only the operator changes, or the dashboard); sorted by e-mail."""
    rows = [(email, role, "secrets") for email, role in from_secrets.items()]
    rows += [(email, role, "dashboard") for email, role in stored.items()]
    rows.sort()
    return _columns(
        lang,
        {
            "email": [email for email, _, _ in rows],
            "role": [role_name(role, lang) for _, role, _ in rows],
            "source": [t(f"rounds.source_{source}", lang) for _, _, source in rows],
        },
    )


def details(entry: AuditEntry, lang: Lang) -> str:
    """What the entry's note says: a row left out worded in `lang` (row, pole, reason),
    any other note as written, a dash when there is none."""
    if entry.action == "exclude_row":
        found = read_exclusion(entry.note)
        if found is not None:
            row, pole, reason = found
            return t(
                "rounds.audit_excluded_row", lang, row=str(row), pole=pole or UNKNOWN, reason=reason
            )
    return _or_unknown(entry.note)


def version_option(version: RoundVersion, lang: Lang) -> str:
    """How a kept version reads in a picker: its number, when, and its respondents."""
    return t(
        "rounds.version_option",
        lang,
        version=str(version.version_id),
        when=when(version.imported_at, lang),
        n=version.respondents,
    )


def file_option(kept: FileVersion, lang: Lang) -> str:
    """How a kept original reads in a picker: its name and when it was uploaded."""
    return t("rounds.file_option", lang, name=kept.name, when=when(kept.uploaded_at, lang))
