"""The roster (排班): rules per center, the generated rota, its flags, and check-ins."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from desktop.db.base import Base
from desktop.domain.roster import DEFAULT_AM, DEFAULT_GRACE_MINUTES, DEFAULT_PM


class RosterSettings(Base):
    """A center's shift times (minutes after local midnight) and late grace period."""

    __tablename__ = "roster_settings"

    center_id: Mapped[int] = mapped_column(ForeignKey("centers.id"), primary_key=True)
    am_start: Mapped[int] = mapped_column(Integer, default=DEFAULT_AM[0])
    am_end: Mapped[int] = mapped_column(Integer, default=DEFAULT_AM[1])
    pm_start: Mapped[int] = mapped_column(Integer, default=DEFAULT_PM[0])
    pm_end: Mapped[int] = mapped_column(Integer, default=DEFAULT_PM[1])
    grace_minutes: Mapped[int] = mapped_column(Integer, default=DEFAULT_GRACE_MINUTES)


class RosterRule(Base):
    """How one department is stationed at one center (and at which window)."""

    __tablename__ = "roster_rules"

    id: Mapped[int] = mapped_column(primary_key=True)
    center_id: Mapped[int] = mapped_column(ForeignKey("centers.id"), index=True)
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"))
    window_id: Mapped[int | None] = mapped_column(ForeignKey("windows.id"))
    mode: Mapped[str] = mapped_column(String(16))  # Stationing
    pattern: Mapped[str] = mapped_column(String(16))  # RosterPattern
    weekdays: Mapped[str | None] = mapped_column(String(7))  # ISO weekday digits, "24"
    anchor_day: Mapped[date | None]  # alternate weeks: this day's week is on
    days_per_month: Mapped[int | None] = mapped_column(Integer)
    agreed_days: Mapped[int | None] = mapped_column(Integer)  # agreed days a month (warning)
    rotate: Mapped[bool] = mapped_column(Boolean, default=False)  # listed staff take turns
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class RosterRuleStaff(Base):
    """The staff of a rule, in turn order; for 随驻 they are the on-call contacts."""

    __tablename__ = "roster_rule_staff"

    rule_id: Mapped[int] = mapped_column(ForeignKey("roster_rules.id"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))


class RotaMonth(Base):
    """A month whose rota was generated; provisional if the calendar only guessed it."""

    __tablename__ = "rota_months"

    center_id: Mapped[int] = mapped_column(ForeignKey("centers.id"), primary_key=True)
    month: Mapped[date] = mapped_column(primary_key=True)  # the first day
    provisional: Mapped[bool] = mapped_column(Boolean, default=False)
    generated_at: Mapped[datetime]
    generated_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # Published: locked against direct edits; later changes are recorded swaps, leave, cover.
    published_at: Mapped[datetime | None]
    published_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class RotaDuty(Base):
    """One person (or nobody: a gap) due at a center's window on one working day."""

    __tablename__ = "rota_duties"
    __table_args__ = (Index("ix_rota_duties_center_id_day", "center_id", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    center_id: Mapped[int] = mapped_column(ForeignKey("centers.id"))
    day: Mapped[date]
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"))
    window_id: Mapped[int | None] = mapped_column(ForeignKey("windows.id"))
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), index=True)
    rule_id: Mapped[int | None] = mapped_column(ForeignKey("roster_rules.id"))


class RotaFlag(Base):
    """A rota day the calendar changed under after generation, for the supervisor to see."""

    __tablename__ = "rota_flags"

    center_id: Mapped[int] = mapped_column(ForeignKey("centers.id"), primary_key=True)
    day: Mapped[date] = mapped_column(primary_key=True)
    change: Mapped[str] = mapped_column(String(16))  # RotaChange
    flagged_at: Mapped[datetime]


class RotaEdit(Base):
    """One recorded change of one rota cell (or the publishing of a month). Never updated.

    A swap writes two rows with the same `step` (the first row's id); leave and cover write
    one row per day. Who asked is a staff member, who approved is the recording user.
    """

    __tablename__ = "rota_edits"
    __table_args__ = (Index("ix_rota_edits_center_id_day", "center_id", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    step: Mapped[int | None] = mapped_column(Integer)
    center_id: Mapped[int] = mapped_column(ForeignKey("centers.id"))
    day: Mapped[date]
    kind: Mapped[str] = mapped_column(String(16))  # RotaEditKind
    department_id: Mapped[int | None] = mapped_column(ForeignKey("departments.id"))
    window_id: Mapped[int | None] = mapped_column(ForeignKey("windows.id"))
    from_staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    to_staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    asked_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    approved_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime]
    after_publishing: Mapped[bool] = mapped_column(Boolean, default=False)
    tasks_moved: Mapped[int] = mapped_column(Integer, default=0)
    note: Mapped[str | None] = mapped_column(Text)


class CheckIn(Base):
    """到岗签到 of one staff member on one local day; check-out fills `checked_out_at`."""

    __tablename__ = "check_ins"
    __table_args__ = (
        UniqueConstraint("staff_id", "day"),
        Index("ix_check_ins_center_id_day", "center_id", "day"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    center_id: Mapped[int] = mapped_column(ForeignKey("centers.id"))
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    day: Mapped[date]
    checked_in_at: Mapped[datetime]
    checked_out_at: Mapped[datetime | None]
    method: Mapped[str] = mapped_column(String(16))  # "password" or "pin"
    recorded_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
