"""`analysis/ingest/profiles/tools.toml` read into profiles: the rules of the table itself.

The exports of every tool are read end to end in `test_tool_exports.py`; this checks the
one function that turns a table into a `Profile`, and what the shipped table must hold.
"""

from __future__ import annotations

import pytest

from analysis.core.text import normalise
from analysis.ingest.profiles.tools import (
    GENERIC_METADATA,
    GENERIC_PERSONAL,
    PROFILES,
    Profile,
    _profile,
    detect,
    profile,
)


def test_signature_headers_are_bookkeeping_unless_they_name_a_person() -> None:
    tool = _profile(
        {
            "key": "form",
            "name": "Form",
            "signature": ["Timestamp", "E-mail"],
            "metadata": ["Note"],
            "personal": ["E-mail", "Name"],
        }
    )
    assert tool.metadata == {normalise("Timestamp"), normalise("Note")}
    assert tool.personal == {normalise("E-mail"), normalise("Name")}
    assert tool.signature == {normalise("Timestamp"), normalise("E-mail")}


def test_the_submission_columns_keep_their_order() -> None:
    headers = ["Completed Time", "Submitted Time", "Time", "completed time"]
    tool = _profile({"key": "f", "name": "F", "signature": ["a"], "submitted_at": headers})
    assert tool.submitted_at == tuple(normalise(h) for h in headers[:3])


def test_an_unfinished_response_mark_is_normalised() -> None:
    tool = _profile(
        {
            "key": "f",
            "name": "F",
            "signature": ["a"],
            "incomplete_when_value": {"column": "Draft", "values": ["Oui", "YES"]},
        }
    )
    assert tool.incomplete_when_value == (normalise("Draft"), {normalise("oui"), "yes"})


def test_a_misspelt_field_is_refused() -> None:
    with pytest.raises(ValueError, match="metdata"):
        _profile({"key": "f", "name": "F", "signature": ["a"], "metdata": ["b"]})


def test_the_shipped_table_names_each_tool_once() -> None:
    keys = [tool.key for tool in PROFILES]
    assert len(keys) == len(set(keys)) >= 6
    assert all(profile(key) is not None for key in keys)
    assert all(len(tool.signature) >= 2 for tool in PROFILES)  # two are needed to detect
    assert GENERIC_METADATA and GENERIC_PERSONAL
    assert not GENERIC_METADATA & GENERIC_PERSONAL


@pytest.mark.parametrize("tool", PROFILES, ids=lambda tool: tool.key)
def test_each_tool_is_detected_by_its_own_signature(tool: Profile) -> None:
    assert detect(sorted(tool.signature)) is tool
