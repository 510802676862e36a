"""Wires the 报表 page: pickers, preview with drill-down, making a report with progress and
Cancel, opening the result, and the recent runs. Database work on the workers only."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QTableWidgetItem

from desktop.domain.metrics import RATES, Metric
from desktop.domain.principal import Principal
from desktop.errors import GovDeskError
from desktop.services.report_page import CenterChoice, Preview, ReportRun
from ui.reports.generate import Made, ReportKind, ReportRequest, default_name, make_report
from ui.reports.view import ReportsView
from ui.tasks import Cancelled, Op, TaskRunner
from ui.text import describe, label

log = logging.getLogger(__name__)

PREVIEW_DELAY_MS = 300
METRIC_ROLE = 0x0100  # Qt.UserRole: the metric code of a preview row; the path of a run


@dataclass(frozen=True)
class PageStart:
    today: date
    centers: list[CenterChoice]
    runs: list[ReportRun]


def load_start(session, principal: Principal) -> PageStart:
    """Database worker only."""
    from desktop.services.meta import clock_for
    from desktop.services.report_page import centers_for, recent_runs

    with session.begin():
        return PageStart(
            today=clock_for(session).today(),
            centers=centers_for(session=session, principal=principal),
            runs=recent_runs(session=session),
        )


def load_runs(session) -> list[ReportRun]:
    from desktop.services.report_page import recent_runs

    with session.begin():
        return recent_runs(session=session)


def load_preview(session, principal: Principal, center_id: int, period) -> Preview:
    from desktop.services.report_page import preview

    with session.begin():
        return preview(session=session, principal=principal, center_id=center_id, period=period)


def load_preview_ids(session, principal: Principal, center_id: int, period, metric) -> list[int]:
    from desktop.services.report_page import preview_ids

    with session.begin():
        return preview_ids(session=session, principal=principal, center_id=center_id,
                           period=period, metric=metric)  # fmt: skip


def default_folder() -> Path:
    documents = Path.home() / "Documents"
    return documents if documents.is_dir() else Path.home()


_NUMBER_ALIGNMENT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def format_figure(metric: Metric, value) -> str:
    if value is None:
        return "—"
    if metric in RATES:
        return f"{value * 100:.1f}%"
    if metric == Metric.MEAN_DAYS:
        return f"{value:.1f}"
    return f"{int(value):,}"


class ReportsController(QObject):
    sig_cases_requested = Signal(object, str)
    """Open the queue page on a preview figure's cases: (CaseFilter with ids, origin label)."""
    sig_report_made = Signal(object)
    """A report was written (a ui.reports.generate.Made)."""

    def __init__(
        self,
        runner: TaskRunner,
        principal: Principal,
        view: ReportsView,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._principal = principal
        self.view = view
        self.today: date | None = None
        self.preview: Preview | None = None
        self.made: Made | None = None
        self.op: Op | None = None
        self.job_started = False  # the reports worker has begun the current job
        self.open_url = QDesktopServices.openUrl  # how a file or folder is shown to the user
        self._previewing = False
        self._preview_stale = False
        self._preview_timer = QTimer(view)  # dies with the page, never fires on a dead one
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self._load_preview)
        view.folder_edit.setText(str(default_folder()))
        view.kind_combo.currentIndexChanged.connect(self._on_choice_changed)
        for combo in (
            view.center_combo,
            view.week_combo,
            view.month_combo,
            view.year_combo,
            view.queue_combo,
        ):
            combo.currentIndexChanged.connect(self._on_choice_changed)
        view.folder_edit.textChanged.connect(self._show_file_name)
        view.folder_button.clicked.connect(self._on_folder_button_clicked)
        view.generate_button.clicked.connect(self._on_generate_button_clicked)
        view.cancel_button.clicked.connect(self._on_cancel_button_clicked)
        view.open_file_button.clicked.connect(self._on_open_file_button_clicked)
        view.open_folder_button.clicked.connect(self._on_open_folder_button_clicked)
        view.preview_table.cellActivated.connect(self._on_preview_row_activated)
        view.preview_table.cellDoubleClicked.connect(self._on_preview_row_activated)
        view.recent_table.cellDoubleClicked.connect(self._on_recent_row_activated)
        view.recent_table.cellActivated.connect(self._on_recent_row_activated)
        view.recent_open_button.clicked.connect(self._on_recent_open_button_clicked)

    # -- start ---------------------------------------------------------------------------
    def start(self) -> None:
        self.view.status_label.setText(self.tr("Loading…"))
        self._runner.db(load_start, self._principal).owned_by(self.view).success(
            self._on_start_loaded
        ).failure(self._show_failure).run()

    def _on_start_loaded(self, start: PageStart) -> None:
        self.today = start.today
        view = self.view
        view.set_periods(start.today)
        view.center_combo.blockSignals(True)
        view.center_combo.clear()
        for center in start.centers:
            view.center_combo.addItem(center.name, center)
        view.center_combo.blockSignals(False)
        if not start.centers:
            view.status_label.setText(self.tr("Your jurisdiction has no center to report on."))
            view.generate_button.setEnabled(False)
        else:
            view.status_label.clear()
        self._show_runs(start.runs)
        self._on_choice_changed()

    # -- choices -------------------------------------------------------------------------
    def center(self) -> CenterChoice | None:
        return self.view.center_combo.currentData()

    def period(self):
        view = self.view
        kind = view.kind()
        if kind == ReportKind.WEEKLY:
            return view.week_combo.currentData()
        if kind == ReportKind.MONTHLY:
            return view.month_combo.currentData()
        if kind == ReportKind.ANNUAL:
            return view.year_combo.currentData()
        return None

    def target_path(self) -> Path | None:
        center = self.center()
        kind = self.view.kind()
        if center is None:
            return None
        code = str(self.view.queue_combo.currentData()) if kind == ReportKind.EXPORT else None
        if code is None:
            period = self.period()
            if period is None:
                return None
            code = period.code
        folder = Path(self.view.folder_edit.text().strip() or ".")
        return folder / default_name(kind, center.short_name, code)

    def _on_choice_changed(self, *_args) -> None:
        self.view.show_kind(self.view.kind())
        self._show_file_name()
        self._preview_timer.start()

    def _show_file_name(self, *_args) -> None:
        path = self.target_path()
        text = self.tr("File: %1").replace("%1", str(path)) if path is not None else ""
        self.view.file_label.setText(text)

    # -- preview -------------------------------------------------------------------------
    def _load_preview(self) -> None:
        center, period = self.center(), self.period()
        if center is None or period is None:
            self.view.preview_table.setRowCount(0)
            self.preview = None
            return
        if self._previewing:
            self._preview_stale = True
            return
        self._previewing = True
        self._preview_stale = False
        self.view.preview_hint.setText(self.tr("Counting…"))
        self._runner.db(load_preview, self._principal, center.id, period).owned_by(
            self.view
        ).success(self._on_preview_loaded).failure(self._show_failure).finally_(
            self._on_preview_finished
        ).run()

    def _on_preview_loaded(self, preview: Preview) -> None:
        self.preview = preview
        table = self.view.preview_table
        table.setRowCount(len(preview.rows))
        for row, item in enumerate(preview.rows):
            now, before = item.current.value, item.previous.value
            cells = [label("metric", item.metric), format_figure(item.metric, now),
                     format_figure(item.metric, before), self._change(item.metric, now, before)]  # fmt: skip
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setData(METRIC_ROLE, str(item.metric))
                if column:
                    cell.setTextAlignment(_NUMBER_ALIGNMENT)
                table.setItem(row, column, cell)
        hint = self.tr("The report's headline figures. Double-click a row to open its cases.")
        if preview.period.as_of is not None:
            hint += self.tr(" The period is still running: overdue cases are counted at 00:00 %1.")
            hint = hint.replace("%1", preview.period.as_of.strftime("%m-%d"))
        self.view.preview_hint.setText(hint)

    def _change(self, metric: Metric, now, before) -> str:
        if now is None or before is None:
            return "—"
        delta = now - before
        if metric in RATES:
            return self.tr("%1 pts").replace("%1", f"{delta * 100:+.1f}")
        if metric == Metric.MEAN_DAYS:
            return f"{delta:+.1f}"
        arrow = "" if delta == 0 else ("▲" if delta > 0 else "▼")
        return f"{arrow}{int(delta):+,d}"

    def _on_preview_finished(self) -> None:
        self._previewing = False
        if self._preview_stale:
            self._load_preview()

    def _on_preview_row_activated(self, row: int, _column: int = 0) -> None:
        preview = self.preview
        if preview is None or not 0 <= row < len(preview.rows):
            return
        metric = preview.rows[row].metric
        origin = self.tr("Report %1 · %2").replace("%1", preview.period.code)
        origin = origin.replace("%2", label("metric", metric))
        self._runner.db(
            load_preview_ids, self._principal, preview.center_id, preview.period, metric
        ).owned_by(self.view).success(lambda ids: self._emit_cases(ids, origin)).failure(
            self._show_failure
        ).run()

    def _emit_cases(self, ids: list[int], origin: str) -> None:
        from desktop.services.case_filters import CaseFilter

        self.sig_cases_requested.emit(CaseFilter(ids=ids), origin)

    # -- making a report -----------------------------------------------------------------
    def _on_generate_button_clicked(self) -> None:
        view = self.view
        view.error_label.hide()
        center, path = self.center(), self.target_path()
        folder = Path(view.folder_edit.text().strip())
        if center is None or path is None:
            self._show_error(self.tr("Choose a center and a period first."))
            return
        if not folder.is_dir():
            self._show_error(
                self.tr("Save in: the folder “%1” does not exist.").replace("%1", str(folder))
            )
            return
        kind = view.kind()
        request = ReportRequest(
            kind=kind,
            center_id=center.id,
            path=path,
            actor=self._principal.username,
            period=self.period(),
            queue=view.queue_combo.currentData() if kind == ReportKind.EXPORT else None,
        )
        self.made = None
        self.job_started = False
        view.open_file_button.hide()
        view.open_folder_button.hide()
        view.set_busy(True)
        view.status_label.setText(self.tr("Making %1…").replace("%1", path.name))
        self.op = (
            self._runner.job(make_report, self._runner.session_factory, request)
            .owned_by(view)
            .with_progress(self._on_progress)
            .success(self._on_report_made)
            .failure(self._on_report_failed)
            .finally_(self._on_report_finished)
            .run()
        )

    def _on_progress(self, _done: int, _total: int, text: str) -> None:
        self.job_started = True
        if text and self.op is not None and not self.op.progress.cancelled:
            self.view.status_label.setText(self.tr("Making the report: %1").replace("%1", text))

    def _on_cancel_button_clicked(self) -> None:
        if self.op is not None:
            self.op.cancel()
            self.view.cancel_button.setEnabled(False)
            self.view.status_label.setText(self.tr("Cancelling…"))

    def _on_report_made(self, made: Made) -> None:
        self.made = made
        self.view.status_label.setText(self.tr("Saved %1").replace("%1", str(made.path)))
        self.view.open_file_button.show()
        self.view.open_folder_button.show()
        self.sig_report_made.emit(made)
        self._runner.db(load_runs).owned_by(self.view).success(self._show_runs).run()

    def _on_report_failed(self, exc: BaseException) -> None:
        if isinstance(exc, Cancelled):
            self.view.status_label.setText(self.tr("Cancelled: no file was written."))
            return
        self.view.status_label.clear()
        self._show_failure(exc)

    def _on_report_finished(self) -> None:
        self.op = None
        self.view.set_busy(False)

    def _on_open_file_button_clicked(self) -> None:
        if self.made is not None:
            self.open_url(QUrl.fromLocalFile(str(self.made.path)))

    def _on_open_folder_button_clicked(self) -> None:
        if self.made is not None:
            self.open_url(QUrl.fromLocalFile(str(self.made.path.parent)))

    def _on_folder_button_clicked(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self.view, self.tr("Save reports in"), self.view.folder_edit.text()
        )
        if chosen:
            self.view.folder_edit.setText(chosen)

    # -- recent runs ---------------------------------------------------------------------
    def _show_runs(self, runs: list[ReportRun]) -> None:
        table = self.view.recent_table
        table.setRowCount(len(runs))
        names = {"report.weekly": self.tr("Weekly report"),
                 "report.monthly": self.tr("Monthly report"),
                 "report.annual": self.tr("Annual report"),
                 "report.export": self.tr("Case list export")}  # fmt: skip
        from desktop.clock import to_local

        for row, run in enumerate(runs):
            exists = bool(run.file) and Path(run.file).is_file()
            cells = [to_local(run.at).strftime("%Y-%m-%d %H:%M"), names.get(run.action, run.action),
                     run.center, run.period, run.file if exists else
                     self.tr("%1 (no longer there)").replace("%1", run.file)]  # fmt: skip
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setData(METRIC_ROLE, run.file if exists else "")
                table.setItem(row, column, cell)
        self.view.recent_empty.setVisible(not runs)

    def _on_recent_row_activated(self, row: int, _column: int = 0) -> None:
        cell = self.view.recent_table.item(row, 0)
        path = cell.data(METRIC_ROLE) if cell is not None else ""
        if path:
            self.open_url(QUrl.fromLocalFile(str(Path(path).resolve())))

    def _on_recent_open_button_clicked(self) -> None:
        row = self.view.recent_table.currentRow()
        if row >= 0:
            self._on_recent_row_activated(row)

    # -- errors --------------------------------------------------------------------------
    def _show_error(self, text: str) -> None:
        self.view.error_label.setText(text)
        self.view.error_label.show()

    def _show_failure(self, exc: BaseException) -> None:
        if isinstance(exc, GovDeskError):
            self._show_error(describe(exc))
            return
        log.error("the reports page failed", exc_info=exc)
        self._show_error(self.tr("That did not work. The details are in the log."))
