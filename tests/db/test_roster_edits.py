"""Swaps, leave, cover (with its task move), direct edits and publishing, and the month grid
(both databases).

The rota is October 2025 of tests/db/test_roster_rota.py: 司法局's 王调解 at the law window
every working day (9, 10, 11, 13–17, 20–24, 27–31), the court's clerks at 诉调对接中心 on
Tuesdays and Thursdays (赵 9, 16, 23, 30; 钱 14, 21, 28), 检察院 at the mediation room,
公安局 without a window on 9, 14, 21, 27. This file adds 陈律师, a second 司法局 person.
"""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from desktop.db.models import CaseEvent, CaseTask, CheckIn, RotaDuty, RotaEdit, Staff
from desktop.domain.enums import Arrival, Channel, PartyRole, RotaDay, RotaEditKind
from desktop.errors import GovDeskError
from desktop.services import dispatch, workflow
from desktop.services.intake import NewCase, NewParty, register_case
from desktop.services.roster_edits import cover, leave, publish_month, set_duty, swap
from desktop.services.roster_grid import month_edits, month_grid
from desktop.services.roster_rota import generate_month
from tests.db.roster_world import add_roster
from tests.db.world import build_world, local

OCT = date(2025, 10, 1)
NOW = local(2025, 10, 12, 10, 0)  # a Sunday: the changes below are all for days to come


@pytest.fixture
def env(session_factory):
    with session_factory.begin() as session:
        world = add_roster(session, build_world(session))
        colleague = Staff(name="陈律师", department_id=world.ids["justice"])
        session.add(colleague)
        session.flush()
        world.ids["justice_colleague"] = colleague.id
        generate_month(session=session, principal=world.principals["supervisor"],
                       center_id=world.ids["county_center"], month=OCT,
                       now=local(2025, 9, 20, 9, 0))  # fmt: skip
    return session_factory, world


def run(env, fn, who="supervisor", **kwargs):
    factory, world = env
    with factory.begin() as session:
        return fn(session=session, principal=world.principals[who], now=NOW, **kwargs)


def duty_id(env, staff, day):
    factory, world = env
    with factory() as session:
        return session.scalar(select(RotaDuty.id).where(
            RotaDuty.staff_id == world.ids[staff], RotaDuty.day == date(2025, 10, day)))  # fmt: skip


def who_on(env, department, days):
    factory, world = env
    with factory() as session:
        rows = session.execute(
            select(RotaDuty.day, Staff.name)
            .outerjoin(Staff, Staff.id == RotaDuty.staff_id)
            .where(RotaDuty.department_id == world.ids[department],
                   RotaDuty.day.in_([date(2025, 10, d) for d in days]))
            .order_by(RotaDuty.day)
        ).all()  # fmt: skip
    return [(d, name) for d, name in rows]


def edits(env):
    factory, world = env
    with factory() as session:
        return month_edits(session=session, center_id=world.ids["county_center"], month=OCT)


def test_swap_exchanges_two_duties_and_keeps_both_sides(env):
    result = run(env, swap, duty_id=duty_id(env, "clerk_zhao", 16),
                 other_duty_id=duty_id(env, "clerk_qian", 21), note="家中有事")  # fmt: skip
    assert (result.kind, result.edits, result.days) == (
        RotaEditKind.SWAP,
        2,
        (date(2025, 10, 16), date(2025, 10, 21)),
    )
    assert who_on(env, "court", (16, 21)) == [(date(2025, 10, 16), "钱书记"),
                                              (date(2025, 10, 21), "赵书记")]  # fmt: skip
    history = edits(env)
    assert [(e.day.day, e.kind, e.from_name, e.to_name, e.asked_by, e.approved_by, e.note)
            for e in history] == [
        (16, RotaEditKind.SWAP, "赵书记", "钱书记", "赵书记", "supervisor", "家中有事"),
        (21, RotaEditKind.SWAP, "钱书记", "赵书记", "赵书记", "supervisor", "家中有事"),
    ]  # fmt: skip
    assert history[0].step == history[1].step == history[0].id
    assert history[0].at == NOW and not history[0].after_publishing


def test_swap_refuses_another_department_and_a_double_booking(env):
    with pytest.raises(GovDeskError) as err:  # 王调解 is not of the court
        run(env, swap, duty_id=duty_id(env, "clerk_zhao", 16),
            other_duty_id=duty_id(env, "justice_staff", 21))  # fmt: skip
    assert err.value.code == "roster.staff_not_in_department"
    factory, world = env
    with factory.begin() as session:  # 钱书记 is made due on the 16th at the mediation room
        session.add(RotaDuty(center_id=world.ids["county_center"], day=date(2025, 10, 16),
                             department_id=world.ids["court"],
                             window_id=world.ids["mediation_window"],
                             staff_id=world.ids["clerk_qian"]))  # fmt: skip
    with pytest.raises(GovDeskError) as err:
        run(env, swap, duty_id=duty_id(env, "clerk_zhao", 16),
            other_duty_id=duty_id(env, "clerk_qian", 21))  # fmt: skip
    assert (err.value.code, err.value.params["day"]) == ("roster.already_due", "2025-10-16")
    assert edits(env) == []


def test_leave_turns_the_days_into_gaps_with_history(env):
    ids = env[1].ids
    result = run(env, leave, center_id=ids["county_center"], staff_id=ids["justice_staff"],
                 first=date(2025, 10, 13), last=date(2025, 10, 15))  # fmt: skip
    assert (result.edits, result.days[0], result.days[-1]) == (3, date(2025, 10, 13),
                                                               date(2025, 10, 15))  # fmt: skip
    assert who_on(env, "justice", (10, 13, 14, 15, 16)) == [
        (date(2025, 10, 10), "王调解"), (date(2025, 10, 13), None), (date(2025, 10, 14), None),
        (date(2025, 10, 15), None), (date(2025, 10, 16), "王调解")]  # fmt: skip
    assert {(e.kind, e.from_name, e.to_name, e.asked_by) for e in edits(env)} == {
        (RotaEditKind.LEAVE, "王调解", None, "王调解")
    }
    with pytest.raises(GovDeskError) as err:  # nothing is due any more on those days
        run(env, leave, center_id=ids["county_center"], staff_id=ids["justice_staff"],
            first=date(2025, 10, 13), last=date(2025, 10, 13))  # fmt: skip
    assert err.value.code == "roster.nothing_due"


def _dispatched_case(env, department, staff, title):
    factory, world = env
    ids = world.ids
    new = NewCase(title=title, channel=Channel.WALK_IN, category_id=ids["neighbour"],
                  grid_id=ids["east_grid"],
                  parties=(NewParty(PartyRole.APPLICANT, "张三", phone="13812345678"),))  # fmt: skip
    at = local(2025, 10, 10, 9, 0)
    with factory.begin() as session:
        case_id = register_case(session=session, principal=world.principals["desk"], new=new,
                                now=at).case_id  # fmt: skip
        workflow.accept(session=session, principal=world.principals["dispatcher"],
                        case_id=case_id, now=at)  # fmt: skip
        dispatch.dispatch(session=session, principal=world.principals["dispatcher"],
                          case_id=case_id, lead_department_id=ids[department],
                          assignees={ids[department]: ids[staff]}, now=at)  # fmt: skip
    return case_id


def test_cover_moves_the_duties_and_the_open_tasks_in_one_step(env):
    factory, world = env
    ids = world.ids
    mine = _dispatched_case(env, "justice", "justice_staff", "邻里漏水")
    theirs = _dispatched_case(env, "labour_bureau", "labour_staff", "工资拖欠")
    result = run(env, cover, center_id=ids["county_center"], staff_id=ids["justice_staff"],
                 colleague_id=ids["justice_colleague"], first=date(2025, 10, 13),
                 last=date(2025, 10, 14), move_tasks=True, note="外出培训")  # fmt: skip
    assert (result.edits, result.moved_case_ids) == (2, (mine,))
    assert who_on(env, "justice", (13, 14, 15)) == [
        (date(2025, 10, 13), "陈律师"), (date(2025, 10, 14), "陈律师"),
        (date(2025, 10, 15), "王调解")]  # fmt: skip
    with factory() as session:
        assignees = dict(session.execute(select(CaseTask.case_id, CaseTask.assignee_id)).all())
        logged = session.scalar(select(func.count()).select_from(CaseEvent).where(
            CaseEvent.case_id == mine, CaseEvent.kind == "assign"))  # fmt: skip
    assert assignees == {mine: ids["justice_colleague"], theirs: ids["labour_staff"]}
    assert logged == 1
    assert [(e.kind, e.from_name, e.to_name, e.tasks_moved) for e in edits(env)] == [
        (RotaEditKind.COVER, "王调解", "陈律师", 1),
        (RotaEditKind.COVER, "王调解", "陈律师", 0),
    ]


def test_cover_by_someone_of_another_department_changes_nothing(env):
    ids = env[1].ids
    mine = _dispatched_case(env, "justice", "justice_staff", "邻里漏水")
    with pytest.raises(GovDeskError) as err:
        run(env, cover, center_id=ids["county_center"], staff_id=ids["justice_staff"],
            colleague_id=ids["clerk_zhao"], first=date(2025, 10, 13),
            last=date(2025, 10, 13), move_tasks=True)  # fmt: skip
    assert err.value.code == "roster.staff_not_in_department"
    factory, _ = env
    with factory() as session:
        assert session.get(CaseTask, session.scalar(
            select(CaseTask.id).where(CaseTask.case_id == mine))).assignee_id == ids[
                "justice_staff"]  # fmt: skip
    assert who_on(env, "justice", (13,)) == [(date(2025, 10, 13), "王调解")]


def test_a_published_month_refuses_silent_edits_but_records_changes(env):
    factory, world = env
    ids = world.ids
    center = ids["county_center"]
    run(env, set_duty, duty_id=duty_id(env, "justice_staff", 9), staff_id=None)  # before: fine
    published = run(env, publish_month, center_id=center, month=OCT)
    assert published.kind == RotaEditKind.PUBLISH
    with pytest.raises(GovDeskError) as err:
        run(env, set_duty, duty_id=duty_id(env, "justice_staff", 10),
            staff_id=ids["justice_colleague"])  # fmt: skip
    assert (err.value.code, err.value.params["month"]) == ("roster.month_published", "2025-10")
    with pytest.raises(GovDeskError) as err:
        run(env, generate_month, center_id=center, month=OCT)
    assert err.value.code == "roster.month_published"
    with pytest.raises(GovDeskError) as err:
        run(env, publish_month, center_id=center, month=OCT)
    assert err.value.code == "roster.month_published"
    run(env, swap, duty_id=duty_id(env, "clerk_zhao", 16),
        other_duty_id=duty_id(env, "clerk_qian", 21), asked_by=ids["clerk_qian"])  # fmt: skip
    kinds = [(e.kind, e.day.day, e.after_publishing, e.asked_by) for e in edits(env)]
    assert kinds == [
        (RotaEditKind.EDIT, 9, False, None),
        (RotaEditKind.PUBLISH, 1, False, None),
        (RotaEditKind.SWAP, 16, True, "钱书记"),
        (RotaEditKind.SWAP, 21, True, "钱书记"),
    ]
    with factory() as session:
        grid = month_grid(session=session, center_id=center, month=OCT, now=NOW)
        total = session.scalar(select(func.count()).select_from(RotaEdit))
    court = grid.row_of(ids["court_window"], None)
    assert [d.changed for d in grid.cell(court, date(2025, 10, 16))] == [True]
    assert [d.changed for d in grid.cell(court, date(2025, 10, 9))] == [False]
    law = grid.row_of(ids["law_window"], None)
    assert [d.changed for d in grid.cell(law, date(2025, 10, 9))] == [False]  # before publishing
    assert (grid.published_at, grid.published_by, total) == (NOW, "supervisor", 4)


def test_only_a_supervisor_or_admin_changes_the_rota(env):
    with pytest.raises(GovDeskError) as err:
        run(env, swap, who="desk", duty_id=duty_id(env, "clerk_zhao", 16),
            other_duty_id=duty_id(env, "clerk_qian", 21))  # fmt: skip
    assert err.value.code == "roster.forbidden"


def test_month_grid_rows_shading_and_arrivals(env):
    factory, world = env
    ids = world.ids
    with factory.begin() as session:
        session.add(CheckIn(center_id=ids["county_center"], staff_id=ids["justice_staff"],
                            day=date(2025, 10, 13), method="pin",
                            checked_in_at=local(2025, 10, 13, 8, 25)))  # fmt: skip
    with factory() as session:
        grid = month_grid(session=session, center_id=ids["county_center"], month=OCT,
                          now=local(2025, 10, 14, 12, 0))  # fmt: skip
    assert [(r.window_id, r.department_id, r.name) for r in grid.rows] == [
        (ids["law_window"], None, "综合性法律服务窗口"),
        (ids["court_window"], None, "诉调对接中心"),
        (ids["mediation_window"], None, "人民调解室"),
        (None, ids["police"], "公安局"),
    ]
    shades = {d.day.day: d.shade for d in grid.days}
    assert (len(grid.days), shades[1], shades[4], shades[8], shades[9]) == (
        31,
        RotaDay.HOLIDAY,
        RotaDay.HOLIDAY,
        RotaDay.HOLIDAY,
        RotaDay.WORKDAY,
    )
    assert (shades[11], shades[12], shades[18]) == (RotaDay.MAKEUP, RotaDay.WEEKEND,
                                                   RotaDay.WEEKEND)  # fmt: skip
    arrivals = {d: [(c.staff_name, c.arrival) for c in grid.cell(0, date(2025, 10, d))]
                for d in (9, 13, 14, 15)}  # fmt: skip
    assert arrivals == {9: [("王调解", Arrival.ABSENT)], 13: [("王调解", Arrival.ON_TIME)],
                        14: [("王调解", Arrival.MISSING)], 15: [("王调解", None)]}  # fmt: skip
    assert [c.staff_name for c in grid.cell(3, date(2025, 10, 14))] == ["周民警"]
    assert grid.cell(1, date(2025, 10, 10)) == ()
    assert (grid.generated, grid.provisional, grid.published_at) == (True, False, None)
