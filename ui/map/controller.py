"""Wires the 地图 page: loads map data for the filters in the background, draws it, answers
grid and incident clicks, and hands the queue and the case view what the user asks for."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, replace
from datetime import date, timedelta

from PySide6.QtCore import QObject, Signal

from desktop.clock import to_local
from desktop.domain.enums import OPEN_STATUSES, Channel, DeadlineColour, Risk, Status
from desktop.domain.principal import Principal
from desktop.errors import GovDeskError
from desktop.services.case_filters import CaseFilter
from ui.map.exporting import MapExporter
from ui.map.payload import cases_json, layers_json
from ui.map.search import SearchIndex, search_index
from ui.map.view import OPEN, MapPageView
from ui.tasks import TaskRunner
from ui.text import describe, label

log = logging.getLogger(__name__)

DEFAULT_DAYS = 30  # the date filter's first range, when the user ticks it


@dataclass(frozen=True)
class MapLoad:
    layers: str  # the page's data: ui.map.payload.layers_json, or cases_json without shapes
    shapes: bool  # layers holds the boundaries; else only counts and incidents over them
    search: SearchIndex | None  # with the shapes
    grids: int
    incidents: int
    truncated: bool
    today: date
    categories: tuple  # of filter_choices.Choice: the category tree
    build_ms: float  # database reads and page data, in this worker


def load_map(
    session, principal: Principal, flt: CaseFilter, titles, texts, fit, shapes: bool = True
) -> MapLoad:
    """Database worker only. Without `shapes`, only what the filter changes (the counts and
    incidents drawn over the shapes already on the page): a fifth of the reading and drawing."""
    from desktop.services.filter_choices import category_choices
    from desktop.services.map_data import map_cases, map_data
    from desktop.services.meta import clock_for

    started = time.perf_counter()
    with session.begin():
        now = clock_for(session).now()
        if shapes:
            data = map_data(session=session, principal=principal, filter=flt, now=now)
            grids, incidents = len(data.grids), data.incidents
        else:
            cases = map_cases(session=session, principal=principal, filter=flt, now=now)
            grids, incidents = len(cases.populations), cases.incidents
        categories = category_choices(session)
    if shapes:
        layers, index = layers_json(data, titles=titles, texts=texts, fit=fit), search_index(data)
    else:
        layers, index = cases_json(cases, titles=titles), None
    return MapLoad(
        layers=layers,
        shapes=shapes,
        search=index,
        grids=grids,
        incidents=len(incidents.ids),
        truncated=incidents.truncated,
        today=to_local(now).date(),
        categories=categories,
        build_ms=(time.perf_counter() - started) * 1000,
    )


def load_grid(session, principal: Principal, grid_id: int):
    """Database worker only."""
    from desktop.services.map_places import grid_detail
    from desktop.services.meta import clock_for

    with session.begin():
        now = clock_for(session).now()
        return grid_detail(session=session, principal=principal, grid_id=grid_id, now=now)


def load_case_row(session, principal: Principal, case_id: int):
    """Database worker only: the case's display row (masked), or None when not visible."""
    from desktop.services.queues import rows_for_ids

    with session.begin():
        rows = rows_for_ids(session=session, principal=principal, ids=[case_id])
        return rows[0] if rows else None


def load_points(session, principal: Principal, case_ids: list[int]):
    """Database worker only."""
    from desktop.services.map_data import case_points
    from desktop.services.meta import clock_for

    with session.begin():
        now = clock_for(session).now()
        return case_points(session=session, principal=principal, case_ids=case_ids, now=now)


class MapController(QObject):
    sig_cases_requested = Signal(object, str)
    """Open the queue on these cases: (CaseFilter, a label saying where they came from)."""
    sig_case_requested = Signal(int)
    """Open one case (its id)."""
    sig_loaded = Signal(object)
    """A data set reached the map (a MapLoad); its drawing follows (view.map.sig_drawn)."""

    def __init__(
        self, runner: TaskRunner, principal: Principal, view: MapPageView, monitor=None, parent=None
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._principal = principal
        self.view = view
        self._loading = False
        self._stale = False
        self._started = False
        self._first = True
        self._shapes_wanted = True  # the next load reads the boundaries too
        self.last: MapLoad | None = None
        self._grid_names: dict[int, str] = {}
        m = view.map
        m.sig_grid_clicked.connect(self._on_map_grid_clicked)
        m.sig_incident_clicked.connect(self._on_map_incident_clicked)
        m.sig_case_requested.connect(self.sig_case_requested)
        view.panel.sig_cases_requested.connect(self._on_panel_cases_requested)
        view.panel.sig_closed.connect(self._on_panel_closed)
        view.refresh_button.clicked.connect(self.reload)
        self.exporter = MapExporter(view.export_button, m, view.show_state, self)
        view.metric_combo.currentIndexChanged.connect(self._on_metric_changed)
        view.incidents_combo.currentIndexChanged.connect(self._on_incidents_changed)
        view.colouring_combo.currentIndexChanged.connect(self._on_incidents_changed)
        view.completer.activated.connect(self._on_search_activated)
        view.search_edit.returnPressed.connect(self._on_search_return_pressed)
        view.date_check.toggled.connect(self._on_date_check_toggled)
        view.category_picker.sig_changed.connect(self.refresh)
        view.category_picker.make_pinyin_with(runner)
        for combo in (
            view.channel_combo,
            view.status_combo,
            view.risk_combo,
            view.colour_combo,
        ):
            combo.currentIndexChanged.connect(self.refresh)
        view.from_edit.dateChanged.connect(self._on_date_changed)
        view.to_edit.dateChanged.connect(self._on_date_changed)
        if monitor is not None:
            monitor.sig_cases_changed.connect(self._on_monitor_cases_changed)

    # ---------------------------------------------------------------- public
    def start(self) -> None:
        """Load the map the first time the page is shown (later calls do nothing)."""
        if not self._started:
            self._started = True
            self.refresh()

    def reload(self) -> None:
        """Load everything again, boundaries too (刷新, and after a boundary import)."""
        self._shapes_wanted = True
        self.refresh()

    def refresh(self) -> None:
        """Load again for the current filters; a request during a load runs once after it.
        The boundaries on the map stay: only counts and incidents follow the filter."""
        if not self._started:
            return
        if self._loading:
            self._stale = True
            return
        self._loading = True
        self._stale = False
        self.view.show_state(self.tr("Loading the map…"))
        self._runner.db(
            load_map, self._principal, self.current_filter(), self._titles(), self._texts(),
            self._first, self._shapes_wanted,
        ).owned_by(self.view).success(self._on_map_loaded).failure(
            self._on_map_failed
        ).finally_(self._on_load_finished).run()  # fmt: skip

    def current_filter(self) -> CaseFilter:
        v = self.view
        status = v.status_combo.currentData()
        if status == OPEN:
            statuses = OPEN_STATUSES
        elif status is None:
            statuses = frozenset(Status)
        else:
            statuses = frozenset({Status(status)})
        category = v.category_picker.current_id()
        channel, risk = v.channel_combo.currentData(), v.risk_combo.currentData()
        colour = v.colour_combo.currentData()
        received = (None, None)
        if v.date_check.isChecked():
            received = (v.from_edit.date().toPython(), v.to_edit.date().toPython())
        return CaseFilter(
            statuses=statuses,
            category_ids={category} if category is not None else (),
            channels={Channel(channel)} if channel else (),
            risks={Risk(risk)} if risk else (),
            deadline_colour=DeadlineColour(colour) if colour else None,
            received_from=received[0],
            received_to=received[1],
        )

    def show_cases(self, case_ids: list[int]) -> None:
        """Ring these cases on the map and fit the view to them ("在地图上查看")."""
        self.start()
        self._runner.db(load_points, self._principal, list(case_ids)).owned_by(self.view).success(
            self._on_points_loaded
        ).run()

    # ---------------------------------------------------------------- texts for the page
    def _titles(self) -> dict[str, str]:
        return {
            "open": self.tr("Open cases"),
            "overdue": self.tr("Overdue cases"),
            "per1000": self.tr("Open cases per 1,000 residents"),
        }

    def _texts(self) -> dict[str, object]:
        return {
            "open": self.tr("open"),
            "overdue": self.tr("overdue"),
            "today": self.tr("today"),
            "per1000": self.tr("per 1,000 residents"),
            "none": self.tr("none"),
            "incidents": self.tr("Incidents"),
            "risks": [label("risk", r) for r in Risk],
            "deadlines": [self.tr("no deadline")]
            + [label("deadline_colour", c) for c in DeadlineColour],
        }

    # ---------------------------------------------------------------- results
    def _on_map_loaded(self, result: MapLoad) -> None:
        if result.search is None and self.last is not None:
            result = replace(result, search=self.last.search)
        self.last = result
        self._first = False
        self.view.show_error(None)
        self.view.set_categories(result.categories)
        if not self.view.date_check.isChecked():
            self.view.set_dates(result.today - timedelta(days=DEFAULT_DAYS), result.today)
        if result.shapes:
            self._shapes_wanted = False
            self.view.set_search_items(list(result.search))
            self.view.map.set_layers(result.layers)
        else:
            self.view.map.set_cases(result.layers)
        if result.grids == 0:
            state = self.tr("No grids are recorded in your jurisdiction")
        else:
            state = self.tr("%1 grids, %2 incidents").replace("%1", str(result.grids))
            state = state.replace("%2", str(result.incidents))
            if result.truncated:
                state += self.tr(" (the newest shown)")
        self.view.show_state(state)
        self.sig_loaded.emit(result)

    def _on_map_failed(self, exc: BaseException) -> None:
        if isinstance(exc, GovDeskError):
            text = describe(exc)
        else:
            log.error("loading the map failed", exc_info=exc)
            text = self.tr("The map could not be loaded. The details are in the log.")
        self.view.show_state("")
        self.view.show_error(text)

    def _on_load_finished(self) -> None:
        self._loading = False
        if self._stale:
            self.refresh()

    def _on_points_loaded(self, points) -> None:
        if not points:
            self.view.show_state(self.tr("None of these cases has a place on the map"))
            return
        self.view.map.highlight([(lat, lng) for _id, lat, lng in points])

    def _on_grid_loaded(self, detail) -> None:
        self.view.panel.show_detail(detail)

    def _on_grid_failed(self, exc: BaseException) -> None:
        text = describe(exc) if isinstance(exc, GovDeskError) else self.tr("Not available")
        if not isinstance(exc, GovDeskError):
            log.error("loading a grid failed", exc_info=exc)
        self.view.panel.show_error(text)

    def _on_card_loaded(self, row, lat: float, lng: float) -> None:
        if row is None:
            return
        received = to_local(row.received_at).strftime("%Y-%m-%d %H:%M")
        lines = [
            [self.tr("Number"), row.number],
            [self.tr("Status"), label("status", row.status)],
            [self.tr("Category"), row.category_name or ""],
            [self.tr("Received"), received],
            [self.tr("Grid"), row.grid_name or ""],
        ]
        card = {"title": row.title, "lines": lines, "button": self.tr("Open the case")}
        self.view.map.show_card(row.id, lat, lng, card)

    # ---------------------------------------------------------------- events
    def _on_map_grid_clicked(self, grid_id: int) -> None:
        self.view.panel.show_loading()
        self._runner.db(load_grid, self._principal, grid_id).owned_by(self.view).success(
            self._on_grid_loaded
        ).failure(self._on_grid_failed).run()

    def _on_map_incident_clicked(self, case_id: int, lat: float, lng: float) -> None:
        self._runner.db(load_case_row, self._principal, case_id).owned_by(self.view).success(
            lambda row: self._on_card_loaded(row, lat, lng)
        ).run()

    def _on_panel_cases_requested(self, grid_id: int) -> None:
        detail = self.view.panel.detail
        name = detail.name if detail is not None else str(grid_id)
        text = self.tr("Grid %1 (from the map)").replace("%1", name)
        self.sig_cases_requested.emit(CaseFilter(grid_ids={grid_id}), text)

    def _on_panel_closed(self) -> None:
        self.view.map.select_grid(None)

    def _on_metric_changed(self) -> None:
        self.view.map.set_grid_metric(self.view.metric_combo.currentData())

    def _on_incidents_changed(self) -> None:
        v = self.view
        v.map.set_incidents(v.incidents_combo.currentData(), v.colouring_combo.currentData())

    def _on_search_activated(self, text: str) -> None:
        if self.last is None or text not in self.last.search:
            return
        self.view.map.fly_to(*self.last.search[text])

    def _on_search_return_pressed(self) -> None:
        if self.last is None:
            return
        text = self.view.search_edit.text().strip()
        hit = self.last.search.find(text)
        if hit is None:
            self.view.show_state(
                self.tr("No grid, community or street matches “%1”").replace("%1", text)
            )
            return
        self.view.search_edit.setText(hit)
        self._on_search_activated(hit)

    def _on_date_check_toggled(self, on: bool) -> None:
        self.view.from_edit.setEnabled(on)
        self.view.to_edit.setEnabled(on)
        self.refresh()

    def _on_date_changed(self) -> None:
        if self.view.date_check.isChecked():
            self.refresh()

    def _on_monitor_cases_changed(self) -> None:
        if self.view.isVisible():
            self.refresh()
