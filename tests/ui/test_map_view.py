"""MapView in a real QtWebEngine page, offscreen: ready, drawn, clicks and picks reaching
Python, user text shown as text, and not one request to the network."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWebEngineCore import QWebEngineProfile, QWebEngineUrlRequestInterceptor

from desktop.services.map_data import GridShape, Incidents, MapData, PlaceShape
from tests.db.world import square
from ui.map.map_view import MapView
from ui.map.payload import layers_json

XSS = "<img src=x onerror=alert(1)>"
QUOTES = "'\\\u2028\"')"  # what the data file's script string must escape
TEXTS = {
    "open": "在办", "overdue": "超期", "today": "今日", "per1000": "每千人", "none": "无",
    "incidents": "事件", "risks": ["一般", "黄", "橙", "红"],
    "deadlines": ["无期限", "绿", "黄", "红"],
}  # fmt: skip
TITLES = {"open": "在办案件", "overdue": "超期案件", "per1000": "每千人在办"}


class Recorder(QWebEngineUrlRequestInterceptor):
    """Blocks and remembers any request that would leave the machine."""

    def __init__(self) -> None:
        super().__init__()
        self.remote: list[str] = []
        self.local: list[str] = []

    def interceptRequest(self, info) -> None:  # noqa: N802
        url = info.requestUrl()
        if url.scheme() in ("http", "https"):
            self.remote.append(url.toString())
            info.block(True)
        else:
            self.local.append(url.toString())


@pytest.fixture
def recorder():
    profile = QWebEngineProfile.defaultProfile()
    recorder = Recorder()
    profile.setUrlRequestInterceptor(recorder)
    yield recorder
    profile.setUrlRequestInterceptor(None)


def _data() -> MapData:
    """A county of two grids, one with a hostile name and a micro-grid, and two incidents."""
    county = PlaceShape(1, "159901000000", f"云泽旗{XSS}", "county", None,
                        square(110.0, 40.0, 110.2, 40.2), (40.1, 110.1))  # fmt: skip
    grids = (
        GridShape(11, "G1", XSS + QUOTES, "community", 2, None, 1000, square(110.0, 40.0, 110.1, 40.2),
                  (40.1, 110.05), open=3, overdue=1, today=0),
        GridShape(12, "G2", "二网格", "community", 2, None, 0, square(110.1, 40.0, 110.2, 40.2),
                  (40.1, 110.15), open=0),
    )  # fmt: skip
    micro = (GridShape(13, "G1-1", "微网格", "community", 2, 11, 0, square(110.0, 40.0, 110.05, 40.1),
                       (40.05, 110.025)),)  # fmt: skip
    incidents = Incidents((101, 102), (40.05, 40.15), (110.05, 110.06), ("red", None),
                          ("normal", "red"), truncated=False)  # fmt: skip
    return MapData((county,), grids, micro, incidents, datetime(2026, 9, 1, tzinfo=UTC))


def _delete_later(widget) -> None:
    # A web page left to the garbage collector at exit can outlive QtWebEngine and crash it.
    widget.deleteLater()


def _evaluate(qtbot, view: MapView, expression: str):
    """The JSON value of a page expression (runJavaScript hands objects over as '')."""
    box: list = []
    view.page().runJavaScript(f"JSON.stringify({expression})", 0, box.append)
    qtbot.waitUntil(lambda: bool(box), timeout=5000)
    return json.loads(box[0])


def test_map_view_draws_reports_clicks_and_stays_offline(qtbot, recorder):
    view = MapView()
    qtbot.addWidget(view, before_close_func=_delete_later)
    view.resize(800, 600)
    # Calls made before "ready" wait in the queue.
    view.set_grid_metric("per1000")
    with qtbot.waitSignal(view.sig_drawn, timeout=20000) as drawn:
        seq = view.set_layers(layers_json(_data(), titles=TITLES, texts=TEXTS, fit=True))
        view.show()
    assert view.ready and drawn.args == [seq]
    assert _evaluate(qtbot, view, "GovMap.stats().micro") == 0  # made only when zoomed in
    # One scale bar, metric: no miles or feet on a Chinese map.
    scale = _evaluate(qtbot, view, "[...document.querySelectorAll('.leaflet-control-scale-line')]"
                                   ".map(e => e.textContent)")  # fmt: skip
    assert len(scale) == 1 and scale[0].endswith(("km", " m")), scale

    with qtbot.waitSignal(view.sig_grid_clicked, timeout=5000) as clicked:
        view.run_script("GovMap.clickGrid(12);")
    assert clicked.args == [12]

    with qtbot.waitSignal(view.sig_incident_clicked, timeout=5000) as incident:
        view.run_script("GovMap.clickIncident(102);")
    assert incident.args == [102, 40.15, 110.06]

    # A mouse click on an incident's bubble reaches Python through its group's one handler.
    centres = _evaluate(qtbot, view, "[...document.querySelectorAll('.gov-cluster-icon')]"
                        ".filter(e => e.style.display !== 'none').map(e =>"
                        " { const r = e.getBoundingClientRect();"
                        " return [r.x + r.width / 2, r.y + r.height / 2]; })")  # fmt: skip
    assert len(centres) == 2
    x, y = min(centres, key=lambda c: c[1])  # the northern one: 102
    with qtbot.waitSignal(view.sig_incident_clicked, timeout=5000) as incident:
        QTest.mouseClick(
            view.focusProxy(), Qt.MouseButton.LeftButton, pos=QPoint(round(x), round(y))
        )
    assert incident.args == [102, 40.15, 110.06]

    view.set_picking(True)
    with qtbot.waitSignal(view.sig_point_picked, timeout=5000) as picked:
        view.run_script("GovMap.clickAt(40.125, 110.0375);")
    assert picked.args == [40.125, 110.0375]

    # Hostile text: a grid name (its label at a close zoom, its tooltip) and a case title.
    view.set_picking(False)
    view.run_script("GovMap.clickGrid(11);")
    view.show_card(101, 40.05, 110.05, {"title": XSS, "lines": [["地址", XSS]], "button": "打开"})
    view.fly_to(40.099, 110.049, 40.101, 110.051)  # close enough for grid labels
    qtbot.wait(1500)  # the fly, the labels at the new zoom, and any onerror would have run
    assert view.problems == []  # no alert, no script error, no failed resource
    assert _evaluate(qtbot, view, "document.querySelectorAll('img').length") == 0
    shown = _evaluate(qtbot, view, "document.querySelector('.gov-card-title').textContent")
    assert shown == XSS
    labels = _evaluate(
        qtbot, view, "[...document.querySelectorAll('.gov-label')].map(e => e.textContent)"
    )
    assert XSS + QUOTES in labels
    view.run_script("GovMap.hoverGrid(11);")
    tip = _evaluate(qtbot, view, "document.querySelector('.gov-tip-title').textContent")
    assert tip == XSS + QUOTES
    assert _evaluate(qtbot, view, "GovMap.stats().micro") == 1
    assert _evaluate(qtbot, view, "document.querySelector('.gov-legend').textContent").startswith(
        "每千人在办"
    )

    assert recorder.remote == []
    assert any(url.startswith("file://") and url.endswith("leaflet.js") for url in recorder.local)
