"""Deadline rules applied to cases and sub-tasks, and 期限重算 after a calendar change."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from desktop.db.models import CalendarDay, Case, CaseTask, Category, DeadlineRule
from desktop.domain.enums import (
    ACTIVE_TASK_STATUSES,
    OPEN_STATUSES,
    ClockKind,
    DayKind,
    DeadlineUnit,
    EventKind,
)
from desktop.domain.workdays import Deadline, WorkCalendar, compute_deadline
from desktop.services.case_log import append_event

# Used when neither the category nor its parent has a rule for a clock.
DEFAULT_RULES = {
    ClockKind.ACCEPT: (EventKind.REGISTER, 3, DeadlineUnit.WORKDAY),
    ClockKind.SIGN: (EventKind.DISPATCH, 1, DeadlineUnit.WORKDAY),
    ClockKind.RESOLVE: (EventKind.ACCEPT, 30, DeadlineUnit.DAY),  # ordinary mediation
}


def load_calendar(session: Session) -> WorkCalendar:
    rows = session.execute(select(CalendarDay.day, CalendarDay.kind)).all()
    return WorkCalendar({day: kind == DayKind.WORKDAY for day, kind in rows})


def rule_for(session: Session, category_id: int, clock: ClockKind) -> tuple[str, int, str]:
    """(start event, amount, unit) of the category's rule, else its parent's, else the default."""
    category = session.get(Category, category_id)
    for cid in (category_id, category.parent_id if category else None):
        if cid is None:
            continue
        rule = session.scalars(
            select(DeadlineRule).where(DeadlineRule.category_id == cid, DeadlineRule.clock == clock)
        ).one_or_none()
        if rule is not None:
            return rule.start_event, rule.amount, rule.unit
    start, amount, unit = DEFAULT_RULES[clock]
    return str(start), amount, str(unit)


def start_clock(
    target: Case | CaseTask, clock: ClockKind, start: datetime, deadline: Deadline
) -> None:
    target.clock = str(clock)
    target.clock_started_at = start
    target.paused_seconds = 0
    _apply(target, deadline)


def _apply(target: Case | CaseTask, deadline: Deadline) -> None:
    target.due_at = deadline.due_at
    target.warn_at = deadline.warn_at
    target.due_provisional = deadline.provisional


def deadline_for(
    session: Session, calendar: WorkCalendar, category_id: int, clock: ClockKind, start: datetime
) -> Deadline:
    _, amount, unit = rule_for(session, category_id, clock)
    return compute_deadline(start, amount, DeadlineUnit(unit), calendar)


def set_explicit_due(target: Case | CaseTask, due_at: datetime) -> None:
    """A supervisor's date (延期): no longer provisional; warning keeps the 80 % ratio."""
    start = target.clock_started_at or due_at
    span = max(due_at - start, timedelta(0))
    target.due_at = due_at
    target.warn_at = start + span * 0.8
    target.due_provisional = False


def recompute_provisional(
    *, session: Session, actor_id: int | None, now: datetime
) -> list[int]:
    """Recompute every open provisional deadline after the calendar changed (期限重算)."""
    calendar = load_calendar(session)
    changed: set[int] = set()
    cases = session.scalars(
        select(Case).where(Case.due_provisional.is_(True), Case.status.in_(OPEN_STATUSES))
    ).all()
    for case in cases:
        old_due = _recompute(session, calendar, case, case.category_id)
        if old_due is not _UNCHANGED:
            _log_recompute(session, case, None, old_due, actor_id, now)
            changed.add(case.id)
    tasks = session.execute(
        select(CaseTask, Case)
        .join(Case, Case.id == CaseTask.case_id)
        .where(
            CaseTask.due_provisional.is_(True),
            or_(*(CaseTask.status == s for s in ACTIVE_TASK_STATUSES)),
        )
    ).all()
    for task, case in tasks:
        old_due = _recompute(session, calendar, task, case.category_id)
        if old_due is not _UNCHANGED:
            _log_recompute(session, case, task, old_due, actor_id, now)
            changed.add(case.id)
    return sorted(changed)


_UNCHANGED = object()


def _recompute(session, calendar, target, category_id):
    """The old due time if the deadline moved or stopped being provisional, else _UNCHANGED."""
    if target.clock is None or target.clock_started_at is None:
        return _UNCHANGED
    old = (target.due_at, target.due_provisional)
    fresh = deadline_for(
        session, calendar, category_id, ClockKind(target.clock), target.clock_started_at
    )
    paused = timedelta(seconds=target.paused_seconds or 0)
    _apply(target, Deadline(fresh.due_at + paused, fresh.warn_at + paused, fresh.provisional))
    return old[0] if (target.due_at, target.due_provisional) != old else _UNCHANGED


def _log_recompute(session, case, task, old_due, actor_id, now) -> None:
    target = task or case
    data = {
        "old_due": old_due.isoformat() if old_due else None,
        "new_due": target.due_at.isoformat(),
        "provisional": target.due_provisional,
    }
    append_event(
        session, case, EventKind.RECOMPUTE_DEADLINE, actor_id=actor_id, at=now,
        task_id=task.id if task else None, data=data,
    )
    case.updated_at = now
