"""The sign-in dialog and the forced password change dialog (layout only)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.icons import icon
from ui.widgets import TrainingBanner


def _header(title: QLabel, subtitle: QLabel) -> QFrame:
    header = QFrame()
    header.setObjectName("loginHeader")
    title.setObjectName("loginTitle")
    subtitle.setObjectName("loginSubtitle")
    layout = QVBoxLayout(header)
    layout.setContentsMargins(28, 22, 28, 18)
    layout.setSpacing(4)
    layout.addWidget(title)
    layout.addWidget(subtitle)
    return header


def _error_label() -> QLabel:
    label = QLabel()
    label.setObjectName("errorLabel")
    label.setWordWrap(True)
    label.hide()
    return label


class _Dialog(QDialog):
    def _stack(self, body: QVBoxLayout) -> None:
        """Training banner, title header, then the dialog's own body; texts filled in."""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.training_banner)
        layout.addWidget(_header(self.title_label, self.subtitle_label))
        layout.addLayout(body)
        self.retranslate_ui()

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:  # pragma: no cover - overridden
        pass


class LoginView(_Dialog):
    """User name, password, 登录; a message line for refusals."""

    def __init__(self, training: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("loginDialog")
        self.setFixedWidth(440)
        self.title_label = QLabel()
        self.subtitle_label = QLabel()
        self.training_banner = TrainingBanner()
        self.training_banner.setVisible(training)
        self.username_caption = QLabel()
        self.username_edit = QLineEdit()
        self.username_edit.setObjectName("usernameEdit")
        self.username_edit.addAction(icon("state.user"), QLineEdit.ActionPosition.LeadingPosition)
        self.password_caption = QLabel()
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("passwordEdit")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.addAction(
            icon("state.password"), QLineEdit.ActionPosition.LeadingPosition
        )
        self.error_label = _error_label()
        self.login_button = QPushButton()
        self.login_button.setObjectName("primaryButton")
        self.login_button.setDefault(True)
        self.login_button.setIcon(icon("action.login", "white"))
        self.login_button.setIconSize(QSize(18, 18))
        self.database_label = QLabel()
        self.database_label.setObjectName("hintLabel")
        self.database_label.setAlignment(Qt.AlignmentFlag.AlignCenter)

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.setHorizontalSpacing(12)
        form.setVerticalSpacing(14)
        form.addRow(self.username_caption, self.username_edit)
        form.addRow(self.password_caption, self.password_edit)

        body = QVBoxLayout()
        body.setContentsMargins(32, 24, 32, 20)
        body.setSpacing(14)
        body.addLayout(form)
        body.addWidget(self.error_label)
        body.addSpacing(4)
        body.addWidget(self.login_button)
        body.addSpacing(6)
        body.addWidget(self.database_label)

        self._stack(body)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Sign in"))
        self.title_label.setText(self.tr("Governance Center Console"))
        self.subtitle_label.setText(self.tr("GovDesk · sign in with your account"))
        self.username_caption.setText(self.tr("User name"))
        self.password_caption.setText(self.tr("Password"))
        self.username_edit.setPlaceholderText(self.tr("Your user name"))
        self.password_edit.setPlaceholderText(self.tr("Your password"))
        self.set_busy(not self.username_edit.isEnabled())

    def set_busy(self, busy: bool) -> None:
        for widget in (self.username_edit, self.password_edit, self.login_button):
            widget.setEnabled(not busy)
        self.login_button.setText(self.tr("Signing in…") if busy else self.tr("Sign in"))


class ChangePasswordView(_Dialog):
    """Shown after sign-in when the account must choose a new password."""

    def __init__(self, training: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("changePasswordDialog")
        self.setFixedWidth(460)
        self.title_label = QLabel()
        self.subtitle_label = QLabel()
        self.subtitle_label.setWordWrap(True)
        self.training_banner = TrainingBanner()
        self.training_banner.setVisible(training)
        self.new_caption = QLabel()
        self.new_edit = QLineEdit()
        self.new_edit.setObjectName("newPasswordEdit")
        self.new_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm_caption = QLabel()
        self.confirm_edit = QLineEdit()
        self.confirm_edit.setObjectName("confirmPasswordEdit")
        self.confirm_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.error_label = _error_label()
        self.save_button = QPushButton()
        self.save_button.setObjectName("primaryButton")
        self.save_button.setDefault(True)
        self.cancel_button = QPushButton()

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.setHorizontalSpacing(12)
        form.setVerticalSpacing(14)
        form.addRow(self.new_caption, self.new_edit)
        form.addRow(self.confirm_caption, self.confirm_edit)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)

        body = QVBoxLayout()
        body.setContentsMargins(32, 24, 32, 24)
        body.setSpacing(14)
        body.addLayout(form)
        body.addWidget(self.error_label)
        body.addLayout(buttons)

        self._stack(body)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Change password"))
        self.title_label.setText(self.tr("Choose a new password"))
        self.subtitle_label.setText(
            self.tr("Your password was set by an administrator. Choose your own to continue.")
        )
        self.new_caption.setText(self.tr("New password"))
        self.confirm_caption.setText(self.tr("Repeat it"))
        self.save_button.setText(self.tr("Save and continue"))
        self.cancel_button.setText(self.tr("Cancel"))

    def set_busy(self, busy: bool) -> None:
        for widget in (self.new_edit, self.confirm_edit, self.save_button, self.cancel_button):
            widget.setEnabled(not busy)
