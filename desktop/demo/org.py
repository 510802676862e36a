"""The demo county's centers, stationed departments, windows, staff and demo accounts.

The demo accounts exist only in a training database (desktop.demo.build refuses any other):
every one has the well-known password DEMO_PASSWORD and no forced change.

| user       | roles                          | where                                  |
| ---------- | ------------------------------ | -------------------------------------- |
| desk       | desk                           | county center (云泽旗综治中心)          |
| dispatcher | dispatcher                     | county center                          |
| dept       | department                     | 司法局 (its on-site staff member)       |
| supervisor | supervisor                     | county center                          |
| trainer    | trainer                        | county                                 |
| admin      | admin                          | county                                 |
| street     | desk                           | 城关街道 only: shows a township's scope |

Behind them, so that every event has a plausible actor: `dept.<code>` for each other
department (department role) and `zz.<n>` for each township center (desk + dispatcher +
supervisor: one person does everything in a small street center). Same password.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import numpy as np

from desktop.demo import people
from desktop.demo.names import COUNTY_NAME, COUNTY_SHORT
from desktop.domain.enums import Role, Stationing

DEMO_PASSWORD = "demo1234"
FAMOUS_USERS = ("desk", "dispatcher", "dept", "supervisor", "trainer", "admin", "street")

CENTER_COLUMNS = ("id", "name", "short_name", "jurisdiction_id", "address", "phone")
DEPARTMENT_COLUMNS = (
    "id", "code", "name", "short_name", "jurisdiction_id", "active",
)  # fmt: skip
WINDOW_COLUMNS = ("id", "center_id", "name", "department_id")
STAFF_COLUMNS = (
    "id",
    "name",
    "department_id",
    "center_id",
    "position",
    "phone",
    "active",
    "checkin_pin_hash",
)
USER_COLUMNS = (
    "id", "username", "display_name", "password_hash", "jurisdiction_id", "department_id",
    "staff_id", "failed_attempts", "locked_until", "must_change_password", "active",
    "created_at",
)  # fmt: skip
USER_ROLE_COLUMNS = ("user_id", "role")

P, R, C = Stationing.PERMANENT, Stationing.ROTATING, Stationing.ON_CALL
# code, full name, short name, stationing (the roster's mode: desktop.demo.roster), staff count
DEPARTMENTS = (
    ("zfw", f"中共{COUNTY_NAME}委政法委员会", "政法委", P, 6),
    ("sfj", f"{COUNTY_NAME}司法局", "司法局", P, 9),
    ("xfj", f"{COUNTY_NAME}信访局", "信访局", P, 8),
    ("fy", f"{COUNTY_NAME}人民法院", "法院", R, 7),
    ("jcy", f"{COUNTY_NAME}人民检察院", "检察院", R, 5),
    ("gaj", f"{COUNTY_NAME}公安局", "公安局", R, 9),
    ("rsj", f"{COUNTY_NAME}人力资源和社会保障局", "人社局", C, 8),
    ("mzj", f"{COUNTY_NAME}民政局", "民政局", C, 7),
    ("wjw", f"{COUNTY_NAME}卫生健康委员会", "卫健委", C, 7),
    ("fl", f"{COUNTY_NAME}妇女联合会", "妇联", C, 5),
    ("fxh", f"{COUNTY_NAME}法学会", "法学会", C, 5),
    ("zjj", f"{COUNTY_NAME}住房和城乡建设局", "住建局", C, 8),
    ("scj", f"{COUNTY_NAME}市场监督管理局", "市场监管局", C, 8),
    ("hbj", f"{COUNTY_NAME}生态环境分局", "生态环境局", C, 6),
    ("yjj", f"{COUNTY_NAME}应急管理局", "应急管理局", C, 6),
    ("cgj", f"{COUNTY_NAME}城市管理综合执法局", "城管局", C, 8),
    ("nmj", f"{COUNTY_NAME}农牧局", "农牧局", C, 6),
    ("zrj", f"{COUNTY_NAME}自然资源局", "自然资源局", C, 6),
    ("jyj", f"{COUNTY_NAME}教育局", "教育局", C, 5),
)  # fmt: skip
COUNTY_WINDOWS = (
    ("综合受理窗口", None),
    ("劳动纠纷调解窗口", "rsj"),
    ("综合性法律服务窗口", "sfj"),
    ("心理咨询窗口", "wjw"),
    ("妇女儿童维权工作站", "fl"),
    ("诉调对接中心", "fy"),
    ("信访接待窗口", "xfj"),
)
TOWNSHIP_WINDOWS = (("综合受理窗口", None), ("人民调解室", "sfj"))
POSITIONS = ("科长", "副科长", "科员", "科员", "调解员", "办事员", "科员", "调解员", "科员")
CENTER_POSITIONS = ("中心主任", "窗口受理员", "分流调度员", "窗口受理员", "信息员", "调度员",
                    "窗口受理员", "网格管理员")  # fmt: skip
# Staff ages are shown nowhere; a fixed day keeps their rows independent of --today.
_AGES_ON = date(2025, 1, 1)
ROADS = ("人民路", "团结路", "建设街", "文化街", "民族路", "友谊大街", "新华路", "草原路")

# Category code (child, else its top level) -> (lead departments, assisting departments).
ROUTES = {
    "0101": (("sfj",), ("fl", "mzj")), "0102": (("sfj",), ("gaj",)),
    "0103": (("rsj",), ("sfj", "fy")), "0104": (("zjj",), ("sfj",)),
    "0105": (("nmj", "zrj"), ("sfj",)), "0106": (("zrj",), ("zjj", "xfj")),
    "0107": (("sfj", "fy"), ("fxh",)), "0108": (("wjw",), ("sfj",)),
    "0109": (("gaj",), ("sfj", "fy")), "0110": (("scj",), ("sfj",)),
    "0111": (("gaj",), ("sfj",)), "0112": (("scj", "sfj"), ("fy",)),
    "02": (("gaj",), ("zfw",)), "03": (("yjj",), ("zjj", "gaj")), "0302": (("zjj",), ("yjj",)),
    "04": (("hbj",), ("cgj",)), "0405": (("nmj",), ("zrj",)), "05": (("scj",), ("wjw",)),
    "06": (("mzj",), ("rsj",)), "0601": (("zjj",), ("mzj",)), "0602": (("zjj",), ("yjj",)),
    "0603": (("rsj",), ("mzj",)), "0604": (("jyj",), ("mzj",)), "0605": (("wjw",), ("mzj",)),
    "0606": (("gaj",), ("mzj",)), "07": (("cgj",), ("zjj",)),
    "08": (("xfj",), ("zfw", "sfj", "fy")),
}  # fmt: skip


def route_for(code: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    return ROUTES.get(code) or ROUTES[code[:2]]


@dataclass
class OrgRows:
    centers: list[tuple] = field(default_factory=list)
    departments: list[tuple] = field(default_factory=list)
    windows: list[tuple] = field(default_factory=list)
    staff: list[tuple] = field(default_factory=list)
    users: list[tuple] = field(default_factory=list)
    user_roles: list[tuple] = field(default_factory=list)
    # What the case simulation needs: ids by role.
    county_center_id: int = 0
    township_center_ids: list[int] = field(default_factory=list)
    center_short_names: dict[int, str] = field(default_factory=dict)
    department_ids: dict[str, int] = field(default_factory=dict)
    on_site_staff: dict[int, int] = field(default_factory=dict)  # department id -> staff id
    department_user: dict[int, int] = field(default_factory=dict)  # department id -> user id
    township_user: list[int] = field(default_factory=list)  # per township: its zz.<n> user
    users_by_name: dict[str, int] = field(default_factory=dict)


def short_name(township: str) -> str:
    for suffix in ("街道", "苏木", "镇", "乡"):
        if township.endswith(suffix) and len(township) > len(suffix):
            return township.removesuffix(suffix)
    return township


def org_rows(
    *,
    county_id: int,
    township_ids: list[int],
    township_names: list[str],
    password_hash: str,
    created_at: int | str,
    rng: np.random.Generator,
) -> OrgRows:
    org = OrgRows()
    phone_serial = iter(range(10_000))
    _centers(org, county_id, township_ids, township_names, phone_serial)
    for i, (code, name, short, _, _) in enumerate(DEPARTMENTS, start=1):
        org.departments.append((i, code, name, short, county_id, True))
        org.department_ids[code] = i
    _windows(org)
    center_staff = _staff(org, rng, phone_serial, len(township_ids))
    _users(org, county_id, township_ids, center_staff, password_hash, created_at)
    return org


def _centers(org, county_id, township_ids, township_names, phone_serial) -> None:
    org.county_center_id = 1
    org.centers.append(
        (1, f"{COUNTY_NAME}综治中心", COUNTY_SHORT, county_id,
         f"{COUNTY_NAME}城关街道人民路88号", people.staff_phone(next(phone_serial)))
    )  # fmt: skip
    org.center_short_names[1] = COUNTY_SHORT
    used = {COUNTY_SHORT}
    for k, (tid, tname) in enumerate(zip(township_ids, township_names, strict=True)):
        cid = k + 2
        short = short_name(tname)
        while short in used:
            short += "镇"
        used.add(short)
        road = ROADS[k % len(ROADS)]
        org.centers.append(
            (cid, f"{tname}综治中心", short, tid, f"{COUNTY_NAME}{tname}{road}{10 + 7 * k}号",
             people.staff_phone(next(phone_serial)))
        )  # fmt: skip
        org.township_center_ids.append(cid)
        org.center_short_names[cid] = short


def _windows(org: OrgRows) -> None:
    wid = 0
    for name, dept in COUNTY_WINDOWS:
        wid += 1
        org.windows.append((wid, org.county_center_id, name, org.department_ids.get(dept)))
    for cid in org.township_center_ids:
        for name, dept in TOWNSHIP_WINDOWS:
            wid += 1
            org.windows.append((wid, cid, name, org.department_ids.get(dept)))


def _staff(org: OrgRows, rng, phone_serial, townships: int) -> dict[int, list[int]]:
    """Department staff (the first of each sits at the center), then each center's own."""
    total = sum(d[4] for d in DEPARTMENTS) + len(CENTER_POSITIONS) + 3 * townships
    crowd = people.make_people(rng, total, today=_AGES_ON)
    names = iter(crowd.names)
    sid = 0
    for code, _, _, _, count in DEPARTMENTS:
        did = org.department_ids[code]
        for k in range(count):
            sid += 1
            position = "驻中心工作人员" if k == 0 else POSITIONS[k % len(POSITIONS)]
            org.staff.append(
                (
                    sid,
                    next(names),
                    did,
                    org.county_center_id,
                    position,
                    people.staff_phone(next(phone_serial)),
                    True,
                    None,
                )
            )
            if k == 0:
                org.on_site_staff[did] = sid
    center_staff: dict[int, list[int]] = {}
    centers = [(org.county_center_id, CENTER_POSITIONS)]
    centers += [(cid, CENTER_POSITIONS[:3]) for cid in org.township_center_ids]
    for cid, positions in centers:
        for position in positions:
            sid += 1
            org.staff.append(
                (
                    sid,
                    next(names),
                    None,
                    cid,
                    position,
                    people.staff_phone(next(phone_serial)),
                    True,
                    None,
                )
            )
            center_staff.setdefault(cid, []).append(sid)
    return center_staff


def _users(org, county_id, township_ids, center_staff, password_hash, created_at) -> None:
    staff_names = {row[0]: row[1] for row in org.staff}
    county_staff = center_staff[org.county_center_id]
    sfj = org.department_ids["sfj"]

    def add(username, roles, jurisdiction, department=None, staff=None, title=""):
        uid = len(org.users) + 1
        display = f"{staff_names[staff]}" if staff else title
        org.users.append(
            (
                uid,
                username,
                display,
                password_hash,
                jurisdiction,
                department,
                staff,
                0,
                None,
                False,
                True,
                created_at,
            )
        )
        org.user_roles.extend((uid, str(role)) for role in sorted(roles))
        org.users_by_name[username] = uid
        return uid

    add("desk", {Role.DESK}, county_id, staff=county_staff[1])
    add("dispatcher", {Role.DISPATCHER}, county_id, staff=county_staff[2])
    org.department_user[sfj] = add(
        "dept", {Role.DEPARTMENT}, county_id, sfj, org.on_site_staff[sfj]
    )
    add("supervisor", {Role.SUPERVISOR}, county_id, staff=county_staff[0])
    add("trainer", {Role.TRAINER}, county_id, title="培训师")
    add("admin", {Role.ADMIN}, county_id, title="系统管理员")
    first_town = org.township_center_ids[0]
    add("street", {Role.DESK}, township_ids[0], staff=center_staff[first_town][1])
    for code, _, _, _, _ in DEPARTMENTS:
        did = org.department_ids[code]
        if did not in org.department_user:
            org.department_user[did] = add(
                f"dept.{code}", {Role.DEPARTMENT}, county_id, did, org.on_site_staff[did]
            )
    for k, (tid, cid) in enumerate(zip(township_ids, org.township_center_ids, strict=True)):
        org.township_user.append(
            add(
                f"zz.{k + 1}",
                {Role.DESK, Role.DISPATCHER, Role.SUPERVISOR},
                tid,
                staff=center_staff[cid][0],
            )
        )
