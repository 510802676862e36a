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
from desktop.domain.enums import DeadlineColour, JurisdictionLevel
from desktop.domain.metrics import Dimension, Metric
from desktop.domain.principal import Principal
from desktop.domain.workdays import RED_CARD_AFTER, workday_cutoff
from desktop.services import report_period
from desktop.services.deadlines import load_calendar
from desktop.services.meta import clock_for
from desktop.services.report_conditions import (
    Part,
    dimension_condition,
    dimension_expression,
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
    """One local day as a report span: report_conditions only reads start_at and end_at."""

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
    """All tiles and charts at `now` (the database clock's by default)."""
    now = now or clock_for(session).now()
    calendar = load_calendar(session)
    yesterday = now - DAY
    cutoff = workday_cutoff(now, RED_CARD_AFTER, calendar)
    cutoff_before = workday_cutoff(yesterday, RED_CARD_AFTER, calendar)
    today = _today(now)
    month = report_period.month_of(today.first)
    last_month = report_period.previous(month)

    def count(*conditions) -> list[int]:
        sums = [func.sum(case((c, 1), else_=0)) for c in conditions]
        row = session.execute(scope_cases(select(*sums).where(or_(*conditions)), principal))
        return [int(v or 0) for v in row.one()]

    intake_today, intake_yesterday = count(
        part_condition(Part.ACCEPTED, today), part_condition(Part.ACCEPTED, Day(today.first - DAY))
    )
    open_now, overdue_now, red_now = count(open_at(now), overdue_at(now), red_card_at(now, cutoff))
    open_before, overdue_before, red_before = count(
        open_at(yesterday), overdue_at(yesterday), red_card_at(yesterday, cutoff_before)
    )
    tiles = {
        Tile.TODAY_INTAKE: TileFigure(Tile.TODAY_INTAKE, intake_today, intake_yesterday,
                                      intake_today),
        Tile.OPEN: TileFigure(Tile.OPEN, open_now, open_before, open_now),
        Tile.OVERDUE: TileFigure(Tile.OVERDUE, overdue_now, overdue_before, overdue_now),
        Tile.RED_CARD: TileFigure(Tile.RED_CARD, red_now, red_before, red_now),
    }  # fmt: skip
    for tile, (numerator, denominator) in _RATE_PARTS.items():
        num, den, num_before, den_before = count(
            part_condition(numerator, month), part_condition(denominator, month),
            part_condition(numerator, last_month), part_condition(denominator, last_month),
        )  # fmt: skip
        tiles[tile] = TileFigure(tile, _ratio(num, den), _ratio(num_before, den_before), num, den)

    daily, average = _daily(session, principal, today.first)
    charts = {
        Chart.DAILY_INTAKE: daily,
        Chart.DEADLINE_COLOUR: [
            Bar(key, "", value)
            for key, value in zip(
                COLOUR_KEYS, count(*(colour_at(k, now) for k in COLOUR_KEYS)), strict=True
            )
        ],
        Chart.CATEGORIES: _categories(session, principal, month),
        Chart.STREETS: _streets(session, principal, now),
    }
    return DashboardFigures(now=now, month=month, tiles=tiles, charts=charts, average=average)


def _ratio(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


def _daily(session, principal, today: date) -> tuple[list[Bar], list[float | None]]:
    """受理量 per local day for the last DAYS days, and the trailing 7-day mean of each."""
    first = today - timedelta(days=DAYS - 1)
    span = Day(first - timedelta(days=AVERAGE_OF - 1))
    accepted = and_(Case.accepted_at >= span.start_at, Case.accepted_at < Day(today).end_at)
    day = local_day_number(session, Case.accepted_at).label("day")
    stmt = scope_cases(select(day, func.count()).where(accepted), principal).group_by(day)
    counts = {_EPOCH + timedelta(days=int(n)): int(c) for n, c in session.execute(stmt)}
    days = [span.first + timedelta(days=i) for i in range((today - span.first).days + 1)]
    values = [counts.get(d, 0) for d in days]
    bars, average = [], []
    for index, d in enumerate(days):
        if d < first:
            continue
        window = values[index - AVERAGE_OF + 1 : index + 1]
        bars.append(Bar(d, "", values[index]))
        average.append(sum(window) / AVERAGE_OF)
    return bars, average


def _categories(session, principal, month: Period) -> list[Bar]:
    """The month's 受理量 by top category, the largest TOP_CATEGORIES, largest first."""
    top = dimension_expression(Dimension.CATEGORY).label("top")
    stmt = scope_cases(
        select(top, func.count()).where(part_condition(Part.ACCEPTED, month)), principal
    ).group_by(top)
    counts = [(key, int(n)) for key, n in session.execute(stmt)]
    counts.sort(key=lambda kv: (-kv[1], kv[0] if kv[0] is not None else 0))
    counts = counts[:TOP_CATEGORIES]
    ids = [k for k, _ in counts if k is not None]
    names = dict(
        session.execute(select(Category.id, Category.name).where(Category.id.in_(ids))).all()
    )
    return [Bar(key, names.get(key, ""), n) for key, n in counts]


def _streets(session, principal, now: datetime) -> list[Bar]:
    """Open cases per street: every street of the jurisdiction (zeros too), in code order."""
    stmt = scope_cases(
        select(Case.street_id, func.count()).where(open_at(now)), principal
    ).group_by(Case.street_id)
    counts = {key: int(n) for key, n in session.execute(stmt)}
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
    stmt = scope_cases(select(Case.id).where(condition), principal)
    return list(session.scalars(stmt.order_by(Case.received_at, Case.id)))
