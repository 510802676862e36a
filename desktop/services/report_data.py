"""Everything a 周报 / 月报 shows, as frozen data: built once, written by reports/.

`build_report` gathers the headline figures with 环比 and 同比, the breakdowns, ageing
buckets, overdue list, top repeats and a trend, for one center and period. The figures'
definitions are in report_conditions; drill-downs in report_drilldown.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import case, func, or_, select
from sqlalchemy.orm import Session

from desktop.clock import to_local
from desktop.db.models import Category, Center, Department, Jurisdiction
from desktop.domain.enums import Channel, JurisdictionLevel, Role
from desktop.domain.metrics import HEADLINE, UNDISPATCHED, Ageing, Dimension, Metric, PeriodKind
from desktop.domain.principal import Principal
from desktop.errors import GovDeskError
from desktop.services import report_period, rollup_figures
from desktop.services.deadlines import load_calendar
from desktop.services.meta import clock_for
from desktop.services.report_conditions import Part, part_condition
from desktop.services.report_figures import Figure, breakdown, figures, tally, total
from desktop.services.report_lists import (
    OverdueRow,
    RepeatPerson,
    RepeatPlace,
    ageing_counts,
    overdue_list,
    repeat_people,
    repeat_places,
)
from desktop.services.report_period import Period
from desktop.services.report_targets import center_targets
from desktop.services.roster import Attendance, attendance_summary
from desktop.services.scoping import scope_cases

TREND_LENGTH = {PeriodKind.WEEK: 8, PeriodKind.MONTH: 12, PeriodKind.YEAR: 3}
_LEVEL_RANK = {JurisdictionLevel.CITY: 0, JurisdictionLevel.COUNTY: 1,
               JurisdictionLevel.TOWNSHIP: 2, JurisdictionLevel.VILLAGE: 3}  # fmt: skip

Progress = Callable[[str], None]


@dataclass(frozen=True)
class Headline:
    metric: Metric
    current: Figure
    previous: Figure  # 环比
    year_ago: Figure | None  # 同比; None when that period does not exist (2025 has no W53)


@dataclass(frozen=True)
class BreakdownRow:
    key: object  # street / top category / department id, channel code; None: 未派单
    name: str  # the database's name; "" for a channel or 未派单 (the label table names them)
    figures: dict[Metric, Figure]


@dataclass(frozen=True)
class TrendPoint:
    period: Period
    intake: int
    resolved: int


@dataclass(frozen=True)
class ReportData:
    center_id: int
    center_name: str
    period: Period
    previous: Period
    year_ago: Period | None
    generated_at: datetime
    headlines: tuple[Headline, ...]
    breakdowns: dict[Dimension, list[BreakdownRow]]
    ageing: dict[Ageing, int]
    overdue: list[OverdueRow]
    repeat_people: list[RepeatPerson]
    repeat_places: list[RepeatPlace]
    trend: list[TrendPoint]
    targets: dict[Metric, float]
    attendance: list[Attendance]  # per department at the center (the roster's summary)

    def headline(self, metric: Metric) -> Headline:
        return next(h for h in self.headlines if h.metric == metric)


# ---------------------------------------------------------------------------- centers


def top_center(session: Session) -> Center:
    """The center of the highest jurisdiction (city, then county, then street)."""
    rank = case(*((Jurisdiction.level == str(k), v) for k, v in _LEVEL_RANK.items()), else_=9)
    found = session.scalars(
        select(Center).join(Jurisdiction, Jurisdiction.id == Center.jurisdiction_id)
        .order_by(rank, Center.id).limit(1)
    ).first()  # fmt: skip
    if found is None:
        raise GovDeskError("report.no_center")
    return found


def find_center(session: Session, text: str | None) -> Center:
    """A center by id, short name or name; the top center when `text` is empty."""
    if not text or not text.strip():
        return top_center(session)
    text = text.strip()
    conditions = [Center.short_name == text, Center.name == text]
    if text.isdigit():
        conditions.append(Center.id == int(text))
    found = session.scalars(select(Center).where(or_(*conditions)).order_by(Center.id)).first()
    if found is None:
        raise GovDeskError("report.unknown_center", value=text)
    return found


def center_principal(session: Session, center: Center, actor: str) -> Principal:
    """Who a report speaks for: the center's whole jurisdiction, as its supervisor would."""
    place = session.get(Jurisdiction, center.jurisdiction_id)
    return Principal(user_id=0, username=actor, display_name=actor,
                     roles=frozenset({Role.SUPERVISOR}), jurisdiction_id=place.id,
                     jurisdiction_level=JurisdictionLevel(place.level))  # fmt: skip


# ---------------------------------------------------------------------------- building


def build_report(
    *,
    session: Session,
    principal: Principal,
    center: Center,
    period: Period,
    now: datetime | None = None,
    progress: Progress | None = None,
) -> ReportData:
    """All the data of one report. Read-only; runs on the reports worker, never the UI thread.
    A period still running at `now` is reported as observed today (report_period.observed)."""
    say = progress or (lambda _step: None)
    now = now or clock_for(session).now()
    period = report_period.observed(period, to_local(now).date())
    calendar = load_calendar(session)
    common = {"session": session, "principal": principal, "calendar": calendar}
    previous = report_period.previous(period)
    year_ago = report_period.year_ago(period)

    say("figures")
    grouped = tally(period=period, by_dimensions=True, **common)
    current = figures(total(grouped))
    before = figures(tally(period=previous, **common)[()])
    then = figures(tally(period=year_ago, **common)[()]) if year_ago is not None else None
    headlines = tuple(
        Headline(m, current[m], before[m], then[m] if then is not None else None) for m in HEADLINE
    )

    say("breakdowns")
    breakdowns = {d: _breakdown_rows(session, principal, grouped, d) for d in Dimension}

    say("lists")
    lists = {"session": session, "principal": principal, "period": period}
    ageing = ageing_counts(**lists, counts=total(grouped))
    overdue = overdue_list(**lists)
    people, places = repeat_people(**lists), repeat_places(**lists)

    say("trend")
    trend = [
        TrendPoint(p, *_intake_resolved(session, principal, p))
        for p in report_period.trailing(period, TREND_LENGTH[period.kind])
    ]
    return ReportData(
        center_id=center.id, center_name=center.name, period=period, previous=previous,
        year_ago=year_ago, generated_at=now, headlines=headlines,
        breakdowns=breakdowns, ageing=ageing, overdue=overdue, repeat_people=people,
        repeat_places=places, trend=trend,
        targets=center_targets(session=session, center_id=center.id),
        attendance=attendance_summary(
            session=session, center_id=center.id, start=period.first, end=period.end, as_of=now
        ),
    )  # fmt: skip


def _intake_resolved(session: Session, principal: Principal, period: Period) -> tuple[int, int]:
    if rollup_figures.usable(session, principal, period):
        counts = rollup_figures.rollup_total(session, principal, period)
        return counts[str(Part.ACCEPTED)], counts[str(Part.RESOLVED)]
    out = []
    for part in (Part.ACCEPTED, Part.RESOLVED):
        stmt = scope_cases(select(func.count()).where(part_condition(part, period)), principal)
        out.append(int(session.scalar(stmt) or 0))
    return out[0], out[1]


def _breakdown_rows(session, principal, grouped, dimension: Dimension) -> list[BreakdownRow]:
    """One row per street / top category / channel / department; zero rows for known keys."""
    rolled = breakdown(grouped, dimension)
    names = _names(session, principal, dimension)
    keys = list(names) + [k for k in rolled if k not in names]
    rows = [BreakdownRow(k, names.get(k, "") if k is not None else "",
                         figures(rolled.get(k, {}))) for k in keys]  # fmt: skip
    if dimension == Dimension.DEPARTMENT:  # departments that had cases, then 未派单
        rows = [r for r in rows if r.key is not None and r.key in rolled]
        rows.append(BreakdownRow(None, "", figures(rolled.get(None, {}))))
    return rows


def _names(session: Session, principal: Principal, dimension: Dimension) -> dict[object, str]:
    """The known keys of a dimension in display order, with their names."""
    if dimension == Dimension.STREET:
        place = session.get(Jurisdiction, principal.jurisdiction_id)
        if place.level == JurisdictionLevel.TOWNSHIP:
            return {place.id: place.name}
        streets = (
            select(Jurisdiction.id, Jurisdiction.name)
            .where(
                Jurisdiction.parent_id == place.id,
                Jurisdiction.level == str(JurisdictionLevel.TOWNSHIP),
            )
            .order_by(Jurisdiction.code)
        )
        return dict(session.execute(streets).all())
    if dimension == Dimension.CATEGORY:
        tops = (
            select(Category.id, Category.name)
            .where(Category.parent_id.is_(None))
            .order_by(Category.sort_order, Category.code)
        )
        return dict(session.execute(tops).all())
    if dimension == Dimension.CHANNEL:
        return {str(c): "" for c in Channel}
    departments = select(Department.id, Department.name).order_by(Department.code)
    return dict(session.execute(departments).all())


__all__ = ["UNDISPATCHED", "BreakdownRow", "Headline", "ReportData", "TrendPoint",
           "build_report", "center_principal", "find_center", "top_center"]  # fmt: skip
