"""Claiming the next case of a queue (领取下一件): never the same case to two seats.

PostgreSQL: one statement, `UPDATE cases … WHERE id = (SELECT id … FOR UPDATE SKIP LOCKED
LIMIT 1) RETURNING id`: a seat skips rows another seat is claiming instead of waiting for them
or taking them too. SQLite: the engine starts every transaction with BEGIN IMMEDIATE, so
writers are already serialised; the same UPDATE, guarded by `claimed_by_id IS NULL`, stays
correct even without that, and is retried if the guard ever rejects the picked row.

A claim lasts until `release`, until its holder signs out or quits (`release_mine`), until
the workflow moves the case on (status changes clear claimed_by_id/claimed_at), or until it
lapses (desktop.services.claim_lapse: judged when read, so a lapsed claim may still be in the
row; claim_next takes such a case back, before any never-claimed one, since it was at the
head of the queue when it was claimed).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import exists, or_, select, update
from sqlalchemy.orm import Session

from desktop.db.models import Case
from desktop.db.notify import notify_changed
from desktop.domain.enums import NamedQueue, Role
from desktop.domain.principal import Principal
from desktop.domain.queues import queue_def
from desktop.errors import GovDeskError
from desktop.services.claim_lapse import (
    ClaimCutoffs,
    claim_cutoffs,
    claimed_by_user,
    lapsed_claim,
)
from desktop.services.meta import clock_for
from desktop.services.queues import CaseFilter, scoped_select
from desktop.services.scoping import scope_cases

GUARD_RETRIES = 5


def _candidates(session: Session, principal: Principal, queue: NamedQueue, now: datetime):
    """Visible, unclaimed cases of the queue, oldest first (scoped through the queue service)."""
    stmt = scoped_select(principal, CaseFilter(queue=queue), now, Case.id)
    return stmt.where(Case.claimed_by_id.is_(None)).order_by(Case.received_at, Case.id)


def _lapsed(principal: Principal, queue: NamedQueue, cutoffs: ClaimCutoffs):
    """Visible cases of the queue whose claim lapsed, oldest first (few: ix_cases_claimed)."""
    stmt = scoped_select(principal, CaseFilter(queue=queue), cutoffs.now, Case.id)
    return stmt.where(lapsed_claim(cutoffs)).order_by(Case.received_at, Case.id)


def _take(session: Session, principal: Principal, pick, guard, now: datetime) -> int | None:
    # correlate(None): inside `UPDATE cases` the subquery must read cases on its own, not
    # the row being updated (which would claim every matching case at once).
    pick = pick.limit(1).correlate(None)
    if session.get_bind().dialect.name == "postgresql":
        pick = pick.with_for_update(skip_locked=True, of=Case)
    stmt = (
        update(Case)
        .where(Case.id == pick.scalar_subquery(), guard)
        .values(claimed_by_id=principal.user_id, claimed_at=now, version=Case.version + 1)
        .returning(Case.id)
        # The ORM must not try to evaluate the subquery in Python; it expires what changed.
        .execution_options(synchronize_session="fetch")
    )
    return session.execute(stmt).scalar_one_or_none()


def _now(session: Session, now: datetime | None) -> datetime:
    return now if now is not None else clock_for(session).now()


def _check_claimable(queue: NamedQueue) -> None:
    if not queue_def(queue).claimable:
        raise GovDeskError("queue.not_claimable", queue=str(queue))


def claim_next(
    *,
    session: Session,
    principal: Principal,
    queue: NamedQueue = NamedQueue.PENDING_ACCEPT,
    now: datetime | None = None,
) -> int | None:
    """Give the oldest unclaimed visible case of `queue` to the principal; None if there is none.

    Sets claimed_by_id and claimed_at and bumps the version (a seat still editing the case
    with the old version then gets a conflict). The caller owns the transaction.
    """
    _check_claimable(queue)
    now = _now(session, now)
    cutoffs = claim_cutoffs(session, now)
    claimed = None
    for _ in range(GUARD_RETRIES):
        # Zero rows: nothing to take, or (guard) someone took the picked row first.
        claimed = _take(session, principal, _lapsed(principal, queue, cutoffs),
                        lapsed_claim(cutoffs), now)  # fmt: skip
        if claimed is None:
            claimed = _take(session, principal, _candidates(session, principal, queue, now),
                            Case.claimed_by_id.is_(None), now)  # fmt: skip
        if claimed is not None:
            notify_changed(session, [claimed])
            return claimed
        waiting = or_(
            exists(_candidates(session, principal, queue, now)),
            exists(_lapsed(principal, queue, cutoffs)),
        )
        if not session.scalar(select(waiting)):
            return None
    return None


def claim_next_naive(
    *,
    session: Session,
    principal: Principal,
    queue: NamedQueue = NamedQueue.PENDING_ACCEPT,
    now: datetime | None = None,
) -> int | None:
    """WRONG ON PURPOSE — the benchmark's control, never for real use.

    Select, then update by id, with no lock and no guard: on PostgreSQL two seats that read
    the same oldest case both "claim" it and the later write silently wins.
    """
    _check_claimable(queue)
    now = _now(session, now)
    case_id = session.scalar(_candidates(session, principal, queue, now).limit(1))
    if case_id is None:
        return None
    session.execute(
        update(Case)
        .where(Case.id == case_id)
        .values(claimed_by_id=principal.user_id, claimed_at=now, version=Case.version + 1)
        .execution_options(synchronize_session="fetch")
    )
    return case_id


def release(*, session: Session, principal: Principal, case_id: int) -> bool:
    """Give a claimed case back to its queue; True if a claim was released.

    Only the claimer may release, or a supervisor (a colleague went home holding cases).
    An invisible or unknown case is `workflow.not_found`, as everywhere.
    """
    stmt = update(Case).where(Case.id == case_id, Case.claimed_by_id.is_not(None))
    if not principal.has(Role.SUPERVISOR):
        stmt = stmt.where(Case.claimed_by_id == principal.user_id)
    visible = scope_cases(select(Case.id).where(Case.id == case_id), principal).correlate(None)
    stmt = (
        stmt.where(Case.id.in_(visible))
        .values(claimed_by_id=None, claimed_at=None, version=Case.version + 1)
        .returning(Case.id)
        .execution_options(synchronize_session="fetch")
    )
    if session.execute(stmt).scalar_one_or_none() is not None:
        notify_changed(session, [case_id])
        return True
    if session.scalar(visible) is None:
        raise GovDeskError("workflow.not_found", case_id=case_id)
    return False


def release_mine(*, session: Session, principal: Principal) -> list[int]:
    """Give back every case the principal holds (signing out, quitting); the ids released.

    Lapsed claims are released too: they are nobody's already, and clearing them keeps the
    row honest.
    """
    released = list(
        session.scalars(
            update(Case)
            .where(Case.claimed_by_id == principal.user_id)
            .values(claimed_by_id=None, claimed_at=None, version=Case.version + 1)
            .returning(Case.id)
            .execution_options(synchronize_session="fetch")
        )
    )
    if released:
        notify_changed(session, released)
    return sorted(released)


def my_claims(
    *, session: Session, principal: Principal, now: datetime | None = None
) -> list[tuple[int, datetime]]:
    """(case id, lapses at) of the principal's live claims, soonest to lapse first."""
    now = _now(session, now)
    cutoffs = claim_cutoffs(session, now)
    rows = session.execute(
        select(Case.id, Case.center_id, Case.claimed_at)
        .where(claimed_by_user(principal.user_id, cutoffs))
        .order_by(Case.claimed_at, Case.id)
    )
    # cutoff = now - lapse, so a claim made at t lapses at t + (now - cutoff).
    return [(r.id, r.claimed_at + (now - cutoffs.cutoff_for(r.center_id))) for r in rows]
