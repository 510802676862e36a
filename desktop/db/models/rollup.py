"""The daily rollup of the report figures (desktop/services/report_rollup.py keeps it)."""

from __future__ import annotations

from sqlalchemy import Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from desktop.db.base import Base

# The counted measures, one column each (see report_rollup.contributions for their days).
ROLLUP_MEASURES = (
    "accepted",
    "accepted_resolved_week",
    "accepted_resolved_month",
    "accepted_resolved_year",
    "resolved",
    "resolved_on_time",
    "disputes_resolved",
    "disputes_solved",
    "mediation_tried",
    "mediated",
    "timed",
    "working_days",
    "followed_up",
    "satisfied",
    "repeats",
    "overdue_start",
    "overdue_stop",
)


class ReportRollup(Base):
    """Counts per local day, place and breakdown row: one row set per breakdown dimension.

    A case adds to the rows of its street, its top category, its channel and its 主办
    department (each once per dimension), on the day of each step a measure counts. Place
    keys are 0 and breakdown keys "" for none (NULL is no key of a primary key).
    """

    __tablename__ = "report_rollup"
    __table_args__ = (
        # 超期件 at an end sums start - stop over every day before it, per breakdown row: this
        # narrow index is read in its grouping order instead of the whole table (annual
        # breakdowns at a million cases: 0.6 s → 0.18 s CPU on SQLite).
        Index("ix_report_rollup_overdue", "dimension", "key", "day", "county_id", "street_id",
              "overdue_start", "overdue_stop"),
    )  # fmt: skip

    dimension: Mapped[str] = mapped_column(String(12), primary_key=True)
    # The local (China) date as days since 1970-01-01: SQL computes it from an instant on
    # both databases alike (report_conditions.local_day_number).
    day: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    county_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    street_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    key: Mapped[str] = mapped_column(String(24), primary_key=True)
    accepted: Mapped[int] = mapped_column(Integer, default=0)
    accepted_resolved_week: Mapped[int] = mapped_column(Integer, default=0)
    accepted_resolved_month: Mapped[int] = mapped_column(Integer, default=0)
    accepted_resolved_year: Mapped[int] = mapped_column(Integer, default=0)
    resolved: Mapped[int] = mapped_column(Integer, default=0)
    resolved_on_time: Mapped[int] = mapped_column(Integer, default=0)
    disputes_resolved: Mapped[int] = mapped_column(Integer, default=0)
    disputes_solved: Mapped[int] = mapped_column(Integer, default=0)
    mediation_tried: Mapped[int] = mapped_column(Integer, default=0)
    mediated: Mapped[int] = mapped_column(Integer, default=0)
    timed: Mapped[int] = mapped_column(Integer, default=0)
    working_days: Mapped[int] = mapped_column(Integer, default=0)
    followed_up: Mapped[int] = mapped_column(Integer, default=0)
    satisfied: Mapped[int] = mapped_column(Integer, default=0)
    repeats: Mapped[int] = mapped_column(Integer, default=0)
    overdue_start: Mapped[int] = mapped_column(Integer, default=0)
    overdue_stop: Mapped[int] = mapped_column(Integer, default=0)
