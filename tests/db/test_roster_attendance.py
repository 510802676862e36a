"""attendance_summary for a week and a month on a hand-made October 2025 (both databases).

The rota is tests/db/test_roster_rota.py's: 司法局 18 days (王调解), 法院 7 (赵 9, 14 钱,
16 赵, 21 钱, 23 赵, 28 钱, 30 赵), 检察院 8 (9–11, 20–24), 公安局 4 (9, 14, 21, 27).
Check-ins are written as rows (the data of the period); late means after 08:40:00.
"""

from __future__ import annotations

from datetime import date

import pytest

from desktop.db.models import CheckIn
from desktop.services.roster import attendance_summary
from desktop.services.roster_rota import generate_month
from tests.db.roster_world import add_roster
from tests.db.world import build_world, local

# (staff key, day, hour, minute): 王调解 on time 13th, late 14th, away 15th, 08:40 sharp on
# the 16th (on time), on time 17th; 钱书记 late on the 14th; 周民警 in the afternoon of the 14th.
VISITS = [
    ("justice_staff", 13, 8, 25),
    ("justice_staff", 14, 8, 45),
    ("justice_staff", 16, 8, 40),
    ("justice_staff", 17, 8, 30),
    ("clerk_qian", 14, 9, 10),
    ("officer_zhou", 14, 14, 35),
]


@pytest.fixture
def env(session_factory):
    with session_factory.begin() as session:
        world = add_roster(session, build_world(session))
        ids = world.ids
        generate_month(
            session=session,
            principal=world.principals["supervisor"],
            center_id=ids["county_center"],
            month=date(2025, 10, 1),
            now=local(2025, 9, 20, 9, 0),
        )
        for key, day, hour, minute in VISITS:
            session.add(
                CheckIn(
                    center_id=ids["county_center"],
                    staff_id=ids[key],
                    day=date(2025, 10, day),
                    method="pin",
                    checked_in_at=local(2025, 10, day, hour, minute),
                )
            )
    return session_factory, world


def summary(env, start, end, as_of):
    factory, world = env
    with factory() as session:
        rows = attendance_summary(
            session=session, center_id=world.ids["county_center"], start=start, end=end, as_of=as_of
        )
    return {r.department_name: (r.days_due, r.days_present, r.late, r.absent, r.rate) for r in rows}


def test_week_of_13_october(env):
    week = summary(env, date(2025, 10, 13), date(2025, 10, 20), local(2025, 11, 1, 9, 0))
    assert week == {
        "司法局": (5, 4, 1, 1, 0.8),
        "法院": (2, 1, 1, 1, 0.5),  # 钱书记 late on the 14th, 赵书记 absent on the 16th
        "公安局": (1, 1, 1, 0, 1.0),  # 14:35 is late for the 08:30 shift
    }  # 检察院 is off that week: not listed


def test_whole_october(env):
    month = summary(env, date(2025, 10, 1), date(2025, 11, 1), local(2025, 11, 1, 9, 0))
    assert month == {
        "司法局": (18, 4, 1, 14, 4 / 18),
        "法院": (7, 1, 1, 6, 1 / 7),
        "检察院": (8, 0, 0, 8, 0.0),
        "公安局": (4, 1, 1, 3, 0.25),
    }


def test_month_so_far_counts_only_settled_days(env):
    # At noon on the 16th: the 9th–15th are settled; on the 16th 王调解 is in (counted) and
    # 赵书记 is still only missing (not counted yet); the rest of the month is to come.
    so_far = summary(env, date(2025, 10, 1), date(2025, 11, 1), local(2025, 10, 16, 12, 0))
    assert so_far == {
        "司法局": (7, 3, 1, 4, 3 / 7),  # 9, 10, 11, 15 absent; 13, 14 (late), 16 present
        "法院": (2, 1, 1, 1, 0.5),  # 9 赵 absent, 14 钱 late
        "检察院": (3, 0, 0, 3, 0.0),  # 9, 10, 11
        "公安局": (2, 1, 1, 1, 0.5),  # 9 absent, 14 late
    }
