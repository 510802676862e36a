"""QApplication bootstrap: environment, logging, fonts, translations, then connect → sign in →
workbench (ui.startup)."""

from __future__ import annotations

import logging
import os
import sys

from desktop import __version__
from desktop import settings as app_settings
from desktop.settings import Settings

log = logging.getLogger(__name__)

APP_NAME = "GovDesk"


def prepare_environment() -> None:
    """What must happen before the QApplication exists."""
    from ui.singletons import pin_singletons

    pin_singletons()
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        # Chromium refuses to run as root with its sandbox on.
        os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
    # QtWebEngine must be imported before the QApplication is created (it shares GL contexts).
    import PySide6.QtWebEngineWidgets  # noqa: F401

    from ui.map.tiles import register_tile_scheme

    register_tile_scheme()  # custom URL schemes are fixed once the application exists


def configure_application(app, language: str) -> None:
    """Name, font, style sheet and translations of an existing QApplication."""
    from ui import fonts, i18n, theme

    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_NAME)
    fonts.apply_default_font(app)
    app.setStyle("Fusion")  # the same look on Windows and the domestic Linux desktops
    app.setStyleSheet(theme.STYLE_SHEET)
    i18n.install(language)


def show_background_error(error: BaseException) -> None:
    """A background failure nobody handled: a refusal by its label, anything else as a bug."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    from desktop.errors import GovDeskError
    from ui.logs import show_unexpected_error
    from ui.text import describe

    if isinstance(error, GovDeskError):
        QMessageBox.warning(QApplication.activeWindow(), APP_NAME, describe(error))
    else:
        show_unexpected_error(error, parent=QApplication.activeWindow())


def run(settings: Settings) -> int:
    from ui.logs import install_excepthooks, setup_logging

    log_path = setup_logging(app_settings.log_dir())
    install_excepthooks()
    log.info("GovDesk %s starting (Python %s)", __version__, sys.version.split()[0])
    prepare_environment()

    from PySide6.QtWidgets import QApplication

    from ui.startup import Startup
    from ui.tasks import TaskRunner

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setQuitOnLastWindowClosed(False)  # between dialogs no window shows for a moment
    configure_application(app, settings.language)
    log.info("log file %s; database %s", log_path, app_settings.display_url(settings.database_url))

    runner = TaskRunner()
    runner.sig_unhandled_error.connect(show_background_error)
    startup = Startup(runner, settings.database_url)
    exit_code = 0

    def _on_startup_finished(code: int) -> None:
        nonlocal exit_code
        exit_code = code
        app.quit()

    startup.sig_finished.connect(_on_startup_finished)
    startup.start()
    app.exec()
    startup.close()
    runner.shutdown()
    log.info("GovDesk ended with exit code %s", exit_code)
    logging.shutdown()
    return exit_code
