"""The order of things after launch: connect, sign in, open the workbench."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal

from desktop.domain.principal import Principal
from ui.connect.controller import ConnectController
from ui.connect.database import Database
from ui.login.controller import LoginController
from ui.tasks import TaskRunner
from ui.workbench import Workbench

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_NO_DATABASE = 3
EXIT_NOT_SIGNED_IN = 4


class Startup(QObject):
    sig_finished = Signal(int)
    """The app should end with this exit code."""
    sig_workbench_opened = Signal(object)
    """Signed in: the Workbench is showing."""

    def __init__(
        self, runner: TaskRunner, database_url: str, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._url = database_url
        self.database: Database | None = None
        self.connector: ConnectController | None = None
        self.login: LoginController | None = None
        self.workbench: Workbench | None = None

    def start(self) -> None:
        self.connector = ConnectController(self._runner, self._url, self)
        self.connector.sig_connected.connect(self._on_connect_connected)
        self.connector.sig_abandoned.connect(self._on_connect_abandoned)
        self.connector.start()

    def close(self) -> None:
        """Close every window this startup opened and release the database."""
        for part in (self.connector, self.login, self.workbench):
            if part is not None:
                part.close()
        self.connector = self.login = self.workbench = None
        if self.database is not None:
            self.database.engine.dispose()
            self.database = None

    def _on_connect_connected(self, database: Database) -> None:
        self.database = database
        self._runner.session_factory = database.session_factory
        self.connector.close()
        self.connector = None
        self._open_login()

    def _open_login(self) -> None:
        self.login = LoginController(self._runner, self.database, self)
        self.login.sig_signed_in.connect(self._on_login_signed_in)
        self.login.sig_cancelled.connect(self._on_login_cancelled)
        self.login.start()

    def _on_connect_abandoned(self) -> None:
        self.sig_finished.emit(EXIT_NO_DATABASE)

    def _on_login_signed_in(self, principal: Principal) -> None:
        log.info("signed in: user %s (%s)", principal.user_id, principal.username)
        self.login = None
        self.workbench = Workbench(self._runner, self.database, principal, self)
        self.workbench.sig_closed.connect(self._on_workbench_closed)
        self.workbench.sig_signed_out.connect(self._on_workbench_signed_out)
        self.workbench.start()
        self.sig_workbench_opened.emit(self.workbench)

    def _on_login_cancelled(self) -> None:
        self.sig_finished.emit(EXIT_NOT_SIGNED_IN)

    def _on_workbench_closed(self) -> None:
        self.sig_finished.emit(EXIT_OK)

    def _on_workbench_signed_out(self) -> None:
        """退出登录: back to the sign-in dialog on the same database."""
        workbench, self.workbench = self.workbench, None
        if workbench is not None:
            log.info("signed out: user %s", workbench.principal.user_id)
            workbench.close()
            workbench.deleteLater()
        self._open_login()
