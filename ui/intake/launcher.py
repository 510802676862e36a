"""Where intake opens: Ctrl+N anywhere in the main window, and the 登记 button above the
navigation, for the roles that register cases (desk, dispatcher, supervisor). One intake
window at a time: asking again brings it to the front.

After sign-in, and whenever a form closes, the forms left unsaved (drafts of this user on
this database) are offered again until each is saved or discarded."""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QMainWindow, QWidget

from desktop.domain import workflow
from desktop.domain.principal import Principal
from desktop.services.drafts import DRAFT_LIFETIME, Draft, DraftStore
from ui.intake.controller import IntakeController
from ui.intake.drafts_dialog import DraftsDialog
from ui.intake.view import IntakeView
from ui.tasks import TaskRunner

PointPicker = Callable[[QWidget, Callable[[float, float], None]], None]


def may_register(principal: Principal) -> bool:
    return bool(principal.roles & workflow.INTAKE_ROLES)


class IntakeLauncher(QObject):
    sig_case_registered = Signal(int, str)
    """A case was registered (id, number): the workbench opens it."""

    def __init__(self, runner: TaskRunner, principal: Principal, window: QWidget,
                 training: bool, parent: QObject | None = None,
                 drafts: DraftStore | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self._runner = runner
        self._principal = principal
        self._window = window
        self._training = training
        self._drafts = drafts
        self._closing = False
        self.controller: IntakeController | None = None
        self.drafts_dialog: DraftsDialog | None = None
        # The map's point picker (the workbench sets it); None hides "在地图上选点".
        self.point_picker: PointPicker | None = None
        self.shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.New), window)
        self.shortcut.activated.connect(self.open)

    def open(self) -> IntakeController:
        """A blank form (or the open one brought to the front)."""
        return self.open_draft(None)

    def open_draft(self, draft: Draft | None) -> IntakeController:
        """The form with a draft restored into it (None: blank)."""
        current = self.controller
        if current is not None and shiboken6.isValid(current.view) and current.view.isVisible():
            current.view.raise_()
            current.view.activateWindow()
            return current
        view = IntakeView(self._training, self._window)
        controller = IntakeController(self._runner, self._principal, view, self,
                                      drafts=self._drafts, draft=draft)  # fmt: skip
        if self.point_picker is not None:
            controller.attach_point_picker(self.point_picker)
        controller.sig_case_registered.connect(self.sig_case_registered)
        controller.sig_closed.connect(lambda: self._on_controller_closed(controller))
        self.controller = controller
        controller.start()
        return controller

    def offer_drafts(self) -> None:
        """Offer the unsaved forms (not the one open now); drop those past 30 days."""
        if self._drafts is None or self._closing:
            return
        purged = self._drafts.purge_expired()
        notice = ""
        if purged:
            notice = (
                self.tr("%1 unsaved form(s) older than %2 days were deleted.")
                .replace("%1", str(purged))
                .replace("%2", str(DRAFT_LIFETIME.days))
            )
            if isinstance(self._window, QMainWindow):
                self._window.statusBar().showMessage(notice, 30_000)
        open_id = self.controller.draft_id if self.controller is not None else None
        drafts = [d for d in self._drafts.drafts() if d.id != open_id]
        if not drafts or (self.drafts_dialog is not None and self.drafts_dialog.isVisible()):
            return
        dialog = DraftsDialog(drafts, notice, self._window)
        dialog.sig_restore_requested.connect(self.open_draft)
        dialog.sig_discard_requested.connect(lambda draft: self._drafts.delete(draft.id))
        dialog.finished.connect(dialog.deleteLater)
        self.drafts_dialog = dialog
        dialog.open()

    def close(self) -> None:
        """Sign-out or quit: an open form stays a draft, offered at the next sign-in."""
        self._closing = True
        if self.drafts_dialog is not None and shiboken6.isValid(self.drafts_dialog):
            self.drafts_dialog.reject()
        if self.controller is not None and shiboken6.isValid(self.controller.view):
            self.controller.view.discard()

    def _on_controller_closed(self, controller: IntakeController) -> None:
        if self.controller is controller:
            self.controller = None
        controller.view.deleteLater()
        controller.deleteLater()
        self.offer_drafts()
