"""Base maps and exports of MapView in a real QtWebEngine page, offscreen.

An MBTiles file made here is served through the govtiles: scheme (no web server) and its tiles
appear on the page; a tile server's tiles (one on the loopback address) come through the app,
the page itself asking the network for nothing; an
exported HTML file opens in a page with the network blocked and draws; a PNG has the view's
size and more than one colour.
"""

from __future__ import annotations

import sqlite3
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QUrl
from PySide6.QtGui import QColor, QImage
from PySide6.QtWebEngineWidgets import QWebEngineView

from desktop.services.map_data import Incidents, MapCases
from tests.ui.test_map_view import TEXTS, TITLES, Recorder, _data, _delete_later, _evaluate
from ui.map.map_view import MapView
from ui.map.payload import cases_json, layers_json
from ui.map.tiles import BaseMap, remote_url, tile_handler

TILE_COLOUR = QColor(10, 200, 30)


@pytest.fixture
def recorder():
    from PySide6.QtWebEngineCore import QWebEngineProfile

    profile = QWebEngineProfile.defaultProfile()
    recorder = Recorder()
    profile.setUrlRequestInterceptor(recorder)
    yield recorder
    profile.setUrlRequestInterceptor(None)


def tile_png() -> bytes:
    image = QImage(256, 256, QImage.Format.Format_RGB32)
    image.fill(TILE_COLOUR)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data)


def make_mbtiles(path: Path) -> Path:
    """Zoom 10 tiles around the test county (110.0-110.2 E, 40.0-40.2 N): at zoom 10 the point
    (110.1, 40.1) is in tile x = floor(290.1 / 360 * 1024) = 825, y (from the north) = 387."""
    png = tile_png()
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE metadata (name TEXT, value TEXT)")
    db.execute("CREATE TABLE tiles (zoom_level INT, tile_column INT, tile_row INT, tile_data BLOB)")
    db.executemany("INSERT INTO metadata VALUES (?, ?)",
                   [("format", "png"), ("minzoom", "10"), ("maxzoom", "10"),
                    ("attribution", "<img src=x onerror=alert(1)>测试底图")])  # fmt: skip
    rows = [(10, x, 1023 - y, png) for x in range(821, 830) for y in range(383, 392)]
    db.executemany("INSERT INTO tiles VALUES (?, ?, ?, ?)", rows)
    db.commit()
    db.close()
    return path


def drawn_view(qtbot, base: BaseMap | None = None) -> MapView:
    view = MapView()
    qtbot.addWidget(view, before_close_func=_delete_later)
    view.resize(800, 600)
    view.set_base_map(base)
    with qtbot.waitSignal(view.sig_drawn, timeout=20000):
        view.set_layers(layers_json(_data(), titles=TITLES, texts=TEXTS, fit=True))
        view.show()
    return view


def poll(qtbot, check, timeout_ms: int = 10000) -> None:
    for _ in range(timeout_ms // 200):
        if check():
            return
        qtbot.wait(200)
    raise AssertionError("condition not met in time")


def test_mbtiles_tiles_come_through_the_scheme_handler(qtbot, recorder, tmp_path):
    folder = tmp_path / "离线 底图#1"
    folder.mkdir()
    view = drawn_view(qtbot, BaseMap(mbtiles=make_mbtiles(folder / "云泽旗.mbtiles")))
    poll(qtbot, lambda: _evaluate(qtbot, view, "GovMap.stats().tiles") >= 4)
    assert tile_handler().served >= 4
    assert any(url.startswith("govtiles:10/825/") for url in recorder.local)
    assert recorder.remote == []
    # The file's attribution is shown as text: its markup made no element and ran nothing.
    assert "测试底图" in _evaluate(
        qtbot, view, "document.querySelector('.leaflet-control-attribution').textContent"
    )
    assert _evaluate(qtbot, view, "document.querySelectorAll('img:not(.leaflet-tile)').length") == 0
    assert view.problems == []


@pytest.fixture
def tile_server():
    """A tile server on the loopback address: answers every /z/x/y.png with the green tile."""
    png = tile_png()
    asked: list[str] = []

    class Tiles(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            asked.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", str(len(png)))
            self.end_headers()
            self.wfile.write(png)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Tiles)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", asked
    server.shutdown()
    server.server_close()
    thread.join(5)


def test_tiles_of_the_centers_server_come_through_the_app_not_the_page(
    qtbot, recorder, tile_server
):
    address, asked = tile_server
    view = drawn_view(qtbot, BaseMap(url=address + "/{z}/{x}/{y}.png"))
    poll(qtbot, lambda: _evaluate(qtbot, view, "GovMap.stats().tiles") >= 4)
    # At the county's zoom (11.5, so tiles of zoom 12), x = floor(290.1 / 360 * 4096) = 3300.
    assert any(path.startswith("/12/3300/") for path in asked)
    assert recorder.remote == []  # the page itself asked the network for nothing
    assert view.problems == []


def test_exported_html_opens_offline_and_draws(qtbot, recorder, tmp_path):
    view = drawn_view(qtbot)
    # A filter changed since: one incident left, in grid 11 (its open count 1); the export
    # shows what the screen shows.
    left = MapCases(
        {11: (1, 0, 0)},
        {11: 1000, 12: 0},
        Incidents((102,), (40.15,), (110.06,), (None,), ("red",), truncated=False),
    )
    with qtbot.waitSignal(view.sig_drawn, timeout=20000):
        view.set_cases(cases_json(left, titles=TITLES))  # fmt: skip
    view.fly_to(40.0, 110.0, 40.1, 110.1)
    qtbot.wait(1000)
    zoom = _evaluate(qtbot, view, "GovMap.view().zoom")
    target = tmp_path / "地图.html"
    with qtbot.waitSignal(view.sig_exported, timeout=5000) as exported:
        view.export_html(target)
    assert exported.args == [str(target)]
    recorder.local.clear()

    browser = QWebEngineView()  # a plain page: no bridge, no app, the network blocked
    qtbot.addWidget(browser, before_close_func=_delete_later)
    browser.resize(800, 600)
    with qtbot.waitSignal(browser.loadFinished, timeout=20000) as loaded:
        browser.setUrl(QUrl.fromLocalFile(str(target)))
        browser.show()
    assert loaded.args == [True]
    qtbot.wait(500)
    stats = _evaluate(qtbot, browser, "GovMap.stats()")
    assert (stats["incidents"], stats["gridOpen"], stats["zoom"]) == (1, 1, zoom)
    # The grids were painted: the canvas holds coloured pixels.
    painted = _evaluate(
        qtbot,
        browser,
        "(() => { const c = document.querySelector('.leaflet-overlay-pane canvas');"
        " const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
        " let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++; return n; })()",
    )
    assert painted > 10_000
    assert recorder.remote == []
    assert [u for u in recorder.local if u.endswith((".js", ".css"))] == []  # all inline


def test_png_export_has_the_view_size_and_shows_the_map(qtbot, tmp_path):
    view = drawn_view(qtbot)
    target = tmp_path / "map.png"

    def three_colours() -> bool:
        # Left of the county, its grid with open cases, its grid without (once composited).
        assert view.export_png(target)
        image = QImage(str(target))
        assert (image.width(), image.height()) == (800, 600)
        return len({image.pixel(x, 300) for x in (100, 300, 500)}) == 3

    poll(qtbot, three_colours)


def test_remote_tile_addresses_follow_the_template():
    assert remote_url("http://t.test/{z}/{x}/{y}.png", 3, 4, 1) == "http://t.test/3/4/1.png"
    assert remote_url("http://{s}.t.test/{z}/{x}/{-y}", 3, 4, 1) == "http://c.t.test/3/4/6"


def test_settings_page_applies_and_remembers_a_base_map(qtbot, tmp_path):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from desktop import settings as app_settings
    from ui.preferences.controller import PreferencesController
    from ui.preferences.view import PreferencesView

    saved = app_settings.load_file()
    try:
        controller = PreferencesController(PreferencesView(), "sqlite:///x.sqlite")
        view = controller.view
        qtbot.addWidget(view)
        view.show()
        applied = []
        controller.sig_base_map_changed.connect(applied.append)
        view.basemap_combo.setFocus()
        view.basemap_combo.setCurrentIndex(view.basemap_combo.findData("mbtiles"))
        QTest.keyClicks(view.basemap_edit, str(tmp_path / "missing.mbtiles"))
        QTest.mouseClick(view.basemap_apply, Qt.MouseButton.LeftButton)
        assert "不是可读的 MBTiles 文件" in view.basemap_hint.text() and applied == []
        tiles = make_mbtiles(tmp_path / "area.mbtiles")
        view.basemap_edit.clear()
        QTest.keyClicks(view.basemap_edit, str(tiles))
        QTest.keyClick(view.basemap_edit, Qt.Key.Key_Return)
        assert applied == [BaseMap(mbtiles=tiles)]
        assert app_settings.load_file()["basemap_mbtiles"] == str(tiles)

        view.basemap_combo.setCurrentIndex(view.basemap_combo.findData("url"))
        view.basemap_edit.clear()
        QTest.keyClicks(view.basemap_edit, "ftp://tiles/{z}")
        QTest.mouseClick(view.basemap_apply, Qt.MouseButton.LeftButton)
        assert "{z}、{x} 和 {y}" in view.basemap_hint.text() and len(applied) == 1
        view.basemap_edit.clear()
        QTest.keyClicks(view.basemap_edit, "http://10.0.0.5/t/{z}/{x}/{y}.png")
        QTest.mouseClick(view.basemap_apply, Qt.MouseButton.LeftButton)
        assert applied[-1] == BaseMap(url="http://10.0.0.5/t/{z}/{x}/{y}.png")
        stored = app_settings.load_file()
        assert stored["basemap_url"] == "http://10.0.0.5/t/{z}/{x}/{y}.png"
        assert "basemap_mbtiles" not in stored
        # A new settings page (the next start) shows what was chosen.
        again = PreferencesController(PreferencesView(), "sqlite:///x.sqlite")
        qtbot.addWidget(again.view)
        assert again.view.basemap_combo.currentData() == "url"
        assert again.base_map == BaseMap(url="http://10.0.0.5/t/{z}/{x}/{y}.png")
    finally:
        app_settings.save_file(saved)


def test_export_button_writes_the_chosen_files(qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog, QToolButton

    from ui.map.exporting import MapExporter

    view = MapView()
    qtbot.addWidget(view, before_close_func=_delete_later)
    view.resize(800, 600)
    button = QToolButton()
    qtbot.addWidget(button)
    said = []
    exporter = MapExporter(button, view, said.append)
    assert not button.isEnabled()
    with qtbot.waitSignal(view.sig_drawn, timeout=20000):
        view.set_layers(layers_json(_data(), titles=TITLES, texts=TEXTS, fit=True))
        view.show()
    assert button.isEnabled()
    answers = iter([str(tmp_path / "a"), str(tmp_path / "b.html")])
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (next(answers), ""))
    exporter.png_action.trigger()
    assert (tmp_path / "a.png").stat().st_size > 1000
    with qtbot.waitSignal(view.sig_exported, timeout=5000):
        exporter.html_action.trigger()
    assert "GovMap.receive(1," in (tmp_path / "b.html").read_text(encoding="utf-8")
    assert said == [f"地图已保存到 {tmp_path / 'a.png'}", f"地图已保存到 {tmp_path / 'b.html'}"]
