"""The Rounds page's tables, built from store records without Streamlit."""

from __future__ import annotations

from datetime import UTC, datetime

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.core.i18n import Lang
from analysis.store.listing import (
    SHA_SHOWN,
    audit_table,
    file_option,
    rounds_table,
    short,
    size,
    version_option,
    versions_table,
    when,
)
from analysis.store.records import AuditEntry, FileVersion, RoundRecord, RoundVersion

SHA = "ab" * 32
MOMENT = datetime(2026, 11, 29, 14, 5, tzinfo=UTC)


def record(**changes: object) -> RoundRecord:
    values: dict[str, object] = {
        "label": "2023",
        "version_id": 1,
        "period_start": 2019,
        "period_end": 2022,
        "poles_surveyed": 54,
        "collected_on": None,
        "synthetic": True,
        "respondents": 40,
        "years": (2019, 2020, 2021, 2022),
        "yearly_rows": 160,
        "project_rows": 12,
        "extra_rows": 0,
        "uploaded_at": MOMENT,
        "uploaded_by": "seed",
        "file_name": "sample.xlsx",
        "sha256": SHA,
        "size": 23_456,
    }
    values.update(changes)
    return RoundRecord(**values)  # type: ignore[arg-type]


def version(version_id: int, *, current: bool, superseded: datetime | None = None) -> RoundVersion:
    return RoundVersion(
        version_id=version_id,
        label="2023",
        current=current,
        imported_at=MOMENT,
        imported_by=None if current else "alice",
        superseded_at=superseded,
        file_id=version_id,
        sha256=None if current else SHA,
        respondents=10 * version_id,
        project_rows=version_id,
    )


def entry(action: str, **changes: object) -> AuditEntry:
    values: dict[str, object] = {
        "id": 1,
        "at": MOMENT,
        "action": action,
        "label": "2023",
        "actor": "local",
        "file_id": None,
        "file_name": None,
        "sha256": None,
        "size": None,
        "version_id": None,
        "replaced_version_id": None,
        "respondents": None,
        "yearly_rows": None,
        "project_rows": None,
        "extra_rows": None,
        "note": None,
    }
    values.update(changes)
    return AuditEntry(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "lang", "shown"),
    [
        (None, "en", "–"),
        (0, "en", "0 B"),
        (999, "en", "999 B"),
        (1000, "en", "1 kB"),
        (23_456, "en", "23.5 kB"),
        (23_456, "fr", "23,5 ko"),
        (999_999, "en", "1,000 kB"),
        (1_000_000, "en", "1 MB"),
        (3_400_000, "fr", "3,4 Mo"),
    ],
)
def test_sizes_read_in_the_readers_units(value: int | None, lang: Lang, shown: str) -> None:
    assert size(value, lang).replace("\u202f", " ").replace("\xa0", " ") == shown


@pytest.mark.parametrize(
    ("sha", "shown"), [(None, "–"), ("", "–"), (SHA, SHA[:SHA_SHOWN] + "…"), ("abc", "abc…")]
)
def test_a_hash_is_cut_to_its_first_characters(sha: str | None, shown: str) -> None:
    assert short(sha) == shown


@given(st.text(alphabet="0123456789abcdef", min_size=1, max_size=64))
def test_a_cut_hash_always_starts_the_full_one(sha: str) -> None:
    cut = short(sha)
    assert cut.endswith("…")
    assert sha.startswith(cut[:-1])
    assert len(cut) - 1 == min(len(sha), SHA_SHOWN)


@pytest.mark.parametrize(("lang", "month"), [("en", "Nov"), ("fr", "nov.")])
def test_a_time_is_its_date_in_the_language_and_the_utc_minute(lang: Lang, month: str) -> None:
    shown = when(MOMENT, lang)
    assert month in shown
    assert shown.endswith(" 14:05")
    assert when(None, lang) == "–"


@pytest.mark.parametrize(
    ("lang", "columns"),
    [
        ("en", ["Round", "Period", "Respondents", "Synthetic"]),
        ("fr", ["Campagne", "Période", "Répondants", "Synthétique"]),
    ],
)
def test_the_rounds_table_speaks_the_readers_language(lang: Lang, columns: list[str]) -> None:
    frame = rounds_table([record()], lang)
    assert list(frame.columns[:4]) == columns
    assert len(frame.columns) == 9
    assert [c for c in frame.columns if "SHA" in c] == ["SHA-256"]


@pytest.mark.parametrize(
    ("changes", "column", "shown"),
    [
        ({}, "Period", "2019–2022"),
        ({"period_start": None, "period_end": None}, "Period", "–"),
        ({"period_start": 2021, "period_end": 2021}, "Period", "2021"),
        ({"uploaded_by": None}, "By", "–"),
        ({"file_name": None}, "File", "–"),
        ({"sha256": None}, "SHA-256", "–"),
        ({}, "SHA-256", SHA[:SHA_SHOWN] + "…"),
        ({}, "Imported (UTC)", when(record().uploaded_at, "en")),
        ({"size": None}, "Size", "–"),
        ({}, "Respondents", 40),
        ({"synthetic": False}, "Synthetic", False),
    ],
)
def test_a_round_row_says_what_is_known_and_dashes_the_rest(
    changes: dict[str, object], column: str, shown: object
) -> None:
    row = rounds_table([record(**changes)], "en").iloc[0]
    assert row[column] == shown


def test_one_row_per_round_in_the_given_order() -> None:
    frame = rounds_table([record(label="2023"), record(label="2025", respondents=7)], "en")
    assert frame["Round"].tolist() == ["2023", "2025"]
    assert frame["Respondents"].tolist() == [40, 7]


def test_the_versions_table_flags_the_current_version() -> None:
    earlier = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)
    frame = versions_table(
        [version(1, current=False, superseded=earlier), version(2, current=True)], "en"
    )
    assert frame["Version"].tolist() == [1, 2]
    assert frame["Current"].tolist() == [False, True]
    assert frame["By"].tolist() == ["alice", "–"]
    assert frame["Replaced (UTC)"].tolist() == [when(earlier, "en"), "–"]
    assert frame["Respondents"].tolist() == [10, 20]
    assert frame["SHA-256"].tolist() == [SHA[:SHA_SHOWN] + "…", "–"]


@pytest.mark.parametrize(
    ("action", "lang", "shown"),
    [
        ("seed", "en", "sample loaded"),
        ("seed", "fr", "exemple chargé"),
        ("delete", "en", "delete"),
        ("restore", "fr", "restauration"),
        ("replace", "fr", "remplacement"),
    ],
)
def test_audit_actions_are_translated(action: str, lang: Lang, shown: str) -> None:
    assert audit_table([entry(action)], lang).iloc[0].iloc[1] == shown


def test_audit_counts_a_change_did_not_have_stay_blank_not_zero() -> None:
    frame = audit_table(
        [entry("delete"), entry("seed", respondents=40, yearly_rows=160, project_rows=0)],
        "en",
        for_export=True,
    )
    assert frame["Respondents"].dtype == pd.Int64Dtype()
    assert frame["Respondents"].isna().tolist() == [True, False]
    assert frame["Respondents"].iloc[1] == 40
    assert frame["Project rows"].tolist()[1] == 0
    assert frame["Who"].tolist() == ["local", "local"]
    assert frame["File"].tolist() == ["–", "–"]


def test_pickers_name_a_kept_version_and_a_kept_file() -> None:
    kept = version(1, current=False)
    assert "1" in version_option(kept, "en")
    assert when(MOMENT, "en") in version_option(kept, "en")
    original = FileVersion(
        file_id=3,
        label="2023",
        name="corrected.csv",
        sha256=SHA,
        size=9,
        uploaded_at=MOMENT,
        uploaded_by="alice",
        current=False,
    )
    assert "corrected.csv" in file_option(original, "fr")
    assert when(MOMENT, "fr") in file_option(original, "fr")


def test_the_pages_audit_table_keeps_what_fits_and_the_export_the_rest() -> None:
    """The page's table fits a 1280 px screen; the CSV keeps every column (issue 16, 19)."""
    shown = audit_table([entry("seed", respondents=40)], "en")
    exported = audit_table([entry("seed", respondents=40)], "en", for_export=True)
    assert list(shown.columns) == [
        "When (local time)",
        "Action",
        "Round",
        "Who",
        "Role",
        "Version",
        "SHA-256",
        "Respondents",
        "Details",
    ]
    assert set(shown.columns) < set(exported.columns)
    assert {"File", "Yearly rows", "Project rows", "SHA-256 (full)", "When (UTC)"} <= set(
        exported.columns
    )
