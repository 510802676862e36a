"""Wires the 导入边界 dialog: checks the file on the database worker (reads only), shows every
problem and the features on the map coloured by what the import would do, then imports it all
or nothing. The same services as `govdesk geo import`."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog

from desktop.domain.enums import GeoLevel
from desktop.domain.principal import Principal
from desktop.errors import GovDeskError
from desktop.services.geo_import import FeatureNote, ImportPlan
from desktop.services.geo_shapes import SourceCrs
from ui.admin.geo_import_view import GeoImportDialog
from ui.tasks import TaskRunner
from ui.text import describe

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ImportRequest:
    path: Path
    level: GeoLevel
    crs: SourceCrs
    parent_code: str | None
    tolerance_m: float
    relocate: bool = False


def check_file(session, principal: Principal, request: ImportRequest) -> ImportPlan:
    """Database worker only: the plan, writing nothing."""
    from desktop.services.geo_import import plan_import, require_admin

    require_admin(principal)
    with session.begin():
        return plan_import(session=session, path=request.path, level=request.level,
                           crs=request.crs, parent_code=request.parent_code,
                           tolerance_m=request.tolerance_m)  # fmt: skip


def import_file(session, principal: Principal, request: ImportRequest):
    """Database worker only: the whole file in one transaction, or nothing."""
    from desktop.services.geo_import import import_boundaries, require_admin

    require_admin(principal)
    with session.begin():
        return import_boundaries(session=session, path=request.path, level=request.level,
                                 crs=request.crs, parent_code=request.parent_code,
                                 tolerance_m=request.tolerance_m, relocate=request.relocate,
                                 actor_id=principal.user_id)  # fmt: skip


class GeoImportController(QObject):
    sig_imported = Signal(object)
    """Boundaries were written (a GeoImportResult): maps and grid lookups should reload."""

    def __init__(self, runner: TaskRunner, principal: Principal, dialog: GeoImportDialog,
                 parent: QObject | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self._runner, self._principal, self.dialog = runner, principal, dialog
        self._checked: ImportRequest | None = None
        d = dialog
        d.browse_button.clicked.connect(self._on_browse_clicked)
        d.check_button.clicked.connect(self._on_check_clicked)
        d.import_button.clicked.connect(self._on_import_clicked)
        d.close_button.clicked.connect(d.reject)
        for combo in (d.level_combo, d.crs_combo):
            combo.currentIndexChanged.connect(self._on_input_changed)
        for edit in (d.file_edit, d.parent_edit):
            edit.textChanged.connect(self._on_input_changed)
        d.tolerance_spin.valueChanged.connect(self._on_input_changed)
        d.relocate_check.toggled.connect(self._on_input_changed)
        d.file_edit.returnPressed.connect(self._on_check_clicked)

    def request(self) -> ImportRequest:
        d = self.dialog
        return ImportRequest(
            path=Path(d.file_edit.text().strip()),
            level=GeoLevel(d.level_combo.currentData()),
            crs=SourceCrs(d.crs_combo.currentData()),
            parent_code=d.parent_edit.text().strip() or None,
            tolerance_m=d.tolerance_spin.value(),
            relocate=d.relocate_check.isChecked(),
        )

    # ---------------------------------------------------------------- slots
    def _on_browse_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.dialog, self.tr("Boundary file"), self.dialog.file_edit.text(),
            self.tr("Boundaries (*.geojson *.json *.zip);;All files (*)"),
        )  # fmt: skip
        if path:
            self.dialog.file_edit.setText(path)

    def _on_input_changed(self, *_args) -> None:
        self._checked = None  # a check holds for exactly what was checked
        self.dialog.import_button.setEnabled(False)

    def _on_check_clicked(self) -> None:
        if not self.dialog.file_edit.text().strip():
            self._show(self.tr("Choose a file first."), "")
            return
        request = self.request()
        self._busy(True)
        self._show(self.tr("Checking…"), "")
        self._runner.db(check_file, self._principal, request).owned_by(self.dialog).success(
            lambda plan: self._on_checked(request, plan)
        ).failure(self._on_failed).finally_(lambda: self._busy(False)).run()  # fmt: skip

    def _on_checked(self, request: ImportRequest, plan: ImportPlan) -> None:
        counts = [len(plan.refs(a)) for a in ("create", "change", "keep")]
        lines = [self._note_text(n) for n in plan.problems]
        lines += [self.tr("Repaired: ") + self._note_text(n) for n in plan.repaired]
        if plan.problems:
            summary = self.tr("%1 features have problems: nothing can be imported until the "
                              "file is corrected.").replace("%1", str(len(plan.problems)))  # fmt: skip
        else:
            summary = (
                self.tr("Ready to import: %1 new, %2 changed, %3 unchanged.")
                .replace("%1", str(counts[0]))
                .replace("%2", str(counts[1]))
                .replace("%3", str(counts[2]))
            )
            self._checked = request
        self._show(summary, "\n".join(lines))
        self.dialog.import_button.setEnabled(not plan.problems and (counts[0] + counts[1]) > 0)
        self.dialog.map.show_preview(plan.preview())

    def _on_import_clicked(self) -> None:
        request = self._checked
        if request is None:
            return
        self._busy(True)
        self._runner.db(import_file, self._principal, request).owned_by(self.dialog).success(
            self._on_imported
        ).failure(self._on_failed).finally_(lambda: self._busy(False)).run()  # fmt: skip

    def _on_imported(self, result) -> None:
        self._checked = None
        self.dialog.import_button.setEnabled(False)
        summary = (
            self.tr("Imported: %1 new, %2 changed, %3 unchanged.")
            .replace("%1", str(len(result.created)))
            .replace("%2", str(len(result.changed)))
            .replace("%3", str(len(result.unchanged)))
        )
        if result.moved:
            summary += self.tr(" %1 cases moved to the grid their point lies in.").replace(
                "%1", str(len(result.moved))
            )
        elif result.elsewhere:
            summary += self.tr(" %1 cases now lie in another grid and kept theirs.").replace(
                "%1", str(result.elsewhere)
            )
        self._show(
            summary,
            "\n".join(f"{ref.code} {ref.name}" for ref in result.created + result.changed),
        )
        self.sig_imported.emit(result)

    def _on_failed(self, exc: BaseException) -> None:
        if isinstance(exc, GovDeskError):
            problems = getattr(exc, "problems", ())
            self._show(describe(exc), "\n".join(self._note_text(n) for n in problems))
        else:
            log.error("boundary import failed", exc_info=exc)
            self._show(self.tr("The file could not be read. The details are in the log."), "")

    # ---------------------------------------------------------------- helpers
    def _note_text(self, note: FeatureNote) -> str:
        return (
            self.tr("Feature %1 (%2): ").replace("%1", str(note.number)).replace("%2", note.properties)
            + describe(note.error)
        )  # fmt: skip

    def _show(self, summary: str, report: str) -> None:
        self.dialog.summary_label.setText(summary)
        self.dialog.report_edit.setPlainText(report)

    def _busy(self, busy: bool) -> None:
        self.dialog.check_button.setEnabled(not busy)
        if busy:
            self.dialog.import_button.setEnabled(False)
