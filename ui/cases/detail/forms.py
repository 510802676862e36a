"""What each simple action asks for: only the fields its service needs.

派单 and 编辑 have dialogs of their own (dispatch_dialog.py, edit_dialog.py); 添加附件 is a
file picker. The sub-task an action works on is chosen here when it is plain from the case
(the user's department's task), so the dialog does not ask.
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from desktop.domain.enums import (
    ACTIVE_TASK_STATUSES,
    EventKind,
    Level,
    Result,
    Satisfaction,
    TaskRole,
    TaskStatus,
)
from desktop.domain.principal import Principal
from desktop.services.case_actions import own_task
from ui.cases.detail.action_dialog import ActionForm, Field
from ui.text import label

K = EventKind


def _choices(section: str, enum_type) -> tuple[tuple[str, str], ...]:
    return tuple((str(v), label(section, v)) for v in enum_type)


class ActionForms(QObject):
    """Builds the ActionForm of an action for one case and user (GUI thread)."""

    def form(self, kind: EventKind, detail, principal: Principal, staff=()) -> ActionForm:
        name = self.action_name(kind)
        note = Field("note", "text", self.tr("Note"))
        needed_note = Field("note", "text", self.tr("Note"), required=True)
        reason = Field("reason", "text", self.tr("Reason"), required=True)
        result = Field(
            "result",
            "choice",
            self.tr("Result"),
            required=True,
            choices=_choices("result", Result),
            aliases=("result",),
        )
        forms = {
            K.ACCEPT: lambda: ActionForm(
                name, name, (note,), intro=self.tr("Accept the case for handling.")
            ),
            K.REJECT: lambda: ActionForm(name, name, (reason,)),
            K.SET_LEVEL: lambda: ActionForm(
                name,
                name,
                (
                    Field(
                        "level",
                        "choice",
                        self.tr("Level"),
                        required=True,
                        choices=_choices("level", Level),
                        default=detail.level,
                    ),
                    note,
                ),
            ),
            K.RESOLVE_ON_SPOT: lambda: ActionForm(name, name, (result, note)),
            K.NOTE: lambda: ActionForm(name, self.tr("Save"), (needed_note,)),
            K.SUSPEND: lambda: ActionForm(name, name, (reason,)),
            K.RESUME: lambda: ActionForm(name, name, (note,)),
            K.SUPERVISE: lambda: ActionForm(name, name, (needed_note,)),
            K.FOLLOW_UP: lambda: ActionForm(
                name,
                name,
                (
                    Field(
                        "satisfaction",
                        "choice",
                        self.tr("Satisfaction"),
                        required=True,
                        choices=_choices("satisfaction", Satisfaction),
                    ),
                    Field("reopen", "check", self.tr("Unsatisfied: reopen the case")),
                    note,
                ),
            ),
            K.MERGE: lambda: ActionForm(
                name,
                name,
                (
                    Field(
                        "original_number",
                        "line",
                        self.tr("Original case number"),
                        required=True,
                        aliases=("original",),
                        placeholder="云泽-2026-000123",
                    ),
                    note,
                ),
                intro=self.tr("Link this case as a repeat of an earlier one; it closes with it."),
            ),
            K.SIGN: lambda: self._task_form(kind, detail, principal, (), TaskStatus.DISPATCHED),
            K.RETURN: lambda: self._task_form(
                kind, detail, principal, (reason,), *ACTIVE_TASK_STATUSES
            ),
            K.REPORT: lambda: self._task_form(
                kind,
                detail,
                principal,
                (needed_note,),
                TaskStatus.IN_PROGRESS,
                role=TaskRole.ASSIST,
            ),
            K.RESOLVE: lambda: self._task_form(
                kind, detail, principal, (result, note), TaskStatus.IN_PROGRESS, role=TaskRole.LEAD
            ),
            K.RECALL: lambda: ActionForm(
                name, name, (self._task_choice(detail, TaskStatus.DISPATCHED), note)
            ),
            K.REQUEST_EXTENSION: lambda: self._extension_form(detail, principal),
            K.APPROVE_EXTENSION: lambda: self._decide_form(detail),
            K.ASSIGN: lambda: self._assign_form(detail, principal, staff),
        }
        return forms[kind]()

    def action_name(self, kind: EventKind) -> str:
        if kind == K.APPROVE_EXTENSION:
            return self.tr("Decide extension")
        if kind == K.NOTE:
            return self.tr("Handling record")
        return label("event_kind", kind)

    def _task_form(self, kind, detail, principal, fields, *statuses, role=None) -> ActionForm:
        task = own_task(detail, principal, *statuses, role=role)
        name = self.action_name(kind)
        intro = ""
        if task is not None:
            intro = (
                self.tr("%1 task of %2")
                .replace("%1", label("task_role", task.role))
                .replace("%2", task.department)
            )
        return ActionForm(
            name, name, tuple(fields), fixed={"task_id": task.id if task else None}, intro=intro
        )

    def _task_choice(self, detail, *statuses) -> Field:
        tasks = [t for t in detail.tasks if t.status in statuses]
        lead = next((t for t in tasks if t.role == TaskRole.LEAD), None)
        return Field(
            "task_id",
            "choice",
            self.tr("Sub-task"),
            required=True,
            choices=tuple((t.id, f"{label('task_role', t.role)} {t.department}") for t in tasks),
            default=(lead or (tasks[0] if tasks else None)).id if tasks else None,
        )

    def _extension_form(self, detail, principal) -> ActionForm:
        task = own_task(detail, principal, *ACTIVE_TASK_STATUSES)
        name = self.action_name(K.REQUEST_EXTENSION)
        return ActionForm(
            name,
            name,
            (
                Field(
                    "requested_due",
                    "date",
                    self.tr("New deadline"),
                    required=True,
                    aliases=("deadline",),
                ),
                Field("reason", "text", self.tr("Reason"), required=True),
            ),
            fixed={"task_id": task.id if task else None},
        )

    def _decide_form(self, detail) -> ActionForm:
        requests = detail.extension_requests
        first = requests[0] if requests else None
        return ActionForm(
            self.action_name(K.APPROVE_EXTENSION),
            self.tr("Save decision"),
            (
                Field(
                    "request_id",
                    "choice",
                    self.tr("Request"),
                    required=True,
                    choices=tuple((r.id, f"{r.requested_due.date()} {r.reason}") for r in requests),
                    default=first.id if first else None,
                ),
                Field(
                    "approve",
                    "choice",
                    self.tr("Decision"),
                    required=True,
                    choices=((True, self.tr("Approve")), (False, self.tr("Deny"))),
                    default=True,
                ),
                Field(
                    "new_due",
                    "date",
                    self.tr("New deadline"),
                    aliases=("deadline",),
                    default=first.requested_due.date() if first else None,
                ),
                Field("note", "text", self.tr("Note (required to deny)")),
            ),
        )

    def _assign_form(self, detail, principal, staff) -> ActionForm:
        dispatcher = principal.roles & {"dispatcher", "supervisor"}
        tasks = [
            t
            for t in detail.tasks
            if t.status in ACTIVE_TASK_STATUSES
            and (dispatcher or t.department_id == principal.department_id)
        ]
        people = tuple(
            (s.id, f"{s.name}（{dept}）")
            for dept_id, dept, s in staff
            if any(t.department_id == dept_id for t in tasks)
        )
        name = self.action_name(K.ASSIGN)
        return ActionForm(
            name,
            name,
            (
                Field(
                    "task_id",
                    "choice",
                    self.tr("Sub-task"),
                    required=True,
                    choices=tuple(
                        (t.id, f"{label('task_role', t.role)} {t.department}") for t in tasks
                    ),
                    default=tasks[0].id if tasks else None,
                ),
                Field(
                    "staff_id",
                    "choice",
                    self.tr("Assignee"),
                    required=True,
                    choices=people,
                    aliases=("assignee",),
                ),
            ),
        )
