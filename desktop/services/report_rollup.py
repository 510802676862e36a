"""The report rollup: what each case adds to the daily counts, and building them all afresh.

A case adds to the `report_rollup` rows of its street, its top category, its channel and its
主办 department (one row set per breakdown dimension, so every set sums to the same totals),
on the local day of each step that a figure counts (report_conditions gives the definitions):

- 受理量 `accepted` on the acceptance day; 办结率's numerator on the same day, once per period
  kind (`accepted_resolved_week/month/year`: first resolved before the end of the ISO week,
  month or year the acceptance falls in: a period of that kind holding the day is that one);
- 办结量 and the figures of resolved cases (按期, 化解, 调解, 平均办理时长's count and working
  days) on the day of the first 办结; 回访 on the closing day; 重复件 on the day of receipt;
- 超期件: a case is overdue at a period's end E when its deadline's day is before E's and E's
  day is at or before the day it stopped being open with a running clock (first 办结,
  rejection, 挂起); so `overdue_start` on the deadline's day and `overdue_stop` on that day,
  and the count at E is the sum of start - stop over all days before E.

`rebuild` recounts everything from the cases; desktop/services/rollup_upkeep.py applies each
transaction's changes as differences of these contributions. Both read the same function.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Connection, delete, func, select
from sqlalchemy.dialects import postgresql, sqlite

from desktop.clock import to_local
from desktop.db.models import AppMeta, CalendarDay, Case, CaseTask, Category, ReportRollup
from desktop.db.models.rollup import ROLLUP_MEASURES
from desktop.domain.enums import (
    OPEN_STATUSES,
    DayKind,
    Result,
    Satisfaction,
    Status,
    TaskRole,
    TaskStatus,
)
from desktop.domain.metrics import Dimension
from desktop.domain.workdays import WorkCalendar, working_days_between

BUILT_KEY = "report_rollup"  # app_meta: present once the rollup has been built from the cases
_OPEN = frozenset(str(s) for s in OPEN_STATUSES)
_SOLVED = frozenset({str(Result.MEDIATED), str(Result.SOLVED)})
_MEDIATION = frozenset({str(Result.MEDIATED), str(Result.MEDIATION_FAILED)})
_CONTENT = frozenset({str(Satisfaction.SATISFIED), str(Satisfaction.BASICALLY)})
_GONE = (str(TaskStatus.RETURNED), str(TaskStatus.RECALLED))
DIMENSIONS = tuple(Dimension)
FACT_COLUMNS = (
    Case.id, Case.county_id, Case.street_id, Case.category_id, Case.channel, Case.status,
    Case.received_at, Case.accepted_at, Case.first_resolved_at, Case.closed_at, Case.due_at,
    Case.suspended_at, Case.result, Case.satisfaction, Case.repeat_of_id,
)  # fmt: skip

RowKey = tuple[str, int, int, int, str]  # (dimension, day number, county, street, key)
Counts = dict[RowKey, dict[str, int]]


@dataclass(frozen=True)
class Context:
    """What a contribution needs besides the case: the category tree and the calendar."""

    tops: dict[int, int]  # category id -> its top-level category id
    disputes: frozenset[int]  # categories in the 矛盾纠纷 tree
    calendar: WorkCalendar

    @classmethod
    def load(cls, conn: Connection) -> Context:
        rows = conn.execute(select(Category.id, Category.parent_id, Category.is_dispute)).all()
        days = conn.execute(select(CalendarDay.day, CalendarDay.kind)).all()
        return cls(
            {cid: parent if parent is not None else cid for cid, parent, _ in rows},
            frozenset(cid for cid, _, dispute in rows if dispute),
            WorkCalendar({day: kind == DayKind.WORKDAY for day, kind in days}),
        )


EPOCH_DAY = date(1970, 1, 1).toordinal()


def day_number(day: date) -> int:
    """A local date as the rollup keys it: days since 1970-01-01."""
    return day.toordinal() - EPOCH_DAY


def _day(moment: datetime) -> int:
    return to_local(moment).date().toordinal() - EPOCH_DAY


def _period_ends(number: int) -> tuple[int, int, int]:
    """The day after the ISO week, the month and the year that hold day `number`."""
    day = date.fromordinal(number + EPOCH_DAY)
    month = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    year = date(day.year + 1, 1, 1)
    return number + 7 - day.weekday(), day_number(month), day_number(year)


def case_steps(fact, lead, context: Context) -> list[tuple[int, str, int]]:
    """(day, measure, amount) for one case row (FACT_COLUMNS) and its 主办 department."""
    steps: list[tuple[int, str, int]] = []
    accepted, resolved = fact.accepted_at, fact.first_resolved_at
    resolved_day = _day(resolved) if resolved is not None else None
    if accepted is not None:
        day = _day(accepted)
        steps.append((day, "accepted", 1))
        if resolved_day is not None:
            for name, end in zip(("week", "month", "year"), _period_ends(day), strict=True):
                if resolved_day < end:
                    steps.append((day, f"accepted_resolved_{name}", 1))
    if resolved is not None:
        steps.append((resolved_day, "resolved", 1))
        if fact.due_at is None or resolved <= fact.due_at:
            steps.append((resolved_day, "resolved_on_time", 1))
        if fact.category_id in context.disputes:
            steps.append((resolved_day, "disputes_resolved", 1))
            if fact.result in _SOLVED:
                steps.append((resolved_day, "disputes_solved", 1))
        if fact.result in _MEDIATION:
            steps.append((resolved_day, "mediation_tried", 1))
            if fact.result == Result.MEDIATED:
                steps.append((resolved_day, "mediated", 1))
        if accepted is not None:
            steps.append((resolved_day, "timed", 1))
            days = working_days_between(accepted, resolved, context.calendar)
            if days:
                steps.append((resolved_day, "working_days", days))
    if fact.closed_at is not None and fact.satisfaction is not None:
        day = _day(fact.closed_at)
        steps.append((day, "followed_up", 1))
        if fact.satisfaction in _CONTENT:
            steps.append((day, "satisfied", 1))
    if fact.repeat_of_id is not None:
        steps.append((_day(fact.received_at), "repeats", 1))
    steps.extend(_overdue_steps(fact))
    return steps


def _overdue_steps(fact) -> list[tuple[int, str, int]]:
    """Overdue from the deadline's day on, until the day it stopped being open and running
    (see report_conditions.overdue_at: open at E, deadline before E, not 挂起 since before E)."""
    if fact.due_at is None:
        return []
    if fact.first_resolved_at is not None:
        stop = _day(fact.first_resolved_at)
    elif fact.status in _OPEN:
        stop = None  # open now: overdue at every later end
    elif fact.status == Status.REJECTED and fact.closed_at is not None:
        stop = _day(fact.closed_at)
    else:
        return []  # never open
    if fact.suspended_at is not None:
        suspended = _day(fact.suspended_at)
        stop = suspended if stop is None else min(stop, suspended)
    start = _day(fact.due_at)
    if stop is None:
        return [(start, "overdue_start", 1)]
    if stop <= start:
        return []
    return [(start, "overdue_start", 1), (stop, "overdue_stop", 1)]


def row_keys(fact, lead, context: Context) -> tuple[tuple[str, str], ...]:
    """The (dimension, key) rows a case counts in; "" is no street, or 未派单."""
    top = context.tops.get(fact.category_id, fact.category_id)
    return (
        (str(Dimension.STREET), str(fact.street_id) if fact.street_id is not None else ""),
        (str(Dimension.CATEGORY), str(top)),
        (str(Dimension.CHANNEL), fact.channel),
        (str(Dimension.DEPARTMENT), str(lead) if lead is not None else ""),
    )


def add_case(counts: Counts, fact, lead, context: Context, sign: int = 1) -> None:
    """Add (or with sign -1 take away) one case's contributions."""
    steps = case_steps(fact, lead, context)
    if not steps:
        return
    county, street = fact.county_id or 0, fact.street_id or 0
    for dimension, key in row_keys(fact, lead, context):
        for day, measure, amount in steps:
            entry = counts.setdefault((dimension, day, county, street, key), {})
            entry[measure] = entry.get(measure, 0) + sign * amount


def lead_departments(conn: Connection, case_ids: Iterable[int] | None = None) -> dict[int, int]:
    """case id -> its 主办 department now (the newest lead task not returned or recalled)."""
    stmt = (
        select(CaseTask.case_id, CaseTask.department_id)
        .where(CaseTask.role == str(TaskRole.LEAD), CaseTask.status.not_in(_GONE))
        .order_by(CaseTask.case_id, CaseTask.id)
    )
    if case_ids is not None:
        stmt = stmt.where(CaseTask.case_id.in_(list(case_ids)))
    return {case_id: department for case_id, department in conn.execute(stmt)}


def counts_for(conn: Connection, case_ids: Iterable[int], context: Context) -> Counts:
    """The contributions of a few cases, as the database holds them now."""
    ids = sorted(set(case_ids))
    counts: Counts = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        leads = lead_departments(conn, chunk)
        for fact in conn.execute(select(*FACT_COLUMNS).where(Case.id.in_(chunk))):
            add_case(counts, fact, leads.get(fact.id), context)
    return counts


def rebuild(conn: Connection) -> int:
    """Recount the whole rollup from the cases and mark it built; returns its row count."""
    from desktop.services import report_rollup_build  # the same counts, in SQL

    conn.execute(delete(ReportRollup))
    report_rollup_build.build(conn)
    conn.execute(delete(AppMeta).where(AppMeta.key == BUILT_KEY))
    conn.execute(AppMeta.__table__.insert().values(key=BUILT_KEY, value="1"))
    return conn.execute(select(func.count()).select_from(ReportRollup)).scalar_one()


def recount(conn: Connection) -> Counts:
    """What the rollup should hold, counted from every case now (nothing written)."""
    context = Context.load(conn)
    leads = lead_departments(conn)
    per_case: dict[tuple, int] = defaultdict(int)  # (keys of the case, day, measure) -> sum
    facts = conn.execute(select(*FACT_COLUMNS).execution_options(yield_per=20_000))
    for fact in facts:
        lead = leads.get(fact.id)
        steps = case_steps(fact, lead, context)
        if not steps:
            continue
        keys = (fact.county_id or 0, fact.street_id or 0, row_keys(fact, lead, context))
        for day, measure, amount in steps:
            per_case[(keys, day, measure)] += amount
    counts: Counts = {}
    for ((county, street, rows), day, measure), amount in per_case.items():
        for dimension, key in rows:
            entry = counts.setdefault((dimension, day, county, street, key), {})
            entry[measure] = entry.get(measure, 0) + amount
    return counts


def is_built(conn: Connection) -> bool:
    return conn.execute(select(AppMeta.value).where(AppMeta.key == BUILT_KEY)).first() is not None


def stored(conn: Connection) -> Counts:
    """The rollup's rows as they are, without rows that count nothing."""
    names = ("dimension", "day", "county_id", "street_id", "key")
    t = ReportRollup.__table__
    out: Counts = {}
    for row in conn.execute(select(t)).mappings():
        measures = {m: row[m] for m in ROLLUP_MEASURES if row[m]}
        if measures:
            out[tuple(row[n] for n in names)] = measures
    return out


def _records(counts: Counts) -> list[dict]:
    names = ("dimension", "day", "county_id", "street_id", "key")
    records = []
    for row_key in sorted(counts):  # one order for every writer: no deadlock between seats
        measures = counts[row_key]
        if not any(measures.values()):
            continue
        record = dict(zip(names, row_key, strict=True))
        record.update({m: measures.get(m, 0) for m in ROLLUP_MEASURES})
        records.append(record)
    return records


def _insert(conn: Connection, counts: Counts) -> None:
    records = _records(counts)
    for start in range(0, len(records), 5000):
        conn.execute(ReportRollup.__table__.insert(), records[start : start + 5000])


def apply(conn: Connection, difference: Counts) -> None:
    """Add a difference of contributions to the rollup (rows created as needed)."""
    records = _records(difference)
    if not records:
        return
    table = ReportRollup.__table__
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    stmt = dialect.insert(table)
    stmt = stmt.on_conflict_do_update(
        index_elements=[table.c.dimension, table.c.day, table.c.county_id, table.c.street_id,
                        table.c.key],
        set_={m: table.c[m] + stmt.excluded[m] for m in ROLLUP_MEASURES},
    )  # fmt: skip
    conn.execute(stmt, records)


def difference(new: Counts, old: Counts) -> Counts:
    out: Counts = {}
    for key in set(new) | set(old):
        after, before = new.get(key, {}), old.get(key, {})
        delta = {m: after.get(m, 0) - before.get(m, 0) for m in set(after) | set(before)}
        if any(delta.values()):
            out[key] = delta
    return out
