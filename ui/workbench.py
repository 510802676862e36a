"""The signed-in session: the main window with its pages, controllers and change monitor,
the outbox of confirmed actions, and signing out."""

from __future__ import annotations

import logging
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.clock import to_local
from desktop.domain.enums import Role
from desktop.domain.principal import Principal
from desktop.errors import GovDeskError
from desktop.services.drafts import DraftStore
from desktop.services.queues import CaseFilter
from ui.admin.geo_import_controller import GeoImportController
from ui.admin.geo_import_view import GeoImportDialog
from ui.alerts.controller import AlertsController
from ui.cases.detail.bulk import BulkController
from ui.cases.detail.outbox import ActionOutbox, OutgoingAction
from ui.cases.detail.tabs import CaseTabs
from ui.cases.page import CasesPage
from ui.connect.database import Database
from ui.dashboard.controller import DashboardController
from ui.dashboard.figures_controller import FiguresController
from ui.dashboard.view import DashboardView
from ui.intake.launcher import IntakeLauncher, may_register
from ui.main_window import MainWindow
from ui.map.controller import MapController
from ui.map.picker import PointPickerDialog
from ui.map.view import MapPageView
from ui.preferences.controller import PreferencesController
from ui.preferences.view import PreferencesView
from ui.reports.controller import ReportsController
from ui.reports.view import ReportsView
from ui.roster.controller import RosterController
from ui.roster.view import RosterView
from ui.tasks import TaskRunner
from ui.text import describe
from ui.watch import ChangeMonitor

log = logging.getLogger(__name__)


RELEASE_WAIT_MS = 3000  # quitting waits this long at most for the claims to be given back


def release_claims(session, principal: Principal) -> list[int]:
    """Database worker only: give back the user's claims (signing out or quitting)."""
    from desktop.services.claims import release_mine

    with session.begin():
        return release_mine(session=session, principal=principal)


def jurisdiction_name(session, jurisdiction_id: int) -> str:
    """Database worker only."""
    from desktop.db.models import Jurisdiction

    with session.begin():
        row = session.get(Jurisdiction, jurisdiction_id)
        return row.name if row is not None else str(jurisdiction_id)


class Workbench(QObject):
    sig_closed = Signal()
    """The main window was closed."""
    sig_signed_out = Signal()
    """The user signed out: the session is closed and its claims given back (or tried)."""

    def __init__(
        self,
        runner: TaskRunner,
        database: Database,
        principal: Principal,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self.database = database
        self.principal = principal
        self.window = MainWindow(database.training)
        self.monitor = ChangeMonitor(runner, database.engine, self)
        self.dashboard = DashboardController(runner, principal, DashboardView(), self.monitor, self)
        self.figures = FiguresController(
            runner, principal, self.dashboard.view.figures_panel, self.monitor, self
        )
        self._place_name = ""
        self.last_cases_request: tuple[object, str] | None = None
        self.window.add_page("dashboard", self.dashboard.view)
        self.cases = CasesPage(runner, principal, monitor=self.monitor, parent=self)
        self.map = MapController(runner, principal, MapPageView(), self.monitor, self)
        self.window.add_page("map", self.map.view)
        self.window.add_page("cases", self.cases.view)
        self.roster = RosterController(runner, principal, RosterView(), self.monitor, self)
        self.window.add_page("roster", self.roster.view)
        self.reports = ReportsController(runner, principal, ReportsView(), self)
        self.window.add_page("reports", self.reports.view)
        self.preferences = PreferencesController(PreferencesView(), database.url, self)
        self.window.add_page("settings", self.preferences.view)
        self.map.view.map.set_base_map(self.preferences.base_map)
        self.preferences.sig_base_map_changed.connect(self.map.view.map.set_base_map)
        if Role.ADMIN in principal.roles:
            self.preferences.view.import_button.show()
            self.preferences.view.import_button.clicked.connect(self.open_geo_import)
        self.geo_import: GeoImportController | None = None
        # Confirmed actions live here until the database answers, whatever windows close.
        self.outbox = ActionOutbox(runner, self)
        self.outbox.sig_sent.connect(self._on_outbox_sent)
        self.outbox.sig_refused.connect(self._on_outbox_refused)
        self.outbox.sig_count_changed.connect(self.window.show_waiting_actions)
        self.refusal_box: QMessageBox | None = None
        self.sign_out_box: QMessageBox | None = None
        self.quit_box: QMessageBox | None = None
        self._close_confirmed = False  # closing the window was asked about, or is ours
        self._signing_out = False
        self.case_tabs = CaseTabs(runner, principal, database.training, self, outbox=self.outbox)
        self.bulk = BulkController(runner, principal, self.cases.view.table, self.cases.model, self)
        self.bulk.sig_cases_changed.connect(self.cases.refresh)
        self.bulk.sig_cases_changed.connect(self.case_tabs.refresh_all)
        self.monitor.sig_cases_changed.connect(self.case_tabs.refresh_all)
        self.alerts = AlertsController(
            runner, principal, self.window.alert_bell, self.monitor, self
        )
        self.alerts.sig_case_requested.connect(self.open_case)
        self.monitor.sig_connection_lost.connect(self._on_monitor_connection_lost)
        self.monitor.sig_connection_restored.connect(self._on_monitor_connection_restored)
        self.window.set_identity(principal, "…", database.url)
        self.dashboard.sig_queue_requested.connect(self._on_dashboard_queue_requested)
        self.cases.sig_case_requested.connect(self._on_cases_case_requested)
        self.cases.sig_show_on_map.connect(self.show_cases_on_map)
        self.case_tabs.sig_map_requested.connect(self._on_case_map_requested)
        self.dashboard.view.sig_wall_requested.connect(self._on_dashboard_wall_requested)
        self.figures.sig_cases_requested.connect(self._on_cases_requested)
        self.reports.sig_cases_requested.connect(self._on_cases_requested)
        self.intake: IntakeLauncher | None = None
        if may_register(principal):
            drafts = DraftStore.for_user(database.url, principal.user_id)
            self.intake = IntakeLauncher(runner, principal, self.window, database.training, self,
                                         drafts=drafts)  # fmt: skip
            self.window.intake_button.show()
            self.window.intake_button.clicked.connect(self.intake.open)
            self.intake.sig_case_registered.connect(self._on_intake_case_registered)
            self.intake.point_picker = self._pick_point
        self.window.sig_closed.connect(self._on_window_closed)
        self.window.sign_out_button.clicked.connect(self.sign_out)
        self.window.sign_out_shortcut.activated.connect(self.sign_out)
        self.window.close_guard = self._may_close
        self.window.sig_page_changed.connect(self._on_window_page_changed)
        self.map.sig_cases_requested.connect(self._on_cases_requested)
        self.map.sig_case_requested.connect(self._on_map_case_requested)

    def start(self) -> None:
        self.window.resize(1440, 900)
        self.window.show()
        self._runner.db(jurisdiction_name, self.principal.jurisdiction_id).owned_by(
            self.window
        ).success(self._on_jurisdiction_loaded).run()
        self.monitor.start()
        self.alerts.start()
        self.dashboard.start()
        self.cases.start()
        self.figures.start()
        self.reports.start()
        self.roster.start()
        if self.intake is not None:
            self.intake.offer_drafts()  # forms a crash or a closed window left unsaved

    def open_case(self, case_id: int) -> None:
        """Show a case in the case window (from a queue, an alert, the map or a report)."""
        self.case_tabs.open_case(case_id)

    def close(self) -> None:
        """Stop background refreshes and close the window; safe to call twice."""
        self._stop_pages()
        if not shiboken6.isValid(self.window):
            return
        self._close_confirmed = True
        self.window.blockSignals(True)
        self.window.close()
        self.window.deleteLater()

    def _stop_pages(self) -> None:
        self.alerts.stop()
        self.dashboard.stop()
        self.cases.stop()
        self.figures.stop()
        self.roster.stop()
        self.monitor.stop()
        if shiboken6.isValid(self.case_tabs.window):
            self.case_tabs.close()
        if self.intake is not None:
            self.intake.close()

    # -- signing out ---------------------------------------------------------------------
    def sign_out(self) -> None:
        """退出登录: asks first if action dialogs are open or actions wait for the database;
        then closes the session, gives the user's claims back, and emits sig_signed_out."""
        if self._signing_out:
            return
        if self.sign_out_box is not None:
            self.sign_out_box.raise_()
            return
        box = self._loss_question(self.tr("Sign out"), self.tr("Sign out anyway? This is lost:"))
        if box is None:
            self._sign_out_now()
            return
        box.finished.connect(lambda result: self._on_sign_out_box_finished(box, result))
        self.sign_out_box = box
        box.open()

    def _loss_question(self, title: str, question: str) -> QMessageBox | None:
        """Ask before open action windows or waiting actions are lost; None: nothing is."""
        dialogs = self.case_tabs.open_dialogs() if shiboken6.isValid(self.case_tabs.window) else 0
        waiting = len(self.outbox.waiting)
        if not dialogs and not waiting:
            return None
        lines = []
        if dialogs:
            lines.append(self.tr("Open action windows, with what is typed in them: %1")
                         .replace("%1", str(dialogs)))  # fmt: skip
        if waiting:
            lines.append(self.tr("Confirmed actions still waiting for the database: %1")
                         .replace("%1", str(waiting)))  # fmt: skip
        box = QMessageBox(
            QMessageBox.Icon.Warning, title, question + "\n" + "\n".join(lines),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, self.window,
        )  # fmt: skip
        box.button(QMessageBox.StandardButton.Yes).setText(title)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)  # Enter keeps the work
        return box

    def _may_close(self) -> bool:
        """The main window asks before closing: quitting loses what sign-out would."""
        if self._close_confirmed:
            return True
        if self.quit_box is None:
            box = self._loss_question(self.tr("Quit"), self.tr("Quit anyway? This is lost:"))
            if box is None:
                return True
            box.finished.connect(lambda result: self._on_quit_box_finished(box, result))
            self.quit_box = box
            box.open()
        return False

    def _on_quit_box_finished(self, box: QMessageBox, result: int) -> None:
        box.deleteLater()
        self.quit_box = None
        if result == QMessageBox.StandardButton.Yes:
            self._close_confirmed = True
            self.outbox.discard_waiting()
            self.window.close()

    def _on_sign_out_box_finished(self, box: QMessageBox, result: int) -> None:
        box.deleteLater()
        self.sign_out_box = None
        if result == QMessageBox.StandardButton.Yes:
            self._sign_out_now()

    def _sign_out_now(self) -> None:
        self._signing_out = True
        log.info("signing out: user %s", self.principal.user_id)
        self.outbox.discard_waiting()
        self.close()
        self._release_claims_then(self.sig_signed_out.emit)

    # -- the outbox ----------------------------------------------------------------------
    def _on_outbox_sent(self, action: OutgoingAction, _change) -> None:
        if action.waited:  # the user was told it would be sent: say that it was
            self.window.statusBar().showMessage(
                self.tr("Sent now that the database answers again: %1").replace("%1", action.words),
                60_000,
            )

    def _on_outbox_refused(self, action: OutgoingAction, exc: BaseException) -> None:
        """A waited-for action refused after its dialog was closed: nobody else says so."""
        if not action.waited or action.shown_by_owner() or not shiboken6.isValid(self.window):
            return
        reason = (
            describe(exc)
            if isinstance(exc, GovDeskError)
            else self.tr("The details are in the log.")
        )
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Action not carried out"),
            self.tr("After the database came back, %1 was refused: %2")
            .replace("%1", action.words)
            .replace("%2", reason),
            QMessageBox.StandardButton.Ok,
            self.window,
        )
        box.setWindowModality(Qt.WindowModality.NonModal)
        box.finished.connect(box.deleteLater)
        self.refusal_box = box
        box.show()

    def _on_monitor_connection_lost(self, last_contact) -> None:
        shown = to_local(last_contact).strftime("%H:%M:%S") if last_contact else ""
        self.window.connection_banner.show_lost(shown)
        if shiboken6.isValid(self.case_tabs.window):
            self.case_tabs.show_connection_lost(shown)

    def _on_monitor_connection_restored(self) -> None:
        self.outbox.retry_now()  # before the pages refresh: they then show its result
        self.window.connection_banner.hide()
        if shiboken6.isValid(self.case_tabs.window):
            self.case_tabs.show_connection_lost(None)
        # What is on screen may be stale: every page asks again.
        self.cases.refresh()
        self.case_tabs.refresh_all()
        self.dashboard.refresh()

    def _on_jurisdiction_loaded(self, name: str) -> None:
        self._place_name = name
        self.window.set_identity(self.principal, name, self.database.url)

    def _on_intake_case_registered(self, case_id: int, number: str) -> None:
        """The new case opens in the queue page as a list of one, and in the case view."""
        self.open_cases(CaseFilter(ids=frozenset({case_id})), number)
        self.open_case(case_id)
        self.window.statusBar().showMessage(
            self.tr("Registered case %1").replace("%1", number), 15_000
        )
        self.dashboard.refresh()

    def _pick_point(self, form: QWidget, done: Callable[[float, float], None]) -> None:
        """在地图上选点 for the intake form: the map's picker, window-modal over the form."""
        dialog = PointPickerDialog(self._runner, self.principal, form)
        dialog.sig_place_picked.connect(lambda place: done(place.lat, place.lng))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def open_geo_import(self) -> None:
        """导入边界 (administrators): window-modal over the main window."""
        dialog = GeoImportDialog(self.window)
        self.geo_import = GeoImportController(self._runner, self.principal, dialog, dialog)
        self.geo_import.sig_imported.connect(self._on_geo_imported)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _on_geo_imported(self, _result) -> None:
        self.map.reload()

    def open_cases(self, filter: CaseFilter, origin_label: str) -> None:
        """Show a list of cases from elsewhere (a report's drill-down, the map, an alert)."""
        self.cases.open(filter, origin_label)
        self.window.show_page("cases")

    def _on_window_page_changed(self, key: str) -> None:
        if key == "map":
            self.map.start()  # the map loads the first time it is opened

    def show_cases_on_map(self, case_ids) -> None:
        """在地图上查看: ring these cases on the map and fit the view to them."""
        self.window.show_page("map")
        self.map.show_cases(list(case_ids))

    def _on_case_map_requested(self, case_id: int) -> None:
        """From a case's window back to the main one, on the map at the case."""
        self.show_cases_on_map([case_id])
        self.window.raise_()
        self.window.activateWindow()

    def _on_map_case_requested(self, case_id: int) -> None:
        self.open_case(case_id)

    def _on_dashboard_queue_requested(self, queue: str) -> None:
        self.cases.open_queue(queue)
        self.window.show_page("cases")

    def _on_cases_case_requested(self, case_id: int) -> None:
        self.open_case(case_id)

    def _on_dashboard_wall_requested(self) -> None:
        self.figures.open_wall(self._place_name)

    def _on_cases_requested(self, case_filter, origin: str) -> None:
        """A figure's or a report's cases: the queue page opens on exactly them."""
        self.last_cases_request = (case_filter, origin)
        # Show the page first: hiding the dashboard moves the keyboard focus, and the queue
        # list it lands on opens its first queue; the drill-down must come after that.
        self.window.show_page("cases")
        self.open_cases(case_filter, origin)
        self.cases.view.table.setFocus()

    def _on_window_closed(self) -> None:
        self._stop_pages()
        self._release_claims_then(self.sig_closed.emit)

    def _release_claims_then(self, done: Callable[[], None]) -> None:
        """Give the user's claims back before the program ends (never waiting for long: a
        database that is away gets the claims back when they lapse)."""
        finished = False

        def finish(*_args) -> None:
            nonlocal finished
            if not finished:
                finished = True
                done()

        self._runner.db(release_claims, self.principal).owned_by(self).success(finish).failure(
            lambda exc: (log.warning("claims not released on quit: %s", exc), finish())
        ).run()
        QTimer.singleShot(RELEASE_WAIT_MS, self, finish)
