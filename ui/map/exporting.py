"""The map page's 导出 button: the current view as a PNG or as one offline HTML file."""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMenu, QToolButton

from ui.map.map_view import MapView

log = logging.getLogger(__name__)


class MapExporter(QObject):
    """Wires an export button with a menu (PNG, HTML) to a MapView; reports through `say`."""

    def __init__(self, button: QToolButton, view: MapView, say, parent=None) -> None:
        super().__init__(parent)
        self.button, self.view, self._say = button, view, say
        self.menu = QMenu(button)
        self.png_action = QAction(self.menu)
        self.png_action.setObjectName("exportPngAction")
        self.html_action = QAction(self.menu)
        self.html_action.setObjectName("exportHtmlAction")
        self.menu.addActions([self.png_action, self.html_action])
        button.setMenu(self.menu)
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        button.setEnabled(False)  # until data is drawn
        self.png_action.triggered.connect(self._on_png_triggered)
        self.html_action.triggered.connect(self._on_html_triggered)
        view.sig_drawn.connect(self._on_view_drawn)
        view.sig_exported.connect(self._on_view_exported)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.button.setText(self.tr("Export"))
        self.png_action.setText(self.tr("Image (PNG) for reports and slides…"))
        self.html_action.setText(self.tr("Web page (HTML) that opens offline…"))

    def _ask(self, suffix: str, kind: str) -> Path | None:
        name = f"地图-{datetime.now():%Y%m%d-%H%M}.{suffix}"
        path, _ = QFileDialog.getSaveFileName(
            self.button.window(), self.tr("Export the map"), str(Path.home() / name), kind
        )
        if not path:
            return None
        return Path(path) if path.lower().endswith("." + suffix) else Path(f"{path}.{suffix}")

    def _on_png_triggered(self) -> None:
        path = self._ask("png", self.tr("PNG image (*.png)"))
        if path is None:
            return
        if self.view.export_png(path):
            self._say(self.tr("Map saved to %1").replace("%1", str(path)))
        else:
            log.warning("could not write the map image %s", path)
            self._say(self.tr("The map could not be saved to %1").replace("%1", str(path)))

    def _on_html_triggered(self) -> None:
        path = self._ask("html", self.tr("Web page (*.html)"))
        if path is not None:
            self.view.export_html(path)

    def _on_view_drawn(self, _seq: int) -> None:
        self.button.setEnabled(self.view.has_data)

    def _on_view_exported(self, path: str) -> None:
        self._say(self.tr("Map saved to %1").replace("%1", path))
