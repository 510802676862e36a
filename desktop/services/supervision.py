"""The automatic 督办 level (普通/黄牌/红牌) as SQL, so lists can filter and show it.

The level is derived when read (desktop.domain.workdays.supervision_level); here the same rule
becomes plain conditions on cases.due_at: "overdue by at least n working days at now" is
`due_at <= workday_cutoff(now, n)`, with the two cut-offs computed once per query in Python.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, and_, case, not_, or_
from sqlalchemy.orm import Session

from desktop.db.models import Case
from desktop.domain.enums import OPEN_STATUSES, SupervisionLevel
from desktop.domain.workdays import RED_CARD_AFTER, YELLOW_CARD_AFTER, workday_cutoff
from desktop.services.deadlines import load_calendar


@dataclass(frozen=True)
class CardCutoffs:
    """Instants at `now`: a running deadline at or before them earns that card."""

    now: datetime
    yellow: datetime
    red: datetime


def card_cutoffs(session: Session, now: datetime) -> CardCutoffs:
    calendar = load_calendar(session)
    return CardCutoffs(
        now=now,
        yellow=workday_cutoff(now, YELLOW_CARD_AFTER, calendar),
        red=workday_cutoff(now, RED_CARD_AFTER, calendar),
    )


def _open() -> ColumnElement[bool]:
    return Case.status.in_(sorted(str(s) for s in OPEN_STATUSES))


def _late_by(cutoff: datetime) -> ColumnElement[bool]:
    # A running clock only: a suspended (挂起) case is never late; NULL deadlines never match.
    return and_(
        _open(), Case.suspended_at.is_(None), Case.due_at.is_not(None), Case.due_at <= cutoff
    )


def supervision_condition(level: SupervisionLevel, cards: CardCutoffs) -> ColumnElement[bool]:
    """Cases whose automatic level at cards.now is exactly `level`."""
    red, yellow, overdue = _late_by(cards.red), _late_by(cards.yellow), _late_by(cards.now)
    if level == SupervisionLevel.RED_CARD:
        return red
    if level == SupervisionLevel.YELLOW_CARD:
        return and_(yellow, not_(red))
    flagged = or_(overdue, and_(_open(), Case.supervised.is_(True)))
    if level == SupervisionLevel.NORMAL:
        return and_(flagged, not_(yellow))
    return not_(flagged)


def supervision_expression(cards: CardCutoffs) -> ColumnElement[str]:
    """The level as a column (one definition with the filter)."""
    return case(
        *(
            (supervision_condition(level, cards), str(level))
            for level in (
                SupervisionLevel.RED_CARD,
                SupervisionLevel.YELLOW_CARD,
                SupervisionLevel.NORMAL,
            )
        ),
        else_=str(SupervisionLevel.NONE),
    )
