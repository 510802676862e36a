"""Learns that other seats changed cases: a socket notifier on PostgreSQL, a timer on SQLite."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from PySide6.QtCore import QObject, QSocketNotifier, QTimer, Signal

from ui.tasks import TaskRunner

log = logging.getLogger(__name__)

POLL_INTERVAL_MS = 500  # SQLite: PRAGMA data_version is cheap; a change shows within 2 s


def _open(engine):
    from desktop.db.notify import open_watcher

    return open_watcher(engine)


HEARTBEAT_MS = 5000  # PostgreSQL: ask the server this often, or a cut cable goes unnoticed
MAX_BACKOFF_MS = 30_000  # reconnecting: the wait doubles up to this


def _poll_topics(watcher, ping: bool = False) -> tuple[bool, bool, bool]:
    """(anything changed, the roster may have changed, connected); on the database worker."""
    if ping:
        watcher.ping()
    changed = watcher.poll()
    return changed, changed and watcher.roster_changed(), watcher.connected


class ChangeMonitor(QObject):
    """Wraps desktop.db.notify's ChangeWatcher; every call to it runs on the database worker."""

    sig_cases_changed = Signal()
    """Another seat changed cases since the last look."""
    sig_roster_changed = Signal()
    """Someone checked in or out, or a rota was generated (the roster topic)."""
    sig_connection_lost = Signal(object)
    """The database stopped answering; the moment of the last successful contact (UTC)."""
    sig_connection_restored = Signal()
    """The database answers again (everything shown may be stale: refresh)."""

    def __init__(
        self,
        runner: TaskRunner,
        engine,
        parent: QObject | None = None,
        interval_ms: int = POLL_INTERVAL_MS,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._engine = engine
        self._interval_ms = interval_ms
        self._watcher = None
        self._notifier: QSocketNotifier | None = None
        self._timer: QTimer | None = None
        self._polling = False
        self._stopped = False
        self._failures = 0
        self._lost = False
        self._backoff_ms = interval_ms
        self._heartbeat: QTimer | None = None
        self.last_contact: datetime | None = None  # UTC, the last poll that reached the database

    def start(self) -> None:
        self._runner.call(_open, self._engine).owned_by(self).success(
            self._on_watcher_opened
        ).failure(self._on_watcher_failed).run()

    @property
    def connected(self) -> bool:
        return not self._lost

    def stop(self) -> None:
        self._stopped = True
        if self._heartbeat is not None:
            self._heartbeat.stop()
        if self._timer is not None:
            self._timer.stop()
        if self._notifier is not None:
            self._notifier.setEnabled(False)
        watcher, self._watcher = self._watcher, None
        if watcher is not None:
            self._runner.call(watcher.close).failure(lambda exc: None).run()

    @property
    def uses_socket(self) -> bool:
        return self._notifier is not None

    def _on_watcher_opened(self, watcher) -> None:
        if self._stopped:
            self._runner.call(watcher.close).failure(lambda exc: None).run()
            return
        self._watcher = watcher
        self.last_contact = datetime.now(UTC)
        if watcher.fileno() is not None:
            self._heartbeat = QTimer(self)
            self._heartbeat.setInterval(HEARTBEAT_MS)
            self._heartbeat.timeout.connect(self._on_heartbeat_timeout)
            self._heartbeat.start()
        self._arm()

    def _arm(self) -> None:
        """Watch the socket if there is one, else poll on the timer.

        PostgreSQL's watcher reconnects inside poll() and then has a new socket; while the
        server is away it has none, and the timer keeps trying.
        """
        fd = self._watcher.fileno()
        if fd is None:
            if self._notifier is not None:
                self._notifier.setEnabled(False)
                self._notifier.deleteLater()
                self._notifier = None
            if self._timer is None:
                self._timer = QTimer(self)
                self._timer.timeout.connect(self._on_timer_timeout)
            # Away: try again after a wait that doubles (the server may be restarting).
            self._timer.start(self._backoff_ms if self._lost else self._interval_ms)
            return
        if self._timer is not None:
            self._timer.stop()
        if self._notifier is not None and self._notifier.socket() != fd:
            self._notifier.setEnabled(False)
            self._notifier.deleteLater()
            self._notifier = None
        if self._notifier is None:
            self._notifier = QSocketNotifier(fd, QSocketNotifier.Type.Read, self)
            self._notifier.activated.connect(self._on_notifier_activated)
        self._notifier.setEnabled(True)

    def _on_watcher_failed(self, exc: BaseException) -> None:
        log.warning("change notification unavailable: %s", exc)

    def _on_notifier_activated(self, *_args) -> None:
        # Quiet the notifier until the worker has drained the socket, or it fires in a loop.
        self._notifier.setEnabled(False)
        self._poll()

    def _on_timer_timeout(self) -> None:
        self._poll()

    def _on_heartbeat_timeout(self) -> None:
        self._poll(ping=True)

    def _poll(self, ping: bool = False) -> None:
        if self._polling or self._watcher is None:
            return
        self._polling = True
        self._runner.call(_poll_topics, self._watcher, ping).owned_by(self).success(
            self._on_poll_done
        ).failure(self._on_poll_failed).finally_(self._on_poll_finished).run()

    def _on_poll_done(self, result: tuple[bool, bool, bool]) -> None:
        changed, roster, connected = result
        self._failures = 0
        if not connected:
            self._connection_down()
            return
        self.last_contact = datetime.now(UTC)
        if self._lost:
            self._lost = False
            self._backoff_ms = self._interval_ms
            log.info("the database answers again")
            self.sig_connection_restored.emit()
        if changed:
            self.sig_cases_changed.emit()
        if roster:
            self.sig_roster_changed.emit()

    def _connection_down(self) -> None:
        if self._lost:
            self._backoff_ms = min(self._backoff_ms * 2, MAX_BACKOFF_MS)
            return
        self._lost = True
        log.warning("lost the database; last contact %s", self.last_contact)
        self.sig_connection_lost.emit(self.last_contact)

    def _on_poll_failed(self, exc: BaseException) -> None:
        self._connection_down()
        self._failures += 1
        if self._failures in (1, 60):  # once, and again if it lasts a minute
            log.warning("polling for changes failed (%d times): %s", self._failures, exc)

    def _on_poll_finished(self) -> None:
        self._polling = False
        if self._watcher is not None and not self._stopped:
            self._arm()
