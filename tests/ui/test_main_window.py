"""Connect → sign in → workbench: queue counts match SQL written by hand, the training
banner, live refresh when another seat changes cases, and the language switch."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import create_engine, text

from desktop import settings as app_settings
from desktop.domain.enums import NamedQueue
from tests.ui import seed
from ui import i18n
from ui.startup import Startup

OPEN = "('registered', 'accepted', 'dispatched', 'in_progress')"

# One hand-written statement per queue, for a county user with no department.
HAND_SQL = {
    NamedQueue.MY_TODO: f"status IN {OPEN} AND claimed_by_id = :user",
    NamedQueue.PENDING_ACCEPT: "status = 'registered'",
    NamedQueue.PENDING_TRIAGE: (
        "status = 'accepted' AND NOT EXISTS (SELECT 1 FROM case_tasks t WHERE t.case_id = c.id"
        " AND t.role = 'lead' AND t.status IN ('dispatched', 'in_progress'))"
    ),
    NamedQueue.IN_PROGRESS: "status IN ('dispatched', 'in_progress')",
    NamedQueue.DUE_SOON: (
        f"status IN {OPEN} AND suspended_at IS NULL AND warn_at <= :now AND due_at > :now"
    ),
    NamedQueue.OVERDUE: f"status IN {OPEN} AND suspended_at IS NULL AND due_at <= :now",
    NamedQueue.PENDING_FOLLOW_UP: "status = 'resolved'",
    NamedQueue.SUPERVISED: f"status IN {OPEN} AND supervised = 1",
    NamedQueue.ALL: "1 = 1",
}


def hand_counts(path, county_id: int, user_id: int, now: datetime) -> dict[NamedQueue, int]:
    engine = create_engine(f"sqlite:///{path}")
    # SQLite keeps instants as integer microseconds since 1970 (UTC)
    stamp = (now - datetime(1970, 1, 1, tzinfo=UTC)) // timedelta(microseconds=1)
    try:
        with engine.connect() as conn:
            return {
                queue: conn.execute(
                    text(f"SELECT count(*) FROM cases c WHERE county_id = :county AND {cond}"),
                    {"county": county_id, "user": user_id, "now": stamp},
                ).scalar_one()
                for queue, cond in HAND_SQL.items()
            }
    finally:
        engine.dispose()


@pytest.fixture
def launch(qtbot, runner):
    """Start the app's startup sequence on a database URL and sign in as `chief`."""
    started: list[Startup] = []

    def _launch(url: str, username: str = "chief"):
        startup = Startup(runner, url)
        started.append(startup)
        startup.start()
        qtbot.waitUntil(
            lambda: startup.login is not None and startup.login.view.isVisible(), timeout=10_000
        )
        login = startup.login
        qtbot.keyClicks(login.view.username_edit, username)
        qtbot.keyClicks(login.view.password_edit, seed.PASSWORD)
        with qtbot.waitSignal(startup.sig_workbench_opened, timeout=10_000):
            qtbot.mouseClick(login.view.login_button, Qt.MouseButton.LeftButton)
        workbench = startup.workbench
        qtbot.waitUntil(lambda: workbench.dashboard.last is not None, timeout=10_000)
        return startup, workbench

    yield _launch
    for startup in started:
        startup.close()


def shown_counts(workbench) -> dict[NamedQueue, int]:
    return {queue: card.count for queue, card in workbench.dashboard.view.cards.items()}


def test_dashboard_counts_match_hand_written_sql(launch, production_db):
    _, workbench = launch(production_db.url)
    expected = hand_counts(
        production_db.path,
        production_db.county_id,
        production_db.chief_id,
        workbench.dashboard.last.now,
    )
    assert shown_counts(workbench) == expected
    assert expected[NamedQueue.OVERDUE] > 0 and expected[NamedQueue.DUE_SOON] > 0
    cards = workbench.dashboard.view.cards
    assert cards[NamedQueue.OVERDUE].tone == "danger"
    assert cards[NamedQueue.DUE_SOON].tone == "warn"
    assert cards[NamedQueue.ALL].tone == ""
    assert cards[NamedQueue.PENDING_ACCEPT].name_label.text() == "待受理"


def test_status_bar_names_user_roles_and_jurisdiction(qtbot, launch, production_db):
    _, workbench = launch(production_db.url)
    window = workbench.window
    qtbot.waitUntil(lambda: "云泽旗" in window.jurisdiction_label.text())
    assert "巴特尔·朝鲁" in window.user_label.text()
    assert window.roles_label.text() == "角色：窗口受理员、分流调度员、中心主任"
    assert window.nav_list.count() == 6
    assert [window.nav_list.item(i).text() for i in range(6)] == [
        "工作台",
        "地图",
        "案件",
        "排班",
        "报表",
        "设置",
    ]


def test_training_banner_on_a_training_database(launch, training_db):
    _, workbench = launch(training_db.url)
    banner = workbench.window.training_banner
    assert banner.isVisible()
    assert banner.text().startswith("培训模式 — 演示数据")


def test_no_training_banner_on_a_production_database(launch, production_db):
    _, workbench = launch(production_db.url)
    assert not workbench.window.training_banner.isVisible()


def test_login_dialog_shows_the_banner_too(qtbot, runner, training_db):
    startup = Startup(runner, training_db.url)
    startup.start()
    try:
        qtbot.waitUntil(lambda: startup.login is not None and startup.login.view.isVisible())
        assert startup.login.view.training_banner.isVisible()
    finally:
        startup.close()


def test_counts_refresh_when_another_seat_registers_a_case(qtbot, launch, production_db):
    _, workbench = launch(production_db.url)
    before = shown_counts(workbench)[NamedQueue.PENDING_ACCEPT]
    seed.register_case(production_db.url, production_db.county_id)  # as another seat
    cards = workbench.dashboard.view.cards
    qtbot.waitUntil(lambda: cards[NamedQueue.PENDING_ACCEPT].count == before + 1, timeout=10_000)


def test_refresh_button_counts_again(qtbot, launch, production_db):
    _, workbench = launch(production_db.url)
    first = workbench.dashboard.last
    with qtbot.waitSignal(workbench.dashboard.sig_counts_changed, timeout=10_000) as fresh:
        qtbot.mouseClick(workbench.dashboard.view.refresh_button, Qt.MouseButton.LeftButton)
    assert fresh.args[0].now >= first.now


def test_language_switch_is_live_and_saved(qtbot, launch, production_db, tmp_path, monkeypatch):
    monkeypatch.setenv(app_settings.ENV_HOME, str(tmp_path))
    _, workbench = launch(production_db.url)
    window, combo = workbench.window, workbench.preferences.view.language_combo
    window.show_page("settings")
    try:
        combo.setCurrentIndex(combo.findData(i18n.ENGLISH))
        assert window.nav_list.item(0).text() == "Dashboard"
        assert workbench.dashboard.view.cards[NamedQueue.PENDING_ACCEPT].name_label.text() == (
            "To accept"
        )
        assert window.roles_label.text().startswith("Roles: ")
        assert app_settings.load_file()["language"] == "en"
    finally:
        combo.setCurrentIndex(combo.findData(i18n.CHINESE))
    assert window.nav_list.item(0).text() == "工作台"
    assert app_settings.load_file()["language"] == "zh_CN"


def test_closing_the_window_finishes_the_app(qtbot, launch, production_db):
    startup, workbench = launch(production_db.url)
    with qtbot.waitSignal(startup.sig_finished) as finished:
        workbench.window.close()
    assert finished.args == [0]


@pytest.mark.pg
def test_counts_refresh_on_a_postgresql_notify(qtbot, launch, pg_production_db):
    """Several seats share PostgreSQL: the socket notifier, not a timer, brings the change."""
    _, workbench = launch(pg_production_db.url)
    assert workbench.monitor.uses_socket
    before = shown_counts(workbench)[NamedQueue.PENDING_ACCEPT]
    seed.register_case(pg_production_db.url, pg_production_db.county_id)
    cards = workbench.dashboard.view.cards
    qtbot.waitUntil(lambda: cards[NamedQueue.PENDING_ACCEPT].count == before + 1, timeout=10_000)


@pytest.mark.pg
def test_the_watcher_survives_a_dropped_connection(qtbot, launch, pg_production_db):
    """The server drops the LISTEN connection: the watcher reconnects on its new socket."""
    _, workbench = launch(pg_production_db.url)
    monitor = workbench.monitor
    admin = create_engine(pg_production_db.url.replace("postgresql://", "postgresql+psycopg://"))
    try:
        with admin.begin() as conn:
            killed = conn.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    " WHERE datname = current_database() AND query LIKE 'LISTEN%'"
                )
            ).all()
    finally:
        admin.dispose()
    assert killed == [(True,)]
    cards = workbench.dashboard.view.cards
    before = shown_counts(workbench)[NamedQueue.PENDING_ACCEPT]
    # Whether this NOTIFY is lost or not, the reconnect reports an unknown change: a refresh.
    seed.register_case(pg_production_db.url, pg_production_db.county_id, "X00001")
    qtbot.waitUntil(lambda: cards[NamedQueue.PENDING_ACCEPT].count == before + 1, timeout=10_000)
    qtbot.waitUntil(lambda: monitor.uses_socket and not monitor._polling, timeout=10_000)
    # This one can only arrive through the new connection's socket.
    seed.register_case(pg_production_db.url, pg_production_db.county_id, "X00002")
    qtbot.waitUntil(lambda: cards[NamedQueue.PENDING_ACCEPT].count == before + 2, timeout=10_000)


def test_sign_out_asks_gives_back_the_claims_and_returns_to_sign_in(qtbot, launch, production_db):
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QMessageBox

    from desktop.domain.enums import EventKind
    from tests.ui.test_case_dialogs import activate, press, type_text

    engine = create_engine(f"sqlite:///{production_db.path}")
    with engine.begin() as conn:
        users = dict(conn.execute(text("SELECT username, id FROM users")).all())
        # The seed gives chief one claim (T00003); chief takes T00001 too, clerk T00002.
        conn.execute(text("UPDATE cases SET claimed_by_id = :u, claimed_at = updated_at"
                          " WHERE number IN ('T00001', 'T00003')"), {"u": users["chief"]})  # fmt: skip
        conn.execute(text("UPDATE cases SET claimed_by_id = :u, claimed_at = updated_at"
                          " WHERE number = 'T00002'"), {"u": users["clerk"]})  # fmt: skip

    def claims() -> dict[str, str]:
        with engine.connect() as conn:
            return dict(conn.execute(text(
                "SELECT c.number, u.username FROM cases c JOIN users u ON u.id = c.claimed_by_id"
            )).all())  # fmt: skip

    def notes() -> int:
        with engine.connect() as conn:
            return conn.execute(text("SELECT count(*) FROM case_events WHERE kind = 'note'")
                                ).scalar_one()  # fmt: skip

    assert claims() == {"T00001": "chief", "T00002": "clerk", "T00003": "chief"}
    notes_before = notes()
    startup, workbench = launch(production_db.url)
    with engine.connect() as conn:
        case_id = conn.execute(text("SELECT id FROM cases WHERE number = 'T00003'")).scalar_one()
    controller = workbench.case_tabs.open_case(case_id)
    qtbot.waitUntil(lambda: controller.loaded is not None, timeout=10_000)
    dialog = press(qtbot, controller, EventKind.NOTE)
    type_text(dialog.rows["note"], "还没保存的记录")
    keys = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier

    # Ctrl+Shift+L asks first (an action window is open); Esc keeps everything.
    activate(workbench.window.nav_list)
    QTest.keyClick(workbench.window.nav_list, Qt.Key.Key_L, keys)
    qtbot.waitUntil(lambda: workbench.sign_out_box is not None, timeout=5_000)
    box = workbench.sign_out_box
    assert "打开的操作窗口" in box.text() and "1" in box.text()
    QTest.keyClick(box, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: workbench.sign_out_box is None, timeout=5_000)
    assert dialog.isVisible() and dialog.rows["note"].toPlainText() == "还没保存的记录"
    assert claims() == {"T00001": "chief", "T00002": "clerk", "T00003": "chief"}

    # The button asks again; 退出登录 closes the cases, gives chief's claims back, and the
    # sign-in dialog shows again.
    QTest.mouseClick(workbench.window.sign_out_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: workbench.sign_out_box is not None, timeout=5_000)
    with qtbot.waitSignal(workbench.sig_signed_out, timeout=10_000):
        yes = workbench.sign_out_box.button(QMessageBox.StandardButton.Yes)
        assert yes.text() == "退出登录"
        QTest.mouseClick(yes, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: startup.login is not None and startup.login.view.isVisible(),
                    timeout=10_000)  # fmt: skip
    assert startup.workbench is None
    assert claims() == {"T00002": "clerk"}  # only chief's were given back
    assert notes() == notes_before  # the dialog was never confirmed: nothing sent
    engine.dispose()

    # Signing in again works on the same database.
    login = startup.login
    qtbot.keyClicks(login.view.username_edit, "chief")
    qtbot.keyClicks(login.view.password_edit, seed.PASSWORD)
    with qtbot.waitSignal(startup.sig_workbench_opened, timeout=10_000):
        qtbot.mouseClick(login.view.login_button, Qt.MouseButton.LeftButton)
    assert startup.workbench.principal.username == "chief"


def test_quitting_with_an_open_action_window_asks_first(qtbot, launch, production_db):
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QMessageBox

    from desktop.domain.enums import EventKind
    from tests.ui.test_case_dialogs import press, type_text

    startup, workbench = launch(production_db.url)
    engine = create_engine(f"sqlite:///{production_db.path}")
    with engine.connect() as conn:
        case_id = conn.execute(text("SELECT id FROM cases WHERE number = 'T00001'")).scalar_one()
    engine.dispose()
    controller = workbench.case_tabs.open_case(case_id)
    qtbot.waitUntil(lambda: controller.loaded is not None, timeout=10_000)
    dialog = press(qtbot, controller, EventKind.NOTE)
    type_text(dialog.rows["note"], "写了一半")
    finished = []
    startup.sig_finished.connect(finished.append)
    workbench.window.close()
    qtbot.waitUntil(lambda: workbench.quit_box is not None, timeout=5_000)
    assert workbench.window.isVisible() and "打开的操作窗口" in workbench.quit_box.text()
    QTest.keyClick(workbench.quit_box, Qt.Key.Key_Escape)  # Cancel: nothing is lost
    qtbot.waitUntil(lambda: workbench.quit_box is None, timeout=5_000)
    assert workbench.window.isVisible() and dialog.rows["note"].toPlainText() == "写了一半"
    assert finished == []
    workbench.window.close()
    qtbot.waitUntil(lambda: workbench.quit_box is not None, timeout=5_000)
    with qtbot.waitSignal(startup.sig_finished, timeout=10_000) as done:
        yes = workbench.quit_box.button(QMessageBox.StandardButton.Yes)
        assert yes.text() == "退出"
        QTest.mouseClick(yes, Qt.MouseButton.LeftButton)
    assert done.args == [0]


def test_an_action_confirmed_while_the_database_is_away_is_sent_after_its_window_closed(
    qtbot, launch, production_db, runner
):
    """The session's outbox keeps the action; the status bar counts it and says it was sent."""
    from PySide6.QtTest import QTest

    from desktop.db.engine import make_engine, make_session_factory
    from desktop.domain.enums import EventKind
    from tests.ui.test_case_dialogs import CTRL, activate, press, type_text

    startup, workbench = launch(production_db.url)
    engine = create_engine(f"sqlite:///{production_db.path}")
    with engine.connect() as conn:
        case_id = conn.execute(text("SELECT id FROM cases WHERE number = 'T00001'")).scalar_one()
    controller = workbench.case_tabs.open_case(case_id)
    qtbot.waitUntil(lambda: controller.loaded is not None, timeout=10_000)
    dialog = press(qtbot, controller, EventKind.NOTE)
    type_text(dialog.rows["note"], "数据库回来后发出")
    # The database goes away: nothing listens on port 1, every connection is refused.
    here = runner.session_factory
    away = make_engine("postgresql+psycopg://postgres@127.0.0.1:1/govdesk")
    runner.session_factory = make_session_factory(away)
    try:
        activate(dialog)
        QTest.keyClick(dialog, Qt.Key.Key_Return, CTRL)
        qtbot.waitUntil(dialog.error_label.isVisible, timeout=10_000)
        assert "即使关闭本窗口" in dialog.error_label.text()
        waiting = workbench.window.outbox_label
        assert waiting.isVisible() and waiting.text() == "待数据库恢复后提交的操作：1"
        QTest.keyClick(dialog, Qt.Key.Key_Escape)  # the user closes the window meanwhile
        qtbot.waitUntil(lambda: controller.dialog is None, timeout=5_000)
    finally:
        runner.session_factory = here
        away.dispose()
    workbench.outbox.retry_now()  # what the change monitor's "answers again" does
    bar = workbench.window.statusBar()
    qtbot.waitUntil(lambda: "已提交" in bar.currentMessage(), timeout=10_000)
    assert bar.currentMessage() == "数据库已恢复，已提交：T00001 处置记录"
    assert not waiting.isVisible()
    with engine.connect() as conn:
        notes = conn.execute(text("SELECT note FROM case_events WHERE case_id = :c"
                                  " AND kind = 'note'"), {"c": case_id}).scalars().all()  # fmt: skip
    engine.dispose()
    assert notes == ["数据库回来后发出"]
