"""The demo cases: each planned case is walked through the workflow in memory, then emitted
as rows for cases, case_events, case_tasks, case_parties and extension_requests.

The mix aims at what published figures of such centers look like: 化解率 about 84 %,
调解成功率 about 99 %, about 98.8 % satisfied at follow-up, about one case in twelve resolved
late, an open backlog that is mostly recent with a small overdue share (a few hard cases stay
stuck for months), joint dispatches (lead + assisting departments), recalls and returns, extensions
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
from desktop.demo.case_copy import ChunkLines, CopyRowMaker
from desktop.demo.case_rows import ChunkRows, RowMaker
from desktop.demo.county_writer import GridPlace
from desktop.demo.handling import DepartmentWork
from desktop.demo.lifecycle import RISK_RANK, CaseLife, DayDeadlines
from desktop.demo.org import OrgRows
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
DAY = DAY_US
OPEN_US, CLOSE_US = (8 * 3600 + 1800) * US, 18 * 3600 * US  # office hours 08:30–18:00 China

P_REJECT = 0.02
P_LEVEL = 0.3
P_FOLLOW_UP = 0.97
P_UNSATISFIED = 0.012  # 满意率 about 98.8 % (Wuhai 12345: 98.94 %)
P_BASICALLY = 0.10
P_REOPEN = 0.4
# Share settled on the spot (就地办结), by top-level category.
ON_SPOT = {"01": 0.45, "02": 0.2, "03": 0.25, "04": 0.15, "05": 0.1, "06": 0.25, "07": 0.2,
           "08": 0.05}  # fmt: skip
R = Result
# 化解率 (mediated + solved) about 84 % (Bayannur: 83.90 %); 调解成功率 about 99 % (Hulunbuir:
# 99.7 %): mediation rarely fails outright, the rest go to court or elsewhere.
DISPUTE_RESULTS = ((R.MEDIATED, 74.5), (R.SOLVED, 10.5), (R.MEDIATION_FAILED, 0.8),
                   (R.LITIGATION, 6.5), (R.PARTLY_SOLVED, 3.7), (R.OUT_OF_SCOPE, 2),
                   (R.OTHER_CHANNEL, 2))  # fmt: skip
OTHER_RESULTS = ((R.SOLVED, 80), (R.PARTLY_SOLVED, 8), (R.MEDIATED, 2), (R.OUT_OF_SCOPE, 4),
                 (R.OTHER_CHANNEL, 6))  # fmt: skip
# The same as plain strings (an enum's .value is a slow property).
_DISPUTE_RESULTS = tuple((r.value, w) for r, w in DISPUTE_RESULTS)
_OTHER_RESULTS = tuple((r.value, w) for r, w in OTHER_RESULTS)
ACCEPT_DELAY_H = {  # (low, high) hours from receipt to the acceptance decision
    "walk_in": (0.03, 0.3), "phone": (0.1, 1.0), "hotline_12345": (0.3, 6),
    "grid_report": (0.2, 8), "online": (0.5, 12), "police_110": (0.1, 2),
    "petition_transfer": (4, 120), "department_transfer": (1, 24), "superior_assigned": (1, 24),
}  # fmt: skip
LEVELS = (Level.GRID.value, Level.TOWNSHIP.value, Level.TOWNSHIP.value, Level.COUNTY.value)
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
    integer_times: bool = False  # SQLite stores instants as integer µs, PostgreSQL as text


@dataclass
class _Original:
    """What a repeat needs of its original: id, number, status history, applicant."""

    id: int
    number: str
    history: list[tuple]
    applicant: tuple | None
    remaining: int


class CaseSimulator(DepartmentWork):
    """Simulates week chunks of the planned cases; `run_chunk(k)` is pure in (world, k)."""

    def __init__(self, world: World, *, copy: bool = False) -> None:
        """copy: chunks come as COPY lines (ChunkLines) for PostgreSQL, else as tuples."""
        plan = self.plan = world.plan
        org = self.org = world.org
        self.seed = world.seed
        self.categories = world.categories
        self.calendar = world.calendar
        self.sim_now = world.sim_now
        self.blocks = Blocks.for_chunk_size(plan.largest_chunk)
        self.dm = DayDeadlines(DeadlineMath(world.calendar))
        first = local_day(int(plan.received_us[0])) - 1 if len(plan.received_us) else 0
        self.fmt = Formatter(first, 800, integers=world.integer_times)
        self.rows = (CopyRowMaker if copy else RowMaker)(world.places, world.county_id,
                                                         world.today)  # fmt: skip
        self._chunk_type = ChunkLines if copy else ChunkRows
        self._days_from(first, 800)  # the plan's days and the deadlines after them
        # Who registers a case: the county center's desk, or its township center's user.
        self._township = np.array([p.info.township_index for p in world.places], dtype=np.int64)
        self._township_center = np.array(org.township_center_ids, dtype=np.int64)
        self._township_user = np.array(org.township_user, dtype=np.int64)
        self._dept_users = org.department_user
        self._dept_ids = org.department_ids
        self._dept_codes = {d: c for c, d in org.department_ids.items()}
        self._routes: dict[tuple, tuple] = {}  # (category code, tried) -> leads, joint
        self._on_site = org.on_site_staff
        users = org.users_by_name
        self._county_actors = (users["desk"], users["dispatcher"], users["supervisor"])

    # ---- driving ---------------------------------------------------------------------

    def run_chunk(self, k: int) -> ChunkRows | ChunkLines:
        """The rows of week chunk k."""
        start, stop = self.plan.chunk_bounds(k)
        self._load(start, stop)
        seq = np.random.SeedSequence([self.seed, 7, k])
        rng = np.random.default_rng(seq)
        self.rnd = random.Random(int(seq.generate_state(1)[0]))
        self.ids = self.blocks.start(k)
        self.rows.start_chunk(rng, self.rnd, self.ids, self.fmt, self._grid)
        self._originals: dict[int, _Original] = {}
        out = self._chunk_type()
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
        grid, county = plan.grid[part], plan.county_center[part]
        self._grid = grid.tolist()
        township = self._township[grid]
        self._center = np.where(county, self.org.county_center_id,
                                self._township_center[township]).tolist()  # fmt: skip
        user = self._township_user[township]
        self._desk, self._dispatcher, self._supervisor = (
            np.where(county, actor, user).tolist() for actor in self._county_actors)  # fmt: skip
        self._people = plan.people[part].tolist()
        self._serial = plan.serial[part].tolist()
        self._year = plan.year[part].tolist()
        self._repeats_of: dict[int, list[int]] = {}
        for j, original in enumerate(self._repeat_of, start):
            if original >= 0:
                self._repeats_of.setdefault(original, []).append(j)

    # ---- time helpers ------------------------------------------------------------------

    def _days_from(self, first: int, count: int) -> None:
        """Office hours of the local days first..first+count-1 as instants (UTC µs): the day's
        (opening, closing), on a day off (the next working day's opening, 0); and the next
        working day's opening after each day."""
        ahead = count + 31  # no holiday lasts a month: every day has a next working day
        workday = [self.calendar.is_workday(date.fromordinal(first + k + EPOCH_ORDINAL))
                   for k in range(ahead)]  # fmt: skip
        opening = [(first + k) * DAY - LOCAL_OFFSET_US + OPEN_US for k in range(ahead)]
        later = [0] * ahead
        upcoming = 0
        for k in range(ahead - 1, -1, -1):
            later[k] = upcoming
            if workday[k]:
                upcoming = opening[k]
        self._hours = [(opening[k], opening[k] + CLOSE_US - OPEN_US) if workday[k]
                       else (later[k], 0) for k in range(count)]  # fmt: skip
        self._later = later[:count]
        self._day0 = first

    def _office(self, t: int) -> int:
        """The first office moment at or after t (a person acts in office hours)."""
        k = (t + LOCAL_OFFSET_US) // DAY - self._day0
        if not 0 <= k < len(self._hours):
            day0 = min(self._day0, k + self._day0 - 7)
            self._days_from(day0, max(len(self._hours), k + self._day0 - day0) + 400)
            return self._office(t)
        opening, closing = self._hours[k]
        if t < opening:
            return opening + int(self.rnd.random() * 5400) * US
        if t < closing:
            return t - t % US  # people act to the second
        return self._later[k] + int(self.rnd.random() * 5400) * US

    def _after(self, t: int, low_h: float, high_h: float) -> int:
        """An office moment low..high hours after t, to the second."""
        return self._office(t + int((low_h + (high_h - low_h) * self.rnd.random()) * 3600) * US)

    def _pick(self, seq):
        return seq[int(self.rnd.random() * len(seq))]

    def _result(self, cat: CategoryInfo) -> str:
        table = _DISPUTE_RESULTS if cat.is_dispute else _OTHER_RESULTS
        roll = self.rnd.random() * 100
        for result, weight in table:
            roll -= weight
            if roll < 0:
                return result
        return table[0][0]

    # ---- one case ----------------------------------------------------------------------

    def _simulate(self, i: int, out: ChunkRows | ChunkLines) -> None:
        li = i - self._base
        cat = self.categories[self._category[li]]
        channel = self._channel[li]
        people = self._people[li]
        center_id, desk = self._center[li], self._desk[li]
        received = self._received[li]
        short = self.org.center_short_names[center_id]
        number = f"{short}-{self._year[li]}-{self._serial[li]:06d}"
        repeats = self._repeats_of.get(i)
        life = CaseLife(self.ids, self.dm, self.fmt, cat.rules, received, number, channel,
                        "normal" if people < 50 else risk_for_group(people).value,
                        bool(repeats))  # fmt: skip
        life.register(received, desk)
        case_id = i + 1
        original = self._repeat_of[li]
        applicant = None
        if original >= 0:
            applicant = self._repeat(i, life, desk, original)
        else:
            self._lifecycle(life, cat, channel, desk, self._dispatcher[li], self._supervisor[li],
                            bool(repeats))  # fmt: skip
            if repeats:
                self._raise_risk(life, repeats)
        parties = self.rows.parties(case_id, cat.is_dispute, channel, self._grid[li], applicant)
        if repeats:
            self._originals[i] = _Original(
                case_id, number, life.history, parties[0] if parties else None, len(repeats)
            )
        self.rows.emit(out, li, case_id, life, cat.id, cat.code, center_id, desk, people,
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

    # ---- repeats -----------------------------------------------------------------------

    def _raise_risk(self, life: CaseLife, repeats: list[int]) -> None:
        """The original's risk rises when its third repeat is merged (workflow.merge)."""
        if len(repeats) < REPEATS_FOR_ORANGE or RISK_RANK[life.risk] >= RISK_RANK["orange"]:
            return
        base = self._base
        third = sorted(repeats, key=lambda j: self._merge[j - base])[REPEATS_FOR_ORANGE - 1]
        at = self._merge[third - base]
        if at < self.sim_now:
            life.raise_risk(at, self._desk[third - base], "orange", REPEATS_FOR_ORANGE)

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
