"""The 排班规则 tab as a supervisor (both databases): a new rule, the shift times and a PIN
typed into their dialogs, a refused PIN; the database is checked afterwards."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from desktop.db.models import RosterRule, RosterSettings, Staff
from tests.db.roster_world import add_roster
from tests.db.world import build_world
from ui.roster.controller import RosterController
from ui.roster.view import RosterView


@pytest.fixture
def world(session_factory):
    with session_factory.begin() as session:
        return add_roster(session, build_world(session))


def open_rules(qtbot, runner, session_factory, principal):
    runner.session_factory = session_factory
    view = RosterView()
    qtbot.addWidget(view)
    controller = RosterController(runner, principal, view, None, view)
    controller.start()
    rules = controller.rules
    qtbot.waitUntil(lambda: rules.rules is not None and rules.choices is not None,
                    timeout=10_000)  # fmt: skip
    view.tabs.setCurrentIndex(2)
    return rules


def accept(qtbot, dialog) -> None:
    qtbot.keyClick(dialog, Qt.Key.Key_Return)  # the OK button is the default


def test_desk_cannot_edit(qtbot, runner, session_factory, world):
    rules = open_rules(qtbot, runner, session_factory, world.principals["desk"])
    assert all(button.isHidden() for button in rules.view.edit_buttons)


def test_new_rule_typed_into_the_dialog(qtbot, runner, session_factory, world):
    ids = world.ids
    rules = open_rules(qtbot, runner, session_factory, world.principals["supervisor"])
    before = rules.view.rules_table.rowCount()
    qtbot.mouseClick(rules.view.add_button, Qt.MouseButton.LeftButton)
    dialog = rules.dialog
    dialog.department_combo.setCurrentIndex(dialog.department_combo.findData(ids["housing"]))
    dialog.mode_combo.setCurrentIndex(dialog.mode_combo.findData("rotating"))
    dialog.pattern_combo.setCurrentIndex(dialog.pattern_combo.findData("weekdays"))
    dialog.weekday_boxes[2].setFocus()
    qtbot.keyClick(dialog.weekday_boxes[2], Qt.Key.Key_Space)  # Wednesday
    dialog.window_combo.setCurrentIndex(dialog.window_combo.findData(ids["court_window"]))
    accept(qtbot, dialog)
    qtbot.waitUntil(lambda: rules.view.rules_table.rowCount() == before + 1, timeout=10_000)
    with session_factory() as session:
        row = session.scalars(select(RosterRule).where(
            RosterRule.department_id == ids["housing"])).one()  # fmt: skip
        assert (row.mode, row.pattern, row.weekdays, row.window_id, row.center_id) == (
            "rotating",
            "weekdays",
            "3",
            ids["court_window"],
            ids["county_center"],
        )


def test_shifts_and_pin(qtbot, runner, session_factory, world):
    ids = world.ids
    rules = open_rules(qtbot, runner, session_factory, world.principals["supervisor"])
    qtbot.mouseClick(rules.view.shifts_button, Qt.MouseButton.LeftButton)
    dialog = rules.dialog
    dialog.grace_spin.setFocus()
    dialog.grace_spin.selectAll()
    qtbot.keyClicks(dialog.grace_spin, "15")
    accept(qtbot, dialog)
    qtbot.waitUntil(lambda: rules.rules.shifts.grace_minutes == 15, timeout=10_000)
    assert "15" in rules.view.shifts_label.text()
    with session_factory() as session:
        settings = session.get(RosterSettings, ids["county_center"])
        assert (settings.am_start, settings.pm_end, settings.grace_minutes) == (510, 1050, 15)

    # A PIN of two digits is refused with the service's words; nothing is stored.
    qtbot.mouseClick(rules.view.pin_button, Qt.MouseButton.LeftButton)
    dialog = rules.dialog
    dialog.staff_combo.setCurrentIndex(dialog.staff_combo.findData(ids["clerk_qian"]))
    qtbot.keyClicks(dialog.pin_edit, "12")
    accept(qtbot, dialog)
    qtbot.waitUntil(lambda: rules.view.error_label.isVisibleTo(rules.view), timeout=10_000)
    assert rules.view.error_label.text() == "签到密码应为 4–6 位数字"
    with session_factory() as session:
        assert session.get(Staff, ids["clerk_qian"]).checkin_pin_hash is None
    qtbot.mouseClick(rules.view.pin_button, Qt.MouseButton.LeftButton)
    dialog = rules.dialog
    dialog.staff_combo.setCurrentIndex(dialog.staff_combo.findData(ids["clerk_qian"]))
    qtbot.keyClicks(dialog.pin_edit, "97531")
    accept(qtbot, dialog)
    qtbot.waitUntil(
        lambda: (
            not rules.view.error_label.isVisibleTo(rules.view)
            and not rules.view.loading_label.isVisibleTo(rules.view)
        ),
        timeout=10_000,
    )
    with session_factory() as session:
        stored = session.get(Staff, ids["clerk_qian"]).checkin_pin_hash
    assert stored is not None and "97531" not in stored
