"""What a case list can ask for (filters, named queues, sorts) as SQL conditions.

Shared by the queue service and the claim service; every statement is scoped through
desktop.services.scoping.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    bindparam,
    case,
    exists,
    false,
    null,
    or_,
    select,
    true,
)

from desktop.clock import local_midnight
from desktop.db.models import Case, CaseTask, Category, Grid, User
from desktop.db.models.cases import due_order
from desktop.domain.enums import (
    ACTIVE_TASK_STATUSES,
    OPEN_STATUSES,
    RISK_ORDER,
    Channel,
    DeadlineColour,
    NamedQueue,
    Risk,
    Status,
    SupervisionLevel,
    TaskRole,
    TaskStatus,
)
from desktop.domain.principal import Principal
from desktop.domain.queues import DeadlineCondition, TaskCondition, queue_def
from desktop.services.case_search import text_condition
from desktop.services.claim_lapse import ClaimCutoffs, claimed_by_user
from desktop.services.scoping import scope_cases
from desktop.services.supervision import CardCutoffs, supervision_condition

Cursor = tuple[Any, int]  # (sort key value, case id) of a row, as the database returned it


@dataclass(frozen=True)
class CaseFilter:
    """What to list; an empty set means "any". Any iterable is accepted and frozen."""

    queue: NamedQueue | None = None
    statuses: frozenset[Status] = frozenset()
    category_ids: frozenset[int] = frozenset()  # a top-level category includes its children
    channels: frozenset[Channel] = frozenset()
    street_ids: frozenset[int] = frozenset()
    grid_ids: frozenset[int] = frozenset()  # a grid includes its micro-grids
    risks: frozenset[Risk] = frozenset()
    deadline_colour: DeadlineColour | None = None  # only open cases with a running clock
    received_from: date | None = None  # China-time dates, both inclusive
    received_to: date | None = None
    supervision: SupervisionLevel | None = None  # the automatic 督办 level, exactly
    text: str = ""  # see desktop.services.case_search
    # An explicit list of cases (a report's drill-down, a map's grid): None means any, an
    # empty set means none. Scoped like every other condition: ids the principal may not see
    # are simply not listed.
    ids: frozenset[int] | None = None

    def __post_init__(self) -> None:
        for name in ("statuses", "category_ids", "channels", "street_ids", "grid_ids", "risks"):
            object.__setattr__(self, name, frozenset(getattr(self, name)))
        if self.ids is not None:
            object.__setattr__(self, "ids", frozenset(int(i) for i in self.ids))
        object.__setattr__(self, "text", self.text.strip())


class SortKey(StrEnum):
    RECEIVED_AT = "received_at"
    DUE_AT = "due_at"  # cases without a deadline last (first when descending)
    NUMBER = "number"
    RISK = "risk"  # by severity: normal < yellow < orange < red
    UPDATED_AT = "updated_at"


@dataclass(frozen=True)
class Sort:
    """A sort column and direction; the case id is always appended, in the same direction."""

    key: SortKey = SortKey.RECEIVED_AT
    descending: bool = False


BY_RECEIPT = Sort()  # oldest first


# ---------------------------------------------------------------------------- conditions


def _strs(values: Iterable[Any]) -> list[str]:
    # Plain str values, sorted so that equal filters compile to equal (cached) statements.
    return sorted(str(v) for v in values)


def _running_clock() -> ColumnElement[bool]:
    return and_(Case.status.in_(_strs(OPEN_STATUSES)), Case.suspended_at.is_(None))


def colour_condition(colour: DeadlineColour, now: datetime) -> ColumnElement[bool]:
    """Open, not suspended cases whose running clock has this colour at `now`."""
    if colour == DeadlineColour.RED:
        cond = Case.due_at <= now
    elif colour == DeadlineColour.YELLOW:
        cond = and_(Case.warn_at <= now, Case.due_at > now)
    else:
        cond = and_(Case.due_at > now, or_(Case.warn_at.is_(None), Case.warn_at > now))
    return and_(_running_clock(), cond)


def colour_expression(now: datetime) -> ColumnElement[str | None]:
    """The colour as a column, from the same conditions as the filter (one definition)."""
    return case(
        *((colour_condition(c, now), str(c)) for c in DeadlineColour),
        else_=null(),
    )


_DEADLINE_COLOUR = {
    DeadlineCondition.DUE_SOON: DeadlineColour.YELLOW,
    DeadlineCondition.OVERDUE: DeadlineColour.RED,
}


def _department_tasks(principal: Principal, statuses: Iterable[TaskStatus]) -> Any:
    return select(CaseTask.case_id).where(
        CaseTask.department_id == principal.department_id,
        CaseTask.status.in_(_strs(statuses)),
    )


def _mine(principal: Principal, claims: ClaimCutoffs) -> ColumnElement[bool]:
    claimed = claimed_by_user(principal.user_id, claims)  # a lapsed claim is nobody's
    if principal.department_id is None:
        return claimed
    staff_id = select(User.staff_id).where(User.id == principal.user_id).scalar_subquery()
    tasks = _department_tasks(principal, ACTIVE_TASK_STATUSES).where(
        or_(CaseTask.assignee_id.is_(None), CaseTask.assignee_id == staff_id)
    )
    return or_(claimed, Case.id.in_(tasks))


def queue_condition(
    principal: Principal, queue: NamedQueue, now: datetime, claims: ClaimCutoffs | None = None
) -> ColumnElement[bool]:
    """The membership condition of a named queue for this principal (scoping not included).

    `claims`: the claim cut-offs at now (desktop.services.claim_lapse.claim_cutoffs); without
    them 我的待办 assumes every center's default lapse.
    """
    spec = queue_def(queue)
    conds: list[ColumnElement[bool]] = []
    if spec.statuses is not None:
        conds.append(Case.status.in_(_strs(spec.statuses)))
    if spec.task == TaskCondition.DEPT_TO_SIGN:
        if principal.department_id is None:
            return false()
        conds.append(Case.id.in_(_department_tasks(principal, [TaskStatus.DISPATCHED])))
    elif spec.task == TaskCondition.NO_ACTIVE_LEAD:
        active_lead = exists().where(
            CaseTask.case_id == Case.id,
            CaseTask.role == str(TaskRole.LEAD),
            CaseTask.status.in_(_strs(ACTIVE_TASK_STATUSES)),
        )
        conds.append(~active_lead)
    if spec.deadline is not None:
        conds.append(colour_condition(_DEADLINE_COLOUR[spec.deadline], now))
    if spec.supervised is not None:
        conds.append(Case.supervised.is_(spec.supervised))
    if spec.mine:
        conds.append(_mine(principal, claims or ClaimCutoffs.uniform(now)))
    return and_(true(), *conds)


def ids_condition(ids: frozenset[int]) -> ColumnElement[bool]:
    # Rendered inline (they are integers): a drill-down may name more ids than SQLite's
    # 32,766 bound parameters.
    values = bindparam("case_ids", sorted(ids), expanding=True, literal_execute=True)
    return Case.id.in_(values)


def filter_conditions(
    principal: Principal,
    flt: CaseFilter,
    now: datetime,
    cards: CardCutoffs | None = None,
    walk_receipt: bool = False,
    claims: ClaimCutoffs | None = None,
) -> list[ColumnElement[bool]]:
    """The filter as conditions; `cards` (the 督办 cut-offs at now) only if it filters by level.

    `walk_receipt`: a page in receipt order is wanted, and SQLite should walk the receipt
    index rather than the street index. Given the street index it sorts every case of the
    street (0.9–1.8 s for 100,000 at a million); walking receipts it stops after one page
    (under 12 ms). Written `street_id + 0`, the condition cannot use an index.
    """
    conds: list[ColumnElement[bool]] = []
    if flt.ids is not None:
        conds.append(ids_condition(flt.ids) if flt.ids else false())
    if flt.queue is not None:
        conds.append(queue_condition(principal, flt.queue, now, claims))
    if flt.statuses:
        conds.append(Case.status.in_(_strs(flt.statuses)))
    if flt.category_ids:
        ids = sorted(flt.category_ids)
        tree = select(Category.id).where(or_(Category.id.in_(ids), Category.parent_id.in_(ids)))
        conds.append(Case.category_id.in_(tree))
    if flt.channels:
        conds.append(Case.channel.in_(_strs(flt.channels)))
    if flt.street_ids:
        street = Case.street_id + 0 if walk_receipt else Case.street_id
        conds.append(street.in_(sorted(flt.street_ids)))
    if flt.grid_ids:
        ids = sorted(flt.grid_ids)
        grids = select(Grid.id).where(or_(Grid.id.in_(ids), Grid.parent_id.in_(ids)))
        conds.append(Case.grid_id.in_(grids))
    if flt.risks:
        conds.append(Case.risk.in_(_strs(flt.risks)))
    if flt.deadline_colour is not None:
        conds.append(colour_condition(flt.deadline_colour, now))
    if flt.received_from is not None:
        conds.append(Case.received_at >= local_midnight(flt.received_from))
    if flt.received_to is not None:
        conds.append(Case.received_at < local_midnight(flt.received_to + timedelta(days=1)))
    if flt.supervision is not None:
        if cards is None:
            raise ValueError("a supervision filter needs the card cut-offs")
        conds.append(supervision_condition(flt.supervision, cards))
    if flt.text:
        conds.append(text_condition(flt.text, principal))
    return conds


def scoped_select(
    principal: Principal,
    flt: CaseFilter,
    now: datetime,
    *columns: Any,
    cards: CardCutoffs | None = None,
    walk_receipt: bool = False,
    claims: ClaimCutoffs | None = None,
) -> Select:
    """SELECT columns FROM cases, filtered and scoped: the one entry point of this module."""
    conds = filter_conditions(principal, flt, now, cards, walk_receipt, claims)
    stmt = select(*columns).select_from(Case).where(*conds)
    return scope_cases(stmt, principal)


# ---------------------------------------------------------------------------- sorting


def sort_expression(key: SortKey) -> ColumnElement[Any]:
    if key == SortKey.DUE_AT:
        return due_order(Case.due_at)
    if key == SortKey.RISK:
        return case({str(r): rank for rank, r in enumerate(RISK_ORDER)}, value=Case.risk, else_=0)
    return {
        SortKey.RECEIVED_AT: Case.received_at,
        SortKey.NUMBER: Case.number,
        SortKey.UPDATED_AT: Case.updated_at,
    }[SortKey(key)]
