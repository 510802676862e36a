"""Connects on the database worker; on failure shows UnreachableView until it works or the
user quits."""

from __future__ import annotations

import logging

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QDialog

from desktop import settings as app_settings
from desktop.errors import GovDeskError
from ui.connect.database import Database, NotInitialised, open_database
from ui.connect.view import DatabaseUrlView, UnreachableView
from ui.tasks import TaskRunner
from ui.text import describe, safe_url

log = logging.getLogger(__name__)

SHOW_BUSY_AFTER_MS = 700  # a slow server gets a visible "Connecting…" instead of nothing
UNREACHABLE = "db.unreachable"


class ConnectController(QObject):
    sig_connected = Signal(object)
    """The database is open (a ui.connect.database.Database)."""
    sig_abandoned = Signal()
    """The user gave up (Quit or closed the dialog)."""

    def __init__(self, runner: TaskRunner, url: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._url = url
        self._busy = False
        self._abandoned = False
        self.view = UnreachableView()
        self.view.retry_button.clicked.connect(self._on_retry_clicked)
        self.view.settings_button.clicked.connect(self._on_settings_clicked)
        self.view.quit_button.clicked.connect(self.view.reject)
        self.view.rejected.connect(self._on_view_rejected)
        self._busy_timer = QTimer(self)
        self._busy_timer.setSingleShot(True)
        self._busy_timer.setInterval(SHOW_BUSY_AFTER_MS)
        self._busy_timer.timeout.connect(self._on_busy_timer_timeout)
        self.url_view: DatabaseUrlView | None = None

    @property
    def url(self) -> str:
        return self._url

    def start(self) -> None:
        self._attempt()

    def close(self) -> None:
        """Close the dialogs; safe to call twice."""
        self._abandoned = True
        self._busy_timer.stop()
        if self.url_view is not None and shiboken6.isValid(self.url_view):
            self.url_view.close()
        if not shiboken6.isValid(self.view):
            return
        self.view.blockSignals(True)
        self.view.close()
        self.view.deleteLater()

    def _attempt(self) -> None:
        self._busy = True
        self.view.url_label.setText(safe_url(self._url))
        if self.view.isVisible():
            self.view.set_busy(True)
        else:
            self._busy_timer.start()
        self._runner.call(open_database, self._url).owned_by(self).success(
            self._on_open_succeeded
        ).failure(self._on_open_failed).run()

    def _on_busy_timer_timeout(self) -> None:
        if self._busy:
            self.view.message_label.setText(self.tr("Connecting to the database…"))
            self.view.set_busy(True)
            self.view.show()

    def _on_open_succeeded(self, database: Database) -> None:
        if self._abandoned:
            database.engine.dispose()
            return
        self._busy = False
        self._busy_timer.stop()
        self.view.hide()
        self.sig_connected.emit(database)

    def _on_open_failed(self, exc: BaseException) -> None:
        if self._abandoned:
            return
        self._busy = False
        self._busy_timer.stop()
        self.view.message_label.setText(self._message(exc))
        self.view.set_busy(False)
        self.view.show()
        self.view.raise_()
        self.view.activateWindow()

    def _message(self, exc: BaseException) -> str:
        if isinstance(exc, NotInitialised):
            return self.tr(
                "The database answers but holds no GovDesk data yet. Create the training "
                "county with “govdesk demo”, or the tables with “govdesk db upgrade”."
            )
        if isinstance(exc, GovDeskError) and exc.code != UNREACHABLE:
            return describe(exc)
        # The title and the URL line already name the database; driver messages may quote
        # the URL with its password: log them, show only a plain sentence.
        log.warning("opening the database failed: %s", exc, exc_info=exc.__cause__ or exc)
        return self.tr(
            "The database did not answer. Check that the server is running and that the "
            "address is right, then retry."
        )

    def _on_retry_clicked(self) -> None:
        self._attempt()

    def _on_settings_clicked(self) -> None:
        self.url_view = DatabaseUrlView(app_settings.strip_password(self._url), self.view)
        self.url_view.finished.connect(self._on_url_view_finished)
        self.url_view.open()

    def _on_url_view_finished(self, result: int) -> None:
        view, self.url_view = self.url_view, None
        url = view.url() if view is not None else ""
        if view is not None:
            view.deleteLater()
        if result != QDialog.DialogCode.Accepted or not url:
            return
        try:
            values = app_settings.load_file()
            values["database_url"] = url
            app_settings.save_file(values)
        except Exception as exc:  # a bad URL must not end the app; it fails to connect instead
            log.warning("could not save the database URL: %s", exc)
        self._url = url
        self._attempt()

    def _on_view_rejected(self) -> None:
        self._abandoned = True
        self._busy_timer.stop()
        self.sig_abandoned.emit()
