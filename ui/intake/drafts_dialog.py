"""未保存的登记表: offered after sign-in, one line a draft; Enter restores, Delete (pressed
twice) throws one away, Esc leaves them for later (layout and keys only)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.clock import to_local
from desktop.services.drafts import Draft
from ui.intake.parties import field_error_label
from ui.text import label

DRAFT_ROLE = Qt.ItemDataRole.UserRole + 1


class DraftsDialog(QDialog):
    sig_restore_requested = Signal(object)
    """Restore this Draft into the intake form."""
    sig_discard_requested = Signal(object)
    """Delete this Draft (the clerk confirmed by pressing twice)."""

    def __init__(self, drafts: list[Draft], notice: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("draftsDialog")
        self.resize(640, 360)
        self.heading = QLabel()
        self.heading.setObjectName("pageTitle")
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.notice = QLabel(notice)
        self.notice.setObjectName("fieldHint")
        self.notice.setWordWrap(True)
        self.notice.setVisible(bool(notice))
        self.list = QListWidget()
        self.confirm = field_error_label()
        self.restore_button = QPushButton()
        self.restore_button.setObjectName("primaryButton")
        self.restore_button.setDefault(True)
        self.discard_button = QPushButton()
        self.later_button = QPushButton()
        buttons = QDialogButtonBox()
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.discard_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.addButton(self.later_button, QDialogButtonBox.ButtonRole.RejectRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.explanation)
        layout.addWidget(self.notice)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.confirm)
        layout.addWidget(buttons)
        self._armed: str | None = None  # the draft id a first Delete pointed at
        self.restore_button.clicked.connect(self._on_restore_clicked)
        self.discard_button.clicked.connect(self._on_discard_clicked)
        self.later_button.clicked.connect(self.reject)
        self.list.itemActivated.connect(lambda _item: self._on_restore_clicked())
        self.list.currentRowChanged.connect(self._on_list_current_row_changed)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.list,
                  self._on_discard_clicked)  # fmt: skip
        self.retranslate_ui()
        self.set_drafts(drafts)

    def set_drafts(self, drafts: list[Draft]) -> None:
        self.list.clear()
        for draft in drafts:
            item = QListWidgetItem(self.describe(draft))
            item.setData(DRAFT_ROLE, draft)
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        self.list.setFocus()

    def describe(self, draft: Draft) -> str:
        form = draft.form
        saved = to_local(draft.saved_at).strftime("%Y-%m-%d %H:%M")
        title = (form.get("title") or "").strip() or self.tr("(no title yet)")
        applicant = next((p.get("name", "") for p in form.get("parties") or [] if p.get("name")),
                         "")  # fmt: skip
        parts = [saved, label("channel", form.get("channel") or "walk_in"), title]
        if applicant:
            parts.append(applicant)
        if draft.files:
            parts.append(self.tr("%1 attachment(s)").replace("%1", str(len(draft.files))))
        return "  ·  ".join(parts)

    def current_draft(self) -> Draft | None:
        item = self.list.currentItem()
        return item.data(DRAFT_ROLE) if item is not None else None

    def remove_current(self) -> None:
        self.list.takeItem(self.list.currentRow())
        if self.list.count() == 0:
            self.accept()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Unsaved registration forms"))
        self.heading.setText(self.tr("Unsaved registration forms"))
        self.explanation.setText(self.tr(
            "These forms were being filled in when GovDesk last closed without saving them. "
            "Restore one to carry on where you left off."
        ))  # fmt: skip
        self.restore_button.setText(self.tr("Restore (Enter)"))
        self.discard_button.setText(self.tr("Discard (Del)"))
        self.later_button.setText(self.tr("Later (Esc)"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _on_list_current_row_changed(self, _row: int) -> None:
        self._armed = None
        self.confirm.hide()

    def _on_restore_clicked(self) -> None:
        draft = self.current_draft()
        if draft is not None:
            self.accept()
            self.sig_restore_requested.emit(draft)

    def _on_discard_clicked(self) -> None:
        draft = self.current_draft()
        if draft is None:
            return
        if self._armed != draft.id:
            self._armed = draft.id
            self.confirm.setText(self.tr(
                "Press Discard again to delete this form for good; what was typed is lost."
            ))  # fmt: skip
            self.confirm.show()
            return
        self._armed = None
        self.confirm.hide()
        self.sig_discard_requested.emit(draft)
        self.remove_current()
