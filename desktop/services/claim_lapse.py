"""When a claim (领取) has lapsed, as SQL: judged when rows are read, never by a timer job.

A claim lapses `centers.claim_lapse_minutes` (30 by default) after `claimed_at`, by the center
of the case. There is no server process to clear claimed_by_id, so a lapsed claim stays in
the row until someone takes the case or releases it; every reader treats it as no claim.
The per-center cut-offs (now minus the center's minutes) are computed once per query in
Python, like the 督办 cut-offs, so the conditions are plain comparisons on claimed_at.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, and_, false, or_, select
from sqlalchemy.orm import Session

from desktop.db.models import Case, Center

DEFAULT_LAPSE_MINUTES = 30


@dataclass(frozen=True)
class ClaimCutoffs:
    """At `now`: a claim made at or before its center's cut-off has lapsed."""

    now: datetime
    # (cut-off, center ids) per distinct lapse; centers not listed use `default`.
    by_center: tuple[tuple[datetime, tuple[int, ...]], ...] = ()
    default: datetime | None = None

    @classmethod
    def uniform(cls, now: datetime, minutes: int = DEFAULT_LAPSE_MINUTES) -> ClaimCutoffs:
        return cls(now=now, default=now - timedelta(minutes=minutes))

    def cutoff_for(self, center_id: int) -> datetime:
        for cutoff, ids in self.by_center:
            if center_id in ids:
                return cutoff
        return self._default()

    def _default(self) -> datetime:
        return self.default or self.now - timedelta(minutes=DEFAULT_LAPSE_MINUTES)


def claim_cutoffs(session: Session, now: datetime) -> ClaimCutoffs:
    """The cut-offs of every center at `now` (one small query)."""
    groups: dict[int, list[int]] = defaultdict(list)
    for center_id, minutes in session.execute(select(Center.id, Center.claim_lapse_minutes)):
        groups[int(minutes)].append(center_id)
    if len(groups) == 1:  # the usual case: every center alike, one plain comparison
        (minutes,) = groups
        return ClaimCutoffs.uniform(now, minutes)
    return ClaimCutoffs(
        now=now,
        by_center=tuple(
            (now - timedelta(minutes=m), tuple(sorted(ids))) for m, ids in sorted(groups.items())
        ),
    )


def _at_or_before_cutoff(cutoffs: ClaimCutoffs) -> ColumnElement[bool]:
    if not cutoffs.by_center:
        return Case.claimed_at <= cutoffs._default()
    listed = [i for _, ids in cutoffs.by_center for i in ids]
    parts = [and_(Case.center_id.in_(ids), Case.claimed_at <= c) for c, ids in cutoffs.by_center]
    parts.append(and_(Case.center_id.not_in(listed), Case.claimed_at <= cutoffs._default()))
    return or_(false(), *parts)


def _after_cutoff(cutoffs: ClaimCutoffs) -> ColumnElement[bool]:
    # A claim with no time (written by hand or by an old import) cannot be judged: it holds
    # until someone releases it, like claims did before they lapsed.
    return or_(Case.claimed_at.is_(None), ~_at_or_before_cutoff(cutoffs))


def live_claim(cutoffs: ClaimCutoffs) -> ColumnElement[bool]:
    """Claimed, and the claim has not lapsed at cutoffs.now."""
    return and_(Case.claimed_by_id.is_not(None), _after_cutoff(cutoffs))


def lapsed_claim(cutoffs: ClaimCutoffs) -> ColumnElement[bool]:
    """Claimed once, but the claim has lapsed: the case is free to take again."""
    return and_(Case.claimed_by_id.is_not(None), _at_or_before_cutoff(cutoffs))


def free_to_claim(cutoffs: ClaimCutoffs) -> ColumnElement[bool]:
    """Nobody holds the case: never claimed, released, or the claim lapsed."""
    return or_(Case.claimed_by_id.is_(None), lapsed_claim(cutoffs))


def claimed_by_user(user_id: int, cutoffs: ClaimCutoffs) -> ColumnElement[bool]:
    """The user holds a claim on the case that has not lapsed."""
    return and_(Case.claimed_by_id == user_id, _after_cutoff(cutoffs))
