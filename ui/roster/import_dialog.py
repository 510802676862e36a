"""What a department's spreadsheet would change, shown before it is applied."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QListWidget, QVBoxLayout, QWidget


class ImportPreviewDialog(QDialog):
    def __init__(self, changes, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.changes = changes
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.changes_list = QListWidget()
        for change in changes:
            before, after = "、".join(change.before) or "—", "、".join(change.after) or "—"
            self.changes_list.addItem(
                f"{change.day.strftime('%m-%d')} {change.place}：{before} → {after}"
            )
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.changes_list, 1)
        layout.addWidget(buttons)
        self.resize(560, 420)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Import the rota"))
        self.summary_label.setText(
            self.tr("%1 cells would change. Apply them?").replace("%1", str(len(self.changes)))
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
