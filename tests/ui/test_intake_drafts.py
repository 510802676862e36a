"""Drafts of the intake form: written as the clerk types, offered exactly at the next sign-in
of the same user on the same database after the process was killed, never to another user,
and gone once the case is saved or the form discarded."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from sqlalchemy import select

from desktop.db.engine import make_engine, make_session_factory
from desktop.db.models import Attachment, Case, User, UserRole
from desktop.services.accounts import principal_for
from desktop.services.catalog import seed_catalog
from desktop.services.drafts import DraftStore
from tests.ui import seed
from ui.intake.controller import IntakeController
from ui.intake.view import IntakeView
from ui.tasks import TaskRunner

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


@pytest.fixture
def county(production_db):
    """The seeded copy with the catalogue and a second desk clerk; (url, chief id, desk2 id)."""
    engine = make_engine(production_db.url)
    try:
        with make_session_factory(engine).begin() as session:
            seed_catalog(session)
            chief = session.get(User, production_db.chief_id)
            other = User(username="desk2", display_name="窗口二", password_hash=chief.password_hash,
                         jurisdiction_id=chief.jurisdiction_id, must_change_password=False,
                         active=True, created_at=datetime.now(UTC))  # fmt: skip
            session.add(other)
            session.flush()
            session.add(UserRole(user_id=other.id, role="desk"))
    finally:
        engine.dispose()
    return production_db.url, production_db.chief_id, other.id


def _principal(url, user_id):
    engine = make_engine(url)
    try:
        with make_session_factory(engine)() as session:
            return principal_for(session, session.get(User, user_id))
    finally:
        engine.dispose()


def _cases_titled(url, title):
    engine = make_engine(url)
    try:
        with make_session_factory(engine)() as session:
            return session.scalars(select(Case.id).where(Case.title == title)).all()
    finally:
        engine.dispose()


def _attachments_of(url, case_id):
    engine = make_engine(url)
    try:
        with make_session_factory(engine)() as session:
            return session.execute(
                select(Attachment.filename, Attachment.content)
                .where(Attachment.case_id == case_id).order_by(Attachment.id)
            ).all()  # fmt: skip
    finally:
        engine.dispose()


def _sign_in(qtbot, runner, url, username):
    from ui.startup import Startup

    startup = Startup(runner, url)
    startup.start()
    qtbot.waitUntil(lambda: startup.login is not None and startup.login.view.isVisible(),
                    timeout=10_000)  # fmt: skip
    qtbot.keyClicks(startup.login.view.username_edit, username)
    qtbot.keyClicks(startup.login.view.password_edit, seed.PASSWORD)
    with qtbot.waitSignal(startup.sig_workbench_opened, timeout=10_000):
        QTest.keyClick(startup.login.view.password_edit, Qt.Key.Key_Return)
    # Let the pages load before anything closes them again.
    qtbot.waitUntil(lambda: startup.workbench.dashboard.last is not None, timeout=10_000)
    qtbot.waitUntil(lambda: not runner.busy, timeout=10_000)
    return startup


def test_a_killed_form_is_offered_at_the_next_sign_in_exactly_and_only_to_its_user(
    qtbot, runner, county, tmp_path
):
    url, chief_id, desk2_id = county
    photo = tmp_path / "漏水照片.png"
    photo.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.ui.draft_child", url, str(chief_id), str(photo)],
        cwd=ROOT, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert child.stdout.readline().strip() == "typed"
        store = DraftStore.for_user(url, chief_id)
        deadline = time.monotonic() + 5
        # At most a second behind the last keystroke (the autosave interval is 0.7 s).
        while time.monotonic() < deadline:
            drafts = store.drafts()
            if drafts and drafts[0].form["save_as"] == "register" and drafts[0].files:
                break
            time.sleep(0.05)
        typed_at = time.monotonic()
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    assert child.returncode == -signal.SIGKILL
    assert typed_at < deadline and len(store.drafts()) == 1

    # Another clerk on the same database is offered nothing. (A runner of its own, shut down
    # with the session, so no late result reaches the closed pages.)
    own_runner = TaskRunner()
    startup = _sign_in(qtbot, own_runner, url, "desk2")
    try:
        assert startup.workbench.intake.drafts_dialog is None
        assert DraftStore.for_user(url, desk2_id).drafts() == []
        qtbot.mouseClick(startup.workbench.window.intake_button, Qt.MouseButton.LeftButton)
        view = startup.workbench.intake.controller.view
        assert view.isVisible() and view.title.text() == ""  # a blank form
        QTest.keyClick(view, Qt.Key.Key_Escape)
    finally:
        startup.close()
        own_runner.shutdown()
        own_runner.deleteLater()

    startup = _sign_in(qtbot, runner, url, "chief")
    try:
        intake = startup.workbench.intake
        qtbot.waitUntil(lambda: intake.drafts_dialog is not None
                        and intake.drafts_dialog.isVisible(), timeout=5000)  # fmt: skip
        dialog = intake.drafts_dialog
        assert dialog.list.count() == 1
        assert "楼上漏水" in dialog.list.item(0).text() and "张三" in dialog.list.item(0).text()
        QTest.keyClick(dialog.list, Qt.Key.Key_Return)
        assert not dialog.isVisible()
        view = intake.controller.view
        assert view.isVisible()
        qtbot.waitUntil(lambda: view.category.chosen_id is not None, timeout=5000)
        assert view.channel.currentData() == "phone"
        assert view.category.text() == "矛盾纠纷 › 邻里纠纷"
        assert view.title.text() == "楼上漏水"
        assert view.description.toPlainText() == "卫生间漏水\n已三天"
        rows = [(r.role.currentData(), r.name.text(), r.phone.text(), r.id_number.text(),
                 r.address.text()) for r in view.parties.rows]  # fmt: skip
        assert rows == [
            ("applicant", "张三", "13912345678", "159901199001010022", "幸福小区3号楼"),
            ("respondent", "李四", "", "", ""),
        ]
        assert view.address.text() == "幸福小区3号楼2单元"
        assert view.location.text() == "40.05, 110.1"
        assert view.people_count.value() == 3
        assert view.save_as.currentData() == "register"
        assert [(f.name, f.content) for f in intake.controller.files.files] == [
            ("漏水照片.png", photo.read_bytes())
        ]
        assert view.attachments.list.item(0).text() == "漏水照片.png"

        # Saving the restored form saves the case and removes its draft.
        with qtbot.waitSignal(intake.controller.sig_case_registered, timeout=5000):
            QTest.keyClick(view, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
        [case_id] = _cases_titled(url, "楼上漏水")
        assert _attachments_of(url, case_id) == [("漏水照片.png", photo.read_bytes())]
        assert DraftStore.for_user(url, chief_id).drafts() == []
        qtbot.waitUntil(lambda: not runner.busy, timeout=10_000)  # the new case opens
    finally:
        startup.close()


@pytest.fixture
def form(qtbot, db_runner, county, tmp_path):
    url, chief_id, _desk2 = county
    store = DraftStore(tmp_path / "drafts", url, chief_id)
    view = IntakeView()
    qtbot.addWidget(view)
    controller = IntakeController(db_runner, _principal(url, chief_id), view, drafts=store)
    controller.start()
    qtbot.waitExposed(view)
    qtbot.waitUntil(lambda: len(view.category._choices) > 0, timeout=5000)
    return view, controller, store


def test_an_untouched_form_leaves_no_draft_and_a_discarded_one_is_deleted(qtbot, form):
    view, controller, store = form
    qtbot.wait(900)
    assert store.drafts() == []
    qtbot.keyClicks(view.title, "noise")
    qtbot.waitUntil(lambda: len(store.drafts()) == 1, timeout=1000)
    assert store.drafts()[0].form["title"] == "noise"
    QTest.keyClick(view, Qt.Key.Key_Escape)
    assert view.isVisible() and len(store.drafts()) == 1  # the first Esc only asks
    QTest.keyClick(view, Qt.Key.Key_Escape)
    assert not view.isVisible() and store.drafts() == []


def test_a_form_closed_with_the_window_keeps_its_last_keystrokes(qtbot, form):
    view, controller, store = form
    qtbot.keyClicks(view.title, "ab")
    view.discard()  # what sign-out and quitting do: no time for the autosave timer
    assert [d.form["title"] for d in store.drafts()] == ["ab"]


def test_old_drafts_go_with_a_notice_and_del_twice_discards_one(qtbot, db_runner, county, tmp_path):
    from PySide6.QtWidgets import QMainWindow

    from ui.intake.launcher import IntakeLauncher

    url, chief_id, _desk2 = county
    store = DraftStore(tmp_path / "drafts", url, chief_id)
    now = datetime.now(UTC)
    store.save("old", {"title": "上个月的"}, now=now - timedelta(days=31))
    store.save("keep", {"title": "今天的", "channel": "phone"}, now=now - timedelta(hours=1))
    store.save("drop", {"title": "不要了"}, now=now - timedelta(hours=2))
    window = QMainWindow()
    qtbot.addWidget(window)
    window.show()
    launcher = IntakeLauncher(db_runner, _principal(url, chief_id), window, False, window,
                              drafts=store)  # fmt: skip
    launcher.offer_drafts()
    dialog = launcher.drafts_dialog
    notice = "已删除 1 份超过 30 天未保存的登记表草稿。"
    assert dialog.notice.text() == notice and window.statusBar().currentMessage() == notice
    assert [dialog.list.item(i).text().split("  ·  ")[1:3] for i in range(2)] == [
        ["来电", "今天的"], ["来访/窗口", "不要了"]]  # fmt: skip
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
    dialog.list.setFocus()
    dialog.list.setCurrentRow(1)
    QTest.keyClick(dialog.list, Qt.Key.Key_Delete)
    assert dialog.confirm.isVisible() and len(store.drafts()) == 2  # the first Del only asks
    QTest.keyClick(dialog.list, Qt.Key.Key_Delete)
    assert [d.id for d in store.drafts()] == ["keep"] and dialog.list.count() == 1
    QTest.keyClick(dialog.list, Qt.Key.Key_Escape)  # 稍后: kept for the next sign-in
    assert not dialog.isVisible() and [d.id for d in store.drafts()] == ["keep"]
