"""The alert bell: what needs the user, derived from the database when asked (no server
process, so every seat of the user agrees).

Each alert has the instant it arose (`at`); it shows while `at` is after the user's marker
`users.alerts_seen_at` ("since I last looked", set by 全部已读). That one rule serves both kinds
of alert: events (a case sent to my department arose when it was dispatched) and states (a
sign-for deadline within 2 hours arose 2 hours before that deadline; a case turned yellow at
its warning time). A user who never looked sees what arose in the last day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import and_, select, update
from sqlalchemy.orm import Session

from desktop.db.models import Case, CaseTask, ExtensionRequest, User
from desktop.domain.enums import NamedQueue, Role, TaskStatus
from desktop.domain.principal import Principal
from desktop.services.case_filters import CaseFilter, scoped_select
from desktop.services.claims import my_claims
from desktop.services.meta import clock_for

SIGN_SOON = timedelta(hours=2)  # a sign-for deadline this close raises an alert
LAPSE_SOON = timedelta(minutes=5)  # a claim this close to lapsing raises an alert
NEVER_LOOKED = timedelta(days=1)  # how far back a user who never looked is shown
MAX_ALERTS = 50


class AlertKind(StrEnum):
    NEW_CASE = "new_case"  # a case sent to my department
    SIGN_DUE = "sign_due"  # my department's sign-for deadline within 2 hours
    TURNED_YELLOW = "turned_yellow"  # one of my cases
    TURNED_RED = "turned_red"
    EXTENSION = "extension"  # an extension request waiting for my approval
    CLAIM_LAPSING = "claim_lapsing"  # a claim of mine lapses within 5 minutes


@dataclass(frozen=True)
class Alert:
    kind: AlertKind
    case_id: int
    number: str
    title: str
    at: datetime  # when it arose


@dataclass(frozen=True)
class Alerts:
    items: tuple[Alert, ...]  # newest first, at most MAX_ALERTS
    count: int  # all of them
    seen_at: datetime  # the marker they were judged against
    now: datetime


def _visible(principal: Principal, now: datetime, queue: NamedQueue | None = None):
    return scoped_select(principal, CaseFilter(queue=queue), now, Case.id)


def _department_tasks(
    session: Session, principal: Principal, now: datetime, since: datetime
) -> list[Alert]:
    if principal.department_id is None:
        return []
    base = (
        select(CaseTask.dispatched_at, CaseTask.due_at, Case.id, Case.number, Case.title)
        .join(Case, Case.id == CaseTask.case_id)
        .where(
            CaseTask.department_id == principal.department_id,
            CaseTask.case_id.in_(_visible(principal, now)),
        )
    )
    new = base.where(CaseTask.dispatched_at > since, CaseTask.dispatched_at <= now)
    # Arose 2 hours before the deadline: "due_at - 2 h > since" written without timestamp
    # arithmetic in SQL (it differs between the databases).
    due = base.where(
        CaseTask.status == str(TaskStatus.DISPATCHED),
        CaseTask.due_at > now,
        CaseTask.due_at <= now + SIGN_SOON,
        CaseTask.due_at > since + SIGN_SOON,
    )
    return [
        Alert(AlertKind.NEW_CASE, r.id, r.number, r.title, r.dispatched_at)
        for r in session.execute(new)
    ] + [
        Alert(AlertKind.SIGN_DUE, r.id, r.number, r.title, r.due_at - SIGN_SOON)
        for r in session.execute(due)
    ]


def _colours(session: Session, principal: Principal, now: datetime, since: datetime):
    mine = _visible(principal, now, NamedQueue.MY_TODO)
    running = and_(Case.id.in_(mine), Case.suspended_at.is_(None))
    cols = (Case.id, Case.number, Case.title, Case.warn_at, Case.due_at)
    red = select(*cols).where(running, Case.due_at <= now, Case.due_at > since)
    yellow = select(*cols).where(
        running, Case.warn_at <= now, Case.warn_at > since, Case.due_at > now
    )
    return [
        Alert(AlertKind.TURNED_RED, r.id, r.number, r.title, r.due_at) for r in session.execute(red)
    ] + [
        Alert(AlertKind.TURNED_YELLOW, r.id, r.number, r.title, r.warn_at)
        for r in session.execute(yellow)
    ]


def _extensions(session: Session, principal: Principal, now: datetime, since: datetime):
    if not principal.has(Role.SUPERVISOR):
        return []
    stmt = (
        select(ExtensionRequest.requested_at, Case.id, Case.number, Case.title)
        .join(Case, Case.id == ExtensionRequest.case_id)
        .where(
            ExtensionRequest.status == "pending",
            ExtensionRequest.requested_at > since,
            ExtensionRequest.requested_at <= now,
            Case.id.in_(_visible(principal, now)),
        )
    )
    return [
        Alert(AlertKind.EXTENSION, r.id, r.number, r.title, r.requested_at)
        for r in session.execute(stmt)
    ]


def _claims(session: Session, principal: Principal, now: datetime, since: datetime):
    lapsing = [
        (case_id, lapses - LAPSE_SOON)
        for case_id, lapses in my_claims(session=session, principal=principal, now=now)
        if since < lapses - LAPSE_SOON <= now
    ]
    if not lapsing:
        return []
    stmt = select(Case.id, Case.number, Case.title).where(Case.id.in_([c for c, _ in lapsing]))
    names = {r.id: (r.number, r.title) for r in session.execute(stmt)}
    return [Alert(AlertKind.CLAIM_LAPSING, c, *names[c], at) for c, at in lapsing]


def seen_marker(session: Session, principal: Principal, now: datetime) -> datetime:
    seen = session.scalar(select(User.alerts_seen_at).where(User.id == principal.user_id))
    return seen if seen is not None else now - NEVER_LOOKED


def alerts_for(*, session: Session, principal: Principal, now: datetime | None = None) -> Alerts:
    """The user's alerts that arose after their marker, newest first."""
    now = now or clock_for(session).now()
    since = seen_marker(session, principal, now)
    found = (
        _department_tasks(session, principal, now, since)
        + _colours(session, principal, now, since)
        + _extensions(session, principal, now, since)
        + _claims(session, principal, now, since)
    )
    found.sort(key=lambda a: (a.at, a.case_id, a.kind), reverse=True)
    return Alerts(tuple(found[:MAX_ALERTS]), len(found), since, now)


def mark_all_read(*, session: Session, principal: Principal, now: datetime | None = None) -> None:
    """全部已读: everything that arose until now is seen (on every seat of the user)."""
    now = now or clock_for(session).now()
    session.execute(update(User).where(User.id == principal.user_id).values(alerts_seen_at=now))
