"""Listing and counting cases for any filter and sort: keyset pages, counts, ordered ids.

Every statement starts from `scope_cases`, so nothing here can show a case the principal may
not see. Pages are fetched in two steps: the ids of the page (cases table only, so the
database can walk an index and stop after `limit` rows), then the display columns of just
those ids. Rows come back as frozen dataclasses with the applicant's name and phone always
masked: a reveal is a separate, logged action.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    func,
    select,
    tuple_,
)
from sqlalchemy.orm import Session, aliased

from desktop.db.models import Case, CaseParty, Category, Grid, Jurisdiction, User
from desktop.domain.enums import (
    Channel,
    DeadlineColour,
    NamedQueue,
    PartyRole,
    Risk,
    Status,
    SupervisionLevel,
)
from desktop.domain.masking import mask_name, mask_phone
from desktop.domain.principal import Principal
from desktop.domain.queues import queues_for_roles
from desktop.services.case_filters import (  # noqa: F401  (re-exported for callers)
    BY_RECEIPT,
    CaseFilter,
    Cursor,
    Sort,
    SortKey,
    colour_condition,
    colour_expression,
    filter_conditions,
    ids_condition,
    queue_condition,
    scoped_select,
    sort_expression,
    text_condition,
)
from desktop.services.claim_lapse import claim_cutoffs, live_claim
from desktop.services.meta import clock_for
from desktop.services.scoping import scope_cases
from desktop.services.supervision import card_cutoffs, supervision_expression

ID_STREAM_PART = 50_000  # ids fetched at a time by ordered_id_array


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
    supervision: SupervisionLevel = SupervisionLevel.NONE  # the automatic 督办 level
    due_provisional: bool = False  # the deadline falls in a year the calendar does not know
    claimed_by_name: str | None = None  # the holder of a live claim (a lapsed one shows none)
    claimed_at: datetime | None = None  # since when


@dataclass(frozen=True)
class Page:
    rows: tuple[CaseRow, ...]
    cursor: Cursor | None  # keyset of the last row: pass as `after` for the next page
    first_cursor: Cursor | None  # keyset of the first row: pass as `before` for the previous
    has_more: bool  # rows exist beyond this page in the direction it was fetched
    cursors: tuple[Cursor, ...] = field(default=(), repr=False)  # one per row


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


def _scoped(
    session: Session,
    principal: Principal,
    flt: CaseFilter,
    now: datetime,
    *columns: Any,
    page_sort: Sort | None = None,
) -> Select:
    cards = card_cutoffs(session, now) if flt.supervision is not None else None
    walk = (
        page_sort is not None
        and page_sort.key == SortKey.RECEIVED_AT
        and session.get_bind().dialect.name == "sqlite"
    )
    claims = claim_cutoffs(session, now) if flt.queue == NamedQueue.MY_TODO else None
    return scoped_select(
        principal, flt, now, *columns, cards=cards, walk_receipt=walk, claims=claims
    )


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
    stmt = _scoped(
        session, principal, filter, now, Case.id, sort_expression(sort.key), page_sort=sort
    )
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
    stmt = _scoped(
        session, principal, filter, now, Case.id, sort_expression(sort.key), page_sort=sort
    )
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
    stmt = _scoped(
        session, principal, filter, now, Case.id, sort_expression(sort.key), page_sort=sort
    )
    stmt = _ordered(stmt, sort).offset(offset).limit(limit + 1)
    return _page(session, principal, session.execute(stmt).all(), limit, False, now)


def count(
    *, session: Session, principal: Principal, filter: CaseFilter, now: datetime | None = None
) -> int:
    now = _now(session, now)
    return session.scalar(_scoped(session, principal, filter, now, func.count(Case.id))) or 0


def ordered_ids(
    *,
    session: Session,
    principal: Principal,
    filter: CaseFilter,
    sort: Sort = BY_RECEIPT,
    now: datetime | None = None,
) -> list[int]:
    """Every matching id in (filter, sort) order, in one query (the table model's backbone)."""
    return list(ordered_id_array(session=session, principal=principal, filter=filter, sort=sort,
                                 now=now))  # fmt: skip


def ordered_id_array(
    *,
    session: Session,
    principal: Principal,
    filter: CaseFilter,
    sort: Sort = BY_RECEIPT,
    now: datetime | None = None,
) -> array[int]:
    """`ordered_ids` as 8 bytes an id, streamed in parts: a million ids take 8 MB rather than
    the 36 MB of a list of ints, and the driver never holds every row at once (PostgreSQL
    reads them through a server-side cursor)."""
    now = _now(session, now)
    stmt = _ordered(_scoped(session, principal, filter, now, Case.id), sort)
    ids: array[int] = array("q")
    result = session.execute(stmt, execution_options={"yield_per": ID_STREAM_PART})
    for part in result.scalars().partitions():
        ids.extend(part)
    return ids


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
    Case.version,
    Case.due_provisional,
)


def _with_display(stmt: Select, session: Session, now: datetime) -> Select:
    """A select over `cases` with the display columns of a row added."""
    street = aliased(Jurisdiction)
    live = live_claim(claim_cutoffs(session, now))
    # Plain columns, not entities: an entity already in the caller's identity map would come
    # back with its stale in-memory state.
    return (
        stmt.add_columns(
            *_ROW_COLUMNS,
            Category.name.label("category_name"),
            street.name.label("street_name"),
            Grid.name.label("grid_name"),
            colour_expression(now).label("colour"),
            supervision_expression(card_cutoffs(session, now)).label("supervision"),
            User.display_name.label("claimed_by_name"),
            User.id.label("claimed_by_id"),
            Case.claimed_at,
        )
        .outerjoin(Category, Category.id == Case.category_id)
        .outerjoin(street, street.id == Case.street_id)
        .outerjoin(Grid, Grid.id == Case.grid_id)
        # A lapsed claim joins no one: the row shows the case as free.
        .outerjoin(User, and_(User.id == Case.claimed_by_id, live))
    )


def _load_rows(
    session: Session, principal: Principal, ids: list[int], now: datetime
) -> list[CaseRow]:
    if not ids:
        return []
    base = select().select_from(Case).where(ids_condition(frozenset(ids)))
    stmt = scope_cases(_with_display(base, session, now), principal)
    found = {r.id: r for r in session.execute(stmt)}
    applicants = _applicants(session, list(found))
    return [_case_row(found[i], applicants) for i in ids if i in found]


def stream_rows(
    *,
    session: Session,
    principal: Principal,
    filter: CaseFilter,
    sort: Sort = BY_RECEIPT,
    now: datetime | None = None,
    batch: int = 2000,
) -> Iterator[list[CaseRow]]:
    """Every row of (filter, sort) in order, `batch` rows at a time, from one query read as it
    goes (a server-side cursor on PostgreSQL): an export never holds the whole list, and
    never looks its rows up again by id (2,000-id lookups cost 0.5 s a batch at a million)."""
    now = _now(session, now)
    stmt = _ordered(_with_display(_scoped(session, principal, filter, now, page_sort=sort),
                                  session, now), sort)  # fmt: skip
    result = session.execute(stmt.execution_options(yield_per=batch))
    try:
        for rows in result.partitions():
            applicants = _applicants(session, [r.id for r in rows])
            yield [_case_row(r, applicants) for r in rows]
    finally:  # a cancelled export closes its cursor at once
        result.close()


def _case_row(r: Any, applicants: dict[int, tuple[str, str | None]]) -> CaseRow:
    name, phone = applicants.get(r.id, (None, None))
    return CaseRow(
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
        supervision=SupervisionLevel(r.supervision),
        due_provisional=bool(r.due_provisional),
        claimed_by_name=r.claimed_by_name,
        claimed_at=r.claimed_at if r.claimed_by_id is not None else None,
        applicant_name=mask_name(name) if name else None,
        applicant_phone=mask_phone(phone) if phone else None,
    )


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
