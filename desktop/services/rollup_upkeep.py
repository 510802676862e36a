"""Keeps the report rollup current in the transaction of every change that moves a figure.

Every workflow service (intake, 受理, 派单, 退单, 办结, 回访, 延期, 挂起, 合并, edits …) changes
cases and sub-tasks through the ORM session, so one pair of flush hooks covers them all,
including changes a future service makes: before a flush, the contributions of the cases
about to change are read as the database holds them (what the rollup counts now); after it,
as it holds them then; the difference is added to the rollup on the same connection. A
change to the category tree or the working-day calendar recounts the whole rollup.

Installed on every Session by importing desktop.services (see its __init__). Changes made
with bulk SQL bypass it: the demo loader and claims (which touch no counted column) do.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from desktop.db.models import CalendarDay, Case, CaseTask, Category
from desktop.services import report_rollup

_CASE_FIELDS = tuple(c.key for c in report_rollup.FACT_COLUMNS if c.key != "id")
_TASK_FIELDS = ("case_id", "department_id", "role", "status")
_PENDING = "report_rollup_pending"


@dataclass
class _Pending:
    old: report_rollup.Counts
    case_ids: set[int]
    fresh: list[Case] = field(default_factory=list)
    rebuild: bool = False


def _changed(obj, names) -> bool:
    attrs = inspect(obj).attrs
    return any(attrs[name].history.has_changes() for name in names)


@event.listens_for(Session, "before_flush")
def _before_flush(session: Session, _context, _instances) -> None:
    session.info.pop(_PENDING, None)  # left by a flush that failed half-way
    ids: set[int] = set()
    fresh: list[Case] = []
    rebuild = False
    for obj in session.new:
        if isinstance(obj, Case):
            fresh.append(obj)
        elif isinstance(obj, CaseTask) and obj.case_id is not None:
            ids.add(obj.case_id)
        elif isinstance(obj, CalendarDay):
            rebuild = True
    for obj in session.dirty:
        if isinstance(obj, Case) and _changed(obj, _CASE_FIELDS):
            ids.add(obj.id)
        elif isinstance(obj, CaseTask) and _changed(obj, _TASK_FIELDS):
            ids.add(obj.case_id)
            old_case = inspect(obj).attrs.case_id.history.deleted
            ids.update(i for i in old_case if i is not None)
        elif isinstance(obj, Category) and _changed(obj, ("parent_id", "is_dispute")):
            rebuild = True
        elif isinstance(obj, CalendarDay) and _changed(obj, ("day", "kind")):
            rebuild = True
    for obj in session.deleted:
        if isinstance(obj, CaseTask | Case):
            ids.add(obj.case_id if isinstance(obj, CaseTask) else obj.id)
        elif isinstance(obj, CalendarDay | Category):
            rebuild = True
    ids.discard(None)
    if not (ids or fresh or rebuild):
        return
    conn = session.connection()
    if not report_rollup.is_built(conn):
        return  # not built yet: desktop.db.migrate or the demo loader builds it whole
    old = {} if rebuild else report_rollup.counts_for(conn, ids, report_rollup.Context.load(conn))
    session.info[_PENDING] = _Pending(old, ids, fresh, rebuild)


@event.listens_for(Session, "after_flush")
def _after_flush(session: Session, _context) -> None:
    pending: _Pending | None = session.info.pop(_PENDING, None)
    if pending is None:
        return
    conn = session.connection()
    if pending.rebuild:
        report_rollup.rebuild(conn)
        return
    ids = pending.case_ids | {case.id for case in pending.fresh}
    new = report_rollup.counts_for(conn, ids, report_rollup.Context.load(conn))
    report_rollup.apply(conn, report_rollup.difference(new, pending.old))
