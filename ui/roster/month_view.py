"""The month's rota: the windows × days grid, its warnings, the recorded changes, attendance."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QSplitter,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from ui.roster.widgets import hint, table


class MonthView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.month_label = QLabel()
        self.month_combo = QComboBox()
        self.month_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.month_combo.setMinimumContentsLength(7)
        self.month_label.setBuddy(self.month_combo)
        self.generate_button = QPushButton()
        self.generate_button.setObjectName("primaryButton")
        self.change_button = QPushButton()
        self.publish_button = QPushButton()
        self.export_button = QPushButton()
        self.import_button = QPushButton()
        self.edit_buttons = (self.generate_button, self.change_button, self.publish_button,
                             self.import_button)  # fmt: skip
        self.state_label = hint()
        self.loading_label = hint()
        self.error_label = hint("errorLabel")
        self.empty_label = hint()
        self.provisional_label = hint("errorLabel")
        self.grid_title = QLabel()
        self.grid_title.setObjectName("sectionTitle")
        self.grid_table = QTableWidget(0, 0)
        self.grid_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.grid_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.grid_table.setWordWrap(True)
        self.grid_title.setBuddy(self.grid_table)
        self.legend_label = hint()
        self.warnings_title = QLabel()
        self.warnings_title.setObjectName("sectionTitle")
        self.warnings_list = QListWidget()
        self.warnings_title.setBuddy(self.warnings_list)
        self.changes_title = QLabel()
        self.changes_title.setObjectName("sectionTitle")
        self.changes_list = QListWidget()
        self.attendance_title = QLabel()
        self.attendance_title.setObjectName("sectionTitle")
        self.attendance_table = table(6)

        head = QHBoxLayout()
        head.addWidget(self.month_label)
        head.addWidget(self.month_combo)
        for button in (*self.edit_buttons, self.export_button):
            head.addWidget(button)
        head.addStretch(1)
        top = QWidget()
        upper = QVBoxLayout(top)
        upper.setContentsMargins(0, 0, 0, 0)
        upper.addWidget(self.grid_title)
        upper.addWidget(self.grid_table, 1)
        upper.addWidget(self.legend_label)
        bottom = QWidget()
        lower = QHBoxLayout(bottom)
        lower.setContentsMargins(0, 0, 0, 0)
        lower.setSpacing(20)
        for title, widget in ((self.warnings_title, self.warnings_list),
                              (self.changes_title, self.changes_list),
                              (self.attendance_title, self.attendance_table)):  # fmt: skip
            column = QVBoxLayout()
            column.addWidget(title)
            column.addWidget(widget, 1)
            lower.addLayout(column, 1)
        self.splitter = QSplitter()
        self.splitter.setOrientation(self.splitter.orientation().Vertical)
        self.splitter.addWidget(top)
        self.splitter.addWidget(bottom)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(head)
        layout.addWidget(self.state_label)
        for label in (self.loading_label, self.error_label, self.empty_label,
                      self.provisional_label):  # fmt: skip
            layout.addWidget(label)
            label.hide()
        layout.addWidget(self.splitter, 1)
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
        self.change_button.setText(self.tr("C&hange duty…"))
        self.change_button.setToolTip(
            self.tr("Edit the chosen cell, or record a swap, leave or cover (Enter on the grid)")
        )
        self.publish_button.setText(self.tr("&Publish"))
        self.publish_button.setToolTip(
            self.tr("Lock the month: later changes are recorded swaps, leave and cover")
        )
        self.export_button.setText(self.tr("E&xport to Excel…"))
        self.import_button.setText(self.tr("&Import from Excel…"))
        self.import_button.setToolTip(
            self.tr("Read a department's rota in the export's layout; all of it or nothing")
        )
        self.loading_label.setText(self.tr("Loading the month…"))
        self.grid_title.setText(self.tr("Rota by &window and day"))
        self.legend_label.setText(
            self.tr(
                "Grey: weekend · red: holiday · green: make-up working day · bold*: changed "
                "after publishing · ✓ on time, L late, A absent, ? not in yet"
            )
        )
        self.warnings_title.setText(self.tr("&Warnings"))
        self.changes_title.setText(self.tr("Recorded changes"))
        self.attendance_title.setText(self.tr("Attendance so far"))
        self.attendance_table.setHorizontalHeaderLabels([
            self.tr("Department"), self.tr("Days due"), self.tr("Present"), self.tr("Late"),
            self.tr("Absent"), self.tr("Rate")])  # fmt: skip

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
