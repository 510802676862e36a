"""The unreachable-database dialog: names the database, hides the password, Retry/Settings."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop import settings as app_settings
from ui.connect.controller import ConnectController

BAD_URL = "postgresql://u:secret@127.0.0.1:1/x"


@pytest.fixture
def connector(runner):
    made: list[ConnectController] = []

    def _make(url: str) -> ConnectController:
        controller = ConnectController(runner, url)
        made.append(controller)
        controller.start()
        return controller

    yield _make
    for controller in made:
        controller.close()


def visible_texts(widget) -> str:
    from PySide6.QtWidgets import QAbstractButton, QLabel

    parts = [widget.windowTitle()]
    parts += [w.text() for w in widget.findChildren(QLabel)]
    parts += [w.text() for w in widget.findChildren(QAbstractButton)]
    return "\n".join(parts)


def wait_failed(qtbot, controller) -> None:
    view = controller.view
    qtbot.waitUntil(lambda: view.isVisible() and view.retry_button.isEnabled(), timeout=15_000)


def test_unreachable_dialog_names_the_database_without_its_password(qtbot, connector):
    controller = connector(BAD_URL)
    wait_failed(qtbot, controller)
    view = controller.view
    shown = visible_texts(view)
    assert "secret" not in shown
    assert "127.0.0.1" in view.url_label.text()
    assert view.url_label.text() == "postgresql://u:***@127.0.0.1:1/x"
    assert view.retry_button.text() == "重试"
    assert view.settings_button.text() == "设置…"
    assert view.title_label.text() == "无法连接数据库"
    assert "Traceback" not in shown


def test_retry_tries_again(qtbot, connector):
    controller = connector(BAD_URL)
    wait_failed(qtbot, controller)
    qtbot.mouseClick(controller.view.retry_button, Qt.MouseButton.LeftButton)
    assert not controller.view.retry_button.isEnabled()  # "Connecting…" while it tries
    wait_failed(qtbot, controller)


def test_settings_saves_another_url_and_connects(
    qtbot, connector, production_db, tmp_path, monkeypatch
):
    monkeypatch.setenv(app_settings.ENV_HOME, str(tmp_path))
    controller = connector(BAD_URL)
    wait_failed(qtbot, controller)
    qtbot.mouseClick(controller.view.settings_button, Qt.MouseButton.LeftButton)
    url_view = controller.url_view
    qtbot.waitUntil(url_view.isVisible)
    assert url_view.url_edit.text() == "postgresql://u@127.0.0.1:1/x"  # never the password
    url_view.url_edit.setText(production_db.url)
    with qtbot.waitSignal(controller.sig_connected, timeout=10_000) as connected:
        url_view.accept()
    database = connected.args[0]
    try:
        assert database.url == production_db.url
        assert not database.training
        assert app_settings.load_file()["database_url"] == production_db.url
        assert not controller.view.isVisible()
    finally:
        database.engine.dispose()


def test_quit_abandons(qtbot, connector):
    controller = connector(BAD_URL)
    wait_failed(qtbot, controller)
    with qtbot.waitSignal(controller.sig_abandoned):
        qtbot.mouseClick(controller.view.quit_button, Qt.MouseButton.LeftButton)


def test_an_empty_database_says_how_to_fill_it(qtbot, connector, tmp_path):
    controller = connector(f"sqlite:///{tmp_path / 'empty.sqlite'}")
    wait_failed(qtbot, controller)
    assert "govdesk demo" in controller.view.message_label.text()
