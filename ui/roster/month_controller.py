"""Wires the month tab: loads the chosen month's grid, warnings, changes and attendance on the
database worker; generates, publishes and exports the rota; opens the duty dialog on a cell
(Enter or a double click) and records the change; a warning activated selects its cell."""

from __future__ import annotations

import functools
import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QListWidgetItem, QWidget

from desktop.clock import to_local
from desktop.domain.enums import Role
from desktop.domain.principal import Principal
from desktop.errors import GovDeskError
from desktop.services.roster_import import RosterImportRefused, problem_error
from ui.roster import loaders
from ui.roster.duty_dialog import DutyDialog
from ui.roster.import_dialog import ImportPreviewDialog
from ui.roster.month_grid import column_of, fill_grid
from ui.roster.month_view import MonthView
from ui.roster.widgets import fill
from ui.tasks import TaskRunner
from ui.text import describe, label

log = logging.getLogger(__name__)

EDITORS = (Role.SUPERVISOR, Role.ADMIN)
ROW_ROLE = Qt.ItemDataRole.UserRole  # a warning's row and column in the grid
COLUMN_ROLE = Qt.ItemDataRole.UserRole + 1


def ask_open_path(parent: QWidget) -> Path | None:
    tr = functools.partial(QCoreApplication.translate, "MonthController")
    name, _ = QFileDialog.getOpenFileName(parent, tr("Import a rota"), "",
                                          tr("Excel workbook (*.xlsx)"))  # fmt: skip
    return Path(name) if name else None


def ask_path(parent: QWidget, suggested: str) -> Path | None:
    """The save dialog; None when the user backs out."""
    tr = functools.partial(QCoreApplication.translate, "MonthController")
    name, _ = QFileDialog.getSaveFileName(parent, tr("Export the rota"), suggested,
                                          tr("Excel workbook (*.xlsx)"))  # fmt: skip
    if not name:
        return None
    path = Path(name)
    return path if path.suffix.lower() == ".xlsx" else path.with_suffix(".xlsx")


class MonthController(QObject):
    sig_rota_changed = Signal()
    """The rota was generated or changed (today's board may need reloading)."""

    def __init__(self, runner: TaskRunner, principal: Principal, view: MonthView,
                 parent: QObject | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self._runner = runner
        self._principal = principal
        self.view = view
        self.center_id: int | None = None
        self.month: loaders.Month | None = None
        self.dialog: DutyDialog | None = None  # the open dialog, for tests and to keep it alive
        self.choose_path = ask_path
        self.choose_open_path = ask_open_path
        self.preview: ImportPreviewDialog | None = None
        self.exported: Path | None = None
        for button in view.edit_buttons:
            button.setVisible(principal.has(*EDITORS))
        view.month_combo.currentIndexChanged.connect(self._on_month_combo_changed)
        view.generate_button.clicked.connect(self._on_generate_button_clicked)
        view.publish_button.clicked.connect(self._on_publish_button_clicked)
        view.change_button.clicked.connect(self._on_change_button_clicked)
        view.export_button.clicked.connect(self._on_export_button_clicked)
        view.import_button.clicked.connect(self._on_import_button_clicked)
        view.grid_table.activated.connect(self._on_grid_activated)
        view.warnings_list.itemActivated.connect(self._on_warning_chosen)
        view.warnings_list.itemClicked.connect(self._on_warning_chosen)

    @property
    def editor(self) -> bool:
        return self._principal.has(*EDITORS)

    def load(self, center_id: int | None = None) -> None:
        if center_id is not None:
            self.center_id = center_id
        month = self.view.month_combo.currentData()
        if self.center_id is None or month is None:
            return
        self.view.show_state(loading=True)
        self._runner.db(loaders.load_month, self.center_id, month).owned_by(self.view).success(
            self._on_month_loaded
        ).failure(self._on_failed).run()

    def _on_failed(self, exc: BaseException) -> None:
        if isinstance(exc, GovDeskError):
            text = describe(exc)
        else:
            log.error("the month's rota failed", exc_info=exc)
            text = self.tr("The month's rota could not be loaded or saved. The details are in "
                           "the log.")  # fmt: skip
        self.view.show_state(error=text)

    # -- showing the month ---------------------------------------------------------------
    def _on_month_loaded(self, month: loaders.Month) -> None:
        view = self.view
        chosen = (view.grid_table.currentRow(), view.grid_table.currentColumn())
        self.month = month
        grid = month.grid
        fill_grid(view.grid_table, grid)
        if chosen[0] >= 0 and chosen[1] >= 0:
            view.grid_table.setCurrentCell(*chosen)
        fill(view.attendance_table, [
            [a.department_name, str(a.days_due), str(a.days_present), str(a.late),
             str(a.absent), "—" if a.rate is None else f"{a.rate:.1%}"]
            for a in month.attendance
        ])  # fmt: skip
        view.warnings_list.clear()
        for text, cell in self._warnings(month):
            item = QListWidgetItem(text)
            if cell is not None:  # plain ints: no Python objects inside Qt's item data
                item.setData(ROW_ROLE, cell[0])
                item.setData(COLUMN_ROLE, cell[1])
            view.warnings_list.addItem(item)
        view.changes_list.clear()
        for edit in reversed(month.edits):
            view.changes_list.addItem(self._change_text(edit))
        if not month.edits:
            view.changes_list.addItem(self.tr("No changes recorded."))
        view.state_label.setText(self._state_text(grid))
        published = grid.published_at is not None
        view.publish_button.setEnabled(grid.generated and not published)
        view.generate_button.setEnabled(not published)
        view.import_button.setEnabled(not published)
        view.change_button.setEnabled(grid.generated)
        view.provisional_label.setText(
            self.tr(
                "Provisional: this year's holidays are not known yet, so Monday–Friday were "
                "assumed. Regenerate once an administrator has entered them."
            )
        )
        view.provisional_label.setVisible(month.warnings.provisional)
        empty = (
            ""
            if grid.generated
            else self.tr("No rota for this month yet. A supervisor generates it from the rules.")
        )
        view.show_state(empty=empty)

    def _state_text(self, grid) -> str:
        if grid.published_at is not None:
            return (self.tr("Published by %1 on %2: locked; changes are recorded")
                    .replace("%1", grid.published_by or "")
                    .replace("%2", to_local(grid.published_at).strftime("%Y-%m-%d %H:%M")))  # fmt: skip
        if grid.generated:
            return self.tr("Draft: not published yet")
        return ""

    def _change_text(self, edit) -> str:
        when = to_local(edit.at).strftime("%m-%d %H:%M")
        kind = label("rota_edit_kind", edit.kind)
        nobody = self.tr("(gap)")
        if edit.window_name is None and edit.department_name is None:
            what = kind
        else:
            what = (f"{kind} {edit.day.strftime('%m-%d')} {edit.window_name or edit.department_name}"
                    f"：{edit.from_name or nobody} → {edit.to_name or nobody}")  # fmt: skip
        who = self.tr("asked by %1, approved by %2").replace("%1", edit.asked_by or "—").replace(
            "%2", edit.approved_by or "—")  # fmt: skip
        moved = (self.tr("; %1 open tasks handed over").replace("%1", str(edit.tasks_moved))
                 if edit.tasks_moved else "")  # fmt: skip
        note = f"（{edit.note}）" if edit.note else ""
        return f"{when} {what}；{who}{moved}{note}"

    def _warnings(self, month: loaders.Month) -> list[tuple[str, tuple[int, int] | None]]:
        grid, warnings = month.grid, month.warnings
        found: list[tuple[str, tuple[int, int] | None]] = []
        for day, change in warnings.flags:
            text = (self.tr("%1: %2").replace("%1", day.strftime("%m-%d"))
                    .replace("%2", label("rota_change", change)))  # fmt: skip
            found.append((text, (0, column_of(grid, day)) if grid.rows else None))
        for gap in warnings.gaps:
            text = (self.tr("Gap: %1 has nobody on %2").replace("%1", gap.window_name)
                    .replace("%2", gap.day.strftime("%m-%d")))  # fmt: skip
            row = grid.row_of(gap.window_id, None)
            found.append((text, None if row is None else (row, column_of(grid, gap.day))))
        for booking in warnings.double_bookings:
            text = (self.tr("Double booking: %1 is due at %2 places on %3")
                    .replace("%1", booking.staff_name).replace("%2", str(booking.places))
                    .replace("%3", booking.day.strftime("%m-%d")))  # fmt: skip
            found.append((text, self._cell_of_person(grid, booking.staff_id, booking.day)))
        for short in warnings.shortfalls:
            text = (self.tr("Below agreed days: %1 has %2 of %3 days")
                    .replace("%1", short.department_name).replace("%2", str(short.rostered))
                    .replace("%3", str(short.agreed)))  # fmt: skip
            found.append((text, self._first_cell_of(grid, short.department_id)))
        return found or [(self.tr("No warnings."), None)]

    @staticmethod
    def _cell_of_person(grid, staff_id, day) -> tuple[int, int] | None:
        for row in range(len(grid.rows)):
            if any(d.staff_id == staff_id for d in grid.cell(row, day)):
                return row, column_of(grid, day)
        return None

    @staticmethod
    def _first_cell_of(grid, department_id) -> tuple[int, int] | None:
        for (row, day), duties in sorted(grid.cells.items(), key=lambda kv: (kv[0][1], kv[0][0])):
            if any(d.department_id == department_id for d in duties):
                return row, column_of(grid, day)
        return None

    def _on_warning_chosen(self, item: QListWidgetItem) -> None:
        row, column = item.data(ROW_ROLE), item.data(COLUMN_ROLE)
        if row is None or column is None:
            return
        cell = (row, column)
        table = self.view.grid_table
        table.setCurrentCell(*cell)
        table.scrollToItem(table.item(*cell))
        table.setFocus()

    # -- actions -------------------------------------------------------------------------
    def _on_month_combo_changed(self, _index: int) -> None:
        self.load()

    def _on_generate_button_clicked(self) -> None:
        month = self.view.month_combo.currentData()
        if self.center_id is None or month is None:
            return
        self._run(loaders.generate, self._principal, self.center_id, month)

    def _on_publish_button_clicked(self) -> None:
        if self.month is not None and self.center_id is not None:
            self._run(loaders.publish, self._principal, self.center_id, self.month.month)

    def _on_grid_activated(self, _index) -> None:
        self._on_change_button_clicked()

    def _on_change_button_clicked(self) -> None:
        table = self.view.grid_table
        row, column = table.currentRow(), table.currentColumn()
        if not self.editor or self.month is None or row < 0 or column < 0:
            return
        grid = self.month.grid
        if not grid.generated:
            return
        dialog = DutyDialog(grid, row, grid.days[column].day, self.month.staff,
                            self.month.departments, self.view)  # fmt: skip
        # Bound methods, not lambdas holding the dialog: no reference cycle through a dialog
        # Qt deletes (PySide crashed collecting such cycles later).
        dialog.accepted.connect(self._on_dialog_accepted)
        dialog.finished.connect(self._on_dialog_finished)
        self.dialog = dialog
        dialog.open()  # window-modal, no nested event loop

    def _on_dialog_accepted(self) -> None:
        if self.dialog is not None:
            self._run(loaders.record_change, self._principal, self.dialog.change())

    def _on_dialog_finished(self, _result: int) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()

    def _on_export_button_clicked(self) -> None:
        if self.month is None or self.center_id is None:
            return
        suggested = self.tr("rota-%1.xlsx").replace("%1", self.month.month.strftime("%Y-%m"))
        path = self.choose_path(self.view, suggested)
        if path is None:
            return
        self.view.export_button.setEnabled(False)
        self._runner.db(loaders.export_rota, self.center_id, self.month.month, path).owned_by(
            self.view
        ).success(self._on_exported).failure(self._on_failed).finally_(
            lambda: self.view.export_button.setEnabled(True)
        ).run()

    def _on_exported(self, path) -> None:
        self.exported = Path(path)
        self.view.state_label.setText(self.tr("Exported to %1").replace("%1", str(path)))

    def _on_import_button_clicked(self) -> None:
        if self.center_id is None:
            return
        path = self.choose_open_path(self.view)
        if path is None:
            return
        self.view.import_button.setEnabled(False)
        self._runner.db(loaders.plan_rota_file, self._principal, self.center_id, path).owned_by(
            self.view
        ).success(self._on_import_planned).failure(self._on_import_refused).finally_(
            lambda: self.view.import_button.setEnabled(True)
        ).run()

    def _on_import_refused(self, exc: BaseException) -> None:
        if not isinstance(exc, RosterImportRefused):
            self._on_failed(exc)
            return
        lines = [describe(exc)] + [describe(problem_error(p)) for p in exc.problems]
        self.view.show_state(error="\n".join(lines))

    def _on_import_planned(self, result) -> None:
        sheet, plan = result
        self._sheet = sheet
        dialog = ImportPreviewDialog(plan.changes, self.view)
        dialog.accepted.connect(self._on_preview_accepted)
        dialog.finished.connect(self._on_preview_finished)
        self.preview = dialog
        dialog.open()

    def _on_preview_accepted(self) -> None:
        self._run(loaders.apply_rota_import, self._principal, self.center_id, self._sheet)

    def _on_preview_finished(self, _result: int) -> None:
        if self.preview is not None:
            self.preview.deleteLater()

    def _run(self, fn, *args) -> None:
        for button in self.view.edit_buttons:
            button.setEnabled(False)
        self._runner.db(fn, *args).owned_by(self.view).success(self._on_saved).failure(
            self._on_save_failed
        ).run()

    def _on_save_failed(self, exc: BaseException) -> None:
        self._on_failed(exc)
        if self.month is not None:
            self._on_month_loaded(self.month)  # the buttons as they were
            self._on_failed(exc)

    def _on_saved(self, _result) -> None:
        self.sig_rota_changed.emit()
        self.load()
