"""Confirmed case actions on their way to the database, kept until it has answered.

The user was told that an action confirmed while the database is away will be sent by itself
once it is back; that promise must not depend on the dialog (or the case tab) staying open.
So the actions live here, one outbox per signed-in session (the Workbench owns it), and are
sent again with backoff, and at once when the change monitor says the database answers.
Every attempt carries the action's client id and the version the user saw: a retry whose
first reply was lost is recognised by the database and not applied twice.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal

from desktop.domain.enums import EventKind
from desktop.domain.principal import Principal
from ui.cases.detail import jobs
from ui.connection import connection_lost
from ui.tasks import TaskRunner

log = logging.getLogger(__name__)

RETRY_DELAYS_MS = (1000, 2000, 4000, 8000, 15000, 30000)  # while the database is away


@dataclass
class OutgoingAction:
    """One confirmed action: what to send, and how its attempts went."""

    action_id: str
    principal: Principal
    case_id: int
    kind: EventKind  # what the user asked for (the words shown)
    run_kind: EventKind  # the service that runs it (审批 may be a denial)
    version: int
    values: dict[str, Any]
    owner: QObject | None = None  # the dialog showing the outcome, while it is open
    words: str = ""  # for messages: the case number and the action, e.g. "#12 处置记录"
    attempts: int = 0
    waited: bool = False  # an attempt failed for want of the database
    sending: bool = False
    timer: QTimer | None = field(default=None, repr=False)

    def shown_by_owner(self) -> bool:
        """Whether its dialog is still open to show the outcome itself."""
        owner = self.owner
        return owner is not None and shiboken6.isValid(owner) and owner.isVisible()


class ActionOutbox(QObject):
    sig_sent = Signal(object, object)
    """An action was applied (OutgoingAction, the service's Change)."""
    sig_refused = Signal(object, object)
    """The database answered and refused an action (OutgoingAction, the error): final."""
    sig_waiting = Signal(object, object)
    """An attempt found the database away; it will be sent again (OutgoingAction, error)."""
    sig_count_changed = Signal(int)
    """How many actions wait for the database (a failed attempt, not yet answered)."""

    def __init__(self, runner: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._actions: dict[str, OutgoingAction] = {}

    @property
    def waiting(self) -> list[OutgoingAction]:
        """The actions that found the database away and have no answer yet."""
        return [a for a in self._actions.values() if a.waited]

    def send(self, action: OutgoingAction) -> None:
        """Send now; kept and sent again until the database has answered."""
        self._actions[action.action_id] = action
        self._attempt(action)

    def retry_now(self) -> None:
        """The database answers again: send what waits without waiting for its timer."""
        for action in list(self._actions.values()):
            if action.waited and not action.sending:
                self._attempt(action)

    def discard_waiting(self) -> list[OutgoingAction]:
        """Give up what waits (signing out); an attempt in flight still gets its answer."""
        dropped = [a for a in self.waiting if not a.sending]
        for action in dropped:
            self._forget(action)
            log.warning("pending action %s on case %s discarded", action.kind, action.case_id)
        return dropped

    def _attempt(self, action: OutgoingAction) -> None:
        if action.timer is not None:
            action.timer.stop()
        action.sending = True
        action.attempts += 1
        self._runner.db(
            jobs.run_action, action.principal, action.run_kind, action.case_id, action.version,
            action.values, action.action_id,
        ).owned_by(self).success(lambda change: self._on_sent(action, change)).failure(
            lambda exc: self._on_failed(action, exc)
        ).run()  # fmt: skip

    def _on_sent(self, action: OutgoingAction, change) -> None:
        action.sending = False
        if action.waited:
            log.info("case %s: %s sent after %d attempts", action.case_id, action.kind,
                     action.attempts)  # fmt: skip
        self._forget(action)
        self.sig_sent.emit(action, change)

    def _on_failed(self, action: OutgoingAction, exc: BaseException) -> None:
        action.sending = False
        if action.action_id not in self._actions:
            return  # discarded meanwhile
        if not connection_lost(exc):
            if action.waited:
                log.warning("case %s: %s refused after the database returned: %s",
                            action.case_id, action.kind, exc)  # fmt: skip
            self._forget(action)
            self.sig_refused.emit(action, exc)
            return
        first = not action.waited
        action.waited = True
        delay = RETRY_DELAYS_MS[min(action.attempts - 1, len(RETRY_DELAYS_MS) - 1)]
        if action.timer is None:
            action.timer = QTimer(self)
            action.timer.setSingleShot(True)
            action.timer.timeout.connect(lambda: self._on_timer_timeout(action))
        action.timer.start(delay)
        if first:
            self.sig_count_changed.emit(len(self.waiting))
        self.sig_waiting.emit(action, exc)

    def _on_timer_timeout(self, action: OutgoingAction) -> None:
        if action.action_id in self._actions and not action.sending:
            self._attempt(action)

    def _forget(self, action: OutgoingAction) -> None:
        self._actions.pop(action.action_id, None)
        if action.timer is not None:
            action.timer.stop()
            action.timer.deleteLater()
            action.timer = None
        if action.waited:
            self.sig_count_changed.emit(len(self.waiting))
