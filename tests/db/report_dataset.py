"""A small county whose report figures are worked out by hand (tests of reports and data).

Times are China time. The report week is 2026-W40, 28 Sep – 4 Oct 2026, the National Day
week: 1–7 Oct are holidays, 25 Sep (中秋) too, and Sunday 20 Sep is a make-up working day.
e* cases are in 东街道, w* in 西街道; `x14` is in another county (never counted).

| case | cat  | channel  | received | accepted | first 办结 | due      | now         | other                      |
| c1  e | 邻里 | walk_in  | 09-28 09 | 09-28 10 | 09-30 10   | 10-28    | resolved    | mediated, lead justice     |
| c2  e | 劳动 | phone    | 09-29 09 | 09-29 09:30 | 10-09 10 | 10-14    | resolved    | solved; police returned, justice lead |
| c3  w | 安全 | hotline  | 09-21 09 | 09-21 10 | —          | 09-26    | in_progress | lead police                |
| c4  w | 劳动 | grid     | 09-28 11 | 09-28 12 | 10-02 10   | 09-30    | closed 10-03 satisfied | partly_solved, lead police |
| c5  e | 邻里 | walk_in  | 09-30 09 | —        | —          | 10-01    | registered  |                            |
| c6  e | 邻里 | walk_in  | 09-29 14 | —        | 09-30 10   | 10-14    | resolved    | repeat of c1, mediated     |
| c7  w | 劳动 | phone    | 09-15 09 | 09-15 10 | 09-25 10   | 09-30    | closed 09-29 basically | mediation_failed, justice |
| c8  e | 安全 | walk_in  | 09-29 10 | —        | —          | 10-14    | rejected 09-29 11 |                      |
| c9  w | 邻里 | hotline  | 10-03 09 | 10-03 10 | —          | 11-02    | dispatched  | lead police, assist justice |
| c10 e | 安全 | walk_in  | 09-20 09 | 09-20 10 | —          | 09-25    | in_progress | suspended since 09-24, police |
| c11 e | 邻里 | walk_in  | 2025-09-29 09 | 2025-09-29 10 | 2025-09-30 10 | 2025-10-29 | resolved | mediated |
| c12 w | 安全 | walk_in  | 09-22 09 | 09-22 10 | 09-24 10   | 09-27    | closed 10-04 unsatisfied | solved |
| c13 w | 安全 | walk_in  | 09-23 09 | 09-23 10 | —          | 10-30    | in_progress |                            |
| c15 e | 邻里 | walk_in  | 09-28 15 | 09-28 16 | 10-01 10   | 10-28    | resolved    | mediation_failed, justice  |
| c16 e | 邻里 | walk_in  | 09-21 09 | 09-21 10 | 09-29 10   | 11-02    | accepted    | reopened after 不满意       |
| c17 e | 邻里 | walk_in  | 12-30 09 | 12-30 10 | —          | 2027-01-29 | in_progress | provisional deadline     |
| x14   | 邻里 | walk_in  | 09-28 09 | 09-28 10 | 09-30 10   | 10-28    | resolved    | other county               |

Applicant phones: c1, c6 and c15 share 13800000001 (张三丰); c5 13800000005.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from desktop.clock import CHINA
from desktop.domain.enums import Channel, Result, Role, Satisfaction, Status, TaskRole, TaskStatus
from desktop.domain.principal import Principal
from tests.db.factories import World, world


def at(month: int, day: int, hour: int = 0, minute: int = 0, year: int = 2026) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=CHINA).astimezone(UTC)


def due(month: int, day: int, year: int = 2026) -> datetime:
    return datetime(year, month, day, 23, 59, 59, tzinfo=CHINA).astimezone(UTC)


@dataclass
class Dataset:
    w: World
    ids: dict[str, int]
    supervisor: Principal
    east_desk: Principal

    def names(self, ids) -> set[str]:
        back = {v: k for k, v in self.ids.items()}
        return {back[i] for i in ids}


def build(session) -> Dataset:
    w = world(session)
    f = w.f
    for category in (w.disputes, w.neighbours, w.labour):
        category.is_dispute = True
    other_county = f.county("邻县")
    other_street = f.street(other_county, "邻街道")
    _, supervisor = f.person("boss", {Role.SUPERVISOR}, w.county)
    _, east_desk = f.person("edesk", {Role.DESK}, w.east)
    ids: dict[str, int] = {}

    def case(key, category, channel, received, *, street=None, tasks=(), **columns):
        grid = None if street is not None else (w.east_grid if key[-1] != "w" else w.west_grid)
        made = f.case(center=w.center, category=category, channel=channel, received_at=received,
                      grid=grid, street=street, number=f"R2026-{len(ids) + 1:04d}",
                      title=f"事项{key}", **columns)  # fmt: skip
        for department, role, status in tasks:
            f.task(made, department, role=role, status=status)
        ids[key.rstrip("ew")] = made.id
        return made

    lead, assist = TaskRole.LEAD, TaskRole.ASSIST
    s = Status
    c1 = case(
        "c1e",
        w.neighbours,
        Channel.WALK_IN,
        at(9, 28, 9),
        accepted_at=at(9, 28, 10),
        first_resolved_at=at(9, 30, 10),
        resolved_at=at(9, 30, 10),
        due_at=due(10, 28),
        result=Result.MEDIATED,
        status=s.RESOLVED,
        tasks=[(w.justice, lead, TaskStatus.RESOLVED)],
    )
    case(
        "c2e",
        w.labour,
        Channel.PHONE,
        at(9, 29, 9),
        accepted_at=at(9, 29, 9, 30),
        first_resolved_at=at(10, 9, 10),
        resolved_at=at(10, 9, 10),
        due_at=due(10, 14),
        result=Result.SOLVED,
        status=s.RESOLVED,
        tasks=[(w.police, lead, TaskStatus.RETURNED), (w.justice, lead, TaskStatus.RESOLVED)],
    )
    case(
        "c3w",
        w.safety,
        Channel.HOTLINE_12345,
        at(9, 21, 9),
        accepted_at=at(9, 21, 10),
        due_at=due(9, 26),
        status=s.IN_PROGRESS,
        tasks=[(w.police, lead, TaskStatus.IN_PROGRESS)],
    )
    case(
        "c4w",
        w.labour,
        Channel.GRID_REPORT,
        at(9, 28, 11),
        accepted_at=at(9, 28, 12),
        first_resolved_at=at(10, 2, 10),
        resolved_at=at(10, 2, 10),
        due_at=due(9, 30),
        result=Result.PARTLY_SOLVED,
        status=s.CLOSED,
        closed_at=at(10, 3, 10),
        satisfaction=Satisfaction.SATISFIED,
        tasks=[(w.police, lead, TaskStatus.RESOLVED)],
    )
    c5 = case(
        "c5e", w.neighbours, Channel.WALK_IN, at(9, 30, 9), due_at=due(10, 1), status=s.REGISTERED
    )
    c6 = case(
        "c6e",
        w.neighbours,
        Channel.WALK_IN,
        at(9, 29, 14),
        repeat_of_id=c1.id,
        first_resolved_at=at(9, 30, 10),
        resolved_at=at(9, 30, 10),
        due_at=due(10, 14),
        result=Result.MEDIATED,
        status=s.RESOLVED,
    )
    case(
        "c7w",
        w.labour,
        Channel.PHONE,
        at(9, 15, 9),
        accepted_at=at(9, 15, 10),
        first_resolved_at=at(9, 25, 10),
        resolved_at=at(9, 25, 10),
        due_at=due(9, 30),
        result=Result.MEDIATION_FAILED,
        status=s.CLOSED,
        closed_at=at(9, 29, 10),
        satisfaction=Satisfaction.BASICALLY,
        tasks=[(w.justice, lead, TaskStatus.RESOLVED)],
    )
    case(
        "c8e",
        w.safety,
        Channel.WALK_IN,
        at(9, 29, 10),
        due_at=due(10, 14),
        status=s.REJECTED,
        closed_at=at(9, 29, 11),
    )
    case(
        "c9w",
        w.neighbours,
        Channel.HOTLINE_12345,
        at(10, 3, 9),
        accepted_at=at(10, 3, 10),
        due_at=due(11, 2),
        status=s.DISPATCHED,
        tasks=[(w.police, lead, TaskStatus.DISPATCHED), (w.justice, assist, TaskStatus.DISPATCHED)],
    )
    case(
        "c10e",
        w.safety,
        Channel.WALK_IN,
        at(9, 20, 9),
        accepted_at=at(9, 20, 10),
        due_at=due(9, 25),
        suspended_at=at(9, 24, 10),
        status=s.IN_PROGRESS,
        tasks=[(w.police, lead, TaskStatus.IN_PROGRESS)],
    )
    case(
        "c11e",
        w.neighbours,
        Channel.WALK_IN,
        at(9, 29, 9, year=2025),
        accepted_at=at(9, 29, 10, year=2025),
        first_resolved_at=at(9, 30, 10, year=2025),
        resolved_at=at(9, 30, 10, year=2025),
        due_at=due(10, 29, year=2025),
        result=Result.MEDIATED,
        status=s.RESOLVED,
    )
    case(
        "c12w",
        w.safety,
        Channel.WALK_IN,
        at(9, 22, 9),
        accepted_at=at(9, 22, 10),
        first_resolved_at=at(9, 24, 10),
        resolved_at=at(9, 24, 10),
        due_at=due(9, 27),
        result=Result.SOLVED,
        status=s.CLOSED,
        closed_at=at(10, 4, 10),
        satisfaction=Satisfaction.UNSATISFIED,
    )
    case(
        "c13w",
        w.safety,
        Channel.WALK_IN,
        at(9, 23, 9),
        accepted_at=at(9, 23, 10),
        due_at=due(10, 30),
        status=s.IN_PROGRESS,
    )
    c15 = case(
        "c15e",
        w.neighbours,
        Channel.WALK_IN,
        at(9, 28, 15),
        accepted_at=at(9, 28, 16),
        first_resolved_at=at(10, 1, 10),
        resolved_at=at(10, 1, 10),
        due_at=due(10, 28),
        result=Result.MEDIATION_FAILED,
        status=s.RESOLVED,
        tasks=[(w.justice, lead, TaskStatus.RESOLVED)],
    )
    case(
        "c16e",
        w.neighbours,
        Channel.WALK_IN,
        at(9, 21, 9),
        accepted_at=at(9, 21, 10),
        first_resolved_at=at(9, 29, 10),
        due_at=due(11, 2),
        status=s.ACCEPTED,
        satisfaction=Satisfaction.UNSATISFIED,
    )
    case(
        "c17e",
        w.neighbours,
        Channel.WALK_IN,
        at(12, 30, 9),
        accepted_at=at(12, 30, 10),
        due_at=due(1, 29, year=2027),
        due_provisional=True,
        status=s.IN_PROGRESS,
    )
    case(
        "x14",
        w.neighbours,
        Channel.WALK_IN,
        at(9, 28, 9),
        street=other_street,
        accepted_at=at(9, 28, 10),
        first_resolved_at=at(9, 30, 10),
        due_at=due(10, 28),
        result=Result.MEDIATED,
        status=s.RESOLVED,
    )
    for made in (c1, c6, c15):
        f.party(made, "张三丰", phone="13800000001")
    f.party(c5, "李四", phone="13800000005")
    session.flush()
    return Dataset(w, ids, supervisor, east_desk)
