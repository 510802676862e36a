"""Wires the sign-in dialogs: authentication and the password change run on the db worker."""

from __future__ import annotations

import logging

import shiboken6
from PySide6.QtCore import QObject, Signal

from desktop.errors import GovDeskError
from ui.connect.database import Database
from ui.login.view import ChangePasswordView, LoginView
from ui.tasks import TaskRunner
from ui.text import describe, short_db_name

log = logging.getLogger(__name__)


def _change_password(session, user_id: int, old_password: str, new_password: str) -> None:
    from desktop.services.accounts import change_password

    with session.begin():
        change_password(
            session=session,
            user_id=user_id,
            old_password=old_password,
            new_password=new_password,
        )


class LoginController(QObject):
    sig_signed_in = Signal(object)
    """Sign-in finished (a Principal), including any forced password change."""
    sig_cancelled = Signal()
    """The user closed the sign-in dialog."""

    def __init__(
        self, runner: TaskRunner, database: Database, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._database = database
        self._result = None
        self._password = ""
        self.view = LoginView(database.training)
        self.view.database_label.setText(
            self.tr("Database: %1").replace("%1", short_db_name(database.url))
        )
        self.view.login_button.clicked.connect(self._on_login_button_clicked)
        self.view.username_edit.returnPressed.connect(self._on_login_button_clicked)
        self.view.password_edit.returnPressed.connect(self._on_login_button_clicked)
        self.view.rejected.connect(self.sig_cancelled)
        self.password_view: ChangePasswordView | None = None

    def start(self) -> None:
        self.view.show()
        self.view.raise_()
        self.view.activateWindow()
        self.view.username_edit.setFocus()

    def close(self) -> None:
        """Close both dialogs; safe to call twice."""
        for view in (self.view, self.password_view):
            if view is not None and shiboken6.isValid(view):
                view.blockSignals(True)
                view.close()
                view.deleteLater()
        self.password_view = None

    # -- sign in -------------------------------------------------------------------------
    def _on_login_button_clicked(self) -> None:
        if not self.view.login_button.isEnabled():
            return
        username = self.view.username_edit.text().strip()
        password = self.view.password_edit.text()
        if not username:
            self.view.show_error(self.tr("Enter your user name."))
            self.view.username_edit.setFocus()
            return
        if not password:
            self.view.show_error(self.tr("Enter your password."))
            self.view.password_edit.setFocus()
            return
        self._password = password
        self.view.set_busy(True)
        from desktop.services.accounts import login

        self._runner.call(
            login,
            session_factory=self._database.session_factory,
            username=username,
            password=password,
        ).owned_by(self.view).success(self._on_login_succeeded).failure(self._on_login_failed).run()

    def _on_login_succeeded(self, result) -> None:
        self.view.set_busy(False)
        self.view.show_error("")
        self._result = result
        if result.must_change_password:
            self._show_password_view()
        else:
            self._finish()

    def _on_login_failed(self, exc: BaseException) -> None:
        self.view.set_busy(False)
        self._password = ""
        self.view.password_edit.clear()
        self.view.show_error(self._message(exc))
        self.view.password_edit.setFocus()

    def _message(self, exc: BaseException) -> str:
        if isinstance(exc, GovDeskError):
            return describe(exc)
        log.error("sign-in failed unexpectedly", exc_info=exc)
        return self.tr("Signing in failed unexpectedly. The details are in the log file.")

    # -- forced password change ----------------------------------------------------------
    def _show_password_view(self) -> None:
        self.password_view = ChangePasswordView(self._database.training)
        self.password_view.save_button.clicked.connect(self._on_save_button_clicked)
        self.password_view.confirm_edit.returnPressed.connect(self._on_save_button_clicked)
        self.password_view.cancel_button.clicked.connect(self.password_view.reject)
        self.password_view.rejected.connect(self._on_password_view_rejected)
        self.view.hide()
        self.password_view.show()
        self.password_view.new_edit.setFocus()

    def _on_save_button_clicked(self) -> None:
        view = self.password_view
        if view is None or not view.save_button.isEnabled():
            return
        new, again = view.new_edit.text(), view.confirm_edit.text()
        if not new:
            view.show_error(self.tr("Enter a new password."))
            return
        if new != again:
            view.show_error(self.tr("The two passwords differ. Type the same password twice."))
            view.confirm_edit.clear()
            view.confirm_edit.setFocus()
            return
        view.set_busy(True)
        self._runner.db(
            _change_password, self._result.principal.user_id, self._password, new
        ).owned_by(view).success(self._on_password_changed).failure(
            self._on_password_change_failed
        ).run()

    def _on_password_changed(self, _none) -> None:
        self._password = ""
        self._finish()

    def _on_password_change_failed(self, exc: BaseException) -> None:
        view = self.password_view
        view.set_busy(False)
        view.show_error(self._message(exc))
        view.new_edit.setFocus()

    def _on_password_view_rejected(self) -> None:
        # Without a new password there is no way in: back to the sign-in dialog.
        view, self.password_view = self.password_view, None
        if view is not None:
            view.deleteLater()
        self._result = None
        self._password = ""
        self.view.password_edit.clear()
        self.view.show_error(self.tr("You must choose a new password before you can continue."))
        self.view.show()
        self.view.password_edit.setFocus()

    def _finish(self) -> None:
        principal = self._result.principal
        self.close()
        self.sig_signed_in.emit(principal)
