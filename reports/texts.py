"""Words of the workbooks: titles, period wording, column names (Chinese, as filed)."""

from __future__ import annotations

from desktop.domain.metrics import UNDISPATCHED, UNPLACED, Dimension, Metric, PeriodKind
from desktop.labels import label
from desktop.services.report_period import Period

REPORT_NAME = {PeriodKind.WEEK: "一周一反馈", PeriodKind.MONTH: "一月一调度",
               PeriodKind.YEAR: "年度报告"}  # fmt: skip

METRIC_UNIT = {Metric.MEAN_DAYS: "个工作日"}

# What each figure counts, printed beside it so nobody has to argue about definitions.
DEFINITION = {
    Metric.INTAKE: "本期受理的案件数",
    Metric.RESOLVED: "本期首次办结的案件数（重新办理不重复计）",
    Metric.RESOLUTION_RATE: "本期受理且期末前办结 ÷ 本期受理",
    Metric.ON_TIME_RATE: "本期办结中按期限（含延期、挂起）办结 ÷ 本期办结",
    Metric.OVERDUE: "期末仍未办结、且按现行期限已过期的案件（挂起中的不计）",
    Metric.DISPUTE_RATE: "矛盾纠纷类办结中调解成功或已解决 ÷ 矛盾纠纷类办结",
    Metric.MEDIATION_RATE: "调解成功 ÷（调解成功 + 调解不成），本期办结",
    Metric.SATISFACTION_RATE: "（满意 + 基本满意）÷ 本期回访结案数",
    Metric.REPEATS: "本期登记并关联为重复件的案件数（已计入受理量）",
    Metric.MEAN_DAYS: "本期办结案件从受理到首次办结的平均工作日数",
}

OVERDUE_NOTE = (
    "超期件按报告期末统计：期末尚未办结（未首次办结、未不予受理），且按现行期限（含延期）"
    "期限早于期末的案件；挂起中的案件时钟停止，不计入。"
)


def overdue_note(period: Period) -> str:
    """OVERDUE_NOTE, and for a period still running the instant that stands for its end."""
    if period.as_of is None:
        return OVERDUE_NOTE
    return OVERDUE_NOTE + f"本期尚未结束，期末按{_day(period.as_of)}0时计。"


def metric_name(metric: Metric) -> str:
    return label("metric", str(metric))


def report_title(center_name: str, period: Period) -> str:
    kind = label("period_kind", str(period.kind))
    return f"{center_name} {REPORT_NAME[period.kind]}（{kind}）"


def period_text(period: Period) -> str:
    """2026年第47周（2026年11月16日—2026年11月22日）, 2026年11月（…）, 2026年（…，截至…0时）."""
    span = f"{_day(period.first)}—{_day(period.last)}"
    if period.as_of is not None:
        span += f"，截至{_day(period.as_of)}0时"
    if period.kind == PeriodKind.WEEK:
        year, week, _ = period.first.isocalendar()
        return f"{year}年第{week}周（{span}）"
    if period.kind == PeriodKind.MONTH:
        return f"{period.first.year}年{period.first.month}月（{span}）"
    return f"{period.first.year}年（{span}）"


def short_period(period: Period) -> str:
    if period.kind == PeriodKind.WEEK:
        return f"第{period.first.isocalendar()[1]}周"
    if period.kind == PeriodKind.MONTH:
        return f"{period.first.month}月"
    return f"{period.first.year}年"


def _day(day) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def row_name(dimension: Dimension, key, name: str) -> str:
    """A breakdown row's name: the database's, a channel's label, or 未派单 / 未定位."""
    if dimension == Dimension.CHANNEL:
        return label("channel", str(key))
    if key is None:
        return label("dimension", UNDISPATCHED if dimension == Dimension.DEPARTMENT else UNPLACED)
    return name


SHEET = {
    "cover": "封面",
    "summary": "汇总",
    Dimension.STREET: "按街道",
    Dimension.CATEGORY: "按类别",
    Dimension.CHANNEL: "按渠道",
    Dimension.DEPARTMENT: "按部门",
    "ageing": "办理进度",
    "overdue": "超期件",
    "repeats": "重复投诉",
    "attendance": "出勤",
    "trend": "趋势",
    "detail": "明细",
}
