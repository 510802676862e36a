"""The wall display: the dashboard's figures full screen, in larger type, one chart at a time.

Made for a screen on the center's wall: no navigation, no user name, no case lists or
personal data (the figures are counts; bars and tiles open nothing here). Esc or F11 leaves.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QFont, QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from desktop.clock import to_local
from desktop.services.dashboard_figures import Chart, DashboardFigures
from ui.dashboard.figures_panel import FiguresPanel

CYCLE_MS = 12_000
_LEAVE = {Qt.Key.Key_Escape, Qt.Key.Key_F11}


class WallDisplay(QWidget):
    sig_closed = Signal()
    """The wall display was left (Esc, F11 or closed)."""

    def __init__(self, place_name: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("wallDisplay")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._place = place_name
        self.title_label = QLabel()
        self.title_label.setObjectName("wallTitle")
        self.clock_label = QLabel()
        self.clock_label.setObjectName("wallClock")
        self.hint_label = QLabel()
        self.hint_label.setObjectName("hintLabel")
        self.panel = FiguresPanel(tile_columns=6)
        self.panel.section_label.hide()
        for chart in self.panel.charts.values():
            chart.hint_label.hide()
            chart.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            chart.plot.setMinimumHeight(420)
            font = QFont()
            font.setPointSize(16)
            for axis in ("left", "bottom"):
                chart.plot.getAxis(axis).setStyle(tickFont=font)
        for tile in self.panel.tiles.values():
            tile.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            tile.setCursor(Qt.CursorShape.ArrowCursor)
            tile.setMinimumSize(220, 170)
        # A display: the panel's clicks are connected to nothing, so nothing opens from here.
        self.current_chart = 0
        self._show_chart(0)
        self._cycle = QTimer(self)
        self._cycle.setInterval(CYCLE_MS)
        self._cycle.timeout.connect(self._on_cycle_timeout)
        self._cycle.start()

        top = QHBoxLayout()
        top.addWidget(self.title_label, 1)
        top.addWidget(self.clock_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 28, 40, 20)
        layout.setSpacing(16)
        layout.addLayout(top)
        layout.addWidget(self.panel, 1)
        layout.addWidget(self.hint_label, 0, Qt.AlignmentFlag.AlignRight)
        self.retranslate_ui()

    def show_figures(self, figures: DashboardFigures) -> None:
        self.panel.show_figures(figures)
        stamp = to_local(figures.now).strftime("%Y-%m-%d %H:%M")
        self.clock_label.setText(self.tr("Updated %1").replace("%1", stamp))

    def show_loading(self) -> None:
        self.panel.show_loading()

    def show_error(self, text: str) -> None:
        self.panel.show_error(text)

    def _show_chart(self, index: int) -> None:
        charts = list(Chart)
        self.current_chart = index % len(charts)
        for position, chart in enumerate(charts):
            self.panel.charts[chart].setVisible(position == self.current_chart)
        # one chart fills the grid: put it in the first cell
        grid = self.panel.chart_grid
        widget = self.panel.charts[charts[self.current_chart]]
        grid.removeWidget(widget)
        grid.addWidget(widget, 0, 0, 2, 2)

    def _on_cycle_timeout(self) -> None:
        self._show_chart(self.current_chart + 1)

    def retranslate_ui(self) -> None:
        title = self.tr("Governance center at a glance")
        self.title_label.setText(f"{self._place} · {title}" if self._place else title)
        self.hint_label.setText(self.tr("Esc leaves the wall display"))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in _LEAVE:
            self.close()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._cycle.stop()
        super().closeEvent(event)
        if event.isAccepted():
            self.sig_closed.emit()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
