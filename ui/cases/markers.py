"""The coloured markers of a case row: deadline colour (绿/黄/红) and 督办 level (普通/黄牌/红牌)."""

from __future__ import annotations

import functools

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QIcon, QPainter, QPixmap

from desktop.domain.enums import DeadlineColour, Risk, SupervisionLevel
from desktop.services.queues import CaseRow
from ui import theme

PLACEHOLDER = "#9AA5B1"
DEADLINE = {
    DeadlineColour.GREEN: "#2E9D50",
    DeadlineColour.YELLOW: "#E0A800",
    DeadlineColour.RED: "#D93025",
}
SUPERVISION = {
    SupervisionLevel.NORMAL: "#1D4F91",
    SupervisionLevel.YELLOW_CARD: "#E0A800",
    SupervisionLevel.RED_CARD: "#D93025",
}
RISK = {Risk.YELLOW: "#B88A00", Risk.ORANGE: "#D9480F", Risk.RED: "#C0392B"}


@functools.cache
def _dot(colour: str) -> QIcon:
    pixmap = QPixmap(14, 14)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QBrush(QColor(colour)))
    painter.drawEllipse(QRectF(1, 1, 12, 12))
    painter.end()
    return QIcon(pixmap)


@functools.cache
def _card(colour: str) -> QIcon:
    """A small upright card, like a referee's (黄牌/红牌), or a blue flag for 普通督办."""
    pixmap = QPixmap(14, 14)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QColor(theme.BORDER))
    painter.setBrush(QBrush(QColor(colour)))
    painter.drawRoundedRect(QRectF(3, 0.5, 9, 13), 1.5, 1.5)
    painter.end()
    return QIcon(pixmap)


def decoration(row: CaseRow, column: str) -> QIcon | None:
    if column == "deadline_colour" and row.deadline_colour is not None:
        return _dot(DEADLINE[row.deadline_colour])
    if column == "supervision" and row.supervision in SUPERVISION:
        return _card(SUPERVISION[row.supervision])
    return None


def foreground(row: CaseRow, column: str) -> QBrush | None:
    if column == "due_at" and row.deadline_colour == DeadlineColour.RED:
        return QBrush(QColor(DEADLINE[DeadlineColour.RED]))
    if column == "risk" and row.risk in RISK:
        return QBrush(QColor(RISK[row.risk]))
    if column == "due_at" and row.due_provisional:
        return QBrush(QColor(theme.WARN))
    return None


def tooltip(row: CaseRow, column: str) -> str | None:
    if column == "due_at" and row.due_provisional:
        from PySide6.QtCore import QCoreApplication

        return QCoreApplication.translate(
            "CaseMarkers",
            "Provisional: the official calendar of this year is not known yet; the deadline "
            "counts Monday to Friday until an administrator enters it.",
        )
    return None
