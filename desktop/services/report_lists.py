"""The lists of a report: ageing buckets, the overdue list, top repeats, and 明细 rows.

Counts are SQL aggregates; lists are one scoped query each, with personal data masked
(the reports are for a whole center and are filed and forwarded: never unmasked).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, case, func, not_, or_, select
from sqlalchemy.orm import Session

from desktop.db.models import Case, CaseParty, Category, Department, Grid, Jurisdiction
from desktop.domain.enums import PartyRole
from desktop.domain.masking import mask_name, mask_phone
from desktop.domain.metrics import Ageing, PeriodKind
from desktop.domain.principal import Principal
from desktop.services.report_conditions import (
    SEVEN_DAYS,
    Part,
    between,
    lead_department,
    open_branches,
    part_condition,
)
from desktop.services.report_figures import tally
from desktop.services.report_period import Period
from desktop.services.scoping import scope_cases

TOP = 10  # rows of each top-repeats list


def ageing_counts(
    *, session: Session, principal: Principal, period: Period, counts: dict | None = None
) -> dict[Ageing, int]:
    """How many cases fall in each ageing bucket (see report_conditions.ageing_condition).

    The open buckets are counted over the cases open at the period's snapshot_at, branch by
    branch (each one index range and its rows: looking the cases up by id instead cost
    PostgreSQL 0.4 s for a month whose next month resolved 72,000); the resolved ones are
    the period's 按期 and late 办结 from its tally (`counts`, `tally(...)[()]`, read here when
    not given).
    """
    end = period.snapshot_at
    # Within the cases open at the end, ageing_condition's open buckets reduce to these.
    late = and_(or_(Case.accepted_at.is_(None), Case.accepted_at >= end), Case.due_at < end,
                Case.received_at < end)  # fmt: skip
    recent = and_(Case.received_at >= end - SEVEN_DAYS, Case.received_at < end)
    sums = [func.sum(case((late, 1), else_=0)),
            func.sum(case((and_(not_(late), recent), 1), else_=0)),
            func.sum(case((and_(not_(late), Case.received_at < end - SEVEN_DAYS), 1), else_=0))]  # fmt: skip
    buckets = (Ageing.OVERDUE_UNACCEPTED, Ageing.OPEN_WITHIN_7, Ageing.OPEN_OVER_7)
    out = dict.fromkeys(buckets, 0)
    for branch in open_branches(end, received_before=False, disjoint=True):
        row = session.execute(scope_cases(select(*sums).where(branch), principal)).one()
        for bucket, value in zip(buckets, row, strict=True):
            out[bucket] += int(value or 0)
    if counts is None:
        counts = tally(session=session, principal=principal, period=period)[()]
    on_time = counts[str(Part.RESOLVED_ON_TIME)]
    out[Ageing.RESOLVED_ON_TIME] = on_time
    out[Ageing.RESOLVED_LATE] = counts[str(Part.RESOLVED)] - on_time
    return {bucket: out[bucket] for bucket in Ageing}


@dataclass(frozen=True)
class OverdueRow:
    case_id: int
    number: str
    title: str
    street: str
    category: str
    department: str | None  # None: 未派单
    status: str
    received_at: datetime
    due_at: datetime
    days_overdue: int  # whole calendar days past the deadline at the period's snapshot_at
    supervised: bool
    risk: str
    applicant: str  # masked
    phone: str  # masked


def overdue_list(
    *, session: Session, principal: Principal, period: Period, limit: int | None = None
) -> list[OverdueRow]:
    """The cases counted as 超期件 at the period's end, most overdue first."""
    stmt = scope_cases(
        select(Case.id, Case.number, Case.title, Case.street_id, Case.category_id,
               lead_department(), Case.status, Case.received_at, Case.due_at, Case.supervised,
               Case.risk).where(part_condition(Part.OVERDUE, period)),
        principal,
    ).order_by(Case.due_at, Case.id)  # fmt: skip
    if limit is not None:
        stmt = stmt.limit(limit)
    rows = session.execute(stmt).all()
    names = Names.load(session, rows)
    applicants = first_applicants(session, [r[0] for r in rows])
    end = period.snapshot_at
    out = []
    for r in rows:
        name, phone = applicants.get(r[0], ("", None))
        out.append(OverdueRow(
            r[0], r[1], r[2], names.street(r[3]), names.category(r[4]), names.department(r[5]),
            r[6], r[7], r[8], (end - r[8]) // timedelta(days=1), bool(r[9]), r[10],
            mask_name(name or ""), mask_phone(phone) if phone else "",
        ))  # fmt: skip
    return out


@dataclass(frozen=True)
class Names:
    """Names of the few streets, categories and departments a list refers to, read once
    (cheaper than a subquery per listed case)."""

    streets: dict[int, str]
    categories: dict[int, str]
    departments: dict[int, str]

    @classmethod
    def load(cls, session: Session, rows=()) -> Names:
        streets = {r[3] for r in rows if r[3] is not None}
        return cls(
            dict(session.execute(select(Jurisdiction.id, Jurisdiction.name)
                                 .where(Jurisdiction.id.in_(sorted(streets)))).all()),
            dict(session.execute(select(Category.id, Category.name)).all()),
            dict(session.execute(select(Department.id, Department.name)).all()),
        )  # fmt: skip

    def street(self, key) -> str:
        return self.streets.get(key, "")

    def category(self, key) -> str:
        return self.categories.get(key, "")

    def department(self, key) -> str | None:
        return self.departments.get(key) if key is not None else None


def first_applicants(session: Session, case_ids: list[int], chunk: int = 900):
    """case id -> (name, phone) of its first applicant (unmasked: callers mask)."""
    found: dict[int, tuple[str, str | None]] = {}
    for start in range(0, len(case_ids), chunk):
        ids = case_ids[start : start + chunk]
        parties = (
            select(CaseParty.case_id, CaseParty.name, CaseParty.phone)
            .where(CaseParty.case_id.in_(ids), CaseParty.role == str(PartyRole.APPLICANT))
            .order_by(CaseParty.id.desc())
        )  # the first applicant is written last, and wins
        found.update({case_id: (name, phone) for case_id, name, phone in session.execute(parties)})
    return found


@dataclass(frozen=True)
class RepeatPerson:
    phone: str  # masked
    name: str  # masked
    cases: int
    key: str  # the unmasked phone: only for drilling down, never written out


def repeat_people(
    *, session: Session, principal: Principal, period: Period, top: int = TOP
) -> list[RepeatPerson]:
    """Applicants (by phone) with two or more cases registered in the period, most first
    (ties by phone). A year's are looked for first among the phones used most overall
    (_top_people_by_bound); shorter periods, and a year that does not settle, count every
    applicant of the period."""
    rows = None
    if period.kind == PeriodKind.YEAR:
        rows = _top_people_by_bound(session, principal, period, top)
    if rows is None:
        rows = session.execute(_people_counted(principal, period).limit(top)).all()
    return [RepeatPerson(mask_phone(p), mask_name(n or ""), int(c), p) for p, n, c in rows]


BOUND_CANDIDATES = 2000  # phones a year's top repeats are first looked for among


def _top_people_by_bound(session: Session, principal: Principal, period: Period, top: int):
    """The top `top` of repeat_people counted over a few phones only, or None when that
    cannot be sure (a top-k threshold: counting a year's 800,000 applicants took 2 s).

    A phone's party rows of any role and time bound its cases in the period. The phones
    with the most rows are counted; the answer stands when its last count exceeds the
    bound of every phone left uncounted (all of which have at most the last bound read).
    """
    rows_per_phone = func.count()
    bounds = session.execute(
        select(CaseParty.phone, rows_per_phone).where(CaseParty.phone.is_not(None))
        .group_by(CaseParty.phone).order_by(rows_per_phone.desc(), CaseParty.phone)
        .limit(BOUND_CANDIDATES)
    ).all()  # fmt: skip
    if not bounds:
        return []
    stmt = _people_counted(principal, period, phones=[phone for phone, _ in bounds])
    ranked = session.execute(stmt.limit(top)).all()
    if len(bounds) < BOUND_CANDIDATES:  # every phone was counted
        return ranked
    if len(ranked) == top and ranked[-1][2] > bounds[-1][1]:
        return ranked
    return None


def _people_counted(principal: Principal, period: Period, phones: list[str] | None = None):
    """(phone, a name, cases) of the period's applicants with two or more, most first."""
    count = func.count(func.distinct(Case.id))
    stmt = (
        select(CaseParty.phone, func.min(CaseParty.name), count)
        .select_from(Case)
        .join(CaseParty, CaseParty.case_id == Case.id)
        .where(
            between(Case.received_at, period),
            CaseParty.role == str(PartyRole.APPLICANT),
            CaseParty.phone.is_not(None),
        )
    )
    if phones is not None:
        stmt = stmt.where(CaseParty.phone.in_(phones))
    stmt = stmt.group_by(CaseParty.phone).having(count >= 2)
    return scope_cases(stmt, principal).order_by(count.desc(), CaseParty.phone)


def person_case_ids(
    *, session: Session, principal: Principal, period: Period, phone: str
) -> list[int]:
    """The drill-down of one repeat_people row."""
    held = select(CaseParty.case_id).where(
        CaseParty.phone == phone, CaseParty.role == str(PartyRole.APPLICANT)
    )
    stmt = scope_cases(select(Case.id).where(between(Case.received_at, period),
                                             Case.id.in_(held)), principal)  # fmt: skip
    return list(session.scalars(stmt.order_by(Case.received_at, Case.id)))


@dataclass(frozen=True)
class RepeatPlace:
    grid_id: int | None
    grid: str
    village: str
    cases: int


def repeat_places(
    *, session: Session, principal: Principal, period: Period, top: int = TOP
) -> list[RepeatPlace]:
    """Grids with the most 重复件 registered in the period (the 重复件 figure by place)."""
    count = func.count()
    grouped = scope_cases(
        select(Case.grid_id, count).where(part_condition(Part.REPEATS, period))
        .group_by(Case.grid_id), principal,
    ).order_by(count.desc(), Case.grid_id).limit(top)  # fmt: skip
    rows = session.execute(grouped).all()
    grids = {g.id: g for g in session.scalars(
        select(Grid).where(Grid.id.in_([r[0] for r in rows if r[0] is not None])))}  # fmt: skip
    villages = dict(session.execute(select(Jurisdiction.id, Jurisdiction.name).where(
        Jurisdiction.id.in_({g.village_id for g in grids.values()}))).all())  # fmt: skip
    out = []
    for grid_id, n in rows:
        grid = grids.get(grid_id)
        out.append(
            RepeatPlace(
                grid_id,
                grid.name if grid else "",
                villages.get(grid.village_id, "") if grid else "",
                int(n),
            )
        )
    return out


def place_case_ids(
    *, session: Session, principal: Principal, period: Period, grid_id: int | None
) -> list[int]:
    """The drill-down of one repeat_places row."""
    place = Case.grid_id.is_(None) if grid_id is None else Case.grid_id == grid_id
    stmt = scope_cases(select(Case.id).where(part_condition(Part.REPEATS, period), place),
                       principal)  # fmt: skip
    return list(session.scalars(stmt.order_by(Case.received_at, Case.id)))


# ---------------------------------------------------------------------------- 明细

DETAIL_PARTS = (Part.ACCEPTED, Part.RESOLVED, Part.RESOLVED_ON_TIME, Part.OVERDUE,
                Part.FOLLOWED_UP, Part.REPEATS)  # fmt: skip


@dataclass(frozen=True)
class DetailRow:
    case_id: int
    number: str
    title: str
    street: str
    category: str
    channel: str
    department: str | None
    status: str
    received_at: datetime
    accepted_at: datetime | None
    resolved_at: datetime | None  # the first 办结
    due_at: datetime | None
    result: str | None
    satisfaction: str | None
    flags: frozenset[Part]  # which headline figures count this case


def detail_rows(
    *, session: Session, principal: Principal, period: Period, batch: int = 5000
) -> Iterator[DetailRow]:
    """Every case behind the headline counts, with the figures it is counted in."""
    conditions = {p: part_condition(p, period) for p in DETAIL_PARTS}
    flags = [case((c, 1), else_=0) for c in conditions.values()]
    stmt = scope_cases(
        select(Case.id, Case.number, Case.title, Case.street_id, Case.category_id, Case.channel,
               lead_department(), Case.status, Case.received_at, Case.accepted_at,
               Case.first_resolved_at, Case.due_at, Case.result, Case.satisfaction, *flags)
        .where(or_(*conditions.values())),
        principal,
    ).order_by(Case.received_at, Case.id)  # fmt: skip
    names = Names.load(session)
    streets = dict(session.execute(select(Jurisdiction.id, Jurisdiction.name)).all())
    parts = list(conditions)
    for rows in session.execute(stmt.execution_options(yield_per=batch)).partitions():
        for r in rows:
            marks = frozenset(p for p, flag in zip(parts, r[14:], strict=True) if flag)
            yield DetailRow(r[0], r[1], r[2], streets.get(r[3], ""), names.category(r[4]), r[5],
                            names.department(r[6]), r[7], r[8], r[9], r[10], r[11], r[12],
                            r[13], marks)  # fmt: skip
