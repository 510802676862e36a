"""The bell (layout only): a button with the count; its menu lists the alerts."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QMenu, QToolButton, QWidget

from ui import theme
from ui.icons import icon


class AlertBell(QToolButton):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("alertBell")
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        # It sits on the dark navigation panel, under the center's name.
        self.setStyleSheet(
            "QToolButton#alertBell { color: white; background: transparent; border: none;"
            " padding: 6px 16px; font-size: 14px; }"
            "QToolButton#alertBell:hover { background: rgba(255, 255, 255, 0.12); }"
        )
        self.menu_ = QMenu(self)
        self.menu_.setObjectName("alertMenu")
        self.setMenu(self.menu_)
        self.count = 0
        self.show_count(0)

    def show_count(self, count: int) -> None:
        self.count = count
        ringing = count > 0
        self.setIcon(icon("alert.bell_ringing" if ringing else "alert.bell", theme.NAV_TEXT))
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setText(self.tr("Alerts %1").replace("%1", str(self.count)) if self.count else
                     self.tr("Alerts"))  # fmt: skip
        self.setToolTip(self.tr("What needs you: new cases, deadlines, approvals, claims"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
