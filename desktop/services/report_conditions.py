"""The SQL definitions behind every report figure: one condition per counted set of cases.

A figure is a count of the cases meeting a condition (or a ratio of two such counts), so
the same condition both counts (desktop/services/report_figures.py) and lists the cases
behind the number (desktop/services/report_drilldown.py). Conditions are over `cases` only
(the category tree and the 主办 department are subqueries), and every statement that uses
them is scoped through desktop.services.scoping. Instants are aware UTC; a period is
[start, end) in China time (DOMAIN.md, Reporting).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    Date,
    DateTime,
    Integer,
    and_,
    cast,
    func,
    literal_column,
    not_,
    or_,
    select,
    type_coerce,
    union_all,
)
from sqlalchemy.orm import Session

from desktop.clock import CHINA
from desktop.db.models import Case, CaseTask, Category
from desktop.domain.enums import OPEN_STATUSES, Result, Satisfaction, Status, TaskRole, TaskStatus
from desktop.domain.metrics import Ageing, Dimension, Metric
from desktop.services.report_period import Period

SEVEN_DAYS = timedelta(days=7)  # 七天 of the ageing buckets: calendar days
_OPEN = sorted(str(s) for s in OPEN_STATUSES)
_SOLVED = (str(Result.MEDIATED), str(Result.SOLVED))  # what 化解 counts as resolved
_MEDIATION = (str(Result.MEDIATED), str(Result.MEDIATION_FAILED))
_CONTENT = (str(Satisfaction.SATISFIED), str(Satisfaction.BASICALLY))


class Part(StrEnum):
    """A counted set of cases; a metric is one part, or a ratio of two."""

    ACCEPTED = "accepted"
    ACCEPTED_RESOLVED = "accepted_resolved"
    RESOLVED = "resolved"
    RESOLVED_ON_TIME = "resolved_on_time"
    DISPUTES_RESOLVED = "disputes_resolved"
    DISPUTES_SOLVED = "disputes_solved"
    MEDIATION_TRIED = "mediation_tried"
    MEDIATED = "mediated"
    FOLLOWED_UP = "followed_up"
    SATISFIED = "satisfied"
    REPEATS = "repeats"
    OVERDUE = "overdue"
    TIMED = "timed"  # resolved cases with an acceptance: the ones 平均办理时长 averages


# metric -> (numerator, denominator); a count has no denominator. 平均办理时长's numerator is
# the sum of working days over its denominator's cases, not a part.
METRIC_PARTS: dict[Metric, tuple[Part | None, Part | None]] = {
    Metric.INTAKE: (Part.ACCEPTED, None),
    Metric.RESOLVED: (Part.RESOLVED, None),
    Metric.RESOLUTION_RATE: (Part.ACCEPTED_RESOLVED, Part.ACCEPTED),
    Metric.ON_TIME_RATE: (Part.RESOLVED_ON_TIME, Part.RESOLVED),
    Metric.OVERDUE: (Part.OVERDUE, None),
    Metric.DISPUTE_RATE: (Part.DISPUTES_SOLVED, Part.DISPUTES_RESOLVED),
    Metric.MEDIATION_RATE: (Part.MEDIATED, Part.MEDIATION_TRIED),
    Metric.SATISFACTION_RATE: (Part.SATISFIED, Part.FOLLOWED_UP),
    Metric.REPEATS: (Part.REPEATS, None),
    Metric.MEAN_DAYS: (None, Part.TIMED),
}


def between(column, period: Period) -> ColumnElement[bool]:
    return and_(column >= period.start_at, column < period.end_at)


def is_dispute() -> ColumnElement[bool]:
    """In the 矛盾纠纷 category tree."""
    return Case.category_id.in_(select(Category.id).where(Category.is_dispute.is_(True)))


def on_time() -> ColumnElement[bool]:
    """First resolved on or before the deadline on the row (extensions and 挂起 included)."""
    return or_(Case.due_at.is_(None), Case.first_resolved_at <= Case.due_at)


def open_branches(
    end: datetime, *, received_before: bool = True, disjoint: bool = False
) -> list[ColumnElement[bool]]:
    """Cases open at `end` (received before it, neither first-resolved nor rejected by then),
    as branches that each read one index: open now (by status), rejected only after `end`,
    and first resolved at or after `end`. Kept as a flat OR so both databases combine the
    indexes instead of scanning everything received before `end`. The branches overlap
    (a reopened case is in the first and the last) unless `disjoint`, for counting each
    branch on its own and adding the counts up.
    """
    before = [Case.received_at < end] if received_before else []
    never = Case.first_resolved_at.is_(None)
    not_by_end = or_(never, Case.first_resolved_at >= end)  # not indexable: (status, …) is
    not_open_now = [Case.status.not_in(_OPEN)] if disjoint else []
    return [
        and_(Case.status.in_(_OPEN), not_by_end, *before),
        and_(Case.status == str(Status.REJECTED), never, Case.closed_at >= end, *before),
        and_(Case.first_resolved_at >= end, *not_open_now, *before),
    ]


def open_at(end: datetime) -> ColumnElement[bool]:
    return or_(*open_branches(end))


def overdue_at(end: datetime) -> ColumnElement[bool]:
    """超期件 as of `end`: open at `end` with the deadline as it stands now before `end`.

    A case suspended (挂起) since before `end` has no running clock and is not overdue.
    A deadline never precedes the receipt, so `due_at < end` implies "received before `end`"
    (left out: SQLite would walk the receipt index instead of the three small ranges).
    """
    return or_(*overdue_branches(end))


def overdue_branches(end: datetime) -> list[ColumnElement[bool]]:
    running = or_(Case.suspended_at.is_(None), Case.suspended_at >= end)
    branches = open_branches(end, received_before=False)
    return [and_(branch, Case.due_at < end, running) for branch in branches]


def among(conditions: list[ColumnElement[bool]]) -> ColumnElement[bool]:
    """Cases meeting any of the conditions, as `id IN (… UNION ALL …)`: each condition is one
    index range, read on its own, on both databases (an OR of them let PostgreSQL scan the
    whole table, and SQLite sometimes too)."""
    return Case.id.in_(union_all(*(select(Case.id).where(c) for c in conditions)))


def index_branches(part: Part, period: Period) -> list[ColumnElement[bool]]:
    """A part's condition as index-range branches (only 超期件 has several)."""
    if part == Part.OVERDUE:
        return overdue_branches(period.snapshot_at)
    return [part_condition(part, period)]


def part_condition(part: Part, period: Period) -> ColumnElement[bool]:
    """The cases a part counts in `period`. These are the metric definitions (DOMAIN.md)."""
    resolved = between(Case.first_resolved_at, period)
    accepted = between(Case.accepted_at, period)
    followed_up = and_(between(Case.closed_at, period), Case.satisfaction.is_not(None))
    return {
        # 受理量: accepted in the period.
        Part.ACCEPTED: accepted,
        # 办结率's numerator: accepted in the period and first resolved before its end.
        Part.ACCEPTED_RESOLVED: and_(accepted, Case.first_resolved_at < period.end_at),
        # 办结量: first resolved (办结) in the period; a reopen never counts twice.
        Part.RESOLVED: resolved,
        Part.RESOLVED_ON_TIME: and_(resolved, on_time()),
        Part.DISPUTES_RESOLVED: and_(resolved, is_dispute()),
        Part.DISPUTES_SOLVED: and_(resolved, is_dispute(), Case.result.in_(_SOLVED)),
        Part.MEDIATION_TRIED: and_(resolved, Case.result.in_(_MEDIATION)),
        Part.MEDIATED: and_(resolved, Case.result == str(Result.MEDIATED)),
        # 回访 recorded in the period: the case was closed by a follow-up then.
        Part.FOLLOWED_UP: followed_up,
        Part.SATISFIED: and_(followed_up, Case.satisfaction.in_(_CONTENT)),
        # 重复件: registered in the period and linked as a repeat of an earlier case.
        Part.REPEATS: and_(between(Case.received_at, period), Case.repeat_of_id.is_not(None)),
        # 超期件: open at the end (of a running period: at 00:00 today) and past the deadline.
        Part.OVERDUE: overdue_at(period.snapshot_at),
        Part.TIMED: and_(resolved, Case.accepted_at.is_not(None)),
    }[part]


def ageing_condition(bucket: Ageing, period: Period) -> ColumnElement[bool]:
    """The ageing buckets partition the cases open at the end plus those resolved in the period.

    逾期未受理: open at the end, not accepted by then, deadline (as it stands now) before it.
    七天内在办 / 超七天在办: the other open cases, received within the last 7 calendar days
    before the end or earlier. 按期办结 / 超期办结: first resolved in the period, on time or not.
    """
    end = period.end_at
    unaccepted = or_(Case.accepted_at.is_(None), Case.accepted_at >= end)
    late_unaccepted = and_(open_at(end), unaccepted, Case.due_at < end)
    in_hand = and_(open_at(end), not_(and_(unaccepted, Case.due_at < end).self_group()))
    resolved = between(Case.first_resolved_at, period)
    recent = Case.received_at >= end - SEVEN_DAYS
    return {
        Ageing.OVERDUE_UNACCEPTED: late_unaccepted,
        Ageing.OPEN_WITHIN_7: and_(in_hand, recent),
        Ageing.OPEN_OVER_7: and_(in_hand, Case.received_at < end - SEVEN_DAYS),
        Ageing.RESOLVED_ON_TIME: and_(resolved, on_time()),
        Ageing.RESOLVED_LATE: and_(resolved, not_(on_time())),
    }[bucket]


# ---------------------------------------------------------------------------- dimensions


def lead_department():
    """The 主办 department now: the newest lead sub-task not returned or recalled; else NULL."""
    return (
        select(CaseTask.department_id)
        .where(
            CaseTask.case_id == Case.id,
            CaseTask.role == str(TaskRole.LEAD),
            CaseTask.status.not_in([str(TaskStatus.RETURNED), str(TaskStatus.RECALLED)]),
        )
        .order_by(CaseTask.id.desc())
        .limit(1)
        .correlate_except(CaseTask)  # to `cases` however deep it is nested
        .scalar_subquery()
    )


def top_category():
    """The top-level category of a case (a child category counts under its parent)."""
    return (
        select(func.coalesce(Category.parent_id, Category.id))
        .where(Category.id == Case.category_id)
        .correlate_except(Category)
        .scalar_subquery()
    )


def dimension_expression(dimension: Dimension):
    return {
        Dimension.STREET: Case.street_id,
        Dimension.CATEGORY: top_category(),
        Dimension.CHANNEL: Case.channel,
        Dimension.DEPARTMENT: lead_department(),
    }[dimension]


def dimension_condition(dimension: Dimension, key) -> ColumnElement[bool]:
    """The cases of one breakdown row; key None is 未派单 (department) or no street."""
    expression = dimension_expression(dimension)
    if key is None:
        return expression.is_(None)
    if dimension == Dimension.CATEGORY:
        tree = select(Category.id).where(or_(Category.id == key, Category.parent_id == key))
        return Case.category_id.in_(tree)
    return expression == key


# ---------------------------------------------------------------------------- working days


def local_day_number(session: Session, column):
    """Days from 1970-01-01 to the column's China-time date, in SQL (China has no DST)."""
    offset = int(datetime(2000, 1, 1, tzinfo=CHINA).utcoffset().total_seconds())
    if session.get_bind().dialect.name == "sqlite":
        # UTCDateTime stores integer microseconds on SQLite, where "/" of two integers is
        # integer division (a plain operator: `//` would need SQLite's optional FLOOR).
        micros = (type_coerce(column, BigInteger()) + offset * 1_000_000).self_group()
        return micros.op("/", return_type=Integer())(86_400 * 1_000_000)
    # date - date is a whole number of days (numeric epoch arithmetic cost twice as much).
    shifted = type_coerce(column, DateTime()) + literal_column(f"interval '{offset} seconds'")
    return cast(shifted, Date) - literal_column("date '1970-01-01'")
