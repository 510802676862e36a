"""A tiny builder of test data, written straight through the models so tests read plainly.

    f = Factory(session)
    county = f.county("测试县")
    street = f.street(county, "东街道")
    grid = f.grid(f.village(street, "一村"), "一村1网格")
    case = f.case(grid=grid, title="邻里噪音", status=Status.REGISTERED)
    f.party(case, "张三", phone="13800000001")

Everything gets a unique code and sensible defaults; pass what the test is about.
Times default to T0 plus whole hours so orders are easy to reason about. The factory
flushes (ids are known at once) and never commits: the caller owns the transaction.
`world(session)` builds the standard two-street county most db tests start from.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy.orm import Session

from desktop.db.models import (
    Case,
    CaseParty,
    CaseTask,
    Category,
    Center,
    Department,
    Grid,
    Jurisdiction,
    Staff,
    User,
    UserRole,
)
from desktop.domain.enums import (
    Channel,
    GridKind,
    JurisdictionLevel,
    PartyRole,
    Risk,
    Role,
    Status,
    TaskRole,
    TaskStatus,
)
from desktop.domain.principal import Principal

T0 = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)  # Monday 09:00 China time


def hours(n: float) -> datetime:
    return T0 + timedelta(hours=n)


class Factory:
    def __init__(self, session: Session) -> None:
        self.session = session
        self._seq = itertools.count(1)

    def _n(self) -> int:
        return next(self._seq)

    def _add(self, obj):
        self.session.add(obj)
        self.session.flush()
        return obj

    # -- places
    def jurisdiction(self, name: str, level: JurisdictionLevel, parent=None) -> Jurisdiction:
        code = f"{150000000000 + self._n():012d}"
        parent_id = parent.id if parent is not None else None
        return self._add(Jurisdiction(code=code, name=name, level=level, parent_id=parent_id))

    def county(self, name: str = "测试县") -> Jurisdiction:
        return self.jurisdiction(name, JurisdictionLevel.COUNTY)

    def street(self, county: Jurisdiction, name: str) -> Jurisdiction:
        return self.jurisdiction(name, JurisdictionLevel.TOWNSHIP, county)

    def village(self, street: Jurisdiction, name: str) -> Jurisdiction:
        return self.jurisdiction(name, JurisdictionLevel.VILLAGE, street)

    def grid(self, village: Jurisdiction, name: str, parent: Grid | None = None) -> Grid:
        return self._add(
            Grid(
                code=f"G{self._n():06d}",
                name=name,
                kind=GridKind.COMMUNITY,
                village_id=village.id,
                parent_id=parent.id if parent is not None else None,
            )
        )

    def center(self, jurisdiction: Jurisdiction, short_name: str | None = None) -> Center:
        n = self._n()
        return self._add(
            Center(
                name=f"{jurisdiction.name}综治中心",
                short_name=short_name or f"C{n}",
                jurisdiction_id=jurisdiction.id,
            )
        )

    # -- catalogue and organisation
    def category(self, name: str, parent: Category | None = None) -> Category:
        return self._add(
            Category(
                code=f"K{self._n():04d}",
                name=name,
                parent_id=parent.id if parent is not None else None,
            )
        )

    def department(self, name: str, jurisdiction: Jurisdiction | None = None) -> Department:
        n = self._n()
        return self._add(
            Department(
                code=f"D{n:04d}",
                name=name,
                short_name=name[:8],
                jurisdiction_id=jurisdiction.id if jurisdiction is not None else None,
            )
        )

    def staff(self, department: Department, name: str = "工作人员") -> Staff:
        return self._add(Staff(name=name, department_id=department.id))

    def user(
        self,
        username: str,
        roles: set[Role] | frozenset[Role],
        jurisdiction: Jurisdiction,
        department: Department | None = None,
        staff: Staff | None = None,
    ) -> User:
        user = self._add(
            User(
                username=username,
                display_name=username,
                password_hash="x",
                jurisdiction_id=jurisdiction.id,
                department_id=department.id if department is not None else None,
                staff_id=staff.id if staff is not None else None,
                must_change_password=False,
                created_at=T0,
            )
        )
        for role in roles:
            self.session.add(UserRole(user_id=user.id, role=role))
        self.session.flush()
        return user

    def principal(self, user: User, roles: set[Role] | frozenset[Role]) -> Principal:
        place = self.session.get(Jurisdiction, user.jurisdiction_id)
        return Principal(
            user_id=user.id,
            username=user.username,
            display_name=user.display_name,
            roles=frozenset(roles),
            jurisdiction_id=user.jurisdiction_id,
            jurisdiction_level=JurisdictionLevel(place.level),
            department_id=user.department_id,
        )

    def person(self, username: str, roles, jurisdiction, department=None, staff=None):
        """A user and their principal in one go: `(user, principal)`."""
        user = self.user(username, frozenset(roles), jurisdiction, department, staff)
        return user, self.principal(user, frozenset(roles))

    # -- cases
    def case(
        self,
        *,
        center: Center,
        category: Category,
        grid: Grid | None = None,
        street: Jurisdiction | None = None,
        title: str = "测试事项",
        status: Status = Status.REGISTERED,
        channel: Channel = Channel.WALK_IN,
        risk: Risk = Risk.NORMAL,
        received_at: datetime | None = None,
        number: str | None = None,
        **columns,
    ) -> Case:
        """A case placed at `grid` (village, street and county follow) or just at `street`."""
        n = self._n()
        place: dict[str, int | None] = {"grid_id": None, "village_id": None}
        if grid is not None:
            village = self.session.get(Jurisdiction, grid.village_id)
            street = self.session.get(Jurisdiction, village.parent_id)
            place = {"grid_id": grid.id, "village_id": village.id}
        if street is None:
            raise ValueError("a case needs a grid or a street")
        received = received_at or hours(n)
        return self._add(
            Case(
                number=number or f"T2026-{n:06d}",
                center_id=center.id,
                title=title,
                channel=channel,
                category_id=category.id,
                status=status,
                risk=risk,
                street_id=street.id,
                county_id=street.parent_id,
                received_at=received,
                updated_at=received,
                **place,
                **columns,
            )
        )

    def party(
        self,
        case: Case,
        name: str,
        *,
        phone: str | None = None,
        id_number: str | None = None,
        role: PartyRole = PartyRole.APPLICANT,
    ) -> CaseParty:
        return self._add(
            CaseParty(case_id=case.id, role=role, name=name, phone=phone, id_number=id_number)
        )

    def task(
        self,
        case: Case,
        department: Department,
        *,
        status: TaskStatus = TaskStatus.DISPATCHED,
        role: TaskRole = TaskRole.LEAD,
        assignee: Staff | None = None,
        dispatched_at: datetime | None = None,
    ) -> CaseTask:
        return self._add(
            CaseTask(
                case_id=case.id,
                department_id=department.id,
                role=role,
                status=status,
                assignee_id=assignee.id if assignee is not None else None,
                dispatched_at=dispatched_at or case.received_at,
            )
        )


@dataclass
class World:
    """One county, two streets (east, west) with a village and a grid (plus a micro-grid)."""

    f: Factory
    county: Jurisdiction
    east: Jurisdiction
    west: Jurisdiction
    east_village: Jurisdiction
    west_village: Jurisdiction
    east_grid: Grid
    east_micro: Grid  # a 微网格 inside east_grid
    west_grid: Grid
    center: Center
    disputes: Category  # top level 矛盾纠纷
    neighbours: Category  # its child 邻里纠纷
    labour: Category  # its child 劳动争议
    safety: Category  # another top level 安全隐患
    police: Department
    justice: Department


def world(session: Session) -> World:
    f = Factory(session)
    county = f.county("测试县")
    east, west = f.street(county, "东街道"), f.street(county, "西街道")
    ev, wv = f.village(east, "东一社区"), f.village(west, "西一社区")
    east_grid = f.grid(ev, "东一1网格")
    disputes = f.category("矛盾纠纷")
    return World(
        f=f,
        county=county,
        east=east,
        west=west,
        east_village=ev,
        west_village=wv,
        east_grid=east_grid,
        east_micro=f.grid(ev, "东一1-1微网格", parent=east_grid),
        west_grid=f.grid(wv, "西一1网格"),
        center=f.center(county, "测试"),
        disputes=disputes,
        neighbours=f.category("邻里纠纷", parent=disputes),
        labour=f.category("劳动争议", parent=disputes),
        safety=f.category("安全隐患"),
        police=f.department("公安局", county),
        justice=f.department("司法局", county),
    )
