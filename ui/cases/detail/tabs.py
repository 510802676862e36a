"""Several cases open at once, one per tab, in a window of their own beside the queues."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from desktop.domain.principal import Principal
from ui.cases.detail.controller import CaseController
from ui.cases.detail.outbox import ActionOutbox
from ui.tasks import TaskRunner
from ui.widgets import ConnectionBanner, TrainingBanner


class CaseTabsWindow(QWidget):
    """Layout only: a tab per case, an empty hint, the training banner when it applies."""

    def __init__(self, training: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("caseTabsWindow")
        self.tabs = QTabWidget()
        self.tabs.setObjectName("caseTabs")
        self.tabs.setTabsClosable(True)
        self.tabs.setMovable(True)
        self.tabs.setDocumentMode(True)
        self.empty_label = QLabel()
        self.empty_label.setObjectName("hintLabel")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        if training:
            layout.addWidget(TrainingBanner())
        self.connection_banner = ConnectionBanner()
        layout.addWidget(self.connection_banner)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.empty_label)
        self.close_shortcut = QShortcut(QKeySequence("Ctrl+W"), self)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Cases"))
        self.empty_label.setText(self.tr("No case is open. Open one from a queue."))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        # Closing the window closes its cases; nothing is unsaved (dialogs hold the input).
        while self.tabs.count():
            self.tabs.tabCloseRequested.emit(0)
        super().closeEvent(event)


class CaseTabs(QObject):
    sig_case_changed = Signal(int)
    """A case was changed from one of the tabs (its id)."""
    sig_map_requested = Signal(int)
    """在地图上查看 from a case's tab (its id)."""

    def __init__(
        self,
        runner: TaskRunner,
        principal: Principal,
        training: bool = False,
        parent: QObject | None = None,
        outbox: ActionOutbox | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._principal = principal
        # Confirmed actions outlive their tab: the session's outbox, or one of our own.
        self.outbox = outbox if outbox is not None else ActionOutbox(runner, self)
        self.window = CaseTabsWindow(training)
        self.controllers: dict[int, CaseController] = {}
        self.window.tabs.tabCloseRequested.connect(self._on_tabs_close_requested)
        self.window.close_shortcut.activated.connect(self._on_close_shortcut_activated)
        self._update_empty()

    def open_case(self, case_id: int) -> CaseController:
        """Show the case's tab (opening it if needed) and bring the window forward."""
        controller = self.controllers.get(case_id)
        if controller is None:
            controller = CaseController(self._runner, self._principal, case_id,
                                        outbox=self.outbox)  # fmt: skip
            self.controllers[case_id] = controller
            index = self.window.tabs.addTab(controller.view, f"#{case_id}")
            controller.sig_title_changed.connect(
                lambda title, view=controller.view: self._set_title(view, title)
            )
            controller.sig_case_requested.connect(self.open_case)
            controller.sig_case_changed.connect(self.sig_case_changed)
            controller.view.sig_map_requested.connect(self.sig_map_requested)
            self.window.tabs.setCurrentIndex(index)
            controller.refresh()
        self.window.tabs.setCurrentWidget(controller.view)
        self._update_empty()
        if not self.window.isVisible():
            self.window.resize(1360, 860)
        self.window.show()
        self.window.raise_()
        self.window.activateWindow()
        return controller

    def refresh_all(self) -> None:
        """Another seat changed cases: reload the open ones (dialogs keep their version)."""
        for controller in self.controllers.values():
            controller.refresh()

    def open_dialogs(self) -> int:
        """How many action dialogs are open (input that closing the cases would lose)."""
        return sum(1 for c in self.controllers.values() if c.dialog is not None)

    def show_connection_lost(self, last_contact: str | None) -> None:
        """The banner of the case window: shown with the last contact, or hidden (None)."""
        if last_contact is None:
            self.window.connection_banner.hide()
        else:
            self.window.connection_banner.show_lost(last_contact)

    def close(self) -> None:
        self.window.close()
        self.window.deleteLater()

    def _set_title(self, view: QWidget, title: str) -> None:
        index = self.window.tabs.indexOf(view)
        if index >= 0:
            self.window.tabs.setTabText(index, title)

    def _on_tabs_close_requested(self, index: int) -> None:
        view = self.window.tabs.widget(index)
        for case_id, controller in list(self.controllers.items()):
            if controller.view is view:
                del self.controllers[case_id]
        self.window.tabs.removeTab(index)
        view.deleteLater()
        self._update_empty()

    def _on_close_shortcut_activated(self) -> None:
        index = self.window.tabs.currentIndex()
        if index >= 0:
            self._on_tabs_close_requested(index)

    def _update_empty(self) -> None:
        self.window.empty_label.setVisible(self.window.tabs.count() == 0)
