"""Report vocabulary: the metric codes of DOMAIN.md, breakdown dimensions, ageing buckets.

Codes only; their display names are in resources/labels.toml ([metric], [dimension], [ageing]).
The SQL definition of each metric is in desktop/services/report_figures.py.
"""

from __future__ import annotations

from enum import StrEnum


class Metric(StrEnum):
    INTAKE = "intake"  # 受理量
    RESOLVED = "resolved"  # 办结量
    RESOLUTION_RATE = "resolution_rate"  # 办结率
    ON_TIME_RATE = "on_time_rate"  # 按期办结率
    OVERDUE = "overdue"  # 超期件
    DISPUTE_RATE = "dispute_rate"  # 化解率
    MEDIATION_RATE = "mediation_rate"  # 调解成功率
    SATISFACTION_RATE = "satisfaction_rate"  # 满意率
    REPEATS = "repeats"  # 重复件
    MEAN_DAYS = "mean_days"  # 平均办理时长 (working days)


HEADLINE = tuple(Metric)  # the summary sheet's order is DOMAIN.md's
RATES = frozenset({Metric.RESOLUTION_RATE, Metric.ON_TIME_RATE, Metric.DISPUTE_RATE,
                   Metric.MEDIATION_RATE, Metric.SATISFACTION_RATE})  # fmt: skip
# A rise is good news for every figure but these (the arrow colours follow).
LOWER_IS_BETTER = frozenset({Metric.OVERDUE, Metric.REPEATS, Metric.MEAN_DAYS})

# Rates coloured when below these, unless the center sets its own (issue #8's defaults).
DEFAULT_TARGETS = {
    Metric.ON_TIME_RATE: 0.90,
    Metric.SATISFACTION_RATE: 0.95,
    Metric.DISPUTE_RATE: 0.80,
}


class Dimension(StrEnum):
    STREET = "street"
    CATEGORY = "category"  # the top-level category (a child counts under its parent)
    CHANNEL = "channel"
    DEPARTMENT = "department"  # the 主办 department; undispatched cases under UNDISPATCHED


UNDISPATCHED = "undispatched"  # 未派单: the key of cases without a 主办 department
UNPLACED = "unplaced"  # a case without a street (should not happen; counted, never dropped)


class Ageing(StrEnum):
    OVERDUE_UNACCEPTED = "overdue_unaccepted"  # 逾期未受理
    OPEN_WITHIN_7 = "open_within_7"  # 七天内在办
    OPEN_OVER_7 = "open_over_7"  # 超七天在办
    RESOLVED_ON_TIME = "resolved_on_time"  # 按期办结
    RESOLVED_LATE = "resolved_late"  # 超期办结


class PeriodKind(StrEnum):
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"
