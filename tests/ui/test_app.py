"""The bootstrap: environment, log file, error hooks, and run() ending cleanly."""

from __future__ import annotations

import logging
import os
import sys
import threading

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from desktop import settings as app_settings
from desktop.settings import Settings
from ui import app as ui_app
from ui import logs
from ui.connect.view import UnreachableView
from ui.startup import EXIT_NO_DATABASE


@pytest.fixture
def hooks_restored(monkeypatch):
    # monkeypatch puts back whatever is there now once the test ends
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    yield
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, "_govdesk", False)]:
        root.removeHandler(handler)
        handler.close()


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="root only")
def test_webengine_sandbox_is_off_for_root(monkeypatch):
    monkeypatch.delenv("QTWEBENGINE_DISABLE_SANDBOX", raising=False)
    ui_app.prepare_environment()
    assert os.environ["QTWEBENGINE_DISABLE_SANDBOX"] == "1"
    assert "PySide6.QtWebEngineWidgets" in sys.modules


def test_uncaught_errors_are_logged_and_shown_only_on_the_gui_thread(
    qtbot, tmp_path, hooks_restored
):
    path = logs.setup_logging(tmp_path)
    logs.install_excepthooks()

    def boxes():
        return [w for w in QApplication.topLevelWidgets() if isinstance(w, logs.UnexpectedErrorBox)]

    worker = threading.Thread(target=lambda: 1 / 0, name="worker-for-test")
    worker.start()
    worker.join()
    assert boxes() == []

    try:
        raise ValueError("写入日志的中文")
    except ValueError:
        sys.excepthook(*sys.exc_info())
    shown = [b for b in boxes() if b.isVisible()]
    assert len(shown) == 1
    assert shown[0].windowTitle() == "意外错误"
    shown[0].close()

    for handler in logging.getLogger().handlers:
        handler.flush()
    text = path.read_text(encoding="utf-8")
    assert "ZeroDivisionError" in text and "worker-for-test" in text
    assert "写入日志的中文" in text


def test_run_ends_with_a_code_when_the_user_gives_up(qtbot, tmp_path, monkeypatch, hooks_restored):
    monkeypatch.setenv(app_settings.ENV_HOME, str(tmp_path))

    def quit_when_asked():
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, UnreachableView) and widget.retry_button.isEnabled():
                if widget.isVisible():
                    widget.quit_button.click()
                    return
        QTimer.singleShot(50, quit_when_asked)

    QTimer.singleShot(0, quit_when_asked)
    code = ui_app.run(Settings(database_url="postgresql://u:secret@127.0.0.1:1/x"))
    assert code == EXIT_NO_DATABASE
    log_text = (app_settings.log_dir() / logs.LOG_NAME).read_text(encoding="utf-8")
    assert "GovDesk ended with exit code 3" in log_text
    assert "secret" not in log_text
