"""Counting the whole report rollup in SQL: one INSERT … SELECT over every case.

The same contributions as report_rollup.case_steps (the Python the upkeep applies per
change; tests/db/test_report_rollup.py checks the two agree), written as SQL so a million
cases are counted in the database in seconds instead of in Python in minutes. Day numbers
are local (China) dates as days since 1970-01-01; a small table of days gives each day's
week, month and year end and its running count of working days.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Connection,
    Date,
    DateTime,
    Integer,
    String,
    and_,
    case,
    cast,
    func,
    literal,
    literal_column,
    null,
    or_,
    select,
    type_coerce,
    union_all,
    values,
)
from sqlalchemy.sql import column

from desktop.db.models import CalendarDay, Case, CaseTask, Category, ReportRollup
from desktop.db.models.rollup import ROLLUP_MEASURES
from desktop.domain.enums import DayKind, Result, Status, TaskRole
from desktop.domain.metrics import Dimension
from desktop.domain.workdays import WorkCalendar
from desktop.services import report_rollup as rr

_OFFSET = 8 * 3600  # China time: UTC+8 all year (report_conditions.local_day_number alike)


def day_of(conn: Connection, col):
    """The local day number of an instant column, in SQL (China has kept +8 since 1991)."""
    if conn.dialect.name == "sqlite":  # integer microseconds; "/" of integers truncates
        micros = (type_coerce(col, BigInteger()) + _OFFSET * 1_000_000).self_group()
        return micros.op("/", return_type=Integer())(86_400 * 1_000_000)
    shifted = type_coerce(col, DateTime()) + literal_column(f"interval '{_OFFSET} seconds'")
    return cast(cast(shifted, Date) - literal_column("date '1970-01-01'"), Integer)


def _calendar(conn: Connection) -> WorkCalendar:
    days = conn.execute(select(CalendarDay.day, CalendarDay.kind)).all()
    return WorkCalendar({day: kind == DayKind.WORKDAY for day, kind in days})


def _days_table(conn: Connection, first: int, last: int):
    """(day, week end, month end, year end, working days since `first`) for first..last."""
    calendar = _calendar(conn)
    rows, running = [], 0
    for number in range(first, last + 1):
        day = rr.date.fromordinal(number + rr.EPOCH_DAY)
        running += calendar.is_workday(day) if number > first else 0
        rows.append((number, *rr._period_ends(number), running))
    names = ("day", "week_end", "month_end", "year_end", "p")
    table = values(*(column(n, Integer) for n in names), name="rollup_days")
    return table.data(rows).cte("rollup_days")


def build(conn: Connection) -> None:
    """Write every case's contributions into the (empty) rollup."""
    t = Case.__table__
    aday, rday = day_of(conn, t.c.accepted_at), day_of(conn, t.c.first_resolved_at)
    bounds = conn.execute(select(func.min(aday), func.max(aday), func.max(rday))).one()
    if bounds[0] is None and bounds[2] is None:
        first = last = 0
    else:
        first = min(b for b in (bounds[0], bounds[2]) if b is not None)
        last = max(b for b in (bounds[1], bounds[2]) if b is not None)
    days = _days_table(conn, first, last)
    da, dr = days.alias("da"), days.alias("dr")

    lead_ids = (
        select(CaseTask.case_id, func.max(CaseTask.id).label("task_id"))
        .where(CaseTask.role == str(TaskRole.LEAD), CaseTask.status.not_in(rr._GONE))
        .group_by(CaseTask.case_id)
        .subquery("lead_ids")
    )
    lead = CaseTask.__table__.alias("lead")
    cat = Category.__table__.alias("cat")
    open_ = t.c.status.in_(sorted(rr._OPEN))
    rejected = and_(t.c.status == str(Status.REJECTED), t.c.closed_at.is_not(None))
    fr = t.c.first_resolved_at
    # The day a case stopped being open with a running clock (NULL: it has not).
    stop_open = case(
        (fr.is_not(None), rday),
        (open_, null()),
        (rejected, day_of(conn, t.c.closed_at)),
        else_=null(),
    )
    sday = day_of(conn, t.c.suspended_at)
    stop = case(
        (t.c.suspended_at.is_(None), stop_open),
        (stop_open.is_(None), sday),
        (sday < stop_open, sday),
        else_=stop_open,
    )
    ever_open = or_(fr.is_not(None), open_, rejected)
    facts = (
        select(
            func.coalesce(t.c.county_id, 0).label("county"),
            func.coalesce(t.c.street_id, 0).label("street"),
            func.coalesce(cat.c.parent_id, cat.c.id).label("top"),
            t.c.channel.label("channel"),
            lead.c.department_id.label("lead"),
            aday.label("aday"), rday.label("rday"),
            day_of(conn, t.c.closed_at).label("cday"),
            day_of(conn, t.c.received_at).label("recday"),
            day_of(conn, t.c.due_at).label("dday"),
            case((and_(t.c.due_at.is_not(None), ever_open), stop), else_=null()).label("stop"),
            case((and_(t.c.due_at.is_not(None), ever_open), 1), else_=0).label("overdue_able"),
            case((or_(t.c.due_at.is_(None), fr <= t.c.due_at), 1), else_=0).label("on_time"),
            case((cat.c.is_dispute.is_(True), 1), else_=0).label("dispute"),
            t.c.result, t.c.satisfaction,
            case((t.c.repeat_of_id.is_not(None), 1), else_=0).label("repeat"),
            case((t.c.accepted_at.is_not(None), 1), else_=0).label("has_accepted"),
            case((and_(t.c.accepted_at.is_not(None), fr.is_not(None)), 1), else_=0).label(
                "timed"),
        )
        .select_from(t)
        .join(cat, cat.c.id == t.c.category_id)
        .outerjoin(lead_ids, lead_ids.c.case_id == t.c.id)
        .outerjoin(lead, lead.c.id == lead_ids.c.task_id)
        .cte("facts")
        .prefix_with("MATERIALIZED")
    )  # fmt: skip
    f = facts.c
    keys = [f.county, f.street, f.top, f.channel, f.lead]

    def event(day, where, **measures):
        cols = [measures.get(m, literal(0)).label(m) for m in ROLLUP_MEASURES]
        return select(*keys, day.label("day"), *cols).where(where)

    one = literal(1)
    gap = dr.c.p - da.c.p
    resolved_days = (
        select(facts)
        .add_columns(
            case((and_(f.timed == 1, gap > 0), gap), else_=0).label("gap"),
            case((f.rday < da.c.week_end, 1), else_=0).label("in_week"),
            case((f.rday < da.c.month_end, 1), else_=0).label("in_month"),
            case((f.rday < da.c.year_end, 1), else_=0).label("in_year"),
        )
        .outerjoin(da, da.c.day == f.aday)
        .outerjoin(dr, dr.c.day == f.rday)
        .cte("resolved_days")
    )
    g = resolved_days.c
    gkeys = [g.county, g.street, g.top, g.channel, g.lead]

    def g_event(day, where, **measures):
        cols = [measures.get(m, literal(0)).label(m) for m in ROLLUP_MEASURES]
        return select(*gkeys, day.label("day"), *cols).where(where)

    solved = case((g.result.in_(sorted(rr._SOLVED)), 1), else_=0)
    tried = case((g.result.in_(sorted(rr._MEDIATION)), 1), else_=0)
    mediated = case((g.result == str(Result.MEDIATED), 1), else_=0)
    resolved = g.rday.is_not(None)
    events = union_all(
        g_event(g.aday, g.aday.is_not(None), accepted=one,
                accepted_resolved_week=case((resolved, g.in_week), else_=0),
                accepted_resolved_month=case((resolved, g.in_month), else_=0),
                accepted_resolved_year=case((resolved, g.in_year), else_=0)),
        g_event(g.rday, resolved, resolved=one, resolved_on_time=g.on_time,
                disputes_resolved=g.dispute, disputes_solved=g.dispute * solved,
                mediation_tried=tried, mediated=mediated, timed=g.timed,
                working_days=g.gap),
        event(f.cday, and_(f.cday.is_not(None), f.satisfaction.is_not(None)),
              followed_up=one,
              satisfied=case((f.satisfaction.in_(sorted(rr._CONTENT)), 1), else_=0)),
        event(f.recday, f.repeat == 1, repeats=one),
        event(f.dday, and_(f.overdue_able == 1, or_(f.stop.is_(None), f.stop > f.dday)),
              overdue_start=one),
        event(f.stop, and_(f.overdue_able == 1, f.stop.is_not(None), f.stop > f.dday),
              overdue_stop=one),
    ).cte("events")  # fmt: skip
    e = events.c
    fine_keys = [e.county, e.street, e.top, e.channel, e.lead, e.day]
    fine = (
        select(*fine_keys, *(func.sum(e[m]).label(m) for m in ROLLUP_MEASURES))
        .group_by(*fine_keys)
        .cte("fine")
        .prefix_with("MATERIALIZED")
    )
    n = fine.c
    dims = (
        values(column("dimension", String), name="rollup_dims")
        .data([(str(d),) for d in Dimension])
        .cte("rollup_dims")
    )
    d = dims.c.dimension
    key = case(
        (d == str(Dimension.STREET),
         case((n.street == 0, ""), else_=cast(n.street, String(24)))),
        (d == str(Dimension.CATEGORY), cast(n.top, String(24))),
        (d == str(Dimension.CHANNEL), n.channel),
        else_=func.coalesce(cast(n.lead, String(24)), ""),
    )  # fmt: skip
    # One statement, so `fine` is counted once and read for each of the four dimensions.
    grouped = (
        select(d, n.day, n.county, n.street, key.label("key"),
               *(func.sum(n[m]).label(m) for m in ROLLUP_MEASURES))
        .select_from(fine.join(dims, literal(True)))
        .group_by(d, n.day, n.county, n.street, key)
    )  # fmt: skip
    names = ["dimension", "day", "county_id", "street_id", "key", *ROLLUP_MEASURES]
    conn.execute(ReportRollup.__table__.insert().from_select(names, grouped))
