"""当事人 rows of the intake form: role, name (or 匿名), phone, ID number, address; the gender
and birth date read from a valid ID number are shown beside it (layout only)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.enums import PartyRole
from desktop.domain.identity import validate_id_number
from desktop.errors import GovDeskError
from ui.text import label


def field_error_label() -> QLabel:
    error = QLabel()
    error.setObjectName("errorLabel")
    error.setWordWrap(True)
    error.hide()
    return error


def id_facts(value: str) -> tuple[str, date] | None:
    """("male"|"female", birth date) from a valid ID number; None otherwise."""
    try:
        number = validate_id_number(value)
    except GovDeskError:
        return None
    birth = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    return ("male" if int(number[16]) % 2 else "female"), birth


class PartyRow(QFrame):
    sig_changed = Signal()
    """Any field of the row changed."""
    sig_number_edited = Signal(object)
    """The phone or ID number was edited (the row itself), for the person lookup."""
    sig_remove_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("partyRow")
        self.role = QComboBox()
        for role in PartyRole:
            self.role.addItem(label("party_role", role), str(role))
        self.name = QLineEdit()
        self.anonymous = QCheckBox()
        self.phone = QLineEdit()
        self.id_number = QLineEdit()
        self.id_number.setMaxLength(18)
        self.facts = QLabel()
        self.facts.setObjectName("fieldHint")
        self.address = QLineEdit()
        self.remove_button = QPushButton()
        self.errors = {key: field_error_label() for key in ("party_name", "phone", "id_number")}

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 4, 0, 4)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(2)
        grid.addWidget(self.role, 0, 0)
        grid.addWidget(self.name, 0, 1)
        grid.addWidget(self.anonymous, 0, 2)
        grid.addWidget(self.phone, 0, 3)
        grid.addWidget(self.id_number, 0, 4)
        grid.addWidget(self.remove_button, 0, 5)
        grid.addWidget(self.errors["party_name"], 1, 1, 1, 2)
        grid.addWidget(self.errors["phone"], 1, 3)
        grid.addWidget(self.errors["id_number"], 1, 4)
        grid.addWidget(self.address, 2, 1, 1, 3)
        grid.addWidget(self.facts, 2, 4)
        grid.setColumnStretch(1, 2)
        grid.setColumnStretch(3, 2)
        grid.setColumnStretch(4, 3)
        grid.setColumnStretch(2, 0)

        for edit in (self.name, self.address):
            edit.textChanged.connect(self.sig_changed)
        for edit in (self.phone, self.id_number):
            edit.textChanged.connect(self.sig_changed)
            edit.textEdited.connect(self._on_number_edited)
        self.id_number.textChanged.connect(self._on_id_number_changed)
        self.anonymous.toggled.connect(self._on_anonymous_toggled)
        self.role.currentIndexChanged.connect(self.sig_changed)
        self.remove_button.clicked.connect(lambda: self.sig_remove_requested.emit(self))
        self.retranslate_ui()

    def focus_order(self) -> list[QWidget]:
        """The row's fields in the order the eye reads them."""
        return [self.role, self.name, self.anonymous, self.phone, self.id_number, self.address,
                self.remove_button]  # fmt: skip

    def field_widget(self, field: str) -> QWidget:
        return {"party_name": self.name, "phone": self.phone, "id_number": self.id_number}.get(
            field, self.name
        )

    def retranslate_ui(self) -> None:
        self.name.setPlaceholderText(self.tr("Name"))
        self.anonymous.setText(self.tr("Anonymous"))
        self.anonymous.setToolTip(self.tr("A caller who gives no name (phone and 12345 only)"))
        self.phone.setPlaceholderText(self.tr("Phone"))
        self.id_number.setPlaceholderText(self.tr("ID number (18 characters)"))
        self.address.setPlaceholderText(self.tr("Address of the party"))
        self.remove_button.setText(self.tr("Remove"))
        self._on_id_number_changed(self.id_number.text())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _on_number_edited(self, _text: str) -> None:
        self.sig_number_edited.emit(self)

    def _on_id_number_changed(self, text: str) -> None:
        facts = id_facts(text) if len(text.strip()) == 18 else None
        if facts is None:
            self.facts.setText("")
            return
        gender, birth = facts
        words = self.tr("Male") if gender == "male" else self.tr("Female")
        self.facts.setText(
            self.tr("%1, born %2").replace("%1", words).replace("%2", birth.isoformat())
        )

    def _on_anonymous_toggled(self, checked: bool) -> None:
        self.name.setEnabled(not checked)
        if checked:
            self.name.clear()
        self.sig_changed.emit()


class PartiesBox(QWidget):
    """Any number of party rows, the first one the applicant."""

    sig_changed = Signal()
    sig_number_edited = Signal(object)
    sig_rows_changed = Signal()
    """A row was added or removed (the tab order needs rebuilding)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[PartyRow] = []
        self.add_button = QPushButton()
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(0)
        self._layout.addWidget(self.add_button)
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.retranslate_ui()

    def add_row(self, role: PartyRole = PartyRole.APPLICANT) -> PartyRow:
        row = PartyRow(self)
        row.role.setCurrentIndex(row.role.findData(str(role)))
        row.sig_changed.connect(self.sig_changed)
        row.sig_number_edited.connect(self.sig_number_edited)
        row.sig_remove_requested.connect(self._on_row_remove_requested)
        self._layout.insertWidget(len(self.rows), row)
        row.show()  # at once, not at the next event loop turn: Tab must reach it now
        self.rows.append(row)
        self.sig_rows_changed.emit()
        self.sig_changed.emit()
        return row

    def clear(self) -> None:
        for row in self.rows:
            self._layout.removeWidget(row)
            row.hide()
            row.deleteLater()
        self.rows = []

    def retranslate_ui(self) -> None:
        self.add_button.setText(self.tr("&Add party"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _on_add_button_clicked(self) -> None:
        role = PartyRole.APPLICANT if not self.rows else PartyRole.RESPONDENT
        self.add_row(role).role.setFocus()

    def _on_row_remove_requested(self, row: PartyRow) -> None:
        if len(self.rows) <= 1:
            return  # a case keeps at least its applicant row
        self.rows.remove(row)
        row.deleteLater()
        self.sig_rows_changed.emit()
        self.sig_changed.emit()
        self.rows[-1].name.setFocus()
