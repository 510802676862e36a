"""Keeps the queue cards current: on start, on 刷新, when other seats change cases, and every
minute (deadlines turn yellow and red with time alone)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.clock import to_local
from desktop.domain.enums import NamedQueue
from desktop.domain.principal import Principal
from desktop.errors import GovDeskError
from ui.dashboard.view import DashboardView
from ui.tasks import TaskRunner
from ui.text import describe
from ui.watch import ChangeMonitor

log = logging.getLogger(__name__)

TICK_MS = 60_000


@dataclass(frozen=True)
class QueueCounts:
    counts: dict[NamedQueue, int]
    now: datetime  # the database clock's "now" the counts hold for


def load_counts(session, principal: Principal) -> QueueCounts:
    """Database worker only."""
    from desktop.services.meta import clock_for
    from desktop.services.queues import count_queues

    with session.begin():
        now = clock_for(session).now()
        return QueueCounts(count_queues(session=session, principal=principal, now=now), now)


class DashboardController(QObject):
    sig_counts_changed = Signal(object)
    """Fresh counts arrived (a QueueCounts)."""
    sig_queue_requested = Signal(str)
    """The user wants to open a queue (a NamedQueue value)."""

    def __init__(
        self,
        runner: TaskRunner,
        principal: Principal,
        view: DashboardView,
        monitor: ChangeMonitor | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._principal = principal
        self.view = view
        self._loading = False
        self._stale = False
        self.last: QueueCounts | None = None
        view.set_user(principal.display_name)
        view.refresh_button.clicked.connect(self._on_refresh_button_clicked)
        view.sig_queue_requested.connect(self.sig_queue_requested)
        if monitor is not None:
            monitor.sig_cases_changed.connect(self._on_monitor_cases_changed)
        self._tick = QTimer(self)
        self._tick.setInterval(TICK_MS)
        self._tick.timeout.connect(self._on_tick_timeout)

    def start(self) -> None:
        self._tick.start()
        self.refresh()

    def stop(self) -> None:
        self._tick.stop()

    def refresh(self) -> None:
        """Count again; a request during a count runs once more after it, never in parallel."""
        if self._loading:
            self._stale = True
            return
        self._loading = True
        self._stale = False
        self.view.set_busy(True)
        self._runner.db(load_counts, self._principal).owned_by(self.view).success(
            self._on_counts_loaded
        ).failure(self._on_counts_failed).finally_(self._on_count_finished).run()

    def _on_counts_loaded(self, result: QueueCounts) -> None:
        self.last = result
        stamp = to_local(result.now).strftime("%Y-%m-%d %H:%M:%S")
        self.view.show_counts(result.counts, stamp)
        self.sig_counts_changed.emit(result)

    def _on_counts_failed(self, exc: BaseException) -> None:
        if isinstance(exc, GovDeskError):
            text = describe(exc)
        else:
            log.error("counting the queues failed", exc_info=exc)
            text = self.tr("The queue counts could not be loaded. The details are in the log.")
        self.view.show_error(text)

    def _on_count_finished(self) -> None:
        self._loading = False
        self.view.set_busy(False)
        if self._stale:
            self.refresh()

    def _on_refresh_button_clicked(self) -> None:
        self.refresh()

    def _on_monitor_cases_changed(self) -> None:
        self.refresh()

    def _on_tick_timeout(self) -> None:
        self.refresh()
