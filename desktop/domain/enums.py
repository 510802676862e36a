"""Codes stored in the database. Display text lives in resources/labels.toml."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    DESK = "desk"  # 窗口受理员
    DISPATCHER = "dispatcher"  # 分流调度员
    DEPARTMENT = "department"  # 部门人员
    SUPERVISOR = "supervisor"  # 中心主任
    TRAINER = "trainer"  # 培训师
    ADMIN = "admin"  # 管理员


class JurisdictionLevel(StrEnum):
    CITY = "city"
    COUNTY = "county"
    TOWNSHIP = "township"  # 苏木/乡/镇/街道
    VILLAGE = "village"  # 嘎查/村/社区


class GeoLevel(StrEnum):
    """What a boundary file holds (govdesk geo import --level): a tree level or a grid."""

    COUNTY = "county"  # 旗/县/区
    STREET = "street"  # 苏木/乡/镇/街道 (JurisdictionLevel.TOWNSHIP)
    COMMUNITY = "community"  # 嘎查/村/社区 (JurisdictionLevel.VILLAGE)
    GRID = "grid"  # 网格
    MICRO_GRID = "micro_grid"  # 微网格


class GridKind(StrEnum):
    COMMUNITY = "community"  # 社区网格
    RURAL = "rural"  # 农区网格
    DEDICATED = "dedicated"  # 专属网格


class GridMemberRole(StrEnum):
    GRID_HEAD = "grid_head"  # 网格长
    FULLTIME = "fulltime"  # 专职网格员
    PARTTIME = "parttime"  # 兼职网格员
    BUILDING_HEAD = "building_head"  # 楼栋长/单元长
    POLICE = "police"  # 社区民警


class Stationing(StrEnum):
    PERMANENT = "permanent"  # 常驻
    ROTATING = "rotating"  # 轮驻
    ON_CALL = "on_call"  # 随驻/随叫随到


class RosterPattern(StrEnum):
    """Which working days a stationed department is due (desktop/domain/roster.py)."""

    EVERY_WORKDAY = "every_workday"  # 每个工作日
    WEEKDAYS = "weekdays"  # 每周固定几天
    ALTERNATE_WEEKS = "alternate_weeks"  # 隔周
    MONTHLY_DAYS = "monthly_days"  # 每月 N 天


class Arrival(StrEnum):
    """A rostered person's arrival on a day, derived from the shift times and check-ins."""

    PENDING = "pending"  # 待到岗: not in yet, still within the grace period
    ON_TIME = "on_time"  # 已到岗
    LATE = "late"  # 迟到
    MISSING = "missing"  # 未到岗: past the grace period, the day not over yet
    ABSENT = "absent"  # 缺勤: the day is over and nobody came


class Presence(StrEnum):
    """How reachable a department is at a center right now (dispatch order)."""

    ON_SITE = "on_site"  # 在岗: someone checked in and not out
    ON_CALL = "on_call"  # 随叫随到
    DUE = "due"  # 今日排班但未到
    AWAY = "away"  # 不在中心


class RotaChange(StrEnum):
    """Why a generated rota day needs a supervisor's look after a calendar change."""

    NOW_HOLIDAY = "now_holiday"  # rostered, but the calendar now says holiday
    NOW_WORKDAY = "now_workday"  # left empty, but the calendar now says working day


class RotaDay(StrEnum):
    """How a day of the month view and the printed rota is shaded."""

    WORKDAY = "workday"  # 工作日
    WEEKEND = "weekend"  # 周末
    HOLIDAY = "holiday"  # 节假日
    MAKEUP = "makeup"  # 调休上班: a weekend day that is a working day


class RotaEditKind(StrEnum):
    """A recorded change of the rota (desktop/services/roster_edits.py)."""

    EDIT = "edit"  # 调整: a cell set directly, before publishing only
    SWAP = "swap"  # 换班: two people exchange their duties
    LEAVE = "leave"  # 请假: the person's duty becomes a gap
    COVER = "cover"  # 代班: a colleague takes the absent person's duty
    PUBLISH = "publish"  # 发布: the month is locked
    IMPORT = "import"  # 导入: a cell set from a department's spreadsheet


class Channel(StrEnum):
    WALK_IN = "walk_in"
    PHONE = "phone"
    HOTLINE_12345 = "hotline_12345"
    GRID_REPORT = "grid_report"
    ONLINE = "online"
    POLICE_110 = "police_110"
    PETITION_TRANSFER = "petition_transfer"
    DEPARTMENT_TRANSFER = "department_transfer"
    SUPERIOR_ASSIGNED = "superior_assigned"


class Status(StrEnum):
    REGISTERED = "registered"  # 登记
    ACCEPTED = "accepted"  # 已受理
    REJECTED = "rejected"  # 不予受理
    DISPATCHED = "dispatched"  # 已派单
    IN_PROGRESS = "in_progress"  # 处置中
    RESOLVED = "resolved"  # 已办结
    CLOSED = "closed"  # 已结案


OPEN_STATUSES = frozenset(
    {Status.REGISTERED, Status.ACCEPTED, Status.DISPATCHED, Status.IN_PROGRESS}
)


class Level(StrEnum):
    GRID = "grid"  # 网格/村社 就地
    TOWNSHIP = "township"  # 镇街中心
    COUNTY = "county"  # 县级中心
    UPWARD = "upward"  # 上报


class Risk(StrEnum):
    NORMAL = "normal"
    YELLOW = "yellow"
    ORANGE = "orange"
    RED = "red"


RISK_ORDER = (Risk.NORMAL, Risk.YELLOW, Risk.ORANGE, Risk.RED)


class PartyRole(StrEnum):
    APPLICANT = "applicant"
    RESPONDENT = "respondent"
    THIRD_PARTY = "third_party"


class TaskRole(StrEnum):
    LEAD = "lead"  # 主办
    ASSIST = "assist"  # 协办


class TaskStatus(StrEnum):
    DISPATCHED = "dispatched"  # 待签收
    IN_PROGRESS = "in_progress"  # 已签收, 处置中
    REPORTED = "reported"  # 协办已反馈
    RESOLVED = "resolved"  # 主办已办结
    RETURNED = "returned"  # 退单
    RECALLED = "recalled"  # 撤回


ACTIVE_TASK_STATUSES = frozenset({TaskStatus.DISPATCHED, TaskStatus.IN_PROGRESS})


class Result(StrEnum):
    MEDIATED = "mediated"  # 调解成功
    MEDIATION_FAILED = "mediation_failed"  # 调解不成
    LITIGATION = "litigation"  # 引导诉讼/仲裁
    SOLVED = "solved"  # 已解决
    PARTLY_SOLVED = "partly_solved"  # 部分解决
    OUT_OF_SCOPE = "out_of_scope"  # 不属于受理范围
    OTHER_CHANNEL = "other_channel"  # 转其他渠道


class Satisfaction(StrEnum):
    SATISFIED = "satisfied"
    BASICALLY = "basically"
    UNSATISFIED = "unsatisfied"


class ClockKind(StrEnum):
    ACCEPT = "accept"  # 受理 decision
    SIGN = "sign"  # 签收
    RESOLVE = "resolve"  # 办结


class DeadlineUnit(StrEnum):
    DAY = "day"  # calendar days
    WORKDAY = "workday"  # working days on the official calendar


class DeadlineColour(StrEnum):
    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"


class SupervisionLevel(StrEnum):
    NONE = "none"
    NORMAL = "normal"  # 普通督办 (manual flag)
    YELLOW_CARD = "yellow_card"  # 黄牌督办
    RED_CARD = "red_card"  # 红牌督办


class DayKind(StrEnum):
    HOLIDAY = "holiday"
    WORKDAY = "workday"


class EventKind(StrEnum):
    REGISTER = "register"
    ACCEPT = "accept"
    REJECT = "reject"
    SET_LEVEL = "set_level"
    RESOLVE_ON_SPOT = "resolve_on_spot"
    DISPATCH = "dispatch"
    RECALL = "recall"
    SIGN = "sign"
    RETURN = "return"
    NOTE = "note"
    REQUEST_EXTENSION = "request_extension"
    APPROVE_EXTENSION = "approve_extension"
    DENY_EXTENSION = "deny_extension"
    SUSPEND = "suspend"
    RESUME = "resume"
    SUPERVISE = "supervise"
    REPORT = "report"  # 协办反馈
    RESOLVE = "resolve"
    FOLLOW_UP = "follow_up"
    REOPEN = "reopen"
    MERGE = "merge"
    CLOSE_WITH_ORIGINAL = "close_with_original"
    RAISE_RISK = "raise_risk"
    RECOMPUTE_DEADLINE = "recompute_deadline"  # 期限重算
    ATTACH = "attach"
    EDIT = "edit"
    REVEAL = "reveal"  # someone looked at a party's unmasked personal data
    ASSIGN = "assign"  # a sub-task's assignee set or changed


class NamedQueue(StrEnum):
    """The work queues of the desk; their conditions are in desktop/domain/queues.py."""

    PENDING_ACCEPT = "pending_accept"  # 待受理
    PENDING_TRIAGE = "pending_triage"  # 待分流
    MY_TODO = "my_todo"  # 我的待办
    DEPT_TO_SIGN = "dept_to_sign"  # 部门待签收
    IN_PROGRESS = "in_progress"  # 处置中
    DUE_SOON = "due_soon"  # 即将超期
    OVERDUE = "overdue"  # 已超期
    PENDING_FOLLOW_UP = "pending_follow_up"  # 待回访
    SUPERVISED = "supervised"  # 督办件
    ALL = "all"  # 全部
