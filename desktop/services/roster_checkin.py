"""到岗签到 and 签退 at the desk: the person confirms with their password or their PIN.

Times come from the program's one clock. Staff with an account confirm with its password;
rotating staff without one use a 4–6 digit PIN stored hashed (argon2) on their staff row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.clock import to_local
from desktop.db.models import CheckIn, Staff, User
from desktop.db.notify import notify_roster_changed
from desktop.domain.principal import Principal
from desktop.errors import GovDeskError
from desktop.services.meta import clock_for
from desktop.services.roster_rules import center_of, require_editor

PASSWORD = "password"
PIN = "pin"
_PIN_FORMAT = re.compile(r"\d{4,6}")
_hasher = PasswordHasher()


@dataclass(frozen=True)
class CheckInResult:
    check_in_id: int
    staff_id: int
    staff_name: str
    at: datetime


def set_pin(*, session: Session, principal: Principal, staff_id: int, pin: str) -> None:
    """Give a staff member a new check-in PIN (4–6 digits); a supervisor or admin does it."""
    require_editor(principal)
    staff = session.get(Staff, staff_id)
    if staff is None:
        raise GovDeskError("roster.no_staff")
    if not _PIN_FORMAT.fullmatch(pin or ""):
        raise GovDeskError("roster.bad_pin_format")
    staff.checkin_pin_hash = _hasher.hash(pin)
    session.flush()


def check_in(
    *,
    session: Session,
    principal: Principal,
    center_id: int,
    staff_id: int,
    password: str | None = None,
    pin: str | None = None,
    now: datetime | None = None,
) -> CheckInResult:
    """Record that `staff_id` arrived at the center now; a second check-in today is refused."""
    center_of(session, principal, center_id)
    staff = _confirmed(session, staff_id, password, pin)
    now = now or clock_for(session).now()
    day = to_local(now).date()
    earlier = _today(session, staff_id, day)
    if earlier is not None:
        raise GovDeskError(
            "roster.already_checked_in",
            name=staff.name,
            time=to_local(earlier.checked_in_at).strftime("%H:%M"),
        )
    row = CheckIn(
        center_id=center_id,
        staff_id=staff_id,
        day=day,
        checked_in_at=now,
        method=PASSWORD if password else PIN,
        recorded_by=principal.user_id,
    )
    session.add(row)
    session.flush()
    notify_roster_changed(session)
    return CheckInResult(row.id, staff_id, staff.name, now)


def check_out(
    *,
    session: Session,
    principal: Principal,
    center_id: int,
    staff_id: int,
    password: str | None = None,
    pin: str | None = None,
    now: datetime | None = None,
) -> CheckInResult:
    """Record that `staff_id` left; refused without a check-in today or after a check-out."""
    center_of(session, principal, center_id)
    staff = _confirmed(session, staff_id, password, pin)
    now = now or clock_for(session).now()
    row = _today(session, staff_id, to_local(now).date())
    if row is None or row.center_id != center_id:
        raise GovDeskError("roster.not_checked_in", name=staff.name)
    if row.checked_out_at is not None:
        raise GovDeskError(
            "roster.already_checked_out",
            name=staff.name,
            time=to_local(row.checked_out_at).strftime("%H:%M"),
        )
    row.checked_out_at = now
    session.flush()
    notify_roster_changed(session)
    return CheckInResult(row.id, staff_id, staff.name, now)


def _today(session: Session, staff_id: int, day) -> CheckIn | None:
    return session.scalars(
        select(CheckIn).where(CheckIn.staff_id == staff_id, CheckIn.day == day)
    ).one_or_none()


def _confirmed(session: Session, staff_id: int, password: str | None, pin: str | None) -> Staff:
    """The staff member, if the password of their account or their PIN matches."""
    staff = session.get(Staff, staff_id)
    if staff is None or not staff.active:
        raise GovDeskError("roster.no_staff")
    if password:
        hashes = session.scalars(
            select(User.password_hash).where(User.staff_id == staff_id, User.active.is_(True))
        ).all()
        if not any(_matches(h, password) for h in hashes):
            raise GovDeskError("roster.bad_confirmation")
    elif pin:
        if staff.checkin_pin_hash is None or not _matches(staff.checkin_pin_hash, pin):
            raise GovDeskError("roster.bad_confirmation")
    else:
        raise GovDeskError("roster.confirmation_required")
    return staff


def _matches(stored: str, given: str) -> bool:
    try:
        return _hasher.verify(stored, given)
    except (VerificationError, InvalidHashError):
        return False
