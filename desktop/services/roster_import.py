"""A department's rota from a spreadsheet: the cells reports/rota_reader.py read, checked in
full, then applied all at once (or nothing).

Each sheet row is a window of the center (or, for duties without a window, a department by
its name); each cell names people as the export writes them: 姓名（部门简称）, with 工号 when
a department has two people of one name, or 空缺（部门简称） for a gap. For each row, the
duties of the departments named in it are replaced for the month; other departments' duties
at that window stay. Every problem is reported with its sheet, row and column; the caller
shows the plan's changes before applying it.
"""

from __future__ import annotations

import calendar
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from desktop.db.models import Department, RotaDuty, RotaMonth, Staff, Window
from desktop.domain.enums import RotaEditKind
from desktop.domain.principal import Principal
from desktop.errors import GovDeskError
from desktop.services.meta import clock_for
from desktop.services.roster_edits import record_edits, require_unpublished
from desktop.services.roster_rules import center_of, require_editor

GAP_WORD = "空缺"
_PERSON = re.compile(
    r"^(?P<name>[^（）]+?)（(?P<department>[^（）\s]+?)(?:\s*工号(?P<number>\d+))?）$"
)


@dataclass(frozen=True)
class SheetDay:
    column: int
    letter: str
    value: object  # the day number as written


@dataclass(frozen=True)
class SheetCell:
    row: int
    letter: str
    column: int
    row_name: str | None
    text: str | None
    merged: bool  # part of a merged range (not its first cell)


@dataclass(frozen=True)
class SheetProblem:
    sheet: str
    row: int
    column: str
    code: str  # the label key under error."roster_import.<code>"
    value: str


@dataclass(frozen=True)
class SheetRota:
    sheet: str
    month: tuple[int, int] | None
    days: tuple[SheetDay, ...]
    cells: tuple[SheetCell, ...]
    problems: tuple[SheetProblem, ...]


@dataclass(frozen=True)
class CellChange:
    day: date
    place: str  # the window (or department) name
    before: tuple[str, ...]
    after: tuple[str, ...]


@dataclass(frozen=True)
class ImportPlan:
    center_id: int
    month: date
    duties: tuple[tuple[date, int | None, int, int | None], ...]  # day, window, dept, staff
    replaced: tuple[tuple[int | None, int], ...]  # (window, department) rows replaced
    changes: tuple[CellChange, ...]


class RosterImportRefused(GovDeskError):
    """The sheet has problems; nothing was written."""

    def __init__(self, problems: list[SheetProblem]) -> None:
        super().__init__("roster_import.refused", count=len(problems))
        self.problems = tuple(problems)


def problem_error(problem: SheetProblem) -> GovDeskError:
    """The problem as an error whose label names the sheet, row, column and value."""
    return GovDeskError(f"roster_import.{problem.code}", sheet=problem.sheet, row=problem.row,
                        column=problem.column, value=problem.value)  # fmt: skip


def plan_import(*, session: Session, principal: Principal, center_id: int,
                sheet: SheetRota) -> ImportPlan:  # fmt: skip
    """Check every cell; raise RosterImportRefused naming each problem, else the plan."""
    require_editor(principal)
    center_of(session, principal, center_id)
    problems = list(sheet.problems)

    def refuse(row, column, code, value):
        problems.append(SheetProblem(sheet.sheet, row, column, code, str(value)))

    if sheet.month is None:
        raise RosterImportRefused(problems)
    year, number = sheet.month
    if not (1 <= number <= 12 and 2000 <= year <= 2100):
        refuse(max(1, min((c.row for c in sheet.cells), default=6) - 3), "B", "bad_month",
               f"{year}年{number}月")  # fmt: skip
        raise RosterImportRefused(problems)
    first = date(year, number, 1)
    require_unpublished(session, center_id, first)
    length = calendar.monthrange(year, number)[1]
    header_row = min((c.row for c in sheet.cells), default=6) - 2
    days: dict[int, date] = {}
    for day in sheet.days:
        value = day.value
        if isinstance(value, datetime | date) or not str(value).isdigit():
            refuse(header_row, day.letter, "bad_day", value)
        elif not 1 <= int(value) <= length:
            refuse(header_row, day.letter, "day_outside_month", value)
        else:
            days[day.column] = first.replace(day=int(value))
    windows = dict(session.execute(select(Window.name, Window.id).where(
        Window.center_id == center_id)).all())  # fmt: skip
    departments = {}
    for department_id, name, short in session.execute(
        select(Department.id, Department.name, Department.short_name)
    ):
        departments.setdefault(short, department_id)
        departments.setdefault(name, department_id)
    duties, named_rows, places = [], set(), {}
    for cell in sheet.cells:
        if cell.row_name in windows:
            window, row_department = windows[cell.row_name], None
        elif cell.row_name in departments:
            window, row_department = None, departments[cell.row_name]
        else:
            if cell.column == sheet.days[0].column:  # once per row
                refuse(cell.row, "A", "unknown_window", cell.row_name)
            continue
        if cell.merged:
            refuse(cell.row, cell.letter, "merged_cell", "")
            continue
        if not cell.text or cell.column not in days:
            continue
        for line in cell.text.splitlines():
            found = _PERSON.match(line.strip().replace("*", ""))
            department_id = found and departments.get(found["department"])
            if not found or department_id is None:
                refuse(cell.row, cell.letter, "unknown_staff", line)
                continue
            if row_department is not None and department_id != row_department:
                refuse(cell.row, cell.letter, "wrong_department", line)
                continue
            staff_id = None
            if found["name"] != GAP_WORD or found["number"]:
                staff_id = _staff(session, found["name"], department_id, found["number"])
                if staff_id is None:
                    refuse(cell.row, cell.letter, "unknown_staff", line)
                    continue
                if staff_id == "ambiguous":
                    refuse(cell.row, cell.letter, "ambiguous_staff", line)
                    continue
            named_rows.add((window, department_id))
            places[(window, department_id)] = cell.row_name
            duties.append((days[cell.column], window, department_id, staff_id, cell))
    kept = _kept_duties(session, center_id, first, length, named_rows)
    seen: dict[tuple[date, int], object] = {(d, s): None for d, _, _, s in kept if s}
    for day, _window, _department, staff_id, cell in duties:
        if staff_id is None:
            continue
        if (day, staff_id) in seen:
            refuse(cell.row, cell.letter, "two_places", cell.text.splitlines()[0])
        seen[(day, staff_id)] = cell
    if problems:
        raise RosterImportRefused(problems)
    wanted = tuple(sorted({(d, w, dep, s) for d, w, dep, s, _ in duties},
                          key=lambda t: (t[0], t[1] or 0, t[2], t[3] or 0)))  # fmt: skip
    changes = _changes(session, center_id, first, length, named_rows, wanted, places)
    return ImportPlan(center_id, first, wanted, tuple(sorted(named_rows, key=str)), changes)


def apply_import(*, session: Session, principal: Principal, plan: ImportPlan,
                 now: datetime | None = None) -> int:  # fmt: skip
    """Replace the planned rows' duties for the month; returns the cells changed."""
    require_editor(principal)
    center_of(session, principal, plan.center_id)
    require_unpublished(session, plan.center_id, plan.month)
    now = now or clock_for(session).now()
    last = plan.month.replace(day=calendar.monthrange(plan.month.year, plan.month.month)[1])
    before = _current(session, plan.center_id, plan.month, last, set(plan.replaced))
    for window, department in plan.replaced:
        session.execute(delete(RotaDuty).where(
            RotaDuty.center_id == plan.center_id, RotaDuty.day >= plan.month,
            RotaDuty.day <= last, RotaDuty.department_id == department,
            RotaDuty.window_id.is_(None) if window is None else RotaDuty.window_id == window))  # fmt: skip
    session.add_all(RotaDuty(center_id=plan.center_id, day=d, window_id=w, department_id=dep,
                             staff_id=s) for d, w, dep, s in plan.duties)  # fmt: skip
    if session.get(RotaMonth, (plan.center_id, plan.month)) is None:
        session.add(RotaMonth(center_id=plan.center_id, month=plan.month, generated_at=now,
                              generated_by=principal.user_id or None))  # fmt: skip
    after = defaultdict(list)
    for d, w, dep, s in plan.duties:
        after[(d, w, dep)].append(s)
    rows = []
    for key in sorted(set(before) | set(after), key=lambda k: (k[0], k[1] or 0, k[2])):
        old, new = sorted(before.get(key, []), key=str), sorted(after.get(key, []), key=str)
        if old != new:
            day, window, department = key
            rows.append(dict(day=day, kind=RotaEditKind.IMPORT, window_id=window,
                             department_id=department, from_staff_id=old[0] if old else None,
                             to_staff_id=new[0] if new else None))  # fmt: skip
    if rows:
        record_edits(session, principal, plan.center_id, now, rows)
    session.flush()
    return len(rows)


def _staff(session, name, department_id, number):
    stmt = select(Staff.id).where(Staff.name == name, Staff.department_id == department_id,
                                  Staff.active.is_(True))  # fmt: skip
    if number:
        stmt = stmt.where(Staff.id == int(number))
    found = session.scalars(stmt).all()
    if not found:
        return None
    return found[0] if len(found) == 1 else "ambiguous"


def _in_month(center_id, first, length):
    return (RotaDuty.center_id == center_id, RotaDuty.day >= first,
            RotaDuty.day <= first.replace(day=length))  # fmt: skip


def _kept_duties(session, center_id, first, length, named_rows):
    """Duties that stay: other departments, other windows (and other centers) that month."""
    rows = session.execute(select(RotaDuty.day, RotaDuty.window_id, RotaDuty.department_id,
                                  RotaDuty.staff_id, RotaDuty.center_id).where(
        RotaDuty.day >= first, RotaDuty.day <= first.replace(day=length))).all()  # fmt: skip
    return [(d, w, dep, s) for d, w, dep, s, c in rows
            if c != center_id or (w, dep) not in named_rows]  # fmt: skip


def _current(session, center_id, first, last, named_rows) -> dict:
    found = defaultdict(list)
    for d, w, dep, s in session.execute(select(
            RotaDuty.day, RotaDuty.window_id, RotaDuty.department_id, RotaDuty.staff_id).where(
            RotaDuty.center_id == center_id, RotaDuty.day >= first, RotaDuty.day <= last)):  # fmt: skip
        if (w, dep) in named_rows:
            found[(d, w, dep)].append(s)
    return found


def _changes(session, center_id, first, length, named_rows, wanted, places):
    last = first.replace(day=length)
    before = _current(session, center_id, first, last, named_rows)
    after = defaultdict(list)
    for d, w, dep, s in wanted:
        after[(d, w, dep)].append(s)
    names = dict(session.execute(select(Staff.id, Staff.name)).all())

    def texts(ids):
        return tuple(sorted(names.get(s, GAP_WORD) if s else GAP_WORD for s in ids))

    out = []
    for key in sorted(set(before) | set(after), key=lambda k: (k[0], k[1] or 0, k[2])):
        old, new = texts(before.get(key, [])), texts(after.get(key, []))
        if old != new:
            out.append(CellChange(key[0], places.get((key[1], key[2]), ""), old, new))
    return tuple(out)
