"""The 报表 page: choose a report, preview its headline figures, make it, re-open recent ones
(layout only; ReportsController wires it)."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.enums import NamedQueue
from desktop.services import report_period
from desktop.services.report_period import Period
from ui.reports.generate import ReportKind

WEEKS = 60  # weeks offered, newest first
MONTHS = 24
YEARS = 5
EXPORT_QUEUES = (NamedQueue.OVERDUE, NamedQueue.DUE_SOON, NamedQueue.SUPERVISED,
                 NamedQueue.IN_PROGRESS, NamedQueue.PENDING_FOLLOW_UP, NamedQueue.ALL)  # fmt: skip


def week_choices(today: date) -> list[Period]:
    """This week and the WEEKS - 1 before it, newest first (ISO weeks: 53-week years too)."""
    week = report_period.week_of(today)
    out = [week]
    while len(out) < WEEKS:
        out.append(report_period.previous(out[-1]))
    return out


def month_choices(today: date) -> list[Period]:
    month = report_period.month_of(today)
    out = [month]
    while len(out) < MONTHS:
        out.append(report_period.previous(out[-1]))
    return out


def year_choices(today: date) -> list[Period]:
    """This year (to date) and the YEARS - 1 before it, newest first."""
    return [report_period.year(today.year - back) for back in range(YEARS)]


def _table(columns: int) -> QTableWidget:
    table = QTableWidget(0, columns)
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class ReportsView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportsPage")
        self.title_label = QLabel()
        self.title_label.setObjectName("pageTitle")
        self.subtitle_label = QLabel()
        self.subtitle_label.setObjectName("pageSubtitle")

        self.kind_combo = QComboBox()
        for kind in ReportKind:
            self.kind_combo.addItem("", str(kind))
        self.center_combo = QComboBox()
        self.week_combo = QComboBox()
        self.month_combo = QComboBox()
        self.year_combo = QComboBox()
        self.queue_combo = QComboBox()
        for queue in EXPORT_QUEUES:
            self.queue_combo.addItem("", str(queue))
        self.folder_edit = QLineEdit()
        self.folder_button = QPushButton()
        self.file_label = QLabel()
        self.file_label.setObjectName("hintLabel")
        self.file_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.file_label.setTextFormat(Qt.TextFormat.PlainText)

        self.generate_button = QPushButton()
        self.generate_button.setObjectName("primaryButton")
        self.cancel_button = QPushButton()
        self.cancel_button.hide()
        self.progress_bar = QProgressBar()
        self.progress_bar.setRange(0, 0)  # busy: the steps have no known length
        self.progress_bar.hide()
        self.status_label = QLabel()
        self.status_label.setObjectName("hintLabel")
        self.status_label.setWordWrap(True)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label = QLabel()
        self.error_label.setObjectName("errorLabel")
        self.error_label.setWordWrap(True)
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.hide()
        self.open_file_button = QPushButton()
        self.open_folder_button = QPushButton()
        for button in (self.open_file_button, self.open_folder_button):
            button.hide()

        self.preview_title = QLabel()
        self.preview_title.setObjectName("sectionTitle")
        self.preview_hint = QLabel()
        self.preview_hint.setObjectName("hintLabel")
        self.preview_hint.setWordWrap(True)
        self.preview_table = _table(4)
        # The figure's name takes the spare width; the numbers sit close to it.
        preview_header = self.preview_table.horizontalHeader()
        preview_header.setStretchLastSection(False)
        preview_header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.recent_title = QLabel()
        self.recent_title.setObjectName("sectionTitle")
        self.recent_empty = QLabel()
        self.recent_empty.setObjectName("hintLabel")
        self.recent_table = _table(5)
        self.recent_open_button = QPushButton()

        form_card = QFrame()
        form_card.setObjectName("formCard")
        self.form = QFormLayout()
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(self.folder_button)
        self._labels = {key: QLabel() for key in ("kind", "center", "week", "month", "year",
                                                   "queue", "folder")}  # fmt: skip
        self.form.addRow(self._labels["kind"], self.kind_combo)
        self.form.addRow(self._labels["center"], self.center_combo)
        self.form.addRow(self._labels["week"], self.week_combo)
        self.form.addRow(self._labels["month"], self.month_combo)
        self.form.addRow(self._labels["year"], self.year_combo)
        self.form.addRow(self._labels["queue"], self.queue_combo)
        self.form.addRow(self._labels["folder"], folder_row)
        self.form.addRow("", self.file_label)
        for key, widget in (
            ("kind", self.kind_combo),
            ("center", self.center_combo),
            ("week", self.week_combo),
            ("month", self.month_combo),
            ("year", self.year_combo),
            ("queue", self.queue_combo),
            ("folder", self.folder_edit),
        ):
            self._labels[key].setBuddy(widget)  # fmt: skip
        actions = QHBoxLayout()
        actions.addWidget(self.generate_button)
        actions.addWidget(self.cancel_button)
        actions.addWidget(self.progress_bar, 1)
        actions.addWidget(self.open_file_button)
        actions.addWidget(self.open_folder_button)
        card_layout = QVBoxLayout(form_card)
        card_layout.setContentsMargins(20, 16, 20, 16)
        card_layout.addLayout(self.form)
        card_layout.addLayout(actions)
        card_layout.addWidget(self.status_label)
        card_layout.addWidget(self.error_label)

        left = QVBoxLayout()
        left.addWidget(form_card)
        left.addWidget(self.recent_title)
        left.addWidget(self.recent_empty)
        left.addWidget(self.recent_table, 1)
        left.addWidget(self.recent_open_button, 0, Qt.AlignmentFlag.AlignLeft)
        right = QVBoxLayout()
        right.addWidget(self.preview_title)
        right.addWidget(self.preview_hint)
        right.addWidget(self.preview_table, 1)
        body = QHBoxLayout()
        body.setSpacing(24)
        body.addLayout(left, 5)
        body.addLayout(right, 4)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 32, 28)
        layout.setSpacing(10)
        layout.addWidget(self.title_label)
        layout.addWidget(self.subtitle_label)
        layout.addSpacing(8)
        layout.addLayout(body, 1)
        self.show_kind(ReportKind.WEEKLY)
        self.retranslate_ui()

    # -- state ---------------------------------------------------------------------------
    def kind(self) -> ReportKind:
        return ReportKind(self.kind_combo.currentData())

    def show_kind(self, kind: ReportKind) -> None:
        """Only the pickers the report needs: a week, a month, a year, or a queue."""
        for key, widget, shown in (
            ("week", self.week_combo, kind == ReportKind.WEEKLY),
            ("month", self.month_combo, kind == ReportKind.MONTHLY),
            ("year", self.year_combo, kind == ReportKind.ANNUAL),
            ("queue", self.queue_combo, kind == ReportKind.EXPORT),
        ):
            widget.setVisible(shown)
            self._labels[key].setVisible(shown)

    def set_periods(self, today: date) -> None:
        """Fill the week, month and year pickers: the last complete week and month are
        chosen, and this year to date."""
        weeks, months, years = week_choices(today), month_choices(today), year_choices(today)
        for combo, periods, default in (
            (self.week_combo, weeks, report_period.last_complete_week(today)),
            (self.month_combo, months, report_period.last_complete_month(today)),
            (self.year_combo, years, years[0]),
        ):
            combo.blockSignals(True)
            combo.clear()
            for period in periods:
                combo.addItem(self._period_text(period, today), period)
            combo.setCurrentIndex(periods.index(default))
            combo.blockSignals(False)

    def _period_text(self, period: Period, today: date) -> str:
        last = period.end - timedelta(days=1)
        if period.kind == "week":
            text = self.tr("%1 (%2 to %3)").replace("%1", period.code)
            text = text.replace("%2", period.first.strftime("%m-%d")).replace(
                "%3", last.strftime("%m-%d")
            )
        else:
            text = period.code
        if period.end > today:
            text += self.tr(" — not yet complete")
        return text

    def set_busy(self, busy: bool) -> None:
        self.generate_button.setEnabled(not busy)
        self.cancel_button.setVisible(busy)
        self.cancel_button.setEnabled(busy)
        self.progress_bar.setVisible(busy)
        for widget in (
            self.kind_combo,
            self.center_combo,
            self.week_combo,
            self.month_combo,
            self.year_combo,
            self.queue_combo,
            self.folder_edit,
            self.folder_button,
        ):
            widget.setEnabled(not busy)  # fmt: skip

    # -- text ----------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.title_label.setText(self.tr("Reports"))
        self.subtitle_label.setText(
            self.tr("The weekly feedback and the monthly dispatch report, in one click")
        )
        names = {
            ReportKind.WEEKLY: self.tr("Weekly report (周报)"),
            ReportKind.MONTHLY: self.tr("Monthly report (月报)"),
            ReportKind.ANNUAL: self.tr("Annual report (年报)"),
            ReportKind.EXPORT: self.tr("Case list export"),
        }
        for row in range(self.kind_combo.count()):
            self.kind_combo.setItemText(row, names[ReportKind(self.kind_combo.itemData(row))])
        from ui.text import label

        for row in range(self.queue_combo.count()):
            self.queue_combo.setItemText(row, label("named_queue", self.queue_combo.itemData(row)))
        self._labels["kind"].setText(self.tr("&Report"))
        self._labels["center"].setText(self.tr("&Center"))
        self._labels["week"].setText(self.tr("&Week"))
        self._labels["month"].setText(self.tr("&Month"))
        self._labels["year"].setText(self.tr("&Year"))
        self._labels["queue"].setText(self.tr("&Queue"))
        self._labels["folder"].setText(self.tr("Save &in"))
        self.folder_button.setText(self.tr("Browse…"))
        self.generate_button.setText(self.tr("&Generate"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.open_file_button.setText(self.tr("Open file"))
        self.open_folder_button.setText(self.tr("Open folder"))
        self.preview_title.setText(self.tr("Preview"))
        self.preview_hint.setText(
            self.tr("The report's headline figures. Double-click a row to open its cases.")
        )
        self.preview_table.setHorizontalHeaderLabels(
            [self.tr("Figure"), self.tr("This period"), self.tr("Previous"), self.tr("Change")]
        )
        self.recent_title.setText(self.tr("Recent reports"))
        self.recent_empty.setText(self.tr("No reports made yet."))
        self.recent_table.setHorizontalHeaderLabels(
            [
                self.tr("Made"),
                self.tr("Report"),
                self.tr("Center"),
                self.tr("Period"),
                self.tr("File"),
            ]  # fmt: skip
        )
        self.recent_open_button.setText(self.tr("Open selected"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
