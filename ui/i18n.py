"""Which language the UI speaks: our .qm plus Qt's own, switchable while running."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QTranslator

from desktop.paths import resource

log = logging.getLogger(__name__)

CHINESE = "zh_CN"
ENGLISH = "en"
LANGUAGES = (CHINESE, ENGLISH)  # source strings are English: "en" needs no catalogue

_installed: list[QTranslator] = []
_current = ENGLISH


def qm_path(language: str):
    return resource("i18n", f"govdesk_{language}.qm")


def install(language: str) -> str:
    """Replace the installed translators; widgets get a LanguageChange event."""
    global _current
    app = QCoreApplication.instance()
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    language = language if language in LANGUAGES else CHINESE
    if language != ENGLISH:
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        for name, directory in ((f"qtbase_{language}", qt_dir), (f"govdesk_{language}", None)):
            translator = QTranslator(app)
            folder = directory or str(resource("i18n"))
            if translator.load(name, folder):
                app.installTranslator(translator)
                _installed.append(translator)
            else:
                log.warning("translation %s not found in %s", name, folder)
    QLocale.setDefault(QLocale(language if language != ENGLISH else "en_US"))
    _current = language
    # Qt posts LanguageChange to every widget; deliver it now so the switch is one step.
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
    return language


def current() -> str:
    return _current


def labels_lang() -> str:
    """The language code desktop.labels expects for the current UI language."""
    return "zh_CN" if _current == CHINESE else "en"
