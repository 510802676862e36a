"""A small county for UI tests, written through the models into a migrated SQLite file.

Cases are placed around the real "now" (a production database runs on the real clock),
so every named queue has something in it: registered, accepted, dispatched, due soon,
overdue, resolved, supervised, plus one case in another county that must never count.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from desktop.db.engine import make_engine, make_session_factory
from desktop.db.migrate import upgrade
from desktop.db.models import (
    AppMeta,
    Case,
    CaseTask,
    Category,
    Center,
    Department,
    Grid,
    Jurisdiction,
    User,
    UserRole,
)
from desktop.db.models.meta import KIND_KEY
from desktop.db.notify import notify_changed
from desktop.domain.enums import Role, Status, TaskRole, TaskStatus
from desktop.services.accounts import hash_password

PASSWORD = "Zongzhi#2026"
# One hash for every account: argon2 is slow on purpose, and the tests make several users.
_HASH = hash_password(PASSWORD)


@dataclass(frozen=True)
class Seeded:
    url: str
    path: Path | None  # None: not a SQLite file
    county_id: int
    chief_id: int  # desk + dispatcher + supervisor of the county, the dashboard user


def build(path: Path, *, training: bool) -> Seeded:
    """A seeded SQLite file (migrated here)."""
    return build_url(f"sqlite:///{path}", training=training, migrate=True, path=path)


def build_url(url: str, *, training: bool, migrate: bool, path: Path | None = None) -> Seeded:
    engine = make_engine(url)
    try:
        if migrate:
            upgrade(engine)
        with make_session_factory(engine).begin() as session:
            seeded = _fill(session, url, path, training)
    finally:
        engine.dispose()
    return seeded


def _fill(session, url: str, path: Path | None, training: bool) -> Seeded:
    now = datetime.now(UTC)

    def add(row):
        session.add(row)
        session.flush()
        return row

    add(AppMeta(key=KIND_KEY, value="training" if training else "production"))
    county = add(Jurisdiction(code="159901000000", name="云泽旗", level="county"))
    street = add(
        Jurisdiction(code="159901001000", name="东城街道", level="township", parent_id=county.id)
    )
    village = add(
        Jurisdiction(code="159901001001", name="幸福社区", level="village", parent_id=street.id)
    )
    other = add(Jurisdiction(code="159902000000", name="邻旗", level="county"))
    grid = add(
        Grid(code="G000001", name="幸福社区第1网格", kind="community", village_id=village.id)
    )
    center = add(Center(name="云泽旗综治中心", short_name="YZ", jurisdiction_id=county.id))
    other_center = add(Center(name="邻旗综治中心", short_name="LQ", jurisdiction_id=other.id))
    category = add(Category(code="01", name="矛盾纠纷", is_dispute=True))
    justice = add(
        Department(
            code="D01",
            name="司法局",
            short_name="司法局",
            jurisdiction_id=county.id,
        )
    )

    def user(username, name, roles, *, must_change=False, active=True, department=None):
        row = add(
            User(
                username=username,
                display_name=name,
                password_hash=_HASH,
                jurisdiction_id=county.id,
                department_id=department,
                must_change_password=must_change,
                active=active,
                created_at=now,
            )
        )
        for role in roles:
            session.add(UserRole(user_id=row.id, role=str(role)))
        return row

    chief = user("chief", "巴特尔·朝鲁", {Role.DESK, Role.DISPATCHER, Role.SUPERVISOR})
    user("newbie", "新同事", {Role.DESK}, must_change=True)
    user("retired", "已离岗", {Role.DESK}, active=False)
    user("clerk", "司法局干事", {Role.DEPARTMENT}, department=justice.id)

    numbers = iter(range(1, 1000))

    def case(
        status, *, due=None, warn=None, supervised=False, where=county, on=center, claimed=None
    ):
        n = next(numbers)
        placed = {"county_id": where.id}
        if where is county:
            placed.update(street_id=street.id, village_id=village.id, grid_id=grid.id)
        return add(
            Case(
                number=f"T{n:05d}",
                center_id=on.id,
                title=f"测试事项{n}",
                channel="walk_in",
                category_id=category.id,
                status=str(status),
                received_at=now - timedelta(days=3),
                due_at=due,
                warn_at=warn,
                supervised=supervised,
                updated_at=now,
                claimed_by_id=claimed,
                claimed_at=now if claimed is not None else None,  # a claim always has its time
                **placed,
            )
        )

    hour = timedelta(hours=1)
    day = timedelta(days=1)
    case(Status.REGISTERED)
    case(Status.REGISTERED, due=now + 10 * day, warn=now + 8 * day)
    case(Status.REGISTERED, claimed=chief.id)
    case(Status.ACCEPTED, due=now + 2 * hour, warn=now - hour)  # due soon
    dispatched = case(Status.DISPATCHED, due=now - day, warn=now - 3 * day)  # overdue
    add(
        CaseTask(
            case_id=dispatched.id,
            department_id=justice.id,
            role=str(TaskRole.LEAD),
            status=str(TaskStatus.DISPATCHED),
            dispatched_at=now - 2 * day,
        )
    )
    case(Status.IN_PROGRESS, due=now - hour, warn=now - day, supervised=True)  # overdue
    case(Status.IN_PROGRESS, due=now + 5 * day, warn=now + 4 * day)
    case(Status.RESOLVED)
    case(Status.RESOLVED)
    case(Status.CLOSED)
    case(Status.REGISTERED, where=other, on=other_center)  # another county: never counted
    return Seeded(url=url, path=path, county_id=county.id, chief_id=chief.id)


def register_case(url: str, county_id: int, number: str = "X00001") -> None:
    """Another seat registers a case in the county (its own engine and transaction), and
    announces it as the services do (a NOTIFY on PostgreSQL, nothing on SQLite)."""
    engine = make_engine(url)
    try:
        with make_session_factory(engine).begin() as session:
            like = session.query(Case).filter(Case.county_id == county_id).first()
            now = datetime.now(UTC)
            case = Case(
                number=number,
                center_id=like.center_id,
                title="另一席位登记",
                channel="phone",
                category_id=like.category_id,
                status=str(Status.REGISTERED),
                county_id=county_id,
                street_id=like.street_id,
                village_id=like.village_id,
                grid_id=like.grid_id,
                received_at=now,
                updated_at=now,
            )
            session.add(case)
            session.flush()
            notify_changed(session, [case.id])
    finally:
        engine.dispose()
