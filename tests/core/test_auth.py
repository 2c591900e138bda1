"""The editor credential's pure parts: password check, back-off, allow-list, configuration."""

from __future__ import annotations

from typing import Any

import pytest

from analysis import auth
from analysis.auth import (
    AttemptLimiter,
    EditorConfig,
    Mode,
    editor_config,
    editor_emails,
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


@pytest.mark.parametrize(
    ("failures", "delay"),
    [(1, 0.0), (2, 0.0), (3, 1.0), (4, 2.0), (5, 4.0), (6, 8.0), (7, 16.0), (8, 30.0), (20, 30.0)],
)
def test_back_off_schedule(failures: int, delay: float) -> None:
    assert AttemptLimiter().delay_for(failures) == delay


def test_limiter_imposes_and_expires_waits_on_the_injected_clock() -> None:
    clock = FakeClock()
    limiter = AttemptLimiter(clock=clock)
    delays = [limiter.failure("session-a") for _ in range(5)]
    assert delays == [0.0, 0.0, 1.0, 2.0, 4.0]
    assert limiter.failures("session-a") == 5
    assert limiter.remaining("session-a") == 4.0
    clock.advance(1.5)
    assert limiter.remaining("session-a") == 2.5
    clock.advance(2.5)
    assert limiter.remaining("session-a") == 0.0
    # Another key is not slowed down by this one.
    assert limiter.remaining("session-b") == 0.0
    assert limiter.failure("session-b") == 0.0


def test_limiter_success_starts_afresh() -> None:
    clock = FakeClock()
    limiter = AttemptLimiter(clock=clock)
    for _ in range(4):
        limiter.failure("s")
    limiter.success("s")
    assert limiter.failures("s") == 0
    assert limiter.remaining("s") == 0.0
    assert [limiter.failure("s") for _ in range(3)] == [0.0, 0.0, 1.0]


def test_limiter_forgets_after_a_quiet_spell() -> None:
    clock = FakeClock()
    limiter = AttemptLimiter(clock=clock, forget_after=600.0)
    for _ in range(6):
        limiter.failure("s")
    clock.advance(599.0)
    assert limiter.failures("s") == 6
    clock.advance(2.0)
    assert limiter.failures("s") == 0
    assert limiter.failure("s") == 0.0


def test_limiter_caps_the_wait_and_honours_its_settings() -> None:
    clock = FakeClock()
    limiter = AttemptLimiter(free_attempts=0, first_delay=0.5, max_delay=3.0, clock=clock)
    assert [limiter.failure("k") for _ in range(5)] == [0.5, 1.0, 2.0, 3.0, 3.0]


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
ENV = {"SURVEY_EDITOR_PASSWORD": "from-env"}
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
        ({}, {}, Mode.OPEN, None, None),
        ({}, {"SURVEY_EDITOR_PASSWORD": ""}, Mode.OPEN, None, None),
        ({}, ENV, Mode.PASSWORD, "from-env", None),
        ({"editor_password": "from-secrets"}, {}, Mode.PASSWORD, "from-secrets", None),
        ({"editor_password": "secret"}, ENV, Mode.PASSWORD, "secret", None),
        ({"editor_password": ""}, ENV, Mode.PASSWORD, "from-env", None),
        ({"editor_password": 123456}, {}, Mode.PASSWORD, "123456", None),
        ({"auth": OIDC, "editor_emails": ["a@b.org"]}, {}, Mode.OIDC, None, None),
        ({"auth": OIDC, "editor_emails": "a@b", PASSWORD: "p"}, ENV, Mode.OIDC, None, None),
        ({"auth": OIDC}, {}, Mode.UNUSABLE, None, "no_allow_list"),
        ({"auth": OIDC}, ENV, Mode.PASSWORD, "from-env", None),
        (None, {}, Mode.UNUSABLE, None, "secrets_unreadable"),
        (None, ENV, Mode.PASSWORD, "from-env", None),
        ({"editor_emails": ["a@b.org"]}, {}, Mode.OPEN, None, None),
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
