"""The audit log as the Rounds page shows and exports it (issue 19): the time in the
reader's zone and in UTC, the role in words, the round version, and a CSV whose cells a
spreadsheet cannot run."""

from __future__ import annotations

import csv
import io
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.core.i18n import Lang
from analysis.store.listing import audit_csv, audit_table, iso_utc, local_when, when
from tests.store.test_listing import entry

#: As stored: naive UTC.
STORED = datetime(2026, 11, 29, 14, 5)
PARIS, MONTREAL = ZoneInfo("Europe/Paris"), ZoneInfo("America/Montreal")


@pytest.mark.parametrize(
    ("zone", "lang", "shown"),
    [
        (PARIS, "en", "29 Nov 2026 15:05 CET"),
        (MONTREAL, "en", "29 Nov 2026 09:05 EST"),
        (None, "en", "29 Nov 2026 14:05 UTC"),
        (PARIS, "fr", "29 nov. 2026 15:05 CET"),
    ],
)
def test_a_stored_time_is_shown_in_the_readers_zone(
    zone: ZoneInfo | None, lang: Lang, shown: str
) -> None:
    assert local_when(STORED, lang, zone) == shown


def test_summer_time_is_the_zones_own() -> None:
    assert local_when(datetime(2026, 7, 1, 12, 0), "en", PARIS) == "1 Jul 2026 14:00 CEST"


@given(st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1)))
def test_the_utc_form_round_trips_to_the_stored_time(moment: datetime) -> None:
    shown = iso_utc(moment)
    assert shown.endswith("Z")
    parsed = datetime.fromisoformat(shown.replace("Z", "+00:00"))
    assert parsed.replace(tzinfo=None) == moment.replace(microsecond=0)


def test_the_table_names_the_person_role_version_and_both_times() -> None:
    rows = [
        entry("import", actor="alice@example.org", role="editor", version_id=7, at=STORED),
        entry("delete", actor="Jean (command line)", role="admin", at=STORED),
        entry("seed", actor="seed", role=None, at=STORED),
    ]
    frame = audit_table(rows, "en", PARIS)
    assert frame["Who"].tolist() == ["alice@example.org", "Jean (command line)", "seed"]
    assert frame["Role"].tolist() == ["editor", "administrator", "–"]
    assert frame["Version"].isna().tolist() == [False, True, True]
    assert frame["Version"].iloc[0] == 7
    assert frame["When (local time)"].iloc[0] == "29 Nov 2026 15:05 CET"
    assert "When (UTC)" not in frame.columns  # the page shows the reader's time only
    exported = audit_table(rows, "en", PARIS, for_export=True)
    assert exported["When (UTC)"].iloc[0] == "2026-11-29T14:05:00Z"
    assert audit_table(rows, "fr")["Rôle"].tolist() == ["éditeur", "administrateur", "–"]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_csv_neutralises_formulas_in_names_and_files(lang: Lang) -> None:
    hostile = '=HYPERLINK("http://x","y")'
    rows = [
        entry("import", actor=hostile, role="editor", file_name="+cmd.xlsx", at=STORED),
        entry("replace", actor="@alice", label="-2024+A1", role="admin", at=STORED),
    ]
    data = audit_csv(rows, lang, PARIS)
    assert data.startswith(b"\xef\xbb\xbf")  # Excel reads the accents
    separator = ";" if lang == "fr" else ","
    table = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=separator))
    header, cells = table[0], [cell for row in table[1:] for cell in row]
    assert len(table) == 3
    assert not any(cell[:1] in ("=", "+", "-", "@") for cell in cells if cell != "–")
    who = header.index("Who" if lang == "en" else "Qui")
    assert table[1][who].endswith(hostile) and table[1][who] != hostile
    assert "2026-11-29T14:05:00Z" in table[1]


def test_times_near_midnight_change_day_with_the_zone() -> None:
    late = STORED.replace(hour=23, minute=30)
    assert local_when(late, "en", PARIS).startswith(when(late + timedelta(days=1), "en")[:11])
    assert iso_utc(late) == "2026-11-29T23:30:00Z"
    assert local_when(None, "en", PARIS) == iso_utc(None) == "–"
