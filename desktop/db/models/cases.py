"""Cases, their parties, sub-tasks, extension requests, attachments and event log."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    Boolean,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    func,
    literal,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from desktop.db.base import Base, UTCDateTime, code_string


class Case(Base):
    """The current state of one matter; its history is in case_events.

    The place is denormalised down the tree (county → street → village → grid) so that
    scoping a million rows is one indexed equality, not a tree walk.
    """

    __tablename__ = "cases"
    __table_args__ = (
        Index("ix_cases_received", "received_at", "id"),
        Index("ix_cases_status_due", "status", "due_at"),
        # The cases rejected since a moment (the dashboard's "open a day ago") are one range.
        Index("ix_cases_status_closed", "status", "closed_at"),
        Index("ix_cases_street_status", "street_id", "status", "received_at"),
        Index("ix_cases_county_status", "county_id", "status", "received_at"),
        # The map's points and counts (desktop/services/map_data) never leave this index.
        Index(
            "ix_cases_map_points", "county_id", "status", "category_id", "grid_id", "risk",
            "lat", "lng", "suspended_at", "due_at", "warn_at",
        ),
        Index("ix_cases_village", "village_id", "received_at"),
        Index("ix_cases_grid", "grid_id", "received_at"),
        # The desk's place check (same category near the point in the last 30 days) and
        # category filters: one category's recent cases are a short range of this index.
        Index("ix_cases_category_received", "category_id", "received_at"),
        # Claiming walks only unclaimed cases; a full index made each claim skip every case
        # already claimed (8.7 ms a claim after 7,000 claims; 0.5 ms with this one).
        Index(
            "ix_cases_unclaimed", "status", "received_at", "id",
            sqlite_where=text("claimed_by_id IS NULL"),
            postgresql_where=text("claimed_by_id IS NULL"),
        ),
        # Only a few cases in a hundred are repeats: the index holds just those.
        # Lapsed claims and a user's own claims: only the few claimed cases are in it.
        Index(
            "ix_cases_claimed", "claimed_at",
            sqlite_where=text("claimed_by_id IS NOT NULL"),
            postgresql_where=text("claimed_by_id IS NOT NULL"),
        ),
        Index(
            "ix_cases_repeat_of_id", "repeat_of_id",
            sqlite_where=text("repeat_of_id IS NOT NULL"),
            postgresql_where=text("repeat_of_id IS NOT NULL"),
        ),
        # The reports count by the instant of each step (desktop/services/report_conditions):
        # each family of figures reads one range of one of these.
        # The place columns ride along so a county's or street's counts per period (the
        # trend of 受理量 and 办结量) never leave the index; due_at so 按期 and "resolved after
        # the end, due before it" (超期件 as of a past end) are answered inside it.
        # category_id too: the dashboard counts this month's cases by category (0011).
        Index("ix_cases_accepted_at", "accepted_at", "county_id", "street_id", "category_id"),
        Index("ix_cases_first_resolved", "first_resolved_at", "due_at", "county_id", "street_id"),
        # 满意率 over a period (the report's, the dashboard's month and the month before)
        # counts a county's or a street's follow-ups and their ratings inside the index.
        Index(
            "ix_cases_followed_up", "closed_at", "satisfaction", "county_id", "street_id",
            sqlite_where=text("satisfaction IS NOT NULL"),
            postgresql_where=text("satisfaction IS NOT NULL"),
        ),
        Index(
            "ix_cases_repeat_received", "received_at",
            sqlite_where=text("repeat_of_id IS NOT NULL"),
            postgresql_where=text("repeat_of_id IS NOT NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(code_string(32), unique=True)
    center_id: Mapped[int] = mapped_column(ForeignKey("centers.id"))
    title: Mapped[str] = mapped_column(String(128))
    description: Mapped[str] = mapped_column(Text, default="")
    channel: Mapped[str] = mapped_column(String(24))
    category_id: Mapped[int] = mapped_column(ForeignKey("categories.id"))
    status: Mapped[str] = mapped_column(code_string(16))
    level: Mapped[str | None] = mapped_column(String(16))
    risk: Mapped[str] = mapped_column(String(8), default="normal")
    people_count: Mapped[int] = mapped_column(Integer, default=1)  # 群体性 size
    address: Mapped[str] = mapped_column(String(256), default="")
    lat: Mapped[float | None] = mapped_column(Float)
    lng: Mapped[float | None] = mapped_column(Float)
    grid_id: Mapped[int | None] = mapped_column(ForeignKey("grids.id"))
    village_id: Mapped[int | None] = mapped_column(ForeignKey("jurisdictions.id"))
    street_id: Mapped[int | None] = mapped_column(ForeignKey("jurisdictions.id"))
    county_id: Mapped[int | None] = mapped_column(ForeignKey("jurisdictions.id"))
    received_at: Mapped[datetime]
    accepted_at: Mapped[datetime | None]
    first_resolved_at: Mapped[datetime | None]  # a reopen never moves it
    resolved_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    # The clock now running (accept decision, then resolution), when it started, where it ends,
    # and how long 挂起 has stopped it: enough to recompute a provisional deadline.
    clock: Mapped[str | None] = mapped_column(String(16))
    clock_started_at: Mapped[datetime | None]
    paused_seconds: Mapped[int] = mapped_column(Integer, default=0)
    due_at: Mapped[datetime | None]
    warn_at: Mapped[datetime | None]
    due_provisional: Mapped[bool] = mapped_column(Boolean, default=False)
    suspended_at: Mapped[datetime | None]  # 挂起: the clock is stopped since then
    supervised: Mapped[bool] = mapped_column(Boolean, default=False)  # manual 督办
    result: Mapped[str | None] = mapped_column(String(24))
    satisfaction: Mapped[str | None] = mapped_column(String(16))
    repeat_of_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"))
    claimed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    claimed_at: Mapped[datetime | None]
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    updated_at: Mapped[datetime]
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}



NO_DEADLINE = datetime(9999, 12, 31, tzinfo=UTC)  # sorts a case without a deadline last


def due_order(due_at):
    """The deadline sort key, no deadline last: never NULL, which would make the keyset's
    row-value comparison unknown and drop rows from the walk. The constant is written into
    the SQL rather than bound, so that the statement's expression is the index's below."""
    return func.coalesce(due_at, literal(NO_DEADLINE, UTCDateTime(), literal_execute=True))


# Lists sorted by deadline (a category's cases by 办理期限) walk this index in order and stop
# after a page; the filter and scope columns ride along so rows are skipped inside it.
Index(
    "ix_cases_due_order",
    due_order(Case.due_at), Case.id, Case.category_id, Case.county_id, Case.street_id,
)  # fmt: skip


class CaseParty(Base):
    """当事人: applicant, respondent or third party."""

    __tablename__ = "case_parties"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    role: Mapped[str] = mapped_column(String(16))  # PartyRole
    name: Mapped[str] = mapped_column(code_string(64), index=True)  # "" for 匿名 callers
    phone: Mapped[str | None] = mapped_column(code_string(20), index=True)
    id_number: Mapped[str | None] = mapped_column(code_string(18), index=True)
    address: Mapped[str | None] = mapped_column(String(256))


class CaseWorkOrder(Base):
    """The 12345 hotline's 工单号 of a case, unique per center. A table of its own: few cases
    have one, so the million-case tables carry no empty column for it."""

    __tablename__ = "case_work_orders"
    __table_args__ = (UniqueConstraint("center_id", "number"),)

    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), primary_key=True)
    center_id: Mapped[int] = mapped_column(ForeignKey("centers.id"))
    number: Mapped[str] = mapped_column(code_string(32))


class CaseTask(Base):
    """One department's share of a dispatched case (主办 or 协办), with its own clock."""

    __tablename__ = "case_tasks"
    __table_args__ = (Index("ix_case_tasks_department_status", "department_id", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"))
    role: Mapped[str] = mapped_column(String(8))  # TaskRole
    status: Mapped[str] = mapped_column(code_string(16))  # TaskStatus
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    dispatched_at: Mapped[datetime]
    signed_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]
    clock: Mapped[str | None] = mapped_column(String(16))
    clock_started_at: Mapped[datetime | None]
    paused_seconds: Mapped[int] = mapped_column(Integer, default=0)
    due_at: Mapped[datetime | None]
    warn_at: Mapped[datetime | None]
    due_provisional: Mapped[bool] = mapped_column(Boolean, default=False)
    note: Mapped[str | None] = mapped_column(Text)


class ExtensionRequest(Base):
    """申请延期: a handler asks, a supervisor decides."""

    __tablename__ = "extension_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    task_id: Mapped[int | None] = mapped_column(ForeignKey("case_tasks.id"))
    requested_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    requested_at: Mapped[datetime]
    requested_due: Mapped[datetime]
    reason: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="pending")  # pending/approved/denied
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime | None]


class CaseEvent(Base):
    """Append-only timeline: who, when, from, to, note. Never updated or deleted."""

    __tablename__ = "case_events"
    __table_args__ = (
        # No index on (kind, at): no query uses one, and it cost 250 bytes a case and 12 s of
        # a million-case load. Reports that count events by kind and week add theirs.
        UniqueConstraint("case_id", "seq"),
        # Partial: a million events without an action id cost the index nothing.
        Index(
            "ix_case_events_client_action_id", "client_action_id", unique=True,
            sqlite_where=text("client_action_id IS NOT NULL"),
            postgresql_where=text("client_action_id IS NOT NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    seq: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(24))  # EventKind
    at: Mapped[datetime]
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    task_id: Mapped[int | None] = mapped_column(ForeignKey("case_tasks.id"))
    from_status: Mapped[str | None] = mapped_column(String(16))
    to_status: Mapped[str | None] = mapped_column(String(16))
    note: Mapped[str | None] = mapped_column(Text)
    data: Mapped[str | None] = mapped_column(Text)  # JSON with the event's particulars
    # The seat's id for the action (a UUID): a retry after a lost reply finds it and is not
    # applied twice. NULL for events written without one.
    client_action_id: Mapped[str | None] = mapped_column(code_string(36))


class Attachment(Base):
    """A file kept in the database itself, so every seat sees it; size-limited."""

    __tablename__ = "attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    event_id: Mapped[int | None] = mapped_column(ForeignKey("case_events.id"))
    filename: Mapped[str] = mapped_column(String(128))
    mime_type: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    content: Mapped[bytes] = mapped_column(LargeBinary)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime]


class CaseCounter(Base):
    """The last case number handed out per center and year; locked while incremented."""

    __tablename__ = "case_counters"

    center_id: Mapped[int] = mapped_column(ForeignKey("centers.id"), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_number: Mapped[int] = mapped_column(Integer, default=0)
