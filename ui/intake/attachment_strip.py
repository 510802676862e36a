"""附件 of the intake form: a strip of thumbnails with 添加附件… and drag and drop (layout and
gestures only; the controller checks and keeps the files)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QImage, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.services.attachments import MAX_CASE_ATTACHMENT_BYTES, MB
from ui.icons import icon
from ui.intake.parties import field_error_label

THUMB = 64


@dataclass(frozen=True)
class PendingFile:
    """A checked file waiting to be saved with the case."""

    name: str
    kind: str  # a desktop.services.file_types.FileKind
    mime_type: str
    content: bytes
    sha256: str


def megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def local_paths(event: QDragEnterEvent | QDropEvent) -> list[str]:
    data = event.mimeData()
    if not data.hasUrls():
        return []
    return [url.toLocalFile() for url in data.urls() if url.isLocalFile()]


class AttachmentStrip(QFrame):
    sig_add_requested = Signal()
    """添加附件… was pressed: the controller opens the file dialog."""
    sig_paths_dropped = Signal(list)
    """Local files were dropped on the form (their paths)."""
    sig_remove_requested = Signal(int)
    """Delete on a thumbnail: remove the file at this index."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("attachmentStrip")
        self.setAcceptDrops(True)
        self.list = QListWidget()
        self.list.setViewMode(QListView.ViewMode.IconMode)
        self.list.setFlow(QListView.Flow.LeftToRight)
        self.list.setWrapping(False)
        self.list.setIconSize(QSize(THUMB, THUMB))
        self.list.setGridSize(QSize(THUMB + 56, THUMB + 40))
        self.list.setFixedHeight(THUMB + 56)
        self.list.setMovement(QListView.Movement.Static)
        self.list.setWordWrap(True)
        self.add_button = QPushButton(icon("action.attach"), "")
        self.summary = QLabel()
        self.summary.setObjectName("fieldHint")
        self.error = field_error_label()
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.add_button)
        top.addWidget(self.summary, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.list)
        layout.addWidget(self.error)
        self.add_button.clicked.connect(self.sig_add_requested)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.list,
                  self._on_delete_pressed)  # fmt: skip
        self._count = 0
        self._total = 0
        self.retranslate_ui()
        self.set_files([])

    def set_files(self, files: list[PendingFile]) -> None:
        self.list.clear()
        for file in files:
            item = QListWidgetItem(self._thumbnail(file), file.name)
            item.setToolTip(f"{file.name}\n{megabytes(len(file.content))}")
            self.list.addItem(item)
        self.list.setVisible(bool(files))
        self._count, self._total = len(files), sum(len(f.content) for f in files)
        self._show_summary()

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def _thumbnail(self, file: PendingFile):
        if file.kind == "image":
            image = QImage.fromData(file.content)
            if not image.isNull():  # heic, and a damaged photo, get the generic icon
                scaled = image.scaled(THUMB, THUMB, Qt.AspectRatioMode.KeepAspectRatio,
                                      Qt.TransformationMode.SmoothTransformation)  # fmt: skip
                return QPixmap.fromImage(scaled)
        return icon(f"file.{file.kind}")

    def _show_summary(self) -> None:
        if not self._count:
            self.summary.setText(self.tr("Photos and files: drop them here, or add them."))
            return
        self.summary.setText(
            self.tr("%1 file(s), %2 of %3 a case; Del removes the selected one.")
            .replace("%1", str(self._count))
            .replace("%2", megabytes(self._total))
            .replace("%3", f"{MAX_CASE_ATTACHMENT_BYTES // MB} MB")
        )

    def retranslate_ui(self) -> None:
        self.add_button.setText(self.tr("Add files…"))
        self._show_summary()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt override)
        if local_paths(event):
            event.acceptProposedAction()

    def dragMoveEvent(self, event) -> None:  # noqa: N802 (Qt override)
        event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 (Qt override)
        paths = local_paths(event)
        if paths:
            event.acceptProposedAction()
            self.sig_paths_dropped.emit(paths)

    def _on_delete_pressed(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            self.sig_remove_requested.emit(row)
