"""The county center of tests/db/world.py with windows, rotating departments and their staff.

司法局 (王调解) is stationed every working day at 综合性法律服务窗口 and 人社局 (李仲裁) is on
call (world.py); this adds 法院 (clerks 赵书记, 钱书记 taking turns on Tuesdays and
Thursdays at 诉调对接中心), 检察院 (孙检察, alternate weeks) and 公安局 (周民警, 4 days a
month). Rules are written through the service, as a supervisor would.
"""

from __future__ import annotations

from datetime import date

from desktop.db.models import Department, Staff, Window
from desktop.domain.enums import RosterPattern, Stationing
from desktop.services.roster_rules import RuleSpec, save_rule
from tests.db.world import World


def add_roster(session, world: World) -> World:
    ids = world.ids
    center = ids["county_center"]

    def add(name, row):
        session.add(row)
        session.flush()
        ids[name] = row.id

    add(
        "law_window",
        Window(center_id=center, name="综合性法律服务窗口", department_id=ids["justice"]),
    )
    add("court_window", Window(center_id=center, name="诉调对接中心"))
    add("mediation_window", Window(center_id=center, name="人民调解室"))
    add("court", Department(code="FY", name="法院", short_name="法院"))
    add(
        "procuratorate",
        Department(code="JCY", name="检察院", short_name="检察"),
    )
    add("police", Department(code="GAJ", name="公安局", short_name="公安"))
    for name, dept in (
        ("clerk_zhao", "court"),
        ("clerk_qian", "court"),
        ("prosecutor_sun", "procuratorate"),
        ("officer_zhou", "police"),
    ):
        add(
            name,
            Staff(
                name={
                    "clerk_zhao": "赵书记",
                    "clerk_qian": "钱书记",
                    "prosecutor_sun": "孙检察",
                    "officer_zhou": "周民警",
                }[name],
                department_id=ids[dept],
                phone="0471-5550001",
            ),
        )
    supervisor = world.principals["supervisor"]
    # The justice rule of world.py gets its window.
    save_rule(
        session=session,
        principal=supervisor,
        center_id=center,
        rule_id=ids["justice_rule"],
        spec=RuleSpec(
            ids["justice"],
            Stationing.PERMANENT,
            window_id=ids["law_window"],
            staff_ids=(ids["justice_staff"],),
        ),
    )
    specs = {
        "court_rule": RuleSpec(
            ids["court"],
            Stationing.ROTATING,
            RosterPattern.WEEKDAYS,
            window_id=ids["court_window"],
            weekdays=frozenset({2, 4}),
            rotate=True,
            staff_ids=(ids["clerk_zhao"], ids["clerk_qian"]),
        ),
        "procuratorate_rule": RuleSpec(
            ids["procuratorate"],
            Stationing.ROTATING,
            RosterPattern.ALTERNATE_WEEKS,
            window_id=ids["mediation_window"],
            anchor_day=date(2025, 10, 8),
            staff_ids=(ids["prosecutor_sun"],),
        ),
        "police_rule": RuleSpec(
            ids["police"],
            Stationing.ROTATING,
            RosterPattern.MONTHLY_DAYS,
            days_per_month=4,
            agreed_days=6,
            staff_ids=(ids["officer_zhou"],),
        ),
    }
    for name, spec in specs.items():
        ids[name] = save_rule(session=session, principal=supervisor, center_id=center, spec=spec)
    return world
