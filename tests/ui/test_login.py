"""The sign-in dialog: refusals in plain Chinese, lockout minutes, the forced password change."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import text

from desktop.errors import GovDeskError
from desktop.labels import describe
from desktop.services import accounts
from tests.ui import seed
from ui.login.controller import LoginController


@pytest.fixture
def login(db_runner, database):
    controller = LoginController(db_runner, database)
    controller.start()
    yield controller
    controller.close()


def sign_in(qtbot, view, username: str, password: str) -> None:
    view.username_edit.clear()
    view.password_edit.clear()
    qtbot.keyClicks(view.username_edit, username)
    qtbot.keyClicks(view.password_edit, password)
    qtbot.mouseClick(view.login_button, Qt.MouseButton.LeftButton)


def wait_answer(qtbot, view) -> str:
    """Wait until the worker's answer is back: the button is usable and a message shows."""
    qtbot.waitUntil(lambda: view.login_button.isEnabled() and view.error_label.isVisible())
    return view.error_label.text()


def test_wrong_password_shows_message_and_keeps_the_user_name(qtbot, login):
    view = login.view
    sign_in(qtbot, view, "chief", "not-the-password")
    message = wait_answer(qtbot, view)
    assert message == describe(GovDeskError("auth.bad_credentials"))
    assert "密码" in message
    assert view.username_edit.text() == "chief"
    assert view.password_edit.text() == ""
    assert view.isVisible()


def test_unknown_user_gets_the_same_message(qtbot, login):
    sign_in(qtbot, login.view, "nobody", "whatever")
    assert wait_answer(qtbot, login.view) == describe(GovDeskError("auth.bad_credentials"))


def test_lockout_after_repeated_failures_shows_minutes(qtbot, login):
    view = login.view
    minutes = int(accounts.LOCKOUT.total_seconds() // 60)
    for _ in range(accounts.MAX_FAILED_ATTEMPTS - 1):
        sign_in(qtbot, view, "chief", "wrong")
        assert wait_answer(qtbot, view) == describe(GovDeskError("auth.bad_credentials"))
        view.error_label.hide()
    sign_in(qtbot, view, "chief", "wrong")
    message = wait_answer(qtbot, view)
    assert message == describe(GovDeskError("auth.locked", minutes=minutes))
    assert f"{minutes} 分钟" in message
    # Locked means locked: the right password is refused too, with the minutes left.
    view.error_label.hide()
    sign_in(qtbot, view, "chief", seed.PASSWORD)
    assert "分钟" in wait_answer(qtbot, view)


def test_inactive_account_is_refused(qtbot, login):
    sign_in(qtbot, login.view, "retired", seed.PASSWORD)
    assert wait_answer(qtbot, login.view) == describe(GovDeskError("auth.inactive"))


def test_empty_fields_are_caught_before_asking_the_database(qtbot, login):
    qtbot.mouseClick(login.view.login_button, Qt.MouseButton.LeftButton)
    assert login.view.error_label.text() == "请输入用户名。"


def test_right_password_signs_in(qtbot, login):
    with qtbot.waitSignal(login.sig_signed_in, timeout=10_000) as signed:
        sign_in(qtbot, login.view, "chief", seed.PASSWORD)
    assert signed.args[0].display_name == "巴特尔·朝鲁"
    assert not login.view.isVisible()


def test_forced_password_change(qtbot, login, database):
    sign_in(qtbot, login.view, "newbie", seed.PASSWORD)
    qtbot.waitUntil(lambda: login.password_view is not None and login.password_view.isVisible())
    change = login.password_view
    assert not login.view.isVisible()
    assert change.windowTitle() == "修改密码"

    qtbot.keyClicks(change.new_edit, "Abcdef#2026")
    qtbot.keyClicks(change.confirm_edit, "Abcdef#2027")
    qtbot.mouseClick(change.save_button, Qt.MouseButton.LeftButton)
    assert change.error_label.text() == "两次输入的密码不一致，请重新输入。"

    change.new_edit.setText("short")
    change.confirm_edit.setText("short")
    qtbot.mouseClick(change.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "至少" in change.error_label.text() and change.save_button.isEnabled())
    assert change.error_label.text() == describe(
        GovDeskError("auth.password_too_short", min=accounts.MIN_PASSWORD_LENGTH)
    )

    change.new_edit.setText("Abcdef#2026")
    change.confirm_edit.setText("Abcdef#2026")
    with qtbot.waitSignal(login.sig_signed_in, timeout=10_000) as signed:
        qtbot.mouseClick(change.save_button, Qt.MouseButton.LeftButton)
    assert signed.args[0].username == "newbie"
    with database.engine.connect() as conn:
        flag = conn.execute(
            text("SELECT must_change_password FROM users WHERE username = 'newbie'")
        ).scalar_one()
    assert not flag


def test_cancelling_the_forced_change_returns_to_sign_in(qtbot, login):
    sign_in(qtbot, login.view, "newbie", seed.PASSWORD)
    qtbot.waitUntil(lambda: login.password_view is not None and login.password_view.isVisible())
    qtbot.mouseClick(login.password_view.cancel_button, Qt.MouseButton.LeftButton)
    assert login.view.isVisible()
    assert login.password_view is None
    assert login.view.error_label.text() == "必须先设置新密码才能继续使用。"
