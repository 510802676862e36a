"""The 排班 page: three tabs (today, the month, the rules) under the page title."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from ui.roster.month_view import MonthView
from ui.roster.today_view import TodayView
from ui.roster.widgets import hint, table


class RulesView(QWidget):
    """The center's roster rules and shift times (read here; edited by supervisors)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shifts_label = hint()
        self.loading_label = hint()
        self.error_label = hint("errorLabel")
        self.empty_label = hint()
        self.rules_table = table(6)
        self.add_button = QPushButton()
        self.edit_button = QPushButton()
        self.remove_button = QPushButton()
        self.shifts_button = QPushButton()
        self.pin_button = QPushButton()
        self.edit_buttons = (self.add_button, self.edit_button, self.remove_button,
                             self.shifts_button, self.pin_button)  # fmt: skip
        buttons = QHBoxLayout()
        for button in self.edit_buttons:
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        for label in (self.shifts_label, self.loading_label, self.error_label, self.empty_label):
            layout.addWidget(label)
        layout.addLayout(buttons)
        layout.addWidget(self.rules_table, 1)
        for label in (self.loading_label, self.error_label, self.empty_label):
            label.hide()
        self.retranslate_ui()

    def show_state(self, *, loading: bool = False, error: str = "", empty: str = "") -> None:
        self.loading_label.setVisible(loading)
        self.error_label.setText(error)
        self.error_label.setVisible(bool(error))
        self.empty_label.setText(empty)
        self.empty_label.setVisible(bool(empty))

    def retranslate_ui(self) -> None:
        self.loading_label.setText(self.tr("Loading the rules…"))
        self.add_button.setText(self.tr("&New rule…"))
        self.edit_button.setText(self.tr("&Edit rule…"))
        self.remove_button.setText(self.tr("Re&move rule"))
        self.shifts_button.setText(self.tr("S&hift times…"))
        self.pin_button.setText(self.tr("Check-in P&IN…"))
        self.rules_table.setHorizontalHeaderLabels([
            self.tr("Department"), self.tr("Mode"), self.tr("Days"), self.tr("Window"),
            self.tr("People"), self.tr("Agreed days a month")])  # fmt: skip

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


class RosterView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rosterPage")
        self.title_label = QLabel()
        self.title_label.setObjectName("pageTitle")
        self.subtitle_label = QLabel()
        self.subtitle_label.setObjectName("pageSubtitle")
        self.today = TodayView()
        self.month = MonthView()
        self.rules = RulesView()
        self.tabs = QTabWidget()
        self.tabs.addTab(self.today, "")
        self.tabs.addTab(self.month, "")
        self.tabs.addTab(self.rules, "")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 32, 28)
        layout.setSpacing(8)
        layout.addWidget(self.title_label)
        layout.addWidget(self.subtitle_label)
        layout.addWidget(self.tabs, 1)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.title_label.setText(self.tr("Roster"))
        self.subtitle_label.setText(
            self.tr(
                "Who is on site at which window, check-in at the desk, the month's rota and "
                "attendance"
            )
        )
        self.tabs.setTabText(0, self.tr("&Today on site"))
        self.tabs.setTabText(1, self.tr("Month ro&ta"))
        self.tabs.setTabText(2, self.tr("Ru&les"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
