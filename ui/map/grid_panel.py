"""The side panel of a clicked grid: who looks after it and how many cases it holds."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.enums import GridMemberRole, Status
from desktop.services.map_places import GridDetail
from ui.icons import icon
from ui.text import label


def _plain(text: str) -> QLabel:
    """A label that shows its text as text, never as rich text (user data is inert)."""
    widget = QLabel(text)
    widget.setTextFormat(Qt.TextFormat.PlainText)
    widget.setWordWrap(True)
    widget.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return widget


class GridPanel(QFrame):
    sig_cases_requested = Signal(int)
    """The user wants the queue of this grid's cases (the grid id)."""
    sig_closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("gridPanel")
        self.setMinimumWidth(280)
        self.setMaximumWidth(380)
        self.detail: GridDetail | None = None
        self.title_label = _plain("")
        self.title_label.setObjectName("sectionTitle")
        self.close_button = QPushButton()
        self.close_button.setObjectName("panelCloseButton")
        self.close_button.setIcon(icon("action.close"))
        self.close_button.setFlat(True)
        self.message_label = _plain("")
        self.message_label.setObjectName("hintLabel")
        self.facts = QFormLayout()
        self.counts = QFormLayout()
        self.people = QFormLayout()
        self.counts_title = QLabel()
        self.counts_title.setObjectName("fieldLabel")
        self.people_title = QLabel()
        self.people_title.setObjectName("fieldLabel")
        self.cases_button = QPushButton()
        self.cases_button.setObjectName("primaryButton")
        self.cases_button.setEnabled(False)

        head = QHBoxLayout()
        head.addWidget(self.title_label, 1)
        head.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 14)
        layout.addLayout(head)
        layout.addWidget(self.message_label)
        layout.addLayout(self.facts)
        layout.addSpacing(6)
        layout.addWidget(self.counts_title)
        layout.addLayout(self.counts)
        layout.addSpacing(6)
        layout.addWidget(self.people_title)
        layout.addLayout(self.people)
        layout.addStretch(1)
        layout.addWidget(self.cases_button)
        self.close_button.clicked.connect(self._on_close_button_clicked)
        self.cases_button.clicked.connect(self._on_cases_button_clicked)
        self.retranslate_ui()

    def show_loading(self) -> None:
        self._clear()
        self.message_label.setText(self.tr("Loading the grid…"))
        self.show()

    def show_error(self, text: str) -> None:
        self._clear()
        self.message_label.setText(text)
        self.show()

    def show_detail(self, detail: GridDetail) -> None:
        self._clear()
        self.detail = detail
        self.title_label.setText(detail.name)
        self.message_label.hide()
        place = " · ".join(p for p in (detail.street_name, detail.village_name) if p)
        self.facts.addRow(self.tr("Code"), _plain(detail.code))
        self.facts.addRow(self.tr("Community"), _plain(place))
        self.facts.addRow(self.tr("Kind"), _plain(label("grid_kind", detail.kind)))
        self.facts.addRow(
            self.tr("Residents"),
            _plain(self.tr("%1 people, %2 households").replace("%1", str(detail.population))
                   .replace("%2", str(detail.households))),
        )  # fmt: skip
        if detail.micro_grids:
            self.facts.addRow(self.tr("Micro-grids"), _plain(str(detail.micro_grids)))
        total = sum(detail.counts.values())
        self.counts.addRow(self.tr("All cases"), _plain(str(total)))
        for status in Status:
            if detail.counts.get(status):
                self.counts.addRow(label("status", status), _plain(str(detail.counts[status])))
        self.counts.addRow(self.tr("Overdue"), _plain(str(detail.overdue)))
        if not detail.people:
            self.people.addRow(_plain(self.tr("No grid workers recorded")))
        for person in detail.people:
            text = person.name + (f"  {person.phone}" if person.phone else "")
            self.people.addRow(label("grid_member_role", person.role), _plain(text))
        self.cases_button.setEnabled(total > 0)
        self.show()

    def police(self) -> list[str]:
        """Names of the grid's community police officers (for tests and the card)."""
        if self.detail is None:
            return []
        return [p.name for p in self.detail.people if p.role == GridMemberRole.POLICE]

    def _clear(self) -> None:
        self.detail = None
        self.title_label.setText("")
        self.message_label.show()
        self.cases_button.setEnabled(False)
        for form in (self.facts, self.counts, self.people):
            while form.rowCount():
                form.removeRow(0)

    def retranslate_ui(self) -> None:
        self.counts_title.setText(self.tr("Cases by status"))
        self.people_title.setText(self.tr("Grid workers and police"))
        self.cases_button.setText(self.tr("Open these cases in the queue"))
        self.close_button.setToolTip(self.tr("Close"))

    def _on_close_button_clicked(self) -> None:
        self.hide()
        self.sig_closed.emit()

    def _on_cases_button_clicked(self) -> None:
        if self.detail is not None:
            self.sig_cases_requested.emit(self.detail.id)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
