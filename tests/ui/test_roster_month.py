"""The month tab driven with keys (both databases): the windows × days grid of next month, a
swap typed into the duty dialog, publishing, a cover with its task move after publishing, a
warning taken to its cell, and the export from the page; the database is checked afterwards.

The database is a training one whose clock reads 30 November 2026, 10:00. Next month is
December 2026: its 1st
is a Tuesday, so the court's clerks sit at 诉调对接中心 on 1 (赵), 3 (钱), 8 (赵) … and the
window is empty on Wednesday the 2nd; 王调解 is at the law window every working day.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from sqlalchemy import func, select

from desktop.db.models import CaseTask, RotaDuty, RotaEdit, RotaMonth, Staff
from desktop.db.models.meta import CLOCK_OFFSET_KEY, KIND_KEY
from desktop.services.meta import TRAINING, set_value
from desktop.services.roster_rota import generate_month
from tests.db.roster_world import add_roster
from tests.db.test_roster_edits import _dispatched_case
from tests.db.world import build_world, local
from ui.roster.controller import RosterController
from ui.roster.view import RosterView

DEC = date(2026, 12, 1)


@pytest.fixture
def world(session_factory):
    with session_factory.begin() as session:
        set_value(session, KIND_KEY, TRAINING)  # a training database: its clock is set
        offset = local(2026, 11, 30, 10, 0) - datetime.now(UTC)
        set_value(session, CLOCK_OFFSET_KEY, str(offset.total_seconds()))
        world = add_roster(session, build_world(session))
        colleague = Staff(name="陈律师", department_id=world.ids["justice"])
        session.add(colleague)
        session.flush()
        world.ids["justice_colleague"] = colleague.id
        generate_month(session=session, principal=world.principals["supervisor"],
                       center_id=world.ids["county_center"], month=DEC)  # fmt: skip
    world.ids["case"] = _dispatched_case((session_factory, world), "justice", "justice_staff",
                                         "邻里漏水")  # fmt: skip
    return world


def open_month(qtbot, runner, session_factory, principal) -> RosterController:
    runner.session_factory = session_factory
    view = RosterView()
    qtbot.addWidget(view)
    controller = RosterController(runner, principal, view, None, view)
    controller.start()
    qtbot.waitUntil(lambda: controller.month is not None, timeout=10_000)
    view.tabs.setCurrentIndex(1)
    view.month.month_combo.setCurrentIndex(2)  # last month, this month, next month
    qtbot.waitUntil(lambda: controller.month.month == DEC and not runner.busy, timeout=10_000)
    return controller


def settle(qtbot, runner, controller, before) -> None:
    qtbot.waitUntil(lambda: controller.month is not before and not runner.busy, timeout=10_000)


def duties(session_factory, department_id, days):
    with session_factory() as session:
        return session.execute(
            select(RotaDuty.day, Staff.name)
            .outerjoin(Staff, Staff.id == RotaDuty.staff_id)
            .where(RotaDuty.department_id == department_id,
                   RotaDuty.day.in_([date(2026, 12, d) for d in days]))
            .order_by(RotaDuty.day)
        ).all()  # fmt: skip


def open_dialog(qtbot, controller, row, column):
    grid = controller.view.month.grid_table
    grid.setFocus()
    grid.setCurrentCell(row, column)
    controller.months.dialog = None
    qtbot.keyClick(grid, Qt.Key.Key_Return)  # Enter on a cell opens its dialog
    qtbot.waitUntil(lambda: controller.months.dialog is not None, timeout=5_000)
    return controller.months.dialog


def choose(combo, data) -> None:
    combo.setCurrentIndex(combo.findData(data))


def test_swap_publish_cover_and_export_by_keyboard(qtbot, runner, session_factory, world,
                                                   tmp_path):  # fmt: skip
    ids = world.ids
    controller = open_month(qtbot, runner, session_factory, world.principals["supervisor"])
    month = controller.view.month
    grid = month.grid_table
    assert (grid.rowCount(), grid.columnCount()) == (4, 31)
    assert [grid.verticalHeaderItem(r).text() for r in range(4)] == [
        "综合性法律服务窗口",
        "诉调对接中心",
        "人民调解室",
        "公安局",
    ]
    assert grid.horizontalHeaderItem(0).text() == "1\n二"
    assert grid.item(1, 0).text() == "赵书记"
    assert grid.item(1, 1).text() == ""
    assert grid.item(0, 4).background().color().name() == "#e3e3e3"  # Saturday the 5th

    # 换班: 赵书记's Tuesday the 1st for 钱书记's Thursday the 3rd.
    dialog = open_dialog(qtbot, controller, 1, 0)
    assert [dialog.action_combo.itemData(i) for i in range(dialog.action_combo.count())] == [
        "edit",
        "add",
        "swap",
        "leave",
        "cover",
    ]
    choose(dialog.action_combo, "swap")
    other = duties(session_factory, ids["court"], (3,))
    with session_factory() as session:
        third = session.scalar(
            select(RotaDuty.id).where(
                RotaDuty.day == date(2026, 12, 3), RotaDuty.department_id == ids["court"]
            )
        )
    assert other == [(date(2026, 12, 3), "钱书记")]
    choose(dialog.other_combo, third)
    qtbot.keyClicks(dialog.note_edit, "=HEARING")
    before = controller.month
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    settle(qtbot, runner, controller, before)
    assert duties(session_factory, ids["court"], (1, 3)) == [
        (date(2026, 12, 1), "钱书记"),
        (date(2026, 12, 3), "赵书记"),
    ]
    with session_factory() as session:
        rows = session.execute(select(RotaEdit.kind, RotaEdit.asked_by, RotaEdit.approved_by,
                                      RotaEdit.note).order_by(RotaEdit.id)).all()  # fmt: skip
    assert [tuple(r) for r in rows] == [("swap", ids["clerk_zhao"], ids["user_supervisor"],
                                         "=HEARING")] * 2  # fmt: skip
    assert grid.item(1, 0).text() == "钱书记"
    assert month.changes_list.item(0).text().endswith("（=HEARING）")

    # 发布, from the keyboard.
    month.publish_button.setFocus()
    before = controller.month
    qtbot.keyClick(month.publish_button, Qt.Key.Key_Space)
    settle(qtbot, runner, controller, before)
    with session_factory() as session:
        assert (
            session.get(RotaMonth, (ids["county_center"], DEC)).published_by
            == ids["user_supervisor"]
        )
    assert not month.publish_button.isEnabled() and not month.generate_button.isEnabled()
    assert "supervisor" in month.state_label.text()

    # 代班 after publishing: 陈律师 takes 王调解's 2nd and 3rd, and his open task.
    dialog = open_dialog(qtbot, controller, 0, 1)
    assert [dialog.action_combo.itemData(i) for i in range(dialog.action_combo.count())] == [
        "swap",
        "leave",
        "cover",
    ]  # setting a cell directly is gone
    choose(dialog.action_combo, "cover")
    assert [dialog.colleague_combo.itemText(i) for i in range(dialog.colleague_combo.count())
            ] == ["陈律师"]  # fmt: skip
    dialog.last_edit.setFocus()
    qtbot.keyClick(dialog.last_edit, Qt.Key.Key_Up)  # the 2nd → the 3rd
    assert dialog.move_tasks_box.isChecked()
    before = controller.month
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    settle(qtbot, runner, controller, before)
    assert duties(session_factory, ids["justice"], (2, 3, 4)) == [
        (date(2026, 12, 2), "陈律师"), (date(2026, 12, 3), "陈律师"),
        (date(2026, 12, 4), "王调解")]  # fmt: skip
    with session_factory() as session:
        task = session.scalars(select(CaseTask).where(CaseTask.case_id == ids["case"])).one()
        after = session.scalars(select(RotaEdit.after_publishing).where(
            RotaEdit.kind == "cover")).all()  # fmt: skip
    assert task.assignee_id == ids["justice_colleague"] and after == [True, True]
    assert grid.item(0, 1).text() == "陈律师*" and grid.item(0, 1).font().bold()
    assert "1" in month.changes_list.item(0).text()  # one open task handed over

    # A gap warning, activated with Enter, selects its cell: 诉调对接中心 on the 2nd.
    warnings = month.warnings_list
    index = next(i for i in range(warnings.count()) if "诉调对接中心" in warnings.item(i).text())
    warnings.setFocus()
    warnings.setCurrentRow(index)
    qtbot.keyClick(warnings, Qt.Key.Key_Return)
    assert (grid.currentRow(), grid.currentColumn()) == (1, 1)

    # Export from the page.
    target = tmp_path / "排班表.xlsx"
    controller.months.choose_path = lambda *_args: target
    qtbot.keyClick(month.export_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: controller.months.exported is not None, timeout=10_000)
    sheet = load_workbook(target)["排班表"]
    assert sheet["A1"].value == "云泽旗综治中心 2026年12月排班表"
    assert (sheet["B7"].value, sheet["C6"].value) == ("钱书记（法院）", "陈律师（司法）")
    assert sheet["C6"].font.u == "single"


def test_the_desk_sees_the_grid_but_cannot_change_it(qtbot, runner, session_factory, world):
    controller = open_month(qtbot, runner, session_factory, world.principals["desk"])
    month = controller.view.month
    assert all(b.isHidden() for b in month.edit_buttons)
    assert not month.export_button.isHidden()
    month.grid_table.setFocus()
    month.grid_table.setCurrentCell(1, 0)
    qtbot.keyClick(month.grid_table, Qt.Key.Key_Return)
    assert controller.months.dialog is None


def test_a_department_rota_comes_in_from_excel(qtbot, runner, session_factory, world, tmp_path):
    from desktop.db.models import Center
    from reports.run import rota_file

    ids = world.ids
    path = tmp_path / "法院排班.xlsx"
    with session_factory() as session:
        rota_file(session=session, center=session.get(Center, ids["county_center"]), month=DEC,
                  path=path)  # fmt: skip
    wb = load_workbook(path)
    wb["排班表"]["C7"].value = "钱书记（法院）"  # 诉调对接中心 on Wednesday the 2nd
    wb.save(path)
    controller = open_month(qtbot, runner, session_factory, world.principals["supervisor"])
    month = controller.view.month
    controller.months.choose_open_path = lambda *_args: path
    qtbot.keyClick(month.import_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: controller.months.preview is not None, timeout=10_000)
    preview = controller.months.preview
    assert [preview.changes_list.item(i).text() for i in range(preview.changes_list.count())] == [
        "12-02 诉调对接中心：— → 钱书记"
    ]
    before = controller.month
    qtbot.keyClick(preview, Qt.Key.Key_Return)
    settle(qtbot, runner, controller, before)
    with session_factory() as session:
        court = session.execute(select(RotaDuty.day, RotaDuty.staff_id).where(
            RotaDuty.window_id == ids["court_window"], RotaDuty.day <= date(2026, 12, 3)
        ).order_by(RotaDuty.day)).all()  # fmt: skip
    assert [tuple(r) for r in court] == [(date(2026, 12, 1), ids["clerk_zhao"]),
                                         (date(2026, 12, 2), ids["clerk_qian"]),
                                         (date(2026, 12, 3), ids["clerk_qian"])]  # fmt: skip
    # 钱书记 twice on the 3rd: refused, the cell named, nothing written.
    wb["排班表"]["D8"].value = "钱书记（法院）"
    wb.save(path)
    qtbot.keyClick(month.import_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: month.error_label.isVisibleTo(month), timeout=10_000)
    assert "排班表 第 8 行 D 列：“钱书记（法院）”同一天被排在两处" in month.error_label.text()
    with session_factory() as session:
        assert session.scalar(select(func.count()).select_from(RotaDuty).where(
            RotaDuty.window_id == ids["mediation_window"], RotaDuty.day == date(2026, 12, 3),
            RotaDuty.staff_id == ids["clerk_qian"])) == 0  # fmt: skip
