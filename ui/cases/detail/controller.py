"""Wires one CaseView: loads the case, opens the action dialogs, sends confirmed actions
through the session's outbox with the version the user saw, and turns a lost update into the
conflict dialog. Dialogs open with open() (no nested event loops) and stay open until
success; an action waiting for the database stays in the outbox even if they are closed."""

from __future__ import annotations

import logging
import os
import tempfile
import uuid
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog

from desktop.clock import to_local
from desktop.domain.enums import EventKind
from desktop.domain.principal import Principal
from desktop.errors import ConflictError, GovDeskError
from desktop.services import attachments
from desktop.timeline_words import event_words
from ui import i18n
from ui.cases.detail import jobs
from ui.cases.detail.action_dialog import ActionDialog
from ui.cases.detail.cells import when
from ui.cases.detail.conflict_dialog import ConflictDialog
from ui.cases.detail.dispatch_dialog import DispatchDialog
from ui.cases.detail.edit_dialog import EditDialog
from ui.cases.detail.form_dialog import FormDialog
from ui.cases.detail.forms import ActionForms
from ui.cases.detail.outbox import ActionOutbox, OutgoingAction
from ui.cases.detail.receipt_dialog import ReceiptDialog
from ui.cases.detail.view import CaseView
from ui.tasks import TaskRunner
from ui.text import describe

log = logging.getLogger(__name__)
K = EventKind
# Errors that name no `field` but clearly belong to one input.
_FIELD_OF_CODE = {
    "workflow.result_required": "result",
    "workflow.duplicate_department": "departments",
    "workflow.assists_pending": None,
}


class CaseController(QObject):
    sig_case_changed = Signal(int)
    """This seat changed the case (its id): lists showing it should refresh."""
    sig_case_requested = Signal(int)
    """The user wants another case opened (a related case)."""
    sig_title_changed = Signal(str)
    """The case number, for the tab."""

    def __init__(
        self,
        runner: TaskRunner,
        principal: Principal,
        case_id: int,
        view: CaseView | None = None,
        parent: QObject | None = None,
        outbox: ActionOutbox | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._principal = principal
        self.case_id = case_id
        self.view = view or CaseView()
        if parent is None:
            self.setParent(self.view)  # lives and dies with its view
        self.forms = ActionForms(self)
        self.loaded: jobs.Loaded | None = None
        self.dialog: FormDialog | None = None
        self._dialog_version = 0  # the case version the open dialog was made from
        # The session's outbox outlives this view; alone (tests, tools) it has its own.
        self.outbox = outbox if outbox is not None else ActionOutbox(runner, self)
        self._sent: dict[str, tuple] = {}  # action id -> (dialog, kind, seen_seq, values)
        self.outbox.sig_sent.connect(self._on_outbox_sent)
        self.outbox.sig_refused.connect(self._on_outbox_refused)
        self.outbox.sig_waiting.connect(self._on_outbox_waiting)
        self.conflict: ConflictDialog | None = None
        self._loading = False
        self._stale = False
        self.view.sig_action_requested.connect(self._on_view_action_requested)
        self.view.sig_reveal_requested.connect(self._on_view_reveal_requested)
        self.view.sig_refresh_requested.connect(self.refresh)
        self.view.sig_case_requested.connect(self.sig_case_requested)
        self.view.sig_attachment_requested.connect(self._on_view_attachment_requested)
        self.view.sig_receipt_requested.connect(self.open_receipt)
        self.view.sig_files_dropped.connect(self.attach_files)
        self.receipt: ReceiptDialog | None = None

    def open_receipt(self) -> ReceiptDialog:
        """受理回执 of this case, window-modal over the case view."""
        dialog = ReceiptDialog(self._runner, self._principal, self.case_id, self.view)
        dialog.finished.connect(dialog.deleteLater)
        self.receipt = dialog
        dialog.open()
        return dialog

    # -- loading
    def refresh(self) -> None:
        """Load again; asked during a load, it runs once more afterwards, never in parallel."""
        if self._loading:
            self._stale = True
            return
        self._loading = True
        self._stale = False
        self.view.set_loading(True)
        self._runner.db(jobs.load_case, self._principal, self.case_id).owned_by(self.view).success(
            self._on_case_loaded
        ).failure(self._on_case_failed).finally_(self._on_load_finished).run()

    def _on_case_loaded(self, loaded: jobs.Loaded) -> None:
        self.loaded = loaded
        self.view.show_case(loaded.detail, loaded.actions, loaded.now)
        self.sig_title_changed.emit(loaded.detail.number)
        dialog = self.dialog
        if dialog is not None and loaded.detail.version != self._dialog_version:
            dialog.show_case_changed()

    def _on_case_failed(self, exc: BaseException) -> None:
        self.view.show_error(self._text(exc))

    def _on_load_finished(self) -> None:
        self._loading = False
        self.view.set_loading(False)
        if self._stale:
            self.refresh()

    # -- actions
    def _on_view_action_requested(self, kind: str) -> None:
        if self.dialog is not None:  # finish or cancel the open one first
            self.dialog.raise_()
            self.dialog.activateWindow()
            return
        if self.loaded is None:
            return
        kind = EventKind(kind)
        if kind == K.ATTACH:
            self._pick_attachment()
        elif kind in (K.DISPATCH, K.ASSIGN):
            self._runner.db(jobs.load_dispatch_choices, self._principal, self.case_id).owned_by(
                self.view
            ).success(lambda choices: self._open(kind, choices)).failure(self._on_case_failed).run()
        elif kind == K.EDIT:
            self._runner.db(jobs.load_edit_choices, self._principal).owned_by(self.view).success(
                lambda choices: self._open(kind, choices)
            ).failure(self._on_case_failed).run()
        else:
            self._open(kind, None)

    def _open(self, kind: EventKind, choices: Any) -> None:
        if self.loaded is None or self.dialog is not None:
            return
        detail = self.loaded.detail
        if kind == K.DISPATCH:
            held = frozenset(
                t.department_id for t in detail.tasks if t.status in ("dispatched", "in_progress")
            )
            dialog = DispatchDialog(
                choices, lead_allowed=detail.status == "accepted", held=held, parent=self.view
            )
        elif kind == K.EDIT:
            dialog = EditDialog(detail, choices, parent=self.view)
        else:
            staff = [(c.id, c.name, s) for c in choices or () for s in c.staff]
            form = self.forms.form(kind, detail, self._principal, staff)
            dialog = ActionDialog(form, to_local(self.loaded.now).date(), parent=self.view)
        # The version the user saw when the dialog opened: a save by someone else after
        # this moment is a conflict, even if this view refreshed meanwhile.
        version = detail.version
        seen_seq = detail.events[-1].seq if detail.events else 0
        # One id for whatever this dialog confirms, on every attempt: an attempt whose reply
        # was lost and is sent again is recognised by the database and not applied twice.
        dialog.action_id = str(uuid.uuid4())
        dialog.sig_submitted.connect(
            lambda values: self._submit(dialog, kind, version, seen_seq, values)
        )
        dialog.finished.connect(lambda _result: self._on_dialog_finished(dialog))
        self.dialog = dialog
        self._dialog_version = version
        dialog.show()  # open() would make it window-modal

    def _on_dialog_finished(self, dialog: FormDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()

    def _submit(
        self,
        dialog: FormDialog,
        kind: EventKind,
        version: int,
        seen_seq: int,
        values: dict[str, Any],
    ) -> None:
        run_kind, run_values = _service_call(kind, values)
        dialog.set_busy(True)
        self._sent[dialog.action_id] = (dialog, kind, seen_seq, values)
        number = self.loaded.detail.number if self.loaded is not None else f"#{self.case_id}"
        self.outbox.send(
            OutgoingAction(
                dialog.action_id, self._principal, self.case_id, kind, run_kind, version,
                run_values, owner=dialog, words=f"{number} {self.view.action_text(kind)}",
            )
        )  # fmt: skip

    def _take_sent(self, action: OutgoingAction) -> tuple | None:
        """This view's record of an outbox action, if it is ours and its dialog is open."""
        sent = self._sent.pop(action.action_id, None)
        if sent is None or not action.shown_by_owner():
            return None
        sent[0].set_busy(False)
        return sent

    def _on_outbox_sent(self, action: OutgoingAction, _change) -> None:
        if action.case_id != self.case_id:
            return
        sent = self._take_sent(action)
        if sent is not None:
            self._on_action_done(sent[0])
        else:  # sent after its dialog was closed: still show the case as it is now
            self.refresh()
            self.sig_case_changed.emit(self.case_id)

    def _on_outbox_refused(self, action: OutgoingAction, exc: BaseException) -> None:
        sent = self._take_sent(action)
        if sent is not None:
            dialog, kind, seen_seq, values = sent
            self._on_action_refused(dialog, kind, seen_seq, values, exc)

    def _on_outbox_waiting(self, action: OutgoingAction, _exc: BaseException) -> None:
        """The database is away: the dialog keeps its input; the outbox sends again."""
        sent = self._sent.get(action.action_id)
        if sent is None or not action.shown_by_owner():
            return
        dialog = sent[0]
        dialog.show_error(
            self.tr(
                "The database cannot be reached. Your input is kept; the action will be sent "
                "by itself when the connection is back, even if you close this window."
            )
        )
        dialog.set_busy(True)

    def _on_action_done(self, dialog: FormDialog) -> None:
        dialog.finish()
        self.refresh()
        self.sig_case_changed.emit(self.case_id)

    def _on_action_refused(
        self,
        dialog: FormDialog,
        kind: EventKind,
        seen_seq: int,
        values: dict[str, Any],
        exc: BaseException,
    ) -> None:
        if isinstance(exc, ConflictError):
            self._runner.db(jobs.load_case, self._principal, self.case_id).owned_by(dialog).success(
                lambda loaded: self._show_conflict(dialog, kind, seen_seq, values, loaded)
            ).failure(lambda e: dialog.show_error(self._text(e))).run()
            return
        field = exc.params.get("field") if isinstance(exc, GovDeskError) else None
        if isinstance(exc, GovDeskError) and field is None:
            field = _FIELD_OF_CODE.get(exc.code)
        dialog.show_error(self._text(exc), field)

    def _show_conflict(
        self,
        dialog: FormDialog,
        kind: EventKind,
        seen_seq: int,
        values: dict[str, Any],
        loaded: jobs.Loaded,
    ) -> None:
        self._on_case_loaded(loaded)  # the view shows the case as it is now
        detail = loaded.detail
        departments = {t.id: t.department for t in detail.tasks}
        lang = i18n.labels_lang()
        changes = [
            (
                when(e.at),
                e.actor or "—",
                event_words(e.kind, e.data, departments, e.task_id, lang),
                e.note or "",
            )
            for e in detail.events
            if e.seq > seen_seq
        ]
        conflict = ConflictDialog(self.view.action_text(kind), changes, parent=dialog)
        self.conflict = conflict
        new_seq = detail.events[-1].seq if detail.events else seen_seq

        def reapply() -> None:
            if kind not in loaded.actions and kind != K.APPROVE_EXTENSION:
                dialog.show_error(
                    self.tr("After the other change this action is no longer possible.")
                )
                return
            self._dialog_version = detail.version  # the user has seen this version now
            self._submit(dialog, kind, detail.version, new_seq, values)

        conflict.accepted.connect(reapply)
        conflict.finished.connect(lambda _r: self._on_conflict_finished(conflict))
        dialog.show_error(self.tr("Someone else changed the case meanwhile; your input is kept."))
        conflict.open()

    def _on_conflict_finished(self, conflict: ConflictDialog) -> None:
        if self.conflict is conflict:
            self.conflict = None
        conflict.deleteLater()

    # -- parties and attachments
    def _on_view_reveal_requested(self, party_id: int) -> None:
        self._runner.db(jobs.reveal, self._principal, self.case_id, party_id).owned_by(
            self.view
        ).success(self.view.show_party).failure(self._on_case_failed).run()

    def _pick_attachment(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self.view, self.tr("Attach a file"))
        if paths:
            self.attach_files(paths)

    def attach_file(self, path: str) -> None:
        self.attach_files([path])

    def attach_files(self, paths: list[str]) -> None:
        """Read and attach files (picked or dropped on the case) on the worker, all or none;
        the timeline shows them when done."""
        if self.loaded is None or not paths:
            return
        self._runner.db(
            _attach_files, self._principal, self.case_id, self.loaded.detail.version, paths
        ).owned_by(self.view).success(lambda _c: self._on_action_done_plain()).failure(
            self._on_case_failed
        ).run()

    def _on_action_done_plain(self) -> None:
        self.refresh()
        self.sig_case_changed.emit(self.case_id)

    def _on_view_attachment_requested(self, attachment_id: int, save: bool) -> None:
        target = None
        if save:
            target, _ = QFileDialog.getSaveFileName(self.view, self.tr("Save attachment as"))
            if not target:
                return
        self._runner.db(
            jobs.attachment_bytes, self._principal, self.case_id, attachment_id
        ).owned_by(self.view).success(
            lambda found: self._on_attachment_loaded(found, target)
        ).failure(self._on_case_failed).run()

    def _on_attachment_loaded(self, found: tuple[str, str, bytes], target: str | None) -> None:
        filename, _mime, content = found
        opening = target is None
        if opening:  # a private copy in a temporary folder, opened with the system's viewer
            target = str(Path(tempfile.mkdtemp(prefix="govdesk-")) / Path(filename).name)
        self._runner.call(_write, target, content).owned_by(self.view).success(
            lambda written: opening and QDesktopServices.openUrl(QUrl.fromLocalFile(written))
        ).failure(self._on_case_failed).run()

    def _text(self, exc: BaseException) -> str:
        if isinstance(exc, GovDeskError):
            return describe(exc)
        log.error("case %s: background work failed", self.case_id, exc_info=exc)
        return self.tr("The case could not be loaded or saved. The details are in the log.")


def _service_call(kind: EventKind, values: dict[str, Any]) -> tuple[EventKind, dict[str, Any]]:
    """The service and its keywords for what a dialog returned (审批 is approve or deny)."""
    values = dict(values)
    if kind == K.APPROVE_EXTENSION:
        approve = values.pop("approve", True)
        if not approve:
            values.pop("new_due", None)
            return K.DENY_EXTENSION, values
    if kind == K.FOLLOW_UP:
        values["reopen"] = (
            bool(values.get("reopen")) and values.get("satisfaction") == "unsatisfied"
        )
    return kind, values


def _attach_files(session, principal: Principal, case_id: int, version: int, paths: list[str]):
    """Database worker: attach the files in one transaction (a refusal names its file and
    attaches none); the size is looked at before a file is read."""
    with session.begin():
        change = None
        for path in paths:
            name = Path(path).name
            attachments.check_size(name, os.path.getsize(path))
            change = attachments.attach(
                session=session, principal=principal, case_id=case_id, filename=name,
                content=Path(path).read_bytes(),
                expected_version=version if change is None else None,
            )  # fmt: skip
        return change


def _write(target: str, content: bytes) -> str:
    Path(target).write_bytes(content)
    return target
