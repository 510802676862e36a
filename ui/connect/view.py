"""The dialog shown when the database cannot be reached, and the one to type another URL."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui import theme
from ui.icons import icon


class UnreachableView(QDialog):
    """Names the database (password hidden) and offers Retry and Settings; never a traceback."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("unreachableDialog")
        self.setMinimumWidth(580)

        self.icon_label = QLabel()
        self.icon_label.setPixmap(icon("state.db_error", theme.DANGER).pixmap(QSize(48, 48)))
        self.title_label = QLabel()
        self.title_label.setObjectName("sectionTitle")
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self.url_caption = QLabel()
        self.url_caption.setObjectName("hintLabel")
        self.url_label = QLabel()
        self.url_label.setObjectName("dbUrl")
        self.url_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.url_label.setWordWrap(True)
        self.status_label = QLabel()
        self.status_label.setObjectName("hintLabel")

        self.retry_button = QPushButton()
        self.retry_button.setObjectName("primaryButton")
        self.retry_button.setDefault(True)
        self.settings_button = QPushButton()
        self.quit_button = QPushButton()

        head = QHBoxLayout()
        head.setSpacing(16)
        head.addWidget(self.icon_label, 0, Qt.AlignmentFlag.AlignTop)
        text = QVBoxLayout()
        text.setSpacing(8)
        text.addWidget(self.title_label)
        text.addWidget(self.message_label)
        text.addSpacing(4)
        text.addWidget(self.url_caption)
        text.addWidget(self.url_label)
        text.addWidget(self.status_label)
        head.addLayout(text, 1)

        buttons = QHBoxLayout()
        buttons.addWidget(self.quit_button)
        buttons.addStretch(1)
        buttons.addWidget(self.settings_button)
        buttons.addWidget(self.retry_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 20)
        layout.setSpacing(20)
        layout.addLayout(head)
        layout.addLayout(buttons)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Database unreachable"))
        self.title_label.setText(self.tr("Cannot connect to the database"))
        self.url_caption.setText(self.tr("Database:"))
        self.retry_button.setText(self.tr("Retry"))
        self.settings_button.setText(self.tr("Settings…"))
        self.quit_button.setText(self.tr("Quit"))

    def set_busy(self, busy: bool) -> None:
        self.status_label.setText(self.tr("Connecting…") if busy else "")
        for button in (self.retry_button, self.settings_button):
            button.setEnabled(not busy)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


class DatabaseUrlView(QDialog):
    """Type another database URL; it is saved without its password."""

    def __init__(self, url: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumWidth(560)
        self.caption_label = QLabel()
        self.url_edit = QLineEdit(url)
        self.url_edit.setObjectName("urlEdit")
        self.hint_label = QLabel()
        self.hint_label.setObjectName("hintLabel")
        self.hint_label.setWordWrap(True)
        self.button_box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.button_box.accepted.connect(self.accept)
        self.button_box.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(10)
        layout.addWidget(self.caption_label)
        layout.addWidget(self.url_edit)
        layout.addWidget(self.hint_label)
        layout.addSpacing(6)
        layout.addWidget(self.button_box)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Database settings"))
        self.caption_label.setText(self.tr("Database URL"))
        self.hint_label.setText(
            self.tr(
                "For example sqlite:///C:/GovDesk/govdesk.sqlite for one seat, or "
                "postgresql://user@server:5432/govdesk for several seats. A password typed "
                "here is used for this session only and is never saved."
            )
        )

    def url(self) -> str:
        return self.url_edit.text().strip()
