"""The 一窗受理 window: the form on the left, person and repeats on the right (layout only).

Tab order follows the eye, top to bottom; Ctrl+S saves, Esc twice discards. Every field has
an error label beneath it for a message in Chinese that names it.
"""

from __future__ import annotations

from PySide6.QtCore import QDateTime, QEvent, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.enums import Channel, Result
from ui.intake.attachment_strip import AttachmentStrip, local_paths
from ui.intake.parties import PartiesBox, field_error_label
from ui.intake.picker import ChoicePicker
from ui.intake.side_panel import IntakeSidePanel
from ui.text import label
from ui.widgets import TrainingBanner

FORM_FIELDS = ("channel", "work_order_no", "received_at", "category", "title", "description",
               "address", "grid", "location", "people_count", "result")  # fmt: skip


def _stacked(widget: QWidget, error: QLabel) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(widget)
    layout.addWidget(error)
    return box


class IntakeView(QDialog):
    sig_save_requested = Signal()
    """Ctrl+S or the save button."""
    sig_discard_requested = Signal()
    """Esc: the controller asks before discarding what was typed."""

    def __init__(self, training: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("intakeWindow")
        self.setWindowFlag(Qt.WindowType.Window)
        self.resize(1320, 860)
        self.training_banner = TrainingBanner()
        self.training_banner.setVisible(training)
        self.heading = QLabel()
        self.heading.setObjectName("pageTitle")
        self.channel = QComboBox()
        for channel in Channel:
            self.channel.addItem(label("channel", channel), str(channel))
        self.work_order_no = QLineEdit()
        self.received_at = QDateTimeEdit(QDateTime.currentDateTime())
        self.received_at.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.received_at.setCalendarPopup(True)
        self.category = ChoicePicker()
        self.title = QLineEdit()
        self.title.setMaxLength(128)
        self.description = QPlainTextEdit()
        self.description.setTabChangesFocus(True)
        self.description.setFixedHeight(70)
        self.parties = PartiesBox()
        self.address = QLineEdit()
        self.grid = ChoicePicker()
        self.location = QLineEdit()
        self.map_button = QPushButton()
        self.map_button.hide()  # shown once the map's point picker is connected
        self.people_count = QSpinBox()
        self.people_count.setRange(1, 100_000)
        self.risk_label = QLabel()
        self.attachments = AttachmentStrip()
        self.setAcceptDrops(True)  # a file dropped anywhere on the form is attached
        self.save_as = QComboBox()
        self.result = QComboBox()
        for result in Result:
            self.result.addItem(label("result", result), str(result))
        self.result_note = QLineEdit()
        self.save_button = QPushButton()
        self.save_button.setObjectName("primaryButton")
        self.form_error = field_error_label()
        self.side_panel = IntakeSidePanel()
        self.errors = {key: field_error_label() for key in FORM_FIELDS}
        self.labels = {key: QLabel() for key in FORM_FIELDS + ("parties", "save_as", "note",
                                                               "attachments")}  # fmt: skip

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.setVerticalSpacing(6)

        def row(key: str, widget: QWidget) -> None:
            form.addRow(self.labels[key], _stacked(widget, self.errors[key]))
            self.labels[key].setBuddy(widget)

        row("channel", self.channel)
        row("work_order_no", self.work_order_no)
        row("received_at", self.received_at)
        row("category", self.category)
        row("title", self.title)
        row("description", self.description)
        form.addRow(self.labels["parties"], self.parties)
        row("address", self.address)
        row("grid", self.grid)
        place = QWidget()
        place_layout = QHBoxLayout(place)
        place_layout.setContentsMargins(0, 0, 0, 0)
        place_layout.addWidget(self.location, 1)
        place_layout.addWidget(self.map_button)
        row("location", place)
        self.labels["location"].setBuddy(self.location)
        people = QWidget()
        people_layout = QHBoxLayout(people)
        people_layout.setContentsMargins(0, 0, 0, 0)
        people_layout.addWidget(self.people_count)
        people_layout.addWidget(self.risk_label, 1)
        row("people_count", people)
        self.labels["people_count"].setBuddy(self.people_count)
        form.addRow(self.labels["attachments"], self.attachments)
        self.labels["attachments"].setBuddy(self.attachments.add_button)
        form.addRow(self.labels["save_as"], self.save_as)
        self.labels["save_as"].setBuddy(self.save_as)
        row("result", self.result)
        form.addRow(self.labels["note"], self.result_note)
        self.labels["note"].setBuddy(self.result_note)

        card = QFrame()
        card.setObjectName("formCard")
        card_layout = QVBoxLayout(card)
        card_layout.setContentsMargins(16, 12, 16, 12)
        card_layout.addLayout(form)
        card_layout.addStretch(1)
        card_layout.addWidget(self.form_error)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        card_layout.addLayout(buttons)

        body = QHBoxLayout()
        body.setContentsMargins(16, 8, 16, 16)
        body.setSpacing(12)
        body.addWidget(card, 3)
        body.addWidget(self.side_panel, 2)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(self.training_banner)
        heading = QHBoxLayout()
        heading.setContentsMargins(16, 12, 16, 0)
        heading.addWidget(self.heading)
        outer.addLayout(heading)
        outer.addLayout(body, 1)

        self.save_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self)
        self.save_shortcut.activated.connect(self.sig_save_requested)
        self.save_button.clicked.connect(self.sig_save_requested)
        self.parties.sig_rows_changed.connect(self.rebuild_tab_order)
        self.retranslate_ui()

    def focus_order(self) -> list[QWidget]:
        widgets: list[QWidget] = [self.channel, self.work_order_no, self.received_at,
                                  self.category, self.title, self.description]  # fmt: skip
        for row in self.parties.rows:
            widgets += row.focus_order()
        widgets += [self.parties.add_button, self.address, self.grid, self.location,
                    self.map_button, self.people_count, self.attachments.add_button,
                    self.attachments.list, self.save_as, self.result,
                    self.result_note, self.save_button, self.side_panel.repeats_list,
                    self.side_panel.person_list]  # fmt: skip
        return widgets

    def rebuild_tab_order(self) -> None:
        order = self.focus_order()
        for first, second in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def set_hotline_fields_visible(self, visible: bool) -> None:
        for key in ("work_order_no", "received_at"):
            self.labels[key].setVisible(visible)
            self.errors[key].parentWidget().setVisible(visible)

    def set_on_spot_fields_visible(self, visible: bool) -> None:
        for key in ("result", "note"):
            self.labels[key].setVisible(visible)
        self.errors["result"].parentWidget().setVisible(visible)
        self.result_note.setVisible(visible)

    def show_field_error(self, key: str, text: str) -> None:
        self.errors[key].setText(text)
        self.errors[key].setVisible(bool(text))

    def clear_errors(self) -> None:
        for error in self.errors.values():
            error.hide()
        for row in self.parties.rows:
            for error in row.errors.values():
                error.hide()
        self.form_error.hide()

    def show_form_error(self, text: str) -> None:
        self.form_error.setText(text)
        self.form_error.setVisible(bool(text))

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Register a case (一窗受理)"))
        self.heading.setText(self.tr("Register a case"))
        names = {
            "channel": self.tr("Channel"), "work_order_no": self.tr("Work-order no."),
            "received_at": self.tr("Received at"), "category": self.tr("Category"),
            "title": self.tr("Title"), "description": self.tr("Description"),
            "parties": self.tr("Parties"), "address": self.tr("Address"),
            "grid": self.tr("Grid"), "location": self.tr("Point"),
            "people_count": self.tr("People involved"), "save_as": self.tr("Save as"),
            "result": self.tr("Result"), "note": self.tr("Note"),
            "attachments": self.tr("Attachments"),
        }  # fmt: skip
        for key, text in names.items():
            self.labels[key].setText(text)
        self.category.setPlaceholderText(self.tr("Type characters or pinyin initials, e.g. lljf"))
        self.title.setPlaceholderText(self.tr("One line: what is the matter"))
        self.grid.setPlaceholderText(self.tr("Type a grid name or code"))
        self.location.setPlaceholderText(
            self.tr("Latitude, longitude (optional), e.g. 40.05, 110.1")
        )
        self.work_order_no.setPlaceholderText(self.tr("The 12345 work-order number"))
        self.map_button.setText(self.tr("Pick on the map"))
        self.save_button.setText(self.tr("Save (Ctrl+S)"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt override)
        if local_paths(event):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 (Qt override)
        paths = local_paths(event)
        if paths:
            event.acceptProposedAction()
            self.attachments.sig_paths_dropped.emit(paths)

    def reject(self) -> None:
        """Esc and the close button go through the controller, which may ask first."""
        self.sig_discard_requested.emit()

    def discard(self) -> None:
        super().reject()
