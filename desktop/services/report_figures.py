"""The figures of a report: every DOMAIN.md metric for a period, total and broken down.

All counting is SQL aggregates over `cases` (never loaded objects), scoped through
desktop.services.scoping. Each metric's definition is the condition of its parts in
desktop/services/report_conditions.py; this module only counts them:

- `tally` reads the cases any part counts in one pass (each through its own index range:
  accepted, resolved, followed up, repeats, overdue) and returns the counts of every part per
  (street, top category, channel, 主办 department), or one total row.
- `figures` turns a tally into the ten metrics; `breakdown` rolls a tally up by one dimension.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import Integer, and_, case, func, select, values
from sqlalchemy.orm import Session
from sqlalchemy.sql import column

from desktop.clock import to_local
from desktop.db.models import Case, Category
from desktop.domain.metrics import Dimension, Metric
from desktop.domain.principal import Principal
from desktop.domain.workdays import WorkCalendar
from desktop.services import rollup_figures
from desktop.services.deadlines import load_calendar
from desktop.services.report_conditions import (
    METRIC_PARTS,
    Part,
    among,
    dimension_expression,
    index_branches,
    local_day_number,
    part_condition,
)
from desktop.services.report_period import Period
from desktop.services.scoping import scope_cases

DIMENSIONS = tuple(Dimension)  # the order of a tally's group key
DAYS = "working_days"  # the tally entry summing 平均办理时长's working days
_EPOCH = date(1970, 1, 1)

# The parts every other part lies within: the WHERE of a tally.
BASES = (Part.ACCEPTED, Part.RESOLVED, Part.FOLLOWED_UP, Part.REPEATS, Part.OVERDUE)

GroupKey = tuple  # (street id, top category id, channel, department id) or () for the total
Tally = Mapping[GroupKey, Mapping[str, int]]


@dataclass(frozen=True)
class Figure:
    """One number: a count (no denominator), a ratio, or a mean; value None when 0 ÷ 0."""

    metric: Metric
    value: float | int | None
    numerator: int
    denominator: int | None = None


class Grouped(dict):
    """A tally per breakdown row: dimension -> key -> counts (key None: 未派单 or no street)."""


def tally(
    *,
    session: Session,
    principal: Principal,
    period: Period,
    by_dimensions: bool = False,
    calendar: WorkCalendar | None = None,
) -> dict[GroupKey, dict[str, int]]:
    """Counts of every part (and the working-day sum) in `period`: in total as `{(): counts}`,
    or per breakdown row as a Grouped. Read from the daily rollup where it answers."""
    if rollup_figures.usable(session, principal, period):
        if by_dimensions:
            return Grouped(rollup_figures.rollup_breakdowns(session, principal, period))
        return {(): rollup_figures.rollup_total(session, principal, period)}
    counts = _counted_tally(session, principal, period, by_dimensions, calendar)
    if not by_dimensions:
        return counts
    return Grouped({d: _roll_up(counts, d) for d in DIMENSIONS})


def _counted_tally(session, principal, period, by_dimensions, calendar):
    """The tally counted from the cases themselves (scopes the rollup is not keyed by)."""
    calendar = calendar or load_calendar(session)
    stmt = _tally_query(session, principal, period, by_dimensions, calendar)
    names = [str(p) for p in Part] + [DAYS]
    width = len(DIMENSIONS) if by_dimensions else 0
    counts: dict[GroupKey, dict[str, int]] = {}
    tops = _top_categories(session) if by_dimensions else {}
    at = DIMENSIONS.index(Dimension.CATEGORY)
    for row in session.execute(stmt):
        key = tuple(row[:width])
        if by_dimensions:  # grouped by category id in SQL; its top-level category here
            key = (*key[:at], tops.get(key[at], key[at]), *key[at + 1 :])
        entry = counts.setdefault(key, dict.fromkeys(names, 0))
        for name, value in zip(names, row[width:], strict=True):
            entry[name] += int(value or 0)
    if not by_dimensions and () not in counts:
        counts[()] = dict.fromkeys(names, 0)
    return counts


def _tally_query(session, principal, period, by_dimensions, calendar):
    """One pass over the cases any part counts, each read once through its own index range."""
    conditions = {p: part_condition(p, period) for p in Part}
    columns = [case((conditions[p], 1), else_=0).label(str(p)) for p in Part]
    # 平均办理时长: working days = P(resolved day) - P(accepted day), with P a running count
    # of working days joined from a small table: the sum stays an SQL aggregate. 0 when
    # resolved on or before the acceptance day, as working_days_between counts.
    table_r = _workday_table(session, period, calendar, "wr")
    table_a = _workday_table(session, period, calendar, "wa")
    joined = Case.__table__.outerjoin(
        table_r, table_r.c.day == local_day_number(session, Case.first_resolved_at)
    ).outerjoin(table_a, table_a.c.day == local_day_number(session, Case.accepted_at))
    gap = case(
        (and_(conditions[Part.TIMED], table_r.c.n > table_a.c.n), table_r.c.n - table_a.c.n),
        else_=0,
    )
    columns.append(gap.label(DAYS))
    if by_dimensions:  # the category as stored (a join-free column); tally maps it to its top
        columns = [
            (Case.category_id if d == Dimension.CATEGORY else dimension_expression(d)).label(str(d))
            for d in DIMENSIONS
        ] + columns
    # Every other part lies inside one of these; as a flat OR each reads one index range.
    counted = among([b for p in BASES for b in index_branches(p, period)])
    # MATERIALIZED: read the rows once, then group them. Flattened into the GROUP BY, SQLite
    # walked a million rows in street order to avoid a sort, and ran each correlated
    # subquery (category, 主办 department) twice per row.
    parts = (
        scope_cases(select(*columns).select_from(joined).where(counted), principal)
        .cte("parts")
        .prefix_with("MATERIALIZED")
    )
    sums = [func.sum(parts.c[str(p)]) for p in Part] + [func.sum(parts.c[DAYS])]
    if not by_dimensions:
        return select(*sums)
    keys = [parts.c[str(d)] for d in DIMENSIONS]
    return select(*keys, *sums).group_by(*keys)


def _top_categories(session: Session) -> dict[int, int]:
    rows = session.execute(select(Category.id, func.coalesce(Category.parent_id, Category.id)))
    return dict(rows.all())


def _workday_table(session: Session, period: Period, calendar: WorkCalendar, name: str):
    """(day number, working days since the first day) for every day cases may be accepted on."""
    first = session.scalar(select(func.min(Case.accepted_at)))
    start = to_local(first).date() if first is not None else period.first
    start = min(start, period.first)
    rows, running, day = [], 0, start
    while day < period.end:
        running += calendar.is_workday(day) if day > start else 0
        rows.append(((day - _EPOCH).days, running))
        day += timedelta(days=1)
    table = values(column("day", Integer), column("n", Integer), name=name)
    return table.data(rows).cte(name)


# ---------------------------------------------------------------------------- figures


def figures(counts: Mapping[str, int]) -> dict[Metric, Figure]:
    """The ten metrics from one entry of a tally."""
    out = {}
    for metric, (numerator, denominator) in METRIC_PARTS.items():
        num = counts.get(DAYS if numerator is None else str(numerator), 0)
        if denominator is None:
            out[metric] = Figure(metric, num, num)
            continue
        den = counts.get(str(denominator), 0)
        out[metric] = Figure(metric, num / den if den else None, num, den)
    return out


def total(counts: Tally) -> dict[str, int]:
    """All groups of a tally added up."""
    if isinstance(counts, Grouped):  # every case is in exactly one street row
        counts = counts[Dimension.STREET]
    summed: dict[str, int] = defaultdict(int, dict.fromkeys([str(p) for p in Part] + [DAYS], 0))
    for entry in counts.values():
        for name, value in entry.items():
            summed[name] += value
    return dict(summed)


def breakdown(counts: Tally, dimension: Dimension) -> dict[object, dict[str, int]]:
    """A tally by dimensions rolled up to one dimension: key -> summed counts."""
    if isinstance(counts, Grouped):
        return counts[dimension]
    return _roll_up(counts, dimension)


def _roll_up(counts: Tally, dimension: Dimension) -> dict[object, dict[str, int]]:
    index = DIMENSIONS.index(dimension)
    rolled: dict[object, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for key, entry in counts.items():
        target = rolled[key[index]]
        for name, value in entry.items():
            target[name] += value
    return {key: dict(entry) for key, entry in rolled.items()}


def period_figures(
    *,
    session: Session,
    principal: Principal,
    period: Period,
    calendar: WorkCalendar | None = None,
) -> dict[Metric, Figure]:
    """The ten headline figures of one period for everything the principal sees."""
    counts = tally(session=session, principal=principal, period=period, calendar=calendar)
    return figures(counts[()])
