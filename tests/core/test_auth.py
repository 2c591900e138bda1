"""The editor credential's pure parts: password check, attempt budget, allow-list,
configuration, first-start token."""

from __future__ import annotations

import stat
import threading
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis import auth
from analysis.auth import (
    MIN_PASSWORD_LENGTH,
    AttemptBudget,
    EditorConfig,
    Mode,
    editor_config,
    editor_emails,
    ensure_token,
    is_allowed_email,
    login_provider,
    password_matches,
)


class FakeClock:
    """A monotonic clock the test moves by hand."""

    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.mark.parametrize(
    ("given", "expected", "matches"),
    [
        ("s3cret-pass", "s3cret-pass", True),
        ("S3cret-pass", "s3cret-pass", False),
        ("s3cret-pass ", "s3cret-pass", False),
        ("s3cret", "s3cret-pass", False),  # a prefix is not the password
        ("s3cret-pass-and-more", "s3cret-pass", False),
        ("", "s3cret-pass", False),
        ("pässwörd-é", "pässwörd-é", True),
        ("passwörd", "password", False),
    ],
)
def test_password_matches(given: str, expected: str, matches: bool) -> None:
    assert password_matches(given, expected) is matches


def test_password_compare_runs_in_constant_time_over_equal_lengths(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[tuple[bytes, bytes]] = []
    real = auth.hmac.compare_digest

    def recording(a: bytes, b: bytes) -> bool:
        seen.append((a, b))
        return real(a, b)

    monkeypatch.setattr(auth.hmac, "compare_digest", recording)
    assert password_matches("x", "a much longer expected password") is False
    assert password_matches("same", "same") is True
    # Both sides are SHA-256 digests: 32 bytes whatever the lengths typed or expected.
    assert [(len(a), len(b)) for a, b in seen] == [(32, 32), (32, 32)]
    assert all(b"a much longer" not in a + b for a, b in seen)


def test_budget_grants_its_capacity_then_refuses_with_the_wait() -> None:
    clock = FakeClock()
    budget = AttemptBudget(capacity=3, refill_every=10.0, clock=clock)
    assert [budget.take() for _ in range(5)] == [0.0, 0.0, 0.0, 10.0, 10.0]
    clock.advance(4.0)
    assert budget.take() == 6.0  # refused attempts do not push the wait further
    clock.advance(6.0)
    assert budget.take() == 0.0
    assert budget.take() == 10.0


def test_budget_refills_up_to_its_capacity_only() -> None:
    clock = FakeClock()
    budget = AttemptBudget(capacity=2, refill_every=10.0, clock=clock)
    budget.take()
    budget.take()
    clock.advance(1e6)
    assert budget.available() == 2
    assert [budget.take() for _ in range(3)] == [0.0, 0.0, 10.0]


def test_budget_is_shared_by_threads_and_never_overspent() -> None:
    budget = AttemptBudget(capacity=50, refill_every=1e9)
    granted: list[bool] = []
    lock = threading.Lock()

    def attempt() -> None:
        for _ in range(20):
            ok = budget.take() == 0.0
            with lock:
                granted.append(ok)

    threads = [threading.Thread(target=attempt) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(granted) == 50


@settings(max_examples=60, deadline=None)
@given(
    capacity=st.integers(1, 20),
    steps=st.lists(st.tuples(st.floats(0, 100), st.integers(0, 5)), max_size=30),
)
def test_budget_never_grants_more_than_capacity_plus_refills(
    capacity: int, steps: list[tuple[float, int]]
) -> None:
    """Whatever the rhythm of attempts, granted <= capacity + elapsed / refill_every."""
    clock = FakeClock(0.0)
    budget = AttemptBudget(capacity=capacity, refill_every=10.0, clock=clock)
    granted = 0
    for pause, attempts in steps:
        clock.advance(pause)
        for _ in range(attempts):
            wait = budget.take()
            assert wait >= 0.0
            granted += wait == 0.0
    assert granted <= capacity + clock.now / 10.0


@pytest.mark.parametrize(
    ("secrets", "expected"),
    [
        ({}, set()),
        ({"editor_emails": None}, set()),
        ({"editor_emails": ["Al@Ex.org", " bo@ex.org ", ""]}, {"al@ex.org", "bo@ex.org"}),
        ({"editor_emails": "a@ex.org, BO@ex.org;c@ex.org"}, {"a@ex.org", "bo@ex.org", "c@ex.org"}),
        ({"editor_emails": "  "}, set()),
    ],
)  # fmt: skip
def test_editor_emails(secrets: dict[str, Any], expected: set[str]) -> None:
    assert editor_emails(secrets) == expected


@pytest.mark.parametrize(
    ("email", "allowed", "ok"),
    [
        ("alice@example.org", {"alice@example.org"}, True),
        ("Alice@EXAMPLE.org", {"alice@example.org"}, True),
        (" alice@example.org ", {"ALICE@example.org"}, True),
        ("mallory@example.org", {"alice@example.org"}, False),
        ("alice@example.org.evil", {"alice@example.org"}, False),
        ("", {"alice@example.org"}, False),
        (None, {"alice@example.org"}, False),
        ("alice@example.org", set(), False),
    ],
)
def test_is_allowed_email(email: str | None, allowed: set[str], ok: bool) -> None:
    assert is_allowed_email(email, allowed) is ok


#: The environment with the editor password set.
ENV = {"SURVEY_EDITOR_PASSWORD": "from-env-password"}
PASSWORD = "editor_password"
OIDC = {"client_id": "id", "client_secret": "x", "server_metadata_url": "https://idp/.well-known"}


@pytest.mark.parametrize(
    ("auth_section", "provider"),
    [
        (OIDC, None),
        ({"redirect_uri": "https://x/cb", "microsoft": {"client_id": "id"}}, "microsoft"),
        ({"redirect_uri": "https://x/cb", "cookie_secret": "c"}, None),
    ],
)
def test_login_provider(auth_section: dict[str, Any], provider: str | None) -> None:
    assert login_provider(auth_section) == provider


@pytest.mark.parametrize(
    ("secrets", "environ", "mode", "password", "problem"),
    [
        ({}, {}, Mode.TOKEN, None, None),
        ({}, {"SURVEY_EDITOR_PASSWORD": ""}, Mode.TOKEN, None, None),
        ({}, ENV, Mode.PASSWORD, "from-env-password", None),
        ({"editor_password": "from-secrets-file"}, {}, Mode.PASSWORD, "from-secrets-file", None),
        ({"editor_password": "secret-secret"}, ENV, Mode.PASSWORD, "secret-secret", None),
        ({"editor_password": ""}, ENV, Mode.PASSWORD, "from-env-password", None),
        ({"editor_password": 123456789012}, {}, Mode.PASSWORD, "123456789012", None),
        ({"editor_password": "eleven-char"}, {}, Mode.UNUSABLE, None, "password_too_short"),
        ({}, {"SURVEY_EDITOR_PASSWORD": "short"}, Mode.UNUSABLE, None, "password_too_short"),
        ({"auth": OIDC, "editor_emails": ["a@b.org"]}, {}, Mode.OIDC, None, None),
        ({"auth": OIDC, "editor_emails": "a@b", PASSWORD: "p"}, ENV, Mode.OIDC, None, None),
        ({"auth": OIDC}, {}, Mode.UNUSABLE, None, "no_allow_list"),
        ({"auth": OIDC}, ENV, Mode.PASSWORD, "from-env-password", None),
        (None, {}, Mode.UNUSABLE, None, "secrets_unreadable"),
        (None, ENV, Mode.PASSWORD, "from-env-password", None),
        ({"editor_emails": ["a@b.org"]}, {}, Mode.TOKEN, None, None),
    ],
)  # fmt: skip
def test_editor_config(
    secrets: dict[str, Any] | None,
    environ: dict[str, str],
    mode: Mode,
    password: str | None,
    problem: str | None,
) -> None:
    config = editor_config(secrets, environ)
    assert (config.mode, config.password, config.problem) == (mode, password, problem)


def test_oidc_config_keeps_the_allow_list_lower_cased() -> None:
    config = editor_config({"auth": OIDC, "editor_emails": ["Alice@Example.org"]}, {})
    assert config.emails == frozenset({"alice@example.org"})
    assert config.provider is None


def test_the_password_is_kept_out_of_the_config_repr() -> None:
    config = EditorConfig(Mode.PASSWORD, password="hunter2-secret")
    assert "hunter2-secret" not in repr(config)
    assert "hunter2-secret" not in str(config)


def test_the_minimum_length_is_twelve() -> None:
    assert MIN_PASSWORD_LENGTH == 12
    assert editor_config({}, {"SURVEY_EDITOR_PASSWORD": "x" * 12}).mode is Mode.PASSWORD
    assert editor_config({}, {"SURVEY_EDITOR_PASSWORD": "x" * 11}).mode is Mode.UNUSABLE


def test_first_start_token_is_drawn_once_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "config" / "editor-token"
    token, created = ensure_token(path)
    assert created and len(token) >= MIN_PASSWORD_LENGTH
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert ensure_token(path) == (token, False)
    other, _ = ensure_token(tmp_path / "elsewhere")
    assert other != token


def test_a_token_file_with_wide_rights_is_narrowed_and_an_empty_one_replaced(
    tmp_path: Path,
) -> None:
    path = tmp_path / "editor-token"
    path.write_text("a-token-written-by-hand\n", encoding="utf-8")
    path.chmod(0o644)
    assert ensure_token(path) == ("a-token-written-by-hand", False)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    path.write_text("", encoding="utf-8")
    token, created = ensure_token(path)
    assert created and len(token) >= MIN_PASSWORD_LENGTH


def test_the_token_file_is_git_ignored() -> None:
    ignored = (auth.DEFAULT_TOKEN_FILE.parents[1] / ".gitignore").read_text(encoding="utf-8")
    assert "data/.editor-token" in ignored.splitlines()
