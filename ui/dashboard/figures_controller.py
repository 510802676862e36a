"""Keeps the dashboard's figures current and turns clicks into case lists.

Figures are counted on the database worker: at start, a moment after other seats change
cases (debounced, so a burst of changes costs one count), and every minute. A click looks
up the cases behind the number at the instant it was counted, then asks for the queue page.
"""

from __future__ import annotations

import logging

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal

from desktop.domain.principal import Principal
from desktop.errors import GovDeskError
from desktop.services.dashboard_figures import DashboardFigures, Target
from ui.dashboard.figures_panel import FiguresPanel
from ui.dashboard.wall import WallDisplay
from ui.tasks import TaskRunner
from ui.text import describe
from ui.watch import ChangeMonitor

log = logging.getLogger(__name__)

TICK_MS = 60_000
DEBOUNCE_MS = 1_500


def load_figures(session, principal: Principal) -> DashboardFigures:
    """Database worker only."""
    from desktop.services.dashboard_figures import dashboard_figures

    with session.begin():
        return dashboard_figures(session=session, principal=principal)


def load_target(session, principal: Principal, target: Target, now) -> list[int]:
    """Database worker only."""
    from desktop.services.dashboard_figures import target_ids

    with session.begin():
        return target_ids(session=session, principal=principal, target=target, now=now)


class FiguresController(QObject):
    sig_figures_changed = Signal(object)
    """Fresh figures arrived (a DashboardFigures)."""
    sig_cases_requested = Signal(object, str)
    """Open the queue page on these cases: (CaseFilter with ids, origin label)."""

    def __init__(
        self,
        runner: TaskRunner,
        principal: Principal,
        panel: FiguresPanel,
        monitor: ChangeMonitor | None = None,
        parent: QObject | None = None,
        debounce_ms: int = DEBOUNCE_MS,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._principal = principal
        self.panel = panel
        self._panels: list[FiguresPanel] = [panel]
        self._loading = False
        self._stale = False
        self.last: DashboardFigures | None = None
        self.wall: WallDisplay | None = None
        panel.sig_target_requested.connect(self._on_panel_target_requested)
        if monitor is not None:
            monitor.sig_cases_changed.connect(self._on_monitor_cases_changed)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(debounce_ms)
        self._debounce.timeout.connect(self.refresh)
        self._tick = QTimer(self)
        self._tick.setInterval(TICK_MS)
        self._tick.timeout.connect(self.refresh)

    def start(self) -> None:
        self._tick.start()
        self.refresh()

    def stop(self) -> None:
        self._tick.stop()
        self._debounce.stop()
        self.close_wall()

    def add_panel(self, panel: FiguresPanel) -> None:
        """Another view of the same figures (the wall display); it shows no drill-down."""
        self._panels.append(panel)
        if self.last is not None:
            panel.show_figures(self.last)

    def open_wall(self, place_name: str = "") -> WallDisplay:
        """Show the wall display full screen (one at a time); Esc on it leaves."""
        if self.wall is not None and shiboken6.isValid(self.wall):
            self.wall.activateWindow()
            return self.wall
        wall = self.wall = WallDisplay(place_name)
        wall.sig_closed.connect(lambda: self.remove_panel(wall))
        self.add_panel(wall)
        wall.showFullScreen()
        return wall

    def close_wall(self) -> None:
        if self.wall is not None and shiboken6.isValid(self.wall):
            self.wall.close()
        self.wall = None

    def remove_panel(self, panel: FiguresPanel) -> None:
        if panel in self._panels and panel is not self.panel:
            self._panels.remove(panel)

    def refresh(self) -> None:
        """Count again; a request during a count runs once more after it, never in parallel."""
        if self._loading:
            self._stale = True
            return
        self._loading = True
        self._stale = False
        for panel in self._live_panels():
            panel.show_loading()
        self._runner.db(load_figures, self._principal).owned_by(self).success(
            self._on_figures_loaded
        ).failure(self._on_figures_failed).finally_(self._on_figures_finished).run()

    def _live_panels(self) -> list[FiguresPanel]:
        self._panels = [p for p in self._panels if shiboken6.isValid(p)]
        return list(self._panels)

    def _on_figures_loaded(self, figures: DashboardFigures) -> None:
        self.last = figures
        for panel in self._live_panels():
            panel.show_figures(figures)
        self.sig_figures_changed.emit(figures)

    def _on_figures_failed(self, exc: BaseException) -> None:
        if isinstance(exc, GovDeskError):
            text = describe(exc)
        else:
            log.error("counting the dashboard figures failed", exc_info=exc)
            text = self.tr("The figures could not be counted. The details are in the log.")
        for panel in self._live_panels():
            panel.show_error(text)

    def _on_figures_finished(self) -> None:
        self._loading = False
        if self._stale:
            self.refresh()

    def _on_monitor_cases_changed(self) -> None:
        self._debounce.start()  # restarts: a burst of notices counts once, after it ends

    def _on_panel_target_requested(self, target: Target, origin: str) -> None:
        if self.last is None:
            return
        self._runner.db(load_target, self._principal, target, self.last.now).owned_by(self).success(
            lambda ids: self._on_target_loaded(ids, origin)
        ).failure(self._on_figures_failed).run()

    def _on_target_loaded(self, ids: list[int], origin: str) -> None:
        from desktop.services.case_filters import CaseFilter

        self.sig_cases_requested.emit(CaseFilter(ids=ids), origin)
