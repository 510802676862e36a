"""A bar chart (pyqtgraph) whose bars open their cases: by mouse, or by arrows and Enter.

Bars are created once per chart and updated with setOpts; an optional line (the 7-day
average) is one curve updated with setData.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from ui import theme

pg.setConfigOptions(antialias=True, background=theme.SURFACE, foreground=theme.TEXT_MUTED)

HIGHLIGHT = theme.NAV_ACCENT
_ACTIVATE = {Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space}


class BarChart(QFrame):
    sig_bar_activated = Signal(int)
    """A bar was clicked, or chosen with the arrows and Enter: its index."""

    def __init__(self, *, horizontal: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chartCard")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.horizontal = horizontal
        self.values: list[float] = []
        self.labels: list[str] = []
        self.colours: list[str] = []
        self.selected = -1
        self.title_label = QLabel()
        self.title_label.setObjectName("chartTitle")
        self.hint_label = QLabel()
        self.hint_label.setObjectName("hintLabel")
        self.plot = pg.PlotWidget()
        self.plot.setMenuEnabled(False)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.hideButtons()
        self.plot.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.plot.setMinimumHeight(190)
        self.plot.showGrid(x=horizontal, y=not horizontal, alpha=0.15)
        no_pen = pg.mkPen(None)
        self.bars = pg.BarGraphItem(x=[], height=[], width=0.7, pen=no_pen)
        if horizontal:
            self.bars = pg.BarGraphItem(x0=[], y=[], width=[], height=0.7, pen=no_pen)
        self.plot.addItem(self.bars)
        self.line = pg.PlotDataItem(pen=pg.mkPen(theme.DANGER, width=2))
        self.plot.addItem(self.line)
        self.plot.scene().sigMouseClicked.connect(self._on_scene_clicked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.setSpacing(4)
        layout.addWidget(self.title_label)
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.hint_label)

    def set_title(self, text: str) -> None:
        self.title_label.setText(text)
        self.setAccessibleName(text)

    def set_bars(
        self,
        labels: list[str],
        values: list[float],
        colours: list[str] | None = None,
        line: list[float | None] | None = None,
        tick_every: int = 1,
    ) -> None:
        self.labels, self.values = list(labels), list(values)
        self.colours = list(colours) if colours else [theme.PRIMARY] * len(values)
        if self.selected >= len(values):
            self.selected = -1
        positions = list(range(len(values)))
        ticks = [(i, labels[i]) for i in positions if i % tick_every == 0 or i == len(values) - 1]
        if self.horizontal:
            # first item at the top
            ys = [len(values) - 1 - i for i in positions]
            self.bars.setOpts(x0=[0] * len(values), y=ys, width=self.values, height=0.7)
            self.plot.getAxis("left").setTicks([[(len(values) - 1 - i, t) for i, t in ticks]])
            self.plot.setYRange(-0.6, max(len(values) - 0.4, 0.4), padding=0)
            self.plot.setXRange(0, max(self.values, default=0) * 1.08 or 1, padding=0)
        else:
            self.bars.setOpts(x=positions, height=self.values, width=0.7)
            self.plot.getAxis("bottom").setTicks([ticks])
            self.plot.setXRange(-0.6, max(len(values) - 0.4, 0.4), padding=0)
            top = max([*self.values, *(v for v in (line or []) if v is not None)], default=0)
            self.plot.setYRange(0, top * 1.1 or 1, padding=0)
        if line is not None:
            self.line.setData(positions, [v if v is not None else 0 for v in line])
        self._paint()

    def _paint(self) -> None:
        brushes = [
            pg.mkBrush(QColor(HIGHLIGHT if i == self.selected else c))
            for i, c in enumerate(self.colours)
        ]
        self.bars.setOpts(brushes=brushes)

    def index_at(self, scene_pos: QPointF) -> int:
        """The bar under a scene point, or -1."""
        point = self.plot.getPlotItem().vb.mapSceneToView(scene_pos)
        if self.horizontal:
            index = len(self.values) - 1 - round(point.y())
            along, offset = point.x(), point.y() - round(point.y())
        else:
            index = round(point.x())
            along, offset = point.y(), point.x() - index
        if not 0 <= index < len(self.values) or abs(offset) > 0.4:
            return -1
        return index if 0 <= along <= max(self.values[index], 0) or self.values[index] else -1

    def bar_centre(self, index: int) -> QPointF:
        """A scene point inside bar `index` (for tests that click a bar)."""
        vb = self.plot.getPlotItem().vb
        value = max(self.values[index], 0) / 2
        if self.horizontal:
            return vb.mapViewToScene(QPointF(value, len(self.values) - 1 - index))
        return vb.mapViewToScene(QPointF(index, value))

    def activate(self, index: int) -> None:
        if 0 <= index < len(self.values):
            self.selected = index
            self._paint()
            self.sig_bar_activated.emit(index)

    def _on_scene_clicked(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.activate(self.index_at(event.scenePos()))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        step = {Qt.Key.Key_Right: 1, Qt.Key.Key_Down: 1, Qt.Key.Key_Left: -1, Qt.Key.Key_Up: -1}
        if event.key() in step and self.values:
            self.selected = min(max(self.selected + step[event.key()], 0), len(self.values) - 1)
            self._paint()
            return
        if event.key() in _ACTIVATE and self.selected >= 0:
            self.activate(self.selected)
            return
        super().keyPressEvent(event)
