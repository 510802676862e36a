"""Several seats on one database: another seat's change reaches an open case view and its
action dialog (SQLite polling, PostgreSQL NOTIFY), and 取下一件 from the queue page.

The other seat is a connection of its own, committing through the services; what the seat
under test shows is checked on its widgets, and what was saved in the database.
"""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from sqlalchemy import select

from desktop.db.engine import make_engine, make_session_factory
from desktop.db.models import Case, CaseEvent
from desktop.domain.enums import EventKind, NamedQueue
from desktop.services import case_edit
from tests.harness import BACKENDS, _fresh_database
from tests.ui import case_world
from tests.ui.test_case_dialogs import CTRL, activate, press, type_text
from ui.cases.detail.controller import CaseController
from ui.tasks import TaskRunner
from ui.watch import ChangeMonitor

LIVE_WITHIN_MS = 2000  # the promise: another seat's change shows within 2 s


@pytest.fixture(params=BACKENDS)
def seat(request, qtbot):
    """A case world on SQLite or PostgreSQL, a runner and a change monitor for this seat."""
    cw = case_world.build(_fresh_database(request, request.param, migrated=True))
    engine = make_engine(cw.url)
    runner = TaskRunner()
    runner.session_factory = make_session_factory(engine)
    monitor = ChangeMonitor(runner, engine, interval_ms=200)
    monitor.start()
    if engine.dialect.name == "postgresql":
        qtbot.waitUntil(lambda: monitor.uses_socket, timeout=5_000)
    else:
        qtbot.waitUntil(lambda: monitor._watcher is not None, timeout=5_000)
    yield cw, runner, monitor, engine
    monitor.stop()
    qtbot.waitUntil(lambda: not runner.busy, timeout=10_000)
    runner.shutdown()
    runner.deleteLater()
    engine.dispose()


def other_seat_retitles(url: str, case_id: int, principal, title: str) -> float:
    """Another seat saves a new title on its own connection; the moment it committed."""
    other = make_engine(url)
    try:
        with make_session_factory(other).begin() as session:
            version = session.get(Case, case_id).version
            case_edit.edit_case(session=session, principal=principal, case_id=case_id,
                                expected_version=version, title=title)  # fmt: skip
        return time.monotonic()
    finally:
        other.dispose()


def test_an_open_case_and_its_dialog_follow_another_seat(qtbot, seat):
    cw, runner, monitor, engine = seat
    desk = CaseController(runner, cw.world.principals["desk"], cw.registered)
    qtbot.addWidget(desk.view)
    desk.view.show()
    desk.refresh()
    qtbot.waitUntil(lambda: desk.loaded is not None and not desk._loading, timeout=15_000)
    monitor.sig_cases_changed.connect(desk.refresh)  # as the workbench wires its case tabs
    dialog = press(qtbot, desk, EventKind.ACCEPT)
    type_text(dialog.rows["note"], "同意受理")
    assert not dialog.changed_label.isVisible()
    before = desk.loaded.detail.version

    committed = other_seat_retitles(cw.url, cw.registered, cw.world.principals["dispatcher"],
                                    "供暖不热（整栋楼）")  # fmt: skip
    qtbot.waitUntil(lambda: desk.view.title_label.text() == "供暖不热（整栋楼）",
                    timeout=LIVE_WITHIN_MS + 1000)  # fmt: skip
    assert time.monotonic() - committed < LIVE_WITHIN_MS / 1000
    assert desk.loaded.detail.version > before
    # The open dialog warns, and keeps what was typed.
    assert dialog.changed_label.isVisible()
    assert "changed" in dialog.changed_label.text() or "修改" in dialog.changed_label.text()
    assert dialog.rows["note"].toPlainText() == "同意受理"

    # Saving shows the other change first (the version the dialog was made from is older);
    # applying it again saves exactly once.
    QTest.keyClick(dialog, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: desk.conflict is not None)
    QTest.mouseClick(desk.conflict.reapply_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: desk.dialog is None)
    with make_session_factory(engine)() as s:
        row = s.get(Case, cw.registered)
        assert (row.status, row.title) == ("accepted", "供暖不热（整栋楼）")
        kinds = s.execute(
            select(CaseEvent.kind, CaseEvent.note)
            .where(CaseEvent.case_id == cw.registered)
            .order_by(CaseEvent.seq)
        ).all()
    assert [tuple(k) for k in kinds[-2:]] == [("edit", None), ("accept", "同意受理")]


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_take_next_claims_the_oldest_case_and_shows_who_holds_it(qtbot, db_url, tmp_path):
    from PySide6.QtCore import QSettings

    from ui.cases.model import COLUMNS
    from ui.cases.page import CasesPage

    cw = case_world.build(db_url)
    engine = make_engine(db_url)
    runner = TaskRunner()
    runner.session_factory = make_session_factory(engine)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    try:
        dispatcher = cw.world.principals["dispatcher"]
        page = CasesPage(runner, dispatcher, settings=settings)
        qtbot.addWidget(page.view)
        page.view.show()
        with qtbot.waitSignal(page.sig_list_shown, timeout=10_000):
            page.start()
        with qtbot.waitSignal(page.sig_list_shown, timeout=10_000):
            page.open_queue(NamedQueue.PENDING_ACCEPT)
        assert page.view.take_next_button.isVisible()
        # By hand: the registered cases of the world, oldest first.
        with make_session_factory(engine)() as s:
            waiting = list(s.scalars(
                select(Case.id).where(Case.status == "registered")
                .order_by(Case.received_at, Case.id)
            ))  # fmt: skip
        assert waiting and waiting[0] == page.model.case_id(0)
        activate(page.view.table)
        with qtbot.waitSignal(page.sig_case_requested, timeout=10_000) as asked:
            QTest.keyClick(page.view.table, Qt.Key.Key_T, CTRL)
        assert asked.args == [waiting[0]]
        with make_session_factory(engine)() as s:
            held = dict(s.execute(select(Case.id, Case.claimed_by_id)).all())
        assert held[waiting[0]] == dispatcher.user_id
        assert [i for i, h in held.items() if h is not None] == [waiting[0]]
        # The holder column says who, and since when.
        column = COLUMNS.index("claimed_by")
        qtbot.waitUntil(lambda: page.model.index(0, column).data().startswith(
            dispatcher.display_name), timeout=10_000)  # fmt: skip
        # Nothing else is free: the next press says so and claims nothing.
        for _ in waiting[1:]:
            with qtbot.waitSignal(page.sig_case_requested, timeout=10_000):
                QTest.mouseClick(page.view.take_next_button, Qt.MouseButton.LeftButton)
        QTest.mouseClick(page.view.take_next_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "Nothing" in page.view.status_label.text()
                        or "没有" in page.view.status_label.text(), timeout=10_000)  # fmt: skip
        qtbot.waitUntil(lambda: not runner.busy, timeout=10_000)
        page.stop()
    finally:
        runner.shutdown()
        runner.deleteLater()
        engine.dispose()


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_the_bell_counts_opens_the_case_and_reads_all(qtbot, db_url):
    from datetime import UTC, datetime, timedelta

    from sqlalchemy import update

    from desktop.db.models import User
    from ui.alerts.bell import AlertBell
    from ui.alerts.controller import AlertsController

    cw = case_world.build(db_url)
    engine = make_engine(db_url)
    factory = make_session_factory(engine)
    desk = cw.world.principals["desk"]
    # Desk claimed the registered case 26 minutes ago: it lapses in 4 (an alert).
    with factory.begin() as s:
        s.execute(update(Case).where(Case.id == cw.registered).values(
            claimed_by_id=desk.user_id, claimed_at=datetime.now(UTC) - timedelta(minutes=26)))  # fmt: skip
        s.execute(update(User).where(User.id == desk.user_id).values(
            alerts_seen_at=datetime.now(UTC) - timedelta(hours=1)))  # fmt: skip
    runner = TaskRunner()
    runner.session_factory = factory
    bell = AlertBell()
    qtbot.addWidget(bell)
    alerts = AlertsController(runner, desk, bell)
    try:
        with qtbot.waitSignal(alerts.sig_alerts_shown, timeout=10_000) as shown:
            alerts.start()
        assert shown.args == [1] and bell.text().endswith(" 1")
        first = bell.menu_.actions()[0]
        assert "即将失效" in first.text() or "lapses" in first.text()
        with qtbot.waitSignal(alerts.sig_case_requested) as asked:
            first.trigger()
        assert asked.args == [cw.registered]
        read = next(a for a in bell.menu_.actions() if a.objectName() == "markAllRead")
        with qtbot.waitSignal(alerts.sig_alerts_shown, timeout=10_000) as shown:
            read.trigger()
        assert shown.args == [0] and bell.count == 0
        with factory() as s:
            seen = s.scalar(select(User.alerts_seen_at).where(User.id == desk.user_id))
        assert datetime.now(UTC) - seen < timedelta(minutes=1)
    finally:
        alerts.stop()
        qtbot.waitUntil(lambda: not runner.busy, timeout=10_000)
        runner.shutdown()
        runner.deleteLater()
        engine.dispose()
