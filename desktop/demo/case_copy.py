"""Simulated cases written straight as PostgreSQL COPY text (the "copy" encoding).

For the million-case load on PostgreSQL the workers skip RowMaker's tuples and write each
row's line with one f-string: the case id is turned into text once per case, NULL only where
a column can be empty, and datetimes once per instant (Formatter.db, as for the tuples).
Same columns, same values: a unit test checks the lines against the COPY text of RowMaker's
tuples.

No escaping: the demo's strings come from fixed pools that hold no tab, newline or backslash
(a unit test checks the pools); booleans print as True/False, which PostgreSQL reads as
booleans; floats print exactly (repr).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.demo.case_rows import (
    CASE_COLUMNS,
    EVENT_COLUMNS,
    EXTENSION_COLUMNS,
    PARTY_COLUMNS,
    TASK_COLUMNS,
    CopyChunk,
    RowMaker,
)
from desktop.demo.lifecycle import CaseLife

N = "\\N"  # NULL in COPY text


@dataclass
class ChunkLines:
    """A chunk's rows as COPY lines, one list per table (each line ends with a newline)."""

    cases: list[str] = field(default_factory=list)
    events: list[str] = field(default_factory=list)
    tasks: list[str] = field(default_factory=list)
    parties: list[str] = field(default_factory=list)
    extensions: list[str] = field(default_factory=list)

    def as_copy_text(self) -> CopyChunk:
        return CopyChunk([
            (name, columns, "".join(lines).encode(), len(lines))
            for name, columns, lines in (
                ("cases", CASE_COLUMNS, self.cases),
                ("case_tasks", TASK_COLUMNS, self.tasks),
                ("case_events", EVENT_COLUMNS, self.events),
                ("case_parties", PARTY_COLUMNS, self.parties),
                ("extension_requests", EXTENSION_COLUMNS, self.extensions),
            )
        ])  # fmt: skip


class CopyRowMaker(RowMaker):
    """RowMaker whose `emit` appends COPY lines to a ChunkLines."""

    def emit(self, out: ChunkLines, li: int, case_id: int, life: CaseLife, category_id: int,
             code: str, center_id: int, creator: int, people: int,
             parties: list[tuple]) -> None:  # fmt: skip
        events, when = self.timeline(life, N)
        f = self._texts
        cs = str(case_id)
        eid = self.ids.event
        seq = 0
        append = out.events.append
        for (_, kind, actor, task, frm, to, note, data), at in zip(events, when, strict=False):
            eid += 1
            seq += 1
            append(f"{eid}\t{cs}\t{seq}\t{kind}\t{at}\t{actor}\t"
                   f"{N if task is None else task}\t{N if frm is None else frm}\t"
                   f"{N if to is None else to}\t{N if note is None else note}\t"
                   f"{N if data is None else data}\n")  # fmt: skip
        self.ids.event = eid
        for t in life.tasks:
            out.tasks.append(
                f"{t.id}\t{cs}\t{t.department_id}\t{t.role}\t{t.status}\t{t.assignee_id}\t"
                f"{f[t.dispatched_at]}\t{f[t.signed_at]}\t{f[t.finished_at]}\t"
                f"{N if t.clock is None else t.clock}\t{f[t.clock_started_at]}\t"
                f"{t.paused_seconds}\t{f[t.due_at]}\t{f[t.warn_at]}\t{t.due_provisional}\t{N}\n"
            )
        for x in life.extensions:
            out.extensions.append(
                f"{x.id}\t{cs}\t{x.task_id}\t{x.requested_by_id}\t{f[x.requested_at]}\t"
                f"{f[x.requested_due]}\t{x.reason}\t{x.status}\t"
                f"{N if x.decided_by_id is None else x.decided_by_id}\t{f[x.decided_at]}\n"
            )
        for pid, _, role, name, phone, id_number, address in parties:
            out.parties.append(
                f"{pid}\t{cs}\t{role}\t{name}\t{N if phone is None else phone}\t"
                f"{N if id_number is None else id_number}\t{N if address is None else address}\n"
            )
        title, description, address, lat, lng, (grid_id, village_id, township_id) = self.facts(
            li, code, people, parties)  # fmt: skip
        level, result, satisfaction = life.level, life.result, life.satisfaction
        repeat_of, clock = life.repeat_of_id, life.clock
        out.cases.append(
            f"{cs}\t{life.number}\t{center_id}\t{title}\t{description}\t{life.channel}\t"
            f"{category_id}\t{life.status}\t{N if level is None else level}\t{life.risk}\t"
            f"{people}\t{address}\t{lat}\t{lng}\t{grid_id}\t{village_id}\t{township_id}\t"
            f"{self.county_id}\t{f[life.received_at]}\t"
            f"{f[life.accepted_at]}\t{f[life.first_resolved_at]}\t{f[life.resolved_at]}\t"
            f"{f[life.closed_at]}\t{N if clock is None else clock}\t{f[life.clock_started_at]}\t"
            f"{life.paused_seconds}\t{f[life.due_at]}\t{f[life.warn_at]}\t"
            f"{life.due_provisional}\t{f[life.suspended_at]}\t{life.supervised}\t"
            f"{N if result is None else result}\t{N if satisfaction is None else satisfaction}\t"
            f"{N if repeat_of is None else repeat_of}\t{N}\t{N}\t{creator}\t"
            f"{f[events[-1][0]]}\t{life.version}\n"
        )
