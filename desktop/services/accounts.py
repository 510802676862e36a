"""Accounts: argon2 password hashes, lockout after repeated failures, forced changes."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from desktop.db.models import Jurisdiction, User, UserRole
from desktop.domain.enums import JurisdictionLevel, Role
from desktop.domain.principal import Principal
from desktop.errors import GovDeskError
from desktop.services.meta import clock_for

MAX_FAILED_ATTEMPTS = 5
LOCKOUT = timedelta(minutes=15)
MIN_PASSWORD_LENGTH = 8

_hasher = PasswordHasher()


@dataclass(frozen=True)
class LoginResult:
    principal: Principal
    must_change_password: bool


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def principal_for(session: Session, user: User) -> Principal:
    roles = session.scalars(select(UserRole.role).where(UserRole.user_id == user.id)).all()
    level = session.scalar(
        select(Jurisdiction.level).where(Jurisdiction.id == user.jurisdiction_id)
    )
    return Principal(
        user_id=user.id,
        username=user.username,
        display_name=user.display_name,
        roles=frozenset(Role(r) for r in roles),
        jurisdiction_id=user.jurisdiction_id,
        jurisdiction_level=JurisdictionLevel(level),
        department_id=user.department_id,
    )


def authenticate(
    *, session: Session, username: str, password: str, now: datetime | None = None
) -> LoginResult:
    """Check a password; failures count toward a lockout, so commit even when it raises (login())."""
    now = now or clock_for(session).now()
    user = session.scalars(select(User).where(User.username == username.strip())).one_or_none()
    if user is None:
        _verify(_DUMMY_HASH, password)  # same cost whether or not the account exists
        raise GovDeskError("auth.bad_credentials")
    if not user.active:
        raise GovDeskError("auth.inactive")
    if user.locked_until is not None and user.locked_until > now:
        raise GovDeskError("auth.locked", minutes=_minutes_left(user.locked_until, now))
    if not _verify(user.password_hash, password):
        user.failed_attempts += 1
        if user.failed_attempts >= MAX_FAILED_ATTEMPTS:
            user.failed_attempts = 0
            user.locked_until = now + LOCKOUT
            raise GovDeskError("auth.locked", minutes=_minutes_left(user.locked_until, now))
        raise GovDeskError("auth.bad_credentials")
    user.failed_attempts = 0
    user.locked_until = None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    return LoginResult(principal_for(session, user), user.must_change_password)


def login(
    *, session_factory: sessionmaker[Session], username: str, password: str,
    now: datetime | None = None,
) -> LoginResult:
    """authenticate() in its own transaction, committed on failure too: the count must stick."""
    with session_factory() as session:
        session.begin()
        try:
            result = authenticate(session=session, username=username, password=password, now=now)
        except GovDeskError:
            session.commit()
            raise
        session.commit()
        return result


def _minutes_left(until: datetime, now: datetime) -> int:
    return max(1, math.ceil((until - now).total_seconds() / 60))


def change_password(
    *, session: Session, user_id: int, old_password: str, new_password: str
) -> None:
    user = session.get(User, user_id)
    if user is None or not _verify(user.password_hash, old_password):
        raise GovDeskError("auth.bad_credentials")
    if len(new_password) < MIN_PASSWORD_LENGTH:
        raise GovDeskError("auth.password_too_short", min=MIN_PASSWORD_LENGTH)
    if new_password == old_password:
        raise GovDeskError("auth.password_same")
    user.password_hash = hash_password(new_password)
    user.must_change_password = False


def create_user(
    *,
    session: Session,
    username: str,
    display_name: str,
    password: str | None,
    roles: set[Role],
    jurisdiction_id: int,
    department_id: int | None = None,
    staff_id: int | None = None,
    must_change_password: bool = True,
    now: datetime | None = None,
    password_hash: str | None = None,
) -> int:
    """A new account; pass `password_hash` to reuse one hash for many accounts (demo data)."""
    user = User(
        username=username,
        display_name=display_name,
        password_hash=password_hash or hash_password(password),
        jurisdiction_id=jurisdiction_id,
        department_id=department_id,
        staff_id=staff_id,
        must_change_password=must_change_password,
        created_at=now or clock_for(session).now(),
    )
    session.add(user)
    session.flush()
    session.add_all(UserRole(user_id=user.id, role=str(role)) for role in sorted(roles))
    return user.id


_DUMMY_HASH = hash_password("not-a-real-password")
