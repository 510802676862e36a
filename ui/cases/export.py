"""Exporting the current case list: pick a file, write it in the background, progress and Cancel."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from desktop.domain.principal import Principal
from desktop.errors import GovDeskError
from desktop.services.queues import CaseFilter, Sort
from ui.cases import loading
from ui.cases.view import CasesView
from ui.tasks import Cancelled, Op, TaskRunner
from ui.text import describe

log = logging.getLogger(__name__)


def ask_path(parent: QWidget) -> Path | None:
    """The save dialog; None when the user backs out."""
    tr = functools.partial(QCoreApplication.translate, "ExportController")
    name, _ = QFileDialog.getSaveFileName(
        parent, tr("Export the case list"), tr("case-list.xlsx"), tr("Excel workbook (*.xlsx)")
    )
    if not name:
        return None
    path = Path(name)
    return path if path.suffix.lower() == ".xlsx" else path.with_suffix(".xlsx")


class ExportController(QObject):
    sig_finished = Signal(object)
    """The export ended: an ExportResult, or None when cancelled or refused."""

    def __init__(self, runner: TaskRunner, principal: Principal, view: CasesView, parent=None):
        super().__init__(parent)
        self._runner = runner
        self._principal = principal
        self._view = view
        self._op: Op | None = None
        self.choose_path: Callable[[QWidget], Path | None] = ask_path
        view.cancel_export_button.clicked.connect(self._on_cancel_button_clicked)

    @property
    def running(self) -> bool:
        return self._op is not None

    def start(self, flt: CaseFilter, sort: Sort) -> None:
        path = self.choose_path(self._view)
        if path is None or self._op is not None:
            return
        view = self._view
        view.export_button.setEnabled(False)
        view.export_progress.setRange(0, 0)
        view.export_progress.show()
        view.cancel_export_button.show()
        view.error_label.hide()
        factory = self._runner.session_factory
        self._op = (
            self._runner.job(loading.export, factory, self._principal, flt, sort, path)
            .owned_by(view)
            .with_progress(self._on_progress)
            .success(self._on_done)
            .failure(self._on_failed)
            .finally_(self._on_finished)
            .run()
        )

    def cancel(self) -> None:
        if self._op is not None:
            self._op.cancel()

    def _on_progress(self, done: int, total: int, _text: str) -> None:
        self._view.export_progress.setRange(0, max(total, 1))
        self._view.export_progress.setValue(done)

    def _on_done(self, result) -> None:
        if result is None:
            self._view.status_label.setText(self.tr("Export cancelled; no file was written."))
        else:
            self._view.status_label.setText(
                self.tr("Exported {count} cases to {path}.").format(
                    count=f"{result.rows:,}", path=result.path
                )
            )
        self.sig_finished.emit(result)

    def _on_failed(self, exc: BaseException) -> None:
        if isinstance(exc, Cancelled):
            self._view.status_label.setText(self.tr("Export cancelled; no file was written."))
        elif isinstance(exc, GovDeskError):
            self._view.error_label.setText(describe(exc))
            self._view.error_label.show()
        else:
            log.error("exporting the case list failed", exc_info=exc)
            self._view.error_label.setText(
                self.tr("The export failed. The details are in the log.")
            )
            self._view.error_label.show()
        self.sig_finished.emit(None)

    def _on_finished(self) -> None:
        self._op = None
        self._view.export_button.setEnabled(True)
        self._view.export_progress.hide()
        self._view.cancel_export_button.hide()

    def _on_cancel_button_clicked(self) -> None:
        self.cancel()
