"""The bundled CJK font: registered at start-up and made the application's default family."""

from __future__ import annotations

import logging

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from desktop.paths import resource

log = logging.getLogger(__name__)

FONT_FILE = "NotoSansCJKsc-Regular.otf"
FAMILY = "Noto Sans CJK SC"
POINT_SIZE = 10

_registered: list[str] = []


def register_fonts() -> list[str]:
    """Add the bundled font to Qt's database (once); returns the families it provides."""
    if _registered:
        return list(_registered)
    path = resource("fonts", FONT_FILE)
    font_id = QFontDatabase.addApplicationFont(str(path))
    if font_id < 0:
        log.warning("could not load the bundled font %s", path)
        return []
    _registered.extend(QFontDatabase.applicationFontFamilies(font_id))
    log.info("registered font families %s from %s", _registered, path)
    return list(_registered)


def app_family() -> str:
    """The family every widget and web page should use."""
    return _registered[0] if _registered else FAMILY


def apply_default_font(app: QApplication) -> QFont:
    register_fonts()
    font = QFont(app_family(), POINT_SIZE)
    # Latin falls back to the same face, which has Latin glyphs; keep hinting as the OS likes.
    font.setStyleStrategy(QFont.StyleStrategy.PreferAntialias)
    app.setFont(font)
    return font
