"""今日在岗: the board of windows, check-in at the desk, on-call contacts, dispatch order."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.roster.widgets import hint, table

BOARD_COLUMNS = 6
ORDER_COLUMNS = 4


class TodayView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.when_label = QLabel()
        self.when_label.setObjectName("sectionTitle")
        self.refresh_button = QPushButton()
        self.loading_label = hint()
        self.error_label = hint("errorLabel")
        self.empty_label = hint()
        self.board_table = table(BOARD_COLUMNS)
        self.order_title = QLabel()
        self.order_title.setObjectName("sectionTitle")
        self.order_table = table(ORDER_COLUMNS)

        self.staff_combo = QComboBox()
        self.secret_edit = QLineEdit()
        self.secret_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.check_in_button = QPushButton()
        self.check_in_button.setObjectName("primaryButton")
        self.check_out_button = QPushButton()
        self.done_label = hint()
        self.visit_error_label = hint("errorLabel")
        self.on_call_title = QLabel()
        self.on_call_title.setObjectName("sectionTitle")
        self.on_call_list = QListWidget()

        head = QHBoxLayout()
        head.addWidget(self.when_label, 1)
        head.addWidget(self.refresh_button)
        left = QVBoxLayout()
        left.addLayout(head)
        left.addWidget(self.loading_label)
        left.addWidget(self.error_label)
        left.addWidget(self.empty_label)
        left.addWidget(self.board_table, 3)
        left.addWidget(self.order_title)
        left.addWidget(self.order_table, 2)

        card = QFrame()
        card.setObjectName("formCard")
        form = QFormLayout()
        self.staff_label, self.secret_label = QLabel(), QLabel()
        self.staff_label.setBuddy(self.staff_combo)
        self.secret_label.setBuddy(self.secret_edit)
        form.addRow(self.staff_label, self.staff_combo)
        form.addRow(self.secret_label, self.secret_edit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.check_in_button)
        buttons.addWidget(self.check_out_button)
        self.card_title = QLabel()
        self.card_title.setObjectName("sectionTitle")
        card_layout = QVBoxLayout(card)
        card_layout.addWidget(self.card_title)
        card_layout.addLayout(form)
        card_layout.addLayout(buttons)
        card_layout.addWidget(self.done_label)
        card_layout.addWidget(self.visit_error_label)
        right = QVBoxLayout()
        right.addWidget(card)
        right.addWidget(self.on_call_title)
        right.addWidget(self.on_call_list, 1)

        body = QHBoxLayout(self)
        body.setContentsMargins(0, 8, 0, 0)
        body.setSpacing(20)
        body.addLayout(left, 3)
        body.addLayout(right, 2)
        self.setTabOrder(self.staff_combo, self.secret_edit)
        self.setTabOrder(self.secret_edit, self.check_in_button)
        self.setTabOrder(self.check_in_button, self.check_out_button)
        self.secret_edit.returnPressed.connect(self.check_in_button.click)
        for label in (self.error_label, self.empty_label, self.visit_error_label, self.done_label):
            label.hide()  # fmt: skip
        self.retranslate_ui()

    def show_state(self, *, loading: bool = False, error: str = "", empty: str = "") -> None:
        """Loading, error and empty states of the board (the tables keep their last rows)."""
        self.loading_label.setVisible(loading)
        self.error_label.setText(error)
        self.error_label.setVisible(bool(error))
        self.empty_label.setText(empty)
        self.empty_label.setVisible(bool(empty))
        self.refresh_button.setEnabled(not loading)

    def show_visit_result(self, *, done: str = "", error: str = "") -> None:
        self.done_label.setText(done)
        self.done_label.setVisible(bool(done))
        self.visit_error_label.setText(error)
        self.visit_error_label.setVisible(bool(error))

    def set_visit_busy(self, busy: bool) -> None:
        for widget in (
            self.check_in_button,
            self.check_out_button,
            self.staff_combo,
            self.secret_edit,
        ):
            widget.setEnabled(not busy)  # fmt: skip

    def retranslate_ui(self) -> None:
        self.refresh_button.setText(self.tr("Re&fresh"))
        self.loading_label.setText(self.tr("Loading today's roster…"))
        self.board_table.setHorizontalHeaderLabels([
            self.tr("Window"), self.tr("Department"), self.tr("Person"), self.tr("Status"),
            self.tr("Checked in"), self.tr("Checked out")])  # fmt: skip
        self.order_title.setText(self.tr("Dispatch order: who can take a case now"))
        self.order_table.setHorizontalHeaderLabels([
            self.tr("Department"), self.tr("Where"), self.tr("Window"), self.tr("Person")])  # fmt: skip
        self.card_title.setText(self.tr("Check in at the desk"))
        self.staff_label.setText(self.tr("&Person"))
        self.secret_label.setText(self.tr("Pass&word or PIN"))
        self.secret_edit.setPlaceholderText(
            self.tr("Their own account password, or their 4–6 digit PIN")
        )
        self.check_in_button.setText(self.tr("Check &in"))
        self.check_out_button.setText(self.tr("Check &out"))
        self.on_call_title.setText(self.tr("On call (随驻)"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
