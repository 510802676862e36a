"""Categories with their deadline rules, and the holiday/make-up-day overrides."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from desktop.db.base import Base


class Category(Base):
    """Two levels: parent_id is NULL at the top (矛盾纠纷, 社会治安, …)."""

    __tablename__ = "categories"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(64))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("categories.id"), index=True)
    is_dispute: Mapped[bool] = mapped_column(Boolean, default=False)  # in the 矛盾纠纷 tree
    is_petition: Mapped[bool] = mapped_column(Boolean, default=False)  # in the 信访 tree
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class DeadlineRule(Base):
    """How long one clock of a category runs: e.g. 办结, from 受理, 60 日."""

    __tablename__ = "deadline_rules"
    __table_args__ = (UniqueConstraint("category_id", "clock"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("categories.id"))
    clock: Mapped[str] = mapped_column(String(16))  # ClockKind
    start_event: Mapped[str] = mapped_column(String(16))  # EventKind that starts it
    amount: Mapped[int] = mapped_column(Integer)
    unit: Mapped[str] = mapped_column(String(16))  # DeadlineUnit


class CalendarDay(Base):
    """An admin's entry that beats the calendar library: a holiday or a make-up workday."""

    __tablename__ = "calendar_days"

    day: Mapped[date] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))  # DayKind
    note: Mapped[str | None] = mapped_column(String(64))
