"""Wires the 排班 page: loads today's board on the database worker and records check-ins (the
month tab and the rules have controllers of their own), and refreshes when other seats check people in
(the roster topic of the change notification) and every minute (late turns into missing)."""

from __future__ import annotations

import logging
from datetime import date, timedelta

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.clock import to_local
from desktop.domain.principal import Principal
from desktop.errors import GovDeskError
from ui.roster import loaders
from ui.roster.month_controller import MonthController
from ui.roster.rules_controller import RulesController
from ui.roster.view import RosterView
from ui.roster.widgets import fill
from ui.tasks import TaskRunner
from ui.text import describe, label
from ui.watch import ChangeMonitor

log = logging.getLogger(__name__)

TICK_MS = 60_000


def _time(moment) -> str:
    return to_local(moment).strftime("%H:%M") if moment is not None else ""


def _month_starts(today: date) -> list[date]:
    """Last month, this month and the two after it."""
    first = today.replace(day=1)
    previous = (first - timedelta(days=1)).replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return [previous, first, following, (following + timedelta(days=32)).replace(day=1)]


class RosterController(QObject):
    sig_checked_in = Signal(object)
    """A check-in or check-out was recorded (a CheckInResult)."""

    def __init__(
        self,
        runner: TaskRunner,
        principal: Principal,
        view: RosterView,
        monitor: ChangeMonitor | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._principal = principal
        self.view = view
        self.center_id: int | None = None
        self.today: loaders.Today | None = None
        self._loading = False
        self._stale = False
        today = view.today
        today.refresh_button.clicked.connect(self._on_refresh_button_clicked)
        today.check_in_button.clicked.connect(self._on_check_in_button_clicked)
        today.check_out_button.clicked.connect(self._on_check_out_button_clicked)
        self.months = MonthController(runner, principal, view.month, self)
        self.months.sig_rota_changed.connect(self.refresh)
        self.rules = RulesController(runner, principal, view.rules, self)
        if monitor is not None:
            monitor.sig_roster_changed.connect(self._on_monitor_roster_changed)
        self._tick = QTimer(self)
        self._tick.setInterval(TICK_MS)
        self._tick.timeout.connect(self._on_tick_timeout)

    def start(self) -> None:
        self._tick.start()
        self.refresh()

    def stop(self) -> None:
        self._tick.stop()

    # -- today ---------------------------------------------------------------------------
    def refresh(self) -> None:
        """Load today's board; a request meanwhile runs once more afterwards."""
        if self._loading:
            self._stale = True
            return
        self._loading, self._stale = True, False
        self.view.today.show_state(loading=True)
        self._runner.db(loaders.load_today, self._principal).owned_by(self.view).success(
            self._on_today_loaded
        ).failure(self._on_today_failed).finally_(self._on_today_finished).run()

    def _on_today_loaded(self, today: loaders.Today) -> None:
        view = self.view.today
        first_time = self.center_id is None
        self.today, self.center_id = today, today.center_id
        if today.center_id is None:
            view.show_state(empty=self.tr("Your jurisdiction has no center of its own."))
            return
        board = today.board
        stamp = to_local(board.now).strftime("%Y-%m-%d %H:%M")
        view.when_label.setText(f"{today.center_name} · {stamp}")
        rows = [
            [d.window_name or self.tr("(no window)"), d.department_name,
             d.staff_name or self.tr("nobody rostered"),
             label("arrival", d.arrival) if d.arrival else self.tr("gap"),
             _time(d.checked_in_at), _time(d.checked_out_at)]
            for d in board.duties
        ] + [
            [self.tr("(not rostered)"), d.department_name, d.staff_name, self.tr("checked in"),
             _time(d.checked_in_at), _time(d.checked_out_at)]
            for d in board.extra
        ]  # fmt: skip
        fill(view.board_table, rows)
        fill(view.order_table, [
            [c.department_name, label("presence", c.presence), c.window_name or "",
             c.staff_name or ""]
            for c in board.candidates
        ])  # fmt: skip
        view.on_call_list.clear()
        nobody = self.tr("no contact yet")
        for department, contacts in board.on_call:
            people = "、".join(f"{c.name} {c.phone or ''}".strip() for c in contacts)
            view.on_call_list.addItem(f"{department}：{people or nobody}")
        self._fill_staff(today.staff)
        view.show_state(empty="" if rows else self.tr("Nobody is rostered here today."))
        if first_time:
            self._fill_months(to_local(board.now).date())

    def _fill_staff(self, staff) -> None:
        combo = self.view.today.staff_combo
        chosen = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        for person in staff:
            combo.addItem(f"{person.name}（{person.department}）", person.staff_id)
        index = combo.findData(chosen)
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)

    def _on_today_failed(self, exc: BaseException) -> None:
        self.view.today.show_state(error=self._error_text(exc))

    def _on_today_finished(self) -> None:
        self._loading = False
        if self._stale:
            self.refresh()

    def _error_text(self, exc: BaseException) -> str:
        if isinstance(exc, GovDeskError):
            return describe(exc)
        log.error("the roster could not be loaded", exc_info=exc)
        return self.tr("The roster could not be loaded. The details are in the log.")

    # -- check-in ------------------------------------------------------------------------
    def _on_check_in_button_clicked(self) -> None:
        self._visit(leaving=False)

    def _on_check_out_button_clicked(self) -> None:
        self._visit(leaving=True)

    def _visit(self, *, leaving: bool) -> None:
        view = self.view.today
        staff_id, secret = view.staff_combo.currentData(), view.secret_edit.text()
        if self.center_id is None or staff_id is None:
            view.show_visit_result(error=self.tr("Choose the person first."))
            return
        if not secret:
            view.show_visit_result(error=self.tr("Enter their password or PIN."))
            view.secret_edit.setFocus()
            return
        view.set_visit_busy(True)
        view.show_visit_result()
        self._runner.db(
            loaders.record_visit, self._principal, self.center_id, staff_id, secret, leaving
        ).owned_by(self.view).success(lambda result: self._on_visit_done(result, leaving)).failure(
            self._on_visit_failed
        ).finally_(self._on_visit_finished).run()

    def _on_visit_done(self, result, leaving: bool) -> None:
        text = self.tr("%1 checked out at %2") if leaving else self.tr("%1 checked in at %2")
        self.view.today.show_visit_result(
            done=text.replace("%1", result.staff_name).replace("%2", _time(result.at))
        )
        self.view.today.secret_edit.clear()
        self.sig_checked_in.emit(result)
        self.refresh()

    def _on_visit_failed(self, exc: BaseException) -> None:
        if not isinstance(exc, GovDeskError):
            log.error("check-in failed", exc_info=exc)
        text = (
            describe(exc)
            if isinstance(exc, GovDeskError)
            else self.tr("The check-in could not be saved. The details are in the log.")
        )
        self.view.today.show_visit_result(error=text)
        self.view.today.secret_edit.selectAll()

    def _on_visit_finished(self) -> None:
        self.view.today.set_visit_busy(False)
        self.view.today.secret_edit.setFocus()

    # -- month and rules -----------------------------------------------------------------
    def _fill_months(self, today: date) -> None:
        combo = self.view.month.month_combo
        combo.blockSignals(True)
        combo.clear()
        for start in _month_starts(today):
            combo.addItem(start.strftime("%Y-%m"), start)
        combo.setCurrentIndex(1)
        combo.blockSignals(False)
        self.load_month()
        self.rules.load(self.center_id)

    def load_month(self) -> None:
        self.months.load(self.center_id)

    @property
    def month(self) -> loaders.Month | None:
        return self.months.month

    # -- refreshes -----------------------------------------------------------------------
    def _on_refresh_button_clicked(self) -> None:
        self.refresh()
        self.load_month()

    def _on_monitor_roster_changed(self) -> None:
        self.refresh()

    def _on_tick_timeout(self) -> None:
        self.refresh()
