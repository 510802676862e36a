"""Logging in: argon2 hashes, lockout after repeated failures, forced password change."""

from __future__ import annotations

from datetime import timedelta

import pytest

from desktop.db.models import User
from desktop.errors import GovDeskError
from desktop.services import accounts
from desktop.services.accounts import MAX_FAILED_ATTEMPTS, login
from tests.db.world import PASSWORD, build_world, local

NOW = local(2026, 11, 2, 9, 0)


@pytest.fixture
def factory(session_factory):
    with session_factory.begin() as session:
        build_world(session)
    return session_factory


def attempt(factory, password, now=NOW, username="desk"):
    return login(session_factory=factory, username=username, password=password, now=now)


def code_of(factory, password, now=NOW, username="desk"):
    with pytest.raises(GovDeskError) as err:
        attempt(factory, password, now, username)
    return err.value


def test_good_password_gives_the_principal(factory):
    result = attempt(factory, PASSWORD)
    assert result.principal.username == "desk"
    assert {str(r) for r in result.principal.roles} == {"desk"}
    assert result.must_change_password is False


def test_unknown_user_and_wrong_password_look_the_same(factory):
    assert code_of(factory, "nope", username="nobody").code == "auth.bad_credentials"
    assert code_of(factory, "nope").code == "auth.bad_credentials"


def test_lockout_after_repeated_failures_then_expiry(factory):
    for _ in range(MAX_FAILED_ATTEMPTS - 1):
        assert code_of(factory, "wrong").code == "auth.bad_credentials"
    locked = code_of(factory, "wrong")
    assert (locked.code, locked.params["minutes"]) == ("auth.locked", 15)
    # even the right password is refused while locked, with the minutes left
    later = code_of(factory, PASSWORD, now=NOW + timedelta(minutes=10, seconds=30))
    assert (later.code, later.params["minutes"]) == ("auth.locked", 5)
    assert attempt(factory, PASSWORD, now=NOW + timedelta(minutes=16)).principal.username == "desk"


def test_forced_change_and_rules(factory):
    with factory.begin() as session:
        uid = accounts.create_user(session=session, username="newbie", display_name="新人",
                                   password="first-pass", roles=set(),
                                   jurisdiction_id=session.query(User).first().jurisdiction_id,
                                   now=NOW)
    assert attempt(factory, "first-pass", username="newbie").must_change_password is True
    with factory.begin() as session:
        with pytest.raises(GovDeskError) as err:
            accounts.change_password(session=session, user_id=uid, old_password="first-pass",
                                     new_password="short")
        assert err.value.code == "auth.password_too_short"
        with pytest.raises(GovDeskError) as err:
            accounts.change_password(session=session, user_id=uid, old_password="first-pass",
                                     new_password="first-pass")
        assert err.value.code == "auth.password_same"
        accounts.change_password(session=session, user_id=uid, old_password="first-pass",
                                 new_password="a-better-pass")
    assert attempt(factory, "a-better-pass", username="newbie").must_change_password is False
    with factory() as session:
        assert session.get(User, uid).password_hash.startswith("$argon2id$")
