"""What the 报表 page asks of the database: centers a user may report on, a preview of the
headline figures with their cases, and the report runs recorded in the audit log.

The figures are the report's own (report_figures / report_drilldown, as the center's
supervisor sees them); runs are the audit log's `report.*` entries, the command line's and
the page's alike.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, aliased

from desktop.clock import to_local
from desktop.db.models import AuditEntry, Center, Jurisdiction
from desktop.domain.metrics import HEADLINE, Metric
from desktop.domain.principal import Principal
from desktop.errors import GovDeskError
from desktop.services import report_period
from desktop.services.meta import clock_for
from desktop.services.report_data import center_principal
from desktop.services.report_drilldown import drilldown
from desktop.services.report_figures import Figure, period_figures
from desktop.services.report_period import Period

RUN_ACTIONS = ("report.weekly", "report.monthly", "report.annual", "report.export")


@dataclass(frozen=True)
class CenterChoice:
    id: int
    name: str
    short_name: str


@dataclass(frozen=True)
class PreviewRow:
    metric: Metric
    current: Figure
    previous: Figure  # 环比


@dataclass(frozen=True)
class Preview:
    center_id: int
    period: Period
    rows: tuple[PreviewRow, ...]


@dataclass(frozen=True)
class ReportRun:
    at: datetime
    actor: str
    action: str  # one of RUN_ACTIONS
    center: str  # the center's short name
    period: str  # a period code, or the exported queue
    file: str


def centers_for(*, session: Session, principal: Principal) -> list[CenterChoice]:
    """The centers of the user's jurisdiction and of the places directly under it."""
    place = aliased(Jurisdiction)
    stmt = (
        select(Center.id, Center.name, Center.short_name)
        .join(place, place.id == Center.jurisdiction_id)
        .where(
            or_(
                place.id == principal.jurisdiction_id,
                place.parent_id == principal.jurisdiction_id,
            )
        )
        .order_by(place.code)
    )
    return [CenterChoice(*row) for row in session.execute(stmt)]


def _center_principal(session: Session, principal: Principal, center_id: int) -> Principal:
    allowed = {c.id for c in centers_for(session=session, principal=principal)}
    center = session.get(Center, center_id)
    if center is None or center_id not in allowed:
        raise GovDeskError("report.unknown_center", value=str(center_id))
    return center_principal(session, center, principal.username)


def preview(*, session: Session, principal: Principal, center_id: int, period: Period) -> Preview:
    """The headline figures of the report for a center and period, with 环比; a running
    period as observed today, as the report would be (its `period` carries that to drill-downs)."""
    speaker = _center_principal(session, principal, center_id)
    period = report_period.observed(period, to_local(clock_for(session).now()).date())
    now = period_figures(session=session, principal=speaker, period=period)
    before = period_figures(
        session=session, principal=speaker, period=report_period.previous(period)
    )
    rows = tuple(PreviewRow(m, now[m], before[m]) for m in HEADLINE)
    return Preview(center_id=center_id, period=period, rows=rows)


def preview_ids(
    *, session: Session, principal: Principal, center_id: int, period: Period, metric: Metric
) -> list[int]:
    """The cases behind one preview figure (a rate: its numerator's cases)."""
    speaker = _center_principal(session, principal, center_id)
    return drilldown(session=session, principal=speaker, period=period, metric=metric)


def recent_runs(*, session: Session, limit: int = 10) -> list[ReportRun]:
    """The newest report runs and exports, from the page or the command line."""
    stmt = (
        select(AuditEntry)
        .where(AuditEntry.action.in_(RUN_ACTIONS))
        .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
        .limit(limit)
    )
    runs = []
    for entry in session.scalars(stmt):
        try:
            detail = json.loads(entry.detail or "{}")
        except ValueError:  # a hand-edited row never breaks the page
            detail = {}
        runs.append(
            ReportRun(
                at=entry.at,
                actor=entry.actor,
                action=entry.action,
                center=str(detail.get("center", "")),
                period=str(detail.get("period", detail.get("queue", ""))),
                file=str(detail.get("file", "")),
            )
        )
    return runs
