"""The month's rota: generate it, its warnings, the duties, and the month's attendance."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.roster.widgets import hint, table


class MonthView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.month_label = QLabel()
        self.month_combo = QComboBox()
        self.month_label.setBuddy(self.month_combo)
        self.generate_button = QPushButton()
        self.generate_button.setObjectName("primaryButton")
        self.loading_label = hint()
        self.error_label = hint("errorLabel")
        self.empty_label = hint()
        self.provisional_label = hint("errorLabel")
        self.warnings_title = QLabel()
        self.warnings_title.setObjectName("sectionTitle")
        self.warnings_list = QListWidget()
        self.rota_title = QLabel()
        self.rota_title.setObjectName("sectionTitle")
        self.rota_table = table(4)
        self.attendance_title = QLabel()
        self.attendance_title.setObjectName("sectionTitle")
        self.attendance_table = table(6)

        head = QHBoxLayout()
        head.addWidget(self.month_label)
        head.addWidget(self.month_combo)
        head.addWidget(self.generate_button)
        head.addStretch(1)
        left = QVBoxLayout()
        left.addWidget(self.rota_title)
        left.addWidget(self.rota_table, 1)
        right = QVBoxLayout()
        right.addWidget(self.warnings_title)
        right.addWidget(self.warnings_list, 1)
        right.addWidget(self.attendance_title)
        right.addWidget(self.attendance_table, 1)
        body = QHBoxLayout()
        body.setSpacing(20)
        body.addLayout(left, 1)
        body.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(head)
        for label in (
            self.loading_label,
            self.error_label,
            self.empty_label,
            self.provisional_label,
        ):
            layout.addWidget(label)
            label.hide()  # fmt: skip
        layout.addLayout(body, 1)
        self.retranslate_ui()

    def show_state(self, *, loading: bool = False, error: str = "", empty: str = "") -> None:
        self.loading_label.setVisible(loading)
        self.error_label.setText(error)
        self.error_label.setVisible(bool(error))
        self.empty_label.setText(empty)
        self.empty_label.setVisible(bool(empty))

    def retranslate_ui(self) -> None:
        self.month_label.setText(self.tr("&Month"))
        self.generate_button.setText(self.tr("&Generate rota"))
        self.generate_button.setToolTip(
            self.tr(
                "Write the month's rota from the rules on the working-day calendar; days already "
                "past are kept"
            )
        )
        self.loading_label.setText(self.tr("Loading the month…"))
        self.warnings_title.setText(self.tr("Warnings"))
        self.rota_title.setText(self.tr("Rota"))
        self.rota_table.setHorizontalHeaderLabels(
            [self.tr("Day"), self.tr("Window"), self.tr("Department"), self.tr("Person")]
        )
        self.attendance_title.setText(self.tr("Attendance so far"))
        self.attendance_table.setHorizontalHeaderLabels([
            self.tr("Department"), self.tr("Days due"), self.tr("Present"), self.tr("Late"),
            self.tr("Absent"), self.tr("Rate")])  # fmt: skip

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
