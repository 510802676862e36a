"""The navigation shell: banner, left navigation, stacked pages, status bar (layout only)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QSize, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.principal import Principal
from ui import theme
from ui.alerts.bell import AlertBell
from ui.icons import icon
from ui.text import label, short_db_name
from ui.widgets import ConnectionBanner, TrainingBanner

PAGES = ("dashboard", "map", "cases", "roster", "reports", "settings")
PAGE_KEY_ROLE = 0x0100 + 1  # Qt.UserRole + 1: the page key stored on each navigation item
SIGN_OUT_KEYS = "Ctrl+Shift+L"  # 退出登录 (L for log out; Ctrl+Shift+Q quits elsewhere)


class MainWindow(QMainWindow):
    sig_page_changed = Signal(str)
    """The page now shown (a key of PAGES)."""
    sig_closed = Signal()
    """The user closed the window (the app ends)."""

    def __init__(self, training: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setMinimumSize(1100, 700)
        self._principal: Principal | None = None
        self._jurisdiction = ""
        self._database_url = ""
        self._waiting = 0
        # Asked before closing (the workbench: would open work be lost?); False keeps it open.
        self.close_guard: Callable[[], bool] | None = None

        self.training_banner = TrainingBanner()
        self.training_banner.setVisible(training)
        self.connection_banner = ConnectionBanner()
        self.nav_title = QLabel()
        self.nav_title.setObjectName("navTitle")
        self.nav_subtitle = QLabel()
        self.nav_subtitle.setObjectName("navSubtitle")
        self.intake_button = QPushButton()  # 登记 (Ctrl+N): shown for roles that register
        self.intake_button.setObjectName("intakeButton")
        self.intake_button.hide()
        self.alert_bell = AlertBell()  # 提醒: what needs the user, with the count
        self.sign_out_button = QPushButton(icon("action.logout", theme.NAV_TEXT), "")  # 退出登录
        self.sign_out_button.setObjectName("signOutButton")
        self.sign_out_shortcut = QShortcut(QKeySequence(SIGN_OUT_KEYS), self)
        # Confirmed actions waiting for the database to come back (the session's outbox).
        self.outbox_label = QLabel()
        self.outbox_label.setObjectName("statusSeparated")
        self.outbox_label.hide()
        self.nav_list = QListWidget()
        self.nav_list.setObjectName("navList")
        self.nav_list.setIconSize(QSize(20, 20))
        self.nav_list.setFrameShape(QFrame.Shape.NoFrame)
        self.stack = QStackedWidget()
        self.user_label = QLabel()
        self.roles_label = QLabel()
        self.jurisdiction_label = QLabel()
        self.database_label = QLabel()
        for widget in (self.roles_label, self.jurisdiction_label, self.database_label):
            widget.setObjectName("statusSeparated")

        nav_panel = QFrame()
        nav_panel.setObjectName("navPanel")
        nav_panel.setFixedWidth(200)
        nav_layout = QVBoxLayout(nav_panel)
        nav_layout.setContentsMargins(0, 0, 0, 12)
        nav_layout.setSpacing(0)
        nav_layout.addWidget(self.nav_title)
        nav_layout.addWidget(self.nav_subtitle)
        nav_layout.addWidget(self.alert_bell)
        nav_layout.addWidget(self.intake_button)
        nav_layout.addWidget(self.nav_list, 1)
        nav_layout.addWidget(self.sign_out_button)

        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(0)
        body.addWidget(nav_panel)
        body.addWidget(self.stack, 1)

        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(self.training_banner)
        outer.addWidget(self.connection_banner)
        outer.addLayout(body, 1)
        self.setCentralWidget(central)

        status = self.statusBar()
        status.setSizeGripEnabled(False)
        status.addWidget(self.user_label)
        status.addWidget(self.roles_label)
        status.addWidget(self.jurisdiction_label)
        status.addPermanentWidget(self.outbox_label)
        status.addPermanentWidget(self.database_label)

        self.nav_list.currentRowChanged.connect(self._on_nav_list_row_changed)
        self.retranslate_ui()

    # -- pages ---------------------------------------------------------------------------
    def add_page(self, key: str, widget: QWidget) -> None:
        item = QListWidgetItem(icon(f"nav.{key}", theme.NAV_TEXT), "")
        item.setData(PAGE_KEY_ROLE, key)
        self.nav_list.addItem(item)
        self.stack.addWidget(widget)
        self._retranslate_nav()
        if self.nav_list.count() == 1:
            self.nav_list.setCurrentRow(0)

    def show_page(self, key: str) -> None:
        for row in range(self.nav_list.count()):
            if self.nav_list.item(row).data(PAGE_KEY_ROLE) == key:
                self.nav_list.setCurrentRow(row)
                return
        raise KeyError(key)

    def current_page(self) -> str:
        item = self.nav_list.currentItem()
        return item.data(PAGE_KEY_ROLE) if item is not None else ""

    def page(self, key: str) -> QWidget:
        for row in range(self.nav_list.count()):
            if self.nav_list.item(row).data(PAGE_KEY_ROLE) == key:
                return self.stack.widget(row)
        raise KeyError(key)

    def _on_nav_list_row_changed(self, row: int) -> None:
        if row < 0:
            return
        self.stack.setCurrentIndex(row)
        self.sig_page_changed.emit(self.nav_list.item(row).data(PAGE_KEY_ROLE))

    # -- who is signed in ----------------------------------------------------------------
    def show_waiting_actions(self, count: int) -> None:
        """How many confirmed actions wait for the database (hidden at none)."""
        self._waiting = count
        self.outbox_label.setText(
            self.tr("Actions waiting for the database: %1").replace("%1", str(count))
        )
        self.outbox_label.setVisible(count > 0)

    def set_identity(self, principal: Principal, jurisdiction: str, database_url: str) -> None:
        self._principal = principal
        self._jurisdiction = jurisdiction
        self._database_url = database_url
        self._retranslate_status()

    # -- text ----------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Governance Center Console"))
        self.nav_title.setText(self.tr("Governance Center"))
        self.nav_subtitle.setText(self.tr("GovDesk console"))
        self.intake_button.setText(self.tr("Register a case (Ctrl+N)"))
        self.sign_out_button.setText(self.tr("Sign out (Ctrl+Shift+L)"))
        self.sign_out_button.setToolTip(
            self.tr("Give back the cases you hold, close your cases and return to sign-in")
        )
        self.show_waiting_actions(self._waiting)
        self._retranslate_nav()
        self._retranslate_status()

    def _retranslate_nav(self) -> None:
        names = {
            "dashboard": self.tr("Dashboard"),
            "map": self.tr("Map"),
            "cases": self.tr("Cases"),
            "roster": self.tr("Roster"),
            "reports": self.tr("Reports"),
            "settings": self.tr("Settings"),
        }
        for row in range(self.nav_list.count()):
            item = self.nav_list.item(row)
            item.setText(names.get(item.data(PAGE_KEY_ROLE), item.data(PAGE_KEY_ROLE)))

    def _retranslate_status(self) -> None:
        principal = self._principal
        if principal is None:
            for widget in (self.user_label, self.roles_label, self.jurisdiction_label):
                widget.clear()
            self.database_label.clear()
            return
        roles = self.tr(", ").join(
            label("role", role) for role in sorted(principal.roles, key=_role_order)
        )
        self.user_label.setText(
            self.tr("Signed in: %1 (%2)")
            .replace("%1", principal.display_name)
            .replace("%2", principal.username)
        )
        self.roles_label.setText(self.tr("Roles: %1").replace("%1", roles))
        self.jurisdiction_label.setText(
            self.tr("Jurisdiction: %1").replace("%1", self._jurisdiction)
        )
        self.database_label.setText(
            self.tr("Database: %1").replace("%1", short_db_name(self._database_url))
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.close_guard is not None and not self.close_guard():
            event.ignore()  # the guard asks the user, and closes again if told to
            return
        super().closeEvent(event)
        if event.isAccepted():
            self.sig_closed.emit()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


def _role_order(role) -> int:
    from desktop.domain.enums import Role

    return list(Role).index(role)
