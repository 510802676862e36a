"""Listing and counting cases for any filter and sort: keyset pages, counts, ordered ids.

Every statement starts from `scope_cases`, so nothing here can show a case the principal may
not see. Pages are fetched in two steps: the ids of the page (cases table only, so the
database can walk an index and stop after `limit` rows), then the display columns of just
those ids. Rows come back as frozen dataclasses with the applicant's name and phone always
masked: a reveal is a separate, logged action.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    case,
    exists,
    false,
    func,
    literal,
    null,
    or_,
    select,
    true,
    tuple_,
)
from sqlalchemy.orm import Session, aliased

from desktop.clock import local_midnight
from desktop.db.base import UTCDateTime
from desktop.db.models import Case, CaseParty, CaseTask, Category, Grid, Jurisdiction, User
from desktop.domain.enums import (
    ACTIVE_TASK_STATUSES,
    OPEN_STATUSES,
    RISK_ORDER,
    Channel,
    DeadlineColour,
    NamedQueue,
    PartyRole,
    Risk,
    Status,
    TaskRole,
    TaskStatus,
)
from desktop.domain.masking import mask_name, mask_phone
from desktop.domain.principal import Principal
from desktop.domain.queues import DeadlineCondition, TaskCondition, queue_def, queues_for_roles
from desktop.services.meta import clock_for
from desktop.services.scoping import scope_cases

Cursor = tuple[Any, int]  # (sort key value, case id) of a row, as the database returned it

# Cases without a deadline sort after every real one, in both directions' keyset arithmetic:
# a NULL would make the row-value comparison unknown and drop rows from the walk.
_NO_DEADLINE = datetime(9999, 12, 31, tzinfo=UTC)


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
    text: str = ""  # number, title, party name (contains); party phone / ID number (prefix)

    def __post_init__(self) -> None:
        for name in ("statuses", "category_ids", "channels", "street_ids", "grid_ids", "risks"):
            object.__setattr__(self, name, frozenset(getattr(self, name)))
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


@dataclass(frozen=True)
class CaseRow:
    id: int
    number: str
    title: str
    status: Status
    channel: Channel
    category_name: str | None
    street_name: str | None
    grid_name: str | None
    risk: Risk
    received_at: datetime
    due_at: datetime | None
    warn_at: datetime | None
    deadline_colour: DeadlineColour | None  # None: closed, suspended or no deadline
    supervised: bool
    suspended: bool
    claimed_by_id: int | None
    version: int
    applicant_name: str | None  # masked
    applicant_phone: str | None  # masked


@dataclass(frozen=True)
class Page:
    rows: tuple[CaseRow, ...]
    cursor: Cursor | None  # keyset of the last row: pass as `after` for the next page
    first_cursor: Cursor | None  # keyset of the first row: pass as `before` for the previous
    has_more: bool  # rows exist beyond this page in the direction it was fetched
    cursors: tuple[Cursor, ...] = field(default=(), repr=False)  # one per row


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


def _mine(principal: Principal) -> ColumnElement[bool]:
    claimed = Case.claimed_by_id == principal.user_id
    if principal.department_id is None:
        return claimed
    staff_id = select(User.staff_id).where(User.id == principal.user_id).scalar_subquery()
    tasks = _department_tasks(principal, ACTIVE_TASK_STATUSES).where(
        or_(CaseTask.assignee_id.is_(None), CaseTask.assignee_id == staff_id)
    )
    return or_(claimed, Case.id.in_(tasks))


def queue_condition(principal: Principal, queue: NamedQueue, now: datetime) -> ColumnElement[bool]:
    """The membership condition of a named queue for this principal (scoping not included)."""
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
        conds.append(_mine(principal))
    return and_(true(), *conds)


def text_condition(text: str) -> ColumnElement[bool]:
    """Free text: case number, title and party name contain it; phone or ID number start with it.

    Phone and ID number are compared as equality-or-prefix so the indexes on case_parties can
    answer; LIKE wildcards typed by the user are escaped (autoescape).
    """
    text = text.strip()
    upper = text.upper()  # ID numbers are stored with an uppercase check 'X'
    by_number = select(CaseParty.case_id).where(
        or_(
            CaseParty.phone == text,
            CaseParty.phone.startswith(text, autoescape=True),
            CaseParty.id_number == upper,
            CaseParty.id_number.startswith(upper, autoescape=True),
        )
    )
    by_name = select(CaseParty.case_id).where(CaseParty.name.icontains(text, autoescape=True))
    return or_(
        Case.number.icontains(text, autoescape=True),
        Case.title.icontains(text, autoescape=True),
        Case.id.in_(by_number),
        Case.id.in_(by_name),
    )


def filter_conditions(
    principal: Principal, flt: CaseFilter, now: datetime
) -> list[ColumnElement[bool]]:
    conds: list[ColumnElement[bool]] = []
    if flt.queue is not None:
        conds.append(queue_condition(principal, flt.queue, now))
    if flt.statuses:
        conds.append(Case.status.in_(_strs(flt.statuses)))
    if flt.category_ids:
        ids = sorted(flt.category_ids)
        tree = select(Category.id).where(or_(Category.id.in_(ids), Category.parent_id.in_(ids)))
        conds.append(Case.category_id.in_(tree))
    if flt.channels:
        conds.append(Case.channel.in_(_strs(flt.channels)))
    if flt.street_ids:
        conds.append(Case.street_id.in_(sorted(flt.street_ids)))
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
    if flt.text:
        conds.append(text_condition(flt.text))
    return conds


def scoped_select(principal: Principal, flt: CaseFilter, now: datetime, *columns: Any) -> Select:
    """SELECT columns FROM cases, filtered and scoped: the one entry point of this module."""
    stmt = select(*columns).select_from(Case).where(*filter_conditions(principal, flt, now))
    return scope_cases(stmt, principal)


# ---------------------------------------------------------------------------- sorting


def sort_expression(key: SortKey) -> ColumnElement[Any]:
    if key == SortKey.DUE_AT:
        return func.coalesce(Case.due_at, literal(_NO_DEADLINE, UTCDateTime()))
    if key == SortKey.RISK:
        return case({str(r): rank for rank, r in enumerate(RISK_ORDER)}, value=Case.risk, else_=0)
    return {
        SortKey.RECEIVED_AT: Case.received_at,
        SortKey.NUMBER: Case.number,
        SortKey.UPDATED_AT: Case.updated_at,
    }[SortKey(key)]


def _ordered(stmt: Select, sort: Sort, *, reverse: bool = False) -> Select:
    key = sort_expression(sort.key)
    if sort.descending != reverse:
        return stmt.order_by(key.desc(), Case.id.desc())
    return stmt.order_by(key.asc(), Case.id.asc())


def _beyond(sort: Sort, cursor: Cursor, *, reverse: bool = False) -> ColumnElement[bool]:
    # A row-value comparison: one index range on both databases (the OR-expanded form is
    # two orders of magnitude slower on SQLite).
    row = tuple_(sort_expression(sort.key), Case.id)
    value = tuple(cursor)
    return row < value if sort.descending != reverse else row > value


# ---------------------------------------------------------------------------- public API


def _now(session: Session, now: datetime | None) -> datetime:
    if now is None:
        return clock_for(session).now()
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    return now


def list_page(
    *,
    session: Session,
    principal: Principal,
    filter: CaseFilter,
    sort: Sort = BY_RECEIPT,
    after: Cursor | None = None,
    before: Cursor | None = None,
    limit: int = 50,
    now: datetime | None = None,
) -> Page:
    """The `limit` rows following `after` (or preceding `before`; neither: the first page)."""
    if after is not None and before is not None:
        raise ValueError("give after or before, not both")
    backward = before is not None
    now = _now(session, now)
    stmt = scoped_select(principal, filter, now, Case.id, sort_expression(sort.key))
    if after is not None:
        stmt = stmt.where(_beyond(sort, after))
    if before is not None:
        stmt = stmt.where(_beyond(sort, before, reverse=True))
    stmt = _ordered(stmt, sort, reverse=backward).limit(limit + 1)
    return _page(session, principal, session.execute(stmt).all(), limit, backward, now)


def last_page(
    *,
    session: Session,
    principal: Principal,
    filter: CaseFilter,
    sort: Sort = BY_RECEIPT,
    limit: int = 50,
    now: datetime | None = None,
) -> Page:
    """The final `limit` rows in (filter, sort) order: read backwards, then turned round."""
    now = _now(session, now)
    stmt = scoped_select(principal, filter, now, Case.id, sort_expression(sort.key))
    stmt = _ordered(stmt, sort, reverse=True).limit(limit + 1)
    return _page(session, principal, session.execute(stmt).all(), limit, True, now)


def page_by_offset(
    *,
    session: Session,
    principal: Principal,
    filter: CaseFilter,
    sort: Sort = BY_RECEIPT,
    offset: int = 0,
    limit: int = 50,
    now: datetime | None = None,
) -> Page:
    """The same page by OFFSET: slow at depth; kept only as the benchmark's baseline."""
    now = _now(session, now)
    stmt = scoped_select(principal, filter, now, Case.id, sort_expression(sort.key))
    stmt = _ordered(stmt, sort).offset(offset).limit(limit + 1)
    return _page(session, principal, session.execute(stmt).all(), limit, False, now)


def count(
    *, session: Session, principal: Principal, filter: CaseFilter, now: datetime | None = None
) -> int:
    now = _now(session, now)
    return session.scalar(scoped_select(principal, filter, now, func.count(Case.id))) or 0


def ordered_ids(
    *,
    session: Session,
    principal: Principal,
    filter: CaseFilter,
    sort: Sort = BY_RECEIPT,
    now: datetime | None = None,
) -> list[int]:
    """Every matching id in (filter, sort) order, in one query (the table model's backbone)."""
    now = _now(session, now)
    stmt = _ordered(scoped_select(principal, filter, now, Case.id), sort)
    return list(session.scalars(stmt))


def count_queues(
    *, session: Session, principal: Principal, now: datetime | None = None
) -> dict[NamedQueue, int]:
    """Counts of the queues the principal's roles show, in dashboard order; one query each."""
    now = _now(session, now)
    return {
        queue: count(session=session, principal=principal, filter=CaseFilter(queue=queue), now=now)
        for queue in queues_for_roles(principal.roles)
    }


def rows_for_ids(
    *, session: Session, principal: Principal, ids: Sequence[int], now: datetime | None = None
) -> list[CaseRow]:
    """Display rows for these ids, in the order given; invisible or unknown ids are left out."""
    return _load_rows(session, principal, list(ids), _now(session, now))


# ---------------------------------------------------------------------------- rows


def _page(
    session: Session,
    principal: Principal,
    keyed: Sequence[Any],
    limit: int,
    backward: bool,
    now: datetime,
) -> Page:
    has_more = len(keyed) > limit
    keyed = list(keyed[:limit])
    if backward:
        keyed.reverse()
    cursors = tuple((key, case_id) for case_id, key in keyed)
    rows = _load_rows(session, principal, [c[1] for c in cursors], now)
    return Page(
        rows=tuple(rows),
        cursor=cursors[-1] if cursors else None,
        first_cursor=cursors[0] if cursors else None,
        has_more=has_more,
        cursors=cursors,
    )


_ROW_COLUMNS = (
    Case.id,
    Case.number,
    Case.title,
    Case.status,
    Case.channel,
    Case.risk,
    Case.received_at,
    Case.due_at,
    Case.warn_at,
    Case.supervised,
    Case.suspended_at,
    Case.claimed_by_id,
    Case.version,
)


def _load_rows(
    session: Session, principal: Principal, ids: list[int], now: datetime
) -> list[CaseRow]:
    if not ids:
        return []
    street = aliased(Jurisdiction)
    # Plain columns, not entities: an entity already in the caller's identity map would come
    # back with its stale in-memory state.
    stmt = (
        select(
            *_ROW_COLUMNS,
            Category.name.label("category_name"),
            street.name.label("street_name"),
            Grid.name.label("grid_name"),
            colour_expression(now).label("colour"),
        )
        .select_from(Case)
        .outerjoin(Category, Category.id == Case.category_id)
        .outerjoin(street, street.id == Case.street_id)
        .outerjoin(Grid, Grid.id == Case.grid_id)
        .where(Case.id.in_(ids))
    )
    found = {r.id: r for r in session.execute(scope_cases(stmt, principal))}
    applicants = _applicants(session, list(found))
    rows = []
    for case_id in ids:
        r = found.get(case_id)
        if r is None:
            continue
        name, phone = applicants.get(case_id, (None, None))
        rows.append(
            CaseRow(
                id=r.id,
                number=r.number,
                title=r.title,
                status=Status(r.status),
                channel=Channel(r.channel),
                category_name=r.category_name,
                street_name=r.street_name,
                grid_name=r.grid_name,
                risk=Risk(r.risk),
                received_at=r.received_at,
                due_at=r.due_at,
                warn_at=r.warn_at,
                deadline_colour=DeadlineColour(r.colour) if r.colour else None,
                supervised=bool(r.supervised),
                suspended=r.suspended_at is not None,
                claimed_by_id=r.claimed_by_id,
                version=r.version,
                applicant_name=mask_name(name) if name else None,
                applicant_phone=mask_phone(phone) if phone else None,
            )
        )
    return rows


def _applicants(session: Session, case_ids: list[int]) -> dict[int, tuple[str, str | None]]:
    """The first-registered applicant of each case (a group case has several)."""
    if not case_ids:
        return {}
    stmt = (
        select(CaseParty.case_id, CaseParty.name, CaseParty.phone)
        .where(CaseParty.case_id.in_(case_ids), CaseParty.role == str(PartyRole.APPLICANT))
        .order_by(CaseParty.case_id, CaseParty.id)
    )
    first: dict[int, tuple[str, str | None]] = {}
    for case_id, name, phone in session.execute(stmt):
        first.setdefault(case_id, (name, phone))
    return first
