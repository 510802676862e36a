"""Someone else saved the case first: what they changed, and reapply or go back."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)


class ConflictDialog(QDialog):
    """Accepted: reapply the user's input to the current version; rejected: back to the form."""

    def __init__(
        self, action: str, changes: list[tuple[str, str, str, str]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("conflictDialog")
        self.setWindowTitle(self.tr("Changed by someone else"))
        # Modal for its own window only: other windows (and other cases) stay usable.
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumWidth(620)
        intro = QLabel(
            self.tr(
                "While you were working on “%1”, someone else saved this case. Their changes are "
                "below. What you typed is kept."
            ).replace("%1", action)
        )
        intro.setWordWrap(True)
        self.changes_table = QTableWidget(len(changes), 4)
        self.changes_table.setObjectName("conflictChanges")
        self.changes_table.setHorizontalHeaderLabels(
            [self.tr("When"), self.tr("Who"), self.tr("What"), self.tr("Note")]
        )
        self.changes_table.verticalHeader().hide()
        self.changes_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.changes_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.changes_table.horizontalHeader().setStretchLastSection(True)
        self.changes_table.setWordWrap(True)
        for row, cells in enumerate(changes):
            for col, text in enumerate(cells):
                self.changes_table.setItem(row, col, QTableWidgetItem(text))
        question = QLabel(
            self.tr("Apply your input to the case as it is now, or go back to your form?")
        )
        question.setWordWrap(True)
        self.reapply_button = QPushButton(self.tr("Apply to the current version"))
        self.reapply_button.setObjectName("primaryButton")
        self.back_button = QPushButton(self.tr("Back to my form"))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.reapply_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.changes_table)
        layout.addWidget(question)
        layout.addLayout(buttons)
        self.reapply_button.clicked.connect(self.accept)
        self.back_button.clicked.connect(self.reject)
        self.back_button.setFocus(Qt.FocusReason.OtherFocusReason)
