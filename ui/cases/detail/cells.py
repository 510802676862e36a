"""Small pieces of the case view: times, deadline chips, inert text cells, table heights."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
)

from desktop.clock import to_local
from desktop.domain.enums import DeadlineColour
from ui import theme

COLOURS = {
    DeadlineColour.GREEN: ("#2E7D32", "#E8F5E9"),
    DeadlineColour.YELLOW: (theme.WARN, theme.WARN_BG),
    DeadlineColour.RED: (theme.DANGER, theme.DANGER_BG),
}


def when(moment: datetime | None) -> str:
    return to_local(moment).strftime("%Y-%m-%d %H:%M") if moment else "—"


def short(moment: datetime | None) -> str:
    return to_local(moment).strftime("%m-%d %H:%M") if moment else "—"


def chip(widget: QLabel, colour: DeadlineColour | None) -> None:
    fg, bg = COLOURS.get(colour, (theme.TEXT_MUTED, theme.BACKGROUND))
    widget.setStyleSheet(f"color: {fg}; background: {bg}; border-radius: 4px; padding: 2px 8px;")


def text_item(text: str | None) -> QTableWidgetItem:
    item = QTableWidgetItem(text or "")  # user text is inert in a table item
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    return item


def plain_label(name: str = "") -> QLabel:
    widget = QLabel()
    widget.setTextFormat(Qt.TextFormat.PlainText)
    widget.setWordWrap(True)
    widget.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if name:
        widget.setObjectName(name)
    return widget


def fit_height(table: QTableWidget) -> None:
    """Short tables in the scrolling column show all their rows without a scroll bar."""
    table.resizeRowsToContents()
    rows = sum(table.rowHeight(r) for r in range(table.rowCount()))
    scroll = table.horizontalScrollBar().sizeHint().height()  # room for it if it shows
    table.setFixedHeight(table.horizontalHeader().sizeHint().height() + rows + scroll + 6)


def brush(colour: str) -> QBrush:
    return QBrush(QColor(colour))


def file_size(size: int) -> str:
    return f"{size / 1024:.0f} KB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.1f} MB"


def read_only_table(columns: int, name: str) -> QTableWidget:
    """A table of whole rows to read (no editing), its columns fitted to their contents."""
    table = QTableWidget(0, columns)
    table.setObjectName(name)
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table
