"""Saves the language in settings.toml and switches the running UI to it."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal

from desktop import settings as app_settings
from ui import i18n
from ui.preferences.view import PreferencesView
from ui.text import safe_url

log = logging.getLogger(__name__)


class PreferencesController(QObject):
    sig_language_changed = Signal(str)
    """The UI language was switched (a code of ui.i18n.LANGUAGES)."""

    def __init__(
        self, view: PreferencesView, database_url: str, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.view = view
        view.select_language(i18n.current())
        view.database_label.setText(safe_url(database_url))
        view.language_combo.currentIndexChanged.connect(self._on_language_combo_changed)

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
