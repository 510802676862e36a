"""The department steps of a demo case: 派单, 撤回, 签收, 退单, 反馈, 办结 and 延期.

They mirror desktop.services.dispatch and .extensions on plain integers, as a mixin of
desktop.demo.lifecycle.CaseLife (which holds the case's fields, events and history).
"""

from __future__ import annotations

from desktop.domain.enums import ClockKind, EventKind, Status, TaskRole, TaskStatus

E = EventKind
S = Status
T = TaskStatus
ACCEPT, SIGN, RESOLVE = ClockKind.ACCEPT.value, ClockKind.SIGN.value, ClockKind.RESOLVE.value
# Plain strings: enum member lookups cost more than the rest of a step.
K_APPROVE_EXTENSION = E.APPROVE_EXTENSION.value
K_DENY_EXTENSION = E.DENY_EXTENSION.value
K_DISPATCH = E.DISPATCH.value
K_RECALL = E.RECALL.value
K_REPORT = E.REPORT.value
K_REQUEST_EXTENSION = E.REQUEST_EXTENSION.value
K_RESOLVE = E.RESOLVE.value
K_RETURN = E.RETURN.value
K_SIGN = E.SIGN.value
S_ACCEPTED = S.ACCEPTED.value
S_CLOSED = S.CLOSED.value
S_DISPATCHED = S.DISPATCHED.value
S_IN_PROGRESS = S.IN_PROGRESS.value
S_REGISTERED = S.REGISTERED.value
S_REJECTED = S.REJECTED.value
S_RESOLVED = S.RESOLVED.value
T_DISPATCHED = T.DISPATCHED.value
T_IN_PROGRESS = T.IN_PROGRESS.value
T_RECALLED = T.RECALLED.value
T_REPORTED = T.REPORTED.value
T_RESOLVED = T.RESOLVED.value
T_RETURNED = T.RETURNED.value
LEAD = TaskRole.LEAD.value
_ACTIVE = (T_DISPATCHED, T_IN_PROGRESS)
_FROM_DISPATCH = (K_DISPATCH, K_SIGN)


class Task:
    """A sub-task (case_tasks row) in the making."""

    __slots__ = (
        "id", "department_id", "role", "status", "assignee_id", "dispatched_at", "signed_at",
        "finished_at", "clock", "clock_started_at", "paused_seconds", "due_at", "warn_at",
        "due_provisional", "user_id",
    )  # fmt: skip

    def __init__(self, id, department_id, role, assignee_id, user_id, at, deadline):
        self.id = id
        self.department_id = department_id
        self.role = role
        self.status = T_DISPATCHED
        self.assignee_id = assignee_id
        self.user_id = user_id  # who acts for the department
        self.dispatched_at = at
        self.signed_at = self.finished_at = None
        self.clock, self.clock_started_at, self.paused_seconds = SIGN, at, 0
        self.due_at, self.warn_at, self.due_provisional = deadline

    @property
    def active(self) -> bool:
        return self.status in _ACTIVE


class Extension:
    __slots__ = ("id", "task_id", "requested_by_id", "requested_at", "requested_due", "reason",
                 "status", "decided_by_id", "decided_at")  # fmt: skip

    def __init__(self, id, task_id, by, at, due, reason):
        self.id, self.task_id, self.requested_by_id = id, task_id, by
        self.requested_at, self.requested_due, self.reason = at, due, reason
        self.status, self.decided_by_id, self.decided_at = "pending", None, None


class TaskSteps:
    """Steps on a case's sub-tasks; see the module docstring."""

    # ---- plumbing ----------------------------------------------------------------------

    def _move(self, at, kind, actor, to, task=None, note=None, data=None):
        """A step that changes the case's status: an event and a history entry."""
        self.events.append((at, kind, actor, task, self.status, to, note, data))
        self.status = to
        if self.history is not None:
            self.history.append((at, to, self.result, self.resolved_at))

    def _deadline(self, clock, start):
        _, amount, unit = self.rules[clock]
        return self.dm.deadline(start, amount, unit)

    def active_tasks(self):
        return [t for t in self.tasks if t.status in _ACTIVE]

    def lead(self):
        for t in self.tasks:
            if t.role == LEAD and t.status in _ACTIVE:
                return t
        return None

    # ---- departments (desktop.services.dispatch) ---------------------------------------

    def dispatch(self, at, actor, departments):
        """departments: [(department id, role, assignee staff id, acting user id), ...]"""
        self.version += 1
        deadline = self._deadline(SIGN, at)
        ids = self.ids
        new = []
        items = []
        for department_id, role, assignee, user in departments:
            ids.task += 1
            new.append(Task(ids.task, department_id, role, assignee, user, at, deadline))
            items.append(f'{{"department": {department_id}, "role": "{role}", "task": {ids.task}}}')
        self.tasks += new
        data = f'{{"tasks": [{", ".join(items)}]}}'
        if self.status == S_ACCEPTED:
            self._move(at, K_DISPATCH, actor, S_DISPATCHED, data=data)
        else:
            self.events.append((at, K_DISPATCH, actor, None, None, None, None, data))
        return new

    def _set_task(self, at, kind, actor, task, status, note=None, because=None):
        old = task.status
        task.status = status
        if status not in _ACTIVE:
            task.finished_at = at
            task.clock = None
        extra = f'"because": "{because}", ' if because else ""
        data = f'{{{extra}"task_from": "{old}", "task_to": "{status}"}}'
        self.events.append((at, kind, actor, task.id, None, None, note, data))

    def recall(self, at, actor, task, note=None):
        """撤回 before 签收; recalling the lead takes the whole dispatch back."""
        self.version += 1
        if task.role == LEAD:
            for other in self.active_tasks():
                self._set_task(at, K_RECALL, actor, other, T_RECALLED, note=note)
            self._move(at, K_RECALL, actor, S_ACCEPTED, note=note)
        else:
            self._set_task(at, K_RECALL, actor, task, T_RECALLED, note=note)

    def sign(self, at, task):
        self.version += 1
        task.signed_at = at
        self._start_task_resolve_clock(task)
        old = task.status
        task.status = T_IN_PROGRESS
        data = f'{{"task_from": "{old}", "task_to": "{T_IN_PROGRESS}"}}'
        if task.role == LEAD and self.status == S_DISPATCHED:
            self._move(at, K_SIGN, task.user_id, S_IN_PROGRESS, task.id, None, data)
        else:
            self.events.append((at, K_SIGN, task.user_id, task.id, None, None, None, data))

    def _start_task_resolve_clock(self, task):
        start_event, amount, unit = self.rules[RESOLVE]
        if start_event in _FROM_DISPATCH:
            start = task.dispatched_at if start_event == K_DISPATCH else task.signed_at
            deadline = self.dm.deadline(start, amount, unit)
            task.clock, task.clock_started_at, task.paused_seconds = RESOLVE, start, 0
            task.due_at, task.warn_at, task.due_provisional = deadline
            if task.role == LEAD:
                self.clock, self.clock_started_at, self.paused_seconds = RESOLVE, start, 0
                self.due_at, self.warn_at, self.due_provisional = deadline
        elif self.due_at is not None:
            task.clock = RESOLVE
            task.clock_started_at = self.clock_started_at or task.signed_at
            task.due_at, task.warn_at, task.due_provisional = (
                self.due_at, self.warn_at, self.due_provisional)  # fmt: skip
            task.paused_seconds = self.paused_seconds

    def return_task(self, at, task, reason):
        """退单: a lead return sends the case back to the dispatcher; an assist drops out."""
        self.version += 1
        actor = task.user_id
        self._set_task(at, K_RETURN, actor, task, T_RETURNED, note=reason)
        if task.role == LEAD:
            for other in self.active_tasks():
                self._set_task(at, K_RETURN, actor, other, T_RECALLED, because="lead_returned")
            self._move(at, K_RETURN, actor, S_ACCEPTED, task=task.id, note=reason)

    def report(self, at, task, note):
        self.version += 1
        self._set_task(at, K_REPORT, task.user_id, task, T_REPORTED, note=note)

    def resolve(self, at, task, result, note=None):
        self.version += 1
        task.status = T_RESOLVED
        task.finished_at = at
        task.clock = None
        self.resolve_case(at, task.user_id, K_RESOLVE, result, note, task.id)

    # ---- extensions (desktop.services.extensions) --------------------------------------

    def request_extension(self, at, task, requested_due, reason):
        self.version += 1
        self.ids.extension += 1
        ext = Extension(self.ids.extension, task.id, task.user_id, at, requested_due, reason)
        self.extensions.append(ext)
        data = f'{{"request": {ext.id}, "requested_due": {self.fmt.json(requested_due)}}}'
        self.events.append((at, K_REQUEST_EXTENSION, task.user_id, task.id, None, None, reason,
                            data))  # fmt: skip
        return ext

    def approve_extension(self, at, actor, ext):
        self.version += 1
        due = ext.requested_due
        task = next(t for t in self.tasks if t.id == ext.task_id)
        old_due = task.due_at
        explicit = self.dm.explicit
        if task.role == LEAD:
            self.due_at, self.warn_at = due, explicit(self.clock_started_at, due)
            self.due_provisional = False
        task.due_at, task.warn_at = due, explicit(task.clock_started_at, due)
        task.due_provisional = False
        ext.status, ext.decided_by_id, ext.decided_at = "approved", actor, at
        fmt = self.fmt
        data = (f'{{"new_due": {fmt.json(due)}, "old_due": {fmt.json(old_due)}, '
                f'"request": {ext.id}}}')  # fmt: skip
        self.events.append((at, K_APPROVE_EXTENSION, actor, ext.task_id, None, None, None, data))

    def deny_extension(self, at, actor, ext, note):
        self.version += 1
        ext.status, ext.decided_by_id, ext.decided_at = "denied", actor, at
        data = f'{{"request": {ext.id}}}'
        self.events.append((at, K_DENY_EXTENSION, actor, ext.task_id, None, None, note, data))
