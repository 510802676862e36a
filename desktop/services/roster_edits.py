"""Changes to a month's rota, each recorded: direct edits, 换班, 请假, 代班, and publishing.

Every change writes `rota_edits` rows (who asked, who approved, when, from whom to whom) that
are never updated or deleted. Before a month is published a supervisor may set cells
directly; once published (locked) only swaps, leave and cover change it, and they show as
changes on the grid. Only supervisors and administrators change rotas; the caller owns the
transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.db.models import CaseTask, RotaDuty, RotaEdit, RotaMonth, Staff, Window
from desktop.db.notify import notify_roster_changed
from desktop.domain.enums import ACTIVE_TASK_STATUSES, RotaEditKind
from desktop.domain.principal import Principal
from desktop.domain.roster import month_days
from desktop.errors import GovDeskError
from desktop.services.meta import clock_for
from desktop.services.roster_rules import center_of, require_editor


@dataclass(frozen=True)
class EditResult:
    kind: RotaEditKind
    edits: int  # rota_edits rows written
    days: tuple[date, ...]  # the days changed
    moved_case_ids: tuple[int, ...] = ()  # cases whose task assignee moved (代班)


def month_record(session: Session, center_id: int, day: date) -> RotaMonth | None:
    return session.get(RotaMonth, (center_id, day.replace(day=1)))


def is_published(session: Session, center_id: int, day: date) -> bool:
    record = month_record(session, center_id, day)
    return record is not None and record.published_at is not None


def require_unpublished(session: Session, center_id: int, day: date) -> None:
    """Direct edits (generation, setting a cell, import) are refused in a published month."""
    if is_published(session, center_id, day):
        raise GovDeskError("roster.month_published", month=day.strftime("%Y-%m"))


def publish_month(
    *,
    session: Session,
    principal: Principal,
    center_id: int,
    month: date,
    now: datetime | None = None,
) -> EditResult:
    """Lock a generated month; publishing twice is refused."""
    require_editor(principal)
    center_of(session, principal, center_id)
    record = month_record(session, center_id, month)
    if record is None:
        raise GovDeskError("roster.no_rota", month=month.strftime("%Y-%m"))
    if record.published_at is not None:
        raise GovDeskError("roster.month_published", month=month.strftime("%Y-%m"))
    now = now or clock_for(session).now()
    record.published_at, record.published_by = now, principal.user_id
    record_edits(session, principal, center_id, now, [
        dict(day=record.month, kind=RotaEditKind.PUBLISH)
    ])  # fmt: skip
    return EditResult(RotaEditKind.PUBLISH, 1, (record.month,))


def set_duty(
    *,
    session: Session,
    principal: Principal,
    duty_id: int,
    staff_id: int | None,
    note: str | None = None,
    now: datetime | None = None,
) -> EditResult:
    """Name the person of one duty (None leaves it a gap); unpublished months only."""
    require_editor(principal)
    duty = _duty(session, principal, duty_id)
    require_unpublished(session, duty.center_id, duty.day)
    if staff_id is not None:
        _check_person(session, staff_id, duty, exclude={duty.id})
    if staff_id == duty.staff_id:
        return EditResult(RotaEditKind.EDIT, 0, ())
    row = _cell_edit(duty, RotaEditKind.EDIT, duty.staff_id, staff_id, note=note)
    duty.staff_id = staff_id
    return _done(session, principal, duty.center_id, now, RotaEditKind.EDIT, [row])


def add_duty(
    *,
    session: Session,
    principal: Principal,
    center_id: int,
    day: date,
    window_id: int | None,
    department_id: int,
    staff_id: int | None,
    note: str | None = None,
    now: datetime | None = None,
) -> EditResult:
    """Put one more duty on a day (a window and a department); unpublished months only."""
    require_editor(principal)
    center_of(session, principal, center_id)
    require_unpublished(session, center_id, day)
    if month_record(session, center_id, day) is None:
        raise GovDeskError("roster.no_rota", month=day.strftime("%Y-%m"))
    if window_id is not None:
        window = session.get(Window, window_id)
        if window is None or window.center_id != center_id:
            raise GovDeskError("roster.bad_window")
    duty = RotaDuty(center_id=center_id, day=day, window_id=window_id,
                    department_id=department_id, staff_id=None)  # fmt: skip
    if staff_id is not None:
        _check_person(session, staff_id, duty, exclude=set())
    duty.staff_id = staff_id
    session.add(duty)
    row = _cell_edit(duty, RotaEditKind.EDIT, None, staff_id, note=note)
    return _done(session, principal, center_id, now, RotaEditKind.EDIT, [row])


def swap(
    *,
    session: Session,
    principal: Principal,
    duty_id: int,
    other_duty_id: int,
    asked_by: int | None = None,
    note: str | None = None,
    now: datetime | None = None,
) -> EditResult:
    """换班: the people of two duties exchange them (same department, no double booking)."""
    require_editor(principal)
    first, second = _duty(session, principal, duty_id), _duty(session, principal, other_duty_id)
    if first.center_id != second.center_id or first.id == second.id:
        raise GovDeskError("roster.bad_swap")
    if first.staff_id is None or second.staff_id is None or first.staff_id == second.staff_id:
        raise GovDeskError("roster.bad_swap")
    a, b = first.staff_id, second.staff_id
    _check_person(session, b, first, exclude={first.id, second.id})
    _check_person(session, a, second, exclude={first.id, second.id})
    asker = asked_by if asked_by is not None else a
    _check_asker(asker, (a, b))
    rows = [_cell_edit(first, RotaEditKind.SWAP, a, b, asked_by=asker, note=note),
            _cell_edit(second, RotaEditKind.SWAP, b, a, asked_by=asker, note=note)]  # fmt: skip
    first.staff_id, second.staff_id = b, a
    return _done(session, principal, first.center_id, now, RotaEditKind.SWAP, rows)


def leave(
    *,
    session: Session,
    principal: Principal,
    center_id: int,
    staff_id: int,
    first: date,
    last: date,
    asked_by: int | None = None,
    note: str | None = None,
    now: datetime | None = None,
) -> EditResult:
    """请假: the person's duties at the center on [first, last] become gaps."""
    require_editor(principal)
    center_of(session, principal, center_id)
    duties = _duties_of(session, center_id, staff_id, first, last)
    asker = asked_by if asked_by is not None else staff_id
    rows = [_cell_edit(d, RotaEditKind.LEAVE, staff_id, None, asked_by=asker, note=note)
            for d in duties]  # fmt: skip
    for duty in duties:
        duty.staff_id = None
    return _done(session, principal, center_id, now, RotaEditKind.LEAVE, rows)


def cover(
    *,
    session: Session,
    principal: Principal,
    center_id: int,
    staff_id: int,
    colleague_id: int,
    first: date,
    last: date,
    move_tasks: bool = False,
    asked_by: int | None = None,
    note: str | None = None,
    now: datetime | None = None,
) -> EditResult:
    """代班: a colleague of the same department takes the person's duties on [first, last].

    With `move_tasks`, the colleague also becomes the assignee of every open (dispatched or
    in progress) task the absent person holds, each logged on its case as a 指定承办人.
    """
    require_editor(principal)
    center_of(session, principal, center_id)
    if colleague_id == staff_id:
        raise GovDeskError("roster.bad_cover")
    duties = _duties_of(session, center_id, staff_id, first, last)
    ids = {d.id for d in duties}
    for duty in duties:
        _check_person(session, colleague_id, duty, exclude=ids)
    asker = asked_by if asked_by is not None else staff_id
    rows = [_cell_edit(d, RotaEditKind.COVER, staff_id, colleague_id, asked_by=asker, note=note)
            for d in duties]  # fmt: skip
    for duty in duties:
        duty.staff_id = colleague_id
    moved: list[int] = []
    if move_tasks:
        moved = _move_tasks(session, principal, staff_id, colleague_id, now)
        rows[0]["tasks_moved"] = len(moved)
    result = _done(session, principal, center_id, now, RotaEditKind.COVER, rows)
    return EditResult(result.kind, result.edits, result.days, tuple(moved))


def _move_tasks(session, principal, staff_id, colleague_id, now) -> list[int]:
    from desktop.services.dispatch import assign  # dispatch imports the roster: import late

    tasks = session.execute(
        select(CaseTask.id, CaseTask.case_id)
        .where(CaseTask.assignee_id == staff_id, CaseTask.status.in_(ACTIVE_TASK_STATUSES))
        .order_by(CaseTask.case_id, CaseTask.id)
    ).all()
    for task_id, case_id in tasks:
        assign(session=session, principal=principal, case_id=case_id, task_id=task_id,
               staff_id=colleague_id, now=now)  # fmt: skip
    return sorted({case_id for _, case_id in tasks})


def _duty(session: Session, principal: Principal, duty_id: int) -> RotaDuty:
    duty = session.get(RotaDuty, duty_id)
    if duty is None:
        raise GovDeskError("roster.no_duty")
    center_of(session, principal, duty.center_id)
    return duty


def _duties_of(session, center_id, staff_id, first, last) -> list[RotaDuty]:
    if last < first:
        raise GovDeskError("roster.bad_days")
    duties = list(
        session.scalars(
            select(RotaDuty)
            .where(RotaDuty.center_id == center_id, RotaDuty.staff_id == staff_id,
                   RotaDuty.day >= first, RotaDuty.day <= last)
            .order_by(RotaDuty.day, RotaDuty.id)
        )
    )  # fmt: skip
    if not duties:
        name = session.get(Staff, staff_id)
        raise GovDeskError("roster.nothing_due", name=name.name if name else str(staff_id))
    return duties


def _check_person(session: Session, staff_id: int, duty: RotaDuty, *, exclude: set[int]) -> None:
    """The person is active staff of the duty's department and due nowhere else that day."""
    staff = session.get(Staff, staff_id)
    if staff is None or not staff.active:
        raise GovDeskError("roster.no_staff")
    if staff.department_id != duty.department_id:
        raise GovDeskError("roster.staff_not_in_department", staff_id=staff_id)
    elsewhere = session.scalar(
        select(RotaDuty.id).where(RotaDuty.staff_id == staff_id, RotaDuty.day == duty.day,
                                  RotaDuty.id.not_in(exclude or {0})).limit(1)
    )  # fmt: skip
    if elsewhere is not None:
        raise GovDeskError("roster.already_due", name=staff.name, day=duty.day.isoformat())


def _check_asker(asker: int, people: Sequence[int]) -> None:
    if asker not in people:
        raise GovDeskError("roster.bad_swap")


def _cell_edit(duty: RotaDuty, kind: RotaEditKind, before, after, **extra) -> dict:
    return dict(day=duty.day, kind=kind, department_id=duty.department_id,
                window_id=duty.window_id, from_staff_id=before, to_staff_id=after, **extra)  # fmt: skip


def _done(session, principal, center_id, now, kind, rows) -> EditResult:
    now = now or clock_for(session).now()
    record_edits(session, principal, center_id, now, rows)
    return EditResult(kind, len(rows), tuple(sorted({r["day"] for r in rows})))


def record_edits(session, principal, center_id, now, rows: list[dict]) -> None:
    """Append the rows as one step (the first row's id); flags those after publishing."""
    published = {}
    step = None
    for values in rows:
        month = values["day"].replace(day=1)
        if month not in published:
            record = session.get(RotaMonth, (center_id, month))
            published[month] = bool(record and record.published_at and
                                    values["kind"] != RotaEditKind.PUBLISH)  # fmt: skip
        edit = RotaEdit(center_id=center_id, approved_by=principal.user_id or None, at=now, step=step,
                        after_publishing=published[month], **{**values,
                                                              "kind": str(values["kind"])})  # fmt: skip
        session.add(edit)
        if step is None:
            session.flush()
            step = edit.id
            edit.step = step
    session.flush()
    notify_roster_changed(session)


def month_span(month: date) -> tuple[date, date]:
    days = month_days(month)
    return days[0], days[-1]
