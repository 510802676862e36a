"""The frame every action dialog shares: rows with a message under each, Ctrl+Enter, Esc.

A dialog never closes on a refusal: the controller shows the message next to the field it
names (or at the top) and everything typed stays. It closes only when the action succeeded
(`finish()`) or the user cancels.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class FormDialog(QDialog):
    sig_submitted = Signal(dict)
    """The user confirmed; the values for the service, by keyword."""

    def __init__(self, title: str, confirm_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("actionDialog")
        self.setWindowTitle(title)
        # Not modal: other cases and windows stay usable; the controller allows one dialog
        # per case and brings it forward when another action of that case is asked for.
        self.setWindowModality(Qt.WindowModality.NonModal)
        self.setMinimumWidth(460)
        self.rows: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self._aliases: dict[str, str] = {}
        self.intro_label = QLabel()
        self.intro_label.setObjectName("hintLabel")
        self.intro_label.setWordWrap(True)
        self.intro_label.setTextFormat(Qt.TextFormat.PlainText)
        self.intro_label.hide()
        self.error_label = QLabel()
        self.error_label.setObjectName("errorLabel")
        self.error_label.setWordWrap(True)
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.hide()
        # Another seat changed the case while this dialog was open (live refresh).
        self.changed_label = QLabel()
        self.changed_label.setObjectName("warningLabel")
        self.changed_label.setStyleSheet("color: #B9770E;")
        self.changed_label.setWordWrap(True)
        self.changed_label.hide()
        self.form = QFormLayout()
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.confirm_button = QPushButton(confirm_text)
        self.confirm_button.setObjectName("primaryButton")
        self.confirm_button.setDefault(False)
        self.confirm_button.setAutoDefault(False)
        self.confirm_button.setToolTip(self.tr("Confirm (Ctrl+Enter)"))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.setToolTip(self.tr("Close without saving (Esc)"))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.confirm_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro_label)
        layout.addWidget(self.error_label)
        layout.addWidget(self.changed_label)
        layout.addLayout(self.form)
        layout.addSpacing(8)
        layout.addLayout(buttons)
        self.confirm_button.clicked.connect(self._on_confirm_button_clicked)
        self.cancel_button.clicked.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            # Scoped to this dialog: several dialogs (of several cases) may be open at once.
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self._on_confirm_button_clicked)

    def set_intro(self, text: str) -> None:
        self.intro_label.setText(text)
        self.intro_label.setVisible(bool(text))

    def add_row(self, key: str, title: str, widget: QWidget, *aliases: str) -> QWidget:
        """A labelled input with its own message line; `aliases` are error field names."""
        error = QLabel()
        error.setObjectName("fieldError")
        error.setStyleSheet("color: #C0392B;")
        error.setWordWrap(True)
        error.setTextFormat(Qt.TextFormat.PlainText)
        error.hide()
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        column.addWidget(error)
        self.form.addRow(title, box)
        self.rows[key] = widget
        self.errors[key] = error
        for alias in (key, *aliases):
            self._aliases[alias] = key
        return widget

    def values(self) -> dict[str, Any]:  # overridden by each dialog
        return {}

    def check(self, values: dict[str, Any]) -> bool:
        """Checks that need no database (required fields); shows their messages."""
        return True

    # -- messages
    def clear_errors(self) -> None:
        self.error_label.hide()
        for label in self.errors.values():
            label.hide()

    def show_error(self, text: str, field: str | None = None) -> None:
        """Show a refusal next to the field it names, or at the top; focus that field."""
        key = self._aliases.get(field or "")
        if key is None:
            self.error_label.setText(text)
            self.error_label.show()
            return
        self.errors[key].setText(text)
        self.errors[key].show()
        self.rows[key].setFocus()

    def show_case_changed(self) -> None:
        """Warn that the case changed since the dialog opened; the input stays as typed."""
        self.changed_label.setText(
            self.tr(
                "Someone else has changed this case since this dialog opened. Your input is "
                "kept; saving will show what changed before anything is overwritten."
            )
        )
        self.changed_label.show()

    def require(self, key: str, filled: bool, title: str) -> bool:
        if not filled:
            self.show_error(self.tr("Please fill in %1").replace("%1", title), key)
        return filled

    def set_busy(self, busy: bool) -> None:
        self.confirm_button.setEnabled(not busy)

    def finish(self) -> None:
        """The action succeeded."""
        self.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Also here, not only as a QShortcut: a key sent to the dialog itself confirms too.
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self._on_confirm_button_clicked()
            return
        super().keyPressEvent(event)

    def _on_confirm_button_clicked(self) -> None:
        if not self.confirm_button.isEnabled():
            return
        self.clear_errors()
        values = self.values()
        if self.check(values):
            self.sig_submitted.emit(values)
