"""一窗受理 driven from the keyboard alone (QTest key clicks, no mouse), checked in the database.

The seeded county (tests/ui/seed.py) gets the category catalogue and one earlier case of the
caller 17000000001, received 10 days ago by phone, so the repeat panel has something to show.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from sqlalchemy import select

from desktop.db.engine import make_engine, make_session_factory
from desktop.db.models import Case, CaseEvent, CaseParty, Category, Grid, User
from desktop.services.accounts import principal_for
from desktop.services.catalog import seed_catalog
from desktop.services.map_places import PickedPlace
from ui.intake.controller import IntakeController
from ui.intake.view import IntakeView
from ui.map.picker import PointPickerDialog

CALLER = "17000000001"
GOOD_ID = "159901199001010022"  # Σ digit×weight = 274, 274 mod 11 = 10 → check "2"


@pytest.fixture
def county(production_db):
    """The seeded copy with the catalogue and the caller's earlier case; (url, principal)."""
    engine = make_engine(production_db.url)
    try:
        with make_session_factory(engine).begin() as session:
            seed_catalog(session)
            grid = session.scalars(select(Grid)).first()
            other = session.scalar(select(Category.id).where(Category.code == "0103"))
            earlier = Case(
                number="YZ-2026-000900", center_id=1, title="拖欠工资", channel="phone",
                category_id=other, status="accepted", county_id=production_db.county_id,
                street_id=grid.village_id - 1, village_id=grid.village_id, grid_id=grid.id,
                received_at=datetime.now(UTC) - timedelta(days=10),
                updated_at=datetime.now(UTC),
            )  # fmt: skip
            session.add(earlier)
            session.flush()
            session.add(CaseParty(case_id=earlier.id, role="applicant", name="张三",
                                  phone=CALLER, address="幸福小区3号楼"))  # fmt: skip
            chief = session.get(User, production_db.chief_id)
            principal = principal_for(session, chief)
    finally:
        engine.dispose()
    return production_db.url, principal, earlier.id


@pytest.fixture
def form(qtbot, db_runner, county):
    _url, principal, _earlier = county
    view = IntakeView()
    qtbot.addWidget(view)
    controller = IntakeController(db_runner, principal, view)
    controller.start()
    qtbot.waitExposed(view)
    view.activateWindow()
    qtbot.waitUntil(lambda: len(view.category._choices) > 0, timeout=5000)
    view.channel.setFocus()
    return view, controller


def focused() -> QWidget:
    # The offscreen platform activates a completer popup after it has already closed again
    # and, with no window manager, never gives activation back: do what a desktop does.
    active = QApplication.activeWindow()
    if active is not None and active.windowType() == Qt.WindowType.Popup and not active.isVisible():
        for window in QApplication.topLevelWidgets():
            if isinstance(window, IntakeView) and window.isVisible():
                window.activateWindow()
        QApplication.processEvents()
    return QApplication.focusWidget()


def type_text(text: str) -> None:
    """Key presses carrying each character, as an input method delivers Chinese text
    (QTest.keyClicks takes ASCII only)."""
    for char in text:
        widget = focused()
        if char.isascii():
            QTest.keyClick(widget, char)
            continue
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            )


def key(k, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(focused(), k, modifier)


def tab(times: int = 1) -> None:
    for _ in range(times):
        key(Qt.Key.Key_Tab)


def tab_to(widget: QWidget) -> None:
    for _ in range(60):
        if focused() is widget:
            return
        tab()
    raise AssertionError(f"Tab never reached {widget!r}; stuck at {focused()!r}")


def saved_rows(url):
    engine = make_engine(url)
    try:
        with make_session_factory(engine)() as session:
            case = session.scalars(select(Case).where(Case.created_by_id.is_not(None))).first()
            if case is None:
                return None, [], []
            parties = session.execute(
                select(CaseParty.role, CaseParty.name, CaseParty.phone, CaseParty.id_number)
                .where(CaseParty.case_id == case.id).order_by(CaseParty.id)
            ).all()  # fmt: skip
            events = session.scalars(
                select(CaseEvent.kind).where(CaseEvent.case_id == case.id).order_by(CaseEvent.seq)
            ).all()
            session.expunge(case)
            return case, parties, events
    finally:
        engine.dispose()


def test_a_walk_in_dispute_registered_and_accepted_from_the_keyboard(qtbot, form, county):
    view, controller = form
    url, _principal, earlier_id = county
    assert focused() is view.channel  # 来访 is the first channel
    tab()
    assert focused() is view.category  # the hidden 12345 fields are skipped
    type_text("ljjf")
    tab()
    assert view.category.text() == "矛盾纠纷 › 邻里纠纷"
    type_text("楼上装修噪音")
    tab()
    type_text("夜间施工，影响休息")
    tab()
    assert focused() is view.parties.rows[0].role
    tab()
    type_text("张三")
    tab(2)  # past 匿名
    type_text(CALLER)
    tab()
    type_text(GOOD_ID)
    assert view.parties.rows[0].facts.text() == "女，1990-01-01 出生"
    qtbot.waitUntil(lambda: view.side_panel.person_list.count() == 1, timeout=3000)
    assert "拖欠工资" in view.side_panel.person_list.item(0).text()
    tab_to(view.parties.add_button)
    key(Qt.Key.Key_Space)  # adds the respondent row and moves into it
    assert len(view.parties.rows) == 2 and focused() is view.parties.rows[1].role
    tab()
    type_text("李四")
    tab_to(view.side_panel.repeats_list)
    qtbot.waitUntil(
        lambda: (
            view.side_panel.repeats_list.count() == 1
            and "同一电话" in view.side_panel.repeats_list.item(0).text()
        ),
        timeout=3000,
    )
    key(Qt.Key.Key_Down)
    key(Qt.Key.Key_Space)  # tick: link as a repeat
    assert view.side_panel.linked_case_id() == earlier_id
    with qtbot.waitSignal(controller.sig_case_registered, timeout=5000) as saved:
        key(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    case, parties, events = saved_rows(url)
    assert saved.args[0] == case.id
    assert (case.title, case.status, case.channel) == ("楼上装修噪音", "accepted", "walk_in")
    assert case.repeat_of_id == earlier_id
    assert parties == [("applicant", "张三", CALLER, GOOD_ID), ("respondent", "李四", None, None)]
    assert events == ["register", "merge", "accept"]
    assert not view.isVisible()


def test_bad_input_is_shown_beside_its_field_and_nothing_is_lost(qtbot, form, county):
    view, controller = form
    url = county[0]
    tab()
    type_text("ljjf")
    tab(2)  # the title left empty, on to the description
    type_text("说明文字")
    tab(2)
    type_text("王五")
    tab(2)
    type_text("13812345")  # an 8-digit mobile
    tab()
    type_text("159901199001010023")  # wrong check digit
    key(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    row = view.parties.rows[0]
    assert view.errors["title"].text() == "标题为必填项"
    assert row.errors["phone"].text().startswith("电话号码 13812345 格式不正确")
    assert row.errors["id_number"].text() == "身份证号码 159901199001010023 校验位不正确"
    assert focused() is view.title  # the first invalid field
    assert (row.name.text(), row.phone.text(), view.description.toPlainText()) == (
        "王五", "13812345", "说明文字")  # fmt: skip
    assert saved_rows(url)[0] is None


def test_an_anonymous_walk_in_is_refused_and_a_hotline_caller_is_not(qtbot, form, county):
    view, controller = form
    url = county[0]
    tab()
    type_text("ljjf")
    tab()
    type_text("噪音投诉")
    tab(4)
    key(Qt.Key.Key_Space)  # 匿名
    key(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    error = view.parties.rows[0].errors["party_name"]
    assert error.text() == "只有来电和 12345 热线可以匿名，来访群众须登记姓名"
    view.channel.setFocus()
    type_text("1")  # the channel combo jumps to 12345热线 by its first character
    assert view.channel.currentData() == "hotline_12345"
    tab()
    type_text("GD-0001")
    with qtbot.waitSignal(controller.sig_case_registered, timeout=5000):
        key(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    case, parties, _events = saved_rows(url)
    assert case.channel == "hotline_12345" and parties[0][1] == ""


def test_esc_asks_before_discarding(qtbot, form):
    view, _controller = form
    tab()
    type_text("ljjf")
    key(Qt.Key.Key_Escape)
    assert view.isVisible() and "再按 Esc" in view.form_error.text()
    key(Qt.Key.Key_Escape)
    assert not view.isVisible()


def test_ctrl_n_opens_intake_from_the_workbench_for_a_desk_user(qtbot, runner, production_db):
    from tests.ui import seed
    from ui.startup import Startup

    startup = Startup(runner, production_db.url)
    try:
        startup.start()
        qtbot.waitUntil(lambda: startup.login is not None and startup.login.view.isVisible(),
                        timeout=10_000)  # fmt: skip
        login = startup.login
        qtbot.keyClicks(login.view.username_edit, "chief")
        qtbot.keyClicks(login.view.password_edit, seed.PASSWORD)
        with qtbot.waitSignal(startup.sig_workbench_opened, timeout=10_000):
            QTest.keyClick(login.view.password_edit, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: startup.workbench.dashboard.last is not None, timeout=10_000)
        window = startup.workbench.window
        assert window.intake_button.isVisible()
        QTest.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
        intake = startup.workbench.intake.controller
        assert intake is not None and intake.view.isVisible()
        assert intake.view.windowTitle() == "一窗受理 · 登记案件"

        QTest.keyClick(intake.view, Qt.Key.Key_Escape)  # nothing typed: closes at once
        assert not intake.view.isVisible()

        # 在地图上选点: the map's picker opens over the form; a picked place fills 位置.
        QTest.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
        intake = startup.workbench.intake.controller
        assert intake.view.map_button.isVisible()
        qtbot.mouseClick(intake.view.map_button, Qt.MouseButton.LeftButton)
        picker = intake.view.findChild(PointPickerDialog)
        assert picker is not None and picker.isVisible()
        picker.sig_place_picked.emit(PickedPlace(40.05, 110.05, None, None, None, None, None, None))
        assert intake.view.location.text() == "40.050000, 110.050000"
        picker.reject()
    finally:
        startup.close()


def test_resolved_on_the_spot_from_the_keyboard(qtbot, form, county):
    view, controller = form
    url = county[0]
    tab()
    type_text("ljjf")
    tab()
    type_text("邻里口角")
    tab(3)
    type_text("赵六")
    tab_to(view.save_as)
    key(Qt.Key.Key_End)  # 就地办结, the last way to save
    assert view.save_as.currentData() == "resolve_on_spot" and view.result.isVisible()
    tab()
    assert focused() is view.result  # 调解成功 is the first result
    tab()
    type_text("当场调解，双方和解")
    with qtbot.waitSignal(controller.sig_case_registered, timeout=5000):
        key(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    case, _parties, events = saved_rows(url)
    assert (case.status, case.result) == ("resolved", "mediated")
    assert events == ["register", "accept", "resolve_on_spot"]
