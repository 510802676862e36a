"""Turning simulated cases into rows: parties, addresses, titles, points, and the tuples.

Rows are tuples in the column order below, datetimes already as stored text, so the bulk
loader never converts a value in Python.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from desktop.demo import texts
from desktop.demo.county_writer import GridPlace
from desktop.demo.geography import PointSampler
from desktop.demo.lifecycle import CaseLife
from desktop.demo.people import make_people

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

    def as_copy_text(self) -> CopyChunk:
        """The same rows as PostgreSQL COPY text, built where the rows were made."""
        return CopyChunk(
            [(name, columns, copy_text(rows), len(rows)) for name, columns, rows in self.tables()]
        )


@dataclass
class CopyChunk:
    """A chunk encoded for COPY: (table name, columns, text, row count) per table."""

    payloads: list[tuple[str, tuple[str, ...], bytes, int]]


def copy_text(rows: list[tuple]) -> bytes:
    """COPY text format. The demo's strings come from fixed pools that hold no tab, newline
    or backslash (a unit test checks the pools), so values need no escaping; booleans print
    as True/False, which PostgreSQL reads as booleans; floats print exactly (repr)."""
    if not rows:
        return b""
    lines = ["\t".join(["\\N" if v is None else str(v) for v in row]) for row in rows]
    lines.append("")
    return "\n".join(lines).encode()


class RowMaker:
    """The non-workflow facts of a case (people, place, words) and its rows."""

    def __init__(self, places: list[GridPlace], county_id: int, today) -> None:
        self.places = places
        self.county_id = county_id
        self.today = today
        self._samplers: dict[int, PointSampler] = {}

    def start_chunk(self, rng: np.random.Generator, rnd, ids, fmt, size: int) -> None:
        self.rng, self.rnd, self.ids, self.fmt = rng, rnd, ids, fmt
        self.crowd = make_people(rng, 2 * size + 16, today=self.today)
        self.crowd_next = 0

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

    def parties(self, case_id, is_dispute, channel, place, applicant) -> list[tuple]:
        """当事人: the applicant (a repeat's is its original's), respondents of disputes."""
        r = self.rnd.random
        ids = self.ids
        rows: list[tuple] = []
        if applicant is not None:
            ids.party += 1
            rows.append((ids.party, case_id, APPLICANT, *applicant[3:7]))
            return rows
        if is_dispute or channel not in NO_APPLICANT:
            ids.party += 1
            rows.append((ids.party, case_id, APPLICANT, *self._person(), self.address(place)))
        if is_dispute:
            ids.party += 1
            if r() < 0.7:
                rows.append((ids.party, case_id, RESPONDENT, *self._person(),
                             self.address(place)))  # fmt: skip
            else:
                org = self._pick(texts.ORGANISATIONS)
                rows.append((ids.party, case_id, RESPONDENT, org, None, None, None))
            if r() < 0.05:
                ids.party += 1
                rows.append((ids.party, case_id, THIRD_PARTY, *self._person(), None))
        return rows

    def address(self, place: GridPlace) -> str:
        r = self.rnd.random
        if place.info.kind == "dedicated":
            return place.address_prefix
        if place.buildings:
            building = place.buildings[int(r() * len(place.buildings))]
            return (f"{place.address_prefix}{building}{1 + int(r() * 4)}单元"
                    f"{1 + int(r() * 6)}0{1 + int(r() * 4)}室")  # fmt: skip
        return f"{place.address_prefix}{1 + int(r() * 8)}组{1 + int(r() * 60)}号"

    def words(self, code: str, place: GridPlace, people: int) -> tuple[str, str]:
        title, description = self._pick(texts.CASE_TEXTS[code])
        if "{" not in title and "{" not in description:
            return title, description
        values = {
            "place": place.address_prefix,
            "org": self._pick(texts.COMPANIES),
            "n": people if people > 1 else 3 + int(self.rnd.random() * 30),
            "money": 1000 * (2 + int(self.rnd.random() * 80)),
        }
        return title.format(**values), description.format(**values)

    def point(self, grid_index: int) -> tuple[float, float]:
        sampler = self._samplers.get(grid_index)
        if sampler is None:
            sampler = self._samplers[grid_index] = PointSampler(self.places[grid_index].boundary)
        return sampler.sample(self.rng)

    def emit(self, out: ChunkRows, case_id: int, life: CaseLife, category_id: int, code: str,
             grid_index: int, center_id: int, creator: int, people: int,
             parties: list[tuple]) -> None:  # fmt: skip
        f = self.fmt.db
        ids = self.ids
        events = out.events
        life.events.sort()
        for seq, (at, _, kind, actor, task, frm, to, note, data) in enumerate(life.events, 1):
            ids.event += 1
            events.append((ids.event, case_id, seq, kind, f(at), actor, task, frm, to, note, data))
        for t in life.tasks:
            out.tasks.append((
                t.id, case_id, t.department_id, t.role, t.status, t.assignee_id,
                f(t.dispatched_at), f(t.signed_at), f(t.finished_at), t.clock,
                f(t.clock_started_at), t.paused_seconds, f(t.due_at), f(t.warn_at),
                t.due_provisional, None,
            ))  # fmt: skip
        for x in life.extensions:
            out.extensions.append((
                x.id, case_id, x.task_id, x.requested_by_id, f(x.requested_at),
                f(x.requested_due), x.reason, x.status, x.decided_by_id, f(x.decided_at),
            ))  # fmt: skip
        out.parties.extend(parties)
        place = self.places[grid_index]
        title, description = self.words(code, place, people)
        lat, lng = self.point(grid_index)
        address = parties[0][6] if parties and parties[0][6] else self.address(place)
        out.cases.append((
            case_id, life.number, center_id, title, description, life.channel, category_id,
            life.status, life.level, life.risk, people, address, lat, lng, place.info.id,
            place.village_id, place.township_id, self.county_id, f(life.received_at),
            f(life.accepted_at), f(life.first_resolved_at), f(life.resolved_at),
            f(life.closed_at), life.clock, f(life.clock_started_at), life.paused_seconds,
            f(life.due_at), f(life.warn_at), life.due_provisional, f(life.suspended_at),
            life.supervised, life.result, life.satisfaction, life.repeat_of_id, None, None,
            creator, f(life.updated_at), life.version,
        ))  # fmt: skip
