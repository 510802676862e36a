"""One UTF-8 rotating log file; uncaught errors are logged always, shown only on the GUI thread."""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QThread
from PySide6.QtWidgets import QApplication, QMessageBox

log = logging.getLogger("ui")

LOG_NAME = "govdesk.log"
MAX_BYTES = 2_000_000
BACKUPS = 5


def setup_logging(folder: Path, level: int = logging.INFO) -> Path:
    path = folder / LOG_NAME
    root = logging.getLogger()
    if not any(getattr(h, "_govdesk", False) for h in root.handlers):
        handler = RotatingFileHandler(
            path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
        )
        handler.setFormatter(
            logging.Formatter("%(asctime)s %(levelname)s [%(threadName)s] %(name)s: %(message)s")
        )
        handler._govdesk = True  # type: ignore[attr-defined]
        root.addHandler(handler)
    root.setLevel(level)
    return path


def on_gui_thread() -> bool:
    app = QCoreApplication.instance()
    return app is not None and QThread.currentThread() is app.thread()


def _excepthook(exc_type, exc, tb) -> None:
    log.critical("uncaught error", exc_info=(exc_type, exc, tb))
    if on_gui_thread() and isinstance(QApplication.instance(), QApplication):
        show_unexpected_error(exc, "".join(traceback.format_exception(exc_type, exc, tb)))


def _thread_excepthook(args: threading.ExceptHookArgs) -> None:
    # Never a dialog from a worker thread: Qt widgets belong to the GUI thread.
    log.critical(
        "uncaught error in thread %s",
        args.thread.name if args.thread else "?",
        exc_info=(args.exc_type, args.exc_value, args.exc_traceback),
    )


def install_excepthooks() -> None:
    sys.excepthook = _excepthook
    threading.excepthook = _thread_excepthook


class UnexpectedErrorBox(QMessageBox):
    """A plain apology with the log's whereabouts; the traceback only under 'Show Details'."""

    def __init__(self, exc: BaseException, details: str = "", parent=None) -> None:
        super().__init__(parent)
        self.setIcon(QMessageBox.Icon.Critical)
        self.setWindowTitle(self.tr("Unexpected error"))
        self.setText(self.tr("Something went wrong. The details were written to the log file."))
        self.setInformativeText(type(exc).__name__)
        if details:
            self.setDetailedText(details)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)


_open_boxes: list[QMessageBox] = []  # keep a parentless box alive while it shows


def show_unexpected_error(exc: BaseException, details: str = "", parent=None) -> None:
    box = UnexpectedErrorBox(exc, details, parent)
    _open_boxes.append(box)
    box.finished.connect(lambda _result: _open_boxes.remove(box))
    box.open()
