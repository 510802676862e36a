"""Where intake opens: Ctrl+N anywhere in the main window, and the 登记 button above the
navigation, for the roles that register cases (desk, dispatcher, supervisor). One intake
window at a time: asking again brings it to the front."""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget

from desktop.domain import workflow
from desktop.domain.principal import Principal
from ui.intake.controller import IntakeController
from ui.intake.view import IntakeView
from ui.tasks import TaskRunner

PointPicker = Callable[[QWidget, Callable[[float, float], None]], None]


def may_register(principal: Principal) -> bool:
    return bool(principal.roles & workflow.INTAKE_ROLES)


class IntakeLauncher(QObject):
    sig_case_registered = Signal(int, str)
    """A case was registered (id, number): the workbench opens it."""

    def __init__(self, runner: TaskRunner, principal: Principal, window: QWidget,
                 training: bool, parent: QObject | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self._runner = runner
        self._principal = principal
        self._window = window
        self._training = training
        self.controller: IntakeController | None = None
        # The map's point picker (the workbench sets it); None hides "在地图上选点".
        self.point_picker: PointPicker | None = None
        self.shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.New), window)
        self.shortcut.activated.connect(self.open)

    def open(self) -> IntakeController:
        current = self.controller
        if current is not None and shiboken6.isValid(current.view) and current.view.isVisible():
            current.view.raise_()
            current.view.activateWindow()
            return current
        view = IntakeView(self._training, self._window)
        controller = IntakeController(self._runner, self._principal, view, self)
        if self.point_picker is not None:
            controller.attach_point_picker(self.point_picker)
        controller.sig_case_registered.connect(self.sig_case_registered)
        controller.sig_closed.connect(lambda: self._on_controller_closed(controller))
        self.controller = controller
        controller.start()
        return controller

    def close(self) -> None:
        if self.controller is not None and shiboken6.isValid(self.controller.view):
            self.controller.view.discard()

    def _on_controller_closed(self, controller: IntakeController) -> None:
        if self.controller is controller:
            self.controller = None
        controller.view.deleteLater()
        controller.deleteLater()
