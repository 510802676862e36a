"""Check-in, the today board and dispatch order on both databases.

The day is Thursday 16 October 2025 at the county center (tests/db/roster_world.py):
司法局's 王调解 is due at 综合性法律服务窗口, 法院's 赵书记 at 诉调对接中心 (his turn), 人社局
is on call. Shifts are the default 08:30–12:00 and 14:30–17:30 with 10 minutes' grace, so
a check-in after 08:40:00 is late.
"""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from desktop.db.models import CaseTask, CheckIn, User
from desktop.domain.enums import Arrival, Presence
from desktop.errors import GovDeskError
from desktop.services import dispatch, workflow
from desktop.services.roster import dispatch_candidates
from desktop.services.roster_checkin import check_in, check_out, set_pin
from desktop.services.roster_rota import generate_month
from desktop.services.roster_today import today_board
from tests.db.roster_world import add_roster
from tests.db.test_workflow import register
from tests.db.world import PASSWORD, build_world, local

DAY = date(2025, 10, 16)


@pytest.fixture
def env(session_factory):
    with session_factory.begin() as session:
        world = add_roster(session, build_world(session))
        ids = world.ids
        # 王调解 has an account (the 司法局 user); 赵书记 rotates in with a PIN.
        session.get(User, ids["user_justice"]).staff_id = ids["justice_staff"]
        set_pin(
            session=session,
            principal=world.principals["supervisor"],
            staff_id=ids["clerk_zhao"],
            pin="4821",
        )
        generate_month(
            session=session,
            principal=world.principals["supervisor"],
            center_id=ids["county_center"],
            month=DAY,
            now=local(2025, 9, 20, 9, 0),
        )
    return session_factory, world


def do(env, fn, now, **kwargs):
    factory, world = env
    with factory.begin() as session:
        return fn(
            session=session,
            principal=world.principals["desk"],
            center_id=world.ids["county_center"],
            now=now,
            **kwargs,
        )


def refused(env, code, fn, now, **kwargs):
    with pytest.raises(GovDeskError) as err:
        do(env, fn, now, **kwargs)
    assert err.value.code == code, err.value
    return err.value


def board(env, at):
    factory, world = env
    with factory() as session:
        return today_board(session=session, center_id=world.ids["county_center"], at=at)


def test_check_in_with_password_or_pin_once_a_day(env):
    ids = env[1].ids
    refused(
        env,
        "roster.bad_confirmation",
        check_in,
        local(2025, 10, 16, 8, 20),
        staff_id=ids["justice_staff"],
        password="wrong-pass",
    )
    refused(
        env,
        "roster.bad_confirmation",
        check_in,
        local(2025, 10, 16, 8, 20),
        staff_id=ids["clerk_zhao"],
        pin="1234",
    )
    refused(
        env,
        "roster.confirmation_required",
        check_in,
        local(2025, 10, 16, 8, 20),
        staff_id=ids["clerk_zhao"],
    )
    # 钱书记 has no PIN and no account: nothing can confirm him.
    refused(
        env,
        "roster.bad_confirmation",
        check_in,
        local(2025, 10, 16, 8, 20),
        staff_id=ids["clerk_qian"],
        pin="4821",
    )
    first = do(
        env, check_in, local(2025, 10, 16, 8, 27), staff_id=ids["justice_staff"], password=PASSWORD
    )
    assert (first.staff_name, first.at) == ("王调解", local(2025, 10, 16, 8, 27))
    err = refused(
        env,
        "roster.already_checked_in",
        check_in,
        local(2025, 10, 16, 9, 0),
        staff_id=ids["justice_staff"],
        password=PASSWORD,
    )
    assert err.params == {"name": "王调解", "time": "08:27"}
    do(env, check_in, local(2025, 10, 16, 8, 52), staff_id=ids["clerk_zhao"], pin="4821")
    refused(
        env,
        "roster.bad_confirmation",
        check_out,
        local(2025, 10, 16, 12, 0),
        staff_id=ids["clerk_zhao"],
        pin="0000",
    )
    refused(
        env,
        "roster.not_checked_in",
        check_out,
        local(2025, 10, 17, 12, 0),
        staff_id=ids["clerk_zhao"],
        pin="4821",
    )  # the next day: no check-in yet
    do(env, check_out, local(2025, 10, 16, 17, 35), staff_id=ids["clerk_zhao"], pin="4821")
    refused(
        env,
        "roster.already_checked_out",
        check_out,
        local(2025, 10, 16, 17, 40),
        staff_id=ids["clerk_zhao"],
        pin="4821",
    )
    with env[0]() as session:
        rows = session.execute(
            select(
                CheckIn.staff_id,
                CheckIn.day,
                CheckIn.checked_in_at,
                CheckIn.checked_out_at,
                CheckIn.method,
            ).order_by(CheckIn.id)
        ).all()
    assert [tuple(r) for r in rows] == [
        (ids["justice_staff"], DAY, local(2025, 10, 16, 8, 27), None, "password"),
        (ids["clerk_zhao"], DAY, local(2025, 10, 16, 8, 52), local(2025, 10, 16, 17, 35), "pin"),
    ]


def test_pin_must_be_four_to_six_digits(env):
    factory, world = env
    for pin in ("123", "1234567", "12a4", ""):
        with pytest.raises(GovDeskError) as err, factory.begin() as session:
            set_pin(
                session=session,
                principal=world.principals["supervisor"],
                staff_id=world.ids["clerk_qian"],
                pin=pin,
            )
        assert err.value.code == "roster.bad_pin_format"


def test_board_derives_late_missing_and_absent(env):
    ids = env[1].ids
    before = board(env, local(2025, 10, 16, 8, 35))
    by_name = {d.staff_name: d for d in before.duties}
    assert set(by_name) == {"王调解", "赵书记"}  # 检察院 is off this week, 公安 not today
    assert {d.arrival for d in before.duties} == {Arrival.PENDING}
    do(
        env, check_in, local(2025, 10, 16, 8, 40), staff_id=ids["justice_staff"], password=PASSWORD
    )  # 08:40:00 is still on time
    mid = board(env, local(2025, 10, 16, 9, 0))
    by_name = {d.staff_name: d for d in mid.duties}
    assert by_name["王调解"].arrival == Arrival.ON_TIME and by_name["王调解"].here
    assert by_name["赵书记"].arrival == Arrival.MISSING
    assert by_name["赵书记"].window_name == "诉调对接中心"
    assert mid.on_call == (("人社局", mid.on_call[0][1]),)
    assert [c.name for c in mid.on_call[0][1]] == ["李仲裁"]
    do(env, check_in, local(2025, 10, 16, 8, 40, 1), staff_id=ids["clerk_zhao"], pin="4821")
    late = {d.staff_name: d.arrival for d in board(env, local(2025, 10, 16, 9, 0)).duties}
    assert late["赵书记"] == Arrival.LATE
    # The next day nobody checks in: 王调解 is absent once the day's last shift is over.
    evening = board(env, local(2025, 10, 17, 17, 30))
    assert [(d.staff_name, d.arrival) for d in evening.duties] == [("王调解", Arrival.ABSENT)]


def test_dispatch_candidates_on_site_then_on_call(env):
    factory, world = env
    ids = world.ids
    do(env, check_in, local(2025, 10, 16, 8, 30), staff_id=ids["clerk_zhao"], pin="4821")
    with factory() as session:
        order = dispatch_candidates(
            session=session, center_id=ids["county_center"], at=local(2025, 10, 16, 10, 0)
        )
    presence = [(c.department_name, c.presence) for c in order]
    # 法院 is here (赵书记 at 诉调对接中心), 人社局 on call, 司法局 and 公安局? 公安 is not due
    # on the 16th; 司法局 is due but not in; everyone else is away (ties by id).
    assert presence == [
        ("法院", Presence.ON_SITE),
        ("人社局", Presence.ON_CALL),
        ("司法局", Presence.DUE),
        ("住建局", Presence.AWAY),
        ("检察院", Presence.AWAY),
        ("公安局", Presence.AWAY),
    ]
    court = order[0]
    assert (court.staff_name, court.window_name) == ("赵书记", "诉调对接中心")
    assert court.checked_in_at == local(2025, 10, 16, 8, 30)
    assert [(c.name, c.phone) for c in order[1].on_call] == [("李仲裁", None)]
    with factory() as session:
        chosen = dispatch_candidates(
            session=session,
            center_id=ids["county_center"],
            at=local(2025, 10, 16, 10, 0),
            department_ids=[ids["justice"], ids["labour_bureau"]],
        )
    assert [c.department_name for c in chosen] == ["人社局", "司法局"]
    # After check-out the court is no longer on site.
    do(env, check_out, local(2025, 10, 16, 11, 0), staff_id=ids["clerk_zhao"], pin="4821")
    with factory() as session:
        later = dispatch_candidates(
            session=session,
            center_id=ids["county_center"],
            at=local(2025, 10, 16, 11, 30),
            department_ids=[ids["court"]],
        )
    assert later[0].presence == Presence.DUE


def test_dispatch_defaults_the_assignee_to_the_clerk_on_site(env):
    factory, world = env
    ids = world.ids
    do(env, check_in, local(2025, 10, 16, 8, 30), staff_id=ids["clerk_zhao"], pin="4821")
    case_id = register(env, at=local(2025, 10, 16, 9, 0)).case_id
    with factory.begin() as session:
        workflow.accept(
            session=session,
            principal=world.principals["desk"],
            case_id=case_id,
            now=local(2025, 10, 16, 9, 5),
        )
    with factory.begin() as session:
        dispatch.dispatch(
            session=session,
            principal=world.principals["dispatcher"],
            case_id=case_id,
            lead_department_id=ids["court"],
            assist_department_ids=[ids["justice"]],
            now=local(2025, 10, 16, 9, 10),
        )
    with factory() as session:
        tasks = {
            t.department_id: t.assignee_id
            for t in session.scalars(select(CaseTask).where(CaseTask.case_id == case_id))
        }
    # 赵书记 is in; 王调解 is due today though not in yet.
    assert tasks == {ids["court"]: ids["clerk_zhao"], ids["justice"]: ids["justice_staff"]}
