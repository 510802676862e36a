"""Small widgets shared by several screens."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QLabel, QWidget


class TrainingBanner(QLabel):
    """The strong bar that marks every screen of a training database."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trainingBanner")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setText(self.tr("TRAINING MODE — demo data, not real cases"))
        self.setToolTip(
            self.tr("This database is a training copy: its people and cases are synthetic.")
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


class ConnectionBanner(QLabel):
    """The bar shown while the database does not answer, with the last good contact."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("connectionBanner")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setStyleSheet("background: #C0392B; color: white; padding: 6px; font-weight: bold;")
        self._since = ""
        self.hide()

    def show_lost(self, last_contact_local: str) -> None:
        """`last_contact_local`: the time of the last successful contact, as shown."""
        self._since = last_contact_local
        self.retranslate_ui()
        self.show()

    def retranslate_ui(self) -> None:
        self.setText(
            self.tr(
                "The database does not answer; reconnecting by itself. Last contact: %1. "
                "Open windows and everything typed are kept."
            ).replace("%1", self._since or "—")
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
