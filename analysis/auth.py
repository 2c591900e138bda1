"""Who may change the stored rounds: the editor credential, checked without leaking it.

Viewing the dashboard is open; uploading, replacing, restoring and deleting always need
a credential (closed by default, issue 16): a sign-in provider with an e-mail allow-list,
a shared password of at least `MIN_PASSWORD_LENGTH` characters, or, when neither is
configured, a random token drawn at first start and kept in an owner-only file (as
Jupyter does). This module holds the pure parts (no Streamlit): which credential is
configured, the first-start token file, a constant-time password check, the global
attempt budget, the e-mail allow-lists and the roles they give (viewer, editor,
administrator: issue 19). `ui/auth.py` draws the forms around them.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets as token_source
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

#: Environment variable holding the editor password (when secrets.toml does not).
PASSWORD_ENV = "SURVEY_EDITOR_PASSWORD"  # noqa: S105 (a variable name)
#: Key of the editor password in `.streamlit/secrets.toml`.
PASSWORD_SECRET = "editor_password"  # noqa: S105 (a key name)
#: Environment variable naming the first-start token's file (tests, or another place).
TOKEN_FILE_ENV = "SURVEY_EDITOR_TOKEN_FILE"  # noqa: S105 (a variable name)
#: Where the first-start token is kept by default: git-ignored, next to the local store.
DEFAULT_TOKEN_FILE = Path(__file__).resolve().parents[1] / "data" / ".editor-token"
#: Shortest shared password accepted: a shorter one refuses editing until it is changed.
MIN_PASSWORD_LENGTH = 12
#: What the audit log records for the shared password and the first-start token alike:
#: a shared secret names no person.
SHARED_PASSWORD = "shared password"  # noqa: S105 (an audit label)
#: Key of the editors' e-mail allow-list in `.streamlit/secrets.toml`.
EMAILS_SECRET = "editor_emails"  # noqa: S105 (a key name)
#: Key of the administrators' e-mail list in `.streamlit/secrets.toml` (admins edit too).
ADMINS_SECRET = "admin_emails"  # noqa: S105 (a key name)
#: Section of `.streamlit/secrets.toml` that configures Streamlit's `st.login` (OIDC).
AUTH_SECTION = "auth"
#: Keys of an `[auth]` section that configure the default provider (not a named one).
_PROVIDER_KEYS = frozenset({"client_id", "client_secret", "server_metadata_url"})


class Mode(StrEnum):
    """How editing is guarded."""

    #: No credential configured: the first-start token (kept in a file) is the password.
    TOKEN = "token"  # noqa: S105 (a mode name)
    #: A shared editor password.
    PASSWORD = "password"  # noqa: S105 (a mode name)
    #: Sign-in with an OIDC provider, and an allow-list of editor e-mails.
    OIDC = "oidc"
    #: A credential was meant but cannot be used: editing is refused until it is fixed.
    UNUSABLE = "unusable"


class Role(StrEnum):
    """What a person may do (issue 19); each role may do what the ones before it may.

    Everyone views; an editor also uploads and replaces rounds; an administrator also
    deletes and restores them and records the award's winners. The shared password and
    the first-start token make a one-person install: whoever holds them is the
    administrator, recorded as "shared password".
    """

    VIEWER = "viewer"
    EDITOR = "editor"
    ADMIN = "admin"

    def allows(self, needed: Role) -> bool:
        """Whether this role may do what `needed` may."""
        order = list(Role)
        return order.index(self) >= order.index(needed)


@dataclass(frozen=True)
class Actor:
    """Who made a change, as the audit log records it: a name (an e-mail, "shared
    password", "NAME (command line)") and the role they acted in."""

    name: str
    role: Role

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True)
class EditorConfig:
    """The configured credential. `problem` names the `auth.<key>` message when unusable.

    With a sign-in provider, `emails` are the editors and `admins` the administrators.
    """

    mode: Mode
    password: str | None = field(default=None, repr=False)
    emails: frozenset[str] = frozenset()
    provider: str | None = None
    problem: str | None = None
    admins: frozenset[str] = frozenset()

    def role_of(self, email: str | None) -> Role:
        """The role of a signed-in `email`: administrators first, then editors."""
        if is_allowed_email(email, self.admins):
            return Role.ADMIN
        if is_allowed_email(email, self.emails):
            return Role.EDITOR
        return Role.VIEWER


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


def editor_emails(secrets: Mapping[str, Any], key: str = EMAILS_SECRET) -> set[str]:
    """The allow-list of editor e-mails (or of `key`'s), lower-cased (a TOML list or a
    comma-separated text)."""
    emails = (email.strip().lower() for email in _as_emails(secrets.get(key)))
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


def editor_config(
    secrets: Mapping[str, Any] | None,
    environ: Mapping[str, str],
    people: Mapping[str, Role] | None = None,
) -> EditorConfig:
    """Which credential guards editing, from the secrets and the environment.

    `secrets` is None when a secrets file exists but cannot be read: then editing is
    refused (unless the environment gives a password) rather than silently left open.
    Precedence: a sign-in provider with an allow-list (editors or administrators), then a
    password (secrets first, then
    `SURVEY_EDITOR_PASSWORD`), then the first-start token (`Mode.TOKEN`: the caller reads
    it with `ensure_token`). A provider without an allow-list, or a password shorter than
    `MIN_PASSWORD_LENGTH`, refuses editing: it is never silently left open.

    `people` are the roles an administrator gave on the Rounds page (the store's list):
    they add to the secrets' lists, so a person's role is the higher of the two.
    """
    readable = secrets if secrets is not None else {}
    auth = readable.get(AUTH_SECTION)
    given = people or {}
    named = {email.strip().lower(): role for email, role in given.items()}
    emails = frozenset(editor_emails(readable)) | {e for e, r in named.items() if r is Role.EDITOR}
    admins = frozenset(editor_emails(readable, ADMINS_SECRET)) | {
        e for e, r in named.items() if r is Role.ADMIN
    }
    if isinstance(auth, Mapping) and (emails or admins):
        return EditorConfig(Mode.OIDC, emails=emails, provider=login_provider(auth), admins=admins)
    secret_password = readable.get(PASSWORD_SECRET)
    password = str(secret_password) if secret_password not in (None, "") else None
    password = password or environ.get(PASSWORD_ENV) or None
    if password and len(password) < MIN_PASSWORD_LENGTH:
        return EditorConfig(Mode.UNUSABLE, problem="password_too_short")
    if password:
        return EditorConfig(Mode.PASSWORD, password=password)
    if isinstance(auth, Mapping):
        return EditorConfig(Mode.UNUSABLE, problem="no_allow_list")
    if secrets is None:
        return EditorConfig(Mode.UNUSABLE, problem="secrets_unreadable")
    return EditorConfig(Mode.TOKEN)


def token_file(environ: Mapping[str, str]) -> Path:
    """Where the first-start token lives: `SURVEY_EDITOR_TOKEN_FILE`, else the default."""
    named = environ.get(TOKEN_FILE_ENV)
    return Path(named).expanduser() if named else DEFAULT_TOKEN_FILE


def ensure_token(path: Path) -> tuple[str, bool]:
    """The first-start token kept in `path`, drawn and written now if missing.

    Returns the token and whether it was just created. The file is created owner-only
    (0600) in one step (`O_EXCL`, so two sessions racing at first start agree on one
    token); an existing file with wider rights is narrowed. A file too short to be a token
    (emptied by hand) is replaced.
    """
    if path.exists():
        if path.stat().st_mode & 0o077:
            path.chmod(0o600)
        token = path.read_text(encoding="utf-8").strip()
        if len(token) >= MIN_PASSWORD_LENGTH:
            return token, False
        path.unlink()
    path.parent.mkdir(parents=True, exist_ok=True)
    token = token_source.token_urlsafe(24)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another session wrote it first: use theirs
        return ensure_token(path)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(token + "\n")
    return token, True


class AttemptBudget:
    """One budget of sign-in attempts for the whole process: a token bucket.

    Every attempt, right or wrong, takes one token; `capacity` tokens at most are
    available at once and one comes back every `refill_every` seconds. Nothing resets it:
    not a new session (there is one bucket, not one per visitor), not a right password
    (a guesser who also knows it gains nothing). An attempt with no token left is refused
    at once with the wait until the next one: no server thread sleeps.

    Process-wide rather than in the store because the dashboard runs as one Streamlit
    process (sessions are threads of it); replicas behind the proxy each hold their own
    bucket, so N replicas allow N budgets, which the deployment notes say. `clock`
    (seconds, monotonic) is injected so tests need no real waiting. Thread-safe.
    """

    def __init__(
        self,
        *,
        capacity: int = 10,
        refill_every: float = 30.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.capacity = capacity
        self.refill_every = refill_every
        self.clock = clock
        self._tokens = float(capacity)
        self._updated = clock()
        self._lock = threading.Lock()

    def _refill(self, now: float) -> None:
        elapsed = max(0.0, now - self._updated)
        self._tokens = min(float(self.capacity), self._tokens + elapsed / self.refill_every)
        self._updated = now

    def take(self) -> float:
        """Take a token for one attempt: 0 if granted, else the seconds to wait (refused)."""
        with self._lock:
            now = self.clock()
            self._refill(now)
            if self._tokens >= 1.0:
                self._tokens -= 1.0
                return 0.0
            return (1.0 - self._tokens) * self.refill_every

    def available(self) -> int:
        """Whole attempts left right now."""
        with self._lock:
            self._refill(self.clock())
            return int(self._tokens)
