"""Saves the language and the base map in settings.toml and applies them at once."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog

from desktop import settings as app_settings
from ui import i18n
from ui.map.tiles import BaseMap, MBTiles
from ui.preferences.view import PreferencesView
from ui.text import safe_url

log = logging.getLogger(__name__)


class PreferencesController(QObject):
    sig_language_changed = Signal(str)
    """The UI language was switched (a code of ui.i18n.LANGUAGES)."""
    sig_base_map_changed = Signal(object)
    """The base map was applied (a ui.map.tiles.BaseMap, or None for boundaries only)."""

    def __init__(
        self, view: PreferencesView, database_url: str, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.view = view
        view.select_language(i18n.current())
        view.database_label.setText(safe_url(database_url))
        view.language_combo.currentIndexChanged.connect(self._on_language_combo_changed)
        self.base_map = BaseMap.from_settings(_stored())
        if self.base_map is None:
            view.select_base_map("none", "")
        elif self.base_map.mbtiles is not None:
            view.select_base_map("mbtiles", str(self.base_map.mbtiles))
        else:
            view.select_base_map("url", self.base_map.url or "")
        view.basemap_browse.clicked.connect(self._on_basemap_browse_clicked)
        view.basemap_apply.clicked.connect(self._on_basemap_apply_clicked)
        view.basemap_edit.returnPressed.connect(self._on_basemap_apply_clicked)

    def _on_language_combo_changed(self, _index: int) -> None:
        language = self.view.selected_language()
        try:
            values = app_settings.load_file()
            values["language"] = language
            app_settings.save_file(values)
        except OSError as exc:  # the switch still applies to this session
            log.warning("could not save the language: %s", exc)
        i18n.install(language)
        self.sig_language_changed.emit(language)

    def _on_basemap_browse_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.view, self.tr("Offline tiles"), self.view.basemap_edit.text(),
            self.tr("MBTiles files (*.mbtiles);;All files (*)"),
        )  # fmt: skip
        if path:
            self.view.basemap_edit.setText(path)

    def _on_basemap_apply_clicked(self) -> None:
        kind = self.view.basemap_combo.currentData()
        text = self.view.basemap_edit.text().strip()
        problem = self._base_map_problem(kind, text)
        if problem:
            self.view.basemap_hint.setText(problem)
            return
        base = None
        if kind == "mbtiles":
            base = BaseMap(mbtiles=Path(text))
        elif kind == "url":
            base = BaseMap(url=text)
        values = _stored()
        values.pop("basemap_mbtiles", None)
        values.pop("basemap_url", None)
        if base is not None:
            key = "basemap_mbtiles" if base.mbtiles else "basemap_url"
            values[key] = text
        try:
            app_settings.save_file(values)
        except OSError as exc:  # it still applies to this session
            log.warning("could not save the base map: %s", exc)
        self.base_map = base
        self.view.basemap_hint.setText(self.tr("Applied to the map."))
        self.sig_base_map_changed.emit(base)

    def _base_map_problem(self, kind: str, text: str) -> str | None:
        if kind == "mbtiles":
            try:
                MBTiles(Path(text)).close()
            except (sqlite3.Error, ValueError, OSError):
                return self.tr("%1 is not a readable MBTiles file.").replace("%1", text or "—")
        if kind == "url":
            ok = text.lower().startswith(("http://", "https://"))
            if not ok or not all(part in text for part in ("{z}", "{x}", "{y}")):
                return self.tr(
                    "Give the tile server's address with {z}, {x} and {y}, such as "
                    "http://10.0.0.5/tiles/{z}/{x}/{y}.png"
                )
        return None


def _stored() -> dict:
    try:
        return app_settings.load_file()
    except (OSError, ValueError) as exc:  # a broken settings file must not stop the app
        log.warning("could not read the settings: %s", exc)
        return {}
