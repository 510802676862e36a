"""The cases behind a report figure: the same condition that counted them, as a list of ids.

`drilldown(...)` gives the ids for a metric's numerator or denominator, optionally within one
breakdown row; the queue page opens them (CasesPage.open with a CaseFilter of these ids), and
the workbook's 明细 sheet lists them. Scoped through desktop.services.scoping like the counts.
"""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy import ColumnElement, and_, select
from sqlalchemy.orm import Session

from desktop.db.models import Case
from desktop.domain.metrics import Ageing, Dimension, Metric
from desktop.domain.principal import Principal
from desktop.services.report_conditions import (
    METRIC_PARTS,
    Part,
    ageing_condition,
    dimension_condition,
    part_condition,
)
from desktop.services.report_period import Period
from desktop.services.scoping import scope_cases


class Side(StrEnum):
    NUMERATOR = "numerator"  # what a count counts; a rate's "yes" cases
    DENOMINATOR = "denominator"  # a rate's or a mean's whole population


def metric_part(metric: Metric, side: Side = Side.NUMERATOR) -> Part:
    """The counted set behind a figure (a count's own set whichever side is asked)."""
    numerator, denominator = METRIC_PARTS[Metric(metric)]
    if side == Side.DENOMINATOR and denominator is not None:
        return denominator
    return numerator if numerator is not None else denominator


def drilldown_condition(
    metric: Metric,
    period: Period,
    *,
    side: Side = Side.NUMERATOR,
    dimension: Dimension | None = None,
    key=None,
) -> ColumnElement[bool]:
    """The condition selecting a figure's cases (scoping not included)."""
    condition = part_condition(metric_part(metric, side), period)
    if dimension is not None:
        condition = and_(condition, dimension_condition(dimension, key))
    return condition


def drilldown(
    *,
    session: Session,
    principal: Principal,
    period: Period,
    metric: Metric,
    side: Side = Side.NUMERATOR,
    dimension: Dimension | None = None,
    key=None,
) -> list[int]:
    """Ids of the cases behind a figure, oldest receipt first."""
    condition = drilldown_condition(metric, period, side=side, dimension=dimension, key=key)
    return _ids(session, principal, condition)


def ageing_ids(
    *, session: Session, principal: Principal, period: Period, bucket: Ageing
) -> list[int]:
    """Ids of the cases of one ageing bucket."""
    return _ids(session, principal, ageing_condition(bucket, period))


def _ids(session: Session, principal: Principal, condition) -> list[int]:
    stmt = scope_cases(select(Case.id).where(condition), principal)
    return list(session.scalars(stmt.order_by(Case.received_at, Case.id)))
