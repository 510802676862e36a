"""Rota generation on the working-day calendar, its warnings and calendar flags (both DBs).

October 2025: National Day and Mid-Autumn make October 1–8 holidays; Saturday October 11
is a make-up working day (as is Sunday September 28). October's working days are therefore
9, 10, 11, 13–17, 20–24, 27–31: eighteen days.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from desktop.db.models import RotaDuty, RotaFlag
from desktop.domain.enums import DayKind, RotaChange
from desktop.errors import GovDeskError
from desktop.services.calendar_days import DayEntry, set_days
from desktop.services.roster_rota import generate_month, month_rota, rota_warnings
from tests.db.roster_world import add_roster
from tests.db.world import build_world, local

OCTOBER_WORKDAYS = [
    date(2025, 10, d)
    for d in (9, 10, 11, 13, 14, 15, 16, 17, 20, 21, 22, 23, 24, 27, 28, 29, 30, 31)
]


@pytest.fixture
def env(session_factory):
    with session_factory.begin() as session:
        world = add_roster(session, build_world(session))
    return session_factory, world


def generate(env, month, now=None, who="supervisor"):
    factory, world = env
    with factory.begin() as session:
        return generate_month(
            session=session,
            principal=world.principals[who],
            center_id=world.ids["county_center"],
            month=month,
            now=now or local(2025, 9, 20, 9, 0),
        )


def duties(env, department, month=date(2025, 10, 1)):
    factory, world = env
    with factory() as session:
        rows = month_rota(session=session, center_id=world.ids["county_center"], month=month)
    return [(r.day, r.staff_name) for r in rows if r.department_id == world.ids[department]]


def test_october_2025_follows_the_official_calendar(env):
    result = generate(env, date(2025, 10, 15))
    assert (result.month, result.provisional) == (date(2025, 10, 1), False)
    # 18 (司法局) + 7 (法院) + 8 (检察院) + 4 (公安局); 人社局 is on call: never rostered.
    assert result.duties == 18 + 7 + 8 + 4
    assert duties(env, "justice") == [(d, "王调解") for d in OCTOBER_WORKDAYS]
    assert duties(env, "labour_bureau") == []
    # Tuesdays and Thursdays that are working days (2 and 7 October are holidays), clerks
    # taking turns from the first.
    zhao, qian = "赵书记", "钱书记"
    assert duties(env, "court") == [
        (date(2025, 10, 9), zhao),
        (date(2025, 10, 14), qian),
        (date(2025, 10, 16), zhao),
        (date(2025, 10, 21), qian),
        (date(2025, 10, 23), zhao),
        (date(2025, 10, 28), qian),
        (date(2025, 10, 30), zhao),
    ]
    # Alternate weeks from the week of 8 October: that week (9, 10, make-up 11) and 20–24.
    assert [d for d, _ in duties(env, "procuratorate")] == [
        date(2025, 10, d) for d in (9, 10, 11, 20, 21, 22, 23, 24)
    ]
    # Four days spread over 18: working days number 0, 4, 9 and 13 (floor(k * 18 / 4)).
    assert [d for d, _ in duties(env, "police")] == [
        date(2025, 10, 9),
        date(2025, 10, 14),
        date(2025, 10, 21),
        date(2025, 10, 27),
    ]


def test_september_2025_includes_the_make_up_sunday(env):
    generate(env, date(2025, 9, 1), now=local(2025, 8, 20, 9, 0))
    days = [d for d, _ in duties(env, "justice", date(2025, 9, 1))]
    weekdays = [
        date(2025, 9, 1) + timedelta(days=k)
        for k in range(30)
        if (date(2025, 9, 1) + timedelta(days=k)).weekday() < 5
    ]
    assert len(weekdays) == 22
    assert days == sorted(weekdays + [date(2025, 9, 28)])


def test_warnings_gaps_double_bookings_and_shortfall(env):
    factory, world = env
    ids = world.ids
    from desktop.domain.enums import RosterPattern, Stationing
    from desktop.services.roster_rules import RuleSpec, save_rule

    with factory.begin() as session:
        # 王调解 also sits at the mediation room on Mondays: booked twice on those days.
        save_rule(
            session=session,
            principal=world.principals["supervisor"],
            center_id=ids["county_center"],
            spec=RuleSpec(
                ids["justice"],
                Stationing.PERMANENT,
                RosterPattern.WEEKDAYS,
                window_id=ids["mediation_window"],
                weekdays=frozenset({1}),
                staff_ids=(ids["justice_staff"],),
            ),
        )
    generate(env, date(2025, 10, 1))
    with factory() as session:
        warnings = rota_warnings(
            session=session, center_id=ids["county_center"], month=date(2025, 10, 1)
        )
    assert (warnings.generated, warnings.provisional, warnings.flags) == (True, False, ())
    # 诉调对接中心 is staffed on 7 of the 18 days (the court's Tuesdays and Thursdays).
    court_gaps = [g.day for g in warnings.gaps if g.window_id == ids["court_window"]]
    assert court_gaps == [date(2025, 10, d) for d in (10, 11, 13, 15, 17, 20, 22, 24, 27, 29, 31)]
    # The mediation room: 检察院 on 9–11 and 20–24, 司法局 on Mondays 13, 20, 27.
    room_gaps = [g.day for g in warnings.gaps if g.window_id == ids["mediation_window"]]
    assert room_gaps == [date(2025, 10, d) for d in (14, 15, 16, 17, 28, 29, 30, 31)]
    # 综合性法律服务窗口 has 司法局 every working day: no gap.
    assert [g for g in warnings.gaps if g.window_id == ids["law_window"]] == []
    assert [(b.day, b.staff_name, b.places) for b in warnings.double_bookings] == [
        (date(2025, 10, 13), "王调解", 2),
        (date(2025, 10, 20), "王调解", 2),
        (date(2025, 10, 27), "王调解", 2),
    ]
    assert [(s.department_name, s.agreed, s.rostered) for s in warnings.shortfalls] == [
        ("公安局", 6, 4)
    ]


def test_february_2027_is_provisional_then_flagged_when_its_holidays_arrive(env):
    factory, world = env
    result = generate(env, date(2027, 2, 1), now=local(2027, 1, 10, 9, 0))
    # 2027 is unknown to the calendar: Monday–Friday, four full weeks from Monday 1 Feb.
    assert (result.provisional, len(duties(env, "justice", date(2027, 2, 1)))) == (True, 20)
    entries = [DayEntry(date(2027, 2, d), DayKind.HOLIDAY) for d in (8, 9, 10, 11, 12)]
    entries.append(DayEntry(date(2027, 2, 20), DayKind.WORKDAY))
    with factory.begin() as session:
        change = set_days(session=session, entries=entries, now=local(2027, 1, 12, 9, 0))
    assert change.flagged_rota_days == 6
    with factory() as session:
        warnings = rota_warnings(
            session=session, center_id=world.ids["county_center"], month=date(2027, 2, 1)
        )
        flags = session.scalars(select(RotaFlag.day)).all()
    assert warnings.flags == tuple(
        [(date(2027, 2, d), RotaChange.NOW_HOLIDAY) for d in (8, 9, 10, 11, 12)]
        + [(date(2027, 2, 20), RotaChange.NOW_WORKDAY)]
    )
    assert len(flags) == 6
    # Nothing was silently changed: the 20 provisional days stand until regenerated.
    assert len(duties(env, "justice", date(2027, 2, 1))) == 20
    regenerated = generate(env, date(2027, 2, 1), now=local(2027, 1, 13, 9, 0))
    assert regenerated.provisional is False
    assert len(duties(env, "justice", date(2027, 2, 1))) == 20 - 5 + 1
    with factory() as session:
        assert session.scalars(select(RotaFlag.day)).all() == []


def test_regenerating_keeps_the_past(env):
    factory, world = env
    generate(env, date(2025, 10, 1))
    with factory.begin() as session:
        session.query(RotaDuty).filter(
            RotaDuty.day == date(2025, 10, 9), RotaDuty.department_id == world.ids["justice"]
        ).delete()
    # On 20 October only the 20th onwards is rewritten: the 9th stays as it was (deleted).
    generate(env, date(2025, 10, 1), now=local(2025, 10, 20, 8, 0))
    days = [d for d, _ in duties(env, "justice")]
    assert date(2025, 10, 9) not in days and len(days) == 17


def test_only_a_supervisor_or_admin_generates(env):
    with pytest.raises(GovDeskError) as err:
        generate(env, date(2025, 10, 1), who="desk")
    assert err.value.code == "roster.forbidden"
