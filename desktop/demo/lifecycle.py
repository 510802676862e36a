"""One demo case in memory, changed by the same steps as the workflow services.

Each method mirrors one service (desktop.services.workflow, .dispatch, .extensions) on
plain integers: the same status moves, clocks, deadlines and event data, so a case built here
reads exactly like one built through the console. Instants are µs UTC integers.
"""

from __future__ import annotations

from desktop.demo.timefmt import DeadlineMath, Formatter
from desktop.domain.enums import (
    ClockKind,
    EventKind,
    Risk,
    Status,
    TaskRole,
    TaskStatus,
)

E = EventKind
S = Status
T = TaskStatus
ACCEPT, SIGN, RESOLVE = ClockKind.ACCEPT.value, ClockKind.SIGN.value, ClockKind.RESOLVE.value
_ACTIVE = (T.DISPATCHED.value, T.IN_PROGRESS.value)
_FROM_DISPATCH = (E.DISPATCH.value, E.SIGN.value)


class Task:
    """A sub-task (case_tasks row) in the making."""

    __slots__ = (
        "id", "department_id", "role", "status", "assignee_id", "dispatched_at", "signed_at",
        "finished_at", "clock", "clock_started_at", "paused_seconds", "due_at", "warn_at",
        "due_provisional", "user_id",
    )  # fmt: skip

    def __init__(self, id, department_id, role, assignee_id, user_id, at):
        self.id = id
        self.department_id = department_id
        self.role = role
        self.status = T.DISPATCHED.value
        self.assignee_id = assignee_id
        self.user_id = user_id  # who acts for the department
        self.dispatched_at = at
        self.signed_at = None
        self.finished_at = None
        self.clock = None
        self.clock_started_at = None
        self.paused_seconds = 0
        self.due_at = self.warn_at = None
        self.due_provisional = False

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


class CaseLife:
    """The case row, its tasks, extension requests and timeline while being simulated."""

    def __init__(
        self,
        ids,
        dm: DeadlineMath,
        fmt: Formatter,
        rules: dict,
        received: int,
        number: str,
        channel: str,
        risk: str,
    ):
        self.ids = ids  # the running id counters (tasks, extensions)
        self.dm = dm
        self.fmt = fmt
        self.rules = rules  # clock -> (start event, amount, unit)
        self.received_at = received
        self.number = number
        self.channel = channel
        self.risk = risk
        self.status = None
        self.level = None
        self.accepted_at = self.first_resolved_at = self.resolved_at = self.closed_at = None
        self.clock = self.clock_started_at = None
        self.paused_seconds = 0
        self.due_at = self.warn_at = None
        self.due_provisional = False
        self.suspended_at = None
        self.supervised = False
        self.result = self.satisfaction = None
        self.repeat_of_id = None
        self.updated_at = received
        self.version = 0
        self.events: list[tuple] = []  # (at, order, kind, actor, task, from, to, note, data)
        self.tasks: list[Task] = []
        self.extensions: list[Extension] = []
        self.history: list[tuple] = []  # (at, status, result, resolved_at) after each move

    # ---- plumbing ----------------------------------------------------------------------

    def _log(self, at, kind, actor, task=None, frm=None, to=None, note=None, data=None):
        self.events.append((at, len(self.events), kind, actor, task, frm, to, note, data))
        if at > self.updated_at:
            self.updated_at = at

    def _move(self, at, kind, actor, to, task=None, note=None, data=None):
        frm, self.status = self.status, to
        self._log(at, kind, actor, task, frm, to, note, data)
        self.history.append((at, to, self.result, self.resolved_at))

    def _step(self):
        self.version += 1

    def _start_clock(self, target, clock, start, deadline):
        target.clock = clock
        target.clock_started_at = start
        target.paused_seconds = 0
        target.due_at, target.warn_at, target.due_provisional = deadline

    def _deadline(self, clock, start):
        _, amount, unit = self.rules[clock]
        return self.dm.deadline(start, amount, unit)

    def _stop_clock(self):
        self.clock = None
        self.suspended_at = None

    def active_tasks(self):
        return [t for t in self.tasks if t.status in _ACTIVE]

    def lead(self):
        for t in self.tasks:
            if t.role == TaskRole.LEAD.value and t.status in _ACTIVE:
                return t
        return None

    # ---- intake (desktop.services.intake / workflow) -----------------------------------

    def register(self, at, actor):
        self._step()
        self._start_clock(self, ACCEPT, self.received_at, self._deadline(ACCEPT, self.received_at))
        self._move(
            at,
            E.REGISTER.value,
            actor,
            S.REGISTERED.value,
            data=f'{{"channel": "{self.channel}", "risk": "{self.risk}"}}',
        )

    def start_resolve_clock(self, accepted_at):
        start_event = self.rules[RESOLVE][0]
        start = self.received_at if start_event == E.REGISTER.value else accepted_at
        self._start_clock(self, RESOLVE, start, self._deadline(RESOLVE, start))

    def accept(self, at, actor):
        self._step()
        self.accepted_at = at
        self.start_resolve_clock(at)
        self._move(at, E.ACCEPT.value, actor, S.ACCEPTED.value)

    def reject(self, at, actor, reason):
        self._step()
        self._stop_clock()
        self.closed_at = at
        self._move(at, E.REJECT.value, actor, S.REJECTED.value, note=reason)

    def set_level(self, at, actor, level):
        self._step()
        old = "null" if self.level is None else f'"{self.level}"'
        self.level = level
        self._log(at, E.SET_LEVEL.value, actor, data=f'{{"from": {old}, "to": "{level}"}}')

    def resolve_case(self, at, actor, kind, result, note=None, task_id=None):
        self.result = result
        self.resolved_at = at
        if self.first_resolved_at is None:
            self.first_resolved_at = at
        on_time = "true" if self.due_at is None or at <= self.due_at else "false"
        self._stop_clock()
        data = (
            f'{{"due_at": {self.fmt.json(self.due_at)}, "on_time": {on_time}, '
            f'"result": "{result}"}}'
        )
        self._move(at, kind, actor, S.RESOLVED.value, task=task_id, note=note, data=data)

    def resolve_on_spot(self, at, actor, result, note=None):
        self._step()
        self.resolve_case(at, actor, E.RESOLVE_ON_SPOT.value, result, note)

    def supervise(self, at, actor, note):
        self._step()
        self.supervised = True
        self._log(at, E.SUPERVISE.value, actor, note=note)

    def suspend(self, at, actor, reason):
        self._step()
        self.suspended_at = at
        self._log(at, E.SUSPEND.value, actor, note=reason)

    def resume(self, at, actor):
        self._step()
        paused = at - self.suspended_at
        for target in (self, *self.active_tasks()):
            if target.due_at is not None:
                target.due_at += paused
                target.warn_at += paused
                target.paused_seconds += paused // 1_000_000
        self.suspended_at = None
        self._log(at, E.RESUME.value, actor, data=f'{{"paused_seconds": {paused // 1_000_000}}}')

    def follow_up(self, at, actor, satisfaction, reopen=False, note=None):
        self._step()
        self.satisfaction = satisfaction
        if reopen:
            self._log(
                at,
                E.FOLLOW_UP.value,
                actor,
                note=note,
                data=f'{{"reopen": true, "satisfaction": "{satisfaction}"}}',
            )
            self.resolved_at = None
            self.result = None
            self.start_resolve_clock(at)
            self._move(at, E.REOPEN.value, actor, S.ACCEPTED.value, note=note)
            return
        self.closed_at = at
        self._move(
            at,
            E.FOLLOW_UP.value,
            actor,
            S.CLOSED.value,
            note=note,
            data=f'{{"satisfaction": "{satisfaction}"}}',
        )

    def merge(self, at, actor, original_id, original_number):
        self._step()
        self.repeat_of_id = original_id
        self._log(at, E.MERGE.value, actor, data=f'{{"original": "{original_number}"}}')

    def close_with_original(self, at, actor, status, result, resolved_at, original_number):
        """close_repeats: this repeat follows its original to resolved or closed."""
        self._step()
        self.result = result
        self.resolved_at = resolved_at
        if self.first_resolved_at is None:
            self.first_resolved_at = resolved_at
        self.closed_at = at if status == S.CLOSED.value else None
        self._stop_clock()
        self._move(
            at,
            E.CLOSE_WITH_ORIGINAL.value,
            actor,
            status,
            data=f'{{"original": "{original_number}"}}',
        )

    def raise_risk(self, at, actor, to, repeats):
        self._step()
        self._log(
            at,
            E.RAISE_RISK.value,
            actor,
            data=f'{{"from": "{self.risk}", "repeats": {repeats}, "to": "{to}"}}',
        )
        self.risk = to

    # ---- departments (desktop.services.dispatch) ---------------------------------------

    def dispatch(self, at, actor, departments):
        """departments: [(department id, role, assignee staff id, acting user id), ...]"""
        self._step()
        deadline = self._deadline(SIGN, at)
        new = []
        for department_id, role, assignee, user in departments:
            self.ids.task += 1
            task = Task(self.ids.task, department_id, role, assignee, user, at)
            self._start_clock(task, SIGN, at, deadline)
            self.tasks.append(task)
            new.append(task)
        items = ", ".join(
            f'{{"department": {t.department_id}, "role": "{t.role}", "task": {t.id}}}' for t in new
        )
        data = f'{{"tasks": [{items}]}}'
        if self.status == S.ACCEPTED.value:
            self._move(at, E.DISPATCH.value, actor, S.DISPATCHED.value, data=data)
        else:
            self._log(at, E.DISPATCH.value, actor, data=data)
        return new

    def _set_task(self, at, kind, actor, task, status, note=None, because=None):
        old = task.status
        task.status = status
        if status not in _ACTIVE:
            task.finished_at = at
            task.clock = None
        extra = f'"because": "{because}", ' if because else ""
        self._log(
            at,
            kind,
            actor,
            task.id,
            note=note,
            data=f'{{{extra}"task_from": "{old}", "task_to": "{status}"}}',
        )

    def recall(self, at, actor, task, note=None):
        """撤回 before 签收; recalling the lead takes the whole dispatch back."""
        self._step()
        if task.role == TaskRole.LEAD.value:
            for other in self.active_tasks():
                self._set_task(at, E.RECALL.value, actor, other, T.RECALLED.value, note=note)
            self._move(at, E.RECALL.value, actor, S.ACCEPTED.value, note=note)
        else:
            self._set_task(at, E.RECALL.value, actor, task, T.RECALLED.value, note=note)

    def sign(self, at, task):
        self._step()
        task.signed_at = at
        self._start_task_resolve_clock(task)
        old = task.status
        task.status = T.IN_PROGRESS.value
        data = f'{{"task_from": "{old}", "task_to": "{task.status}"}}'
        if task.role == TaskRole.LEAD.value and self.status == S.DISPATCHED.value:
            self._move(at, E.SIGN.value, task.user_id, S.IN_PROGRESS.value, task=task.id, data=data)
        else:
            self._log(at, E.SIGN.value, task.user_id, task.id, data=data)

    def _start_task_resolve_clock(self, task):
        start_event = self.rules[RESOLVE][0]
        if start_event in _FROM_DISPATCH:
            start = task.dispatched_at if start_event == E.DISPATCH.value else task.signed_at
            deadline = self._deadline(RESOLVE, start)
            self._start_clock(task, RESOLVE, start, deadline)
            if task.role == TaskRole.LEAD.value:
                self._start_clock(self, RESOLVE, start, deadline)
        elif self.due_at is not None:
            start = self.clock_started_at or task.signed_at
            self._start_clock(
                task, RESOLVE, start, (self.due_at, self.warn_at, self.due_provisional)
            )
            task.paused_seconds = self.paused_seconds

    def return_task(self, at, task, reason):
        """退单: a lead return sends the case back to the dispatcher; an assist drops out."""
        self._step()
        actor = task.user_id
        self._set_task(at, E.RETURN.value, actor, task, T.RETURNED.value, note=reason)
        if task.role == TaskRole.LEAD.value:
            for other in self.active_tasks():
                self._set_task(
                    at, E.RETURN.value, actor, other, T.RECALLED.value, because="lead_returned"
                )
            self._move(at, E.RETURN.value, actor, S.ACCEPTED.value, task=task.id, note=reason)

    def report(self, at, task, note):
        self._step()
        self._set_task(at, E.REPORT.value, task.user_id, task, T.REPORTED.value, note=note)

    def resolve(self, at, task, result, note=None):
        self._step()
        task.status = T.RESOLVED.value
        task.finished_at = at
        task.clock = None
        self.resolve_case(at, task.user_id, E.RESOLVE.value, result, note, task.id)

    # ---- extensions (desktop.services.extensions) --------------------------------------

    def request_extension(self, at, task, requested_due, reason):
        self._step()
        self.ids.extension += 1
        ext = Extension(self.ids.extension, task.id, task.user_id, at, requested_due, reason)
        self.extensions.append(ext)
        self._log(
            at,
            E.REQUEST_EXTENSION.value,
            task.user_id,
            task.id,
            note=reason,
            data=f'{{"request": {ext.id}, "requested_due": {self.fmt.json(requested_due)}}}',
        )
        return ext

    def approve_extension(self, at, actor, ext):
        self._step()
        due = ext.requested_due
        task = next(t for t in self.tasks if t.id == ext.task_id)
        old_due = task.due_at
        if task.role == TaskRole.LEAD.value:
            self.due_at, self.warn_at = due, DeadlineMath.explicit(self.clock_started_at, due)
            self.due_provisional = False
        task.due_at, task.warn_at = due, DeadlineMath.explicit(task.clock_started_at, due)
        task.due_provisional = False
        ext.status, ext.decided_by_id, ext.decided_at = "approved", actor, at
        self._log(
            at,
            E.APPROVE_EXTENSION.value,
            actor,
            ext.task_id,
            data=(
                f'{{"new_due": {self.fmt.json(due)}, "old_due": '
                f'{self.fmt.json(old_due)}, "request": {ext.id}}}'
            ),
        )

    def deny_extension(self, at, actor, ext, note):
        self._step()
        ext.status, ext.decided_by_id, ext.decided_at = "denied", actor, at
        self._log(
            at,
            E.DENY_EXTENSION.value,
            actor,
            ext.task_id,
            note=note,
            data=f'{{"request": {ext.id}}}',
        )


RISK_RANK = {r.value: i for i, r in enumerate((Risk.NORMAL, Risk.YELLOW, Risk.ORANGE, Risk.RED))}
