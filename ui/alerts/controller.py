"""Loads the user's alerts on the read worker, fills the bell's menu, opens a case, reads all.

Refreshed when another seat changes cases and every minute (a deadline drawing near is a
change of time, not of data)."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.clock import to_local
from desktop.domain.principal import Principal
from ui.alerts.bell import AlertBell
from ui.tasks import TaskRunner
from ui.text import label

log = logging.getLogger(__name__)
REFRESH_MS = 60_000


def load_alerts(session, principal: Principal):
    """Read worker."""
    from desktop.services.alerts import alerts_for

    return alerts_for(session=session, principal=principal)


def mark_read(session, principal: Principal) -> None:
    """Database worker."""
    from desktop.services.alerts import mark_all_read

    with session.begin():
        mark_all_read(session=session, principal=principal)


class AlertsController(QObject):
    sig_case_requested = Signal(int)
    """An alert was clicked: open its case."""
    sig_alerts_shown = Signal(int)
    """The bell shows this many alerts (after a load)."""

    def __init__(
        self, runner: TaskRunner, principal: Principal, bell: AlertBell, monitor=None, parent=None
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._principal = principal
        self.bell = bell
        self.alerts = None
        self._loading = False
        self._again = False
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        if monitor is not None:
            monitor.sig_cases_changed.connect(self.refresh)

    def start(self) -> None:
        self._timer.start()
        self.refresh()

    def stop(self) -> None:
        self._timer.stop()

    def refresh(self) -> None:
        if self._loading:
            self._again = True
            return
        self._loading = True
        self._runner.read(load_alerts, self._principal).owned_by(self.bell).success(
            self._on_loaded
        ).failure(lambda exc: log.warning("alerts not loaded: %s", exc)).finally_(
            self._on_load_finished
        ).run()

    def read_all(self) -> None:
        """全部已读: the marker moves to now on every seat of the user."""
        self._runner.db(mark_read, self._principal).owned_by(self.bell).success(
            lambda _none: self.refresh()
        ).failure(lambda exc: log.warning("alerts not marked read: %s", exc)).run()

    def _on_load_finished(self) -> None:
        self._loading = False
        if self._again:
            self._again = False
            self.refresh()

    def _on_loaded(self, alerts) -> None:
        self.alerts = alerts
        self.bell.show_count(alerts.count)
        menu = self.bell.menu_
        menu.clear()
        if not alerts.items:
            empty = menu.addAction(self.tr("Nothing needs you now."))
            empty.setEnabled(False)
        for alert in alerts.items:
            when = to_local(alert.at).strftime("%m-%d %H:%M")
            text = f"{label('alert_kind', alert.kind)} · {alert.number} {alert.title} · {when}"
            action = menu.addAction(text.replace("&", "&&"))  # user text is inert
            action.triggered.connect(
                lambda _c=False, i=alert.case_id: self.sig_case_requested.emit(i)
            )
        menu.addSeparator()
        read = menu.addAction(self.tr("Mark all as read"))
        read.setObjectName("markAllRead")
        read.setEnabled(bool(alerts.items))
        read.triggered.connect(self.read_all)
        self.sig_alerts_shown.emit(alerts.count)
