"""The 地图 page: search, layer choices and the queues' filters above the map, the grid panel
beside it (layout and public child widgets only; ui.map.controller wires them)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QEvent, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.enums import Channel, DeadlineColour, Risk, Status
from ui import theme
from ui.category_picker import CategoryPicker
from ui.icons import icon
from ui.map.grid_panel import GridPanel
from ui.map.map_view import MapView
from ui.text import label

OPEN = "open"  # the status combo's default: every open status


def _combo(name: str) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(name)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    return combo


class MapPageView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mapPage")
        self.title_label = QLabel()
        self.title_label.setObjectName("pageTitle")
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("mapSearch")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMinimumWidth(260)
        self.completer = QCompleter([], self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer.setMaxVisibleItems(12)
        self.search_edit.setCompleter(self.completer)
        self.metric_combo = _combo("metricCombo")
        self.incidents_combo = _combo("incidentsCombo")
        self.colouring_combo = _combo("colouringCombo")
        self.refresh_button = QPushButton()
        self.refresh_button.setObjectName("refreshButton")
        self.refresh_button.setIcon(icon("action.refresh", theme.PRIMARY))
        self.export_button = QToolButton()
        self.export_button.setObjectName("exportButton")
        self.export_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.export_button.setIcon(icon("action.export", theme.PRIMARY))
        self.state_label = QLabel()
        self.state_label.setObjectName("hintLabel")
        self.state_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label = QLabel()
        self.error_label.setObjectName("errorLabel")
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setWordWrap(True)
        self.error_label.hide()

        self.date_check = QCheckBox()
        self.from_edit = QDateEdit()
        self.to_edit = QDateEdit()
        for edit in (self.from_edit, self.to_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setEnabled(False)
        self.category_picker = CategoryPicker()
        self._categories: tuple = ()
        self.channel_combo = _combo("channelCombo")
        self.status_combo = _combo("statusCombo")
        self.risk_combo = _combo("riskCombo")
        self.colour_combo = _combo("deadlineColourCombo")

        self.map = MapView()
        self.panel = GridPanel()
        self.panel.hide()
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.map)
        self.splitter.addWidget(self.panel)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setChildrenCollapsible(False)

        top = QHBoxLayout()
        top.addWidget(self.title_label)
        top.addSpacing(12)
        top.addWidget(self.search_edit)
        top.addStretch(1)
        top.addWidget(self.state_label)
        for widget in (self.metric_combo, self.incidents_combo, self.colouring_combo):
            top.addWidget(widget)
        top.addWidget(self.refresh_button)
        top.addWidget(self.export_button)
        filters = QHBoxLayout()
        filters.addWidget(self.date_check)
        filters.addWidget(self.from_edit)
        filters.addWidget(QLabel("–"))
        filters.addWidget(self.to_edit)
        for widget in (
            self.category_picker,
            self.channel_combo,
            self.status_combo,
            self.risk_combo,
            self.colour_combo,
        ):
            filters.addWidget(widget)
        filters.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.error_label)
        layout.addWidget(self.splitter, 1)
        self.retranslate_ui()

    # ---------------------------------------------------------------- filled by the controller
    def set_categories(self, categories: tuple) -> None:
        """The category tree (filter_choices.Choice); the choice is kept across reloads."""
        if categories != self._categories:
            self._categories = categories
            current = self.category_picker.current_id()
            self.category_picker.set_categories(categories)
            self.category_picker.set_current(current)

    def set_dates(self, first: date, last: date) -> None:
        self.from_edit.setDate(QDate(first.year, first.month, first.day))
        self.to_edit.setDate(QDate(last.year, last.month, last.day))

    def set_search_items(self, items: list[str]) -> None:
        self.completer.model().setStringList(items)  # QCompleter([]) made a QStringListModel

    def show_state(self, text: str) -> None:
        self.state_label.setText(text)

    def show_error(self, text: str | None) -> None:
        self.error_label.setText(text or "")
        self.error_label.setVisible(bool(text))

    # ---------------------------------------------------------------- texts
    def _fill(self, combo: QComboBox, items: list[tuple[str, object]]) -> None:
        index = max(combo.currentIndex(), 0)
        combo.blockSignals(True)
        combo.clear()
        for text, data in items:
            combo.addItem(text, data)
        combo.setCurrentIndex(min(index, combo.count() - 1))
        combo.blockSignals(False)

    def retranslate_ui(self) -> None:
        self.title_label.setText(self.tr("Map"))
        self.search_edit.setPlaceholderText(self.tr("Find a grid, community or street"))
        self.refresh_button.setText(self.tr("Refresh"))
        self.date_check.setText(self.tr("Received"))
        self._fill(
            self.metric_combo,
            [
                (self.tr("Grids by open cases"), "open"),
                (self.tr("Grids by overdue cases"), "overdue"),
                (self.tr("Grids by open cases per 1,000 residents"), "per1000"),
            ],
        )
        self._fill(
            self.incidents_combo,
            [
                (self.tr("Incidents as clusters"), "clusters"),
                (self.tr("Incidents as a heat map"), "heat"),
                (self.tr("No incidents"), "none"),
            ],
        )
        self._fill(
            self.colouring_combo,
            [(self.tr("Colour by deadline"), "deadline"), (self.tr("Colour by risk"), "risk")],
        )
        self._fill(
            self.status_combo,
            [(self.tr("Open cases"), OPEN), (self.tr("All statuses"), None)]
            + [(label("status", s), str(s)) for s in Status],
        )
        self._fill(
            self.channel_combo,
            [(self.tr("All channels"), None)] + [(label("channel", c), str(c)) for c in Channel],
        )
        self._fill(
            self.risk_combo,
            [(self.tr("All risk levels"), None)] + [(label("risk", r), str(r)) for r in Risk],
        )
        self._fill(
            self.colour_combo,
            [(self.tr("Any deadline colour"), None)]
            + [(label("deadline_colour", c), str(c)) for c in DeadlineColour],
        )
        self.category_picker.retranslate_ui()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
