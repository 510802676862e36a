"""One live figure as a tile: name, big number, and its change against the previous period."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from desktop.domain.metrics import DEFAULT_TARGETS, Metric
from desktop.services.dashboard_figures import RATE_TILES, Tile, TileFigure

# A rise is bad news for these (the change is coloured accordingly).
RISE_IS_BAD = frozenset({Tile.OPEN, Tile.OVERDUE, Tile.RED_CARD})
_ACTIVATE = {Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space}


def format_value(tile: Tile, value) -> str:
    if value is None:
        return "—"  # 0 ÷ 0: no cases to rate
    if tile in RATE_TILES:
        return f"{value * 100:.1f}%"
    return QLocale().toString(int(value))


def tone_of(fig: TileFigure) -> str:
    """danger: something is overdue; warn: a rate under its target."""
    if fig.tile in (Tile.OVERDUE, Tile.RED_CARD) and fig.value:
        return "danger"
    target = DEFAULT_TARGETS.get(Metric(RATE_TILES[fig.tile])) if fig.tile in RATE_TILES else None
    if target is not None and fig.value is not None and fig.value < target:
        return "warn"
    return ""


class FigureTile(QFrame):
    sig_open_requested = Signal(str)
    """The user clicked the tile (or pressed Enter on it): open its cases (a Tile value)."""

    def __init__(self, tile: Tile, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tile = tile
        self.figure: TileFigure | None = None
        self.setObjectName("figureTile")
        self.setProperty("tone", "")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumSize(150, 104)
        self.name_label = QLabel()
        self.name_label.setObjectName("tileName")
        self.value_label = QLabel("–")
        self.value_label.setObjectName("tileValue")
        self.change_label = QLabel()
        self.change_label.setObjectName("tileChange")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(2)
        layout.addWidget(self.name_label)
        layout.addWidget(self.value_label)
        layout.addWidget(self.change_label)

    def set_name(self, text: str) -> None:
        self.name_label.setText(text)
        self.setAccessibleName(text)

    def set_figure(self, fig: TileFigure, change_text: str, change_tone: str) -> None:
        self.figure = fig
        self.value_label.setText(format_value(self.tile, fig.value))
        self.change_label.setText(change_text)
        self.change_label.setProperty("tone", change_tone)
        tone = tone_of(fig)
        self.setProperty("tone", tone)
        for widget in (self, self.name_label, self.value_label, self.change_label):
            widget.style().unpolish(widget)
            widget.style().polish(widget)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(
            event.position().toPoint()
        ):
            self.sig_open_requested.emit(str(self.tile))
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in _ACTIVATE:
            self.sig_open_requested.emit(str(self.tile))
            return
        super().keyPressEvent(event)


def change_of(fig: TileFigure) -> tuple[float | None, str]:
    """The change against the previous period, and its tone ("good", "bad" or "")."""
    if fig.value is None or fig.previous is None:
        return None, ""
    delta = fig.value - fig.previous
    if fig.tile in RATE_TILES:
        delta = round(delta * 100, 1)  # percentage points, as shown: +0.04 is no change
    if abs(delta) < 1e-9:
        return 0, ""
    bad = (delta > 0) == (fig.tile in RISE_IS_BAD)
    return delta, "bad" if bad else "good"
