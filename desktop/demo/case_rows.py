"""Turning simulated cases into rows: parties, addresses, titles, points, and the tuples.

Rows are tuples in the column order below, datetimes already in their stored form
(Formatter.db: integer µs for SQLite), so the bulk loader never converts a value in Python.
PostgreSQL's workers write COPY lines instead (desktop.demo.case_copy); a unit test checks
those lines against the COPY text of these tuples.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from operator import itemgetter

import numpy as np

from desktop.demo import texts
from desktop.demo.case_points import GridPoints
from desktop.demo.county_writer import GridPlace
from desktop.demo.lifecycle import CaseLife
from desktop.demo.people import make_people
from desktop.domain.enums import GridKind

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

APPLICANT, RESPONDENT, THIRD_PARTY = "applicant", "respondent", "third_party"
# Channels where nobody files the case in person: no applicant is recorded.
NO_APPLICANT = frozenset({"grid_report", "police_110", "department_transfer", "superior_assigned"})
EVENT_TIME = itemgetter(0)


@dataclass
class ChunkRows:
    cases: list[tuple] = field(default_factory=list)
    events: list[tuple] = field(default_factory=list)
    tasks: list[tuple] = field(default_factory=list)
    parties: list[tuple] = field(default_factory=list)
    extensions: list[tuple] = field(default_factory=list)

    def tables(self):
        """(table name, columns, rows) in the order they are written."""
        return (
            ("cases", CASE_COLUMNS, self.cases),
            ("case_tasks", TASK_COLUMNS, self.tasks),
            ("case_events", EVENT_COLUMNS, self.events),
            ("case_parties", PARTY_COLUMNS, self.parties),
            ("extension_requests", EXTENSION_COLUMNS, self.extensions),
        )


@dataclass
class CopyChunk:
    """A chunk encoded for COPY: (table name, columns, text, row count) per table."""

    payloads: list[tuple[str, tuple[str, ...], bytes, int]]


class RowMaker:
    """The non-workflow facts of a case (people, place, words) and its rows as tuples."""

    def __init__(self, places: list[GridPlace], county_id: int, today) -> None:
        self.county_id = county_id
        self.today = today
        self.points = GridPoints(places)
        # Per grid: what an address is made of; the grid's ids in the case row.
        self._where = [(p.address_prefix, p.buildings, p.info.kind == GridKind.DEDICATED)
                       for p in places]  # fmt: skip
        self._grid_ids = [(p.info.id, p.village_id, p.township_id) for p in places]

    def start_chunk(self, rng: np.random.Generator, rnd, ids, fmt, grids: list[int]) -> None:
        """A new chunk whose cases lie in `grids` (one grid index per case, in order)."""
        self.rng, self.rnd, self.ids, self.fmt = rng, rnd, ids, fmt
        self._texts = _Texts(fmt.db)
        self.grids = grids
        # About 1.1 people a case are parties; a chunk that needs more draws more.
        self.crowd = make_people(rng, len(grids) * 5 // 4 + 16, today=self.today)
        self.crowd_next = 0
        self.lats, self.lngs = self.points.sample(rng, grids)

    def _pick(self, seq):
        return seq[int(self.rnd.random() * len(seq))]

    def _person(self) -> tuple[str, str, str]:
        k = self.crowd_next
        if k >= len(self.crowd.names):  # a chunk with many disputes: draw more people
            self.crowd = make_people(self.rng, len(self.crowd.names), today=self.today)
            k = 0
        self.crowd_next = k + 1
        c = self.crowd
        return c.names[k], c.phones[k], c.id_numbers[k]

    def parties(self, case_id, is_dispute, channel, grid, applicant) -> list[tuple]:
        """当事人: the applicant (a repeat's is its original's), respondents of disputes."""
        ids = self.ids
        if applicant is not None:
            ids.party += 1
            return [(ids.party, case_id, APPLICANT, *applicant[3:7])]
        rows: list[tuple] = []
        if is_dispute or channel not in NO_APPLICANT:
            ids.party += 1
            rows.append((ids.party, case_id, APPLICANT, *self._person(), self.address(grid)))
        if is_dispute:
            r = self.rnd.random
            ids.party += 1
            if r() < 0.7:
                rows.append((ids.party, case_id, RESPONDENT, *self._person(),
                             self.address(grid)))  # fmt: skip
            else:
                org = self._pick(texts.ORGANISATIONS)
                rows.append((ids.party, case_id, RESPONDENT, org, None, None, None))
            if r() < 0.05:
                ids.party += 1
                rows.append((ids.party, case_id, THIRD_PARTY, *self._person(), None))
        return rows

    def address(self, grid: int) -> str:
        prefix, buildings, dedicated = self._where[grid]
        if dedicated:
            return prefix
        r = self.rnd.random
        if buildings:
            building = buildings[int(r() * len(buildings))]
            return (
                f"{prefix}{building}{1 + int(r() * 4)}单元{1 + int(r() * 6)}0{1 + int(r() * 4)}室"
            )
        return f"{prefix}{1 + int(r() * 8)}组{1 + int(r() * 60)}号"

    def words(self, code: str, grid: int, people: int) -> tuple[str, str]:
        title, description, fill = self._pick(_TEXTS[code])
        if not fill:
            return title, description
        values = {
            "place": self._where[grid][0],
            "org": self._pick(texts.COMPANIES),
            "n": people if people > 1 else 3 + int(self.rnd.random() * 30),
            "money": 1000 * (2 + int(self.rnd.random() * 80)),
        }
        return title.format(**values), description.format(**values)

    def timeline(self, life: CaseLife, null) -> tuple[list[tuple], list]:
        """The case's events in time order, and their instants in stored form (Formatter.db).

        Starts the case's memo of stored instants (self._texts, `null` for None): an event's
        time is often also a column of the case or of a task, and is formatted only once.
        """
        events = life.events
        events.sort(key=EVENT_TIME)  # stable: steps at the same instant keep their order
        at = [e[0] for e in events]
        when = list(map(self.fmt.db, at))
        f = self._texts
        f.clear()
        f.update(zip(at, when, strict=False))
        f[None] = null
        return events, when

    def facts(self, li: int, code: str, people: int, parties: list[tuple]):
        """(title, description, address, lat, lng, (grid id, village id, township id)) of
        the chunk's case li."""
        grid = self.grids[li]
        title, description = self.words(code, grid, people)
        address = parties[0][6] if parties and parties[0][6] else self.address(grid)
        return title, description, address, self.lats[li], self.lngs[li], self._grid_ids[grid]

    def emit(self, out: ChunkRows, li: int, case_id: int, life: CaseLife, category_id: int,
             code: str, center_id: int, creator: int, people: int,
             parties: list[tuple]) -> None:  # fmt: skip
        """The rows of a simulated case (li: its index in the chunk)."""
        events, when = self.timeline(life, None)
        f = self._texts
        eid = self.ids.event
        seq = 0
        append = out.events.append
        for (_, kind, actor, task, frm, to, note, data), at in zip(events, when, strict=False):
            eid += 1
            seq += 1
            append((eid, case_id, seq, kind, at, actor, task, frm, to, note, data))
        self.ids.event = eid
        for t in life.tasks:
            out.tasks.append((
                t.id, case_id, t.department_id, t.role, t.status, t.assignee_id,
                f[t.dispatched_at], f[t.signed_at], f[t.finished_at], t.clock,
                f[t.clock_started_at], t.paused_seconds, f[t.due_at], f[t.warn_at],
                t.due_provisional, None,
            ))  # fmt: skip
        for x in life.extensions:
            out.extensions.append((
                x.id, case_id, x.task_id, x.requested_by_id, f[x.requested_at],
                f[x.requested_due], x.reason, x.status, x.decided_by_id, f[x.decided_at],
            ))  # fmt: skip
        out.parties += parties
        title, description, address, lat, lng, (grid_id, village_id, township_id) = self.facts(
            li, code, people, parties)  # fmt: skip
        out.cases.append((
            case_id, life.number, center_id, title, description, life.channel, category_id,
            life.status, life.level, life.risk, people, address, lat, lng, grid_id,
            village_id, township_id, self.county_id, f[life.received_at],
            f[life.accepted_at], f[life.first_resolved_at], f[life.resolved_at],
            f[life.closed_at], life.clock, f[life.clock_started_at], life.paused_seconds,
            f[life.due_at], f[life.warn_at], life.due_provisional, f[life.suspended_at],
            life.supervised, life.result, life.satisfaction, life.repeat_of_id, None, None,
            creator, f[events[-1][0]], life.version,
        ))  # fmt: skip


class _Texts(dict):
    """µs → the stored form (Formatter.db), each instant formatted once per case: a case
    repeats its instants (an event's time is also a column of the case or of a task)."""

    __slots__ = ("db",)

    def __init__(self, db) -> None:
        super().__init__()
        self.db = db

    def __missing__(self, us):
        text = self[us] = self.db(us)
        return text


# Category code -> ((title, description, has placeholders), ...).
_TEXTS = {code: tuple((t, d, "{" in t or "{" in d) for t, d in pairs)
          for code, pairs in texts.CASE_TEXTS.items()}  # fmt: skip
