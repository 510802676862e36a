"""Learns that other seats changed cases: a socket notifier on PostgreSQL, a timer on SQLite."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QSocketNotifier, QTimer, Signal

from ui.tasks import TaskRunner

log = logging.getLogger(__name__)

POLL_INTERVAL_MS = 500  # SQLite: PRAGMA data_version is cheap; a change shows within 2 s


def _open(engine):
    from desktop.db.notify import open_watcher

    return open_watcher(engine)


def _poll_topics(watcher) -> tuple[bool, bool]:
    """(anything changed, the roster may have changed); on the database worker."""
    changed = watcher.poll()
    return changed, changed and watcher.roster_changed()


class ChangeMonitor(QObject):
    """Wraps desktop.db.notify's ChangeWatcher; every call to it runs on the database worker."""

    sig_cases_changed = Signal()
    """Another seat changed cases since the last look."""
    sig_roster_changed = Signal()
    """Someone checked in or out, or a rota was generated (the roster topic)."""

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

    def start(self) -> None:
        self._runner.call(_open, self._engine).owned_by(self).success(
            self._on_watcher_opened
        ).failure(self._on_watcher_failed).run()

    def stop(self) -> None:
        self._stopped = True
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
                self._timer.setInterval(self._interval_ms)
                self._timer.timeout.connect(self._on_timer_timeout)
            self._timer.start()
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

    def _poll(self) -> None:
        if self._polling or self._watcher is None:
            return
        self._polling = True
        self._runner.call(_poll_topics, self._watcher).owned_by(self).success(
            self._on_poll_done
        ).failure(
            self._on_poll_failed
        ).finally_(self._on_poll_finished).run()

    def _on_poll_done(self, result: tuple[bool, bool]) -> None:
        changed, roster = result
        self._failures = 0
        if changed:
            self.sig_cases_changed.emit()
        if roster:
            self.sig_roster_changed.emit()

    def _on_poll_failed(self, exc: BaseException) -> None:
        self._failures += 1
        if self._failures in (1, 60):  # once, and again if it lasts a minute
            log.warning("polling for changes failed (%d times): %s", self._failures, exc)

    def _on_poll_finished(self) -> None:
        self._polling = False
        if self._watcher is not None and not self._stopped:
            self._arm()
