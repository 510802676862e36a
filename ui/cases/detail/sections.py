"""Two self-contained sections of the case view: its attachments and its timeline."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.timeline_words import event_words
from ui import i18n
from ui.cases.detail.cells import file_size, read_only_table, text_item, when
from ui.text import label


class AttachmentsBox(QGroupBox):
    """The case's files as thumbnails; Enter or 打开 opens one, 另存为 saves a copy."""

    sig_attachment_requested = Signal(int, bool)
    """Open (False) or save as (True) an attachment (its id)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.files = QListWidget()
        self.files.setObjectName("attachmentsList")
        self.files.setViewMode(QListWidget.ViewMode.IconMode)
        self.files.setIconSize(QSize(96, 72))
        self.files.setMaximumHeight(130)
        self.open_button = QPushButton()
        self.save_button = QPushButton()
        layout = QVBoxLayout(self)
        layout.addWidget(self.files)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.files.itemActivated.connect(lambda item: self._request(item, False))
        self.open_button.clicked.connect(lambda: self._request(None, False))
        self.save_button.clicked.connect(lambda: self._request(None, True))
        self.retranslate_ui()

    def fill(self, files) -> None:
        self.files.clear()
        for f in files:
            item = QListWidgetItem(f"{f.filename}\n{file_size(f.size)}")
            item.setData(Qt.ItemDataRole.UserRole, f.id)
            item.setToolTip(f.filename)
            if f.thumbnail:
                pixmap = QPixmap()
                if pixmap.loadFromData(f.thumbnail):
                    item.setIcon(QIcon(pixmap.scaled(96, 72, Qt.AspectRatioMode.KeepAspectRatio)))
            self.files.addItem(item)
        self.open_button.setEnabled(bool(files))
        self.save_button.setEnabled(bool(files))

    def _request(self, item, save: bool) -> None:
        item = item or self.files.currentItem() or self.files.item(0)
        if item is not None:
            self.sig_attachment_requested.emit(item.data(Qt.ItemDataRole.UserRole), save)

    def retranslate_ui(self) -> None:
        self.setTitle(self.tr("Attachments"))
        self.open_button.setText(self.tr("Open"))
        self.save_button.setText(self.tr("Save as…"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


class TimelineBox(QGroupBox):
    """Every event of the case, newest first: when, who, what (in words) and the note."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = read_only_table(4, "timelineTable")
        self.table.setWordWrap(True)
        for column in (2, 3):
            self.table.horizontalHeader().setSectionResizeMode(
                column, QHeaderView.ResizeMode.Stretch
            )
        QVBoxLayout(self).addWidget(self.table)
        self.retranslate_ui()

    def fill(self, detail) -> None:
        departments = {t.id: t.department for t in detail.tasks}
        lang = i18n.labels_lang()
        events = list(reversed(detail.events))  # what just happened is on top
        self.table.setRowCount(len(events))
        for row, e in enumerate(events):
            words = event_words(e.kind, e.data, departments, e.task_id, lang)
            if e.from_status and e.to_status and e.from_status != e.to_status:
                words += f"（{label('status', e.from_status)} → {label('status', e.to_status)}）"
            for col, text in enumerate((when(e.at), e.actor or "—", words, e.note or "")):
                self.table.setItem(row, col, text_item(text))
        self.table.resizeRowsToContents()

    def retranslate_ui(self) -> None:
        self.setTitle(self.tr("Timeline"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("When"), self.tr("Who"), self.tr("What"), self.tr("Note")]
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
