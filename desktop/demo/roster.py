"""The demo county center's roster: rules, the rota of the three months around today, and
realistic attendance (mostly on time, some late, a few absences, a window with gaps).

| department          | mode | days                      | window                 | people          |
| ------------------- | ---- | ------------------------- | ---------------------- | --------------- |
| 政法委, 信访局      | 常驻 | every working day         | —, 信访接待窗口        | its first       |
| 司法局              | 常驻 | every working day         | 综合性法律服务窗口     | first two       |
| 法院                | 轮驻 | Mon, Wed, Fri, in turns   | 诉调对接中心           | three clerks    |
| 检察院              | 轮驻 | Tue, Thu                  | 诉调对接中心           | its first       |
| 公安局              | 轮驻 | 8 days a month (agreed 10)| —                      | two, in turns   |
| 卫健委              | 轮驻 | Wednesdays                | 心理咨询窗口 (gaps)    | its first       |
| every other one     | 随驻 | on call                   | —                      | its first       |

Rotating staff (法院, 检察院, 公安局) confirm check-ins with the demo PIN DEMO_PIN. Today's
法院 clerk has not checked in yet, so a trainer can show a PIN check-in; past days have
check-outs, today's not. Draws come from their own seeded generator, so the cases of a
build are the same with or without the roster.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

import numpy as np

from desktop.clock import CHINA
from desktop.demo.org import DEPARTMENTS, OrgRows
from desktop.domain.enums import RosterPattern, Stationing
from desktop.domain.roster import Pattern, assign_staff, month_workdays
from desktop.domain.workdays import WorkCalendar

DEMO_PIN = "2468"
SETTINGS_COLUMNS = ("center_id", "am_start", "am_end", "pm_start", "pm_end", "grace_minutes")
RULE_COLUMNS = ("id", "center_id", "department_id", "window_id", "mode", "pattern", "weekdays",
                "anchor_day", "days_per_month", "agreed_days", "rotate", "active")  # fmt: skip
RULE_STAFF_COLUMNS = ("rule_id", "position", "staff_id")
MONTH_COLUMNS = ("center_id", "month", "provisional", "generated_at", "generated_by",
                 "published_at", "published_by")  # fmt: skip
DUTY_COLUMNS = ("id", "center_id", "day", "department_id", "window_id", "staff_id", "rule_id")
CHECK_IN_COLUMNS = ("id", "center_id", "staff_id", "day", "checked_in_at", "checked_out_at",
                    "method", "recorded_by")  # fmt: skip

P, R = Stationing.PERMANENT, Stationing.ROTATING
# department code, mode, pattern, weekdays, days a month, agreed, window, staff (indexes
# into the department's staff), in turns
STATIONED = (
    ("zfw", P, RosterPattern.EVERY_WORKDAY, "", None, None, None, (0,), False),
    ("sfj", P, RosterPattern.EVERY_WORKDAY, "", None, None, "综合性法律服务窗口", (0, 4), False),
    ("xfj", P, RosterPattern.EVERY_WORKDAY, "", None, None, "信访接待窗口", (0,), False),
    ("fy", R, RosterPattern.WEEKDAYS, "135", None, 10, "诉调对接中心", (0, 1, 2), True),
    ("jcy", R, RosterPattern.WEEKDAYS, "24", None, 6, "诉调对接中心", (0,), False),
    ("gaj", R, RosterPattern.MONTHLY_DAYS, "", 8, 10, None, (0, 1), True),
    ("wjw", R, RosterPattern.WEEKDAYS, "3", None, None, "心理咨询窗口", (0,), False),
)  # fmt: skip
ON_TIME, LATE = 0.88, 0.07  # the rest of the past duties are absences


@dataclass
class RosterRows:
    tables: list[tuple[str, tuple[str, ...], list[tuple]]] = field(default_factory=list)
    pin_staff: list[int] = field(default_factory=list)


def roster_rows(
    org: OrgRows, *, today: date, calendar: WorkCalendar, instant, pin_hash: str, seed: int
) -> RosterRows:
    """Rows for the roster tables; gives the rotating staff the demo PIN in `org.staff`.

    `instant(us)` turns µs since 1970 (UTC) into the stored form of a UTCDateTime.
    """
    rng = np.random.default_rng(np.random.SeedSequence([seed, 12]))
    center = org.county_center_id
    windows = {name: wid for wid, cid, name, _ in org.windows if cid == center}
    people = _department_staff(org)
    supervisor = org.users_by_name["supervisor"]
    rules, rule_staff, specs = [], [], []
    for code, mode, pattern, weekdays, per_month, agreed, window, picks, rotate in STATIONED:
        did = org.department_ids[code]
        rule_id = len(rules) + 1
        staff = [people[did][k] for k in picks]
        rules.append(
            (
                rule_id,
                center,
                did,
                windows.get(window) if window else None,
                str(mode),
                str(pattern),
                weekdays or None,
                None,
                per_month,
                agreed,
                rotate,
                True,
            )
        )
        specs.append(
            (
                rule_id,
                did,
                rules[-1][3],
                Pattern(pattern, frozenset(int(c) for c in weekdays), None, per_month),
                staff,
                rotate,
            )
        )
        rule_staff += [(rule_id, k, s) for k, s in enumerate(staff)]
    for code, _, _, mode, _ in DEPARTMENTS:
        if mode == Stationing.ON_CALL:
            rule_id = len(rules) + 1
            did = org.department_ids[code]
            rules.append(
                (
                    rule_id,
                    center,
                    did,
                    None,
                    str(mode),
                    str(RosterPattern.EVERY_WORKDAY),
                    None,
                    None,
                    None,
                    None,
                    False,
                    True,
                )
            )
            rule_staff.append((rule_id, 0, people[did][0]))
    months, duties = _rota(center, specs, today, calendar, instant, supervisor)
    result = RosterRows()
    result.pin_staff = sorted(
        {s for _, did, _, _, staff, _ in specs for s in staff if did in _rotating_departments(org)}
    )
    _give_pins(org, result.pin_staff, pin_hash)
    check_ins = _attendance(rng, org, duties, today, instant, set(result.pin_staff))
    result.tables = [
        ("roster_settings", SETTINGS_COLUMNS, [(center, 510, 720, 870, 1050, 10)]),
        ("roster_rules", RULE_COLUMNS, rules),
        ("roster_rule_staff", RULE_STAFF_COLUMNS, rule_staff),
        ("rota_months", MONTH_COLUMNS, months),
        ("rota_duties", DUTY_COLUMNS, duties),
        ("check_ins", CHECK_IN_COLUMNS, check_ins),
    ]
    return result


def _department_staff(org: OrgRows) -> dict[int, list[int]]:
    people: dict[int, list[int]] = {}
    for row in org.staff:
        if row[2] is not None:
            people.setdefault(row[2], []).append(row[0])
    return people


def _rotating_departments(org: OrgRows) -> set[int]:
    return {org.department_ids[c] for c, _, _, mode, _ in DEPARTMENTS if mode == R}


def _give_pins(org: OrgRows, staff_ids: list[int], pin_hash: str) -> None:
    wanted = set(staff_ids)
    org.staff[:] = [row[:-1] + (pin_hash,) if row[0] in wanted else row for row in org.staff]


def _rota(center, specs, today, calendar, instant, supervisor):
    """The previous, this and the next month, generated as a supervisor would have; the first
    two published an hour later, the next one still open for edits."""
    first = today.replace(day=1)
    starts = [
        (first - timedelta(days=1)).replace(day=1),
        first,
        (first + timedelta(days=32)).replace(day=1),
    ]
    months, duties = [], []
    for start in starts:
        workdays, provisional = month_workdays(start, calendar)
        generated = _us(datetime.combine(start - timedelta(days=3), time(16, 0), tzinfo=CHINA))
        published = (instant(generated + 3_600_000_000), supervisor) if start <= first else (
            None, None)  # fmt: skip
        months.append((center, start, provisional, instant(generated), supervisor, *published))
        for rule_id, did, window, pattern, staff, rotate in specs:
            for day, sid in assign_staff(pattern.due_days(workdays), staff, rotate=rotate):
                duties.append((len(duties) + 1, center, day, did, window, sid, rule_id))
    return months, duties


def _attendance(rng, org, duties, today, instant, pin_staff) -> list[tuple]:
    """Check-ins for past duties and today's (except today's 法院 clerk, left for the desk)."""
    court = org.department_ids["fy"]
    desk = org.users_by_name["desk"]
    rows = []
    for _, center, day, did, _, sid, _ in duties:
        if day > today or (day == today and did == court):
            continue
        draw = rng.random()
        if draw >= ON_TIME + LATE:
            continue  # absent
        if draw < ON_TIME:
            minutes = 8 * 60 + 5 + int(rng.integers(0, 36))  # 08:05–08:40
        else:
            minutes = 8 * 60 + 41 + int(rng.integers(0, 50))  # 08:41–09:30
        arrived = _local_us(day, minutes, int(rng.integers(0, 60)))
        left = None
        if day < today:
            left = instant(_local_us(day, 17 * 60 + 30 + int(rng.integers(0, 25)), 0))
        method = "pin" if sid in pin_staff else "password"
        rows.append((len(rows) + 1, center, sid, day, instant(arrived), left, method, desk))
    return rows


def _local_us(day: date, minutes: int, seconds: int) -> int:
    moment = datetime.combine(day, time(minutes // 60, minutes % 60, seconds), tzinfo=CHINA)
    return _us(moment)


def _us(moment: datetime) -> int:
    return int(moment.timestamp()) * 1_000_000
