"""The demo county center's roster: rules, three months of rota, attendance, and a PIN check-in
ready for the trainer (desktop/demo/roster.py)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.db.engine import make_engine
from desktop.db.models import CheckIn, RosterRule, RotaDuty, RotaMonth, Staff, User
from desktop.demo.build import DemoOptions, build_demo
from desktop.demo.org import DEPARTMENTS
from desktop.demo.roster import DEMO_PIN
from desktop.domain.enums import Presence, Stationing
from desktop.services.accounts import principal_for
from desktop.services.roster import attendance_summary, dispatch_candidates
from desktop.services.roster_checkin import check_in
from desktop.services.roster_rota import rota_warnings
from desktop.services.roster_today import today_board
from tests.db.world import local

TODAY = date(2025, 10, 15)  # a Wednesday: 法院 (Mon, Wed, Fri) and 卫健委 (Wed) are due


@pytest.fixture
def session(db_url):
    assert build_demo(db_url, DemoOptions(seed=5, today=TODAY, cases=60, grids=20)).built
    engine = make_engine(db_url)
    with Session(engine) as session:
        yield session
    engine.dispose()


def test_rules_rota_and_attendance(session):
    on_call = sum(1 for d in DEPARTMENTS if d[3] == Stationing.ON_CALL)
    assert session.scalar(select(func.count()).select_from(RosterRule)) == 7 + on_call
    months = session.execute(select(RotaMonth.month, RotaMonth.provisional)).all()
    assert sorted(tuple(m) for m in months) == [
        (date(2025, 9, 1), False),
        (date(2025, 10, 1), False),
        (date(2025, 11, 1), False),
    ]
    # September 2025 has 23 working days (make-up Sunday the 28th included).
    sfj_september = session.scalar(
        select(func.count())
        .select_from(RotaDuty)
        .where(RotaDuty.rule_id == 2, RotaDuty.day < date(2025, 10, 1))
    )
    assert sfj_september == 23 * 2  # two people every working day
    rows = attendance_summary(
        session=session,
        center_id=1,
        start=date(2025, 9, 1),
        end=date(2025, 10, 1),
        as_of=local(2025, 10, 15, 10, 0),
    )
    total_due = sum(r.days_due for r in rows)
    present = sum(r.days_present for r in rows)
    assert 0.85 <= present / total_due <= 0.99
    assert 0 < sum(r.late for r in rows) < sum(r.absent for r in rows) * 3
    warnings = rota_warnings(session=session, center_id=1, month=TODAY)
    # 卫健委 comes on Wednesdays only; the court window's weekday turns miss the make-up
    # Saturday of 11 October.
    assert {g.window_name for g in warnings.gaps} == {"心理咨询窗口", "诉调对接中心"}
    assert [g.day for g in warnings.gaps if g.window_name == "诉调对接中心"] == [date(2025, 10, 11)]
    assert [(s.department_name[-3:], s.agreed, s.rostered) for s in warnings.shortfalls] == [
        ("公安局", 10, 8)
    ]


def test_the_court_clerk_checks_in_with_the_demo_pin(session):
    at = local(2025, 10, 15, 9, 0)
    board = today_board(session=session, center_id=1, at=at)
    court = [d for d in board.duties if d.window_name == "诉调对接中心"]
    assert len(court) == 1 and court[0].checked_in_at is None
    here = [
        c
        for c in dispatch_candidates(session=session, center_id=1, at=at)
        if c.presence == Presence.ON_SITE
    ]
    assert here and all(c.department_name[-3:] != "法院" for c in here)
    desk = principal_for(
        session, session.scalars(select(User).where(User.username == "desk")).one()
    )
    done = check_in(
        session=session,
        principal=desk,
        center_id=1,
        staff_id=court[0].staff_id,
        pin=DEMO_PIN,
        now=at,
    )
    assert done.staff_name == session.get(Staff, court[0].staff_id).name
    first = dispatch_candidates(session=session, center_id=1, at=at)
    on_site = [c.department_name for c in first if c.presence == Presence.ON_SITE]
    assert any(name.endswith("法院") for name in on_site)
    assert session.scalar(select(func.count()).select_from(CheckIn).where(CheckIn.day > TODAY)) == 0
