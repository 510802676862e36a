"""MapView: the one widget that shows a map; nothing outside ui/map knows folium or JavaScript.

The page (ui.map.page) is written to a private temporary folder and loaded from the file
(setHtml fails above 2 MB) when the view is first shown. Data go in as script files in the same folder, loaded by the page,
so megabytes of GeoJSON never pass through runJavaScript. The page says "ready" through a
QWebChannel bridge; calls made before that wait in a queue and go out in order, with no nested
event loop anywhere. Every call returns at once.
"""

from __future__ import annotations

import html
import json
import logging
import shutil
import tempfile
import weakref
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QUrl, Signal, Slot
from PySide6.QtWebChannel import QWebChannel
from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineSettings
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QWidget

from ui.map.export import script_json, write_html
from ui.map.page import write_page
from ui.map.tiles import BaseMap, layer_options

log = logging.getLogger(__name__)

GRID_METRICS = ("open", "overdue", "per1000")
# What JSON text needs to become the body of a single-quoted script string.
_JS_STRING = (("\\", "\\\\"), ("'", "\\'"), ("\n", "\\n"), ("\r", "\\r"),
              ("\u2028", "\\u2028"), ("\u2029", "\\u2029"))  # fmt: skip
INCIDENT_MODES = ("clusters", "heat", "none")
INCIDENT_COLOURINGS = ("deadline", "risk")


class MapBridge(QObject):
    """What the page may call; each slot only re-emits a signal on the GUI thread."""

    sig_ready = Signal()
    sig_drawn = Signal(int)
    sig_grid_clicked = Signal(int)
    sig_incident_clicked = Signal(int, float, float)
    sig_point_picked = Signal(float, float)
    sig_case_requested = Signal(int)
    sig_report = Signal(str, str)

    @Slot()
    def ready(self) -> None:
        self.sig_ready.emit()

    @Slot(int)
    def drawn(self, seq: int) -> None:
        self.sig_drawn.emit(seq)

    @Slot(int)
    def gridClicked(self, grid_id: int) -> None:  # noqa: N802 (JavaScript's name)
        self.sig_grid_clicked.emit(grid_id)

    @Slot(int, float, float)
    def incidentClicked(self, case_id: int, lat: float, lng: float) -> None:  # noqa: N802
        self.sig_incident_clicked.emit(case_id, lat, lng)

    @Slot(float, float)
    def pointPicked(self, lat: float, lng: float) -> None:  # noqa: N802
        self.sig_point_picked.emit(lat, lng)

    @Slot(int)
    def caseRequested(self, case_id: int) -> None:  # noqa: N802
        self.sig_case_requested.emit(case_id)

    @Slot(str, str)
    def report(self, kind: str, text: str) -> None:
        self.sig_report.emit(kind, text)


class _MapPage(QWebEnginePage):
    """Logs the page's console errors; a dialog (alert) never shows, it is reported instead."""

    sig_alert = Signal(str)

    def javaScriptAlert(self, _origin: QUrl, message: str) -> None:  # noqa: N802
        self.sig_alert.emit(message)

    def javaScriptConsoleMessage(self, level, message: str, line: int, source: str) -> None:  # noqa: N802
        if level == QWebEnginePage.JavaScriptConsoleMessageLevel.ErrorMessageLevel:
            log.warning("map page: %s (%s:%s)", message, source, line)


class MapView(QWebEngineView):
    sig_ready = Signal()
    """The page is up and listening; queued calls have been sent."""
    sig_drawn = Signal(int)
    """Every layer of data file `seq` is on the map and painted."""
    sig_grid_clicked = Signal(int)
    """The user clicked a grid (its id)."""
    sig_incident_clicked = Signal(int, float, float)
    """The user clicked an incident: case id, lat, lng."""
    sig_point_picked = Signal(float, float)
    """In picking mode, the user clicked the map at (lat, lng)."""
    sig_case_requested = Signal(int)
    """The user asked to open a case from its card on the map."""
    sig_exported = Signal(str)
    """An export_html call wrote its file (the path)."""
    sig_page_problem = Signal(str, str)
    """The page reported an alert, a script error or a failed resource: (kind, text)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mapView")
        self._folder = Path(tempfile.mkdtemp(prefix="govdesk-map-"))
        # Not a slot on `destroyed`: that may run while the interpreter is finalizing.
        weakref.finalize(self, shutil.rmtree, self._folder, True)
        self._ready = False
        self._queue: list[str] = []
        self._seq = 0
        self.problems: list[tuple[str, str]] = []  # everything the page reported, for tests
        self.bridge = MapBridge(self)
        self.bridge.sig_ready.connect(self._on_bridge_ready)
        self.bridge.sig_drawn.connect(self.sig_drawn)
        self.bridge.sig_grid_clicked.connect(self.sig_grid_clicked)
        self.bridge.sig_incident_clicked.connect(self.sig_incident_clicked)
        self.bridge.sig_point_picked.connect(self.sig_point_picked)
        self.bridge.sig_case_requested.connect(self.sig_case_requested)
        self.bridge.sig_report.connect(self._on_page_problem)
        self._loaded = False
        self.base_map: BaseMap | None = None
        self._layers: str | None = None  # the data on the page now, for exports
        self._cases: str | None = None  # the counts and incidents drawn over them since

    def _load_page(self) -> None:
        page = _MapPage(self)
        settings = page.settings()
        # Tiles come through our own scheme (ui.map.tiles): the page reaches no remote URL.
        settings.setAttribute(
            QWebEngineSettings.WebAttribute.LocalContentCanAccessRemoteUrls, False
        )
        settings.setAttribute(QWebEngineSettings.WebAttribute.JavascriptCanOpenWindows, False)
        channel = QWebChannel(page)
        channel.registerObject("bridge", self.bridge)
        page.setWebChannel(channel)
        page.sig_alert.connect(self._on_page_alert)
        self.setPage(page)
        self.setUrl(QUrl.fromLocalFile(str(write_page(self._folder))))

    def showEvent(self, event) -> None:  # noqa: N802
        # The page (and Chromium's renderer process) starts when the map is first shown, so
        # signing in costs nothing until someone opens the map.
        if not self._loaded:
            self._loaded = True
            self._load_page()
        super().showEvent(event)

    @property
    def ready(self) -> bool:
        return self._ready

    # ---------------------------------------------------------------- the small API
    def set_layers(self, layers_json: str) -> int:
        """Draw a new data set (ui.map.payload.layers_json); returns its number for sig_drawn."""
        self._layers, self._cases = layers_json, None
        return self._load_data("receive", layers_json)

    def set_cases(self, cases_json: str) -> int:
        """Draw new counts and incidents (ui.map.payload.cases_json) over the shapes of the
        last set_layers, which must come first; returns its number for sig_drawn."""
        if self._layers is None:
            raise RuntimeError("set_cases before set_layers")
        self._cases = cases_json
        return self._load_data("update", cases_json)

    def _load_data(self, function: str, payload: str) -> int:
        self._seq += 1
        path = self._folder / f"data-{self._seq}.js"
        # JSON.parse of a string, not an object literal: V8 reads JSON text several times
        # faster than script, and keeps no literal's copy of the data beside the objects.
        text = payload
        for raw, escaped in _JS_STRING:  # str.replace: translate takes half a second here
            text = text.replace(raw, escaped)
        path.write_text(f"GovMap.{function}({self._seq},JSON.parse('{text}'));", encoding="utf-8")
        for old in self._folder.glob("data-*.js"):
            if old != path and int(old.stem.split("-")[1]) < self._seq - 1:
                old.unlink(missing_ok=True)
        self._call("load", QUrl.fromLocalFile(str(path)).toString(), self._seq)
        return self._seq

    def show_preview(self, features: list[tuple[str, str, str, str]]) -> int:
        """Draw a boundary file before import: (action, code, name, GeoJSON geometry text)
        with action "create", "change" or "keep"; returns the number sig_drawn will carry."""
        self._seq += 1
        props = [{"action": a, "code": c, "name": n} for a, c, n, _ in features]
        # Geometry text comes from desktop.services.geo_shapes: numbers only, no markup.
        geometries = ",".join(g for *_, g in features)
        layer = f'{{"properties":{script_json(props)},"geometries":[{geometries}]}}'
        path = self._folder / f"preview-{self._seq}.js"
        path.write_text(
            f"GovMap.preview({self._seq},(function(l){{return {{type:'FeatureCollection',"
            f"features:l.properties.map(function(p,i){{return {{type:'Feature',properties:p,"
            f"geometry:l.geometries[i]}};}})}};}})({layer}));",
            encoding="utf-8",
        )
        self._call("load", QUrl.fromLocalFile(str(path)).toString(), self._seq)
        return self._seq

    def set_grid_metric(self, metric: str) -> None:
        """Colour grids by "open", "overdue" or "per1000" (open cases per 1,000 residents)."""
        if metric not in GRID_METRICS:
            raise ValueError(metric)
        self._call("setMetric", metric)

    def set_incidents(self, mode: str, colouring: str = "deadline") -> None:
        """Incidents as "clusters", a "heat" layer or "none"; clusters coloured by
        "deadline" colour or "risk"."""
        if mode not in INCIDENT_MODES or colouring not in INCIDENT_COLOURINGS:
            raise ValueError((mode, colouring))
        self._call("setIncidents", mode, colouring)

    def fly_to(self, south: float, west: float, north: float, east: float) -> None:
        self._call("flyTo", south, west, north, east)

    def fit_all(self) -> None:
        self._call("fitAll")

    def select_grid(self, grid_id: int | None) -> None:
        self._call("selectGrid", grid_id)

    def show_card(self, case_id: int, lat: float, lng: float, card: dict[str, Any]) -> None:
        """A short card at the incident: {"title": str, "lines": [[key, value]], "button": str}.
        Its text is shown as text, whatever it holds."""
        self._call("showCard", case_id, lat, lng, card)

    def highlight(self, points: list[tuple[float, float]]) -> None:
        """Ring these points and fit the view to them ("在地图上查看")."""
        self._call("highlight", [p[0] for p in points], [p[1] for p in points])

    def set_picking(self, on: bool) -> None:
        """In picking mode a click on the map reports a point instead of selecting a grid."""
        self._call("setPicking", on)

    def show_picked(self, lat: float, lng: float) -> None:
        self._call("showPicked", lat, lng)

    def set_base_map(self, base: BaseMap | None) -> None:
        """Tiles under the boundaries (an MBTiles file or a tile server), or none."""
        self.base_map = base
        if base is None:
            self._call("setBaseMap", "", {})
            return
        url, options = layer_options(base)
        if options.get("attribution"):  # Leaflet shows attributions as HTML: make it inert
            options["attribution"] = html.escape(options["attribution"])
        self._call("setBaseMap", url, options)

    @property
    def has_data(self) -> bool:
        return self._layers is not None

    def export_png(self, path: Path) -> bool:
        """The view as the user sees it, as a PNG (for reports and slides)."""
        return self.grab().save(str(path), "PNG")

    def export_html(self, path: Path) -> None:
        """One offline HTML file of the current data at the current view; sig_exported when
        written. Call only once data is drawn (has_data)."""
        layers, cases = self._layers or "null", self._cases
        base_url = self.base_map.url if self.base_map is not None else None

        def write(view_text) -> None:
            try:
                view = json.loads(view_text) if view_text else None
            except ValueError:
                view = None
            write_html(path, layers, view, base_url, cases)
            self.sig_exported.emit(str(path))

        if self._ready:
            self.page().runJavaScript("JSON.stringify(GovMap.view())", 0, write)
        else:
            write(None)

    def run_script(self, code: str) -> None:
        """Run page code once ready (tests drive clicks through the page's own handlers)."""
        self._send(code)

    # ---------------------------------------------------------------- internals
    def _call(self, function: str, *args: Any) -> None:
        arguments = ",".join(json.dumps(a, ensure_ascii=False) for a in args)
        self._send(f"GovMap.{function}({arguments});")

    def _send(self, code: str) -> None:
        if self._ready:
            self.page().runJavaScript(code)
        else:
            self._queue.append(code)

    def _on_bridge_ready(self) -> None:
        self._ready = True
        queued, self._queue = self._queue, []
        for code in queued:
            self.page().runJavaScript(code)
        self.sig_ready.emit()

    def _on_page_alert(self, text: str) -> None:
        self._on_page_problem("alert", text)

    def _on_page_problem(self, kind: str, text: str) -> None:
        log.warning("map page reported %s: %s", kind, text)
        self.problems.append((kind, text))
        self.sig_page_problem.emit(kind, text)
