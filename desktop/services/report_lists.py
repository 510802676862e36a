"""The lists of a report: ageing buckets, the overdue list, top repeats, and 明细 rows.

Counts are SQL aggregates; lists are one scoped query each, with personal data masked
(the reports are for a whole center and are filed and forwarded: never unmasked).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import case, func, or_, select
from sqlalchemy.orm import Session, aliased

from desktop.db.models import Case, CaseParty, Category, Department, Grid, Jurisdiction
from desktop.domain.enums import PartyRole
from desktop.domain.masking import mask_name, mask_phone
from desktop.domain.metrics import Ageing
from desktop.domain.principal import Principal
from desktop.services.report_conditions import (
    Part,
    ageing_condition,
    between,
    lead_department,
    part_condition,
)
from desktop.services.report_period import Period
from desktop.services.scoping import scope_cases

TOP = 10  # rows of each top-repeats list


def ageing_counts(*, session: Session, principal: Principal, period: Period) -> dict[Ageing, int]:
    """How many cases fall in each ageing bucket (see report_conditions.ageing_condition)."""
    sums = [func.sum(case((ageing_condition(b, period), 1), else_=0)) for b in Ageing]
    population = or_(*(ageing_condition(b, period) for b in Ageing))
    row = session.execute(scope_cases(select(*sums).where(population), principal)).one()
    return {bucket: int(value or 0) for bucket, value in zip(Ageing, row, strict=True)}


def _applicant(column):
    """A column of the case's first applicant, as a scalar subquery correlated to `cases`."""
    party = aliased(CaseParty)
    first = (
        select(func.min(party.id))
        .where(party.case_id == Case.id, party.role == str(PartyRole.APPLICANT))
        .correlate_except(party)
        .scalar_subquery()
    )
    return select(column).where(CaseParty.id == first).correlate_except(CaseParty).scalar_subquery()


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
    days_overdue: int  # whole calendar days past the deadline at the period's end
    supervised: bool
    risk: str
    applicant: str  # masked
    phone: str  # masked


def overdue_list(
    *, session: Session, principal: Principal, period: Period, limit: int | None = None
) -> list[OverdueRow]:
    """The cases counted as 超期件 at the period's end, most overdue first."""
    street = select(Jurisdiction.name).where(Jurisdiction.id == Case.street_id).scalar_subquery()
    category = select(Category.name).where(Category.id == Case.category_id).scalar_subquery()
    department = select(Department.name).where(Department.id == lead_department()).scalar_subquery()
    stmt = scope_cases(
        select(
            Case.id,
            Case.number,
            Case.title,
            street,
            category,
            department,
            Case.status,
            Case.received_at,
            Case.due_at,
            Case.supervised,
            Case.risk,
            _applicant(CaseParty.name),
            _applicant(CaseParty.phone),
        ).where(part_condition(Part.OVERDUE, period)),  # fmt: skip
        principal,
    ).order_by(Case.due_at, Case.id)
    if limit is not None:
        stmt = stmt.limit(limit)
    end = period.end_at
    return [
        OverdueRow(
            r[0],
            r[1],
            r[2],
            r[3] or "",
            r[4] or "",
            r[5],
            r[6],
            r[7],
            r[8],
            (end - r[8]) // timedelta(days=1),
            bool(r[9]),
            r[10],
            mask_name(r[11] or ""),
            mask_phone(r[12]) if r[12] else "",
        )  # fmt: skip
        for r in session.execute(stmt)
    ]


@dataclass(frozen=True)
class RepeatPerson:
    phone: str  # masked
    name: str  # masked
    cases: int
    key: str  # the unmasked phone: only for drilling down, never written out


def repeat_people(
    *, session: Session, principal: Principal, period: Period, top: int = TOP
) -> list[RepeatPerson]:
    """Applicants (by phone) with two or more cases registered in the period, most first."""
    count = func.count(func.distinct(Case.id))
    stmt = (
        scope_cases(
            select(CaseParty.phone, func.min(CaseParty.name), count)
            .select_from(Case)
            .join(CaseParty, CaseParty.case_id == Case.id)
            .where(
                between(Case.received_at, period),
                CaseParty.role == str(PartyRole.APPLICANT),
                CaseParty.phone.is_not(None),
            )  # fmt: skip
            .group_by(CaseParty.phone)
            .having(count >= 2),
            principal,
        )
        .order_by(count.desc(), CaseParty.phone)
        .limit(top)
    )
    return [RepeatPerson(mask_phone(p), mask_name(n or ""), int(c), p)
            for p, n, c in session.execute(stmt)]  # fmt: skip


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
    street = select(Jurisdiction.name).where(Jurisdiction.id == Case.street_id).scalar_subquery()
    category = select(Category.name).where(Category.id == Case.category_id).scalar_subquery()
    department = select(Department.name).where(Department.id == lead_department()).scalar_subquery()
    flags = [case((c, 1), else_=0) for c in conditions.values()]
    stmt = scope_cases(
        select(Case.id, Case.number, Case.title, street, category, Case.channel, department,
               Case.status, Case.received_at, Case.accepted_at, Case.first_resolved_at,
               Case.due_at, Case.result, Case.satisfaction, *flags)
        .where(or_(*conditions.values())),
        principal,
    ).order_by(Case.received_at, Case.id)  # fmt: skip
    parts = list(conditions)
    for rows in session.execute(stmt.execution_options(yield_per=batch)).partitions():
        for r in rows:
            marks = frozenset(p for p, flag in zip(parts, r[14:], strict=True) if flag)
            yield DetailRow(r[0], r[1], r[2], r[3] or "", r[4] or "", r[5], r[6], r[7], r[8],
                            r[9], r[10], r[11], r[12], r[13], marks)  # fmt: skip
