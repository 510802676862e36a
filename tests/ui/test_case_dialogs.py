"""The case view driven as a person would (QTest key clicks), checking the database after."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from desktop.db.engine import make_engine, make_session_factory
from desktop.db.models import Case, CaseEvent, CaseTask
from desktop.domain.enums import EventKind
from desktop.services import case_edit, dispatch
from tests.harness import _fresh_database
from tests.ui import case_world
from ui.cases.detail.controller import CaseController
from ui.cases.detail.tabs import CaseTabs
from ui.tasks import TaskRunner

K = EventKind
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def cw(request):
    return case_world.build(_fresh_database(request, "sqlite", migrated=True))


@pytest.fixture
def factory(cw):
    engine = make_engine(cw.url)
    yield make_session_factory(engine)
    engine.dispose()


@pytest.fixture
def seats(factory):
    """A task runner per signed-in seat, all on the same database."""
    runners: list[TaskRunner] = []

    def seat() -> TaskRunner:
        runner = TaskRunner()
        runner.session_factory = factory
        runners.append(runner)
        return runner

    yield seat
    for runner in runners:
        runner.shutdown()
        runner.deleteLater()


def open_case(qtbot, runner, cw, who: str, case_id: int) -> CaseController:
    controller = CaseController(runner, cw.world.principals[who], case_id)
    qtbot.addWidget(controller.view)
    controller.view.show()
    controller.refresh()
    qtbot.waitUntil(lambda: controller.loaded is not None and not controller._loading)
    return controller


def reload(qtbot, controller: CaseController) -> None:
    before = controller.loaded
    controller.refresh()
    qtbot.waitUntil(lambda: controller.loaded is not before and not controller._loading)


def press(qtbot, controller: CaseController, kind: EventKind):
    """Click an action button and wait for its dialog."""
    button = controller.view.action_buttons[kind]
    assert button.isVisible(), f"{kind} not offered"
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: controller.dialog is not None)
    return controller.dialog


def confirm(qtbot, controller: CaseController, dialog, *, closes: bool = True) -> None:
    version = controller.loaded.detail.version
    activate(dialog)
    QTest.keyClick(dialog, Qt.Key.Key_Return, CTRL)
    if closes:
        qtbot.waitUntil(lambda: controller.dialog is None)
        qtbot.waitUntil(
            lambda: controller.loaded.detail.version != version and not controller._loading
        )
    else:
        qtbot.waitUntil(
            lambda: (
                dialog.confirm_button.isEnabled()
                and (
                    dialog.error_label.isVisible()
                    or any(e.isVisible() for e in dialog.errors.values())
                )
            )
        )


def field_error(dialog, key: str) -> str:
    label = dialog.errors[key]
    return label.text() if label.isVisible() else ""


def case_row(factory, case_id):
    with factory() as session:
        return session.get(Case, case_id)


def events(factory, case_id):
    with factory() as session:
        return [
            (e.kind, e.note)
            for e in session.scalars(
                select(CaseEvent).where(CaseEvent.case_id == case_id).order_by(CaseEvent.seq)
            )
        ]


def tasks(factory, case_id):
    with factory() as session:
        return [
            (t.department_id, t.role, t.status, t.assignee_id)
            for t in session.scalars(
                select(CaseTask).where(CaseTask.case_id == case_id).order_by(CaseTask.id)
            )
        ]


def activate(widget) -> None:
    """Keys go where a person is typing: into the active window (several are open)."""
    widget.window().activateWindow()
    QApplication.processEvents()
    widget.setFocus()


def type_text(widget, text: str) -> None:
    """Key clicks for any text: QTest.keyClicks asserts on characters beyond ASCII."""
    activate(widget)
    for ch in text:
        QTest.sendKeyEvent(
            QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier
        )


def choose(qtbot, combo, steps: int = 1) -> None:
    activate(combo)
    for _ in range(steps):
        QTest.keyClick(combo, Qt.Key.Key_Down)


def test_accept_then_joint_dispatch_to_a_lead_and_an_assisting_department(
    qtbot, cw, factory, seats
):
    ids = cw.world.ids
    desk = open_case(qtbot, seats(), cw, "desk", cw.registered)
    dialog = press(qtbot, desk, K.ACCEPT)
    type_text(dialog.rows["note"], "材料齐全，予以受理")
    confirm(qtbot, desk, dialog)
    assert case_row(factory, cw.registered).status == "accepted"
    assert events(factory, cw.registered)[-1] == ("accept", "材料齐全，予以受理")
    assert desk.view.timeline_table.item(0, 3).text() == "材料齐全，予以受理"

    dispatcher = open_case(qtbot, seats(), cw, "dispatcher", cw.registered)
    dialog = press(qtbot, dispatcher, K.DISPATCH)
    # In the roster's order: 人社局 is on call, nobody is checked in yet
    assert [dialog.table.item(r, 0).text() for r in range(3)] == ["人社局", "司法局", "住建局"]
    assert dialog.table.item(0, 1).text() == "随驻"
    QTest.mouseClick(dialog.lead_buttons[ids["justice"]], Qt.MouseButton.LeftButton)
    QTest.mouseClick(dialog.assist_boxes[ids["labour_bureau"]], Qt.MouseButton.LeftButton)
    type_text(dialog.note_edit, "司法局牵头，人社局配合")
    confirm(qtbot, dispatcher, dialog)
    assert case_row(factory, cw.registered).status == "dispatched"
    assert tasks(factory, cw.registered) == [
        (ids["justice"], "lead", "dispatched", ids["justice_staff"]),
        (ids["labour_bureau"], "assist", "dispatched", ids["labour_staff"]),
    ]
    assert (
        dispatcher.view.timeline_table.item(0, 2)
        .text()
        .startswith("派单：主办 司法局、协办 人社局")
    )
    assert dispatcher.view.tasks_table.rowCount() == 2


def test_the_same_department_twice_is_refused_and_the_input_kept(qtbot, cw, factory, seats):
    ids = cw.world.ids
    dispatcher = open_case(qtbot, seats(), cw, "dispatcher", cw.accepted)
    dialog = press(qtbot, dispatcher, K.DISPATCH)
    QTest.mouseClick(dialog.lead_buttons[ids["justice"]], Qt.MouseButton.LeftButton)
    QTest.mouseClick(dialog.assist_boxes[ids["justice"]], Qt.MouseButton.LeftButton)
    type_text(dialog.note_edit, "请办理")
    confirm(qtbot, dispatcher, dialog, closes=False)
    assert field_error(dialog, "departments") == "同一部门不能重复派单"
    assert dialog.note_edit.toPlainText() == "请办理" and dialog.isVisible()
    assert tasks(factory, cw.accepted) == []
    QTest.mouseClick(dialog.assist_boxes[ids["justice"]], Qt.MouseButton.LeftButton)
    confirm(qtbot, dispatcher, dialog)
    assert tasks(factory, cw.accepted) == [
        (ids["justice"], "lead", "dispatched", ids["justice_staff"])
    ]


def _joint(cw, factory):
    ids = cw.world.ids
    with factory.begin() as session:
        dispatch.dispatch(
            session=session,
            principal=cw.world.principals["dispatcher"],
            case_id=cw.accepted,
            lead_department_id=ids["justice"],
            assist_department_ids=[ids["labour_bureau"]],
        )


def test_sign_then_return_needs_a_reason(qtbot, cw, factory, seats):
    _joint(cw, factory)
    justice = open_case(qtbot, seats(), cw, "justice", cw.accepted)
    assert not justice.view.action_buttons[K.DISPATCH].isVisible()
    confirm(qtbot, justice, press(qtbot, justice, K.SIGN))
    assert case_row(factory, cw.accepted).status == "in_progress"
    dialog = press(qtbot, justice, K.RETURN)
    confirm(qtbot, justice, dialog, closes=False)
    assert field_error(dialog, "reason") == "请填写原因"
    assert events(factory, cw.accepted)[-1][0] == "sign"
    type_text(dialog.rows["reason"], "不属于司法局职责")
    confirm(qtbot, justice, dialog)
    assert case_row(factory, cw.accepted).status == "accepted"
    assert [t[2] for t in tasks(factory, cw.accepted)] == ["returned", "recalled"]


def test_lead_resolves_with_a_result_after_the_assist_reported(qtbot, cw, factory, seats):
    _joint(cw, factory)
    justice = open_case(qtbot, seats(), cw, "justice", cw.accepted)
    labour = open_case(qtbot, seats(), cw, "labour", cw.accepted)
    confirm(qtbot, justice, press(qtbot, justice, K.SIGN))
    reload(qtbot, labour)
    confirm(qtbot, labour, press(qtbot, labour, K.SIGN))
    reload(qtbot, justice)
    dialog = press(qtbot, justice, K.RESOLVE)
    type_text(dialog.rows["note"], "双方达成协议")
    confirm(qtbot, justice, dialog, closes=False)  # no result chosen
    assert field_error(dialog, "result") == "请填写办理结果"
    choose(qtbot, dialog.rows["result"])  # 调解成功
    confirm(qtbot, justice, dialog, closes=False)  # the assist has not reported back
    assert dialog.error_label.text() == "还有 1 个协办部门尚未反馈，暂不能办结"
    assert dialog.rows["note"].toPlainText() == "双方达成协议"
    assert case_row(factory, cw.accepted).status == "in_progress"

    report = press(qtbot, labour, K.REPORT)
    type_text(report.rows["note"], "已协调企业补发工资")
    confirm(qtbot, labour, report)
    # The lead's form was opened before the report: saving it now is a conflict that
    # names the report and keeps the form; reapplying resolves on the current version.
    activate(dialog)
    QTest.keyClick(dialog, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: justice.conflict is not None)
    assert justice.conflict.changes_table.item(0, 2).text() == "人社局协办反馈"
    QTest.mouseClick(justice.conflict.reapply_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: justice.dialog is None)
    row = case_row(factory, cw.accepted)
    assert (row.status, row.result) == ("resolved", "mediated")
    assert [e[0] for e in events(factory, cw.accepted)][-3:] == ["sign", "report", "resolve"]

    desk = open_case(qtbot, seats(), cw, "desk", cw.accepted)
    follow = press(qtbot, desk, K.FOLLOW_UP)
    choose(qtbot, follow.rows["satisfaction"])  # 满意
    type_text(follow.rows["note"], "电话回访，群众满意")
    confirm(qtbot, desk, follow)
    row = case_row(factory, cw.accepted)
    assert (row.status, row.satisfaction) == ("closed", "satisfied")


def test_bad_input_is_refused_with_the_field_named_and_nothing_written(qtbot, cw, factory, seats):
    dispatcher = open_case(qtbot, seats(), cw, "dispatcher", cw.accepted)
    before = events(factory, cw.accepted)
    dialog = press(qtbot, dispatcher, K.REQUEST_EXTENSION)
    yesterday = dispatcher.loaded.now - timedelta(days=1)
    dialog.rows["requested_due"].setDate(QDate(yesterday.year, yesterday.month, yesterday.day))
    type_text(dialog.rows["reason"], "需等待鉴定")
    confirm(qtbot, dispatcher, dialog, closes=False)
    assert field_error(dialog, "requested_due") == "期限必须晚于当前时间"
    dialog.reject()
    qtbot.waitUntil(lambda: dispatcher.dialog is None)

    merge = press(qtbot, dispatcher, K.MERGE)
    number = dispatcher.loaded.detail.number
    type_text(merge.rows["original_number"], number)
    confirm(qtbot, dispatcher, merge, closes=False)
    assert merge.error_label.text() == "不能将案件合并到其自身"
    merge.rows["original_number"].clear()
    type_text(merge.rows["original_number"], "邻旗-2026-000001")
    confirm(qtbot, dispatcher, merge, closes=False)
    assert field_error(merge, "original_number") == (
        "找不到您可查看的案件 邻旗-2026-000001，请核对原件编号"
    )
    merge.reject()
    assert events(factory, cw.accepted) == before


def test_parties_are_masked_and_a_reveal_is_logged(qtbot, cw, factory, seats):
    _joint(cw, factory)
    justice = open_case(qtbot, seats(), cw, "justice", cw.accepted)
    assert justice.view.parties_table.item(0, 1).text() == "巴*****"
    assert justice.view.parties_table.cellWidget(0, 5) is None  # departments may not reveal
    desk = open_case(qtbot, seats(), cw, "desk", cw.accepted)
    show = desk.view.parties_table.cellWidget(0, 5)
    QTest.mouseClick(show, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: desk.view.parties_table.item(0, 2).text() == "17000001234")
    assert desk.view.parties_table.item(0, 1).text() == "巴特尔·朝鲁"
    assert events(factory, cw.accepted)[-1][0] == "reveal"


def test_edit_of_the_category_before_acceptance_restarts_its_clock(qtbot, cw, factory, seats):
    desk = open_case(qtbot, seats(), cw, "desk", cw.registered)
    received = case_row(factory, cw.registered).received_at
    dialog = press(qtbot, desk, K.EDIT)
    box = dialog.category_box
    box.setFocus()
    while box.currentData() != cw.world.ids["petition"]:
        QTest.keyClick(box, Qt.Key.Key_Down)
    confirm(qtbot, desk, dialog)
    row = case_row(factory, cw.registered)
    # 信访: decide within 15 calendar days of receipt, at the end of that China-time day
    from desktop.clock import end_of_local_day, to_local

    assert row.due_at == end_of_local_day(to_local(received).date() + timedelta(days=15))
    assert (
        desk.view.timeline_table.item(0, 2)
        .text()
        .startswith("修改事项类别：由“民生诉求”改为“信访”，受理期限按新类别重新计算为")
    )


def test_several_cases_in_tabs(qtbot, cw, seats):
    tabs = CaseTabs(seats(), cw.world.principals["dispatcher"])
    first = tabs.open_case(cw.registered)
    tabs.open_case(cw.accepted)
    assert tabs.open_case(cw.registered) is first
    assert tabs.window.tabs.count() == 2
    qtbot.waitUntil(lambda: tabs.window.tabs.tabText(0).startswith("云泽-2026-"))
    assert tabs.window.tabs.currentWidget() is first.view
    QTest.keyClick(tabs.window, Qt.Key.Key_W, CTRL)
    assert tabs.window.tabs.count() == 1
    qtbot.waitUntil(lambda: not tabs.controllers[cw.accepted]._loading)
    tabs.close()


def test_show_on_map_is_offered_only_for_a_case_with_a_point(qtbot, cw, seats, factory):
    with factory.begin() as session:
        session.get(Case, cw.accepted).lat, session.get(Case, cw.accepted).lng = 40.61, 109.53
        session.get(Case, cw.registered).lat = session.get(Case, cw.registered).lng = None
    tabs = CaseTabs(seats(), cw.world.principals["dispatcher"])
    placed, unplaced = tabs.open_case(cw.accepted), tabs.open_case(cw.registered)
    qtbot.waitUntil(lambda: not placed._loading and not unplaced._loading)
    assert not unplaced.view.map_button.isVisibleTo(unplaced.view)
    tabs.window.tabs.setCurrentWidget(placed.view)
    assert placed.view.map_button.isVisibleTo(placed.view)
    with qtbot.waitSignal(tabs.sig_map_requested) as asked:
        QTest.mouseClick(placed.view.map_button, Qt.MouseButton.LeftButton)
    assert asked.args == [cw.accepted]
    tabs.close()


def test_a_change_by_another_seat_on_postgresql_is_a_conflict_that_keeps_both(qtbot, pg_only_url):
    cw = case_world.build(pg_only_url)
    engine = make_engine(pg_only_url)
    factory = make_session_factory(engine)
    runner = TaskRunner()
    runner.session_factory = factory
    try:
        desk = open_case(qtbot, runner, cw, "desk", cw.registered)
        dialog = press(qtbot, desk, K.ACCEPT)
        type_text(dialog.rows["note"], "同意受理")
        other = make_engine(pg_only_url)  # another seat saves first, on its own connection
        with make_session_factory(other).begin() as session:
            version = session.get(Case, cw.registered).version
            case_edit.edit_case(
                session=session,
                principal=cw.world.principals["dispatcher"],
                case_id=cw.registered,
                expected_version=version,
                title="供暖不热（整栋楼）",
            )
        other.dispose()
        QTest.keyClick(dialog, Qt.Key.Key_Return, CTRL)
        qtbot.waitUntil(lambda: desk.conflict is not None)
        conflict = desk.conflict
        assert conflict.changes_table.rowCount() == 1
        assert conflict.changes_table.item(0, 2).text() == (
            "修改标题：由“供暖不热”改为“供暖不热（整栋楼）”"
        )
        assert dialog.rows["note"].toPlainText() == "同意受理"  # nothing typed is lost
        assert case_row(factory, cw.registered).status == "registered"
        QTest.mouseClick(conflict.reapply_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: desk.dialog is None)
        row = case_row(factory, cw.registered)
        assert (row.status, row.title) == ("accepted", "供暖不热（整栋楼）")
        assert events(factory, cw.registered)[-2:] == [("edit", None), ("accept", "同意受理")]
    finally:
        runner.shutdown()
        runner.deleteLater()
        engine.dispose()


def test_bulk_dispatch_from_the_queue_refuses_exactly_the_changed_case(
    qtbot, cw, factory, seats, tmp_path
):
    from PySide6.QtCore import QSettings

    from desktop.domain.enums import NamedQueue
    from desktop.services import workflow
    from ui.cases.detail.bulk import DISPATCH, BulkController
    from ui.cases.page import CasesPage

    ids = cw.world.ids
    with factory.begin() as session:  # a third case to triage besides cw.accepted
        third = case_world.new_case(session, cw.world, "噪音扰民")
        workflow.accept(session=session, principal=cw.world.principals["desk"], case_id=third)
    runner = seats()
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    page = CasesPage(runner, cw.world.principals["dispatcher"], settings=settings)
    qtbot.addWidget(page.view)
    page.view.resize(1200, 700)
    page.view.show()
    with qtbot.waitSignal(page.sig_list_shown, timeout=10_000):
        page.start()
    with qtbot.waitSignal(page.sig_list_shown, timeout=10_000):
        page.open_queue(NamedQueue.ALL)
    qtbot.waitUntil(lambda: all(page.model.cached(i) for i in page.model.ids()))
    bulk = BulkController(runner, cw.world.principals["dispatcher"], page.view.table, page.model)
    table = page.view.table
    activate(table)
    QTest.keyClick(table, Qt.Key.Key_A, CTRL)  # select every listed case
    assert set(bulk.selected_versions()) == {cw.registered, cw.accepted, third}
    with factory.begin() as session:  # another seat corrects `third` after the list showed it
        version = session.get(Case, third).version
        case_edit.edit_case(
            session=session,
            principal=cw.world.principals["desk"],
            case_id=third,
            expected_version=version,
            title="噪音扰民（夜间）",
        )
    bulk.start(DISPATCH)
    qtbot.waitUntil(lambda: bulk.dialog is not None)
    dialog = bulk.dialog
    box = dialog.department_box
    activate(box)
    while box.currentData() != ids["justice"]:
        QTest.keyClick(box, Qt.Key.Key_Down)
    activate(dialog)
    QTest.keyClick(dialog, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: bulk.summary is not None)
    summary = bulk.summary
    assert summary.summary_label.text() == "1 件已办理，2 件未办理。"
    reasons = {
        summary.refused_table.item(r, 0).text(): summary.refused_table.item(r, 1).text()
        for r in range(summary.refused_table.rowCount())
    }
    numbers = {c: case_row(factory, c).number for c in (cw.registered, third)}
    assert reasons == {
        numbers[cw.registered]: "案件当前状态为“登记”，不能执行“派单”",
        numbers[third]: "列表显示之后，该案件已被他人修改",
    }
    assert [case_row(factory, c).status for c in (cw.registered, cw.accepted, third)] == [
        "registered",
        "dispatched",
        "accepted",
    ]
    summary.close()


def test_edit_of_the_point_names_the_field_when_it_is_not_a_point(qtbot, cw, factory, seats):
    desk = open_case(qtbot, seats(), cw, "desk", cw.registered)
    dialog = press(qtbot, desk, K.EDIT)
    type_text(dialog.point_edit, "幸福路")
    confirm(qtbot, desk, dialog, closes=False)
    assert field_error(dialog, "point") == "请按“纬度, 经度”填写坐标"
    dialog.point_edit.clear()
    type_text(dialog.point_edit, "40.05, 110.05")
    confirm(qtbot, desk, dialog)
    row = case_row(factory, cw.registered)
    assert (row.lat, row.lng) == (40.05, 110.05)
    assert desk.view.field_labels["point"][1].text() == "40.050000, 110.050000"
