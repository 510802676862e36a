"""The cyclic garbage collector runs on the GUI thread while no worker runs.

Seen here: PySide6 6.12 aborted inside the collector when it ran on the GUI thread beside a
database worker (the roster rules UI tests, on Python 3.11 and on 3.12; the cause in PySide
is not pinned down). Reference counting still frees almost everything at once; only
reference cycles wait for the idle moments this collector picks.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

from ui.tasks import TaskRunner

LOOK_MS = 5_000  # how often to look for an idle moment
LONGEST_WAIT_LOOKS = 24  # after two minutes of constant work, collect anyway (memory)


class IdleCollector(QObject):
    def __init__(self, runner: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._looks = 0
        self._timer = QTimer(self)
        self._timer.setInterval(LOOK_MS)
        self._timer.timeout.connect(self._on_timer_timeout)

    def start(self) -> None:
        gc.disable()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        gc.enable()

    def _on_timer_timeout(self) -> None:
        self._looks += 1
        if self._runner.busy and self._looks < LONGEST_WAIT_LOOKS:
            return
        self._looks = 0
        gc.collect()
