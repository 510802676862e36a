"""One named queue as a card: icon, name, count; yellow or red for the deadline queues."""

from __future__ import annotations

from PySide6.QtCore import QLocale, QSize, Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from desktop.domain.enums import NamedQueue
from ui import theme
from ui.icons import icon

TONES = {NamedQueue.DUE_SOON: "warn", NamedQueue.OVERDUE: "danger"}
_ICON_COLOUR = {"": theme.PRIMARY, "warn": theme.WARN, "danger": theme.DANGER}


class QueueCard(QFrame):
    sig_open_requested = Signal(str)
    """The user clicked the card: open this queue (a NamedQueue value)."""

    def __init__(self, queue: NamedQueue, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.queue = queue
        self._count: int | None = None
        self.setObjectName("queueCard")
        self.setProperty("tone", "")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setMinimumSize(200, 118)
        self.icon_label = QLabel()
        self.name_label = QLabel()
        self.name_label.setObjectName("queueName")
        self.count_label = QLabel("–")
        self.count_label.setObjectName("queueCount")
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom)

        top = QHBoxLayout()
        top.setSpacing(8)
        top.addWidget(self.icon_label)
        top.addWidget(self.name_label, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addStretch(1)
        layout.addWidget(self.count_label)
        self._paint_icon()

    @property
    def tone(self) -> str:
        return self.property("tone") or ""

    @property
    def count(self) -> int | None:
        return self._count

    def set_name(self, text: str) -> None:
        self.name_label.setText(text)

    def set_count(self, count: int) -> None:
        self._count = count
        self.count_label.setText(QLocale().toString(count))  # 20,000 reads faster than 20000
        tone = TONES.get(self.queue, "") if count > 0 else ""
        if tone != self.tone:
            self.setProperty("tone", tone)
            for widget in (self, self.name_label, self.count_label):
                widget.style().unpolish(widget)
                widget.style().polish(widget)
            self._paint_icon()

    def _paint_icon(self) -> None:
        colour = _ICON_COLOUR[self.tone]
        self.icon_label.setPixmap(icon(f"queue.{self.queue}", colour).pixmap(QSize(22, 22)))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(
            event.position().toPoint()
        ):
            self.sig_open_requested.emit(str(self.queue))
        super().mouseReleaseEvent(event)
