"""The store commands' failures and arguments: an unreachable store is one sentence (never
the password), each store error has its exit code, periods and counts are parsed strictly."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.cli.store_common import exit_code
from analysis.cli.store_import import parse_count, parse_period
from analysis.store import InvalidRound, RoundExists, RoundNotFound, StoreBusy, StoreUnavailable
from analysis.store.url import hide_password
from tests.support import cli_store
from tests.support.cli_store import run

good_csv = cli_store.good_csv


@pytest.mark.parametrize("text", ["0", "-5", "many"])
def test_poles_surveyed_must_be_a_whole_number_of_at_least_one(text: str) -> None:
    import argparse

    with pytest.raises(argparse.ArgumentTypeError):
        parse_count(text)
    assert parse_count("55") == 55


def test_an_unreachable_store_is_one_sentence_exit_2(
    capsys: pytest.CaptureFixture[str], good_csv: Path, tmp_path: Path
) -> None:
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x")
    url = f"sqlite:///{blocked}/survey.db"
    code, out, err = run(capsys, "rounds", "--db", url, "--lang", "en")
    assert code == 2 and out == ""
    assert err.startswith(f"The store {url} cannot be opened") and "Traceback" not in err
    code, _, err = run(capsys, "rounds", "--db", "nosuchdb://x", "--lang", "en")
    assert code == 2 and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize(
    "url",
    [
        "nosuchdb://editor:s3cret@db.example/x",  # no such dialect
        "postgresql+nodriver://editor:s3cret@127.0.0.1:1/x",  # no such driver
        "sqlite:///{tmp}/file-not-folder/survey.db",  # reachable dialect, unusable place
    ],
)
def test_a_store_error_never_shows_the_password(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, url: str
) -> None:
    (tmp_path / "file-not-folder").write_text("x")
    url = url.replace("{tmp}", str(tmp_path))
    code, _, err = run(capsys, "rounds", "--db", url, "--lang", "en")
    assert code == 2 and "cannot be opened" in err
    assert "s3cret" not in err


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("postgresql://u:p%40ss@h/db", "postgresql://u:***@h/db"),
        (
            "oops: postgresql+psycopg://me:secret@host:5432/x failed",
            "oops: postgresql+psycopg://me:***@host:5432/x failed",
        ),
        ("sqlite:///data/survey.db", "sqlite:///data/survey.db"),
        ("postgresql://user@h/db", "postgresql://user@h/db"),
    ],
)
def test_hide_password(text: str, shown: str) -> None:
    assert hide_password(text) == shown


@pytest.mark.parametrize(
    ("error", "code"),
    [
        (InvalidRound(errors=1), 1),
        (StoreUnavailable(url="u", reason="r"), 2),
        (RoundExists(label="x"), 3),
        (RoundNotFound(label="x"), 4),
        (StoreBusy(url="u"), 5),
    ],
)
def test_exit_codes_of_store_errors(error: Exception, code: int) -> None:
    assert exit_code(error) == code  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "period"),
    [("2019-2022", (2019, 2022)), ("2023", (2023, 2023)), ("2019–2022", (2019, 2022))],
)
def test_parse_period(text: str, period: tuple[int, int]) -> None:
    assert parse_period(text) == period


@pytest.mark.parametrize("text", ["2022-2019", "19-22", "soon"])
def test_parse_period_refuses_nonsense(text: str) -> None:
    import argparse

    with pytest.raises(argparse.ArgumentTypeError):
        parse_period(text)
