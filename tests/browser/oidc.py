"""A real OpenID Connect provider on loopback, and the dashboard signed in through it.

`oidc-provider-mock` (PyPI) is a complete provider (discovery, authorisation code flow,
signed ID tokens, JWKS, end of session) whose sign-in page asks only for a subject: any
subject is accepted and its `email` claim is the subject itself. The dashboard is started
with an `[auth]` section pointing at it, so `st.login`, Authlib, the callback and the
signed session cookie all run as they would against Microsoft Entra ID or Google.

What a real provider needs that this one does not: a registered application (client id
and secret issued by the provider, not any pair), the exact redirect URI registered there,
HTTPS end to end, and a consent or MFA step on its own pages.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from itsdangerous import TimestampSigner, URLSafeTimedSerializer
from playwright.sync_api import Page

from deploy.serving import LOOPBACK, address, free_port, stop_processes, wait_answering
from tests.browser.session import forget_runs, wait_until_idle

#: The session cookie Streamlit signs after a sign-in, and the secret the tests give it.
USER_COOKIE = "_streamlit_user"
COOKIE_SECRET = "browser-test-cookie-secret-3f9a7c1e5b"
CLIENT_ID, CLIENT_SECRET = "poles-dashboard", "poles-dashboard-secret"
#: Seconds the provider may take to answer its discovery document.
READY_TIMEOUT = 30.0


@dataclass
class Provider:
    """An `oidc-provider-mock` subprocess listening on `url`."""

    process: subprocess.Popen[bytes]
    url: str
    log: Path

    @classmethod
    def start(cls, log: Path) -> Provider:
        """Launch the provider on a free loopback port and wait for its discovery document."""
        port = free_port()
        command = [sys.executable, "-m", "oidc_provider_mock", "--host", LOOPBACK]
        with log.open("wb") as out:
            process = subprocess.Popen(
                [*command, "--port", str(port)], stdout=out, stderr=subprocess.STDOUT
            )
        provider = cls(process, address(port), log)
        try:
            provider.wait_ready()
        except BaseException:
            provider.stop()
            raise
        return provider

    @property
    def metadata_url(self) -> str:
        return f"{self.url}/.well-known/openid-configuration"

    def wait_ready(self) -> None:
        if wait_answering({self.metadata_url: self.process}, READY_TIMEOUT) is None:
            return
        if self.process.poll() is not None:
            raise RuntimeError(f"provider exited:\n{self.log.read_text(errors='replace')}")
        raise TimeoutError(f"no OIDC discovery document at {self.metadata_url}")

    def stop(self) -> None:
        stop_processes(self.process)


def secrets_toml(provider: Provider, app_port: int, *, editors: str, admins: str = "") -> str:
    """A `secrets.toml` connecting the dashboard on `app_port` to `provider`."""
    return "\n".join(
        [
            f"editor_emails = {json.dumps(editors.split())}",
            f"admin_emails = {json.dumps(admins.split())}",
            "[auth]",
            f'redirect_uri = "http://127.0.0.1:{app_port}/oauth2callback"',
            f'cookie_secret = "{COOKIE_SECRET}"',
            f'client_id = "{CLIENT_ID}"',
            f'client_secret = "{CLIENT_SECRET}"',
            f'server_metadata_url = "{provider.metadata_url}"',
            "",
        ]
    )


def sign_in_at_provider(page: Page, provider: Provider, app_url: str, email: str) -> None:
    """On the provider's own sign-in page (reached from the dashboard), sign in as `email`
    and follow the redirect back to the dashboard."""
    page.wait_for_url(f"{provider.url}/oauth2/authorize**")
    forget_runs(page)
    page.locator('input[name="sub"]').fill(email)
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_url(f"{app_url}/**")
    wait_until_idle(page)  # the page the callback lands on, run to its end


def session_cookie(page: Page) -> str | None:
    """The signed session cookie the dashboard gave this browser, if any."""
    cookies = [c for c in page.context.cookies() if c.get("name") == USER_COOKIE]
    return str(cookies[0].get("value")) if cookies else None


class _Backdated(TimestampSigner):
    """Signs as if `AGE_S` seconds ago (a cookie kept past its lifetime)."""

    AGE_S = 0

    def get_timestamp(self) -> int:
        return int(time.time()) - self.AGE_S


def forged_cookie(app_url: str, email: str, *, secret: str, age_days: float = 0) -> str:
    """A session cookie as Streamlit writes one for `email`, signed with `secret` and dated
    `age_days` ago: with the right secret and no age it is accepted (the control)."""
    payload = {"email": email, "sub": email, "origin": app_url, "is_logged_in": True}
    signer = type("Signer", (_Backdated,), {"AGE_S": int(age_days * 86400)})
    serializer = URLSafeTimedSerializer(secret, salt=USER_COOKIE, signer=signer)
    return str(serializer.dumps(json.dumps(payload)))


def set_session_cookie(page: Page, app_url: str, value: str) -> None:
    """Give the browser `value` as its session cookie for the dashboard."""
    page.context.add_cookies([{"name": USER_COOKIE, "value": value, "url": app_url}])
