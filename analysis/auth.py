"""Who may change the stored rounds: the editor credential, checked without leaking it.

Viewing the dashboard is open; uploading, replacing, restoring and deleting need the
editor credential when one is configured. This module holds the pure parts (no
Streamlit): which credential is configured, a constant-time password check, an attempt
limiter that slows down guessing, and the e-mail allow-list for a sign-in provider.
`ui/auth.py` draws the forms around them.
"""

from __future__ import annotations

import hashlib
import hmac
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

#: Environment variable holding the editor password (when secrets.toml does not).
PASSWORD_ENV = "SURVEY_EDITOR_PASSWORD"  # noqa: S105 (a variable name)
#: Key of the editor password in `.streamlit/secrets.toml`.
PASSWORD_SECRET = "editor_password"  # noqa: S105 (a key name)
#: Key of the editors' e-mail allow-list in `.streamlit/secrets.toml`.
EMAILS_SECRET = "editor_emails"  # noqa: S105 (a key name)
#: Section of `.streamlit/secrets.toml` that configures Streamlit's `st.login` (OIDC).
AUTH_SECTION = "auth"
#: Keys of an `[auth]` section that configure the default provider (not a named one).
_PROVIDER_KEYS = frozenset({"client_id", "client_secret", "server_metadata_url"})


class Mode(StrEnum):
    """How editing is guarded."""

    #: No credential configured: editing is open (local use).
    OPEN = "open"
    #: A shared editor password.
    PASSWORD = "password"  # noqa: S105 (a mode name)
    #: Sign-in with an OIDC provider, and an allow-list of editor e-mails.
    OIDC = "oidc"
    #: A credential was meant but cannot be used: editing is refused until it is fixed.
    UNUSABLE = "unusable"


@dataclass(frozen=True)
class EditorConfig:
    """The configured credential. `problem` names the `auth.<key>` message when unusable."""

    mode: Mode
    password: str | None = field(default=None, repr=False)
    emails: frozenset[str] = frozenset()
    provider: str | None = None
    problem: str | None = None


def password_matches(given: str, expected: str) -> bool:
    """Whether `given` is the password, compared in constant time.

    Both sides are hashed first (SHA-256 of the UTF-8 bytes) so the comparison always runs
    over 32 bytes: neither the time taken nor an early exit reveals the expected length or
    how many leading characters were right.
    """
    given_digest = hashlib.sha256(given.encode("utf-8")).digest()
    expected_digest = hashlib.sha256(expected.encode("utf-8")).digest()
    return hmac.compare_digest(given_digest, expected_digest)


def _as_emails(value: Any) -> Iterable[str]:
    if value is None:
        return ()
    if isinstance(value, str):
        return value.replace(";", ",").split(",")
    if isinstance(value, Iterable):
        return (str(item) for item in value)
    return (str(value),)


def editor_emails(secrets: Mapping[str, Any]) -> set[str]:
    """The allow-list of editor e-mails, lower-cased (a TOML list or a comma-separated text)."""
    emails = (email.strip().lower() for email in _as_emails(secrets.get(EMAILS_SECRET)))
    return {email for email in emails if email}


def is_allowed_email(email: str | None, allowed: Iterable[str]) -> bool:
    """Whether `email` is on the allow-list, ignoring case and surrounding blanks."""
    if not email or not str(email).strip():
        return False
    wanted = str(email).strip().lower()
    return any(wanted == candidate.strip().lower() for candidate in allowed)


def login_provider(auth: Mapping[str, Any]) -> str | None:
    """The `st.login` provider an `[auth]` section configures: None for the default one.

    `[auth]` with `client_id` directly inside is the default provider; otherwise the first
    named sub-section (`[auth.microsoft]`) is used.
    """
    if _PROVIDER_KEYS & set(auth):
        return None
    named = [key for key, value in auth.items() if isinstance(value, Mapping)]
    return named[0] if named else None


def editor_config(secrets: Mapping[str, Any] | None, environ: Mapping[str, str]) -> EditorConfig:
    """Which credential guards editing, from the secrets and the environment.

    `secrets` is None when a secrets file exists but cannot be read: then editing is
    refused (unless the environment gives a password) rather than silently left open.
    Precedence: a sign-in provider with an allow-list, then a password (secrets first, then
    `SURVEY_EDITOR_PASSWORD`). A provider without an allow-list refuses editing: nobody
    would be named as an editor, and leaving it open is not what was asked for.
    """
    readable = secrets if secrets is not None else {}
    auth = readable.get(AUTH_SECTION)
    emails = frozenset(editor_emails(readable))
    if isinstance(auth, Mapping) and emails:
        return EditorConfig(Mode.OIDC, emails=emails, provider=login_provider(auth))
    secret_password = readable.get(PASSWORD_SECRET)
    password = str(secret_password) if secret_password not in (None, "") else None
    password = password or environ.get(PASSWORD_ENV) or None
    if password:
        return EditorConfig(Mode.PASSWORD, password=password)
    if isinstance(auth, Mapping):
        return EditorConfig(Mode.UNUSABLE, problem="no_allow_list")
    if secrets is None:
        return EditorConfig(Mode.UNUSABLE, problem="secrets_unreadable")
    return EditorConfig(Mode.OPEN)


class AttemptLimiter:
    """Exponential back-off after wrong attempts, per key (a session, or everyone).

    The first `free_attempts` wrong attempts cost nothing (typing mistakes happen); each
    one after that makes the key wait `first_delay` seconds, doubled every time, up to
    `max_delay`. A right attempt clears the key; so does a quiet spell of `forget_after`
    seconds since the last wrong one. `clock` (seconds, monotonic) is injected so tests
    need no real waiting. Thread-safe: sessions run in their own threads.
    """

    def __init__(
        self,
        *,
        free_attempts: int = 2,
        first_delay: float = 1.0,
        max_delay: float = 30.0,
        forget_after: float = 15 * 60.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.free_attempts = free_attempts
        self.first_delay = first_delay
        self.max_delay = max_delay
        self.forget_after = forget_after
        self.clock = clock
        self._failures: dict[str, int] = {}
        self._last_failure: dict[str, float] = {}
        self._blocked_until: dict[str, float] = {}
        self._lock = threading.Lock()

    def delay_for(self, failures: int) -> float:
        """The wait after the `failures`-th wrong attempt in a row."""
        beyond = failures - self.free_attempts
        if beyond <= 0:
            return 0.0
        return float(min(self.max_delay, self.first_delay * 2 ** (beyond - 1)))

    def _expire(self, key: str, now: float) -> None:
        last = self._last_failure.get(key)
        if last is not None and now - last > self.forget_after:
            self._forget(key)

    def _forget(self, key: str) -> None:
        self._failures.pop(key, None)
        self._last_failure.pop(key, None)
        self._blocked_until.pop(key, None)

    def failures(self, key: str) -> int:
        """Wrong attempts in a row for `key` (0 after a success or a quiet spell)."""
        with self._lock:
            self._expire(key, self.clock())
            return self._failures.get(key, 0)

    def remaining(self, key: str) -> float:
        """Seconds `key` must still wait before its next attempt is looked at (0 if none)."""
        with self._lock:
            now = self.clock()
            self._expire(key, now)
            return max(0.0, self._blocked_until.get(key, now) - now)

    def failure(self, key: str) -> float:
        """Record a wrong attempt; return the wait it imposes, in seconds."""
        with self._lock:
            now = self.clock()
            self._expire(key, now)
            count = self._failures.get(key, 0) + 1
            delay = self.delay_for(count)
            self._failures[key] = count
            self._last_failure[key] = now
            self._blocked_until[key] = max(self._blocked_until.get(key, now), now + delay)
            return delay

    def success(self, key: str) -> None:
        """A right attempt: `key` starts afresh."""
        with self._lock:
            self._forget(key)
