"""One demo case in memory, changed by the same steps as the workflow services.

Each method mirrors one service (desktop.services.workflow here; .dispatch and .extensions in
desktop.demo.task_steps) on plain integers: the same status moves, clocks, deadlines and
event data, so a case built here reads exactly like one built through the console. Instants
are µs UTC integers.

The hot path of the demo (a million cases, a dozen steps each): steps append plain tuples,
event data is written from templates, and the attributes a case rarely changes are class
defaults, so making a case costs a handful of stores.
"""

from __future__ import annotations

from desktop.demo.task_steps import (
    ACCEPT,
    RESOLVE,
    S_ACCEPTED,
    S_CLOSED,
    S_REGISTERED,
    S_REJECTED,
    S_RESOLVED,
    Extension,
    Task,
    TaskSteps,
)
from desktop.demo.timefmt import DAY_US, LOCAL_OFFSET_US, DeadlineMath, Formatter
from desktop.domain.enums import EventKind, Risk

__all__ = ["RISK_RANK", "CaseLife", "DayDeadlines", "Extension", "Task"]

E = EventKind
# Plain strings: enum member lookups cost more than the rest of a step.
K_ACCEPT = E.ACCEPT.value
K_CLOSE_WITH_ORIGINAL = E.CLOSE_WITH_ORIGINAL.value
K_FOLLOW_UP = E.FOLLOW_UP.value
K_MERGE = E.MERGE.value
K_RAISE_RISK = E.RAISE_RISK.value
K_REGISTER = E.REGISTER.value
K_REJECT = E.REJECT.value
K_REOPEN = E.REOPEN.value
K_RESOLVE = E.RESOLVE.value
K_RESOLVE_ON_SPOT = E.RESOLVE_ON_SPOT.value
K_RESUME = E.RESUME.value
K_SET_LEVEL = E.SET_LEVEL.value
K_SUPERVISE = E.SUPERVISE.value
K_SUSPEND = E.SUSPEND.value
RISK_RANK = {r.value: i for i, r in enumerate((Risk.NORMAL, Risk.YELLOW, Risk.ORANGE, Risk.RED))}


class DayDeadlines:
    """DeadlineMath.deadline, remembered per (local day of the start, amount, unit).

    A limit ends at the end of a local day that depends on the start's day only, and the
    warning instant is set_explicit_due's rule from the start (DeadlineMath.explicit): so
    one working-day lookup serves every case started that day (a unit test compares).
    """

    def __init__(self, dm: DeadlineMath) -> None:
        self._dm = dm
        self._due: dict[tuple, tuple[int, bool]] = {}
        self.explicit = dm.explicit

    def deadline(self, start: int, amount: int, unit: str) -> tuple[int, int, bool]:
        key = ((start + LOCAL_OFFSET_US) // DAY_US, amount, unit)
        known = self._due.get(key)
        if known is None:
            due, warn, provisional = self._dm.deadline(start, amount, unit)
            self._due[key] = due, provisional
            return due, warn, provisional
        due, provisional = known
        return due, self.explicit(start, due), provisional


class CaseLife(TaskSteps):
    """The case row, its tasks, extension requests and timeline while being simulated.

    events: (at, kind, actor, task, from, to, note, data) in the order the steps happened;
    sort them by `at` (stably) for the timeline. history: (at, status, result, resolved_at)
    after each status move, which a repeat reads of its original (kept for originals only).
    """

    # What a new case has not set yet (class defaults: a case is made a million times).
    status = level = None
    accepted_at = first_resolved_at = resolved_at = closed_at = suspended_at = None
    result = satisfaction = repeat_of_id = None
    supervised = False

    def __init__(
        self,
        ids,
        dm: DayDeadlines,
        fmt: Formatter,
        rules: dict,
        received: int,
        number: str,
        channel: str,
        risk: str,
        original: bool = False,
    ):
        self.ids = ids  # the running id counters (tasks, extensions)
        self.dm = dm
        self.fmt = fmt
        self.rules = rules  # clock -> (start event, amount, unit)
        self.received_at = received
        self.number = number
        self.channel = channel
        self.risk = risk
        self.version = 0
        self.events: list[tuple] = []
        self.tasks: list[Task] = []
        self.extensions: list[Extension] = []
        self.history: list[tuple] | None = [] if original else None

    # ---- intake (desktop.services.intake / workflow) -----------------------------------

    def register(self, at, actor):
        self.version += 1
        start = self.received_at
        self.clock, self.clock_started_at, self.paused_seconds = ACCEPT, start, 0
        self.due_at, self.warn_at, self.due_provisional = self._deadline(ACCEPT, start)
        self.status = S_REGISTERED
        data = f'{{"channel": "{self.channel}", "risk": "{self.risk}"}}'
        self.events.append((at, K_REGISTER, actor, None, None, S_REGISTERED, None, data))
        if self.history is not None:
            self.history.append((at, S_REGISTERED, None, None))

    def start_resolve_clock(self, accepted_at):
        start_event, amount, unit = self.rules[RESOLVE]
        start = self.received_at if start_event == K_REGISTER else accepted_at
        self.clock, self.clock_started_at, self.paused_seconds = RESOLVE, start, 0
        self.due_at, self.warn_at, self.due_provisional = self.dm.deadline(start, amount, unit)

    def accept(self, at, actor):
        self.version += 1
        self.accepted_at = at
        self.start_resolve_clock(at)
        self._move(at, K_ACCEPT, actor, S_ACCEPTED)

    def reject(self, at, actor, reason):
        self.version += 1
        self.clock = self.suspended_at = None
        self.closed_at = at
        self._move(at, K_REJECT, actor, S_REJECTED, note=reason)

    def set_level(self, at, actor, level):
        self.version += 1
        old = "null" if self.level is None else f'"{self.level}"'
        self.level = level
        data = f'{{"from": {old}, "to": "{level}"}}'
        self.events.append((at, K_SET_LEVEL, actor, None, None, None, None, data))

    def resolve_case(self, at, actor, kind, result, note=None, task_id=None):
        self.result = result
        self.resolved_at = at
        if self.first_resolved_at is None:
            self.first_resolved_at = at
        due = self.due_at
        on_time = "true" if due is None or at <= due else "false"
        self.clock = self.suspended_at = None
        data = f'{{"due_at": {self.fmt.json(due)}, "on_time": {on_time}, "result": "{result}"}}'
        self._move(at, kind, actor, S_RESOLVED, task_id, note, data)

    def resolve_on_spot(self, at, actor, result, note=None):
        self.version += 1
        self.resolve_case(at, actor, K_RESOLVE_ON_SPOT, result, note)

    def supervise(self, at, actor, note):
        self.version += 1
        self.supervised = True
        self.events.append((at, K_SUPERVISE, actor, None, None, None, note, None))

    def suspend(self, at, actor, reason):
        self.version += 1
        self.suspended_at = at
        self.events.append((at, K_SUSPEND, actor, None, None, None, reason, None))

    def resume(self, at, actor):
        self.version += 1
        paused = at - self.suspended_at
        for target in (self, *self.active_tasks()):
            if target.due_at is not None:
                target.due_at += paused
                target.warn_at += paused
                target.paused_seconds += paused // 1_000_000
        self.suspended_at = None
        data = f'{{"paused_seconds": {paused // 1_000_000}}}'
        self.events.append((at, K_RESUME, actor, None, None, None, None, data))

    def follow_up(self, at, actor, satisfaction, reopen=False, note=None):
        self.version += 1
        self.satisfaction = satisfaction
        if reopen:
            data = f'{{"reopen": true, "satisfaction": "{satisfaction}"}}'
            self.events.append((at, K_FOLLOW_UP, actor, None, None, None, note, data))
            self.resolved_at = None
            self.result = None
            self.start_resolve_clock(at)
            self._move(at, K_REOPEN, actor, S_ACCEPTED, note=note)
            return
        self.closed_at = at
        data = f'{{"satisfaction": "{satisfaction}"}}'
        self._move(at, K_FOLLOW_UP, actor, S_CLOSED, note=note, data=data)

    def merge(self, at, actor, original_id, original_number):
        self.version += 1
        self.repeat_of_id = original_id
        data = f'{{"original": "{original_number}"}}'
        self.events.append((at, K_MERGE, actor, None, None, None, None, data))

    def close_with_original(self, at, actor, status, result, resolved_at, original_number):
        """close_repeats: this repeat follows its original to resolved or closed."""
        self.version += 1
        self.result = result
        self.resolved_at = resolved_at
        if self.first_resolved_at is None:
            self.first_resolved_at = resolved_at
        self.closed_at = at if status == S_CLOSED else None
        self.clock = self.suspended_at = None
        data = f'{{"original": "{original_number}"}}'
        self._move(at, K_CLOSE_WITH_ORIGINAL, actor, status, data=data)

    def raise_risk(self, at, actor, to, repeats):
        self.version += 1
        data = f'{{"from": "{self.risk}", "repeats": {repeats}, "to": "{to}"}}'
        self.events.append((at, K_RAISE_RISK, actor, None, None, None, None, data))
        self.risk = to
