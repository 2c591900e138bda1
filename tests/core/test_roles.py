"""Roles (issue 19): viewer, editor, administrator, from the secrets' two e-mail lists."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.auth import Actor, EditorConfig, Mode, Role, editor_config

OIDC = {"client_id": "c", "client_secret": "s", "server_metadata_url": "https://idp/x"}


@pytest.mark.parametrize(
    ("role", "needed", "allowed"),
    [
        (Role.VIEWER, Role.VIEWER, True),
        (Role.VIEWER, Role.EDITOR, False),
        (Role.VIEWER, Role.ADMIN, False),
        (Role.EDITOR, Role.VIEWER, True),
        (Role.EDITOR, Role.EDITOR, True),
        (Role.EDITOR, Role.ADMIN, False),
        (Role.ADMIN, Role.VIEWER, True),
        (Role.ADMIN, Role.EDITOR, True),
        (Role.ADMIN, Role.ADMIN, True),
    ],
)
def test_each_role_may_do_what_the_ones_before_it_may(
    role: Role, needed: Role, allowed: bool
) -> None:
    assert role.allows(needed) is allowed


@pytest.mark.parametrize(
    ("email", "role"),
    [
        ("alice@example.org", Role.EDITOR),
        (" ALICE@example.org ", Role.EDITOR),
        ("carol@example.org", Role.ADMIN),
        ("Carol@Example.org", Role.ADMIN),
        ("both@example.org", Role.ADMIN),  # on both lists: the higher role
        ("mallory@example.org", Role.VIEWER),
        ("", Role.VIEWER),
        (None, Role.VIEWER),
    ],
)
def test_the_lists_give_each_email_its_role(email: str | None, role: Role) -> None:
    secrets = {
        "auth": OIDC,
        "editor_emails": ["alice@example.org", "both@example.org"],
        "admin_emails": "carol@example.org; both@example.org",
    }
    config = editor_config(secrets, {})
    assert config.mode is Mode.OIDC
    assert config.role_of(email) is role


def test_administrators_alone_are_enough_to_open_sign_in() -> None:
    config = editor_config({"auth": OIDC, "admin_emails": ["carol@example.org"]}, {})
    assert (config.mode, config.emails, config.admins) == (
        Mode.OIDC,
        frozenset(),
        frozenset({"carol@example.org"}),
    )


def test_sign_in_with_neither_list_still_refuses_editing() -> None:
    config = editor_config({"auth": OIDC, "admin_emails": []}, {})
    assert (config.mode, config.problem) == (Mode.UNUSABLE, "no_allow_list")


@given(st.emails())
def test_nobody_is_more_than_a_viewer_with_empty_lists(email: str) -> None:
    assert EditorConfig(Mode.OIDC).role_of(email) is Role.VIEWER


def test_an_actor_reads_as_its_name() -> None:
    actor = Actor("alice@example.org", Role.EDITOR)
    assert str(actor) == "alice@example.org"
    assert f"{actor}" == "alice@example.org"


def test_roles_given_in_the_dashboard_add_to_the_secrets_lists() -> None:
    secrets = {"auth": OIDC, "admin_emails": ["carol@example.org"]}
    people = {"Alice@Example.org": Role.EDITOR, "dave@example.org": Role.ADMIN}
    config = editor_config(secrets, {}, people)
    assert config.role_of("alice@example.org") is Role.EDITOR
    assert config.role_of("dave@example.org") is Role.ADMIN
    assert config.role_of("carol@example.org") is Role.ADMIN
    # The higher of the two sources wins: the store cannot lower a secrets administrator.
    lowered = editor_config(secrets, {}, {"carol@example.org": Role.EDITOR})
    assert lowered.role_of("carol@example.org") is Role.ADMIN


def test_roles_given_in_the_dashboard_alone_open_sign_in_but_not_a_password_install() -> None:
    people = {"alice@example.org": Role.ADMIN}
    assert editor_config({"auth": OIDC}, {}, people).mode is Mode.OIDC
    assert editor_config({}, {}, people).mode is Mode.TOKEN
