"""Sign-in through a real OpenID Connect provider started by the suite (issue 19).

The provider (`tests/browser/oidc.py`) and a dashboard whose `[auth]` section points at it
run as subprocesses on loopback; Chromium goes through the whole flow: the dashboard's
sign-in button, the provider's own page, the callback, Streamlit's signed session cookie.
An editor on the list uploads and the audit log names them; an account not on the list
stays read-only with a clear message; signing out ends the session; a session cookie that
is tampered with, signed with another secret or past its lifetime signs nobody in.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from analysis.store import SurveyStore
from tests.browser.harness import (
    TIMEOUT_MS,
    AppServer,
    free_port,
    new_page,
    no_exception,
    open_app,
    rerun,
)
from tests.browser.oidc import (
    COOKIE_SECRET,
    Provider,
    forged_cookie,
    secrets_toml,
    session_cookie,
    set_session_cookie,
    sign_in_at_provider,
)
from tests.browser.server import start_app
from tests.browser.session import forget_runs, wait_until_idle
from tests.support.messy import messy_xlsx

pytestmark = pytest.mark.browser

EDITOR, ADMIN, OUTSIDER = "alice@example.org", "carol@example.org", "bob@example.org"


@pytest.fixture(scope="module")
def provider(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Provider]:
    """The OIDC provider, shared by the module's tests (it keeps no state that matters)."""
    started = Provider.start(tmp_path_factory.mktemp("oidc") / "provider.log")
    yield started
    started.stop()


@pytest.fixture(scope="module")
def oidc_app(
    provider: Provider, seeded_db_file: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[AppServer]:
    """The dashboard with `[auth]` pointing at `provider`: Alice edits, Carol administers."""
    workdir = tmp_path_factory.mktemp("oidc_app")
    port = free_port()
    secrets = workdir / "secrets.toml"
    secrets.write_text(secrets_toml(provider, port, editors=EDITOR, admins=ADMIN))
    server = start_app(seeded_db_file, workdir, port=port, secrets_file=secrets)
    yield server
    server.stop()


def sign_in_as(page: Page, provider: Provider, app: AppServer, email: str) -> None:
    """From the upload page, through the provider, back to the dashboard as `email`."""
    open_app(page, app.url, "upload", lang="en")
    expect(page.get_by_text("This change needs an editor: sign in")).to_be_visible()
    page.get_by_role("button", name="Sign in to edit").click()
    sign_in_at_provider(page, provider, app.url, email)
    assert session_cookie(page) is not None


def sidebar_text(page: Page) -> str:
    """The sidebar's text without the word joiners that keep e-mails unlinked."""
    return page.get_by_test_id("stSidebar").inner_text().replace("\u2060", "")


def expect_read_only(page: Page, app: AppServer) -> None:
    """The upload page offers sign-in and no uploader; the rounds page no deletion."""
    open_app(page, app.url, "upload", lang="en")
    expect(page.get_by_role("button", name="Sign in to edit")).to_be_visible(timeout=TIMEOUT_MS)
    expect(page.get_by_test_id("stFileUploader")).to_have_count(0)
    open_app(page, app.url, "rounds", lang="en")
    expect(page.get_by_role("button", name="Delete this round")).to_have_count(0)


def test_an_editor_signs_in_uploads_and_the_audit_log_names_them(
    page: Page, provider: Provider, oidc_app: AppServer, tmp_path: Path
) -> None:
    sign_in_as(page, provider, oidc_app, EDITOR)
    open_app(page, oidc_app.url, "upload", lang="en")
    assert f"Signed in as {EDITOR}" in sidebar_text(page)
    survey_file = tmp_path / "2024.xlsx"
    survey_file.write_bytes(messy_xlsx())
    with rerun(page):
        page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(
            survey_file
        )
    page.get_by_role("heading", name="2. Checks").wait_for()
    store_button = page.get_by_role("button", name="Store the round")
    expect(store_button).to_be_enabled()
    with rerun(page):
        store_button.click()
    expect(page.get_by_text("Round 2024 stored", exact=False)).to_be_visible()
    no_exception(page)
    with SurveyStore(oidc_app.db_url) as store:
        latest = store.audit_log(limit=1)[0]
    assert (latest.action, latest.label, latest.actor) == ("import", "2024", EDITOR)
    assert latest.role == "editor"
    # An editor is not an administrator: no deletion on the rounds page.
    open_app(page, oidc_app.url, "rounds", lang="en")
    expect(page.get_by_text("Deleting and restoring need an administrator")).to_be_visible()
    expect(page.get_by_role("button", name="Delete this round")).to_have_count(0)
    # The audit log on the page names them: filtered to them, downloaded as CSV.
    person = page.get_by_role("combobox", name="Person")
    person.click()
    person.press_sequentially(EDITOR)  # typed and entered: the list's options are not
    with rerun(page):  # reliably clickable under load (another element takes the click)
        person.press("Enter")
    with page.expect_download() as event:
        page.get_by_role("button", name="Download the audit log (CSV)").click()
    lines = Path(event.value.path()).read_text(encoding="utf-8-sig").splitlines()
    assert len(lines) == 2, lines  # the header and Alice's one change
    assert lines[1].split(",")[1:5] == ["import", "2024", EDITOR, "editor"]
    no_exception(page)


def test_an_account_not_on_the_list_signs_in_and_stays_read_only(
    page: Page, provider: Provider, oidc_app: AppServer
) -> None:
    sign_in_as(page, provider, oidc_app, OUTSIDER)
    open_app(page, oidc_app.url, "upload", lang="en")
    expect(page.get_by_text("is not on the list of editors", exact=False)).to_be_visible()
    expect(page.get_by_test_id("stFileUploader")).to_have_count(0)
    assert f"Signed in as {OUTSIDER}, who is not an editor" in sidebar_text(page)
    open_app(page, oidc_app.url, "rounds", lang="en")
    expect(page.get_by_role("button", name="Delete this round")).to_have_count(0)
    no_exception(page)


def test_an_admin_signs_in_and_may_delete(
    page: Page, provider: Provider, oidc_app: AppServer
) -> None:
    sign_in_as(page, provider, oidc_app, ADMIN)
    open_app(page, oidc_app.url, "rounds", lang="en")
    expect(page.get_by_role("button", name="Delete this round")).to_be_visible()
    expect(page.get_by_role("heading", name="People and roles")).to_be_visible()
    assert f"Signed in as {ADMIN} (administrator)" in sidebar_text(page)
    no_exception(page)


def test_signing_out_ends_the_session(page: Page, provider: Provider, oidc_app: AppServer) -> None:
    sign_in_as(page, provider, oidc_app, EDITOR)
    open_app(page, oidc_app.url, "upload", lang="en")
    expect(page.get_by_test_id("stFileUploader")).to_be_visible()
    page.get_by_test_id("stSidebar").get_by_role("button", name="Sign out").click()
    # Streamlit ends the session at the provider too (RP-initiated logout).
    page.wait_for_url(f"{provider.url}/oauth2/end_session**")
    forget_runs(page)
    page.get_by_role("button", name="End session").click()
    page.wait_for_url(f"{oidc_app.url}/**")
    wait_until_idle(page)
    assert session_cookie(page) is None
    expect_read_only(page, oidc_app)
    assert "Editing needs signing in as an editor" in sidebar_text(page)


def test_a_session_cookie_tampered_with_or_expired_signs_nobody_in(
    browser: Browser, page: Page, provider: Provider, oidc_app: AppServer
) -> None:
    sign_in_as(page, provider, oidc_app, EDITOR)
    real = session_cookie(page)
    assert real is not None
    payload, stamp, signature = real.rsplit(".", 2)
    flipped = signature[:-1] + ("A" if signature[-1] != "A" else "B")
    refused = {
        "signature altered": f"{payload}.{stamp}.{flipped}",
        "signed with another secret": forged_cookie(oidc_app.url, EDITOR, secret="x" * 32),
        "past its lifetime": forged_cookie(oidc_app.url, EDITOR, secret=COOKIE_SECRET, age_days=40),
    }
    for why, value in refused.items():
        visitor = new_page(browser)
        try:
            set_session_cookie(visitor, oidc_app.url, value)
            expect_read_only(visitor, oidc_app)
            assert "Editing needs signing in as an editor" in sidebar_text(visitor), why
            no_exception(visitor)
        finally:
            visitor.context.close()
    # The control: the same forgery with the right secret, dated now, is accepted, so the
    # refusals above are the signature's and the age's, not a malformed cookie's.
    control = new_page(browser)
    try:
        set_session_cookie(
            control, oidc_app.url, forged_cookie(oidc_app.url, EDITOR, secret=COOKIE_SECRET)
        )
        open_app(control, oidc_app.url, "upload", lang="en")
        expect(control.get_by_test_id("stFileUploader")).to_be_visible()
    finally:
        control.context.close()
