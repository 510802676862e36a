"""One case on screen (layout only): header, action buttons, fields, parties, sub-tasks,
attachments, related cases and the timeline. The controller fills it and wires it."""

from __future__ import annotations

from datetime import datetime
from functools import partial

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import (
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
    QShortcut,
)
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.enums import DeadlineColour, EventKind, SupervisionLevel
from ui import theme
from ui.cases.detail.cells import (
    COLOURS,
    brush,
    chip,
    fit_height,
    plain_label,
    read_only_table,
    short,
    text_item,
    when,
)
from ui.cases.detail.sections import AttachmentsBox, TimelineBox
from ui.icons import icon
from ui.intake.attachment_strip import local_paths
from ui.text import label

K = EventKind
# Button order on the bar; the shortcut of the common ones is shown in their tooltip.
ACTION_ORDER = (
    K.ACCEPT,
    K.REJECT,
    K.SET_LEVEL,
    K.DISPATCH,
    K.RECALL,
    K.SIGN,
    K.REPORT,
    K.RESOLVE,
    K.RETURN,
    K.RESOLVE_ON_SPOT,
    K.FOLLOW_UP,
    K.NOTE,
    K.ASSIGN,
    K.REQUEST_EXTENSION,
    K.APPROVE_EXTENSION,
    K.SUSPEND,
    K.RESUME,
    K.SUPERVISE,
    K.MERGE,
    K.EDIT,
    K.ATTACH,
)
SHORTCUTS = {
    K.ACCEPT: "Ctrl+Shift+A",
    K.DISPATCH: "Ctrl+Shift+D",
    K.SIGN: "Ctrl+Shift+S",
    K.RESOLVE: "Ctrl+Shift+R",
    K.NOTE: "Ctrl+Shift+N",
    K.FOLLOW_UP: "Ctrl+Shift+F",
    K.EDIT: "Ctrl+E",
    K.REPORT: "Ctrl+Shift+B",
}


class CaseView(QWidget):
    sig_action_requested = Signal(str)
    """An action button was pressed (an EventKind value)."""
    sig_reveal_requested = Signal(int)
    """显示 was pressed for a party (its id)."""
    sig_receipt_requested = Signal()
    """受理回执 (Ctrl+P): print the receipt or save it as PDF."""
    sig_files_dropped = Signal(list)
    """Files were dropped on the case (local paths): attach them."""
    sig_refresh_requested = Signal()
    sig_case_requested = Signal(int)
    """A related case was opened (its id)."""
    sig_attachment_requested = Signal(int, bool)
    """Open (False) or save as (True) an attachment (its id)."""
    sig_map_requested = Signal(int)
    """在地图上查看 was pressed (the case's id); shown only for a case with a point."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("caseView")
        self.setAcceptDrops(True)  # photos and files dropped anywhere on the case are attached
        self.number_label = plain_label("pageTitle")
        self.title_label = plain_label("pageSubtitle")
        self.status_label = plain_label()
        self.deadline_label = plain_label("deadlineChip")
        self.supervision_label = plain_label("supervisionChip")
        self.risk_label = plain_label()
        self.claim_label = plain_label("hintLabel")  # who holds the case (领取), since when
        self.claim_label.hide()
        for chip_label in (
            self.status_label,
            self.deadline_label,
            self.supervision_label,
            self.risk_label,
        ):
            chip_label.setWordWrap(False)
        self.refresh_button = QPushButton()
        self.refresh_button.setToolTip("F5")
        self.receipt_button = QPushButton()
        self.receipt_button.setToolTip("Ctrl+P")
        self.receipt_button.clicked.connect(self.sig_receipt_requested)
        self.map_button = QPushButton()
        self.map_button.setIcon(icon("nav.map", theme.PRIMARY))
        self.map_button.hide()
        self.map_button.clicked.connect(self._on_map_button_clicked)
        self.state_label = QLabel()
        self.state_label.setObjectName("hintLabel")
        self.error_label = plain_label("errorLabel")
        self.error_label.hide()
        self.action_buttons: dict[EventKind, QPushButton] = {}
        bar = QHBoxLayout()
        bar.setSpacing(6)
        for kind in ACTION_ORDER:
            button = QPushButton()
            button.setObjectName(f"action_{kind}")
            button.hide()
            button.clicked.connect(partial(self._request_action, kind))
            self.action_buttons[kind] = button
            bar.addWidget(button)
            if kind in SHORTCUTS:
                shortcut = QShortcut(QKeySequence(SHORTCUTS[kind]), self)
                shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                shortcut.activated.connect(partial(self._on_action_shortcut, button))
        bar.addStretch(1)
        refresh = QShortcut(QKeySequence("F5"), self)
        refresh.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        refresh.activated.connect(self.sig_refresh_requested)
        receipt = QShortcut(QKeySequence(QKeySequence.StandardKey.Print), self)
        receipt.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        receipt.activated.connect(self.sig_receipt_requested)
        self.refresh_button.clicked.connect(self.sig_refresh_requested)

        self.fields_box = QGroupBox()
        self.fields = QFormLayout(self.fields_box)
        self.field_labels: dict[str, tuple[QLabel, QLabel]] = {}
        for key in (
            "channel",
            "category",
            "level",
            "received",
            "address",
            "grid",
            "point",
            "result",
            "satisfaction",
            "description",
        ):
            caption, value = QLabel(), plain_label(f"field_{key}")
            self.fields.addRow(caption, value)
            self.field_labels[key] = (caption, value)
        self.parties_box = QGroupBox()
        self.parties_table = read_only_table(6, "partiesTable")
        QVBoxLayout(self.parties_box).addWidget(self.parties_table)
        self.tasks_box = QGroupBox()
        self.tasks_table = read_only_table(7, "tasksTable")
        self.tasks_table.setWordWrap(False)
        QVBoxLayout(self.tasks_box).addWidget(self.tasks_table)
        self.attachments_box = AttachmentsBox()
        self.attachments_box.sig_attachment_requested.connect(self.sig_attachment_requested)
        self.related_box = QGroupBox()
        self.related_list = QListWidget()
        self.related_list.setObjectName("relatedList")
        self.related_list.setMaximumHeight(100)
        self.related_list.itemActivated.connect(self._on_related_list_item_activated)
        QVBoxLayout(self.related_box).addWidget(self.related_list)
        self.timeline_box = TimelineBox()
        self.timeline_table = self.timeline_box.table

        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        for box in (
            self.fields_box,
            self.parties_box,
            self.tasks_box,
            self.attachments_box,
            self.related_box,
        ):
            column.addWidget(box)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(left)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(scroll)
        splitter.addWidget(self.timeline_box)
        splitter.setStretchFactor(0, 5)
        splitter.setStretchFactor(1, 6)
        splitter.setSizes([760, 840])

        heading = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(self.number_label)
        titles.addWidget(self.title_label)
        heading.addLayout(titles, 1)
        for widget in (
            self.status_label,
            self.deadline_label,
            self.supervision_label,
            self.risk_label,
            self.claim_label,
            self.state_label,
            self.receipt_button,
            self.map_button,
            self.refresh_button,
        ):
            heading.addWidget(widget, 0, Qt.AlignmentFlag.AlignBottom)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addLayout(heading)
        layout.addLayout(bar)
        layout.addWidget(self.error_label)
        layout.addWidget(splitter, 1)
        self._detail = None
        self._now = None
        self.retranslate_ui()

    def _on_map_button_clicked(self) -> None:
        if self._detail is not None:
            self.sig_map_requested.emit(self._detail.id)

    # -- states
    def set_loading(self, loading: bool) -> None:
        self.state_label.setText(self.tr("Loading…") if loading else "")
        self.refresh_button.setEnabled(not loading)

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))

    # -- content
    def show_case(self, detail, actions: frozenset[EventKind], now: datetime) -> None:
        self._detail, self._now = detail, now
        self.show_error("")
        for kind, button in self.action_buttons.items():
            button.setVisible(kind in actions)
        self._fill()

    def _fill(self) -> None:
        d = self._detail
        if d is None:
            return
        self.number_label.setText(d.number)
        self.title_label.setText(d.title)
        self.status_label.setText(label("status", d.status))
        chip(self.status_label, None)
        due = when(d.due_at)
        if d.due_provisional:
            due += self.tr(" (provisional)")
        if d.suspended:
            due += self.tr(" · suspended")
        self.deadline_label.setText(self.tr("Deadline %1").replace("%1", due))
        chip(self.deadline_label, d.colour)
        self.deadline_label.setToolTip(label("deadline_colour", d.colour) if d.colour else "")
        supervised = d.supervision != SupervisionLevel.NONE
        self.supervision_label.setText(label("supervision_level", d.supervision))
        self.supervision_label.setVisible(supervised)
        chip(self.supervision_label, DeadlineColour.RED if supervised else None)
        self.risk_label.setText(self.tr("Risk: %1").replace("%1", label("risk", d.risk)))
        self.claim_label.setVisible(d.claimed_by is not None)
        if d.claimed_by is not None:
            self.claim_label.setText(
                self.tr("Held by %1 since %2 (lapses %3)")
                .replace("%1", d.claimed_by)
                .replace("%2", when(d.claimed_at))
                .replace("%3", when(d.claim_lapses_at))
            )
        values = {
            "channel": label("channel", d.channel),
            "category": d.category,
            "level": label("level", d.level) if d.level else "—",
            "received": when(d.received_at),
            "address": d.address or "—",
            "grid": d.grid or "—",
            "point": f"{d.lat:.6f}, {d.lng:.6f}" if d.lat is not None and d.lng else "—",
            "result": label("result", d.result) if d.result else "—",
            "satisfaction": label("satisfaction", d.satisfaction) if d.satisfaction else "—",
            "description": d.description or "—",
        }
        for key, text in values.items():
            self.field_labels[key][1].setText(text)
        self.map_button.setVisible(d.lat is not None and d.lng is not None)
        self._fill_parties(d.parties)
        self._fill_tasks(d.tasks)
        self.attachments_box.fill(d.attachments)
        self._fill_related(d.related)
        self.timeline_box.fill(d)

    def _fill_parties(self, parties) -> None:
        table = self.parties_table
        table.setRowCount(len(parties))
        for row, p in enumerate(parties):
            for col, text in enumerate(
                (label("party_role", p.role), p.name, p.phone, p.id_number, p.address)
            ):
                table.setItem(row, col, text_item(text))
            if p.masked and p.may_reveal:
                button = QPushButton(self.tr("Show"))
                button.setStyleSheet("padding: 0 10px; min-height: 0;")
                button.setObjectName(f"reveal_{p.id}")
                button.setToolTip(self.tr("Show the full personal data (the look is logged)"))
                button.clicked.connect(partial(self._request_reveal, p.id))
                table.setCellWidget(row, 5, button)
            else:
                table.removeCellWidget(row, 5)
                table.setItem(row, 5, text_item(""))
        fit_height(table)

    def show_party(self, party) -> None:
        """Replace a masked party row by what the reveal returned."""
        if self._detail is None:
            return
        for row, p in enumerate(self._detail.parties):
            if p.id == party.id:
                for col, text in enumerate(
                    (
                        label("party_role", party.role),
                        party.name,
                        party.phone,
                        party.id_number,
                        party.address,
                    )
                ):
                    self.parties_table.setItem(row, col, text_item(text))
                self.parties_table.removeCellWidget(row, 5)

    def _fill_tasks(self, tasks) -> None:
        table = self.tasks_table
        table.setRowCount(len(tasks))
        for row, t in enumerate(tasks):
            due = when(t.due_at) + (self.tr(" (provisional)") if t.due_provisional else "")
            cells = (
                label("task_role", t.role),
                t.department,
                t.assignee or "—",
                label("task_status", t.status),
                short(t.dispatched_at),
                short(t.signed_at),
                due,
            )
            for col, text in enumerate(cells):
                table.setItem(row, col, text_item(text))
            if t.colour is not None:
                fg, bg = COLOURS[t.colour]
                table.item(row, 6).setForeground(brush(fg))
                table.item(row, 6).setBackground(brush(bg))
                table.item(row, 6).setToolTip(label("deadline_colour", t.colour))
        fit_height(table)
        self.tasks_box.setVisible(bool(tasks))

    def _fill_related(self, related) -> None:
        self.related_list.clear()
        for r in related:
            relation = self.tr("Original") if r.relation == "original" else self.tr("Repeat")
            item = QListWidgetItem(
                f"{relation} · {r.number} · {r.title} · {label('status', r.status)}"
            )
            item.setData(Qt.ItemDataRole.UserRole, r.id)
            self.related_list.addItem(item)
        self.related_box.setVisible(bool(related))

    # Slots return None: a value returned to a Qt signal is not wanted (and PySide mishandles
    # some, such as the bool that emit() returns).
    def _request_action(self, kind: EventKind, *_args) -> None:
        self.sig_action_requested.emit(str(kind))

    def _on_action_shortcut(self, button: QPushButton) -> None:
        if button.isVisible():
            button.click()

    def _request_reveal(self, party_id: int, *_args) -> None:
        self.sig_reveal_requested.emit(party_id)

    def _on_related_list_item_activated(self, item: QListWidgetItem) -> None:
        self.sig_case_requested.emit(item.data(Qt.ItemDataRole.UserRole))

    def retranslate_ui(self) -> None:
        self.refresh_button.setText(self.tr("Refresh"))
        self.receipt_button.setText(self.tr("Receipt"))
        self.map_button.setText(self.tr("Show on map"))
        for kind, button in self.action_buttons.items():
            button.setText(self.action_text(kind))
            if kind in SHORTCUTS:
                button.setToolTip(f"{self.action_text(kind)} ({SHORTCUTS[kind]})")
        captions = {
            "channel": self.tr("Channel"),
            "category": self.tr("Category"),
            "level": self.tr("Level"),
            "received": self.tr("Received"),
            "address": self.tr("Address"),
            "grid": self.tr("Grid"),
            "point": self.tr("Point"),
            "result": self.tr("Result"),
            "satisfaction": self.tr("Satisfaction"),
            "description": self.tr("Description"),
        }
        for key, (caption, _) in self.field_labels.items():
            caption.setText(captions[key])
        self.fields_box.setTitle(self.tr("Case"))
        self.parties_box.setTitle(self.tr("Parties"))
        self.tasks_box.setTitle(self.tr("Sub-tasks"))
        self.related_box.setTitle(self.tr("Related cases"))
        self.parties_table.setHorizontalHeaderLabels(
            [
                self.tr("Role"),
                self.tr("Name"),
                self.tr("Phone"),
                self.tr("ID number"),
                self.tr("Address"),
                "",
            ]
        )
        self.tasks_table.setHorizontalHeaderLabels(
            [
                self.tr("Role"),
                self.tr("Department"),
                self.tr("Assignee"),
                self.tr("Status"),
                self.tr("Dispatched"),
                self.tr("Signed"),
                self.tr("Deadline"),
            ]
        )
        self._fill()

    def action_text(self, kind: EventKind) -> str:
        if kind == K.APPROVE_EXTENSION:
            return self.tr("Decide extension")
        if kind == K.NOTE:
            return self.tr("Handling record")
        return label("event_kind", kind)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt override)
        if local_paths(event):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 (Qt override)
        paths = local_paths(event)
        if paths:
            event.acceptProposedAction()
            self.sig_files_dropped.emit(paths)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
