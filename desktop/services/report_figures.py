"""The figures of a report: every DOMAIN.md metric for a period, total and broken down.

All counting is SQL aggregates over `cases` (never loaded objects), scoped through
desktop.services.scoping. Each metric's definition is the condition of its parts in
desktop/services/report_conditions.py; this module only counts them:

- `tally` runs one grouped query per family of parts sharing an index range (accepted,
  resolved, followed up, repeats, overdue) and returns counts per (street, top category,
  channel, 主办 department), or one total row.
- `figures` turns a tally into the ten metrics; `breakdown` rolls a tally up by one dimension.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import Integer, case, func, literal, select, values
from sqlalchemy.orm import Session
from sqlalchemy.sql import column

from desktop.clock import to_local
from desktop.db.models import Case
from desktop.domain.metrics import Dimension, Metric
from desktop.domain.principal import Principal
from desktop.domain.workdays import WorkCalendar
from desktop.services.deadlines import load_calendar
from desktop.services.report_conditions import (
    METRIC_PARTS,
    Part,
    dimension_expression,
    local_day_number,
    part_condition,
)
from desktop.services.report_period import Period
from desktop.services.scoping import scope_cases

DIMENSIONS = tuple(Dimension)  # the order of a tally's group key
DAYS = "working_days"  # the tally entry summing 平均办理时长's working days
_EPOCH = date(1970, 1, 1)

# One query per family: its base part (an index range) and the parts counted inside it.
FAMILIES: tuple[tuple[Part, tuple[Part, ...]], ...] = (
    (Part.ACCEPTED, (Part.ACCEPTED_RESOLVED,)),
    (Part.RESOLVED, (Part.RESOLVED_ON_TIME, Part.DISPUTES_RESOLVED, Part.DISPUTES_SOLVED,
                     Part.MEDIATION_TRIED, Part.MEDIATED, Part.TIMED)),
    (Part.FOLLOWED_UP, (Part.SATISFIED,)),
    (Part.REPEATS, ()),
    (Part.OVERDUE, ()),
)  # fmt: skip

GroupKey = tuple  # (street id, top category id, channel, department id) or () for the total
Tally = Mapping[GroupKey, Mapping[str, int]]


@dataclass(frozen=True)
class Figure:
    """One number: a count (no denominator), a ratio, or a mean; value None when 0 ÷ 0."""

    metric: Metric
    value: float | int | None
    numerator: int
    denominator: int | None = None


def tally(
    *,
    session: Session,
    principal: Principal,
    period: Period,
    by_dimensions: bool = False,
    calendar: WorkCalendar | None = None,
) -> dict[GroupKey, dict[str, int]]:
    """Counts of every part (and the working-day sum) in `period`, per group or in total."""
    calendar = calendar or load_calendar(session)
    counts: dict[GroupKey, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for base, inner in FAMILIES:
        for row in session.execute(
            _family_query(session, principal, period, base, inner, by_dimensions, calendar)
        ):
            key = tuple(row[: len(DIMENSIONS)]) if by_dimensions else ()
            values_ = row[len(DIMENSIONS) :] if by_dimensions else row
            entry = counts[key]
            for name, value in zip(_names(base, inner), values_, strict=True):
                entry[name] += int(value or 0)
    if not by_dimensions and () not in counts:
        counts[()] = defaultdict(int)
    return {key: dict(entry) for key, entry in counts.items()}


def _names(base: Part, inner: tuple[Part, ...]) -> list[str]:
    names = [str(base), *(str(p) for p in inner)]
    return names + [DAYS] if base == Part.RESOLVED else names


def _family_query(session, principal, period, base, inner, by_dimensions, calendar):
    flags = [case((part_condition(p, period), 1), else_=0).label(str(p)) for p in inner]
    columns = [literal(1).label(str(base)), *flags]
    stmt_from = Case.__table__
    if base == Part.RESOLVED:
        # 平均办理时长: working days = P(resolved day) - P(accepted day), with P a running count
        # of working days joined from a small table: the sum stays an SQL aggregate.
        resolved_day = local_day_number(session, Case.first_resolved_at)
        accepted_day = local_day_number(session, Case.accepted_at)
        table_r, table_a = _workday_table(session, period, calendar, "wr"), _workday_table(
            session, period, calendar, "wa")  # fmt: skip
        stmt_from = stmt_from.outerjoin(table_r, table_r.c.day == resolved_day).outerjoin(
            table_a, table_a.c.day == accepted_day)  # fmt: skip
        columns.append((table_r.c.n - table_a.c.n).label(DAYS))
    if by_dimensions:
        columns = [dimension_expression(d).label(str(d)) for d in DIMENSIONS] + columns
    inner_stmt = scope_cases(
        select(*columns).select_from(stmt_from).where(part_condition(base, period)), principal
    ).subquery("parts")
    sums = [func.sum(inner_stmt.c[name]) for name in _names(base, inner)]
    if not by_dimensions:
        return select(*sums)
    keys = [inner_stmt.c[str(d)] for d in DIMENSIONS]
    return select(*keys, *sums).group_by(*keys)


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
    summed: dict[str, int] = defaultdict(int)
    for entry in counts.values():
        for name, value in entry.items():
            summed[name] += value
    return dict(summed)


def breakdown(counts: Tally, dimension: Dimension) -> dict[object, dict[str, int]]:
    """A tally by dimensions rolled up to one dimension: key -> summed counts."""
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
