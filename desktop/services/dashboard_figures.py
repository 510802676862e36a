"""The 工作台's live figures: six tiles and four charts, each with the cases behind it.

Every number is a count of cases meeting a condition built from the report's own
definitions (desktop/services/report_conditions.py), so a tile equals the report's figure
for the same period: 今日受理 is 受理量 over today, 超期 is 超期件 as of now, and the month
tiles are the month's 按期办结率 and 满意率. The same condition counts a number and lists
its cases (`target_ids`), so a click opens exactly what was counted. Scoped through
desktop.services.scoping; read-only; database worker only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from sqlalchemy import ColumnElement, and_, case, func, not_, or_, select
from sqlalchemy.orm import Session

from desktop.clock import local_midnight, to_local
from desktop.db.models import Case, Category, Jurisdiction
from desktop.domain.enums import OPEN_STATUSES, DeadlineColour, JurisdictionLevel, Status
from desktop.domain.metrics import Dimension, Metric
from desktop.domain.principal import Principal
from desktop.domain.workdays import RED_CARD_AFTER, workday_cutoff
from desktop.services import report_period, rollup_figures
from desktop.services.deadlines import load_calendar
from desktop.services.meta import clock_for
from desktop.services.report_conditions import (
    Part,
    dimension_condition,
    local_day_number,
    open_at,
    overdue_at,
    part_condition,
)
from desktop.services.report_period import Period
from desktop.services.scoping import scope_cases

DAYS = 90  # the daily intake chart's length
AVERAGE_OF = 7  # its moving average, in days
TOP_CATEGORIES = 8
DAY = timedelta(days=1)
_EPOCH = date(1970, 1, 1)
_OPEN = sorted(str(s) for s in OPEN_STATUSES)


class Tile(StrEnum):
    TODAY_INTAKE = "today_intake"  # 今日受理: 受理量 over today, against yesterday
    OPEN = "open"  # 在办: open now, against this time yesterday
    OVERDUE = "overdue"  # 超期: 超期件 as of now, against this time yesterday
    RED_CARD = "red_card"  # 红牌督办: overdue by 10+ working days, against yesterday
    ON_TIME_RATE = "on_time_rate"  # this month's 按期办结率, against last month
    SATISFACTION_RATE = "satisfaction_rate"  # this month's 满意率, against last month


class Chart(StrEnum):
    DAILY_INTAKE = "daily_intake"  # 受理量 per day, 90 days; key: the date
    DEADLINE_COLOUR = "deadline_colour"  # open cases by colour; key: DeadlineColour or NO_CLOCK
    CATEGORIES = "categories"  # this month's 受理量 by top category; key: category id
    STREETS = "streets"  # open cases by street; key: street id (None: no street)


_TILE_CODES = frozenset(str(t) for t in Tile)
NO_CLOCK = "no_clock"  # open cases without a running deadline (none set, or 挂起)
RATE_TILES = {Tile.ON_TIME_RATE: Metric.ON_TIME_RATE,
              Tile.SATISFACTION_RATE: Metric.SATISFACTION_RATE}  # fmt: skip
_RATE_PARTS = {Tile.ON_TIME_RATE: (Part.RESOLVED_ON_TIME, Part.RESOLVED),
               Tile.SATISFACTION_RATE: (Part.SATISFIED, Part.FOLLOWED_UP)}  # fmt: skip


@dataclass(frozen=True)
class Day:
    """One local day as a report span (report_conditions reads start_at, end_at, snapshot_at)."""

    first: date

    @property
    def end(self) -> date:
        return self.first + DAY

    @property
    def start_at(self) -> datetime:
        return local_midnight(self.first)

    @property
    def end_at(self) -> datetime:
        return local_midnight(self.end)

    @property
    def snapshot_at(self) -> datetime:
        return self.end_at


@dataclass(frozen=True)
class TileFigure:
    tile: Tile
    value: float | int | None  # a count, or a rate (None when 0 ÷ 0)
    previous: float | int | None  # yesterday's or last month's, the same way
    numerator: int
    denominator: int | None = None


@dataclass(frozen=True)
class Bar:
    key: object  # see Chart
    name: str  # a category or street name from the database; "" for dates and colours
    value: int


@dataclass(frozen=True)
class DashboardFigures:
    now: datetime  # the database clock's "now" the figures hold for
    month: Period  # the month of the rate tiles and the categories chart
    tiles: dict[Tile, TileFigure]
    charts: dict[Chart, list[Bar]]
    average: list[float | None]  # the daily chart's trailing 7-day mean, one per bar


@dataclass(frozen=True)
class Target:
    """What was clicked: a tile, or one bar of a chart."""

    what: Tile | Chart
    key: object = None


# ---------------------------------------------------------------------------- conditions


def red_card_at(moment: datetime, cutoff: datetime) -> ColumnElement[bool]:
    """超期件 at `moment` whose deadline is at or before the 红牌 cut-off (10 working days)."""
    return and_(overdue_at(moment), Case.due_at <= cutoff)


def colour_at(key: str, moment: datetime) -> ColumnElement[bool]:
    """The colour buckets partition the cases open at `moment`; red is exactly 超期件."""
    running = or_(Case.suspended_at.is_(None), Case.suspended_at >= moment)
    clock = and_(open_at(moment), Case.due_at.is_not(None), running)
    if key == DeadlineColour.RED:
        return overdue_at(moment)
    if key == DeadlineColour.YELLOW:
        return and_(clock, Case.due_at >= moment, Case.warn_at <= moment)
    if key == DeadlineColour.GREEN:
        return and_(clock, Case.due_at >= moment,
                    or_(Case.warn_at.is_(None), Case.warn_at > moment))  # fmt: skip
    return and_(open_at(moment), not_(clock.self_group()))


COLOUR_KEYS = (str(DeadlineColour.GREEN), str(DeadlineColour.YELLOW),
               str(DeadlineColour.RED), NO_CLOCK)  # fmt: skip


def open_since(session: Session, moment: datetime) -> list[ColumnElement[bool]]:
    """Every case that can be open at `moment` or later, as three disjoint index ranges.

    Open by status now, or first resolved since, or rejected since: open_at(t) for any
    t >= moment implies one of them, so a live condition counted within each branch and
    summed gives its own count, read from three index ranges instead of a whole county.
    """
    not_open = Case.status.not_in(_OPEN)
    branches = [
        Case.status.in_(_OPEN),
        and_(not_open, Case.first_resolved_at >= moment),
        and_(Case.status == str(Status.REJECTED), Case.closed_at >= moment,
             or_(Case.first_resolved_at.is_(None), Case.first_resolved_at < moment)),
    ]  # fmt: skip
    if session.get_bind().dialect.name == "sqlite":
        # SQLite would walk the county's index (or, grouped, the street's) past every case;
        # as a subquery of ids it reads the branch's own index range and looks the rest up.
        return [Case.id.in_(select(Case.id).where(b)) for b in branches]
    return branches


_LIVE = {str(Tile.OPEN), str(Tile.OVERDUE), str(Tile.RED_CARD), str(Chart.DEADLINE_COLOUR),
         str(Chart.STREETS)}  # fmt: skip


def _today(now: datetime) -> Day:
    return Day(to_local(now).date())


def tile_condition(tile: Tile, now: datetime, red_cutoff: datetime) -> ColumnElement[bool]:
    """The cases a tile counts (a rate tile: its numerator's cases)."""
    if tile == Tile.TODAY_INTAKE:
        return part_condition(Part.ACCEPTED, _today(now))
    if tile == Tile.OPEN:
        return open_at(now)
    if tile == Tile.OVERDUE:
        return overdue_at(now)
    if tile == Tile.RED_CARD:
        return red_card_at(now, red_cutoff)
    numerator, _ = _RATE_PARTS[tile]
    return part_condition(numerator, report_period.month_of(_today(now).first))


def bar_condition(chart: Chart, key, now: datetime) -> ColumnElement[bool]:
    if chart == Chart.DAILY_INTAKE:
        return part_condition(Part.ACCEPTED, Day(key))
    if chart == Chart.DEADLINE_COLOUR:
        return colour_at(key, now)
    if chart == Chart.CATEGORIES:
        month = report_period.month_of(_today(now).first)
        return and_(part_condition(Part.ACCEPTED, month),
                    dimension_condition(Dimension.CATEGORY, key))  # fmt: skip
    street = Case.street_id.is_(None) if key is None else Case.street_id == key
    return and_(open_at(now), street)


# ---------------------------------------------------------------------------- figures


def dashboard_figures(
    *, session: Session, principal: Principal, now: datetime | None = None
) -> DashboardFigures:
    """All tiles and charts at `now` (the database clock's by default), in five queries."""
    now = now or clock_for(session).now()
    calendar = load_calendar(session)
    today = _today(now)
    month = report_period.month_of(today.first)
    tiles, colours, streets = _live(session, principal, now, calendar)
    daily, average, categories = _intake(session, principal, today.first, month)
    tiles[Tile.TODAY_INTAKE] = TileFigure(
        Tile.TODAY_INTAKE, daily[-1].value, daily[-2].value, daily[-1].value
    )
    tiles.update(_rates(session, principal, month))
    charts = {
        Chart.DAILY_INTAKE: daily,
        Chart.DEADLINE_COLOUR: colours,
        Chart.CATEGORIES: categories,
        Chart.STREETS: streets,
    }
    tiles = {t: tiles[t] for t in Tile}
    return DashboardFigures(now=now, month=month, tiles=tiles, charts=charts, average=average)


def _sums(conditions) -> list:
    return [func.sum(case((c, 1), else_=0)) for c in conditions]


def _live(session, principal, now, calendar) -> tuple[dict, list[Bar], list[Bar]]:
    """Open, overdue and red-card now and a day ago, the colours, and open cases by street.

    One pass over the few cases that can be open at either instant (open by status, or
    first resolved or rejected since yesterday), each branch an index range: every condition
    counted here implies that set, so the counts are those of the conditions themselves.
    """
    yesterday = now - DAY
    cutoff = workday_cutoff(now, RED_CARD_AFTER, calendar)
    cutoff_before = workday_cutoff(yesterday, RED_CARD_AFTER, calendar)
    measured = (
        open_at(now), overdue_at(now), red_card_at(now, cutoff),
        open_at(yesterday), overdue_at(yesterday), red_card_at(yesterday, cutoff_before),
        *(colour_at(k, now) for k in COLOUR_KEYS),
    )  # fmt: skip
    per_street: dict[object, list[int]] = {}
    for branch in open_since(session, yesterday):
        stmt = scope_cases(
            select(Case.street_id, *_sums(measured)).where(branch), principal
        ).group_by(Case.street_id)
        for row in session.execute(stmt):
            counts = per_street.setdefault(row[0], [0] * len(measured))
            for index, value in enumerate(row[1:]):
                counts[index] += int(value or 0)
    total = [sum(column) for column in zip(*per_street.values(), strict=True)] or [0] * len(
        measured
    )
    tiles = {
        tile: TileFigure(tile, total[i], total[i + 3], total[i])
        for i, tile in enumerate((Tile.OPEN, Tile.OVERDUE, Tile.RED_CARD))
    }
    colours = [Bar(k, "", total[6 + i]) for i, k in enumerate(COLOUR_KEYS)]
    open_by_street = {k: v[0] for k, v in per_street.items() if v[0]}
    return tiles, colours, _streets(session, principal, open_by_street)


def _intake(session, principal, today: date, month: Period):
    """受理量 per day for DAYS days with its trailing mean, and the month's top categories.

    The days are one range of the acceptance index (it carries the scoping columns, so
    the count need not read the cases); the categories read only this month's rows.
    """
    first = today - timedelta(days=DAYS - 1)
    start = first - timedelta(days=AVERAGE_OF - 1)
    if rollup_figures.usable(session, principal, month):  # the report's daily counts
        per_day = rollup_figures.daily(session, principal, start, Day(today).end, "accepted")
    else:
        day = local_day_number(session, Case.accepted_at).label("day")
        stmt = scope_cases(
            select(day, func.count()).where(
                Case.accepted_at >= local_midnight(start), Case.accepted_at < Day(today).end_at
            ),
            principal,
        ).group_by(day)
        per_day = {_EPOCH + timedelta(days=int(n)): int(c) for n, c in session.execute(stmt)}
    days = [start + timedelta(days=i) for i in range((today - start).days + 1)]
    values = [per_day.get(d, 0) for d in days]
    bars, average = [], []
    for index in range(AVERAGE_OF - 1, len(days)):
        bars.append(Bar(days[index], "", values[index]))
        average.append(sum(values[index - AVERAGE_OF + 1 : index + 1]) / AVERAGE_OF)
    if rollup_figures.usable(session, principal, month):  # keyed by top category already
        per_category = rollup_figures.per_key(
            session, principal, month, Dimension.CATEGORY, "accepted"
        )
        return bars, average, _categories(session, per_category)
    by_category = scope_cases(
        select(Case.category_id, func.count()).where(part_condition(Part.ACCEPTED, month)),
        principal,
    ).group_by(Case.category_id)
    per_category = {key: int(n) for key, n in session.execute(by_category)}
    return bars, average, _categories(session, per_category)


def _categories(session, per_category: dict[int, int]) -> list[Bar]:
    """Counts by category rolled up to the top level (as the report's breakdown), largest first."""
    rows = session.execute(select(Category.id, Category.parent_id, Category.name))
    tree = {row[0]: (row[1], row[2]) for row in rows}
    rolled: dict[int, int] = {}
    for category_id, n in per_category.items():
        parent = tree[category_id][0] if category_id in tree else None
        top = parent if parent is not None else category_id
        rolled[top] = rolled.get(top, 0) + n
    ranked = sorted(rolled.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_CATEGORIES]
    return [Bar(key, tree[key][1] if key in tree else "", n) for key, n in ranked]


def _rates(session, principal, month: Period) -> dict[Tile, TileFigure]:
    """This month's and last month's 按期办结率 and 满意率: one index range each."""
    last = report_period.previous(month)
    if rollup_figures.usable(session, principal, month):  # the report's own monthly counts
        now, before = (rollup_figures.rollup_total(session, principal, m) for m in (month, last))
        out = {}
        for tile, parts in _RATE_PARTS.items():
            num, den = (now[str(p)] for p in parts)
            num_before, den_before = (before[str(p)] for p in parts)
            out[tile] = TileFigure(tile, _ratio(num, den), _ratio(num_before, den_before), num, den)
        return out
    both = Period(month.kind, last.first, month.end)
    out = {}
    for tile, (numerator, denominator) in _RATE_PARTS.items():
        conditions = [part_condition(p, m) for m in (month, last) for p in (numerator, denominator)]
        stmt = scope_cases(
            select(*_sums(conditions)).where(part_condition(denominator, both)), principal
        )
        num, den, num_before, den_before = (int(v or 0) for v in session.execute(stmt).one())
        out[tile] = TileFigure(tile, _ratio(num, den), _ratio(num_before, den_before), num, den)
    return out


def _ratio(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


def _streets(session, principal, counts: dict) -> list[Bar]:
    """Open cases per street: every street of the jurisdiction (zeros too), in code order."""
    place = session.get(Jurisdiction, principal.jurisdiction_id)
    if place is not None and place.level == JurisdictionLevel.TOWNSHIP:
        known = select(Jurisdiction.id, Jurisdiction.name).where(Jurisdiction.id == place.id)
    else:
        known = select(Jurisdiction.id, Jurisdiction.name).where(
            or_(
                and_(Jurisdiction.parent_id == principal.jurisdiction_id,
                     Jurisdiction.level == str(JurisdictionLevel.TOWNSHIP)),
                Jurisdiction.id.in_([k for k in counts if k is not None]),
            )
        )  # fmt: skip
    names = dict(session.execute(known.order_by(Jurisdiction.code)).all())
    bars = [Bar(key, name, counts.get(key, 0)) for key, name in names.items()]
    if None in counts:  # a case without a street: counted, never dropped
        bars.append(Bar(None, "", counts[None]))
    return bars


# ---------------------------------------------------------------------------- drill-down


def target_ids(
    *, session: Session, principal: Principal, target: Target, now: datetime
) -> list[int]:
    """Ids of the cases behind a tile or a bar at `now`, oldest receipt first.

    Pass the `now` the figures were counted at, so the list is what the number counted.
    """
    if str(target.what) in _TILE_CODES:
        cutoff = workday_cutoff(now, RED_CARD_AFTER, load_calendar(session))
        condition = tile_condition(Tile(target.what), now, cutoff)
    else:
        condition = bar_condition(Chart(target.what), target.key, now)
    if str(target.what) not in _LIVE:
        stmt = scope_cases(select(Case.id).where(condition), principal)
        return list(session.scalars(stmt.order_by(Case.received_at, Case.id)))
    found = []
    for branch in open_since(session, now):
        stmt = scope_cases(select(Case.received_at, Case.id).where(condition, branch), principal)
        found.extend(session.execute(stmt).all())
    return [case_id for _, case_id in sorted(found)]
