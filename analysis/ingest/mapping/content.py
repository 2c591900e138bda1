"""What a column's values say it is, whatever its header: e-mail addresses, IP addresses, times.

A column of e-mail addresses names people (personal); IP addresses, clock times, date-times
and durations are what survey tools record about a response (metadata). Plain dates (no
time of day) may well be answers ("date de création"), so they decide nothing. A
column decides when at least `VALUE_SHARE` of its non-blank values agree, so a stray
address typed in an answer column changes nothing.
"""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta
from typing import Any, Literal

import pandas as pd

__all__ = ["VALUE_SHARE", "told_by_values"]

#: Share of values that must be e-mail addresses, IP addresses or times for those to decide.
VALUE_SHARE = 0.6

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
_IP = re.compile(r"^(\d{1,3}\.){3}\d{1,3}$|^[0-9a-fA-F:]{6,}:[0-9a-fA-F]{1,4}$")
_CLOCK = re.compile(r"^\d{1,2}:\d{2}(:\d{2})?$")


def _share(values: pd.Series, test: Any) -> float:
    return float(sum(1 for v in values if test(v))) / len(values) if len(values) else 0.0


def _is_time(value: object) -> bool:
    if isinstance(value, timedelta | time | datetime | pd.Timedelta | pd.Timestamp):
        return True
    return isinstance(value, str) and bool(_CLOCK.match(value.strip()))


def _is_email(value: object) -> bool:
    return isinstance(value, str) and bool(_EMAIL.match(value.strip()))


def _is_ip(value: object) -> bool:
    return isinstance(value, str) and bool(_IP.match(value.strip()))


def told_by_values(values: pd.Series) -> tuple[Literal["personal", "metadata"], str] | None:
    """A role told by the values alone: e-mail addresses, IP addresses, times."""
    if values.empty:
        return None
    if _share(values, _is_email) >= VALUE_SHARE:
        return "personal", "identify.values_email"
    if _share(values, _is_ip) >= VALUE_SHARE:
        return "metadata", "identify.values_ip"
    if _share(values, _is_time) >= VALUE_SHARE:
        return "metadata", "identify.values_time"
    return None
