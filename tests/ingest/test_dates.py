"""Dates as typed in French and English sheets: one table of inputs and what they read as."""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd
import pytest

from analysis.ingest.cleaning.dates import INVALID_DATE, read_dates


@pytest.mark.parametrize(
    ("cell", "expected", "month_only"),
    [
        ("2023-05-14", "2023-05-14", False),
        ("2023-05-14 00:00:00", "2023-05-14", False),
        ("2023-5-4", "2023-05-04", False),
        ("14/05/2023", "2023-05-14", False),
        ("4/5/2023", "2023-05-04", False),
        ("14.05.23", "2023-05-14", False),
        ("14-05-2023", "2023-05-14", False),
        ("14 mai 2023", "2023-05-14", False),
        ("1er mai 2023", "2023-05-01", False),
        ("14 Mai 2023", "2023-05-14", False),
        ("3 févr. 2021", "2021-02-03", False),
        ("14 août 2022", "2022-08-14", False),
        ("14 décembre 2022", "2022-12-14", False),
        ("14 May 2023", "2023-05-14", False),
        ("May 14, 2023", "2023-05-14", False),
        ("Sept 1st 2021", "2021-09-01", False),
        ("mai 2023", "2023-05-01", True),
        ("Septembre 2021", "2021-09-01", True),
        ("May 2023", "2023-05-01", True),
        ("2023-05", "2023-05-01", True),
        ("05/2023", "2023-05-01", True),
        (datetime(2023, 5, 14, 0, 0), "2023-05-14", False),
        (date(2022, 2, 28), "2022-02-28", False),
        (45060, "2023-05-14", False),  # an Excel day number
        (45060.0, "2023-05-14", False),
    ],
)
def test_dates_read(cell: object, expected: str, month_only: bool) -> None:
    dates, months, codes = read_dates(pd.Series([cell], index=[7], dtype=object))
    assert dates.loc[7] == pd.Timestamp(expected)
    assert bool(months.loc[7]) is month_only
    assert pd.isna(codes.loc[7])


@pytest.mark.parametrize(
    "cell",
    [
        "31/02/2023",
        "hello",
        "2021",
        "14 floréal 2023",
        "13/13/2023",
        2021,
        12.5,
        True,
        "1850-01-01",
    ],
)
def test_what_is_not_a_date(cell: object) -> None:
    dates, months, codes = read_dates(pd.Series([cell], index=[3], dtype=object))
    assert pd.isna(dates.loc[3])
    assert not months.loc[3]
    assert codes.loc[3] == INVALID_DATE


def test_blanks_are_missing_not_errors_and_the_index_is_kept() -> None:
    raw = pd.Series([None, "  ", "2023-01-02", None], index=[4, 5, 6, 9], dtype=object)
    dates, months, codes = read_dates(raw)
    assert list(dates.index) == [4, 5, 6, 9]
    assert dates.isna().tolist() == [True, True, False, True]
    assert codes.isna().all()
    assert str(dates.dtype) == "datetime64[us]"
    assert not months.any()


def test_each_distinct_text_is_read_once_and_spread_back() -> None:
    raw = pd.Series(["mai 2023"] * 3 + ["14/05/2023"] * 2, dtype=object)
    dates, months, _ = read_dates(raw)
    assert dates.tolist() == [pd.Timestamp("2023-05-01")] * 3 + [pd.Timestamp("2023-05-14")] * 2
    assert months.tolist() == [True, True, True, False, False]
