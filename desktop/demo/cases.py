"""The demo cases: each planned case is walked through the workflow in memory, then emitted
as rows for cases, case_events, case_tasks, case_parties and extension_requests.

The mix aims at what published figures of such centers look like: about 84 % of cases
resolved, about 95 % satisfied at follow-up, a tenth resolved late and some stuck past their
deadline, joint dispatches (lead + assisting departments), recalls and returns, extensions
approved by a supervisor, suspensions, 督办, repeats merged into their original, and some
不满意 follow-ups that reopen the case. Every history is legal under desktop.domain.workflow:
the steps are the methods of desktop.demo.lifecycle.CaseLife, which mirror the services.

Deterministic and parallel: the cases of one week form a chunk whose rows depend only on the
World and the chunk's number (its own random generator, its own block of ids, repeats linked
within the week), so chunks may run in worker processes in any order.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

import numpy as np

from desktop.demo import texts
from desktop.demo.case_rows import ChunkRows, RowMaker
from desktop.demo.county_writer import GridPlace
from desktop.demo.lifecycle import RISK_RANK, CaseLife
from desktop.demo.org import OrgRows, route_for
from desktop.demo.plan import CHANNELS, Plan
from desktop.demo.timefmt import (
    DAY_US,
    EPOCH_ORDINAL,
    LOCAL_OFFSET_US,
    US,
    DeadlineMath,
    Formatter,
    local_day,
)
from desktop.domain.enums import Level, Result
from desktop.domain.risk import REPEATS_FOR_ORANGE, risk_for_group
from desktop.domain.workdays import WorkCalendar

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
    "walk_in": (0.03, 0.3), "phone": (0.1, 1.0), "hotline_12345": (0.3, 6),
    "grid_report": (0.2, 8), "online": (0.5, 12), "police_110": (0.1, 2),
    "petition_transfer": (4, 120), "department_transfer": (1, 24), "superior_assigned": (1, 24),
}  # fmt: skip
LEVELS = (Level.GRID.value, Level.TOWNSHIP.value, Level.TOWNSHIP.value, Level.COUNTY.value)
LEAD, ASSIST = "lead", "assist"
RESOLVED, CLOSED, REGISTERED = "resolved", "closed", "registered"
SATISFIED, BASICALLY, UNSATISFIED = "satisfied", "basically", "unsatisfied"


@dataclass(frozen=True)
class CategoryInfo:
    id: int
    code: str
    is_dispute: bool
    rules: dict  # clock -> (start event, amount, unit), the category's rule in force


@dataclass
class Ids:
    """The last id used of each kind of row (cases take plan index + 1)."""

    event: int = 0
    task: int = 0
    party: int = 0
    extension: int = 0


@dataclass(frozen=True)
class Blocks:
    """Each chunk numbers its rows from its own block, so chunks are independent; ids have
    gaps. Generous sizes: a case averages about six events, one task, 1.3 parties."""

    event: int
    task: int
    party: int
    extension: int

    @classmethod
    def for_chunk_size(cls, largest: int) -> Blocks:
        return cls(16 * largest + 512, 4 * largest + 64, 3 * largest + 8, largest + 8)

    def start(self, k: int) -> Ids:
        return Ids(k * self.event, k * self.task, k * self.party, k * self.extension)

    def check(self, k: int, ids: Ids) -> None:
        end = self.start(k + 1)
        if (ids.event > end.event or ids.task > end.task or ids.party > end.party
                or ids.extension > end.extension):  # fmt: skip
            raise RuntimeError(f"demo chunk {k} ran out of its block of ids")


@dataclass(frozen=True)
class World:
    """Everything a chunk's simulation reads; picklable, so worker processes can share it."""

    seed: int
    plan: Plan
    categories: list[CategoryInfo]
    places: list[GridPlace]
    org: OrgRows
    calendar: WorkCalendar
    today: date
    sim_now: int
    county_id: int


@dataclass
class _Original:
    """What a repeat needs of its original: id, number, status history, applicant."""

    id: int
    number: str
    history: list[tuple]
    applicant: tuple | None
    remaining: int


class CaseSimulator:
    """Simulates week chunks of the planned cases; `run_chunk(k)` is pure in (world, k)."""

    def __init__(self, world: World) -> None:
        plan = self.plan = world.plan
        org = self.org = world.org
        self.seed = world.seed
        self.categories = world.categories
        self.places = world.places
        self.calendar = world.calendar
        self.sim_now = world.sim_now
        self.blocks = Blocks.for_chunk_size(plan.largest_chunk)
        self.dm = DeadlineMath(world.calendar)
        first = local_day(int(plan.received_us[0])) - 1 if len(plan.received_us) else 0
        self.fmt = Formatter(first, 800)
        self.rows = RowMaker(world.places, world.county_id, world.today)
        self._workday: dict[int, bool] = {}
        self._township = [p.info.township_index for p in world.places]
        self._dept_users = org.department_user
        self._dept_ids = org.department_ids
        self._dept_codes = {d: c for c, d in org.department_ids.items()}
        self._on_site = org.on_site_staff
        users = org.users_by_name
        self._county_actors = (users["desk"], users["dispatcher"], users["supervisor"])

    # ---- driving ---------------------------------------------------------------------

    def run_chunk(self, k: int) -> ChunkRows:
        """The rows of week chunk k."""
        start, stop = self.plan.chunk_bounds(k)
        self._load(start, stop)
        seq = np.random.SeedSequence([self.seed, 7, k])
        rng = np.random.default_rng(seq)
        self.rnd = random.Random(int(seq.generate_state(1)[0]))
        self.ids = self.blocks.start(k)
        self.rows.start_chunk(rng, self.rnd, self.ids, self.fmt, stop - start)
        self._originals: dict[int, _Original] = {}
        out = ChunkRows()
        for i in range(start, stop):
            self._simulate(i, out)
        self.blocks.check(k, self.ids)
        return out

    def _load(self, start: int, stop: int) -> None:
        """The chunk's slice of the plan as Python lists (fast to index; only one chunk's
        worth at a time, so a worker's memory does not grow with the number of cases).
        Lists are indexed by case index - start; a repeat's original is in the same chunk."""
        plan = self.plan
        self._base = start
        part = slice(start, stop)
        self._received = plan.received_us[part].tolist()
        self._merge = plan.merge_us[part].tolist()
        self._repeat_of = plan.repeat_of[part].tolist()
        self._category = plan.category[part].tolist()
        self._channel = [CHANNELS[c].value for c in plan.channel[part].tolist()]
        self._grid = plan.grid[part].tolist()
        self._county_center = plan.county_center[part].tolist()
        self._people = plan.people[part].tolist()
        self._serial = plan.serial[part].tolist()
        self._year = plan.year[part].tolist()
        self._repeats_of: dict[int, list[int]] = {}
        for j, original in enumerate(self._repeat_of, start):
            if original >= 0:
                self._repeats_of.setdefault(original, []).append(j)

    def _actors(self, i: int) -> tuple[int, int, int, int]:
        """(center id, desk, dispatcher, supervisor) of the center that registered case i."""
        i -= self._base
        if self._county_center[i]:
            return (self.org.county_center_id, *self._county_actors)
        k = self._township[self._grid[i]]
        user = self.org.township_user[k]
        return self.org.township_center_ids[k], user, user, user

    # ---- time helpers ------------------------------------------------------------------

    def _is_workday(self, day: int) -> bool:
        known = self._workday.get(day)
        if known is None:
            known = self.calendar.is_workday(date.fromordinal(day + EPOCH_ORDINAL))
            self._workday[day] = known
        return known

    def _office(self, t: int) -> int:
        """The first office moment at or after t (a person acts in office hours)."""
        day = (t + LOCAL_OFFSET_US) // DAY
        second = ((t + LOCAL_OFFSET_US) // US) % 86_400
        if OPEN_S <= second < CLOSE_S and self._is_workday(day):
            return t - t % US  # people act to the second
        if not (second < OPEN_S and self._is_workday(day)):
            day += 1
            while not self._is_workday(day):
                day += 1
        r = self.rnd.random
        return day * DAY - LOCAL_OFFSET_US + (OPEN_S + int(r() * 5400)) * US

    def _after(self, t: int, low_h: float, high_h: float) -> int:
        """An office moment low..high hours after t, to the second."""
        return self._office(t + int((low_h + (high_h - low_h) * self.rnd.random()) * 3600) * US)

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

    # ---- one case ----------------------------------------------------------------------

    def _simulate(self, i: int, out: ChunkRows) -> None:
        li = i - self._base
        cat = self.categories[self._category[li]]
        channel = self._channel[li]
        people = self._people[li]
        center_id, desk, dispatcher, supervisor = self._actors(i)
        received = self._received[li]
        short = self.org.center_short_names[center_id]
        number = f"{short}-{self._year[li]}-{self._serial[li]:06d}"
        life = CaseLife(self.ids, self.dm, self.fmt, cat.rules, received, number, channel,
                        "normal" if people < 50 else risk_for_group(people).value)  # fmt: skip
        life.register(received, desk)
        case_id = i + 1
        original = self._repeat_of[li]
        repeats = self._repeats_of.get(i)
        applicant = None
        if original >= 0:
            applicant = self._repeat(i, life, desk, original)
        else:
            self._lifecycle(life, cat, channel, desk, dispatcher, supervisor, bool(repeats))
            if repeats:
                self._raise_risk(life, repeats)
        grid = self._grid[li]
        parties = self.rows.parties(case_id, cat.is_dispute, channel, self.places[grid],
                                    applicant)  # fmt: skip
        if repeats:
            self._originals[i] = _Original(case_id, number, life.history,
                                           parties[0] if parties else None, len(repeats))
        self.rows.emit(out, case_id, life, cat.id, cat.code, grid, center_id, desk, people,
                       parties)  # fmt: skip

    def _lifecycle(self, life, cat, channel, desk, dispatcher, supervisor, keep) -> None:
        r = self.rnd.random
        now = self.sim_now
        low, high = ACCEPT_DELAY_H[channel]
        t = self._after(life.received_at, low, high)
        if t >= now:
            return
        if not keep and r() < P_REJECT:
            life.reject(t, desk, self._pick(texts.REJECT_REASONS))
            return
        life.accept(t, desk if channel == "walk_in" else dispatcher)
        if r() < P_LEVEL:
            t += int(1 + r() * 30) * MINUTE
            if t >= now:
                return
            life.set_level(t, dispatcher, self._pick(LEVELS))
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
        """回访; 不满意 sometimes reopens the case for one more round."""
        r = self.rnd.random
        if r() >= P_FOLLOW_UP:
            return
        t = self._after(t, 2, 72)
        if t >= self.sim_now:
            return
        roll = r()
        if roll >= P_UNSATISFIED:
            sat = BASICALLY if roll < P_UNSATISFIED + P_BASICALLY else SATISFIED
            note = self._pick(texts.FOLLOW_UP_NOTES) if r() < 0.3 else None
            life.follow_up(t, desk, sat, False, note)
            return
        reopen = r() < P_REOPEN and life.first_resolved_at == life.resolved_at
        life.follow_up(t, desk, UNSATISFIED, reopen, self._pick(texts.UNSATISFIED_NOTES))
        if not reopen:
            return
        t = self._handle(life, cat, t, dispatcher, supervisor, first=False)
        if t is not None and r() < P_FOLLOW_UP:
            t = self._after(t, 2, 72)
            if t < self.sim_now:
                sat = BASICALLY if r() < 0.4 else SATISFIED
                life.follow_up(t, desk, sat, False, self._pick(texts.FOLLOW_UP_NOTES))

    # ---- dispatch to departments ------------------------------------------------------

    def _departments(self, cat, exclude=()):
        leads, assists = route_for(cat.code)
        choices = [d for d in leads if d not in exclude] or [
            d for d in ("sfj", "zfw", "xfj") if d not in exclude
        ]
        lead = self._pick(choices)
        group = [(lead, LEAD)]
        joint = P_JOINT * (2.5 if cat.code[:2] == "08" or cat.code == "0106" else 1)
        pool = [d for d in assists if d != lead]
        if pool and self.rnd.random() < joint:
            k = 1 if len(pool) < 2 or self.rnd.random() < 0.7 else 2
            group += [(d, ASSIST) for d in self.rnd.sample(pool, k)]
        ids = self._dept_ids
        return [(ids[c], role, self._on_site[ids[c]], self._dept_users[ids[c]])
                for c, role in group]  # fmt: skip

    def _handle(self, life, cat, t, dispatcher, supervisor, *, first) -> int | None:
        """派单 → 签收 → 处置 → 办结, with recalls and returns; the resolve time or None."""
        r = self.rnd.random
        now = self.sim_now
        t = self._after(t, 0.15, 4)
        tried: list[str] = []
        for attempt in range(3):
            if t >= now:
                return None
            tasks = life.dispatch(t, dispatcher, self._departments(cat, exclude=tried))
            lead = tasks[0]
            tried.append(self._dept_codes[lead.department_id])
            t_sign = self._after(t, 8, 60) if r() < P_LATE_SIGN else self._after(t, 0.2, 6)
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

    def _work(self, life, cat, tasks, t_sign, supervisor, first) -> int | None:
        """处置中: assists sign and report, 延期, 挂起, 督办, then 办结 (or not yet)."""
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
        """申请延期 and the supervisor's decision; the time of the last step."""
        due_day = local_day(life.due_at) + self._pick((7, 10, 15, 30))
        requested = (due_day + 1) * DAY - LOCAL_OFFSET_US - US
        ext = life.request_extension(at, lead, requested, self._pick(texts.EXTENSION_REASONS))
        decided = self._after(at, 1, 24)
        if decided >= self.sim_now:
            return at
        if self.rnd.random() < P_APPROVE:
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

    def _raise_risk(self, life: CaseLife, repeats: list[int]) -> None:
        """The original's risk rises when its third repeat is merged (workflow.merge)."""
        if len(repeats) < REPEATS_FOR_ORANGE or RISK_RANK[life.risk] >= RISK_RANK["orange"]:
            return
        base = self._base
        third = sorted(repeats, key=lambda j: self._merge[j - base])[REPEATS_FOR_ORANGE - 1]
        at = self._merge[third - base]
        if at < self.sim_now:
            life.raise_risk(at, self._actors(third)[1], "orange", REPEATS_FOR_ORANGE)

    def _repeat(self, i: int, life: CaseLife, desk: int, original: int):
        """重复件: linked to its original, and closed with it (close_repeats)."""
        orig = self._originals[original]
        merge_at = self._merge[i - self._base]
        if self.rnd.random() < 0.5:
            t = self._after(life.received_at, 0.05, 2)
            if t < merge_at:
                life.accept(t, desk)
        life.merge(merge_at, desk, orig.id, orig.number)
        before = [h for h in orig.history if h[0] <= merge_at]
        status = before[-1][1] if before else REGISTERED
        if status in (RESOLVED, CLOSED):
            _, _, result, resolved_at = before[-1]
            life.close_with_original(merge_at, desk, status, result, resolved_at, orig.number)
        else:
            later = [h for h in orig.history if h[0] > merge_at and h[1] == RESOLVED]
            if later and later[0][0] < self.sim_now:
                at, _, result, resolved_at = later[0]
                life.close_with_original(at, desk, RESOLVED, result, resolved_at, orig.number)
        orig.remaining -= 1
        if not orig.remaining:
            del self._originals[original]
        return orig.applicant
