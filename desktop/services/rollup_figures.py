"""Reading the report rollup: a period's counts of every part, in total or per breakdown row.

The counts equal report_figures' one pass over the cases (the same definitions: see
desktop/services/report_rollup.py for what each row counts), read from a few thousand daily
rows instead of the period's cases. Used for the scopes the rollup is keyed by (a city,
county or street, without a department's own cases); other principals count the cases.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.db.models import Jurisdiction, ReportRollup
from desktop.domain.enums import JurisdictionLevel
from desktop.domain.metrics import Dimension, PeriodKind
from desktop.domain.principal import Principal
from desktop.services import report_rollup
from desktop.services.report_conditions import Part
from desktop.services.report_period import Period

DAYS = "working_days"  # as report_figures.DAYS
# part -> the rollup measure summed over the period's days (办结率's numerator by period kind)
_IN_PERIOD = {
    Part.ACCEPTED: "accepted",
    Part.RESOLVED: "resolved",
    Part.RESOLVED_ON_TIME: "resolved_on_time",
    Part.DISPUTES_RESOLVED: "disputes_resolved",
    Part.DISPUTES_SOLVED: "disputes_solved",
    Part.MEDIATION_TRIED: "mediation_tried",
    Part.MEDIATED: "mediated",
    Part.FOLLOWED_UP: "followed_up",
    Part.SATISFIED: "satisfied",
    Part.REPEATS: "repeats",
    Part.TIMED: "timed",
}
_SCOPED_LEVELS = (JurisdictionLevel.CITY, JurisdictionLevel.COUNTY, JurisdictionLevel.TOWNSHIP)


def usable(session: Session, principal: Principal, period) -> bool:
    """Whether the rollup answers this principal's counts for this period."""
    return (
        principal.department_id is None
        and principal.jurisdiction_level in _SCOPED_LEVELS
        and getattr(period, "kind", None) in tuple(PeriodKind)
        and report_rollup.is_built(session.connection())
    )


def _place(principal: Principal):
    t = ReportRollup
    if principal.jurisdiction_level == JurisdictionLevel.TOWNSHIP:
        return t.street_id == principal.jurisdiction_id
    if principal.jurisdiction_level == JurisdictionLevel.COUNTY:
        return t.county_id == principal.jurisdiction_id
    counties = select(Jurisdiction.id).where(Jurisdiction.parent_id == principal.jurisdiction_id)
    return t.county_id.in_(counties)


def _columns(period: Period) -> tuple[list[str], list]:
    """(entry names, summed columns) of the period's days."""
    t = ReportRollup.__table__
    measures = dict(_IN_PERIOD)
    measures[Part.ACCEPTED_RESOLVED] = f"accepted_resolved_{period.kind}"
    names = [str(p) for p in measures] + [DAYS]
    return names, [func.sum(t.c[m]) for m in [*measures.values(), DAYS]]


def _overdue():
    """超期件 at a period's snapshot: start - stop summed over every day before it."""
    return func.sum(ReportRollup.overdue_start) - func.sum(ReportRollup.overdue_stop)


def _before_snapshot(period: Period):
    """The days 超期件 sums over: before the end, or before `as_of` in a running period."""
    return ReportRollup.day < report_rollup.day_number(period.as_of or period.end)


def _days(period: Period):
    first, end = (report_rollup.day_number(d) for d in (period.first, period.end))
    return ReportRollup.day >= first, ReportRollup.day < end


def rollup_total(session: Session, principal: Principal, period: Period) -> dict[str, int]:
    """Every part's count in the period for everything the principal sees."""
    t = ReportRollup
    names, columns = _columns(period)
    from_first, before_end = _days(period)
    # Every case is in exactly one street row: the street rows sum to the total.
    streets = [t.dimension == str(Dimension.STREET), _place(principal)]
    row = session.execute(select(*columns).where(*streets, from_first, before_end)).one()
    overdue = session.scalar(select(_overdue()).where(*streets, _before_snapshot(period)))
    return _entry([*names, str(Part.OVERDUE)], [*row, overdue])


def rollup_breakdowns(
    session: Session, principal: Principal, period: Period
) -> dict[Dimension, dict[object, dict[str, int]]]:
    """Every part's count per breakdown row of each dimension (rows that count nothing left out).

    Two reads: the period's days (one short range per dimension), and 超期件's sum over all
    days before the end, read from a narrow index (ix_report_rollup_overdue) in its order.
    """
    t = ReportRollup
    names, columns = _columns(period)
    from_first, before_end = _days(period)
    grouped: dict[tuple[str, str], list] = {}
    in_period = (
        select(t.dimension, t.key, *columns)
        .where(from_first, before_end, _place(principal))
        .group_by(t.dimension, t.key)
    )
    for row in session.execute(in_period):
        grouped[(row[0], row[1])] = [*row[2:], 0]
    overdue = (
        select(t.dimension, t.key, _overdue())
        .where(_before_snapshot(period), _place(principal))
        .group_by(t.dimension, t.key)
    )
    for dimension, key, count in session.execute(overdue):
        if count:
            grouped.setdefault((dimension, key), [0] * (len(names) + 1))[-1] = count
    out: dict[Dimension, dict[object, dict[str, int]]] = {d: {} for d in Dimension}
    for (dimension, key), values in grouped.items():
        entry = _entry([*names, str(Part.OVERDUE)], values)
        if any(entry.values()):
            out[Dimension(dimension)][_key(Dimension(dimension), key)] = entry
    return out


def _entry(names: list[str], values) -> dict[str, int]:
    entry = dict.fromkeys([str(p) for p in Part] + [DAYS], 0)
    entry.update({name: int(value or 0) for name, value in zip(names, values, strict=True)})
    return entry


def _key(dimension: Dimension, text: str):
    if dimension == Dimension.CHANNEL:
        return text
    return int(text) if text else None


def daily(session: Session, principal: Principal, first: date, end: date, measure: str):
    """One measure per local day in [first, end) (days that count nothing left out)."""
    t = ReportRollup
    numbers = report_rollup.day_number(first), report_rollup.day_number(end)
    stmt = (
        select(t.day, func.sum(t.__table__.c[measure]))
        .where(t.dimension == str(Dimension.STREET), t.day >= numbers[0], t.day < numbers[1],
               _place(principal))
        .group_by(t.day)
    )  # fmt: skip
    epoch = date(1970, 1, 1)
    return {epoch + timedelta(days=day): int(n) for day, n in session.execute(stmt) if n}


def per_key(
    session: Session, principal: Principal, period: Period, dimension: Dimension, measure: str
) -> dict[object, int]:
    """One measure over the period per breakdown row of a dimension (zeros left out)."""
    t = ReportRollup
    from_first, before_end = _days(period)
    stmt = (
        select(t.key, func.sum(t.__table__.c[measure]))
        .where(t.dimension == str(dimension), from_first, before_end, _place(principal))
        .group_by(t.key)
    )
    return {_key(dimension, key): int(n) for key, n in session.execute(stmt) if n}
