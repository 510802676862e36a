"""Bulk actions on the cases selected in a queue: 派单 to one department, 督办, 指定承办人,
释放领取. Each case runs in its own transaction; a summary names every refusal and why.

The controller attaches to the queue page's table from outside (several rows selectable, a
context menu), so the queue page itself needs no change.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, QPoint, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.enums import Role
from desktop.domain.principal import Principal
from desktop.errors import GovDeskError
from ui.cases.detail.form_dialog import FormDialog
from ui.tasks import TaskRunner
from ui.text import describe

log = logging.getLogger(__name__)

DISPATCH, SUPERVISE, ASSIGN, RELEASE = "dispatch", "supervise", "assign", "release"
_ROLES = {
    DISPATCH: {Role.DISPATCHER, Role.SUPERVISOR},
    SUPERVISE: {Role.SUPERVISOR},
    ASSIGN: {Role.DISPATCHER, Role.SUPERVISOR},
    RELEASE: {Role.SUPERVISOR},
}


def load_choices(session, principal: Principal):
    """Database worker: the departments and their staff, in the roster's order."""
    from desktop.services.dispatch_choices import dispatch_choices

    with session.begin():
        return dispatch_choices(session=session, principal=principal)


def run_bulk(
    session,
    principal: Principal,
    kind: str,
    versions: dict[int, int | None],
    values: dict[str, Any],
):
    """Database worker: one transaction per case (the session has none open)."""
    from desktop.services import bulk

    functions = {
        DISPATCH: bulk.bulk_dispatch,
        SUPERVISE: bulk.bulk_supervise,
        ASSIGN: bulk.bulk_assign,
        RELEASE: bulk.bulk_release,
    }
    return functions[kind](session=session, principal=principal, versions=versions, **values)


class BulkDialog(FormDialog):
    """Asks what the bulk action needs: a department, a person, or a note."""

    def __init__(
        self, kind: str, title: str, count: int, choices, parent: QWidget | None = None
    ) -> None:
        super().__init__(title, title, parent)
        self.kind = kind
        self.set_intro(self.tr("%1 selected cases").replace("%1", str(count)))
        self.department_box = QComboBox()
        self.staff_box = QComboBox()
        self.note_edit = QPlainTextEdit()
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setFixedHeight(80)
        self._choices = list(choices or ())
        if kind in (DISPATCH, ASSIGN):
            for choice in self._choices:
                self.department_box.addItem(choice.name, choice.id)
            self.add_row(
                "department", self.tr("Department") + " *", self.department_box, "lead_department"
            )
            self.department_box.currentIndexChanged.connect(self._fill_staff)
        if kind == ASSIGN:
            self.add_row("staff", self.tr("Assignee") + " *", self.staff_box, "assignee")
            self._fill_staff()
        if kind in (DISPATCH, SUPERVISE):
            title = self.tr("Note") + (" *" if kind == SUPERVISE else "")
            self.add_row("note", title, self.note_edit)

    def _fill_staff(self, *_args) -> None:
        self.staff_box.clear()
        chosen = self.department_box.currentData()
        for choice in self._choices:
            if choice.id == chosen:
                for person in choice.staff:
                    self.staff_box.addItem(person.name, person.id)

    def values(self) -> dict[str, Any]:
        note = self.note_edit.toPlainText().strip() or None
        if self.kind == DISPATCH:
            return {"department_id": self.department_box.currentData(), "note": note}
        if self.kind == ASSIGN:
            return {
                "department_id": self.department_box.currentData(),
                "staff_id": self.staff_box.currentData(),
            }
        if self.kind == SUPERVISE:
            return {"note": note}
        return {}

    def check(self, values: dict[str, Any]) -> bool:
        if self.kind == SUPERVISE and not values["note"]:
            return self.require("note", False, self.tr("Note"))
        if self.kind == ASSIGN and values.get("staff_id") is None:
            return self.require("staff", False, self.tr("Assignee"))
        return True


class BulkSummaryDialog(QDialog):
    """What went through and what was refused, case by case."""

    def __init__(
        self, title: str, done: int, refused: list[tuple[str, str]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("bulkSummary")
        self.setWindowTitle(title)
        self.setMinimumWidth(560)
        self.summary_label = QLabel(
            self.tr("%1 cases done, %2 refused.")
            .replace("%1", str(done))
            .replace("%2", str(len(refused)))
        )
        self.refused_table = QTableWidget(len(refused), 2)
        self.refused_table.setObjectName("bulkRefused")
        self.refused_table.setHorizontalHeaderLabels([self.tr("Case"), self.tr("Reason")])
        self.refused_table.verticalHeader().hide()
        self.refused_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.refused_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.refused_table.horizontalHeader().setStretchLastSection(True)
        for row, (number, reason) in enumerate(refused):
            self.refused_table.setItem(row, 0, QTableWidgetItem(number))
            self.refused_table.setItem(row, 1, QTableWidgetItem(reason))
        self.refused_table.setVisible(bool(refused))
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.refused_table)
        layout.addLayout(buttons)


class BulkController(QObject):
    sig_cases_changed = Signal()
    """A bulk action changed cases: lists and open cases should refresh."""

    def __init__(
        self,
        runner: TaskRunner,
        principal: Principal,
        table: QTableView,
        model,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._principal = principal
        self.table = table
        self.model = model
        self.dialog: BulkDialog | None = None
        self.summary: BulkSummaryDialog | None = None
        self.offered = [
            k for k in (DISPATCH, SUPERVISE, ASSIGN, RELEASE) if principal.roles & _ROLES[k]
        ]
        if self.offered:
            table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            table.customContextMenuRequested.connect(self._on_table_menu_requested)

    def title(self, kind: str) -> str:
        return {
            DISPATCH: self.tr("Dispatch selected cases"),
            SUPERVISE: self.tr("Supervise selected cases"),
            ASSIGN: self.tr("Set the assignee of selected cases"),
            RELEASE: self.tr("Release claims of selected cases"),
        }[kind]

    def selected_versions(self) -> dict[int, int | None]:
        """The selected cases with the version the list showed (None: row not loaded)."""
        versions: dict[int, int | None] = {}
        for index in sorted(self.table.selectionModel().selectedRows(), key=lambda i: i.row()):
            case_id = self.model.case_id(index.row())
            if case_id is not None:
                row = self.model.cached(case_id)
                versions[case_id] = row.version if row is not None else None
        return versions

    def _on_table_menu_requested(self, point: QPoint) -> None:
        count = len(self.table.selectionModel().selectedRows())
        if not count:
            return
        menu = QMenu(self.table)
        for kind in self.offered:
            action = menu.addAction(self.title(kind))
            action.triggered.connect(lambda _=False, k=kind: self.start(k))
        menu.popup(self.table.viewport().mapToGlobal(point))

    def start(self, kind: str) -> None:
        """Ask what the action needs (loading the departments first), then run it."""
        versions = self.selected_versions()
        if not versions or self.dialog is not None:
            return
        if kind in (DISPATCH, ASSIGN):
            self._runner.db(load_choices, self._principal).owned_by(self.table).success(
                lambda choices: self._open(kind, versions, choices)
            ).run()
        else:
            self._open(kind, versions, ())

    def _open(self, kind: str, versions: dict[int, int | None], choices) -> None:
        dialog = BulkDialog(kind, self.title(kind), len(versions), choices, self.table)
        dialog.sig_submitted.connect(lambda values: self._run(dialog, kind, versions, values))
        dialog.finished.connect(lambda _r: self._on_dialog_finished(dialog))
        self.dialog = dialog
        dialog.show()

    def _on_dialog_finished(self, dialog: BulkDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()

    def _run(self, dialog: BulkDialog, kind: str, versions, values) -> None:
        dialog.set_busy(True)
        self._runner.db(run_bulk, self._principal, kind, versions, values).owned_by(dialog).success(
            lambda report: self._on_done(dialog, kind, report)
        ).failure(lambda exc: self._on_failed(dialog, exc)).finally_(
            lambda: dialog.set_busy(False)
        ).run()

    def _on_failed(self, dialog: BulkDialog, exc: BaseException) -> None:
        if isinstance(exc, GovDeskError):
            dialog.show_error(describe(exc), exc.params.get("field"))
        else:
            log.error("bulk action failed", exc_info=exc)
            dialog.show_error(self.tr("The bulk action failed. The details are in the log."))

    def _on_done(self, dialog: BulkDialog, kind: str, report) -> None:
        dialog.finish()
        refused = []
        for refusal in report.refused:
            row = self.model.cached(refusal.case_id)
            number = row.number if row is not None else f"#{refusal.case_id}"
            reason = describe(GovDeskError(refusal.code, **refusal.params))
            if refusal.conflict:
                reason = self.tr("Changed by someone else since the list showed it")
            refused.append((number, reason))
        self.summary = BulkSummaryDialog(
            self.title(kind), len(report.succeeded), refused, self.table
        )
        self.summary.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.summary.show()
        if report.succeeded:
            self.sig_cases_changed.emit()
