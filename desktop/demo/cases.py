"""The demo cases: each planned case is walked through the workflow in memory, then emitted
as rows for cases, case_events, case_tasks, case_parties and extension_requests.

The mix aims at what published figures of such centers look like: about 84 % of cases
resolved, about 95 % satisfied at follow-up, a tenth resolved late and a few stuck past their
deadline, joint dispatches (lead + assisting departments), recalls and returns, extensions
approved by a supervisor, suspensions, 督办, repeats merged into their original, and some
不满意 follow-ups that reopen the case. Every history is legal under desktop.domain.workflow:
the steps are the methods of desktop.demo.lifecycle.CaseLife, which mirror the services.

Deterministic: chunk k draws from its own generator seeded by (seed, k), and the cases are
walked in order of receipt, so the same seed and --today give the same rows.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from desktop.demo import texts
from desktop.demo.county_writer import GridPlace
from desktop.demo.geography import PointSampler
from desktop.demo.lifecycle import RISK_RANK, CaseLife
from desktop.demo.org import OrgRows, route_for
from desktop.demo.people import make_people
from desktop.demo.plan import CHANNELS, Plan
from desktop.demo.timefmt import DAY_US, LOCAL_OFFSET_US, US, DeadlineMath, Formatter, local_day
from desktop.domain.enums import (
    Channel,
    Level,
    PartyRole,
    Result,
    Risk,
    Satisfaction,
    Status,
    TaskRole,
)
from desktop.domain.risk import REPEATS_FOR_ORANGE, risk_for_group
from desktop.domain.workdays import WorkCalendar

CASE_COLUMNS = (
    "id", "number", "center_id", "title", "description", "channel", "category_id", "status",
    "level", "risk", "people_count", "address", "lat", "lng", "grid_id", "village_id",
    "street_id", "county_id", "received_at", "accepted_at", "first_resolved_at", "resolved_at",
    "closed_at", "clock", "clock_started_at", "paused_seconds", "due_at", "warn_at",
    "due_provisional", "suspended_at", "supervised", "result", "satisfaction", "repeat_of_id",
    "claimed_by_id", "claimed_at", "created_by_id", "updated_at", "version",
)  # fmt: skip
EVENT_COLUMNS = (
    "id", "case_id", "seq", "kind", "at", "actor_id", "task_id", "from_status", "to_status",
    "note", "data",
)  # fmt: skip
TASK_COLUMNS = (
    "id", "case_id", "department_id", "role", "status", "assignee_id", "dispatched_at",
    "signed_at", "finished_at", "clock", "clock_started_at", "paused_seconds", "due_at",
    "warn_at", "due_provisional", "note",
)  # fmt: skip
PARTY_COLUMNS = ("id", "case_id", "role", "name", "phone", "id_number", "address")
EXTENSION_COLUMNS = (
    "id", "case_id", "task_id", "requested_by_id", "requested_at", "requested_due", "reason",
    "status", "decided_by_id", "decided_at",
)  # fmt: skip

MINUTE = 60 * US
HOUR = 60 * MINUTE
DAY = DAY_US
OPEN_S, CLOSE_S = 8 * 3600 + 1800, 18 * 3600  # office hours 08:30–18:00 China time

P_REJECT = 0.02
P_LEVEL = 0.3
P_JOINT = 0.15
P_RECALL = 0.03
P_RETURN = 0.03
P_ASSIST_RETURN = 0.1
P_LATE_SIGN = 0.07
P_STUCK = 0.14  # never resolved before today
P_LATE = 0.10  # resolved after the deadline
P_EXTENSION = 0.06
P_APPROVE = 0.85
P_SUSPEND = 0.015
P_SUPERVISE_LATE = 0.5
P_SUPERVISE = 0.01
P_FOLLOW_UP = 0.97
P_UNSATISFIED = 0.05
P_BASICALLY = 0.10
P_REOPEN = 0.4
# Share settled on the spot (就地办结), by top-level category.
ON_SPOT = {"01": 0.45, "02": 0.2, "03": 0.25, "04": 0.15, "05": 0.1, "06": 0.25, "07": 0.2,
           "08": 0.05}  # fmt: skip
R = Result
DISPUTE_RESULTS = ((R.MEDIATED, 72), (R.SOLVED, 10), (R.MEDIATION_FAILED, 2),
                   (R.LITIGATION, 7), (R.PARTLY_SOLVED, 5), (R.OUT_OF_SCOPE, 2),
                   (R.OTHER_CHANNEL, 2))  # fmt: skip
OTHER_RESULTS = ((R.SOLVED, 80), (R.PARTLY_SOLVED, 8), (R.MEDIATED, 2), (R.OUT_OF_SCOPE, 4),
                 (R.OTHER_CHANNEL, 6))  # fmt: skip
ACCEPT_DELAY_H = {  # (low, high) hours from receipt to the acceptance decision
    Channel.WALK_IN: (0.03, 0.3), Channel.PHONE: (0.1, 1.0), Channel.HOTLINE_12345: (0.3, 6),
    Channel.GRID_REPORT: (0.2, 8), Channel.ONLINE: (0.5, 12), Channel.POLICE_110: (0.1, 2),
    Channel.PETITION_TRANSFER: (4, 120), Channel.DEPARTMENT_TRANSFER: (1, 24),
    Channel.SUPERIOR_ASSIGNED: (1, 24),
}  # fmt: skip


@dataclass(frozen=True)
class CategoryInfo:
    id: int
    code: str
    is_dispute: bool
    rules: dict  # clock -> (start event, amount, unit), the category's rule in force


@dataclass
class Ids:
    """Running ids of the rows the simulation creates (cases take plan index + 1)."""

    event: int = 0
    task: int = 0
    party: int = 0
    extension: int = 0


@dataclass
class ChunkRows:
    cases: list[tuple] = field(default_factory=list)
    events: list[tuple] = field(default_factory=list)
    tasks: list[tuple] = field(default_factory=list)
    parties: list[tuple] = field(default_factory=list)
    extensions: list[tuple] = field(default_factory=list)


@dataclass
class _Original:
    """What a repeat needs of its original: number, status history, applicant."""

    id: int
    number: str
    history: list[tuple]
    applicant: tuple | None
    remaining: int


class CaseSimulator:
    """Walks the planned cases in order, chunk by chunk; keeps the id counters between chunks."""

    def __init__(
        self,
        *,
        seed: int,
        plan: Plan,
        categories: list[CategoryInfo],
        places: list[GridPlace],
        org: OrgRows,
        calendar: WorkCalendar,
        today: date,
        sim_now: int,
        county_id: int,
    ) -> None:
        self.seed = seed
        self.plan = plan
        self.categories = categories
        self.places = places
        self.org = org
        self.calendar = calendar
        self.today = today
        self.sim_now = sim_now
        self.county_id = county_id
        self.dm = DeadlineMath(calendar)
        self.fmt = Formatter()
        self.ids = Ids()
        self._samplers: dict[int, PointSampler] = {}
        self._workday: dict[int, bool] = {}
        self._originals: dict[int, _Original] = {}
        self._repeats_of: dict[int, list[int]] = {}
        for j in np.flatnonzero(plan.repeat_of >= 0).tolist():
            self._repeats_of.setdefault(int(plan.repeat_of[j]), []).append(j)
        self._received = plan.received_us.tolist()
        self._merge = plan.merge_us.tolist()
        self._repeat_of = plan.repeat_of.tolist()
        self._category = plan.category.tolist()
        self._channel = plan.channel.tolist()
        self._grid = plan.grid.tolist()
        self._county_center = plan.county_center.tolist()
        self._people = plan.people.tolist()
        self._numbers = [self._number(i) for i in range(len(self._received))]
        self._dept_users = org.department_user
        self._dept_ids = org.department_ids
        self._on_site = org.on_site_staff
        users = org.users_by_name
        self._county_actors = (users["desk"], users["dispatcher"], users["supervisor"])

    # ---- driving ---------------------------------------------------------------------

    def run_chunk(self, start: int, stop: int, chunk_index: int) -> ChunkRows:
        seq = np.random.SeedSequence([self.seed, 7, chunk_index])
        rng = np.random.default_rng(seq)
        self.rnd = random.Random(int(seq.generate_state(1)[0]))
        self.rng = rng
        self.crowd = make_people(rng, 3 * (stop - start), today=self.today)
        self.crowd_next = 0
        out = ChunkRows()
        for i in range(start, stop):
            self._simulate(i, out)
        return out

    def _number(self, i: int) -> str:
        p = self.plan
        if p.county_center[i]:
            center = self.org.county_center_id
        else:
            center = self.org.township_center_ids[self.places[p.grid[i]].info.township_index]
        short = self.org.center_short_names[center]
        return f"{short}-{int(p.year[i])}-{int(p.serial[i]):06d}"

    def _actors(self, i: int) -> tuple[int, int, int, int]:
        """(center id, desk, dispatcher, supervisor) of the center that registered case i."""
        if self._county_center[i]:
            return (self.org.county_center_id, *self._county_actors)
        k = self.places[self._grid[i]].info.township_index
        user = self.org.township_user[k]
        return self.org.township_center_ids[k], user, user, user

    # ---- time helpers ------------------------------------------------------------------

    def _is_workday(self, day: int) -> bool:
        known = self._workday.get(day)
        if known is None:
            known = self._workday[day] = self.calendar.is_workday(date.fromordinal(day + 719163))
        return known

    def _office(self, t: int) -> int:
        """The first office moment at or after t (a person acts in office hours)."""
        day = local_day(t)
        second = ((t + LOCAL_OFFSET_US) // US) % 86_400
        if self._is_workday(day) and OPEN_S <= second < CLOSE_S:
            return t
        if not (self._is_workday(day) and second < OPEN_S):
            day += 1
            while not self._is_workday(day):
                day += 1
        start = day * DAY - LOCAL_OFFSET_US + OPEN_S * US
        return start + int(self.rnd.random() * 90) * MINUTE + int(self.rnd.random() * 60) * US

    def _after(self, t: int, low_h: float, high_h: float) -> int:
        """An office moment low..high hours after t, to the second."""
        r = self.rnd.random()
        return self._office(t + int((low_h + (high_h - low_h) * r) * 3600) * US)

    # ---- one case ----------------------------------------------------------------------

    def _simulate(self, i: int, out: ChunkRows) -> None:
        cat = self.categories[self._category[i]]
        place = self.places[self._grid[i]]
        channel = CHANNELS[self._channel[i]].value
        people = self._people[i]
        center_id, desk, dispatcher, supervisor = self._actors(i)
        received = self._received[i]
        life = CaseLife(
            self.ids,
            self.dm,
            self.fmt,
            cat.rules,
            received,
            self._numbers[i],
            channel,
            risk_for_group(people).value,
        )
        life.register(received, desk)
        case_id = i + 1
        original = self._repeat_of[i]
        repeats = self._repeats_of.get(i)
        if original >= 0:
            applicant = self._repeat(i, life, desk, original)
        else:
            applicant = None
            if repeats:
                self._plan_risk(i, life, repeats)
            self._lifecycle(life, cat, channel, desk, dispatcher, supervisor, bool(repeats))
        parties = self._parties(case_id, cat, channel, place, applicant)
        if repeats:
            self._originals[i] = _Original(
                case_id, life.number, life.history, parties[0] if parties else None, len(repeats)
            )
        self._emit(out, i, life, cat, place, center_id, desk, people, parties)

    def _lifecycle(self, life, cat, channel, desk, dispatcher, supervisor, keep) -> None:
        r = self.rnd.random
        now = self.sim_now
        low, high = ACCEPT_DELAY_H[Channel(channel)]
        t = self._after(life.received_at, low, high)
        if t >= now:
            return
        if not keep and r() < P_REJECT:
            life.reject(t, desk, self._pick(texts.REJECT_REASONS))
            return
        life.accept(t, desk if channel == Channel.WALK_IN else dispatcher)
        if r() < P_LEVEL:
            t += int(1 + r() * 30) * MINUTE
            if t >= now:
                return
            life.set_level(t, dispatcher, self._pick(_LEVELS))
        if r() < ON_SPOT[cat.code[:2]]:
            t = self._after(t, 0.1, 30)
            if t >= now:
                return
            life.resolve_on_spot(t, desk, self._result(cat))
        else:
            t = self._handle(life, cat, t, dispatcher, supervisor, first=True)
            if t is None:
                return
        self._follow_up(life, cat, t, desk, dispatcher, supervisor)

    def _follow_up(self, life, cat, t, desk, dispatcher, supervisor) -> None:
        r = self.rnd.random
        if r() >= P_FOLLOW_UP:
            return
        t = self._after(t, 2, 72)
        if t >= self.sim_now:
            return
        roll = r()
        if roll < P_UNSATISFIED:
            reopen = r() < P_REOPEN and life.first_resolved_at == life.resolved_at
            life.follow_up(
                t, desk, Satisfaction.UNSATISFIED.value, reopen, self._pick(texts.UNSATISFIED_NOTES)
            )
            if reopen:
                t = self._handle(life, cat, t, dispatcher, supervisor, first=False)
                if t is not None and r() < P_FOLLOW_UP:
                    t = self._after(t, 2, 72)
                    if t < self.sim_now:
                        sat = Satisfaction.BASICALLY if r() < 0.4 else Satisfaction.SATISFIED
                        life.follow_up(t, desk, sat.value, False, self._pick(texts.FOLLOW_UP_NOTES))
            return
        sat = (
            Satisfaction.BASICALLY if roll < P_UNSATISFIED + P_BASICALLY else Satisfaction.SATISFIED
        )
        life.follow_up(
            t, desk, sat.value, False, self._pick(texts.FOLLOW_UP_NOTES) if r() < 0.3 else None
        )

    # ---- dispatch to departments ------------------------------------------------------

    def _departments(self, cat, exclude=()):
        leads, assists = route_for(cat.code)
        choices = [d for d in leads if d not in exclude] or [
            d for d in ("sfj", "zfw", "xfj") if d not in exclude
        ]
        lead = self._pick(choices)
        group = [(lead, TaskRole.LEAD.value)]
        joint = P_JOINT * (2.5 if cat.code[:2] == "08" or cat.code == "0106" else 1)
        pool = [d for d in assists if d != lead]
        if pool and self.rnd.random() < joint:
            k = 1 if len(pool) < 2 or self.rnd.random() < 0.7 else 2
            group += [(d, TaskRole.ASSIST.value) for d in self.rnd.sample(pool, k)]
        rows = []
        for code, role in group:
            did = self._dept_ids[code]
            rows.append((did, role, self._on_site[did], self._dept_users[did]))
        return rows

    def _handle(self, life, cat, t, dispatcher, supervisor, *, first) -> int | None:
        """派单 → 签收 → 处置 → 办结, with recalls, returns, extensions, suspensions."""
        r = self.rnd.random
        now = self.sim_now
        t = self._after(t, 0.15, 4)
        tried: list[str] = []
        for attempt in range(3):
            if t >= now:
                return None
            group = self._departments(cat, exclude=tried)
            tasks = life.dispatch(t, dispatcher, group)
            lead = tasks[0]
            tried.append(self._code_of(lead.department_id))
            late_sign = r() < P_LATE_SIGN
            t_sign = self._after(t, 8, 60) if late_sign else self._after(t, 0.2, 6)
            if first and attempt == 0 and r() < P_RECALL:
                t_recall = t + int(5 + r() * 55) * MINUTE
                if t_recall < min(t_sign, now):
                    life.recall(t_recall, dispatcher, lead, self._pick(texts.RECALL_NOTES))
                    t = self._after(t_recall, 0.1, 2)
                    continue
            if t_sign >= now:
                return None
            life.sign(t_sign, lead)
            if first and attempt == 0 and r() < P_RETURN:
                t_ret = self._after(t_sign, 1, 40)
                if t_ret >= now:
                    return None
                life.return_task(t_ret, lead, self._pick(texts.RETURN_REASONS))
                t = self._after(t_ret, 0.5, 24)
                continue
            return self._work(life, cat, tasks, t_sign, supervisor, first)
        return None

    def _code_of(self, department_id: int) -> str:
        return next(c for c, d in self._dept_ids.items() if d == department_id)

    def _work(self, life, cat, tasks, t_sign, supervisor, first) -> int | None:
        r = self.rnd.random
        now = self.sim_now
        lead, assists = tasks[0], tasks[1:]
        t = t_sign
        for task in assists:  # assisting departments sign or drop out after the lead signs
            t = self._after(t, 0.1, 6)
            if t >= now:
                return None
            if r() < P_ASSIST_RETURN:
                life.return_task(t, task, self._pick(texts.RETURN_REASONS))
            else:
                life.sign(t, task)
        due = life.due_at
        stuck = first and r() < P_STUCK
        late = not stuck and r() < P_LATE
        span = max(due - t, HOUR)
        if late:
            t_res = due + int((0.3 + 14 * r() ** 2) * DAY)
        else:
            t_res = t + int(span * (0.05 + 0.9 * r() ** 1.6))
        schedule: list[tuple[int, str, object]] = []
        if first and r() < (0.5 if late else P_EXTENSION):
            t_req = self._office(t + span // 2)
            if t_req < t_res:
                schedule.append((t_req, "request", None))
        if first and r() < P_SUSPEND:
            t_sus = self._office(t + int(span * (0.1 + 0.3 * r())))
            if t_sus < t_res:
                schedule.append((t_sus, "suspend", None))
        if (late or stuck) and r() < P_SUPERVISE_LATE:
            schedule.append((self._office(due + int((0.5 + 2.5 * r()) * DAY)), "supervise", None))
        elif r() < P_SUPERVISE:
            schedule.append((self._office(t + span // 3), "supervise", None))
        for task in assists:
            if task.status == "in_progress":
                schedule.append((self._office(t + int(span * (0.1 + 0.6 * r()))), "report", task))
        schedule.sort(key=lambda item: item[0])
        latest = t
        for at, what, task in schedule:
            if at >= now:
                break
            at = max(at, latest)
            if what == "request":
                at = self._request(life, lead, at, supervisor)
                if life.due_at != due and not stuck:
                    due = life.due_at
                    t_res = max(t_res, at + HOUR)
                    if late and r() < 0.7:  # the extra time was enough
                        t_res = at + int(max(due - at, HOUR) * (0.2 + 0.7 * r()))
            elif what == "suspend":
                resumed = self._suspend(life, at, supervisor)
                if resumed is None:
                    return None  # still waiting on the outside body
                t_res += resumed - at  # the clock stood still meanwhile
                at = resumed
            elif what == "supervise":
                if at < t_res:
                    life.supervise(at, supervisor, self._pick(texts.SUPERVISE_NOTES))
            else:
                life.report(at, task, self._pick(texts.REPORT_NOTES))
            latest = max(latest, at)
        if stuck:
            return None
        t_res = self._office(max(t_res, latest + 10 * MINUTE))
        if t_res >= now or any(task.active for task in assists):
            return None
        life.resolve(t_res, lead, self._result(cat))
        return t_res

    def _request(self, life, lead, at, supervisor) -> int:
        """申请延期 and the supervisor's decision; returns the time of the last step."""
        r = self.rnd.random
        extra_days = self._pick((7, 10, 15, 30))
        due_day = local_day(life.due_at) + extra_days
        requested = (due_day + 1) * DAY - LOCAL_OFFSET_US - US
        ext = life.request_extension(at, lead, requested, self._pick(texts.EXTENSION_REASONS))
        decided = self._after(at, 1, 24)
        if decided >= self.sim_now:
            return at
        if r() < P_APPROVE:
            life.approve_extension(decided, supervisor, ext)
        else:
            life.deny_extension(decided, supervisor, ext, self._pick(texts.DENY_NOTES))
        return decided

    def _suspend(self, life, at, supervisor) -> int | None:
        life.suspend(at, supervisor, self._pick(texts.SUSPEND_REASONS))
        resumed = self._after(at, 24, 24 * 12)
        if resumed >= self.sim_now:
            return None
        life.resume(resumed, supervisor)
        return resumed

    # ---- repeats -----------------------------------------------------------------------

    def _plan_risk(self, i: int, life: CaseLife, repeats: list[int]) -> None:
        """The original's risk rises when its third repeat is merged (desktop.services.merge)."""
        merges = sorted(self._merge[j] for j in repeats)
        if len(merges) < REPEATS_FOR_ORANGE or RISK_RANK[life.risk] >= RISK_RANK["orange"]:
            return
        third = sorted(repeats, key=lambda j: self._merge[j])[REPEATS_FOR_ORANGE - 1]
        life.pending_risk = (merges[REPEATS_FOR_ORANGE - 1], self._actors(third)[1])

    def _repeat(self, i: int, life: CaseLife, desk: int, original: int):
        """重复件: linked to its original, and closed with it (close_repeats)."""
        orig = self._originals[original]
        merge_at = self._merge[i]
        if self.rnd.random() < 0.5:
            t = self._after(life.received_at, 0.05, 2)
            if t < merge_at:
                life.accept(t, desk)
        life.merge(merge_at, desk, orig.id, orig.number)
        before = [h for h in orig.history if h[0] <= merge_at]
        status = before[-1][1] if before else Status.REGISTERED.value
        if status in (Status.RESOLVED.value, Status.CLOSED.value):
            _, _, result, resolved_at = before[-1]
            life.close_with_original(merge_at, desk, status, result, resolved_at, orig.number)
        else:
            later = [h for h in orig.history if h[0] > merge_at and h[1] == Status.RESOLVED.value]
            if later and later[0][0] < self.sim_now:
                at, _, result, resolved_at = later[0]
                life.close_with_original(
                    at, desk, Status.RESOLVED.value, result, resolved_at, orig.number
                )
        orig.remaining -= 1
        if not orig.remaining:
            del self._originals[original]
        return orig.applicant

    # ---- parties, texts, rows ---------------------------------------------------------

    def _person(self) -> tuple[str, str, str]:
        k = self.crowd_next
        self.crowd_next += 1
        c = self.crowd
        return c.names[k], c.phones[k], c.id_numbers[k]

    def _parties(self, case_id, cat, channel, place, applicant) -> list[tuple]:
        r = self.rnd.random
        rows: list[tuple] = []
        address = self._address(place)

        def add(role, name, phone, id_number, addr):
            self.ids.party += 1
            rows.append((self.ids.party, case_id, role, name, phone, id_number, addr))

        if applicant is not None:
            add(PartyRole.APPLICANT.value, *applicant[3:7])
            return rows
        citizen = channel not in _NO_APPLICANT
        if cat.is_dispute or citizen:
            add(PartyRole.APPLICANT.value, *self._person(), address)
        if cat.is_dispute:
            if r() < 0.7:
                add(PartyRole.RESPONDENT.value, *self._person(), self._address(place))
            else:
                add(PartyRole.RESPONDENT.value, self._pick(texts.ORGANISATIONS), None, None, None)
            if r() < 0.05:
                add(PartyRole.THIRD_PARTY.value, *self._person(), None)
        return rows

    def _address(self, place: GridPlace) -> str:
        r = self.rnd.random
        if place.info.kind == "dedicated":
            return place.address_prefix
        if place.buildings:
            building = place.buildings[int(r() * len(place.buildings))]
            return (
                f"{place.address_prefix}{building}{1 + int(r() * 4)}单元"
                f"{1 + int(r() * 6)}0{1 + int(r() * 4)}室"
            )
        return f"{place.address_prefix}{1 + int(r() * 8)}组{1 + int(r() * 60)}号"

    def _pick(self, seq):
        return seq[int(self.rnd.random() * len(seq))]

    def _result(self, cat: CategoryInfo) -> str:
        table = DISPUTE_RESULTS if cat.is_dispute else OTHER_RESULTS
        roll = self.rnd.random() * 100
        for result, weight in table:
            roll -= weight
            if roll < 0:
                return result.value
        return table[0][0].value

    def _sampler(self, grid_index: int) -> PointSampler:
        sampler = self._samplers.get(grid_index)
        if sampler is None:
            sampler = self._samplers[grid_index] = PointSampler(self.places[grid_index].boundary)
        return sampler

    def _emit(self, out, i, life, cat, place, center_id, desk, people, parties) -> None:
        pending = getattr(life, "pending_risk", None)
        if pending is not None and pending[0] < self.sim_now:
            life.raise_risk(pending[0], pending[1], Risk.ORANGE.value, REPEATS_FOR_ORANGE)
        f = self.fmt.db
        case_id = i + 1
        events = sorted(life.events)
        for seq, (at, _, kind, actor, task, frm, to, note, data) in enumerate(events, 1):
            self.ids.event += 1
            out.events.append(
                (self.ids.event, case_id, seq, kind, f(at), actor, task, frm, to, note, data)
            )
        for t in life.tasks:
            out.tasks.append(
                (
                    t.id,
                    case_id,
                    t.department_id,
                    t.role,
                    t.status,
                    t.assignee_id,
                    f(t.dispatched_at),
                    f(t.signed_at),
                    f(t.finished_at),
                    t.clock,
                    f(t.clock_started_at),
                    t.paused_seconds,
                    f(t.due_at),
                    f(t.warn_at),
                    t.due_provisional,
                    None,
                )
            )
        for x in life.extensions:
            out.extensions.append(
                (
                    x.id,
                    case_id,
                    x.task_id,
                    x.requested_by_id,
                    f(x.requested_at),
                    f(x.requested_due),
                    x.reason,
                    x.status,
                    x.decided_by_id,
                    f(x.decided_at),
                )
            )
        out.parties.extend(parties)
        title, description = self._texts(cat, place, people)
        lat, lng = self._sampler(self._grid[i]).sample(self.rng)
        address = parties[0][6] if parties and parties[0][6] else self._address(place)
        out.cases.append((
            case_id, life.number, center_id, title, description, life.channel, cat.id,
            life.status, life.level, life.risk, people, address, lat, lng, place.info.id,
            place.village_id, place.township_id, self.county_id, f(life.received_at),
            f(life.accepted_at), f(life.first_resolved_at), f(life.resolved_at),
            f(life.closed_at), life.clock, f(life.clock_started_at), life.paused_seconds,
            f(life.due_at), f(life.warn_at), life.due_provisional, f(life.suspended_at),
            life.supervised, life.result, life.satisfaction, life.repeat_of_id, None, None,
            desk, f(life.updated_at), life.version,
        ))  # fmt: skip

    def _texts(self, cat: CategoryInfo, place: GridPlace, people: int) -> tuple[str, str]:
        title, description = self._pick(texts.CASE_TEXTS[cat.code])
        n = people if people > 1 else 3 + int(self.rnd.random() * 30)
        values = {
            "place": place.address_prefix,
            "org": self._pick(texts.COMPANIES),
            "n": n,
            "money": 1000 * (2 + int(self.rnd.random() * 80)),
        }
        return title.format(**values), description.format(**values)


_LEVELS = (Level.GRID.value, Level.TOWNSHIP.value, Level.TOWNSHIP.value, Level.COUNTY.value)
_NO_APPLICANT = frozenset(
    {Channel.GRID_REPORT.value, Channel.POLICE_110.value, Channel.DEPARTMENT_TRANSFER.value,
     Channel.SUPERIOR_ASSIGNED.value}
)  # fmt: skip
