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
# Plain strings: enum member lookups cost more than the rest of a step.
K_ACCEPT = E.ACCEPT.value
K_APPROVE_EXTENSION = E.APPROVE_EXTENSION.value
K_CLOSE_WITH_ORIGINAL = E.CLOSE_WITH_ORIGINAL.value
K_DENY_EXTENSION = E.DENY_EXTENSION.value
K_DISPATCH = E.DISPATCH.value
K_FOLLOW_UP = E.FOLLOW_UP.value
K_MERGE = E.MERGE.value
K_RAISE_RISK = E.RAISE_RISK.value
K_RECALL = E.RECALL.value
K_REGISTER = E.REGISTER.value
K_REJECT = E.REJECT.value
K_REOPEN = E.REOPEN.value
K_REPORT = E.REPORT.value
K_REQUEST_EXTENSION = E.REQUEST_EXTENSION.value
K_RESOLVE = E.RESOLVE.value
K_RESOLVE_ON_SPOT = E.RESOLVE_ON_SPOT.value
K_RESUME = E.RESUME.value
K_RETURN = E.RETURN.value
K_SET_LEVEL = E.SET_LEVEL.value
K_SIGN = E.SIGN.value
K_SUPERVISE = E.SUPERVISE.value
K_SUSPEND = E.SUSPEND.value
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

    def __init__(self, id, department_id, role, assignee_id, user_id, at):
        self.id = id
        self.department_id = department_id
        self.role = role
        self.status = T_DISPATCHED
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
            if t.role == LEAD and t.status in _ACTIVE:
                return t
        return None

    # ---- intake (desktop.services.intake / workflow) -----------------------------------

    def register(self, at, actor):
        self._step()
        self._start_clock(self, ACCEPT, self.received_at, self._deadline(ACCEPT, self.received_at))
        self._move(
            at,
            K_REGISTER,
            actor,
            S_REGISTERED,
            data=f'{{"channel": "{self.channel}", "risk": "{self.risk}"}}',
        )

    def start_resolve_clock(self, accepted_at):
        start_event = self.rules[RESOLVE][0]
        start = self.received_at if start_event == K_REGISTER else accepted_at
        self._start_clock(self, RESOLVE, start, self._deadline(RESOLVE, start))

    def accept(self, at, actor):
        self._step()
        self.accepted_at = at
        self.start_resolve_clock(at)
        self._move(at, K_ACCEPT, actor, S_ACCEPTED)

    def reject(self, at, actor, reason):
        self._step()
        self._stop_clock()
        self.closed_at = at
        self._move(at, K_REJECT, actor, S_REJECTED, note=reason)

    def set_level(self, at, actor, level):
        self._step()
        old = "null" if self.level is None else f'"{self.level}"'
        self.level = level
        self._log(at, K_SET_LEVEL, actor, data=f'{{"from": {old}, "to": "{level}"}}')

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
        self._move(at, kind, actor, S_RESOLVED, task=task_id, note=note, data=data)

    def resolve_on_spot(self, at, actor, result, note=None):
        self._step()
        self.resolve_case(at, actor, K_RESOLVE_ON_SPOT, result, note)

    def supervise(self, at, actor, note):
        self._step()
        self.supervised = True
        self._log(at, K_SUPERVISE, actor, note=note)

    def suspend(self, at, actor, reason):
        self._step()
        self.suspended_at = at
        self._log(at, K_SUSPEND, actor, note=reason)

    def resume(self, at, actor):
        self._step()
        paused = at - self.suspended_at
        for target in (self, *self.active_tasks()):
            if target.due_at is not None:
                target.due_at += paused
                target.warn_at += paused
                target.paused_seconds += paused // 1_000_000
        self.suspended_at = None
        self._log(at, K_RESUME, actor, data=f'{{"paused_seconds": {paused // 1_000_000}}}')

    def follow_up(self, at, actor, satisfaction, reopen=False, note=None):
        self._step()
        self.satisfaction = satisfaction
        if reopen:
            self._log(
                at,
                K_FOLLOW_UP,
                actor,
                note=note,
                data=f'{{"reopen": true, "satisfaction": "{satisfaction}"}}',
            )
            self.resolved_at = None
            self.result = None
            self.start_resolve_clock(at)
            self._move(at, K_REOPEN, actor, S_ACCEPTED, note=note)
            return
        self.closed_at = at
        self._move(
            at,
            K_FOLLOW_UP,
            actor,
            S_CLOSED,
            note=note,
            data=f'{{"satisfaction": "{satisfaction}"}}',
        )

    def merge(self, at, actor, original_id, original_number):
        self._step()
        self.repeat_of_id = original_id
        self._log(at, K_MERGE, actor, data=f'{{"original": "{original_number}"}}')

    def close_with_original(self, at, actor, status, result, resolved_at, original_number):
        """close_repeats: this repeat follows its original to resolved or closed."""
        self._step()
        self.result = result
        self.resolved_at = resolved_at
        if self.first_resolved_at is None:
            self.first_resolved_at = resolved_at
        self.closed_at = at if status == S_CLOSED else None
        self._stop_clock()
        self._move(
            at,
            K_CLOSE_WITH_ORIGINAL,
            actor,
            status,
            data=f'{{"original": "{original_number}"}}',
        )

    def raise_risk(self, at, actor, to, repeats):
        self._step()
        self._log(
            at,
            K_RAISE_RISK,
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
        if self.status == S_ACCEPTED:
            self._move(at, K_DISPATCH, actor, S_DISPATCHED, data=data)
        else:
            self._log(at, K_DISPATCH, actor, data=data)
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
        if task.role == LEAD:
            for other in self.active_tasks():
                self._set_task(at, K_RECALL, actor, other, T_RECALLED, note=note)
            self._move(at, K_RECALL, actor, S_ACCEPTED, note=note)
        else:
            self._set_task(at, K_RECALL, actor, task, T_RECALLED, note=note)

    def sign(self, at, task):
        self._step()
        task.signed_at = at
        self._start_task_resolve_clock(task)
        old = task.status
        task.status = T_IN_PROGRESS
        data = f'{{"task_from": "{old}", "task_to": "{task.status}"}}'
        if task.role == LEAD and self.status == S_DISPATCHED:
            self._move(at, K_SIGN, task.user_id, S_IN_PROGRESS, task=task.id, data=data)
        else:
            self._log(at, K_SIGN, task.user_id, task.id, data=data)

    def _start_task_resolve_clock(self, task):
        start_event = self.rules[RESOLVE][0]
        if start_event in _FROM_DISPATCH:
            start = task.dispatched_at if start_event == K_DISPATCH else task.signed_at
            deadline = self._deadline(RESOLVE, start)
            self._start_clock(task, RESOLVE, start, deadline)
            if task.role == LEAD:
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
        self._set_task(at, K_RETURN, actor, task, T_RETURNED, note=reason)
        if task.role == LEAD:
            for other in self.active_tasks():
                self._set_task(
                    at, K_RETURN, actor, other, T_RECALLED, because="lead_returned"
                )
            self._move(at, K_RETURN, actor, S_ACCEPTED, task=task.id, note=reason)

    def report(self, at, task, note):
        self._step()
        self._set_task(at, K_REPORT, task.user_id, task, T_REPORTED, note=note)

    def resolve(self, at, task, result, note=None):
        self._step()
        task.status = T_RESOLVED
        task.finished_at = at
        task.clock = None
        self.resolve_case(at, task.user_id, K_RESOLVE, result, note, task.id)

    # ---- extensions (desktop.services.extensions) --------------------------------------

    def request_extension(self, at, task, requested_due, reason):
        self._step()
        self.ids.extension += 1
        ext = Extension(self.ids.extension, task.id, task.user_id, at, requested_due, reason)
        self.extensions.append(ext)
        self._log(
            at,
            K_REQUEST_EXTENSION,
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
        if task.role == LEAD:
            self.due_at, self.warn_at = due, DeadlineMath.explicit(self.clock_started_at, due)
            self.due_provisional = False
        task.due_at, task.warn_at = due, DeadlineMath.explicit(task.clock_started_at, due)
        task.due_provisional = False
        ext.status, ext.decided_by_id, ext.decided_at = "approved", actor, at
        self._log(
            at,
            K_APPROVE_EXTENSION,
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
            K_DENY_EXTENSION,
            actor,
            ext.task_id,
            note=note,
            data=f'{{"request": {ext.id}}}',
        )


RISK_RANK = {r.value: i for i, r in enumerate((Risk.NORMAL, Risk.YELLOW, Risk.ORANGE, Risk.RED))}
