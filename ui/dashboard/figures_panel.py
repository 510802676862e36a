"""The live figures of the 工作台: six tiles and four charts (layout and wording only).

Used twice: on the dashboard page, and larger on the wall display. Clicks become
`sig_target_requested(Target, origin label)`; the controller looks the cases up.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from desktop.domain.enums import DeadlineColour
from desktop.services.dashboard_figures import (
    NO_CLOCK,
    RATE_TILES,
    Bar,
    Chart,
    DashboardFigures,
    Target,
    Tile,
)
from ui import theme
from ui.dashboard.chart import BarChart
from ui.dashboard.tile import FigureTile, change_of
from ui.text import label

COLOUR_BRUSH = {
    str(DeadlineColour.GREEN): "#2E9E5B",
    str(DeadlineColour.YELLOW): "#E0A100",
    str(DeadlineColour.RED): theme.DANGER,
    NO_CLOCK: "#9AA5B4",
}
HORIZONTAL = {Chart.CATEGORIES, Chart.STREETS}


class FiguresPanel(QWidget):
    sig_target_requested = Signal(object, str)
    """A tile or bar was chosen: (Target, a label saying where the list came from)."""

    def __init__(self, *, tile_columns: int = 6, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("figuresPanel")
        self.figures: DashboardFigures | None = None
        self.section_label = QLabel()
        self.section_label.setObjectName("sectionTitle")
        self.status_label = QLabel()
        self.status_label.setObjectName("hintLabel")
        self.error_label = QLabel()
        self.error_label.setObjectName("errorLabel")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.tiles: dict[Tile, FigureTile] = {}
        tile_grid = QGridLayout()
        tile_grid.setSpacing(12)
        for index, tile in enumerate(Tile):
            widget = self.tiles[tile] = FigureTile(tile)
            widget.sig_open_requested.connect(self._on_tile_open_requested)
            tile_grid.addWidget(widget, index // tile_columns, index % tile_columns)
        self.charts: dict[Chart, BarChart] = {}
        self.chart_grid = QGridLayout()
        self.chart_grid.setSpacing(12)
        for index, chart in enumerate(Chart):
            widget = self.charts[chart] = BarChart(horizontal=chart in HORIZONTAL)
            widget.sig_bar_activated.connect(lambda i, c=chart: self._on_chart_bar_activated(c, i))
            self.chart_grid.addWidget(widget, index // 2, index % 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        layout.addWidget(self.section_label)
        layout.addWidget(self.status_label)
        layout.addWidget(self.error_label)
        layout.addLayout(tile_grid)
        layout.addLayout(self.chart_grid)
        self.show_loading()
        self.retranslate_ui()

    # -- states --------------------------------------------------------------------------
    def show_loading(self) -> None:
        if self.figures is None:
            self.status_label.setText(self.tr("Counting the figures…"))

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()

    def show_figures(self, figures: DashboardFigures) -> None:
        self.figures = figures
        self.error_label.hide()
        self._fill()

    # -- filling -------------------------------------------------------------------------
    def _fill(self) -> None:
        figs = self.figures
        if figs is None:
            return
        for tile, widget in self.tiles.items():
            fig = figs.tiles[tile]
            delta, tone = change_of(fig)
            widget.set_figure(fig, self._change_text(tile, delta), tone)
        for chart, widget in self.charts.items():
            bars = figs.charts[chart]
            names = [self.bar_name(chart, b) for b in bars]
            values = [b.value for b in bars]
            if chart == Chart.DAILY_INTAKE:
                widget.set_bars(names, values, line=figs.average, tick_every=14)
            elif chart == Chart.DEADLINE_COLOUR:
                widget.set_bars(names, values, [COLOUR_BRUSH[b.key] for b in bars])
            else:
                widget.set_bars(names, values)
        empty = not any(b.value for bars in figs.charts.values() for b in bars)
        month = f"{figs.month.first.year}-{figs.month.first.month:02d}"
        text = self.tr("Month %1 for the rates and categories; open cases and overdue as of now.")
        if empty:
            text = self.tr("No cases yet in your jurisdiction: the figures fill as cases come in.")
        self.status_label.setText(text.replace("%1", month))

    def _change_text(self, tile: Tile, delta) -> str:
        against = self.tr("vs last month") if tile in RATE_TILES else self.tr("vs yesterday")
        if delta is None:
            return self.tr("— %1").replace("%1", against)
        if tile in RATE_TILES:
            number = self.tr("%1 pts").replace("%1", f"{delta:+.1f}")
        else:
            number = f"{int(delta):+,d}"
        if delta == 0:
            number = "±0"
        arrow = "▲" if delta > 0 else "▼" if delta < 0 else ""
        return f"{arrow}{number} {against}"

    def bar_name(self, chart: Chart, bar: Bar) -> str:
        if chart == Chart.DAILY_INTAKE:
            return bar.key.strftime("%m-%d")
        if chart == Chart.DEADLINE_COLOUR:
            if bar.key == NO_CLOCK:
                return self.tr("No running clock")
            return label("deadline_colour", bar.key)
        if chart == Chart.STREETS and bar.key is None:
            return self.tr("No street")
        return bar.name

    # -- clicks --------------------------------------------------------------------------
    def _on_tile_open_requested(self, code: str) -> None:
        if self.figures is None:
            return
        tile = Tile(code)
        self.sig_target_requested.emit(
            Target(tile), self.tr("Dashboard · %1").replace("%1", self.tile_name(tile))
        )

    def _on_chart_bar_activated(self, chart: Chart, index: int) -> None:
        if self.figures is None or index >= len(self.figures.charts[chart]):
            return
        bar = self.figures.charts[chart][index]
        origin = f"{self.chart_name(chart)} · {self.bar_name(chart, bar)}"
        self.sig_target_requested.emit(
            Target(chart, bar.key), self.tr("Dashboard · %1").replace("%1", origin)
        )

    # -- text ----------------------------------------------------------------------------
    def tile_name(self, tile: Tile) -> str:
        return {
            Tile.TODAY_INTAKE: self.tr("Accepted today"),
            Tile.OPEN: self.tr("Open cases"),
            Tile.OVERDUE: self.tr("Overdue"),
            Tile.RED_CARD: self.tr("Red-card supervision"),
            Tile.ON_TIME_RATE: self.tr("On-time rate this month"),
            Tile.SATISFACTION_RATE: self.tr("Satisfaction this month"),
        }[tile]

    def chart_name(self, chart: Chart) -> str:
        return {
            Chart.DAILY_INTAKE: self.tr("Accepted per day, last 90 days (line: 7-day average)"),
            Chart.DEADLINE_COLOUR: self.tr("Open cases by deadline colour"),
            Chart.CATEGORIES: self.tr("Top categories this month"),
            Chart.STREETS: self.tr("Open cases by street"),
        }[chart]

    def retranslate_ui(self) -> None:
        self.section_label.setText(self.tr("How the center stands"))
        for tile, widget in self.tiles.items():
            widget.set_name(self.tile_name(tile))
        for chart, widget in self.charts.items():
            widget.set_title(self.chart_name(chart))
            widget.hint_label.setText(self.tr("Click a bar (or use the arrows and Enter)"))
        self._fill()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
