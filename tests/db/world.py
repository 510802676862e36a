"""A tiny hand-made county for workflow tests: two streets, one grid each, known rules.

Geometry (lng, lat): the county is the square 110.0–110.2 × 40.0–40.2; street 东城 is the
west half, 西城 the east half; each street has one village and one grid covering it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime

from desktop.clock import CHINA
from desktop.db.models import (
    Category,
    Center,
    DeadlineRule,
    Department,
    Grid,
    Jurisdiction,
    RosterRule,
    RosterRuleStaff,
    Staff,
    User,
)
from desktop.domain.enums import Role
from desktop.services.accounts import create_user, hash_password, principal_for

PASSWORD = "secret-pass"
_hash: list[str] = []  # argon2 is slow on purpose: hash the shared password once per run


def square(west: float, south: float, east: float, north: float) -> str:
    ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
    return json.dumps({"type": "Polygon", "coordinates": [ring]})


def local(*args: int) -> datetime:
    """A China-time wall clock moment as aware UTC (how the desk would read it)."""
    return datetime(*args, tzinfo=CHINA).astimezone(UTC)


@dataclass
class World:
    ids: dict[str, int] = field(default_factory=dict)
    principals: dict = field(default_factory=dict)


def build_world(session) -> World:
    world = World()
    ids = world.ids

    def add(name, row):
        session.add(row)
        session.flush()
        ids[name] = row.id
        return row

    add("county", Jurisdiction(code="159901000000", name="云泽旗", level="county",
                               boundary=square(110.0, 40.0, 110.2, 40.2)))
    add("east", Jurisdiction(code="159901001000", name="东城街道", level="township",
                             parent_id=ids["county"], boundary=square(110.0, 40.0, 110.1, 40.2)))
    add("west", Jurisdiction(code="159901002000", name="西城街道", level="township",
                             parent_id=ids["county"], boundary=square(110.1, 40.0, 110.2, 40.2)))
    add("east_village", Jurisdiction(code="159901001001", name="幸福社区", level="village",
                                     parent_id=ids["east"],
                                     boundary=square(110.0, 40.0, 110.1, 40.2)))
    add("west_village", Jurisdiction(code="159901002001", name="东风社区", level="village",
                                     parent_id=ids["west"],
                                     boundary=square(110.1, 40.0, 110.2, 40.2)))
    add("east_grid", Grid(code="159901001001001", name="幸福社区第1网格", kind="community",
                          village_id=ids["east_village"],
                          boundary=square(110.0, 40.0, 110.1, 40.1)))
    add("east_grid2", Grid(code="159901001001002", name="幸福社区第2网格", kind="community",
                           village_id=ids["east_village"],
                           boundary=square(110.0, 40.1, 110.1, 40.2)))
    add("west_grid", Grid(code="159901002001001", name="东风社区第1网格", kind="community",
                          village_id=ids["west_village"],
                          boundary=square(110.1, 40.0, 110.2, 40.2)))
    add("county_center", Center(name="云泽旗综治中心", short_name="云泽",
                                jurisdiction_id=ids["county"]))
    add("east_center", Center(name="东城街道综治中心", short_name="东城",
                              jurisdiction_id=ids["east"]))
    add("west_center", Center(name="西城街道综治中心", short_name="西城",
                              jurisdiction_id=ids["west"]))

    add("dispute", Category(code="01", name="矛盾纠纷", is_dispute=True))
    add("neighbour", Category(code="0102", name="邻里纠纷", parent_id=ids["dispute"],
                              is_dispute=True))
    add("labour", Category(code="0103", name="劳动争议", parent_id=ids["dispute"],
                           is_dispute=True))
    add("petition", Category(code="08", name="信访", is_petition=True))
    add("livelihood", Category(code="06", name="民生诉求"))
    rules = [
        ("dispute", "resolve", "accept", 30, "day"),
        ("labour", "resolve", "register", 15, "day"),
        ("petition", "accept", "register", 15, "day"),
        ("petition", "resolve", "accept", 60, "day"),
        ("livelihood", "sign", "dispatch", 1, "workday"),
        ("livelihood", "resolve", "dispatch", 5, "workday"),
    ]
    for cat, clock, start, amount, unit in rules:
        session.add(DeadlineRule(category_id=ids[cat], clock=clock, start_event=start,
                                 amount=amount, unit=unit))

    add("justice", Department(code="SFJ", name="司法局", short_name="司法"))
    add("labour_bureau", Department(code="RSJ", name="人社局", short_name="人社"))
    add("housing", Department(code="ZJJ", name="住建局", short_name="住建"))
    add("justice_staff", Staff(name="王调解", department_id=ids["justice"]))
    add("labour_staff", Staff(name="李仲裁", department_id=ids["labour_bureau"]))
    # The county center's roster: 司法局 stationed every working day, 人社局 on call.
    for name, dept, mode, staff in (("justice_rule", "justice", "permanent", "justice_staff"),
                                    ("labour_rule", "labour_bureau", "on_call", "labour_staff")):
        add(name, RosterRule(center_id=ids["county_center"], department_id=ids[dept], mode=mode,
                             pattern="every_workday"))
        session.add(RosterRuleStaff(rule_id=ids[name], position=0, staff_id=ids[staff]))

    now = local(2026, 9, 1, 8, 0)
    accounts = {
        "desk": ({Role.DESK}, "county", None),
        "dispatcher": ({Role.DISPATCHER}, "county", None),
        "supervisor": ({Role.SUPERVISOR}, "county", None),
        "east_desk": ({Role.DESK, Role.DISPATCHER}, "east", None),
        "west_desk": ({Role.DESK, Role.DISPATCHER}, "west", None),
        "justice": ({Role.DEPARTMENT}, "county", "justice"),
        "labour": ({Role.DEPARTMENT}, "county", "labour_bureau"),
        "housing": ({Role.DEPARTMENT}, "west", "housing"),
    }
    if not _hash:
        _hash.append(hash_password(PASSWORD))
    for username, (roles, place, dept) in accounts.items():
        uid = create_user(session=session, username=username, display_name=username,
                          password=None, password_hash=_hash[0], roles=roles, jurisdiction_id=ids[place],
                          department_id=ids[dept] if dept else None,
                          must_change_password=False, now=now)
        ids[f"user_{username}"] = uid
        world.principals[username] = principal_for(session, session.get(User, uid))
    session.flush()
    return world
