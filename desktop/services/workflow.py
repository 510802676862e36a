"""Case-level workflow actions: 受理, 不予受理, 分流, 就地办结, 处置记录, 督办, 挂起/恢复, 回访, 合并.

Every function checks the actor's role and scope, changes the case and appends its event in
the caller's transaction, and returns a Change. Dispatch and department actions are in
desktop/services/dispatch.py; extensions in desktop/services/extensions.py.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.db.models import Case, CaseTask
from desktop.domain.enums import (
    ACTIVE_TASK_STATUSES,
    ClockKind,
    EventKind,
    Level,
    Result,
    Satisfaction,
    Status,
)
from desktop.domain.principal import Principal
from desktop.domain.risk import higher, risk_for_repeats
from desktop.errors import GovDeskError
from desktop.services import deadlines
from desktop.services.case_log import append_event
from desktop.services.scoping import get_visible_case
from desktop.services.transition import Change, Step, begin, require_text


def accept(*, session: Session, principal: Principal, case_id: int,
           expected_version: int | None = None, note: str | None = None,
           now: datetime | None = None) -> Change:
    step = begin(session, principal, case_id, EventKind.ACCEPT,
                 expected_version=expected_version, now=now)
    case = step.case
    case.accepted_at = step.now
    start_resolve_clock(session, case, step.now)
    step.move(Status.ACCEPTED, note=note)
    return step.done()


def start_resolve_clock(session: Session, case: Case, accepted_at: datetime) -> None:
    """The 办结 clock from the rule's starting event (受理 for most, 登记 for some statutes)."""
    start_event, _, _ = deadlines.rule_for(session, case.category_id, ClockKind.RESOLVE)
    start = case.received_at if start_event == EventKind.REGISTER else accepted_at
    calendar = deadlines.load_calendar(session)
    deadlines.start_clock(
        case, ClockKind.RESOLVE, start,
        deadlines.deadline_for(session, calendar, case.category_id, ClockKind.RESOLVE, start),
    )


def reject(*, session: Session, principal: Principal, case_id: int, reason: str,
           expected_version: int | None = None, now: datetime | None = None) -> Change:
    step = begin(session, principal, case_id, EventKind.REJECT,
                 expected_version=expected_version, now=now)
    reason = require_text(reason, "reason")
    _stop_clock(step.case)
    step.case.closed_at = step.now
    step.move(Status.REJECTED, note=reason)
    return step.done()


def set_level(*, session: Session, principal: Principal, case_id: int, level: Level,
              note: str | None = None, expected_version: int | None = None,
              now: datetime | None = None) -> Change:
    """分流: which level handles the case (网格/村社, 镇街, 县级, 上报)."""
    step = begin(session, principal, case_id, EventKind.SET_LEVEL,
                 expected_version=expected_version, now=now)
    old = step.case.level
    step.case.level = str(Level(level))
    step.log(note=note, data={"from": old, "to": step.case.level})
    return step.done()


def resolve_on_spot(*, session: Session, principal: Principal, case_id: int, result: Result,
                    note: str | None = None, expected_version: int | None = None,
                    now: datetime | None = None) -> Change:
    """就地办结 at the desk or in the grid, without dispatching."""
    step = begin(session, principal, case_id, EventKind.RESOLVE_ON_SPOT,
                 expected_version=expected_version, now=now)
    return resolve_case(step, result, note)


def resolve_case(step: Step, result: Result | None, note: str | None,
                 task_id: int | None = None) -> Change:
    """Mark the case resolved (first 办结 kept for the reports) and close its repeats."""
    if result is None:
        raise GovDeskError("workflow.result_required")
    case = step.case
    case.result = str(Result(result))
    case.resolved_at = step.now
    if case.first_resolved_at is None:
        case.first_resolved_at = step.now
    on_time = case.due_at is None or step.now <= case.due_at
    _stop_clock(case)
    step.move(Status.RESOLVED, note=note, task_id=task_id,
              data={"result": case.result, "due_at": case.due_at, "on_time": on_time})
    repeats = _follow_original(step, Status.RESOLVED)
    return step.done(*repeats)


def _stop_clock(case: Case) -> None:
    """The deadline in force stays on the row (按期 is judged against it); no clock runs."""
    case.clock = None
    case.suspended_at = None


def _follow_original(step: Step, status: Status) -> list[int]:
    return close_repeats(step.session, step.case, status, step.principal, step.now)


def close_repeats(session: Session, original: Case, status: Status, principal: Principal,
                  now: datetime) -> list[int]:
    """Open repeats (重复件) linked to `original` are closed with it."""
    repeats = session.scalars(
        select(Case).where(Case.repeat_of_id == original.id,
                           Case.status.in_([Status.REGISTERED, Status.ACCEPTED]))
    ).all()
    for repeat in repeats:
        old = repeat.status
        repeat.status = str(status)
        repeat.result = original.result
        repeat.resolved_at = original.resolved_at
        repeat.first_resolved_at = repeat.first_resolved_at or original.resolved_at
        repeat.closed_at = now if status == Status.CLOSED else None
        repeat.updated_at = now
        _stop_clock(repeat)
        append_event(session, repeat, EventKind.CLOSE_WITH_ORIGINAL, actor_id=principal.user_id,
                     at=now, from_status=old, to_status=str(status),
                     data={"original": original.number})
    return [r.id for r in repeats]


def add_note(*, session: Session, principal: Principal, case_id: int, note: str,
             task_id: int | None = None, expected_version: int | None = None,
             now: datetime | None = None) -> Change:
    """处置记录: a note on the timeline; no status change."""
    step = begin(session, principal, case_id, EventKind.NOTE,
                 expected_version=expected_version, now=now)
    step.log(note=require_text(note, "note"), task_id=task_id)
    return step.done()


def supervise(*, session: Session, principal: Principal, case_id: int, note: str,
              expected_version: int | None = None, now: datetime | None = None) -> Change:
    """督办: flagged until resolved; the yellow/red card level is derived on read."""
    step = begin(session, principal, case_id, EventKind.SUPERVISE,
                 expected_version=expected_version, now=now)
    step.case.supervised = True
    step.log(note=require_text(note, "note"))
    return step.done()


def suspend(*, session: Session, principal: Principal, case_id: int, reason: str,
            expected_version: int | None = None, now: datetime | None = None) -> Change:
    """挂起: waiting on an outside body; the clock of the case and its tasks stops."""
    step = begin(session, principal, case_id, EventKind.SUSPEND,
                 expected_version=expected_version, now=now)
    if step.case.suspended_at is not None:
        raise GovDeskError("workflow.already_suspended")
    step.case.suspended_at = step.now
    step.log(note=require_text(reason, "reason"))
    return step.done()


def resume(*, session: Session, principal: Principal, case_id: int, note: str | None = None,
           expected_version: int | None = None, now: datetime | None = None) -> Change:
    """恢复: deadlines move on by the time spent suspended."""
    step = begin(session, principal, case_id, EventKind.RESUME,
                 expected_version=expected_version, now=now)
    case = step.case
    if case.suspended_at is None:
        raise GovDeskError("workflow.not_suspended")
    paused = step.now - case.suspended_at
    targets = [case, *session.scalars(select(CaseTask).where(
        CaseTask.case_id == case.id, CaseTask.status.in_(ACTIVE_TASK_STATUSES)))]
    for target in targets:
        _shift(target, paused)
    case.suspended_at = None
    step.log(note=note, data={"paused_seconds": int(paused.total_seconds())})
    return step.done()


def _shift(target, paused: timedelta) -> None:
    if target.due_at is None:
        return
    target.due_at += paused
    target.warn_at += paused
    target.paused_seconds = (target.paused_seconds or 0) + int(paused.total_seconds())


def follow_up(*, session: Session, principal: Principal, case_id: int,
              satisfaction: Satisfaction, note: str | None = None, reopen: bool = False,
              expected_version: int | None = None, now: datetime | None = None) -> Change:
    """回访: records satisfaction and closes; 不满意 may reopen the case instead."""
    step = begin(session, principal, case_id, EventKind.FOLLOW_UP,
                 expected_version=expected_version, now=now)
    case = step.case
    satisfaction = Satisfaction(satisfaction)
    case.satisfaction = str(satisfaction)
    if reopen and satisfaction == Satisfaction.UNSATISFIED:
        step.log(note=note, data={"satisfaction": case.satisfaction, "reopen": True})
        step.kind = EventKind.REOPEN
        case.resolved_at = None
        case.result = None
        start_resolve_clock(session, case, step.now)  # a reopened case gets a fresh limit
        step.move(Status.ACCEPTED, note=note)
        return step.done()
    case.closed_at = step.now
    step.move(Status.CLOSED, note=note, data={"satisfaction": case.satisfaction})
    repeats = _follow_original(step, Status.CLOSED)
    return step.done(*repeats)


def merge(*, session: Session, principal: Principal, case_id: int, original_id: int,
          note: str | None = None, expected_version: int | None = None,
          now: datetime | None = None) -> Change:
    """合并: link a repeat (重复件) to the earlier case; it closes when the original does."""
    step = begin(session, principal, case_id, EventKind.MERGE,
                 expected_version=expected_version, now=now)
    if original_id == case_id:
        raise GovDeskError("workflow.merge_self")
    original = get_visible_case(session, principal, original_id, for_update=True)
    while original.repeat_of_id is not None:  # link to the root of a chain of repeats
        original = get_visible_case(session, principal, original.repeat_of_id, for_update=True)
    if original.id == case_id:
        raise GovDeskError("workflow.merge_self")
    step.case.repeat_of_id = original.id
    step.log(note=note, data={"original": original.number})
    changed = [original.id]
    count = session.scalar(select(func.count()).where(Case.repeat_of_id == original.id))
    raised = higher(original.risk, risk_for_repeats(count))
    if raised != original.risk:
        append_event(session, original, EventKind.RAISE_RISK, actor_id=principal.user_id,
                     at=step.now, data={"from": original.risk, "to": str(raised),
                                        "repeats": count})
        original.risk = str(raised)
        original.updated_at = step.now
    if original.status in (Status.RESOLVED, Status.CLOSED):
        changed += close_repeats(session, original, Status(original.status), principal, step.now)
    return step.done(*changed)
