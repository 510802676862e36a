"""What the 案件 page asks of the database; every function here runs on a worker thread.

Short lookups (the first page, a window of rows, filter choices) go to the read-only worker;
counts and the ordered ids are long reads on the database worker, cancelled when superseded.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from desktop.domain.enums import NamedQueue
from desktop.domain.principal import Principal
from desktop.services.queues import CaseFilter, CaseRow, Sort

FIRST_PAGE = 60  # rows shown at once, before the ordered ids arrive


@dataclass(frozen=True)
class FirstPage:
    rows: tuple[CaseRow, ...]
    has_more: bool
    now: datetime


def first_page(session, principal: Principal, flt: CaseFilter, sort: Sort) -> FirstPage:
    from desktop.services import queues
    from desktop.services.meta import clock_for

    now = clock_for(session).now()
    page = queues.list_page(
        session=session, principal=principal, filter=flt, sort=sort, limit=FIRST_PAGE, now=now
    )
    return FirstPage(page.rows, page.has_more, now)


def ordered_ids(session, principal: Principal, flt: CaseFilter, sort: Sort) -> array[int]:
    from desktop.services import queues

    return queues.ordered_id_array(session=session, principal=principal, filter=flt, sort=sort)


def rows(session, principal: Principal, ids: list[int]) -> list[CaseRow]:
    from desktop.services import queues

    return queues.rows_for_ids(session=session, principal=principal, ids=ids)


def queue_counts(session, principal: Principal) -> dict[NamedQueue, int]:
    from desktop.services.queues import count_queues

    return count_queues(session=session, principal=principal)


def take_next(session, principal: Principal, queue: NamedQueue) -> int | None:
    """取下一件: a claim in a claimable queue, the task's assignee in 部门待签收; the case id."""
    from desktop.services.claims import claim_next
    from desktop.services.task_take import take_next_task

    with session.begin():
        if queue == NamedQueue.DEPT_TO_SIGN:
            change = take_next_task(session=session, principal=principal)
            return change.case_ids[0] if change is not None else None
        return claim_next(session=session, principal=principal, queue=queue)


def may_take_next(queue: NamedQueue | None) -> bool:
    from desktop.domain.queues import queue_def

    return queue is not None and (queue == NamedQueue.DEPT_TO_SIGN or queue_def(queue).claimable)


def choices(session, principal: Principal):
    from desktop.services.filter_choices import filter_choices

    return filter_choices(session=session, principal=principal)


def grids(session, principal: Principal, street_id: int):
    from desktop.services.filter_choices import street_grids

    return street_grids(session=session, principal=principal, street_id=street_id)


def export(progress, factory, principal: Principal, flt: CaseFilter, sort: Sort, path: Path):
    """A long job (the jobs worker): the whole list to .xlsx in a session of its own."""
    from reports.case_list import write_case_list
    from ui import i18n

    with factory() as session:
        return write_case_list(
            session=session, principal=principal, filter=flt, sort=sort, path=path,
            report=progress, cancelled=lambda: progress.cancelled, lang=i18n.labels_lang(),
        )  # fmt: skip
