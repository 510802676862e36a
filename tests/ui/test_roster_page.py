"""The 排班 page on the county center of tests/db/roster_world.py (both databases): the board,
a PIN check-in typed at the desk, refusals, generating a month, and the empty and error
states; the database is checked afterwards."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select, text

from desktop.db.models import CheckIn, RotaMonth, User
from desktop.services.meta import clock_for
from desktop.services.roster_checkin import set_pin
from desktop.services.roster_rota import generate_month
from tests.db.roster_world import add_roster
from tests.db.world import build_world
from ui.roster.controller import RosterController
from ui.roster.view import RosterView


@pytest.fixture
def world(session_factory):
    with session_factory.begin() as session:
        world = add_roster(session, build_world(session))
        ids = world.ids
        session.get(User, ids["user_justice"]).staff_id = ids["justice_staff"]
        set_pin(session=session, principal=world.principals["supervisor"],
                staff_id=ids["clerk_zhao"], pin="4821")  # fmt: skip
        generate_month(session=session, principal=world.principals["supervisor"],
                       center_id=ids["county_center"], month=clock_for(session).today())  # fmt: skip
    return world


def open_page(qtbot, runner, session_factory, principal) -> RosterController:
    runner.session_factory = session_factory
    view = RosterView()
    qtbot.addWidget(view)
    controller = RosterController(runner, principal, view, None, view)
    controller.start()
    qtbot.waitUntil(lambda: controller.today is not None, timeout=10_000)
    return controller


def check_ins(session_factory):
    with session_factory() as session:
        return session.execute(
            select(CheckIn.staff_id, CheckIn.method, CheckIn.recorded_by, CheckIn.checked_out_at)
        ).all()


def type_secret(qtbot, controller, staff_id, secret) -> None:
    today = controller.view.today
    today.staff_combo.setCurrentIndex(today.staff_combo.findData(staff_id))
    today.secret_edit.setFocus()
    qtbot.keyClicks(today.secret_edit, secret)
    qtbot.keyClick(today.secret_edit, Qt.Key.Key_Return)  # Return checks in
    qtbot.waitUntil(lambda: today.check_in_button.isEnabled(), timeout=10_000)
    qtbot.waitUntil(lambda: not controller._loading, timeout=10_000)


def test_pin_check_in_at_the_desk_then_a_polite_refusal(qtbot, runner, session_factory, world):
    ids = world.ids
    controller = open_page(qtbot, runner, session_factory, world.principals["desk"])
    today = controller.view.today
    assert today.when_label.text().startswith("云泽旗综治中心 · ")
    names = [today.staff_combo.itemText(i) for i in range(today.staff_combo.count())]
    assert "赵书记（法院）" in names and "李仲裁（人社局）" in names
    type_secret(qtbot, controller, ids["clerk_zhao"], "1111")
    assert today.visit_error_label.text() == "密码或签到码不正确"
    assert check_ins(session_factory) == []
    type_secret(qtbot, controller, ids["clerk_zhao"], "4821")
    assert today.done_label.text().startswith("赵书记 ") and "签到" in today.done_label.text()
    assert today.secret_edit.text() == ""
    assert [tuple(r) for r in check_ins(session_factory)] == [
        (ids["clerk_zhao"], "pin", ids["user_desk"], None)
    ]
    # The board and the dispatch order now show him on site.
    qtbot.waitUntil(
        lambda: any(
            today.order_table.item(r, 0).text() == "法院"
            and today.order_table.item(r, 1).text() == "在岗"
            for r in range(today.order_table.rowCount())
        ),
        timeout=10_000,
    )
    assert today.order_table.item(0, 0).text() == "法院"
    type_secret(qtbot, controller, ids["clerk_zhao"], "4821")
    assert "今天已于" in today.visit_error_label.text()
    assert len(check_ins(session_factory)) == 1
    # Check-out with the password of 王调解's account is refused: he never checked in.
    type_secret(qtbot, controller, ids["justice_staff"], "secret-pass")  # checks him in
    assert len(check_ins(session_factory)) == 2
    today.staff_combo.setCurrentIndex(today.staff_combo.findData(ids["clerk_zhao"]))
    qtbot.keyClicks(today.secret_edit, "4821")
    qtbot.mouseClick(today.check_out_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "签退" in today.done_label.text(), timeout=10_000)
    rows = {r.staff_id: r for r in check_ins(session_factory)}
    assert rows[ids["clerk_zhao"]].checked_out_at is not None
    assert rows[ids["justice_staff"]].method == "password"


def test_supervisor_generates_next_month_desk_cannot(qtbot, runner, session_factory, world):
    desk = open_page(qtbot, runner, session_factory, world.principals["desk"])
    assert desk.view.month.generate_button.isHidden()
    supervisor = open_page(qtbot, runner, session_factory, world.principals["supervisor"])
    month = supervisor.view.month
    qtbot.waitUntil(lambda: supervisor.month is not None, timeout=10_000)
    assert month.warnings_list.count() >= 1  # 诉调对接中心 is empty on most days
    rules = supervisor.view.rules.rules_table
    qtbot.waitUntil(lambda: rules.rowCount() == 5, timeout=10_000)
    assert [rules.item(r, 1).text() for r in range(5)] == ["常驻", "轮驻", "轮驻", "轮驻", "随驻"]
    assert rules.item(1, 2).text() == "每周固定日：周二、周四"
    assert rules.item(1, 4).text() == "赵书记、钱书记（轮流）"
    month.month_combo.setCurrentIndex(2)
    qtbot.waitUntil(lambda: supervisor.month.month == month.month_combo.currentData(),
                    timeout=10_000)  # fmt: skip
    assert month.empty_label.isVisibleTo(month)  # not generated yet
    qtbot.mouseClick(month.generate_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: supervisor.month.warnings.generated, timeout=10_000)
    assert not month.empty_label.isVisibleTo(month)
    with session_factory() as session:
        months = session.scalars(select(RotaMonth.month).order_by(RotaMonth.month)).all()
    assert months[-1] == month.month_combo.currentData()
    assert month.grid_table.rowCount() > 0 and month.grid_table.columnCount() >= 28


def test_empty_and_error_states(qtbot, runner, session_factory, world):
    # A village user: villages have no center of their own.
    village = replace(world.principals["east_desk"], jurisdiction_id=world.ids["east_village"])
    controller = open_page(qtbot, runner, session_factory, village)
    today = controller.view.today
    assert today.empty_label.isVisibleTo(today)
    assert today.empty_label.text() == "您所在的辖区没有自己的综治中心。"
    county = open_page(qtbot, runner, session_factory, world.principals["desk"])
    qtbot.waitUntil(lambda: not runner.busy, timeout=10_000)  # PostgreSQL: no lock in the way
    with session_factory.begin() as session:
        session.execute(text("DROP TABLE check_ins"))
    qtbot.keyClick(county.view.today.refresh_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: county.view.today.error_label.isVisibleTo(county.view.today),
                    timeout=10_000)  # fmt: skip
    assert "日志" in county.view.today.error_label.text()
